"""The targets briefing's table and index-card figures: each target against last year's result."""

from __future__ import annotations

import pandas as pd

from .format import STANCE_ZH, format_value

__all__ = ["targets_table", "targets_headlines"]


def targets_table(tvr: pd.DataFrame, ind: pd.DataFrame) -> pd.DataFrame:
    """Return :func:`~datong_lib.indicators.targets_frame` with its figures written out.

    Adds ``result_shown``, ``target_shown``, ``change_shown`` (in percentage points for
    growth rates), ``stance_zh`` and, for the source links, ``result_src`` and
    ``target_src`` (see :func:`datong_lib.present.sources_for`).
    """
    from .sources import sources_for

    return tvr.assign(
        result_shown=[format_value(v, u or "") for v, u in zip(tvr["result"], tvr["unit"])],
        target_shown=[format_value(v, u or "", q) for v, u, q in zip(tvr["target"], tvr["unit"], tvr["qualifier"])],
        change_shown=[format_value(c, "个百分点" if m == "growth" else (u or ""), signed=True)
                      for c, m, u in zip(tvr["change"], tvr["metric"], tvr["unit"])],
        stance_zh=tvr["stance"].map(STANCE_ZH).astype(str),
        result_src=sources_for(ind, tvr["result_id"]), target_src=sources_for(ind, tvr["target_id"]),
    )


def targets_headlines(tvr: pd.DataFrame) -> list[dict]:
    """Return up to three index-card figures: the two largest changes asked for (GDP growth
    first when the report pairs it) and the count of ambitious and cautious targets."""
    if not len(tvr):
        return [{"label": "目标", "value": "0"}]
    heads = []
    top = tvr.assign(first=tvr["concept"] != "gdp_growth", size=tvr["change"].abs()).sort_values(
        ["first", "size"], ascending=[True, False])
    for r in top.head(2).itertuples():
        unit = "个百分点" if r.metric == "growth" else r.unit
        heads.append({"label": f"{r.name_zh}：目标较上年", "value": format_value(r.change, unit, signed=True)})
    counts = f"{(tvr['stance'] == 'ambitious').sum()} / {(tvr['stance'] == 'cautious').sum()}"
    heads.append({"label": "积极 / 稳健目标", "value": counts})
    return heads[:3]
