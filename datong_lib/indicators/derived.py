"""Figures the report implies but does not state, computed from the curated indicators.

Every function is pure: it takes the indicator table (default
:func:`~datong_lib.indicators.load_indicators`) and returns a new frame whose
``source_ids`` name the rows it used, so each derived figure traces to its quotes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .curated import load_indicators
from .memo import frame_memo
from ..sectors import sector_names

__all__ = ["base_year_values", "implied_targets", "share_absolutes", "targets_vs_results", "derived_measures"]

MEASURE_COLUMNS = ["measure", "sector", "name_zh", "name_en", "year", "value", "unit", "qualifier", "note", "source_ids"]
STANCES = ["ambitious", "steady", "cautious"]
# How a target stated in words relates to the economic-growth (GDP) target.
_TEXT_TARGETS = {"基本同步": "approx", "同步": "approx", "高于": "over", "快于": "over", "低于": "at_most"}


def _fmt(v: float) -> str:
    """Return a figure as the report writes it: no grouping, no trailing zeros."""
    return f"{v:.2f}".rstrip("0").rstrip(".")


_est = "{:.2f}".format  # a computed figure, to two decimals


def _pairs(ind: pd.DataFrame, metric: str | tuple[str, ...], partner: str | tuple[str, ...]) -> list[tuple]:
    """Return (row, related row) for rows of *metric* whose related_id is a *partner* row."""
    if "related_id" not in ind:
        return []
    partners = (partner,) if isinstance(partner, str) else partner
    by_id = ind.set_index("id")
    out = []
    metrics = (metric,) if isinstance(metric, str) else metric  # rows without a year (NA) imply nothing
    for r in ind[ind["metric"].isin(metrics) & ind["value"].notna() & ind["year"].notna()].itertuples(index=False):
        if r.related_id in by_id.index and by_id.at[r.related_id, "metric"] in partners:
            out.append((r, by_id.loc[r.related_id]))
    return out


def _frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=MEASURE_COLUMNS)
    df["year"] = df["year"].astype("Int64")
    df["value"] = df["value"].astype("float64")
    df["sector"] = pd.Categorical(df["sector"].astype(str), categories=sector_names())
    return df


def base_year_values(indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the previous year's level implied by a level and its growth rate.

    ``base = level / (1 + growth / 100)``, for every growth row whose ``related_id``
    is a level. Columns as :data:`MEASURE_COLUMNS`; ``year`` is the base year.

    Examples
    --------
    >>> b = base_year_values().set_index("source_ids")
    >>> round(float(b.at["tourist_visits_2024,tourist_visits_growth_2024", "value"]), 1)
    827.2
    >>> round(float(b.at["ticket_revenue_2024,ticket_revenue_growth_2024", "value"]), 2)
    4.73
    """
    ind = load_indicators() if indicators is None else indicators
    rows = []
    for g, lv in _pairs(ind, "growth", "level"):
        base = lv.value / (1 + g.value / 100)
        rows.append(
            {
                "measure": "base_year_value", "sector": lv.sector, "name_zh": f"{lv.name_zh}（{g.year - 1}年，推算）",
                "name_en": f"{lv.name_en}, {g.year - 1} (implied)", "year": g.year - 1, "value": base,
                "unit": lv.unit, "qualifier": "approx",
                "note": f"{_fmt(lv.value)}{lv.unit} ÷ (1 + {_fmt(g.value)}%) ≈ {_est(base)}{lv.unit}: "
                f"the {g.year - 1} level implied by the {g.year} level and its growth",
                "source_ids": f"{lv.name},{g.id}",
            }
        )
    return _frame(rows)


@frame_memo
def implied_targets(indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the annual target implied by a result and its attainment ratio.

    ``target = result / (ratio / 100)``, for every ``ratio_to_target`` row whose
    ``related_id`` is the result.

    Examples
    --------
    >>> t = implied_targets()
    >>> round(float(t.value.iloc[0]), 2), t.unit.iloc[0], int(t.year.iloc[0])
    (4.4, '万人', 2024)
    """
    ind = load_indicators() if indicators is None else indicators
    rows = []
    # An attainment ratio with no linked result (an unnamed target) has nothing to divide.
    for ratio, lv in _pairs(ind, "ratio_to_target", ("level", "count")):
        target = lv.value / (ratio.value / 100)
        rows.append(
            {
                "measure": "implied_target", "sector": lv.sector, "name_zh": f"{lv.name_zh}年度目标（推算）",
                "name_en": f"{lv.name_en}, annual target (implied)", "year": ratio.year, "value": target,
                "unit": lv.unit, "qualifier": "approx",
                "note": f"{_fmt(lv.value)}{lv.unit} ÷ {_fmt(ratio.value)}% ≈ {_est(target)}{lv.unit}: "
                f"the {ratio.year} target implied by its attainment",
                "source_ids": f"{lv.name},{ratio.id}",
            }
        )
    return _frame(rows)


def share_absolutes(indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return absolute values implied by shares, and reference shares implied by gaps.

    A ``share`` row whose ``related_id`` is a level gives ``share / 100 × level``; a
    ``pp`` row whose ``related_id`` is a share gives the reference share it is
    measured against (``share − gap``, e.g. the provincial share).

    Examples
    --------
    >>> s = share_absolutes().set_index("measure")
    >>> round(float(s.at["share_absolute", "value"]), 1), s.at["share_absolute", "unit"]
    (947.7, '万千瓦')
    >>> float(s.at["reference_share", "value"]), s.at["reference_share", "qualifier"]
    (50.0, 'over')
    """
    ind = load_indicators() if indicators is None else indicators
    rows = []
    for sh, lv in _pairs(ind, "share", "level"):
        part = sh.value / 100 * lv.value
        rows.append(
            {
                "measure": "share_absolute", "sector": sh.sector, "name_zh": f"{sh.name_zh.removesuffix('占比')}（推算）",
                "name_en": f"{sh.name_en} in absolute terms (implied)", "year": sh.year, "value": part,
                "unit": lv.unit, "qualifier": "approx",
                "note": f"{_fmt(sh.value)}% × {_fmt(lv.value)}{lv.unit} ≈ {_est(part)}{lv.unit}",
                "source_ids": f"{lv.name},{sh.id}",
            }
        )
    for gap, sh in _pairs(ind, ("pp", "gap"), "share"):
        ref = sh.value + gap.value if getattr(gap, "direction", "") == "down" else sh.value - gap.value  # 低于: above
        # "nearly 4 points above" means a gap a little under 4, so the reference is a little over.
        qual = {"nearly": "over", "over": "at_most", "at_least": "at_most"}.get(gap.qualifier, "approx")
        rows.append(
            {
                "measure": "reference_share", "sector": gap.sector, "name_zh": f"{gap.scope}{sh.name_zh}（推算）",
                "name_en": f"{sh.name_en}, reference ({gap.scope}, implied)", "year": gap.year, "value": ref,
                "unit": "%", "qualifier": qual,
                "note": f"{_fmt(sh.value)}% − {_fmt(gap.value)}个百分点 = {_fmt(ref)}% ({qual}): the share the gap is measured against",
                "source_ids": f"{sh.name},{gap.id}",
            }
        )
    return _frame(rows)


def _target_value(t, ind: pd.DataFrame) -> tuple[float, str, str]:
    """Return (value, qualifier, how) for a target row, reading a target in words if needed."""
    if pd.notna(t.value):
        return t.value, t.qualifier, ""
    text = t.target_text or ""
    gdp = ind[(ind["concept"] == "gdp_growth") & (ind["kind"] == "target") & (ind["year"] == t.year)]
    for word, qual in _TEXT_TARGETS.items():
        if word in text and "经济增长" in text and not gdp.empty and pd.notna(gdp["value"].iloc[0]):
            v = float(gdp["value"].iloc[0])
            return v, qual, f"{text} read as {qual} the GDP growth target ({_fmt(v)}%)"
    return np.nan, t.qualifier, f"{text} has no figure"


def _stance(metric: str, result: float, target: float, tol_pp: float, tol_rel: float) -> str | None:
    if np.isnan(target) or np.isnan(result):
        return None
    if metric == "rank":  # a smaller rank is better
        d = result - target
        return "ambitious" if d > 0 else "cautious" if d < 0 else "steady"
    if metric in ("growth", "share", "pp"):
        d = target - result
        return "ambitious" if d > tol_pp else "cautious" if d < -tol_pp else "steady"
    rel = (target - result) / abs(result) if result else np.inf
    return "ambitious" if rel > tol_rel else "cautious" if rel < -tol_rel else "steady"


@frame_memo
def targets_vs_results(indicators: pd.DataFrame | None = None, *, tol_pp: float = 0.5, tol_rel: float = 0.05) -> pd.DataFrame:
    """Return each indicator that has a result and a target, with what the target asks for.

    Rows pair the latest ``actual`` and the latest ``target`` of one ``concept``. A
    target in words (与经济增长基本同步, 高于经济增长) is read against the GDP
    growth target of its year, and the note says so.

    Parameters
    ----------
    indicators : DataFrame, optional
        The indicator table; default :func:`load_indicators`.
    tol_pp : float
        Within this many percentage points a growth or share target is ``steady``.
    tol_rel : float
        Within this relative change a level or count target is ``steady``.

    Returns
    -------
    pandas.DataFrame
        ``concept``, ``sector``, ``name`` (Chinese), ``name_en``, ``metric``, ``unit``,
        ``result_<year>`` and ``target_<year>`` (named for the years in the table,
        ``result_2024`` and ``target_2025`` for the Datong report), ``qualifier`` (of
        the target), ``acceleration_pp`` (target − result for growth and shares),
        ``change`` (target − result) and ``change_pct``, ``stance`` (ambitious, steady,
        cautious; categorical), ``result_id``, ``target_id``, ``note``.

    Examples
    --------
    >>> tv = targets_vs_results().set_index("concept")
    >>> float(tv.at["gdp_growth", "acceleration_pp"]), tv.at["gdp_growth", "stance"]
    (3.0, 'ambitious')
    >>> tv.at["urban_jobs", "stance"], float(tv.at["urban_jobs", "target_2025"])
    ('cautious', 4.4)
    """
    ind = load_indicators() if indicators is None else indicators
    ind = ind[ind["year"].notna()]  # targets pair with results by year; NA years pair with nothing
    rows = []
    years = {k: ind.loc[ind["kind"] == k, "year"].max() for k in ("actual", "target")}
    ry, ty = (int(years[k]) if pd.notna(years[k]) else "" for k in ("actual", "target"))
    implied = implied_targets(ind)
    for concept, grp in ind.groupby("concept", sort=False):
        res = grp[(grp["kind"] == "actual") & grp["value"].notna()].sort_values("year")
        tgt = grp[grp["kind"] == "target"].sort_values("year")
        if res.empty or tgt.empty:
            continue
        r, t = res.iloc[-1], tgt.iloc[-1]
        tv, qual, how = _target_value(t, ind)
        metric = str(r.metric)
        change = round(tv - r.value, 10)  # 6.5 - 0.8 should print as 5.7
        accel = change if metric in ("growth", "share", "pp") else np.nan
        pct = change / r.value * 100 if metric not in ("growth", "share", "pp", "rank") and r.value else np.nan
        stance = _stance(metric, r.value, tv, tol_pp, tol_rel)
        if metric in ("growth", "share", "pp"):
            note = f"{_fmt(r.value)}% in {r.year} → {_fmt(tv)}% target: {change:+.1f} percentage points"
        elif metric == "rank":
            note = f"{r.scope}第{_fmt(r.value)} in {r.year} → {t.scope}第{_fmt(tv)} target"
        else:
            note = f"{_fmt(r.value)}{r.unit} in {r.year} → {_fmt(tv)}{t.unit or r.unit} target ({change:+.2f}{r.unit}, {pct:+.1f}%)"
        prior = implied[implied["source_ids"].str.split(",").str[0] == r.id]
        if not prior.empty:
            how = f"the {r.year} target implied by attainment was ≈{_est(prior['value'].iloc[0])}{r.unit}"
        rows.append(
            {
                "concept": concept, "sector": r.sector, "name": t.name_zh, "name_en": t.name_en, "metric": metric,
                "unit": r.unit, f"result_{ry}": r.value, f"target_{ty}": tv, "qualifier": qual,
                "acceleration_pp": accel, "change": change, "change_pct": pct, "stance": stance,
                "result_id": r.id, "target_id": t.id, "note": "; ".join(x for x in (note, how) if x),
            }
        )
    cols = ["concept", "sector", "name", "name_en", "metric", "unit", f"result_{ry}", f"target_{ty}", "qualifier",
            "acceleration_pp", "change", "change_pct", "stance", "result_id", "target_id", "note"]
    df = pd.DataFrame(rows, columns=cols)
    df["sector"] = pd.Categorical(df["sector"].astype(str), categories=sector_names())
    df["stance"] = pd.Categorical(df["stance"], categories=STANCES)
    for c in (f"result_{ry}", f"target_{ty}", "acceleration_pp", "change", "change_pct"):
        df[c] = df[c].astype("float64")
    return df


def derived_measures(indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return every derived figure in one frame, each with a note and its source ids.

    Collects :func:`base_year_values`, :func:`implied_targets`,
    :func:`share_absolutes` and, from :func:`targets_vs_results`, the acceleration
    (percentage points) or change each target asks for.

    Examples
    --------
    >>> d = derived_measures()
    >>> sorted(d.measure.unique())
    ['acceleration', 'base_year_value', 'implied_target', 'reference_share', 'share_absolute', 'target_change']
    >>> d[d.source_ids == "gdp_growth_2024,gdp_growth_2025"].note.item()
    '2.5% in 2024 → 5.5% target: +3.0 percentage points'
    """
    ind = load_indicators() if indicators is None else indicators
    tv, years = targets_vs_results(ind), ind.set_index("id")["year"]
    extra = []
    for r in tv.itertuples(index=False):
        growth = not np.isnan(r.acceleration_pp)
        extra.append(
            {
                "measure": "acceleration" if growth else "target_change", "sector": r.sector,
                "name_zh": f"{r.name}：目标较上年{'提速' if growth else '变化'}",
                "name_en": f"{r.name_en}: {'acceleration' if growth else 'change'} asked by the target",
                "year": int(years.at[r.target_id]), "value": r.acceleration_pp if growth else r.change,
                "unit": "个百分点" if growth else r.unit, "qualifier": r.qualifier, "note": r.note,
                "source_ids": f"{r.result_id},{r.target_id}",
            }
        )
    parts = [base_year_values(ind), implied_targets(ind), share_absolutes(ind), _frame(extra)]
    df = _frame(pd.concat(parts, ignore_index=True).to_dict("records"))
    df["measure"] = df["measure"].astype("category")
    return df
