"""Where each figure of a briefing comes from: its sentences, numbered and linked both ways.

:func:`~datong_lib.present.html.show_table` registers the source of every figure it
links (``sources=``) in a list kept per kernel: each briefing runs in a fresh one. The
table cell becomes a link ``#src-N`` with the reference number as a superscript (which
print keeps), and :func:`sources_appendix`, called at the end of a notebook, shows the
appendix “原文出处 Sources”: each quoted sentence with its anchor, the figure
highlighted, the section path, the page when the report came from a PDF, and a link back
to every cell that cites it.

A source record is a dict with ``quote`` and optionally ``start``/``end`` (offsets in
the report text), ``section``, ``page`` and ``marks`` (the figure as shown, to
highlight).
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable, Mapping

import pandas as pd

from .html import DataBlock, esc

SOURCES_MIME = "application/vnd.datong.sources+json"
_FIELDS = ("quote", "start", "end", "section", "page")

__all__ = ["SOURCES_MIME", "source_record", "sources_for", "cite", "reset_sources", "sources_appendix"]

_registry: dict[tuple, dict] = {}


def _plain(value):
    """A JSON-friendly scalar: numpy numbers as Python ones, missing values as None."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    return value.item() if hasattr(value, "item") else value


def source_record(row: Mapping, *, mark: str | None = None) -> dict | None:
    """Return the source of one indicator row (``source_quote``, ``start``, ``end``, ...), or None.

    >>> source_record({"source_quote": "接待游客1718.7万人次", "start": 5, "end": 17, "shown": "1718.7万人次"})
    {'quote': '接待游客1718.7万人次', 'start': 5, 'end': 17, 'marks': ['1718.7万人次']}
    """
    quote = _plain(next((row[k] for k in ("source_quote", "quote", "sentence") if k in row), None))
    if not isinstance(quote, str) or not quote.strip():
        return None
    rec = {"quote": quote}
    for key in _FIELDS[1:]:
        value = _plain(row.get(key))
        if value is not None and value != "":
            rec[key] = int(value) if key in ("start", "end", "page") else str(value)
    marks = [mark if mark is not None else _plain(row.get("shown"))]
    value = _plain(row.get("value"))
    if isinstance(value, (int, float)):
        marks.append(f"{value:g}")
    rec["marks"] = [str(m) for m in dict.fromkeys(marks) if m not in (None, "", "—")]
    return rec


def sources_for(table: pd.DataFrame, ids: Iterable, *, key: str = "id") -> list[dict | None]:
    """Return the source record of the row of *table* whose *key* is each of *ids* (None if absent).

    For a table that shows figures of other rows, e.g. a result and a target side by side.
    """
    rows = {r[key]: r for r in table.to_dict("records")} if len(table) else {}
    return [source_record(rows[i]) if i in rows else None for i in ids]


def cite(record: Mapping | None) -> tuple[int, str] | None:
    """Register *record*; return its reference number and a fresh id for the citing cell."""
    if not isinstance(record, Mapping) or not record.get("quote"):
        return None
    if record.get("start") is not None and record.get("end") is not None:
        key = ("span", int(record["start"]), int(record["end"]), record["quote"])
    else:
        key = ("quote", record["quote"])
    entry = _registry.get(key)
    if entry is None:
        entry = _registry[key] = {**dict(record), "n": len(_registry) + 1, "refs": [], "figures": []}
    figure = list(record.get("marks", []))
    if figure and figure not in entry["figures"]:
        entry["figures"].append(figure)
    ref = f"ref-{entry['n']}-{len(entry['refs']) + 1}"
    entry["refs"].append(ref)
    return entry["n"], ref


def reset_sources() -> None:
    """Forget every registered source (a new briefing starts at 1)."""
    _registry.clear()


def _sentence(entry: dict, report) -> tuple[str, int, int, str, object]:
    """Return (text, span start, span end, section, page) of the sentence holding the entry's span."""
    quote = entry["quote"]
    start, end = entry.get("start"), entry.get("end")
    if report is not None and (start is None or end is None):
        found = report.text.find(quote)
        if found >= 0:
            start, end = found, found + len(quote)
    sents = report.sentences if report is not None else None
    if sents is None or start is None or not len(sents) or not 0 <= start <= end <= len(report.text):
        return quote, 0, len(quote), entry.get("section", ""), entry.get("page")
    starts = sents["start"].tolist()
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    j = i
    while j + 1 < len(sents) and int(sents["end"].iloc[j]) < end:
        j += 1
    s0, s1 = int(sents["start"].iloc[i]), max(int(sents["end"].iloc[j]), end)
    s0 = min(s0, start)
    page = sents["page"].iloc[i] if "page" in sents else entry.get("page")
    return report.text[s0:s1], start - s0, end - s0, str(sents["section"].iloc[i] or ""), _plain(page)


def _highlight(text: str, lo: int, hi: int, figures: list[list[str]]) -> str:
    """Return escaped *text* with each figure in <mark>: found in [lo, hi) or else anywhere,
    as shown or as its bare number (a figure shown as 5.5%左右 may be written 5.5%); the
    span [lo, hi) itself when no figure is found."""
    spans: list[tuple[int, int]] = []
    for figure in figures:
        candidates = list(dict.fromkeys([*figure, *(n for m in figure for n in re.findall(r"\d[\d,.]*%?", m))]))
        for window in ((lo, hi), (0, len(text))):
            at = next(((text.find(c, *window), c) for c in candidates if c and text.find(c, *window) >= 0), None)
            if at and not any(a < at[0] + len(at[1]) and at[0] < b for a, b in spans):
                spans.append((at[0], at[0] + len(at[1])))
                break
    if not spans:
        spans = [(lo, hi)]
    out, pos = [], 0
    for a, b in sorted(spans):
        out += [html.escape(text[pos:a]), "<mark>", html.escape(text[a:b]), "</mark>"]
        pos = b
    return "".join(out) + html.escape(text[pos:])


def sources_appendix(report=None, *, title: str = "原文出处 Sources"):
    """Return the appendix of every registered source (None when none was cited); pass the
    report to show whole sentences, their section path and page rather than the quotes alone."""
    entries = sorted(_registry.values(), key=lambda e: e["n"])
    if not entries:
        return None
    items, rows = [], []
    for e in entries:
        text, lo, hi, section, page = _sentence(e, report)
        marked = _highlight(text, lo, hi, e["figures"])
        where = " › ".join(p for p in section.split(" > ") if p)
        meta = [f'<span class="src-section">{esc(where)}</span>'] if where else []
        if page is not None:
            meta.append(f'<span class="src-page">第 {esc(page)} 页 p. {esc(page)}</span>')
        back = "".join(f'<a class="src-back" href="#{r}" title="回到表格 Back to the table">↩</a>' for r in e["refs"])
        items.append(f'<li id="src-{e["n"]}"><span class="src-n">[{e["n"]}]</span> '
                     f'<blockquote>{marked}</blockquote><div class="src-meta">{" · ".join(meta)} {back}</div></li>')
        rows.append({"ref": e["n"], "sentence": text, "figure": "、".join(f[0] for f in e["figures"]), "quote": e["quote"],
                     "section": section, "page": page, "start": e.get("start"), "end": e.get("end")})
    markup = (f'<h2 id="sources">{esc(title)}</h2><p class="src-intro">表中带编号的数字链接到这里的原句，'
              f'↩ 回到表格。Each numbered figure links to its sentence here; ↩ goes back.</p>'
              f'<ol class="sources">{"".join(items)}</ol>')
    return DataBlock(markup, SOURCES_MIME, {"sources": rows})
