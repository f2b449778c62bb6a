"""Word ``.docx`` files read straight from their XML (standard library only).

python-docx would add lxml for what is a walk over ``w:p`` and ``w:tbl`` in
``word/document.xml``; reading the XML directly also sees text that python-docx's
``Document.paragraphs`` skips (paragraphs inside content controls and text boxes).
Heading styles are recognised by their name in ``word/styles.xml`` (``heading 1``,
``标题 1``, ``Title``) or by an outline level on the paragraph or its style.
"""

from __future__ import annotations

import re
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

from ..errors import ReportError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME = re.compile(r"^(?:heading|标题|title|titre|überschrift)\s*(\d?)$", re.I)


def _style_levels(zf: zipfile.ZipFile) -> dict[str, int]:
    """Return ``{styleId: heading level}`` for the heading styles of the document."""
    try:
        root = ET.fromstring(zf.read("word/styles.xml"))
    except KeyError:
        return {}
    levels = {}
    for st in root.iter(W + "style"):
        sid = st.get(W + "styleId", "")
        name_el = st.find(W + "name")
        name = (name_el.get(W + "val", "") if name_el is not None else "").strip()
        m = _HEADING_NAME.match(name)
        if m:
            levels[sid] = int(m.group(1)) + 1 if m.group(1) else 1
            continue
        outline = st.find(f"{W}pPr/{W}outlineLvl")
        if outline is not None and outline.get(W + "val", "9").isdigit() and int(outline.get(W + "val")) < 9:
            levels[sid] = int(outline.get(W + "val")) + 2
    return levels


def _para_text(p: ET.Element) -> str:
    out = []
    for el in p.iter():
        if el.tag == W + "t" and el.text:
            out.append(el.text)
        elif el.tag == W + "tab":
            out.append("\t")
        elif el.tag in (W + "br", W + "cr"):
            out.append("\n")
    return "".join(out)


def read_docx_items(path: Path, data: bytes | None = None) -> list[tuple[str, int]]:
    """Return ``(line, heading level)`` for the paragraphs and table rows of a Word file."""
    import io

    try:
        zf = zipfile.ZipFile(io.BytesIO(data) if data is not None else path)
        xml = zf.read("word/document.xml")
    except zipfile.BadZipFile:
        raise ReportError(f"{path} is not a readable Word file (damaged zip); save it again from Word.") from None
    except KeyError:
        raise ReportError(
            f"{path} is a zip archive but not a Word document (no word/document.xml); "
            "give the .docx of the report, or unzip the archive first."
        ) from None
    levels = _style_levels(zf)
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise ReportError(f"{path}: word/document.xml is damaged ({exc}); save the file again from Word.") from None
    body = root.find(W + "body")
    items: list[tuple[str, int]] = []

    def walk(el: ET.Element):
        for child in el:
            if child.tag == W + "p":
                level = 0
                style = child.find(f"{W}pPr/{W}pStyle")
                if style is not None:
                    level = levels.get(style.get(W + "val", ""), 0)
                outline = child.find(f"{W}pPr/{W}outlineLvl")
                if outline is not None and outline.get(W + "val", "9").isdigit() and int(outline.get(W + "val")) < 9:
                    level = int(outline.get(W + "val")) + 1
                for i, line in enumerate(_para_text(child).split("\n")):
                    items.append((line, level if i == 0 else 0))
            elif child.tag == W + "tbl":
                for tr in child.iter(W + "tr"):
                    cells = ["".join(_para_text(p) for p in tc.iter(W + "p")).strip() for tc in tr.findall(W + "tc")]
                    items.append(("  ".join(c for c in cells if c), 0))
            elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"):
                walk(child)

    walk(body if body is not None else root)
    return items


def docx_metadata(path: Path, data: bytes | None = None) -> dict:
    """Return the title and dates the file's core properties give (often empty)."""
    import io

    zf = zipfile.ZipFile(io.BytesIO(data) if data is not None else path)
    try:
        root = ET.fromstring(zf.read("docProps/core.xml"))
    except (KeyError, ET.ParseError):
        return {}
    meta = {}
    for el in root:
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "title" and (el.text or "").strip():
            meta["title"] = el.text.strip()
    return meta
