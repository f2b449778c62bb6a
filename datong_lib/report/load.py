"""Load a government work report into structured text."""

from __future__ import annotations

import re

from .decode import check_text
from .metadata import read_report_document, read_sidecar
from .model import SECTION_SEP, Report, _Section
from .resolve import resolve_report
from .structure import Block, classify, join_fragments, line_offsets, normalise_lines
from ..errors import ReportError

__all__ = ["load_report"]


def load_report(path=None, *, text: str | None = None, metadata: dict | None = None,
                row: int | None = None, sidecar: bool = True) -> Report:
    """Return a :class:`Report` for the bundled Datong report, a file, or a string.

    Parameters
    ----------
    path : str or Path, optional
        A report file or the name of a bundled report (see :func:`list_reports`):
        Markdown or plain text (UTF-8, GB18030/GBK, Big5 or UTF-16), PDF, Word
        ``.docx``, a saved web page (``.html``/``.htm``/``.mhtml``) or a table export
        (``.csv``/``.xlsx``); the reader is chosen by content (see
        :mod:`datong_lib.readers`). Default: the 2025 Datong report.
    text : str, optional
        Report text to parse instead of a file (taken as given: no clean-up).
    metadata : dict, optional
        Values that override the detected metadata (and a sidecar file).
    row : int, optional
        Which report row of a table export to read (1-based); default the sidecar's
        ``row``, else the only report row.
    sidecar : bool
        Read the YAML sidecar beside the file (default). ``False`` shows what is
        detected from the file alone.

    Metadata, highest first: *metadata*, the sidecar, what the container says (CSV
    columns, a web page's 来源 and date, a PDF's title), what the text says
    (:func:`datong_lib.readers.meta.body_metadata`: the body's years win over a
    header's, and ``metadata["conflicts"]`` records the disagreement).

    Provenance: ``paragraphs`` and ``sentences`` carry ``page`` (PDF) and ``row``
    (table export) columns, NA otherwise; :meth:`Report.locate` answers for any offset;
    ``report.front`` holds what the reader set aside before the report's opening (a
    news lead, a photo caption).

    Examples
    --------
    >>> r = load_report()
    >>> r.metadata["city"], r.metadata["report_year"], r.metadata["speaker"]
    ('大同', 2025, '刘俊义')
    >>> row = r.sentences.iloc[10]
    >>> r.text[row.start:row.end] == row.text
    True
    """
    source = None
    side: dict = {}
    if text is None:
        source = resolve_report(path)
        if source.is_dir():
            raise ReportError(f"{source} is a folder; give a report file inside it.")
        if metadata is None and row is None and sidecar:
            from .cache import lookup

            cached = lookup(source, source.read_bytes())  # a build's parsed copy of these very bytes
            if cached is not None:
                return cached
        side = read_sidecar(source) if sidecar else {}
        doc = read_report_document(source, row=row, sidecar_meta=side)
        side = _sidecar_for_row(side, doc.metadata.get("row"))
        text, encoding, container = doc.text, doc.encoding, doc.metadata
        locators, front, reader = doc.locators, doc.front, doc.reader
    else:
        from ..readers.meta import body_metadata, merge_metadata

        check_text(text, "the text given")
        encoding, locators, front, reader = "utf-8", [], "", "text"
        container = merge_metadata({}, body_metadata(text))
    norm = normalise_lines(text)
    blocks = join_fragments(classify(norm, line_offsets(text)))
    report = _assemble(blocks)
    # A Markdown document title (# …) names the report when nothing else does.
    md_title = report.__dict__.pop("_md_title", "")
    title = {"title": md_title} if md_title else {}
    report.metadata = {**title, **container, **side, **(metadata or {})}
    _complete_place(report.metadata)
    if source is not None:
        report.metadata.setdefault("file", source.name)
    report.source, report.encoding, report.reader = source, encoding, reader
    report.locators, report.front = list(locators), front
    return report


def _sidecar_for_row(side: dict, row) -> dict:
    """Return the sidecar's values for one row (a multi-row import keeps them under ``reports``)."""
    entries = side.get("reports")
    if not isinstance(entries, list):
        return side
    base = {k: v for k, v in side.items() if k != "reports"}
    for e in entries:
        if isinstance(e, dict) and e.get("row") == row:
            return {**base, **e}
    return base


def _complete_place(meta: dict) -> None:
    """Fill ``city`` of a city report from its place (``大同市`` → ``大同``) when missing."""
    place = str(meta.get("place") or "")
    if meta.get("level") == "city" and place.endswith("市") and len(place) > 2:
        meta.setdefault("city", place[:-1])


def _assemble(blocks: list[Block]) -> Report:
    parts: list[str] = []
    pos = 0
    sections: list[_Section] = []
    by_key: dict[tuple[int, str], int] = {}
    stack: list[_Section] = []  # open sections, outermost first
    paragraphs: list[dict] = []
    md_title_level = _title_level(blocks)
    md_title = ""
    seen_heading = False

    def emit(s: str) -> tuple[int, int]:
        nonlocal pos
        if parts:
            pos += 1  # the newline between blocks
        start = pos
        parts.append(s)
        pos += len(s)
        return start, pos

    for blk in blocks:
        shift = 0  # where the paragraph's text starts in the block's text
        if blk.kind == "heading":
            if blk.level == md_title_level:
                emit(blk.title)  # the document title: metadata, not a section
                md_title = md_title or blk.title
                continue
            seen_heading = True
            if blk.run_in:
                line_start = pos + (1 if parts else 0)
                off = blk.text.index(blk.title)
                start, end = line_start + off, line_start + off + len(blk.title)
            else:
                start, end = emit(blk.text.lstrip("#").strip())
            while stack and stack[-1].level >= blk.level:
                stack.pop()
            parent = stack[-1].section_id if stack else -1
            key = (parent, blk.title)
            if key in by_key:
                sec = sections[by_key[key]]
            else:
                path = SECTION_SEP.join([s.title for s in stack] + [blk.title])
                sec = _Section(len(sections), blk.level, blk.number, blk.title, path, parent, start, end)
                by_key[key] = sec.section_id
                sections.append(sec)
            stack.append(sec)
            if not blk.run_in:
                continue
            body = blk.text
            kind = "paragraph"
        elif blk.kind == "bullet":
            body = blk.extra["body"]
            kind = "bullet"
            shift = len(blk.text) - len(body)
        else:
            body = blk.text
            kind = "paragraph" if seen_heading or _is_body(blk.text) else "front"
        start, end = emit(body)
        cur = stack[-1] if stack else None
        top = next((s.title for s in stack if s.parent_id == -1), "")
        paragraphs.append(
            {
                "para_id": len(paragraphs),
                "section_id": cur.section_id if cur else -1,
                "section": cur.path if cur else "",
                "top_section": top,
                "kind": kind,
                "text": body,
                "start": start,
                "end": end,
                "fragments": blk.fragments,
                "_src": [(off - shift, at) for off, at in blk.src],
            }
        )
    report = Report(text="\n".join(parts), metadata={}, _sections=sections, _paragraphs=paragraphs)
    report.__dict__["_md_title"] = md_title
    return report


def _title_level(blocks: list[Block]) -> int:
    """Return the Markdown level used by a single document title, or 0."""
    heads = [b for b in blocks if b.kind == "heading" and not b.number and b.text.startswith("#")]
    if not heads:
        return 0
    first = heads[0].level
    same = [b for b in heads if b.level == first]
    deeper = [b for b in heads if b.level > first]
    return first if len(same) == 1 and deeper else 0


def _is_body(text: str) -> bool:
    # Before the first heading, prose (a sentence with punctuation) is body text;
    # title, dateline and speaker lines are front matter.
    return bool(re.search(r"[。！？]", text)) and len(text) > 30
