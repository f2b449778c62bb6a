"""Display helpers for the briefing notebooks: escaped prose, tables and quotes.

Everything a briefing shows from a report's text goes through these functions, which
escape it: a report that contains ``<script>`` or Markdown link tricks is shown as
text, never run or turned into an element.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import pandas as pd

__all__ = ["esc", "html_text", "show_table", "show_quotes", "show_facts", "callout", "TABLE_MIME"]

# The rows of a table as shown, for the briefing's data file; the HTML export leaves it out.
TABLE_MIME = "application/vnd.datong.table+json"


def esc(value) -> str:
    """Return *value* as HTML-escaped text.

    >>> esc('<img src=x onerror=alert(1)>')
    '&lt;img src=x onerror=alert(1)&gt;'
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


class HTMLBlock:
    """A fragment of trusted markup around escaped values, shown as HTML in Jupyter."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:  # plain-text fallback, e.g. in a terminal
        return html.unescape(_strip_tags(self.markup))


class DataBlock(HTMLBlock):
    """Markup plus a JSON payload under its own MIME type, both in one notebook output."""

    def __init__(self, markup: str, mime: str, payload: dict):
        super().__init__(markup)
        self.mime, self.payload = mime, payload

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.markup, self.mime: self.payload}


def _strip_tags(markup: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", markup)


def html_text(template: str, /, **values) -> HTMLBlock:
    """Return a paragraph: *template* is trusted markup, *values* are escaped.

    >>> html_text("<b>{name}</b> grew {g}", name="<x>", g="5%").markup
    '<p><b>&lt;x&gt;</b> grew 5%</p>'
    """
    return HTMLBlock("<p>" + template.format(**{k: esc(v) for k, v in values.items()}) + "</p>")


def callout(text: str, kind: str = "note") -> HTMLBlock:
    """Return a highlighted box holding escaped *text* (kind: note, warn, good)."""
    return HTMLBlock(f'<div class="callout callout-{esc(kind)}">{esc(text)}</div>')


def show_table(df: pd.DataFrame, *, columns: Mapping[str, str] | None = None,
               numeric: Iterable[str] = (), caption: str | None = None,
               sources: str | Mapping[str, str | None] | None = None) -> HTMLBlock:
    """Return *df* as a compact escaped HTML table.

    Parameters
    ----------
    columns : mapping, optional
        Column to header label; only these columns are shown, in this order.
    numeric : iterable of str
        Columns to right-align.
    caption : str, optional
        A caption above the table.
    sources : str or mapping, optional
        Columns whose figures link to their sentence in the appendix
        (:func:`~datong_lib.present.sources.sources_appendix`). A column name takes the
        source from the row itself (``source_quote``, ``start``, ``end``, ``section``,
        ``page``); a mapping ``{shown column: record column}`` takes it from a column of
        source records (:func:`~datong_lib.present.sources.sources_for`).

    The output also carries the rows as shown, with each figure's quote and offsets,
    for the briefing's data file.

    Examples
    --------
    >>> df = pd.DataFrame({"name": ["<b>"], "v": [1.5]})
    >>> "&lt;b&gt;" in show_table(df).markup
    True
    """
    from . import sources as src

    links = {sources: None} if isinstance(sources, str) else dict(sources or {})
    records = {c: [src.source_record(r, mark=r.get(c)) for r in df.to_dict("records")] if rc is None
               else list(df[rc]) for c, rc in links.items()}
    labels = dict(columns) if columns else {c: c for c in df.columns}
    shown = df[list(labels)].rename(columns=labels)
    numeric = {labels.get(c, c) for c in numeric}
    # Short columns (years, kinds, figures) never wrap; prose columns take the rest.
    short = {c for c in shown.columns if shown[c].astype(str).str.len().max() <= 10} if len(shown) else set()

    def cls(c):
        names = [n for n, on in (("num", c in numeric), ("nowrap", c in short)) if on]
        return f' class="{" ".join(names)}"' if names else ""

    head = "".join(f"<th{cls(c)}>{esc(c)}</th>" for c in shown.columns)
    body, data = [], []
    for i, row in enumerate(shown.itertuples(index=False)):
        cells, extra = [], []
        for key, label, v in zip(labels, shown.columns, row):
            cited = src.cite(records[key][i]) if key in records else None
            text = esc(v)
            if cited:
                n, ref = cited
                text = f'<a class="src-ref" id="{ref}" href="#src-{n}">{text}<sup>{n}</sup></a>'
            if key in records:
                rec = records[key][i] or {}
                extra += [cited[0] if cited else None] + [rec.get(f) for f in src._FIELDS]
            cells.append(f"<td{cls(label)}>{text}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
        data.append([src._plain(v) for v in row] + extra)
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    markup = (f'<div class="table-wrap"><table class="dl-table">{cap}<thead><tr>{head}</tr></thead>'
              f"<tbody>{''.join(body)}</tbody></table></div>")
    extra_cols = [f"{labels.get(c, c)} {f}" if len(records) > 1 else f for c in records for f in ("ref", *src._FIELDS)]
    payload = {"caption": caption or "", "columns": [*map(str, shown.columns), *extra_cols], "rows": data}
    return DataBlock(markup, TABLE_MIME, payload)


def show_quotes(quotes: Iterable[tuple], *, highlight: Iterable[str] = ()) -> HTMLBlock:
    """Return ``(label, quote)`` or ``(label, quote, marks)`` items as block quotes.

    The figures in ``marks`` (a string or a list; else the shared *highlight*) are
    highlighted in their own quote only.

    >>> show_quotes([("GDP", "增长<2.5%>")], highlight=["2.5%"]).markup.count("<mark>")
    1
    >>> show_quotes([("a", "5%与6%", "6%")]).markup.count("<mark>6%</mark>")
    1
    """
    shared = [h for h in highlight if h]
    items = []
    for item in quotes:
        label, quote = item[0], item[1]
        own = item[2] if len(item) > 2 else shared
        own = [own] if isinstance(own, str) else list(own)
        q = esc(quote)
        for m in sorted({esc(h) for h in own if h}, key=len, reverse=True):
            if m in q and f"<mark>{m}" not in q:
                q = q.replace(m, f"<mark>{m}</mark>", 1)
        items.append(f"<li><span class=label>{esc(label)}</span><blockquote>{q}</blockquote></li>")
    return HTMLBlock(f'<ul class="quotes">{"".join(items)}</ul>')


def show_facts(facts: Iterable[tuple[str, str]]) -> HTMLBlock:
    """Return (label, value) pairs as a row of headline cards."""
    cards = "".join(
        f'<div class="dl-fact"><div class="dl-fact-value">{esc(v)}</div><div class="dl-fact-label">{esc(k)}</div></div>'
        for k, v in facts
    )
    return HTMLBlock(f'<div class="dl-facts">{cards}</div>')
