"""Load a government work report into structured text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from . import config
from ._decode import check_text, decode_bytes
from ._metadata import detect_metadata, read_sidecar
from ._structure import Block, classify, join_fragments, normalise_lines, split_sentences
from .errors import ReportError

__all__ = ["Report", "load_report", "list_reports"]

SECTION_SEP = " > "
_REPORT_SUFFIXES = (".md", ".txt", ".markdown")


@dataclass(frozen=True)
class _Section:
    section_id: int
    level: int
    number: str
    title: str
    path: str
    parent_id: int
    start: int
    end: int


@dataclass(eq=False)
class Report:
    """A report as normalised text with its heading tree, paragraphs and sentences.

    Offsets in every table index into :attr:`text`: ``report.text[start:end]``
    gives a row's text back. Build one with :func:`load_report`.
    """

    text: str
    metadata: dict
    source: Path | None = None
    encoding: str = "utf-8"
    _sections: list = field(default_factory=list, repr=False)
    _paragraphs: list = field(default_factory=list, repr=False)

    def __repr__(self) -> str:
        m = self.metadata
        name = self.source.name if self.source else "<text>"
        return (
            f"<Report {name}: {m.get('place') or m.get('city') or '?'} "
            f"{m.get('report_year') or '?'}, {len(self.text):,} characters, "
            f"{len(self._sections)} sections, {len(self._paragraphs)} paragraphs>"
        )

    @cached_property
    def sections(self) -> pd.DataFrame:
        """The heading tree: one row per section, duplicate headings merged.

        Columns: ``section_id``, ``level``, ``number`` (``一``, ``A``…), ``title``,
        ``path`` (titles joined by `` > ``), ``parent_id`` (-1 at the top),
        ``start``/``end`` (the first heading's offsets), ``n_paragraphs``.
        """
        rows = [s.__dict__.copy() for s in self._sections]
        df = pd.DataFrame(rows, columns=list(_Section.__dataclass_fields__))
        counts = pd.Series([p["section_id"] for p in self._paragraphs], dtype="int64")
        df["n_paragraphs"] = df["section_id"].map(counts.value_counts()).fillna(0).astype("int64")
        return df.astype({"level": "int64", "parent_id": "int64", "start": "int64", "end": "int64"})

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        """One row per paragraph or bullet item.

        Columns: ``para_id``, ``section_id``, ``section`` (path), ``top_section``,
        ``kind`` (``paragraph``, ``bullet``, ``front`` for the lines before the first
        heading that name the report and its speaker), ``text``, ``start``, ``end``,
        ``fragments`` (more than 1 when the paragraph was rejoined after a page break).
        """
        cols = ["para_id", "section_id", "section", "top_section", "kind", "text", "start", "end", "fragments"]
        df = pd.DataFrame(self._paragraphs, columns=cols)
        df["kind"] = pd.Categorical(df["kind"], categories=["front", "paragraph", "bullet"])
        return df

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence (a bullet item is one sentence).

        Columns: ``sent_id``, ``para_id``, ``section_id``, ``section``,
        ``top_section``, ``kind``, ``text``, ``start``, ``end``.
        """
        rows = []
        for p in self._paragraphs:
            body_start = p["start"]
            for a, b in split_sentences(p["text"]):
                rows.append(
                    {
                        "sent_id": len(rows),
                        "para_id": p["para_id"],
                        "section_id": p["section_id"],
                        "section": p["section"],
                        "top_section": p["top_section"],
                        "kind": p["kind"],
                        "text": p["text"][a:b],
                        "start": body_start + a,
                        "end": body_start + b,
                    }
                )
        cols = ["sent_id", "para_id", "section_id", "section", "top_section", "kind", "text", "start", "end"]
        df = pd.DataFrame(rows, columns=cols)
        df["kind"] = pd.Categorical(df["kind"], categories=["front", "paragraph", "bullet"])
        return df

    def section_text(self, title: str) -> str:
        """Return the text of every paragraph under sections whose title contains *title*.

        >>> r = load_report()
        >>> "1755万千瓦" in r.section_text("潜力优势")
        True
        """
        secs = self.sections
        hit = secs[secs["title"].str.contains(title, regex=False)]
        if hit.empty:
            raise KeyError(f"no section title contains {title!r}; titles: {', '.join(secs['title'])}")
        prefixes = tuple(hit["path"])
        paras = self.paragraphs
        mask = paras["section"].map(lambda s: s.startswith(prefixes))
        return "\n".join(paras.loc[mask, "text"])


def list_reports() -> list[str]:
    """Return the file names of the reports bundled in ``data/raw``.

    >>> "datong_2025_report.md" in list_reports()
    True
    """
    return sorted(p.name for p in config.RAW_DIR.iterdir() if p.suffix in _REPORT_SUFFIXES)


def _resolve(path) -> Path:
    if path is None:
        return config.DEFAULT_REPORT
    p = Path(path).expanduser()
    if p.exists():
        return p
    # A bare name such as "national_2022" or "national_2022.txt" means a bundled report.
    if len(p.parts) == 1:
        for cand in (config.RAW_DIR / p.name, *(config.RAW_DIR / (p.name + s) for s in _REPORT_SUFFIXES)):
            if cand.exists():
                return cand
    raise ReportError(
        f"report file not found: {p}. Give a path to a .md or .txt report, or the name of a "
        f"bundled report in {config.RAW_DIR}: {', '.join(list_reports())}."
    )


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
        source = _resolve(path)
        if source.is_dir():
            raise ReportError(f"{source} is a folder; give a report file inside it.")
        data = source.read_bytes()
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
