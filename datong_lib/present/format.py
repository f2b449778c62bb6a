"""Numbers written the way a report writes them: values with units and qualifiers.

Needs pandas only, so a table, an export or a test can format ``5.5%左右`` without
loading matplotlib.
"""

from __future__ import annotations

import math

import pandas as pd

from ..figures.numerals import zh_number
from ..figures.vocab import KIND_ZH, QUALIFIER_DISPLAY

__all__ = ["format_value", "display_indicators", "display_derived", "results_and_targets", "KIND_ZH", "LEVEL_ZH",
           "METRIC_ZH", "VERSUS_ZH", "STANCE_ZH"]

_PREFIX_QUALIFIERS = ("突破", "超过", "超", "近", "约", "达")
_PP_UNITS = {"个百分点": "个百分点", "百分点": "个百分点", "pp": "个百分点"}


def _number(value: float, decimals: int | None) -> str:
    if decimals is not None:
        return f"{value:.{decimals}f}"
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def format_value(value, unit: str | None = "", qualifier: str | None = "",
                 decimals: int | None = None, signed: bool | None = None) -> str:
    """Return a number written the way the report writes it, with unit and qualifier.

    Parameters
    ----------
    value : float
        The number; NaN or None gives ``'—'``.
    unit : str
        Written straight after the number (``%``, ``亿元``, ``万人次``). ``pp``,
        ``百分点`` and ``个百分点`` all print as ``个百分点``.
    qualifier : str
        ``左右``/``以上`` follow the unit; ``突破``, ``超过``, ``近``, ``约``, ``达``
        precede the number. The extractor's codes (``approx``, ``at_least``,
        ``over``, ``nearly``, ``at_most``) print as 左右, 以上, 超过, 近, 以内.
    decimals : int, optional
        Fixed decimals; by default as many as the value needs (one for
        percentage points).
    signed : bool, optional
        Print ``+`` on positive numbers; by default only for percentage points.

    Examples
    --------
    >>> format_value(1718.7, "万人次")
    '1718.7万人次'
    >>> format_value(5.5, "%", "左右")
    '5.5%左右'
    >>> format_value(3.0, "个百分点")
    '+3.0个百分点'
    >>> format_value(40, "亿元", "突破")
    '突破40亿元'
    >>> format_value(-0.65, "pp", decimals=2)
    '-0.65个百分点'
    >>> format_value(26.1, "亿斤", "at_least"), format_value(40, "亿元", "over")
    ('26.1亿斤以上', '超过40亿元')
    >>> format_value(float("nan"), "%")
    '—'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    unit = "" if unit is None or unit != unit else str(unit)
    qualifier = "" if qualifier is None or qualifier != qualifier else str(qualifier)
    qualifier = QUALIFIER_DISPLAY.get(qualifier, qualifier)
    pp = unit in _PP_UNITS
    unit = _PP_UNITS.get(unit, unit)
    if decimals is None and pp:
        decimals = 1
    text = _number(float(value), decimals)
    if (pp if signed is None else signed) and float(value) > 0:
        text = "+" + text
    if qualifier.startswith(_PREFIX_QUALIFIERS):
        return f"{qualifier}{text}{unit}"
    return f"{text}{unit}{qualifier}"


def display_indicators(ind: pd.DataFrame) -> pd.DataFrame:
    """Return *ind* with a formatted ``shown`` value (``1718.7万人次``, ``5.5%左右``)."""
    shown = []
    for row in ind.itertuples():
        if pd.isna(row.value):
            shown.append(getattr(row, "target_text", "") or "（无数值）")
            continue
        if row.metric == "rank":
            scope = row.scope if isinstance(row.scope, str) else ""
            shown.append(f"{scope}第{zh_number(int(row.value))}")
            continue
        if row.metric == "streak" and row.unit in ("连丰", "连增", "连涨"):
            shown.append(f"{zh_number(int(row.value))}{row.unit}")
            continue
        text = format_value(row.value, row.unit or "", row.qualifier or "", signed=False,
                            decimals=0 if float(row.value).is_integer() else None)
        if not pd.isna(getattr(row, "value_high", float("nan"))):
            text = f"{row.value:g}—{format_value(row.value_high, row.unit or '')}"
        shown.append(text)
    out = ind.copy()
    out["shown"] = shown
    out["kind_zh"] = out["kind"].map(KIND_ZH).astype(str)
    return out



def results_and_targets(ind: pd.DataFrame, *, headline_only: bool = False) -> pd.DataFrame:
    """Return the reviewed-year results and report-year targets side by side, formatted."""
    shown = display_indicators(ind)
    if headline_only and "headline" in shown:
        shown = shown[shown["headline"].astype(bool)]
    cols = ["sector", "name_zh", "year", "kind_zh", "shown", "source_quote"]
    cols += [c for c in ("value", "section", "start", "end", "page") if c in shown]  # where each figure stands
    return shown[cols].sort_values(["year", "sector"], kind="stable").reset_index(drop=True)



def display_derived(derived: pd.DataFrame) -> pd.DataFrame:
    """Return derived measures with a ``shown`` value rounded as an estimate should be.

    Estimates carry no more precision than their inputs: one decimal from 100 up,
    two below (827.2万人次, 4.73亿元, 4.40万人).

    >>> import datong_lib as dl
    >>> d = display_derived(dl.derived_measures())
    >>> d.set_index("measure").loc["base_year_value", "shown"].tolist()
    ['827.2万人次', '4.73亿元']
    """
    shown = []
    for v, u, m in zip(derived["value"], derived["unit"], derived.get("metric", [""] * len(derived))):
        unit = u if isinstance(u, str) else ""
        if pd.isna(v):
            shown.append("—")
        elif unit in ("个百分点", "%") or abs(v) < 1e-9 or float(v).is_integer():
            shown.append(format_value(v, unit))
        else:
            shown.append(format_value(v, unit, decimals=1 if abs(v) >= 100 else 2))
    # A figure the report states twice gives the same estimate twice; show it once.
    return derived.assign(shown=shown).drop_duplicates(["measure", "name_zh", "shown"], ignore_index=True)


#: Chinese labels for the closed sets a briefing shows.
LEVEL_ZH = {"nation": "全国", "province": "省级", "city": "市级", "county": "县级"}
METRIC_ZH = {"growth": "增速", "level": "总量", "share": "比率", "count": "数量", "pp": "百分点"}
VERSUS_ZH = {"within": "符合目标", "above": "高于目标", "below": "低于目标"}
STANCE_ZH = {"ambitious": "积极（要求提速）", "cautious": "稳健（低于上年）", "steady": "持平"}
