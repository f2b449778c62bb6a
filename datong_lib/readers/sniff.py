"""Choose a reader from a file's first bytes, then from its suffix."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..errors import ReportError

# Header names of a column that holds a whole report (see table.py).
_TEXT_HEADERS = {"full_text", "fulltext", "content", "text", "body", "正文", "全文", "内容", "报告全文", "报告内容"}
_SUFFIX = {
    ".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".xhtml": "html", ".mhtml": "html",
    ".mht": "html", ".csv": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".txt": "text", ".md": "text",
}


def sniff(path: Path, data: bytes) -> str:
    """Return the reader for *data*: ``pdf``, ``docx``, ``xlsx``, ``html``, ``csv`` or ``text``.

    Content wins over the suffix: a PDF saved as ``.txt`` is read as a PDF.
    """
    head = data[:1024]
    if head.lstrip()[:5] == b"%PDF-" or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        return _zip_kind(path, data)
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ReportError(
            f"{path} is an old binary Office file (.doc/.xls); open it in Word or Excel and save it as "
            ".docx/.xlsx (or export the text) first."
        )
    suffix = _SUFFIX.get(path.suffix.lower())
    lower = data[:4096].lower()
    if b"mime-version:" in lower[:1000] and b"multipart/related" in lower:
        return "html"
    if suffix in ("html", "csv"):
        return suffix
    if re.search(rb"^\s*(?:\xef\xbb\xbf)?\s*(?:<!doctype html|<html)", lower):
        return "html"
    if suffix == "text" or suffix is None:
        first = data[:2000].split(b"\n", 1)[0].decode("utf-8", "ignore").lstrip("\ufeff").lower()
        cells = [c.strip().strip('"') for c in re.split(r"[,\t]", first)]
        if len(cells) >= 2 and any(c in _TEXT_HEADERS for c in cells):
            return "csv"
        return "text"  # the text reader still turns an HTML fragment into lines
    return suffix


def _zip_kind(path: Path, data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        raise ReportError(
            f"{path} starts like a zip (Word/Excel) file but is damaged or truncated; "
            "download or save it again."
        ) from None
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    shown = ", ".join(sorted(names)[:5]) or "nothing"
    raise ReportError(
        f"{path} is a zip archive but not a Word (.docx) or Excel (.xlsx) file (it holds {shown}); "
        "unzip it and give the report file inside."
    )
