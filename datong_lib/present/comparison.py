"""Tables and charts of the comparison briefing: several reports side by side.

The tables need pandas only; each chart function imports matplotlib when called and
returns a Figure.
"""

from __future__ import annotations

import pandas as pd

from .format import KIND_ZH, LEVEL_ZH, METRIC_ZH, VERSUS_ZH, format_value

__all__ = ["reports_overview", "outcomes_table", "series_table", "wide_table", "series_chart",
           "city_vs_nation_chart", "term_shift_chart", "term_shift_table", "comparison_headlines"]


def reports_overview(reports) -> pd.DataFrame:
    """Return one row per report: file, place, level (中文), report and reviewed year, speaker, meeting."""
    return pd.DataFrame([{
        "file": r.metadata.get("file", ""), "place": r.place,
        "level": LEVEL_ZH.get(r.metadata.get("level"), "未知"), "year": r.metadata.get("report_year", ""),
        "reviewed": r.metadata.get("reviewed_year", ""), "speaker": r.metadata.get("speaker", ""),
        "meeting": r.metadata.get("meeting", ""),
    } for r in reports], columns=["file", "place", "level", "year", "reviewed", "speaker", "meeting"])


def outcomes_table(tvo: pd.DataFrame) -> pd.DataFrame:
    """Return :func:`~datong_lib.compare.targets_vs_outcomes` with the verdicts in Chinese."""
    return tvo.assign(versus_zh=tvo["versus"].map(VERSUS_ZH),
                      met_zh=tvo["met"].map({True: "完成", False: "未完成"}).fillna("—"))


def series_table(cmp: pd.DataFrame, focus: str) -> pd.DataFrame:
    """Return the statements of one canonical indicator across reports, labelled in Chinese.

    ``when`` is the plan period for multi-year figures, else the year.
    """
    s = cmp[cmp["canonical"] == focus].copy()
    s["kind_zh"] = s["kind"].astype(str).map(KIND_ZH)
    s["when"] = [p or str(y) for p, y in zip(s["period"], s["year"])]
    s["metric_zh"] = s["metric"].astype(str).map(METRIC_ZH)
    return s


def wide_table(cmp: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Return every single-year figure as one row per indicator and one column per place, year and kind."""
    wide = cmp[cmp["period"] == ""].copy()
    if wide.empty:
        return wide, []
    wide["col"] = [f"{p} {y}{KIND_ZH[str(k)]}" for p, y, k in zip(wide["place"], wide["year"], wide["kind"])]
    order = list(dict.fromkeys(wide.sort_values(["place", "year", "kind"], key=lambda s: s.astype(str))["col"]))
    table = (wide.pivot_table(index=["canonical", "name_zh", "metric"], columns="col", values="shown",
                              aggfunc="first", observed=True)
             .reindex(columns=order).fillna("").reset_index())
    table["metric"] = table["metric"].astype(str).map(METRIC_ZH)
    return table, order


def series_chart(series: pd.DataFrame, title: str):
    """Return a chart of one indicator's results (lines) and targets (bars for ranges) by year.

    Only single-year figures in the most common unit are drawn: 亿斤 and 万亿斤 do not
    share an axis. Returns None when nothing can be drawn.
    """
    import matplotlib.pyplot as plt

    from .charts import PALETTE

    metric = "growth" if (series["metric"] == "growth").any() else (
        series["metric"].astype(str).iloc[0] if len(series) else "")
    one = series[(series["metric"] == metric) & (series["period"] == "")]
    if one.empty:
        return None
    unit = one["unit"].mode().iloc[0]
    one = one[one["unit"] == unit]
    fig, ax = plt.subplots(figsize=(7.5, 3.8), layout="constrained")
    for i, (place, g) in enumerate(one.groupby("place", sort=False)):
        color = PALETTE[i % len(PALETTE)]
        act = g[g["kind"] == "actual"].sort_values("year")
        tgt = g[g["kind"] == "target"].sort_values("year")
        # Join only consecutive years: a line across a gap would invent the years between.
        runs = (act["year"].diff() != 1).cumsum()
        for k, (_, run) in enumerate(act.groupby(runs)):
            ax.plot(run["year"], run["value"], "o-", color=color, label=f"{place} 实际" if k == 0 else None)
        for r in tgt.itertuples():
            hi = r.value_high if pd.notna(r.value_high) else r.value
            ax.vlines(r.year + 0.12, r.value, hi, color=color, linewidth=6, alpha=0.45)
            ax.plot([r.year + 0.12], [r.value], "D", color=color, alpha=0.6)
            ax.annotate(r.shown, (r.year + 0.12, hi), textcoords="offset points", xytext=(6, 2), fontsize=9,
                        color="#555555")
        for r in act.itertuples():
            ax.annotate(r.shown, (r.year, r.value), textcoords="offset points", xytext=(-6, -14), ha="right",
                        fontsize=9)
        ax.plot([], [], "D", color=color, alpha=0.6, label=f"{place} 目标")
    ax.set_xticks(sorted(set(one["year"])))
    ax.set_ylabel(unit)
    ax.set_title(title)
    ax.legend(frameon=False, fontsize=9)
    return fig


def city_vs_nation_chart(cvn: pd.DataFrame, place: str):
    """Return paired bars of a city's rate targets against the nation's, or None without rates."""
    import matplotlib.pyplot as plt

    from .charts import PALETTE, _title

    rates = cvn[(cvn["unit"] == "%") & cvn["city_value"].notna() & cvn["nation_value"].notna()]
    if rates.empty:
        return None
    cy, ny = cvn.attrs["city_year"], cvn.attrs["nation_year"]
    fig, ax = plt.subplots(figsize=(7, 0.9 + 0.55 * len(rates)), layout="constrained")
    y = range(len(rates))
    ax.barh([i - 0.2 for i in y], rates["city_value"], height=0.38, color=PALETTE[1], label=f"{place} {cy}年目标")
    ax.barh([i + 0.2 for i in y], rates["nation_value"], height=0.38, color=PALETTE[0], label=f"全国 {ny}年目标")
    ax.set_yticks(list(y), rates["name_zh"])
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(lambda v, _: format_value(v, "%"))
    for i, (c, n) in enumerate(zip(rates["city_shown"], rates["nation_shown"])):
        ax.text(rates["city_value"].iloc[i], i - 0.2, f" {c}", va="center", fontsize=9)
        ax.text(rates["nation_value"].iloc[i], i + 0.2, f" {n}", va="center", fontsize=9)
    ax.set_xlim(0, max(rates["city_value"].max(), rates["nation_value"].max()) * 1.3)
    _title(ax, "增速与比率目标：城市与全国")
    ax.legend(frameon=False, fontsize=9, loc="lower right")
    return fig


def _movers(ts: pd.DataFrame, n: int = 8) -> pd.Series:
    shift = ts.drop_duplicates("term").set_index("term")["shift"]
    movers = pd.concat([shift.nlargest(n), shift.nsmallest(n)]).drop_duplicates()
    return movers[movers != 0].sort_values()


def term_shift_chart(ts: pd.DataFrame):
    """Return bars of the terms whose rate per 1,000 characters rose or fell most."""
    import matplotlib.pyplot as plt

    from .charts import PALETTE, _title

    movers = _movers(ts)
    labels = list(ts["report"].cat.categories) if hasattr(ts["report"], "cat") else list(dict.fromkeys(ts["report"]))
    fig, ax = plt.subplots(figsize=(7, 0.9 + 0.34 * len(movers)), layout="constrained")
    ax.barh(list(movers.index), movers.values, color=[PALETTE[0] if v > 0 else PALETTE[3] for v in movers.values])
    ax.axvline(0, color="#999999", linewidth=0.8)
    ax.set_xlabel(f"每千字出现次数的变化（{labels[-1]} 相对 {labels[0]}）")
    _title(ax, "用词重心的变化")
    return fig


def term_shift_table(ts: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Return the moving terms' rates per report and their shift, largest rise first."""
    movers = _movers(ts)
    wide = ts.pivot(index="term", columns="report", values="per_1000")
    table = wide.loc[movers.index[::-1]].round(2).reset_index()
    table.columns = [str(c) for c in table.columns]
    table["shift"] = [f"{v:+.2f}" for v in movers.values[::-1]]
    return table, [str(c) for c in wide.columns]


def comparison_headlines(tvo: pd.DataFrame, pick: pd.DataFrame, cvn: pd.DataFrame | None, focus: str,
                         place: str = "") -> list[dict]:
    """Return up to three index-card figures: the focus indicator's city and national targets
    (or its target and result), then how many paired targets were met."""
    heads = []
    city_focus = cvn[(cvn["canonical"] == focus) & cvn["city_value"].notna()] if cvn is not None else pick.iloc[0:0]
    if len(city_focus):
        r = city_focus.iloc[0]
        heads += [{"label": f"{place} {r['city_year']}年{r['name_zh']}目标", "value": r["city_shown"]},
                  {"label": f"全国 {r['nation_year']}年目标", "value": r["nation_shown"]}]
    elif len(pick):
        r = pick.iloc[0]
        heads += [{"label": f"{r['place']}{r['year']}年{r['name_zh']}目标", "value": r["target_shown"]},
                  {"label": f"{r['year']}年实际", "value": r["outcome_shown"], "note": r["outcome_report"]}]
    if len(tvo):
        known = tvo["met"].dropna()
        heads.append({"label": "完成的目标", "value": f"{int(known.sum())}/{len(known)}"})
    return heads[:3]
