"""The report model: normalised text with its heading tree, paragraphs and sentences."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from .metadata import place_of
from .structure import split_sentences

__all__ = ["Report", "SECTION_SEP"]

SECTION_SEP = " > "


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

    Provenance: :attr:`reader` names the reader (``text``, ``pdf``, ``docx``, ``html``,
    ``csv``, ``xlsx``); :attr:`locators` are the reader's ``(offset, {"page": n})`` or
    ``{"row": n}`` in *its* text, which :attr:`text` rebuilds (headings without ``#``,
    bullets without their mark); each paragraph remembers where its lines started in the
    reader's text, so ``page`` and ``row`` columns and :meth:`locate` map back through it.
    :attr:`front` is what the reader set aside before the report's opening.
    """

    text: str
    metadata: dict
    source: Path | None = None
    encoding: str = "utf-8"
    reader: str = "text"
    front: str = ""
    locators: list = field(default_factory=list, repr=False)
    _sections: list = field(default_factory=list, repr=False)
    _paragraphs: list = field(default_factory=list, repr=False)

    def __repr__(self) -> str:
        m = self.metadata
        name = self.source.name if self.source else "<text>"
        return (
            f"<Report {name}: {self.place or '?'} "
            f"{m.get('report_year') or '?'}, {len(self.text):,} characters, "
            f"{len(self._sections)} sections, {len(self._paragraphs)} paragraphs>"
        )

    @property
    def place(self) -> str:
        """The place the report speaks for (全国, 山西省, 大同市), or ``''`` when unknown."""
        return place_of(self.metadata)

    @property
    def label(self) -> str:
        """Place and report year, the short name used in tables and charts (``全国2016``)."""
        year = self.metadata.get("report_year")
        return f"{self.place or self.metadata.get('file', '?')}{year or ''}"

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
        ``fragments`` (more than 1 when the paragraph was rejoined after a page break),
        ``page`` (PDF page where it starts) and ``row`` (row of a table export), both
        nullable ``Int64``, NA for other readers.
        """
        cols = ["para_id", "section_id", "section", "top_section", "kind", "text", "start", "end", "fragments"]
        df = pd.DataFrame(self._paragraphs, columns=cols)
        df["kind"] = pd.Categorical(df["kind"], categories=["front", "paragraph", "bullet"])
        return self._with_provenance(df, [self._where(p, 0) for p in self._paragraphs])

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence (a bullet item is one sentence).

        Columns: ``sent_id``, ``para_id``, ``section_id``, ``section``,
        ``top_section``, ``kind``, ``text``, ``start``, ``end``, ``page``, ``row``
        (as for :attr:`paragraphs`, but where the sentence starts).
        """
        rows, where = [], []
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
                where.append(self._where(p, a))
        cols = ["sent_id", "para_id", "section_id", "section", "top_section", "kind", "text", "start", "end"]
        df = pd.DataFrame(rows, columns=cols)
        df["kind"] = pd.Categorical(df["kind"], categories=["front", "paragraph", "bullet"])
        return self._with_provenance(df, where)

    def _where(self, para: dict, pos: int) -> dict:
        """Return the reader's locator for position *pos* of a paragraph's text."""
        if not self.locators:
            return {}
        at = None
        for off, src in para.get("_src", ()):
            if off <= pos or at is None:
                at = src + (pos - off)
        if at is None:
            return {}
        i = bisect_right(self._locator_offsets, at) - 1
        return dict(self.locators[i][1]) if i >= 0 else {}

    @staticmethod
    def _with_provenance(df: pd.DataFrame, where: list[dict]) -> pd.DataFrame:
        for key in ("page", "row"):
            df[key] = pd.array([w.get(key) for w in where], dtype="Int64")
        return df

    @cached_property
    def _starts(self) -> list[int]:
        return [p["start"] for p in self._paragraphs]

    @cached_property
    def _locator_offsets(self) -> list[int]:
        return [o for o, _ in self.locators]

    def locate(self, offset: int) -> dict:
        """Return where the text at *offset* of :attr:`text` came from: ``{"page": n}``,
        ``{"row": n}`` or ``{}`` (a text file, or a heading before any paragraph)."""
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return {}
        p = self._paragraphs[i]
        return self._where(p, max(0, min(offset, p["end"]) - p["start"]))

    def where(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Return a copy of *frame* (any table with a ``start`` offset, such as the
        figures of :func:`~datong_lib.figures.extract`) with ``page`` and ``row`` columns.

        >>> from datong_lib import load_report
        >>> r = load_report()
        >>> bool(r.where(r.sentences.head(2))["page"].isna().all())
        True
        """
        out = frame.copy()
        return self._with_provenance(out, [self.locate(int(s)) for s in frame["start"]])

    def section_text(self, title: str) -> str:
        """Return the text of every paragraph under sections whose title contains *title*.

        >>> from datong_lib import load_report
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
