"""Line up the same indicators across reports: targets against results, city against nation.

Indicators are matched across reports by a normalised name kept as data in
``data/indicator_names.yaml`` (地区生产总值, 国内生产总值 and GDP are all ``gdp``).
Every row keeps the figure as written, its sentence and the report it came from.
"""

from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd
import yaml

from . import config
from ._numbers import MATCH_TABLE
from .errors import IndicatorError

__all__ = ["indicator_names", "headline_indicators", "compare_reports", "targets_vs_outcomes",
           "city_vs_nation", "term_shift"]

NAMES_YAML = config.DATA_DIR / "indicator_names.yaml"
_FIELDS = ("key", "name_zh", "name_en", "aliases", "exclude", "metrics", "better")
_BETTER = ("higher", "lower", "band")
# Characters of indicator names missing from the extractor's matching table; one for one.
_SIMPLE = MATCH_TABLE
# What may stand between a level and the growth rate that shares its subject: 达到X，增长Y.
COLUMNS = ["canonical", "name_zh", "metric", "year", "kind", "period", "value", "value_high", "qualifier",
             "unit", "shown", "text", "subject", "sentence", "section", "report", "place", "level", "report_year"]


def _simplify(s: str) -> str:
    return str(s).translate(_SIMPLE)


@lru_cache(maxsize=4)
def _read_names(path: str) -> tuple:
    with open(path, encoding="utf-8") as fh:
        return tuple(yaml.safe_load(fh) or ())


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


def _match(subject: str, metric: str, names: pd.DataFrame) -> str | None:
    s = _simplify(subject)
    for row in names.itertuples():
        if metric in row.metrics and any(a in s for a in row.aliases) and not any(x in s for x in row.exclude):
            return row.key
    return None


def _load(report):
    from .report import Report, load_report

    return report if isinstance(report, Report) else load_report(report)


def _as_reports(reports) -> list:
    if isinstance(reports, str):
        reports = [r.strip() for r in reports.split(",") if r.strip()]
    return [_load(r) for r in reports]


def _shown(value, high, unit, qualifier) -> str:
    from .plotting import format_value

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
        ``report_year``. The first statement of an indicator in a year wins;
        averages over several years (年均) are left out.

    Examples
    --------
    >>> h = headline_indicators("national_2016.txt")
    >>> g = h[(h.canonical == "gdp") & (h.metric == "growth") & (h.kind == "target")].iloc[0]
    >>> int(g.year), float(g.value), float(g.value_high), g.shown
    (2016, 6.5, 7.0, '6.5–7%')
    """
    from .extractor import extract

    rep = _load(report)
    names = indicator_names() if names is None else names
    ex = extract(rep).sort_values("start", kind="stable").reset_index(drop=True)
    ex["canonical"] = [_match(s, str(m), names) for s, m in zip(ex["subject"], ex["metric"])]
    ex = ex[ex["canonical"].notna() & (ex["period"] != "年均")]
    ex = ex.drop_duplicates(["canonical", "metric", "year", "kind", "period"], keep="first").copy()
    meta = rep.metadata
    ex["name_zh"] = ex["canonical"].map(names.set_index("key")["name_zh"])
    ex["shown"] = [_shown(v, h, u, q) for v, h, u, q in zip(ex["value"], ex["value_high"], ex["unit"], ex["qualifier"])]
    ex["report"] = meta.get("file") or (rep.source.name if rep.source else "<text>")
    ex["place"] = meta.get("place") or meta.get("city") or ""
    ex["level"] = meta.get("level") or ""
    ex["report_year"] = int(meta.get("report_year") or 0)
    ex["canonical"] = pd.Categorical(ex["canonical"], categories=names["key"].tolist())
    ex = ex.sort_values(["canonical", "metric", "year", "kind"], kind="stable")
    return ex[COLUMNS].reset_index(drop=True)


def compare_reports(reports, names: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the headline indicators of several reports in one tidy frame.

    Parameters
    ----------
    reports : list or str
        Reports, names or paths; a string is split on commas.

    Returns
    -------
    DataFrame
        The columns of :func:`headline_indicators`, sorted by indicator, metric,
        year, then kind (results before targets), so that one indicator reads as a series.

    Examples
    --------
    >>> c = compare_reports("national_2016.txt,national_2017.txt")
    >>> g = c[(c.canonical == "gdp") & (c.metric == "growth")]
    >>> g[["year", "kind", "shown", "report"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [[2015, 'actual', '6.9%', 'national_2016.txt'], [2016, 'actual', '6.7%', 'national_2017.txt'],
     [2016, 'target', '6.5–7%', 'national_2016.txt'], [2017, 'target', '6.5%左右', 'national_2017.txt']]
    """
    names = indicator_names() if names is None else names
    frames = [headline_indicators(r, names) for r in _as_reports(reports)]
    df = pd.concat(frames, ignore_index=True) if frames else headline_indicators("national_2016.txt").iloc[0:0]
    df["canonical"] = pd.Categorical(df["canonical"].astype(str), categories=names["key"].tolist())
    return df.sort_values(["canonical", "metric", "year", "kind", "report_year"], kind="stable").reset_index(drop=True)


def _versus(outcome: float, low: float, high: float, qualifier: str, tol: float) -> str:
    if qualifier == "at_least":
        return "above" if outcome > low else "within" if outcome == low else "below"
    if qualifier == "at_most":
        return "below" if outcome < low else "within" if outcome == low else "above"
    if abs(outcome - low) <= tol or low <= outcome <= high:
        return "within"
    return "above" if outcome > high else "below"


def targets_vs_outcomes(reports, names: pd.DataFrame | None = None, tol_pp: float = 0.2) -> pd.DataFrame:
    """Return each year's target (from that year's report) beside its result (from a later one).

    Parameters
    ----------
    reports : list or str
        Reports of one or more places; targets and results pair within a place.
    tol_pp : float, default 0.2
        A result this close to a ``左右`` target (in the target's unit) counts as on it.

    Returns
    -------
    DataFrame
        ``place``, ``canonical``, ``name_zh``, ``metric``, ``year``, ``unit``, ``target``,
        ``target_high``, ``target_qualifier``, ``target_shown``, ``target_text`` (as
        written), ``outcome``, ``outcome_shown``, ``outcome_text``, ``versus`` (``within``, ``above``, ``below``), ``met``
        (bool; NA where neither direction is better), ``target_report``,
        ``outcome_report``, ``target_sentence``, ``outcome_sentence``.

    Examples
    --------
    >>> t = targets_vs_outcomes(["national_2016.txt", "national_2017.txt"])
    >>> g = t[(t.canonical == "gdp") & (t.metric == "growth")].iloc[0]
    >>> int(g.year), g.target_shown, g.outcome_shown, g.versus, bool(g.met)
    (2016, '6.5–7%', '6.7%', 'within', True)
    """
    names = indicator_names() if names is None else names
    better = names.set_index("key")["better"]
    df = compare_reports(reports, names)
    tg = df[(df["kind"] == "target") & (df["report_year"] == df["year"])]
    oc = df[(df["kind"] == "actual") & (df["report_year"] > df["year"])].sort_values("report_year", kind="stable")
    oc = oc.drop_duplicates(["place", "canonical", "metric", "year"], keep="first")
    m = tg.merge(oc, on=["place", "canonical", "metric", "year", "unit"], suffixes=("_t", "_o"))
    high = m["value_high_t"].fillna(m["value_t"])
    m["versus"] = [_versus(*x, tol_pp) for x in zip(m["value_o"], m["value_t"], high, m["qualifier_t"])]
    good = m["canonical"].astype(str).map(better)
    m["met"] = pd.array([pd.NA if g == "band" else v == "within" or v == ("above" if g == "higher" else "below")
                         for g, v in zip(good, m["versus"])], dtype="boolean")
    cols = {"place": "place", "canonical": "canonical", "name_zh_t": "name_zh", "metric": "metric", "year": "year",
            "unit": "unit", "value_t": "target", "value_high_t": "target_high", "qualifier_t": "target_qualifier",
            "shown_t": "target_shown", "text_t": "target_text", "value_o": "outcome", "shown_o": "outcome_shown",
            "text_o": "outcome_text", "versus": "versus",
            "met": "met", "report_t": "target_report", "report_o": "outcome_report",
            "sentence_t": "target_sentence", "sentence_o": "outcome_sentence"}
    return m[list(cols)].rename(columns=cols).reset_index(drop=True)


def city_vs_nation(city_report, national_reports, names: pd.DataFrame | None = None,
                   kind: str = "target") -> pd.DataFrame:
    """Return a city's figures beside the nation's, from the same year or the nearest report.

    Parameters
    ----------
    city_report : Report, str or Path
    national_reports : list or str
        National reports to choose from; the one for the city's report year is used,
        else the nearest earlier one (else the nearest later one).
    kind : {'target', 'actual'}
        Compare the report year's targets, or the reviewed year's results.

    Returns
    -------
    DataFrame
        ``canonical``, ``name_zh``, ``metric``, ``unit``, ``city_year``, ``city_value``,
        ``city_shown``, ``nation_year``, ``nation_value``, ``nation_shown``,
        ``difference`` (city − nation, in points, for rates in %), ``same_year`` (bool),
        ``city_sentence``, ``nation_sentence``. ``df.attrs`` holds ``city_year``,
        ``nation_year`` and ``nation_report``.

    Examples
    --------
    >>> cv = city_vs_nation("datong_2025_report.md", ["national_2016.txt", "national_2022.txt"])
    >>> cv.attrs["nation_year"], bool(cv["same_year"].any())
    (2022, False)
    >>> cv.set_index("canonical").loc["gdp", ["city_shown", "nation_shown"]].tolist()
    ['5.5%左右', '5.5%左右']
    """
    names = indicator_names() if names is None else names
    city = _load(city_report)
    nations = _as_reports(national_reports)
    if not nations:
        raise ValueError("give at least one national report, e.g. 'national_2022.txt'")
    cy = int(city.metadata.get("report_year") or 0)
    by_year = {int(n.metadata.get("report_year") or 0): n for n in nations}
    earlier = [y for y in by_year if y <= cy]
    ny = max(earlier) if earlier else min(by_year)
    year_of = (lambda r: r) if kind == "target" else (lambda r: r - 1)
    sides = []
    for rep, ry in ((city, cy), (by_year[ny], ny)):
        h = headline_indicators(rep, names)
        sides.append(h[(h["kind"] == kind) & (h["year"] == year_of(ry)) & (h["period"] == "")])
    c, n = (s[["canonical", "name_zh", "metric", "unit", "value", "shown", "sentence"]] for s in sides)
    m = c.merge(n, on=["canonical", "metric"], how="outer", suffixes=("_c", "_n"))
    m["canonical"] = pd.Categorical(m["canonical"].astype(str), categories=names["key"].tolist())
    out = pd.DataFrame({
        "canonical": m["canonical"], "name_zh": m["name_zh_c"].fillna(m["name_zh_n"]), "metric": m["metric"],
        "unit": m["unit_c"].fillna(m["unit_n"]), "city_year": year_of(cy), "city_value": m["value_c"],
        "city_shown": m["shown_c"].fillna("—"), "nation_year": year_of(ny), "nation_value": m["value_n"],
        "nation_shown": m["shown_n"].fillna("—"),
        "difference": (m["value_c"] - m["value_n"]).where((m["unit_c"] == "%") & (m["unit_n"] == "%")),
        "same_year": cy == ny, "city_sentence": m["sentence_c"].fillna(""), "nation_sentence": m["sentence_n"].fillna(""),
    }).sort_values(["canonical", "metric"], kind="stable").reset_index(drop=True)
    out.attrs.update(city_year=year_of(cy), nation_year=year_of(ny), nation_report=by_year[ny].metadata.get("file", ""))
    return out


def _label(rep) -> str:
    m = rep.metadata  # 全国2016, 大同市2025
    return f"{m.get('place') or m.get('city') or m.get('file', '?')}{m.get('report_year') or ''}"


def term_shift(reports, top: int = 20) -> pd.DataFrame:
    """Return how often the leading terms occur per 1,000 characters in each report.

    Parameters
    ----------
    reports : list or str
        Reports in reading order; ``shift`` compares the last with the first.
    top : int, default 20
        Terms taken from each report's most frequent; the union is compared.

    Returns
    -------
    DataFrame
        Long form: ``term``, ``report`` (label), ``report_year``, ``count``,
        ``per_1000`` (mentions per 1,000 characters) and ``shift`` (last minus
        first report's rate, the same on each row of a term), largest shifts first.

    Examples
    --------
    >>> ts = term_shift("national_2016.txt,national_2022.txt", top=10)
    >>> list(ts.columns)
    ['term', 'report', 'report_year', 'count', 'per_1000', 'shift']
    >>> int(ts.groupby("term").size().max())
    2
    """
    from .text import term_frequencies

    reps = _as_reports(reports)
    counts, order = {}, []
    for rep in reps:
        label = _label(rep)
        tf = term_frequencies(rep, top=None)
        counts[label] = (tf.set_index("term")["count"], len(rep.text), int(rep.metadata.get("report_year") or 0))
        order.append(label)
    terms = list(dict.fromkeys(t for lab in order for t in counts[lab][0].head(top).index))
    rows = [{"term": t, "report": lab, "report_year": counts[lab][2], "count": int(counts[lab][0].get(t, 0)),
             "per_1000": 1000 * float(counts[lab][0].get(t, 0)) / counts[lab][1]} for t in terms for lab in order]
    df = pd.DataFrame(rows, columns=["term", "report", "report_year", "count", "per_1000"])
    wide = df.pivot(index="term", columns="report", values="per_1000")
    df["shift"] = df["term"].map(wide[order[-1]] - wide[order[0]]).astype("float64")
    df["report"] = pd.Categorical(df["report"], categories=order)
    key = df["shift"].abs().rename("k")
    return df.assign(k=key).sort_values(["k", "term", "report"], ascending=[False, True, True],
                                         kind="stable").drop(columns="k").reset_index(drop=True)
