"""Pair the same indicators across reports: targets against results, city against nation.

Indicators are matched across reports by a normalised name kept as data in
``data/indicator_names.yaml`` (地区生产总值, 国内生产总值 and GDP are all ``gdp``).
Every row keeps the figure as written, its sentence and the report it came from.
"""

from __future__ import annotations

import pandas as pd

from .indicators.names import headline_indicators, indicator_names

__all__ = ["as_reports", "split_levels", "compare_reports", "targets_vs_outcomes", "city_vs_nation"]

def as_reports(reports) -> list:
    """Return loaded reports for a list of reports, names or paths (a string is split on commas)."""
    from .report import Report, load_report

    if isinstance(reports, str):
        reports = [r.strip() for r in reports.split(",") if r.strip()]
    return [r if isinstance(r, Report) else load_report(r) for r in reports]


def split_levels(reports) -> tuple[list, list]:
    """Return ``(national, local)``: the national reports, and the provincial, city and county ones."""
    national = [r for r in reports if r.metadata.get("level") == "nation"]
    local = [r for r in reports if r.metadata.get("level") in ("city", "province", "county")]
    return national, local


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
    frames = [headline_indicators(r, names) for r in as_reports(reports)]
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
    city = as_reports([city_report])[0]
    nations = as_reports(national_reports)
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
