"""Display helpers for the briefing notebooks: escaped prose, tables and quotes.

Everything a briefing shows from a report's text goes through these functions, which
escape it: a report that contains ``<script>`` or Markdown link tricks is shown as
text, never run or turned into an element.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import pandas as pd

__all__ = ["esc", "html_text", "show_table", "show_quotes", "show_facts", "callout"]


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
               numeric: Iterable[str] = (), caption: str | None = None) -> HTMLBlock:
    """Return *df* as a compact escaped HTML table.

    Parameters
    ----------
    columns : mapping, optional
        Column to header label; only these columns are shown, in this order.
    numeric : iterable of str
        Columns to right-align.
    caption : str, optional
        A caption above the table.

    Examples
    --------
    >>> df = pd.DataFrame({"name": ["<b>"], "v": [1.5]})
    >>> "&lt;b&gt;" in show_table(df).markup
    True
    """
    if columns:
        df = df[list(columns)].rename(columns=dict(columns))
    numeric = {(columns or {}).get(c, c) for c in numeric}
    # Short columns (years, kinds, figures) never wrap; prose columns take the rest.
    short = {c for c in df.columns if df[c].astype(str).str.len().max() <= 10} if len(df) else set()

    def cls(c):
        names = [n for n, on in (("num", c in numeric), ("nowrap", c in short)) if on]
        return f' class="{" ".join(names)}"' if names else ""

    head = "".join(f"<th{cls(c)}>{esc(c)}</th>" for c in df.columns)
    body = []
    for row in df.itertuples(index=False):
        cells = "".join(
            f"<td{cls(c)}>{esc(v)}</td>" for c, v in zip(df.columns, row)
        )
        body.append(f"<tr>{cells}</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return HTMLBlock(
        f'<div class="table-wrap"><table class="dl-table">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


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
