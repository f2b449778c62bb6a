"""Where the report states each curated indicator, and whether every statement agrees.

A figure the report states twice (in a review section and in a data list) is one row
of the curated table; these functions find each statement and check that they agree.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..errors import IndicatorError
from ..figures.numerals import parse_number
from ..report import load_report
from ..report.structure import REVIEW_TITLE
from .curated import _ARABIC, _CHINESE, _WORD_CHAR, _figure_span, load_indicators

__all__ = ["indicator_occurrences", "find_duplicates", "check_consistency"]


def indicator_occurrences(indicators: pd.DataFrame | None = None, *, report=None) -> pd.DataFrame:
    """Return every place in the report that states each indicator, with the figure read there.

    A statement is a clause worded like the row's ``source_quote`` with any figure
    in place of the row's, that starts a clause and lies in a part of the report that
    describes the row's kind: results for ``actual`` (sections titled 回顾, 成果),
    targets and tasks for ``target``. Rows without a figure are skipped.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``occurrence`` (1, 2, …), ``value`` (the row's), ``value_found``,
        ``agrees``, ``section``, ``text`` (the clause found), ``start``, ``end``.

    Examples
    --------
    >>> occ = indicator_occurrences()
    >>> veg = occ[occ.id == "greenhouse_vegetable_area_2024"]
    >>> veg.value_found.tolist(), veg.section.tolist()
    ([13.6, 13.6], ['2024年工作回顾 > 大同现代农业领跑全省', '2024年工作成果数据'])
    """
    report = report if report is not None else load_report()
    ind = indicators if indicators is not None else load_indicators(report=report)
    text, paras = report.text, report.paragraphs
    para_starts = paras["start"].to_numpy()
    is_result = paras["top_section"].str.contains(REVIEW_TITLE).to_numpy()
    rows = []
    for r in ind[ind["value"].notna()].itertuples(index=False):
        span = _figure_span(r.source_quote, r.value, r.unit, r.metric)
        if span is None:
            continue
        a, b = span
        # The row's figure becomes a wildcard of the same script (digits or 十五).
        number = _ARABIC if r.source_quote[a].isdigit() else _CHINESE
        pat = re.compile(re.escape(r.source_quote[:a]) + f"({number})" + re.escape(r.source_quote[b:]))
        n = 0
        for m in pat.finditer(text):
            if m.start() > 0 and _WORD_CHAR.match(text[m.start() - 1]):
                continue  # inside a longer phrase (一产固定资产投资 is not 固定资产投资)
            p = int(np.searchsorted(para_starts, m.start(), side="right") - 1)
            if bool(is_result[p]) != (r.kind == "actual"):
                continue
            n += 1
            found = parse_number(m.group(1))
            rows.append((r.id, n, r.value, found, abs(found - r.value) < 1e-9, paras.at[p, "section"],
                         m.group(), m.start(), m.end()))
    cols = ["id", "occurrence", "value", "value_found", "agrees", "section", "text", "start", "end"]
    return pd.DataFrame(rows, columns=cols)


def find_duplicates(indicators: pd.DataFrame | None = None, *, report=None) -> pd.DataFrame:
    """Return the occurrences of the indicators the report states in more than one place.

    Examples
    --------
    >>> dup = find_duplicates()
    >>> {"urban_jobs_2024", "greenhouse_vegetable_area_2024", "gdp_growth_2025"} <= set(dup.id)
    True
    >>> bool(dup.agrees.all())
    True
    """
    occ = indicator_occurrences(indicators, report=report)
    counts = occ.groupby("id")["occurrence"].transform("size")
    return occ[counts > 1].reset_index(drop=True)


def check_consistency(indicators: pd.DataFrame | None = None, *, report=None) -> pd.DataFrame:
    """Return all occurrences after checking that every statement of a figure agrees.

    Raises
    ------
    IndicatorError
        When a figure stated twice differs between its statements, or a row's clause
        is never found in a part of the report that matches its kind.

    Examples
    --------
    >>> len(check_consistency()) > 56
    True
    """
    report = report if report is not None else load_report()
    ind = indicators if indicators is not None else load_indicators(report=report)
    occ = indicator_occurrences(ind, report=report)
    problems = [
        f"  {o.id}: the table has {o.value:g} but {o.section} says {o.text!r}; check which statement is right"
        for o in occ[~occ["agrees"]].itertuples()
    ]
    expected = set(ind.loc[ind["value"].notna(), "id"])
    for rid in sorted(expected - set(occ["id"])):
        kind = ind.set_index("id").at[rid, "kind"]
        problems.append(
            f"  {rid}: its quote is not found at the start of a clause in a section that reports "
            f"{'results' if kind == 'actual' else 'targets'}; start source_quote after ，。；：、 or a line "
            "start, and check kind and year"
        )
    if problems:
        raise IndicatorError("figures disagree or are misplaced:\n" + "\n".join(problems))
    return occ
