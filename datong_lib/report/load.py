"""Load a government work report into structured text."""

from __future__ import annotations

import re

from .decode import check_text, decode_bytes
from .metadata import detect_metadata, read_sidecar
from .model import SECTION_SEP, Report, _Section
from .resolve import resolve_report
from .structure import Block, classify, join_fragments, normalise_lines
from ..errors import ReportError

__all__ = ["load_report"]


def load_report(path=None, *, text: str | None = None, metadata: dict | None = None) -> Report:
    """Return a :class:`Report` for the bundled Datong report, a file, or a string.

    Parameters
    ----------
    path : str or Path, optional
        A report file (Markdown or plain text in UTF-8, GB18030/GBK, Big5 or UTF-16),
        or the name of a bundled report (see :func:`list_reports`). Default: the
        2025 Datong report.
    text : str, optional
        Report text to parse instead of a file.
    metadata : dict, optional
        Values that override the detected metadata (and a sidecar file).

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
    encoding = "utf-8"
    sidecar: dict = {}
    if text is None:
        source = resolve_report(path)
        if source.is_dir():
            raise ReportError(f"{source} is a folder; give a report file inside it.")
        data = source.read_bytes()
        if metadata is None:
            from .cache import lookup

            cached = lookup(source, data)  # a build's parsed copy of these very bytes
            if cached is not None:
                return cached
        text, encoding = decode_bytes(data, str(source))
        sidecar = read_sidecar(source)
    check_text(text, str(source) if source else "the text given")
    blocks = join_fragments(classify(normalise_lines(text)))
    report = _assemble(blocks)
    detected = detect_metadata(report.text, blocks)
    report.metadata = {**detected, **sidecar, **(metadata or {})}
    if source is not None:
        report.metadata.setdefault("file", source.name)
    report.source = source
    report.encoding = encoding
    return report


def _assemble(blocks: list[Block]) -> Report:
    parts: list[str] = []
    pos = 0
    sections: list[_Section] = []
    by_key: dict[tuple[int, str], int] = {}
    stack: list[_Section] = []  # open sections, outermost first
    paragraphs: list[dict] = []
    md_title_level = _title_level(blocks)
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
        if blk.kind == "heading":
            if blk.level == md_title_level:
                emit(blk.title)  # the document title: metadata, not a section
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
            }
        )
    return Report(text="\n".join(parts), metadata={}, _sections=sections, _paragraphs=paragraphs)


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
