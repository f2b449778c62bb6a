"""Canonical indicator names, and the figures of a report that name one.

Indicators are matched across reports by a normalised name kept as data in
``data/indicator_names.yaml`` (地区生产总值, 国内生产总值 and GDP are all ``gdp``).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import pandas as pd

from .. import config
from ..errors import IndicatorError
from ..figures.numerals import MATCH_TABLE

__all__ = ["indicator_names", "indicator_label", "headline_indicators", "match_name", "COLUMNS"]

NAMES_YAML = config.DATA_DIR / "indicator_names.yaml"
_FIELDS = ("key", "name_zh", "name_en", "aliases", "exclude", "metrics", "better")
_BETTER = ("higher", "lower", "band")
COLUMNS = ["canonical", "name_zh", "metric", "year", "kind", "period", "value", "value_high", "qualifier",
           "unit", "shown", "text", "subject", "sentence", "section", "report", "place", "level", "report_year"]


def _simplify(s: str) -> str:
    return str(s).translate(MATCH_TABLE)


@lru_cache(maxsize=4)
def _read_names(path: str) -> tuple:
    return tuple(config.read_yaml(path) or ())


def indicator_names(path=None) -> pd.DataFrame:
    """Return the normalised indicator names, one row per canonical key, in matching order.

    Parameters
    ----------
    path : str or Path, optional
        A YAML list in the format of ``data/indicator_names.yaml`` (the default).

    Returns
    -------
    DataFrame
        ``key``, ``name_zh``, ``name_en``, ``aliases``, ``exclude`` and ``metrics``
        (lists of str) and ``better`` (``higher``, ``lower`` or ``band``).

    Examples
    --------
    >>> names = indicator_names()
    >>> names.set_index("key").loc["gdp", "name_zh"]
    '地区生产总值'
    >>> "国内生产总值" in names.set_index("key").loc["gdp", "aliases"]
    True
    """
    path = str(path or NAMES_YAML)
    rows = []
    for i, entry in enumerate(_read_names(path)):
        missing = [f for f in _FIELDS if f not in (entry or {})]
        if missing:
            raise IndicatorError(f"{path}: entry {i + 1} lacks {', '.join(missing)}; every entry needs "
                                 f"{', '.join(_FIELDS)}")
        if entry["better"] not in _BETTER:
            raise IndicatorError(f"{path}: {entry['key']}: better={entry['better']!r}; use one of {', '.join(_BETTER)}")
        rows.append({f: [str(a) for a in entry[f]] if isinstance(entry[f], list) else str(entry[f]) for f in _FIELDS})
    df = pd.DataFrame(rows, columns=list(_FIELDS))
    dup = df["key"][df["key"].duplicated()].tolist()
    if dup:
        raise IndicatorError(f"{path}: duplicate keys {dup}; give each indicator one entry")
    return df


#: Scope and time words before a whole-subject alias, rate words after it (全国经济增长速度 → 经济).
_WHOLE_BEFORE = re.compile(r"^(?:全国|全省|全市|全区|全县|全自治区|我国|我省|我市|我区|我县|全年|去年|今年|上年|当年|整个)+")
_WHOLE_AFTER = re.compile(r"(?:的)?(?:实际|预期|年均|平均)?(?:增长|增速|增幅|速度|增长率|发展速度|预期目标|目标|预期)+$")


def _alias_names(alias: str, s: str, whole: str, metric: str) -> bool:
    if alias.startswith("="):
        return metric == "growth" and alias[1:] == whole  # the economy grows; its level is 经济总量
    return alias in s


def match_name(subject: str, metric: str, names: pd.DataFrame) -> str | None:
    """Return the canonical key whose aliases name *subject* for *metric*, or None.

    An alias ``=经济`` names only a growth figure whose subject is that word as a whole,
    scope, time and rate words aside (data/indicator_names.yaml).

    >>> names = indicator_names()
    >>> match_name("经济", "growth", names), match_name("经济增长预期目标", "growth", names)
    ('gdp', 'gdp')
    >>> match_name("数字经济", "growth", names) is None, match_name("数字经济增长", "growth", names) is None
    (True, True)
    """
    s = _simplify(subject)
    whole = _WHOLE_AFTER.sub("", _WHOLE_BEFORE.sub("", s))
    for row in names.itertuples():
        if metric in row.metrics and any(_alias_names(a, s, whole, metric) for a in row.aliases) \
                and not any(x in s for x in row.exclude):
            return row.key
    return None


def _shown(value, high, unit, qualifier) -> str:
    from ..present.format import format_value

    if high is not None and not (isinstance(high, float) and math.isnan(high)):
        return f"{format_value(value)}–{format_value(high, unit, qualifier)}"
    return format_value(value, unit, qualifier)


def headline_indicators(report, names: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the figures of *report* that name a canonical indicator, one per year and kind.

    Parameters
    ----------
    report : Report, str or Path
        A loaded report, or a bundled report name or path for ``load_report``.
    names : DataFrame, optional
        The mapping from :func:`indicator_names` (default: ``data/indicator_names.yaml``).

    Returns
    -------
    DataFrame
        ``canonical`` (categorical in mapping order), ``name_zh``, ``metric``, ``year``,
        ``kind``, ``period``, ``value``, ``value_high``, ``qualifier``, ``unit``,
        ``shown`` (``6.5–7%``, ``1000万人以上``), ``text`` as written, ``subject``,
        ``sentence``, ``section``, ``report`` (file name), ``place``, ``level``,
        ``report_year`` (nullable Int64, like ``year``). The first statement of an
        indicator in a year wins; figures over several years (a ``period`` such as
        ``2003-2007``: 年均, 累计) and figures whose year the report does not say
        (``year`` NA) are left out.

    Examples
    --------
    >>> h = headline_indicators("national_2016.txt")
    >>> g = h[(h.canonical == "gdp") & (h.metric == "growth") & (h.kind == "target")].iloc[0]
    >>> int(g.year), float(g.value), float(g.value_high), g.shown
    (2016, 6.5, 7.0, '6.5–7%')
    """
    from ..figures import extract
    from ..report import Report, load_report

    rep = report if isinstance(report, Report) else load_report(report)
    names = indicator_names() if names is None else names
    ex = extract(rep).sort_values("start", kind="stable").reset_index(drop=True)
    ex["canonical"] = [match_name(s, str(m), names) for s, m in zip(ex["subject"], ex["metric"])]
    ex = ex[ex["canonical"].notna() & (ex["period"] == "") & ex["year"].notna()]
    ex = ex.drop_duplicates(["canonical", "metric", "year", "kind", "period"], keep="first").copy()
    meta = rep.metadata
    ex["name_zh"] = ex["canonical"].map(names.set_index("key")["name_zh"])
    ex["shown"] = [_shown(v, h, u, q) for v, h, u, q in zip(ex["value"], ex["value_high"], ex["unit"], ex["qualifier"])]
    ex["report"] = meta.get("file") or (rep.source.name if rep.source else "<text>")
    ex["place"] = rep.place
    ex["level"] = meta.get("level") or ""
    ex["report_year"] = pd.array([int(meta["report_year"]) if meta.get("report_year") else None] * len(ex),
                                 dtype="Int64")
    ex["canonical"] = pd.Categorical(ex["canonical"], categories=names["key"].tolist())
    ex = ex.sort_values(["canonical", "metric", "year", "kind"], kind="stable")
    return ex[COLUMNS].reset_index(drop=True)


def indicator_label(key: str, names: pd.DataFrame | None = None) -> str:
    """Return the Chinese name of canonical indicator *key*; raise a clear error when unknown.

    >>> indicator_label("gdp")
    '地区生产总值'
    """
    names = indicator_names() if names is None else names
    if key not in set(names["key"]):
        import difflib

        close = difflib.get_close_matches(str(key), list(names["key"]), n=1, cutoff=0.5)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise IndicatorError(f"unknown indicator {key!r}{hint}; known: {', '.join(names['key'])} "
                             "(data/indicator_names.yaml)")
    return str(names.set_index("key").at[key, "name_zh"])
