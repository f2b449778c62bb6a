"""One indicator year by year across reports: each year's target beside its result.

The target of year Y is read in the report of year Y (kind ``target``, year Y); its
result in a later report (kind ``actual``, year Y, a one-year figure), the nearest
later report first. Indicators are matched by the canonical names of
``data/indicator_names.yaml`` (国内生产总值, 地区生产总值 and 经济增长 stated as a growth
figure are all ``gdp``).

How a result is judged against its target (``verdict``):

* ``met`` or ``missed`` when both exist. The indicator's ``better`` direction in
  ``data/indicator_names.yaml`` says which side of a target is good: for ``higher``
  (GDP growth) a result at or above the target's low end is met; for ``lower`` at or
  below its high end; for ``band`` (prices) within the target.
* A range (``6%–6.5%``) is met by any result inside it, and by a result beyond the
  good end; ``6.5%–7%`` with 6.7% is met, with 6.4% missed (for ``higher``).
* A ``左右`` (approx) target stands for a band of ±``tol`` around it (0.2 of the
  target's unit, percentage points for a rate): ``7.5%左右`` with 7.4% is met, with
  7.2% missed. ``以上``/``不低于`` (at_least) and ``以内``/``不超过`` (at_most) are met
  on their own side; any other target is met exactly at or beyond its value.
* ``no_target`` when the year has a result but no report of that year set a target
  (national 2020 set no GDP growth target); ``no_result`` when no later report gives
  the year's result.
"""

from __future__ import annotations

import pandas as pd

from .names import indicator_names, match_name

__all__ = ["series", "COLUMNS", "judge"]

COLUMNS = ["indicator", "metric", "place", "year", "target", "target_high", "target_qualifier", "target_source",
           "actual", "actual_source", "verdict"]


def judge(actual: float, low: float, high: float | None, qualifier: str, better: str, tol: float = 0.2) -> str:
    """Return ``met`` or ``missed`` for a result against a target (see the module docstring).

    Examples
    --------
    >>> judge(6.7, 6.5, 7.0, "", "higher"), judge(6.4, 6.5, 7.0, "", "higher")
    ('met', 'missed')
    >>> judge(7.4, 7.5, None, "approx", "higher"), judge(7.2, 7.5, None, "approx", "higher")
    ('met', 'missed')
    >>> judge(5.2, 5.5, None, "at_most", "lower"), judge(3.0, 3.0, None, "approx", "band")
    ('met', 'met')
    """
    high = low if high is None or pd.isna(high) else high
    if qualifier == "approx":
        low, high = low - tol, high + tol
    if qualifier == "at_least" or (better == "higher" and qualifier != "at_most"):
        ok = actual >= low - 1e-9
    elif qualifier == "at_most" or better == "lower":
        ok = actual <= high + 1e-9
    else:
        ok = low - 1e-9 <= actual <= high + 1e-9
    return "met" if ok else "missed"


def _source(report, row) -> str:
    name = report.metadata.get("file") or (report.source.name if report.source else "<text>")
    return f"{name}:{int(row.start)}-{int(row.end)}"


def _rows(report, key: str, metric: str, names: pd.DataFrame) -> pd.DataFrame:
    from ..figures import extract

    ex = extract(report)
    ex = ex[(ex["metric"] == metric) & (ex["period"] == "") & ex["year"].notna()]
    keep = [match_name(s, metric, names) == key for s in ex["subject"]]
    return ex[pd.Series(keep, index=ex.index, dtype=bool)].sort_values("start", kind="stable")


def _load_all(reports):
    from ..errors import DatongError
    from ..report import Report, list_reports, load_report

    if reports is None:
        reports = list_reports()
    out = []
    for r in reports:
        if isinstance(r, Report):
            out.append(r)
            continue
        try:
            out.append(load_report(r))
        except (DatongError, UnicodeDecodeError, ValueError):
            continue  # a format the loader cannot read yet
    return out


def series(indicator: str, metric: str = "growth", place: str = "全国", reports=None,
           names: pd.DataFrame | None = None, tol: float = 0.2) -> pd.DataFrame:
    """Return one row per year: the indicator's target and result, with a verdict.

    Parameters
    ----------
    indicator : str
        A canonical key of ``data/indicator_names.yaml`` (``gdp``, ``cpi``,
        ``urban_new_jobs``, ``urban_unemployment``…).
    metric : {'growth', 'level', 'share', ...}
    place : str
        The place the reports speak for (``全国``, ``浙江省``); reports of other places
        are left out.
    reports : list, optional
        Reports, names or paths (default: every bundled report in ``data/raw``).
    tol : float
        Half-width of the band a ``左右`` target stands for (see the module docstring).

    Returns
    -------
    DataFrame
        Columns :data:`COLUMNS`: ``year`` (Int64), ``target``, ``target_high`` (a range's
        upper end, else NaN), ``target_qualifier``, ``target_source`` and
        ``actual_source`` (``file:start-end`` offsets into ``report.text``), ``actual``,
        ``verdict`` (``met``, ``missed``, ``no_target``, ``no_result``).

    Examples
    --------
    >>> s = series("gdp", reports=["national_2016.txt", "national_2017.txt"]).set_index("year")
    >>> r = s.loc[2016]
    >>> float(r.target), float(r.target_high), float(r.actual), r.verdict
    (6.5, 7.0, 6.7, 'met')
    """
    names = indicator_names() if names is None else names
    if indicator not in set(names["key"]):
        raise KeyError(f"unknown indicator {indicator!r}; use one of {', '.join(names['key'])}")
    better = names.set_index("key").at[indicator, "better"]
    targets: dict = {}
    actuals: dict = {}
    for rep in sorted(_load_all(reports), key=lambda r: r.metadata.get("report_year") or 0):
        ry = rep.metadata.get("report_year")
        if rep.place != place or not ry:
            continue
        rows = _rows(rep, indicator, metric, names)
        for row in rows.itertuples():
            y = int(row.year)
            if row.kind == "target" and y == ry and y not in targets:
                targets[y] = (row, rep)
            elif row.kind == "actual" and y < ry and y not in actuals:
                actuals[y] = (row, rep)  # reports run in year order: the nearest later one wins
    out = []
    for y in sorted(set(targets) | set(actuals)):
        t = targets.get(y)
        a = actuals.get(y)
        rec = {"indicator": indicator, "metric": metric, "place": place, "year": y,
               "target": float(t[0].value) if t else float("nan"),
               "target_high": float(t[0].value_high) if t else float("nan"),
               "target_qualifier": (t[0].qualifier or "") if t else "",
               "target_source": _source(t[1], t[0]) if t else "",
               "actual": float(a[0].value) if a else float("nan"),
               "actual_source": _source(a[1], a[0]) if a else ""}
        if t and a:
            rec["verdict"] = judge(a[0].value, t[0].value, t[0].value_high, rec["target_qualifier"], better, tol)
        else:
            rec["verdict"] = "no_target" if a else "no_result"
        out.append(rec)
    df = pd.DataFrame(out, columns=COLUMNS)
    df["year"] = df["year"].astype("Int64")
    return df
