"""Targets against results year by year: tables, charts, source quotes and headlines.

A thin layer over :func:`datong_lib.indicators.series.series` for the briefing
``全国目标与实际``: each indicator's target of year Y (from the report of Y) beside
its result (from a later report), the verdict, and the sentence each number comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .format import format_value

__all__ = ["Panel", "target_series", "target_series_table", "target_series_chart", "target_series_quotes",
           "target_series_headlines", "show_chart", "VERDICT_ZH"]

VERDICT_ZH = {"met": "达到目标", "missed": "未达到目标", "no_target": "当年未设目标", "no_result": "尚无结果"}
_UNIT = {"growth": "%", "share": "%"}


@dataclass
class Panel:
    """One indicator's series: its key, metric, Chinese name, unit and rows."""

    key: str
    metric: str
    name_zh: str
    unit: str
    frame: pd.DataFrame
    reports: dict = field(default_factory=dict, repr=False)  # file name -> Report


def _written(metric: str, reports: dict, frame: pd.DataFrame) -> tuple[str, str]:
    """The unit and name the reports write (万人, 国内生产总值), read from the latest source."""
    from ..figures import extract

    for src in list(frame["actual_source"])[::-1] + list(frame["target_source"])[::-1]:
        rep, a, b = _where(src, reports) if src else (None, 0, 0)
        if rep is not None:
            ex = extract(rep)
            hit = ex[(ex["start"] == a) & (ex["end"] == b)]
            if len(hit):
                return str(hit["unit"].iloc[0]), str(hit["subject"].iloc[0])
    return _UNIT.get(metric, ""), ""


def _where(src: str, reports: dict):
    name, _, span = src.rpartition(":")
    a, _, b = span.partition("-")
    return reports.get(name), int(a), int(b)


def target_series(spec: str, place: str = "全国") -> list[Panel]:
    """Return one :class:`Panel` per ``key:metric`` pair of *spec* (``gdp:growth,cpi:growth``).

    Every bundled report is read once; those of other places are left out.
    """
    from ..indicators.names import indicator_label, indicator_names
    from ..indicators.series import load_reports, series

    names = indicator_names()
    reps = [r for r in load_reports() if r.place == place]
    by_file = {(r.metadata.get("file") or (r.source.name if r.source else "")): r for r in reps}
    panels = []
    for item in [s.strip() for s in spec.split(",") if s.strip()]:
        key, _, metric = item.partition(":")
        frame = series(key, metric=metric or "growth", place=place, reports=reps, names=names)
        unit, written = _written(metric, by_file, frame)
        label = indicator_label(key, names)
        # The name as the reports write it when it is one of the indicator's names (国内生产总值 for 全国).
        aliases = names.set_index("key").at[key, "aliases"]
        name = written if written in aliases else label
        panels.append(Panel(key, metric or "growth", name, unit, frame, by_file))
    return panels


def _shown(value, high, qualifier, unit) -> str:
    if pd.isna(value):
        return "—"
    if pd.notna(high):
        return f"{format_value(value, '')}—{format_value(high, unit)}"
    return format_value(value, unit, qualifier or "")


def target_series_table(panel: Panel) -> pd.DataFrame:
    """Return the panel as display columns: 年份, 目标, 实际, 结果, 目标出处, 结果出处."""
    f = panel.frame
    years = {int(r.metadata["report_year"]) for r in panel.reports.values() if r.metadata.get("report_year")}
    return pd.DataFrame({
        "year": f["year"].astype(str),
        "target": [_shown(v, h, q, panel.unit) for v, h, q in zip(f["target"], f["target_high"], f["target_qualifier"])],
        "actual": [_shown(v, float("nan"), "", panel.unit) for v in f["actual"]],
        "verdict": [_verdict(v, int(y), years) for v, y in zip(f["verdict"], f["year"])],
        "target_source": f["target_source"].str.rpartition(":")[0],
        "actual_source": f["actual_source"].str.rpartition(":")[0],
    })


def _verdict(v: str, year: int, years: set) -> str:
    """The verdict in Chinese; a missing target or result says whether the report is missing."""
    if v == "no_target" and year not in years:
        return "无当年报告"
    if v == "no_result" and not any(y > year for y in years):
        return "尚无结果"
    if v == "no_result":
        return "次年报告中未找到" if year + 1 in years else "无次年报告"
    return VERDICT_ZH[v]


def target_series_chart(panel: Panel):
    """Return a chart: results as a line (joined only across consecutive years), targets as bars.

    A range target is drawn as a bar from its low to its high end; a 左右 target as a
    diamond. Returns None when the panel has no number.
    """
    import matplotlib.pyplot as plt

    from .charts import PALETTE

    f = panel.frame
    if f["target"].isna().all() and f["actual"].isna().all():
        return None
    fig, ax = plt.subplots(figsize=(8, 3.6), layout="constrained")
    act = f[f["actual"].notna()]
    runs = (act["year"].astype(int).diff() != 1).cumsum()
    for k, (_, run) in enumerate(act.groupby(runs)):
        ax.plot(run["year"].astype(int), run["actual"], "o-", color=PALETTE[0], label="实际" if k == 0 else None)
    tgt = f[f["target"].notna()]
    for r in tgt.itertuples():
        hi = r.target_high if pd.notna(r.target_high) else r.target
        if hi != r.target:
            ax.vlines(int(r.year), r.target, hi, color=PALETTE[1], linewidth=7, alpha=0.5)
    ax.plot(tgt["year"].astype(int), tgt["target"], "D", color=PALETTE[1], alpha=0.8, linestyle="none", label="目标")
    for r in f[(f["verdict"] == "missed")].itertuples():
        ax.annotate("未达到", (int(r.year), r.actual), textcoords="offset points", xytext=(0, -16), ha="center",
                    fontsize=9, color=PALETTE[3])
    ax.set_title(f"{panel.name_zh}：目标与实际")
    ax.set_ylabel(panel.unit)
    ax.set_xlabel("年份")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False, fontsize=9)
    return fig


def show_chart(fig) -> None:
    """Display *fig* where the cell is (between a table and the next) and close it, so it shows once."""
    if fig is None:
        return
    import matplotlib.pyplot as plt
    from IPython.display import display

    display(fig)
    plt.close(fig)


def target_series_quotes(panel: Panel) -> list[tuple]:
    """Return ``(label, sentence, figure)`` for every point of the panel: the sentence it comes from."""
    out = []
    for r in panel.frame.itertuples():
        for kind, src in (("目标", r.target_source), ("实际", r.actual_source)):
            if not src:
                continue
            rep, a, b = _where(src, panel.reports)
            if rep is None:
                continue
            sents = rep.sentences
            hit = sents[(sents["start"] <= a) & (sents["end"] >= b)]
            sentence = str(hit["text"].iloc[0]) if len(hit) else rep.text[max(0, a - 60):b + 60]
            out.append((f"{r.year}年{kind} · {src.rpartition(':')[0]}", sentence, rep.text[a:b]))
    return out


def target_series_headlines(panels: list[Panel]) -> list[dict]:
    """Return two or three headline figures: targets met, and the latest result of the first panel."""
    heads = []
    first = panels[0] if panels else None
    if first is not None:
        judged = first.frame[first.frame["verdict"].isin(["met", "missed"])]
        if len(judged):
            heads.append({"label": f"{first.name_zh}目标达到", "value": f"{(judged['verdict'] == 'met').sum()}/{len(judged)}年"})
        act = first.frame[first.frame["actual"].notna()]
        if len(act):
            last = act.iloc[-1]
            what = first.name_zh + ("增长" if first.metric == "growth" else "")
            heads.append({"label": f"{int(last['year'])}年{what}", "value": format_value(last["actual"], first.unit)})
        tgt = first.frame[first.frame["target"].notna()]
        if len(tgt):
            t = tgt.iloc[-1]
            heads.append({"label": f"{int(t['year'])}年目标", "value": _shown(t["target"], t["target_high"],
                                                                           t["target_qualifier"], first.unit)})
    return heads[:3]
