"""Read government work reports as they are published: text, PDF, Word, web pages, tables.

>>> from datong_lib import config
>>> doc = read_document(config.RAW_DIR / "national_2022.txt")
>>> doc.reader, doc.metadata["level"], doc.metadata["report_year"]
('text', 'nation', 2022)
"""

from __future__ import annotations

from pathlib import Path

from ..report.decode import check_text, decode_bytes
from ..errors import ReportError
from .clean import assemble, clean_lines, mark_headings
from .document import READERS, Document
from .meta import body_metadata, merge_metadata, speaker_in
from .sniff import sniff

__all__ = ["Document", "READERS", "read_documents", "read_document"]


def _check_body(lines: list[str], source: str, least: int = 20) -> None:
    from ._dom import han_count

    seen = 0
    for line in lines:  # stop as soon as there is enough: a long report is counted in a few lines
        seen += han_count(line)
        if seen >= least:
            return
    if seen < least:
        raise ReportError(
            f"{source} holds no report text after clean-up (fewer than {least} Chinese characters); "
            "check that it is a government work report."
        )


def _finish(lines, tags, meta, *, reader, encoding, source, soft=None, join=True, front="") -> Document:
    cleaned = clean_lines(lines, tags, soft=soft, join=join)
    # A plain text file is taken as given (a short excerpt is fine); a container must hold a report.
    _check_body(cleaned.lines, source, 1 if reader == "text" else 20)
    text, locators = assemble(cleaned.lines, cleaned.tags)
    container = {**cleaned.metadata, **{k: v for k, v in meta.items() if v not in (None, "")}}
    metadata = merge_metadata(container, body_metadata(text))
    fronts = "\n".join(f for f in (front, cleaned.front) if f)
    if fronts:  # a dateline or a speaker's line set apart before 各位代表 still says where and when
        extra = body_metadata(fronts)
        for key in ("place", "parent", "level", "date", "meeting", "speaker_title"):
            if key not in metadata and extra.get(key):
                metadata[key] = extra[key]
    if "speaker" not in metadata and fronts and speaker_in(fronts):
        metadata["speaker"] = speaker_in(fronts)
    return Document(text, metadata, reader, encoding, locators, fronts, source)


def _read_text(path: Path, data: bytes) -> list[Document]:
    from .html import looks_like_html, read_html_text

    text, encoding = decode_bytes(data, str(path))
    if looks_like_html(text):
        return _read_html(path, text, encoding)
    check_text(text, str(path))
    return [_finish(text.splitlines(), None, {}, reader="text", encoding=encoding, source=str(path))]


def _read_html(path: Path, text: str, encoding: str) -> list[Document]:
    from .html import read_html_text

    low = text[:3000].lower()
    fragment = "<html" not in low and "<body" not in low and "<!doctype" not in low
    lines, meta, front = read_html_text(text, str(path), fragment=fragment)
    return [_finish(lines, None, meta, reader="html" if not fragment else "text", encoding=encoding,
                    source=str(path), soft=False, join=False, front=front)]


def _read_mhtml(path: Path, data: bytes) -> list[Document]:
    import email
    from email import policy

    msg = email.message_from_bytes(data, policy=policy.default)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            html = part.get_content()
            return _read_html(path, html, part.get_content_charset() or "utf-8")
    raise ReportError(f"{path} is a web archive (.mhtml) with no HTML page inside; save the page again.")


def _read_table(path: Path, data: bytes, kind: str) -> list[Document]:
    from .table import row_metadata, rows_from_csv, rows_from_xlsx, text_column

    header, rows, encoding = rows_from_csv(data, str(path)) if kind == "csv" else rows_from_xlsx(path)
    col = text_column(header, rows, str(path))
    docs = []
    for n, row in enumerate(rows, start=1):
        cell = row[col] if col < len(row) else ""
        if len(cell.strip()) < 200:
            continue  # a note or an empty row, not a report
        meta = row_metadata(header, row, col)
        docs.append(_finish(cell.splitlines(), None, meta, reader=kind,
                            encoding=encoding, source=str(path)))
        docs[-1].locators = [(0, {"row": n})]
        docs[-1].metadata["row"] = n
    if not docs:
        raise ReportError(
            f"{path}: the text column {header[col]!r} holds no report (no cell of 200+ characters); "
            "check the export."
        )
    return docs


def _read_pdf(path: Path) -> list[Document]:
    from .pdf import read_pdf

    paras, meta = read_pdf(path)
    lines = mark_headings([(t, lv) for t, lv, _ in paras])
    # mark_headings may prefix '#'; shift the locators of those lines to match.
    tags = []
    for line, (t, _, locs) in zip(lines, paras):
        shift = len(line) - len(t)
        tags.append([(off + (shift if off else 0), tag) for off, tag in locs])
    return [_finish(lines, tags, meta, reader="pdf", encoding="utf-8", source=str(path), join=False)]


def _read_docx(path: Path, data: bytes) -> list[Document]:
    from .docx import docx_metadata, read_docx_items

    items = read_docx_items(path, data)
    lines = mark_headings([(t.strip(), lv) for t, lv in items])
    return [_finish(lines, None, docx_metadata(path, data), reader="docx", encoding="utf-8", source=str(path))]


def read_documents(path) -> list[Document]:
    """Return every report in *path*: one for most files, one per report row of a table.

    The reader is chosen by content (``%PDF``, a zip holding ``word/document.xml`` or
    ``xl/``, an HTML page, a CSV with a report column) and then by suffix.

    Raises
    ------
    ReportError
        When the file is missing, of an unsupported kind, or holds no report text;
        the message names the file and the fix.
    """
    path = Path(path).expanduser()
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ReportError(f"{path} is a folder; give a report file inside it.") from None
    except FileNotFoundError:
        raise ReportError(f"report file not found: {path}") from None
    except OSError as exc:
        raise ReportError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not data:
        raise ReportError(f"{path} is empty (0 bytes); give a report file that holds text.")
    if not data.strip():
        raise ReportError(f"{path} holds only whitespace; give a report with text.")
    kind = sniff(path, data)
    if kind == "pdf":
        return _read_pdf(path)
    if kind == "docx":
        return _read_docx(path, data)
    if kind in ("csv", "xlsx"):
        return _read_table(path, data, kind)
    if kind == "html":
        if data[:2000].lower().find(b"mime-version:") >= 0:
            return _read_mhtml(path, data)
        text, encoding = decode_bytes(data, str(path))
        return _read_html(path, text, encoding)
    return _read_text(path, data)


def read_document(path, row: int | None = None) -> Document:
    """Return the one report in *path*; *row* picks one of a table's report rows (1-based).

    Raises
    ------
    ReportError
        When the file holds several reports and *row* is not given (the message lists
        them), or *row* is not one of them.
    """
    docs = read_documents(path)
    if row is None:
        if len(docs) == 1:
            return docs[0]
        listing = "; ".join(f"row {d.metadata.get('row')}: {d.metadata.get('title', d.text[:20])}" for d in docs)
        raise ReportError(f"{path} holds {len(docs)} reports ({listing}); pass row=N to choose one.")
    for d in docs:
        if d.metadata.get("row") == row:
            return d
    rows = ", ".join(str(d.metadata.get("row")) for d in docs)
    raise ReportError(f"{path} has no report in row {row}; its report rows are {rows}.")
