"""Charts with Chinese labels, one theme, and numbers printed with their units.

Importing this module loads matplotlib and seaborn, so the rest of the package never
imports it at top level. Call :func:`set_theme` once per notebook; each chart function
takes a plain DataFrame with documented columns and returns a matplotlib Figure.

Chinese needs a CJK font. :func:`use_cjk_font` takes one installed on the system when
there is one, else the subset of Noto Sans CJK SC shipped in ``datong_lib/fonts``
(SIL Open Font License), and raises :class:`CJKFontError` rather than draw boxes.
"""

from __future__ import annotations

import sys

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from ..figures.numerals import zh_number
from .fonts import CJKFontError, use_cjk_font
from .format import format_value

__all__ = ["CJKFontError", "use_cjk_font", "set_theme", "bar_indicators", "growth_vs_target", "rank_chart",
           "share_of_text", "term_bars"]

PALETTE = ["#2f6690", "#d9822b", "#3a7d44", "#9e2a2b", "#6c757d", "#7b4b94"]


def set_theme(prefer_system: bool = True) -> str:
    """Apply the suite's chart theme and return the CJK font family in use.

    A white seaborn grid, a muted palette, no top or right spines, and a CJK font
    (see :func:`use_cjk_font`, which runs after seaborn since seaborn resets fonts).

    Examples
    --------
    >>> set_theme(prefer_system=False)
    'Datong Sans CJK'
    """
    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE, rc={
        "axes.spines.top": False, "axes.spines.right": False,
        "axes.titlesize": 13, "axes.titlelocation": "left", "axes.titlepad": 10,
        "axes.labelsize": 11, "xtick.labelsize": 10, "ytick.labelsize": 11,
        "grid.color": "#e5e5e5", "figure.dpi": 110, "savefig.dpi": 150,
        "savefig.bbox": "tight", "figure.facecolor": "white",
    })
    _no_idle_draw()
    return use_cjk_font(prefer_system)


def _no_idle_draw() -> None:
    """In a kernel with the inline backend, stop pyplot redrawing every figure after a cell.

    The inline backend renders each figure to PNG itself when the cell ends; pyplot's own
    hook drew it once more before that, for nothing (the PNG is byte for byte the same).
    """
    ip = sys.modules["IPython"].get_ipython() if "IPython" in sys.modules else None
    if ip is not None and "inline" in str(plt.get_backend()):
        try:  # pyplot registers its hook when it loads the backend, on the first figure
            plt._get_backend_mod()
            ip.events.unregister("post_execute", plt._draw_all_if_interactive)
        except (ValueError, AttributeError):
            pass


def _hbar(ax, labels, values, texts, color=PALETTE[0]) -> None:
    """Draw labelled horizontal bars, first row on top, value text past each bar."""
    y = range(len(values))
    ax.barh(list(y), values, color=color, height=0.62)
    ax.set_yticks(list(y), labels)
    ax.invert_yaxis()
    span = max([abs(v) for v in values] + [1e-9])
    for yi, v, t in zip(y, values, texts):
        ax.text(v + span * 0.015 if v >= 0 else v - span * 0.015, yi, t, va="center",
                ha="left" if v >= 0 else "right", fontsize=10, color="#333333")
    lo = min(0.0, min(values))
    ax.set_xlim(lo * 1.25 if lo < 0 else 0, max(0.0, max(values)) + span * 0.28)
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)


def _title(ax, text: str, **kw) -> None:
    """Title a category-axis chart at y=1.0, where matplotlib's check (for top tick labels and a
    ``1e6`` offset, which it lacks) puts it; the check took half of a five-panel chart's drawing."""
    if text:
        ax.set_title(text, y=1.0, **kw)


def _require(df: pd.DataFrame, columns: list[str], func: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise KeyError(f"{func}: missing column(s) {missing}; the frame has {list(df.columns)}")


def bar_indicators(df: pd.DataFrame, value: str = "value", label: str = "name_zh",
                   unit_col: str = "unit", qualifier_col: str = "qualifier",
                   title: str | None = None) -> plt.Figure:
    """Return horizontal bars of indicator values, one panel per unit.

    Values in different units are not comparable as bar lengths, so each unit
    (``亿元``, ``%``, ``万人``…) gets its own panel, titled with the unit.

    Parameters
    ----------
    df : DataFrame
        One row per indicator: ``label`` (name), ``value`` (float), ``unit_col`` and
        optionally ``qualifier_col`` (``左右``, ``以上``…).

    Examples
    --------
    >>> _ = set_theme(prefer_system=False)
    >>> df = pd.DataFrame({"name_zh": ["门票收入", "衔接资金"], "value": [6.4, 9.56],
    ...                    "unit": ["亿元", "亿元"]})
    >>> fig = bar_indicators(df, title="收入与资金")
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['6.4亿元', '9.56亿元']
    >>> plt.close(fig)
    """
    _require(df, [value, label, unit_col], "bar_indicators")
    groups = list(df.groupby(unit_col, sort=False))
    sizes = [len(g) for _, g in groups]
    fig, axes = plt.subplots(len(groups), 1, squeeze=False, layout="constrained",
                             figsize=(7.5, 0.9 + 0.42 * sum(sizes) + 0.55 * len(groups)),
                             gridspec_kw={"height_ratios": sizes})
    fig.get_layout_engine().set(h_pad=0.12)
    for i, (ax, (unit, g)) in enumerate(zip(axes[:, 0], groups)):
        quals = g[qualifier_col] if qualifier_col in g else [""] * len(g)
        texts = [format_value(v, unit, q) for v, q in zip(g[value], quals)]
        _hbar(ax, list(g[label]), [float(v) for v in g[value]], texts, PALETTE[i % 6])
        _title(ax, f"单位：{unit}" if len(groups) > 1 else "", fontsize=10, color="#555555")
        ax.set_xlabel("")
    if title:
        fig.suptitle(title, x=0.02, ha="left", fontsize=13)
    return fig


def growth_vs_target(df: pd.DataFrame, label: str = "name_zh", result: str = "result",
                     target: str = "target", qualifier_col: str = "target_qualifier",
                     unit: str = "%",
                     result_label: str = "2024年实际", target_label: str = "2025年目标",
                     title: str | None = "2024年增速与2025年目标") -> plt.Figure:
    """Return a dumbbell chart of last year's growth against this year's target.

    Parameters
    ----------
    df : DataFrame
        ``label`` (indicator name), ``result`` and ``target`` (floats, growth rates
        in % by default), optionally ``qualifier_col`` (``左右``, ``以上``) for the
        target. Each row is annotated with the change: in percentage points for
        rates, in ``unit`` otherwise.
    unit : str, default "%"
        The unit of every row; draw levels in other units (万人) as a separate chart.

    Examples
    --------
    >>> _ = set_theme(prefer_system=False)
    >>> df = pd.DataFrame({"name_zh": ["地区生产总值", "固定资产投资"],
    ...                    "result": [2.5, 0.8], "target": [5.5, 6.5]})
    >>> fig = growth_vs_target(df)
    >>> sorted(t.get_text() for t in fig.axes[0].texts if "百分点" in t.get_text())
    ['+3.0个百分点', '+5.7个百分点']
    >>> plt.close(fig)
    """
    _require(df, [label, result, target], "growth_vs_target")
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.55 * len(df)), layout="constrained")
    y = list(range(len(df)))
    r, t = df[result].astype(float).tolist(), df[target].astype(float).tolist()
    quals = df[qualifier_col].fillna("").tolist() if qualifier_col in df else [""] * len(df)
    ax.hlines(y, r, t, color="#bbbbbb", linewidth=3, zorder=1)
    ax.scatter(r, y, s=70, color=PALETTE[4], zorder=2, label=result_label)
    ax.scatter(t, y, s=70, color=PALETTE[1], zorder=3, label=target_label)
    lo, hi = min(r + t + [0.0]), max(r + t)
    pad = (hi - lo) * 0.04 or 0.2
    for yi, a, b, q in zip(y, r, t, quals):
        left, right = (a, b) if a <= b else (b, a)
        ax.text(left - pad, yi, format_value(min(a, b), unit, q if b < a else ""),
                ha="right", va="center", fontsize=9.5, color="#444444")
        ax.text(right + pad, yi, format_value(max(a, b), unit, q if b >= a else ""),
                ha="left", va="center", fontsize=9.5, color="#444444")
        change = format_value(b - a, "个百分点" if unit == "%" else unit, signed=True,
                              decimals=1 if unit == "%" else None)
        ax.text(hi + (hi - lo) * 0.62, yi, change, ha="right", va="center",
                fontsize=10, color=PALETTE[3] if b < a else PALETTE[2])
    ax.set_yticks(y, df[label].tolist())
    ax.invert_yaxis()
    ax.set_xlim(min(lo - (hi - lo) * 0.18, 0), hi + (hi - lo) * 0.64)
    ax.set_ylim(len(df) - 0.4, -0.9)
    ax.set_xticks([v for v in ax.get_xticks() if lo - (hi - lo) * 0.18 <= v <= hi])
    ax.xaxis.set_major_formatter(lambda v, _: format_value(v, unit))
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    ax.legend(loc="upper left", ncols=2, frameon=False, fontsize=10,
              bbox_to_anchor=(0, 1.0), handletextpad=0.3, borderaxespad=0.1)
    _title(ax, title)
    return fig


def rank_chart(df: pd.DataFrame, label: str = "name_zh", rank: str = "rank",
               scope: str = "scope", title: str | None = "排名") -> plt.Figure:
    """Return a dot chart of rankings (1 = best, on the right), e.g. 全省第一.

    Parameters
    ----------
    df : DataFrame
        ``label``, ``rank`` (int, 1 = first) and ``scope`` (``全省``, ``全国``…).

    Examples
    --------
    >>> _ = set_theme(prefer_system=False)
    >>> df = pd.DataFrame({"name_zh": ["一产固定资产投资增长", "一产增加值增长"],
    ...                    "rank": [1, 2], "scope": ["全省", "全省"]})
    >>> fig = rank_chart(df)
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['全省第一', '全省第二']
    >>> plt.close(fig)
    """
    _require(df, [label, rank], "rank_chart")
    ranks = df[rank].astype(int).tolist()
    scopes = df[scope].fillna("").tolist() if scope in df else [""] * len(df)
    worst = max(ranks + [5])
    fig, ax = plt.subplots(figsize=(7.5, 1.0 + 0.5 * len(df)), layout="constrained")
    y = list(range(len(df)))
    ax.hlines(y, worst + 0.5, ranks, color="#d5d5d5", linewidth=2, zorder=1)
    colors = [PALETTE[1] if k == 1 else PALETTE[0] for k in ranks]
    ax.scatter(ranks, y, s=110, color=colors, zorder=2)
    for yi, k, s in zip(y, ranks, scopes):
        ax.text(k - 0.3, yi, f"{s}第{zh_number(k)}", va="center", ha="left",
                fontsize=10, color="#333333")
    ax.set_xlim(worst + 0.5, -0.4)
    ax.set_xticks(range(1, worst + 1), [f"第{zh_number(k)}" for k in range(1, worst + 1)])
    ax.set_yticks(y, df[label].tolist())
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    _title(ax, title)
    return fig


def share_of_text(df: pd.DataFrame, label: str = "name_zh", share: str = "share", count: str = "n_indicators",
                  title: str | None = "各领域在报告中的篇幅") -> plt.Figure:
    """Return bars of each sector's share of the report text, largest first.

    Parameters
    ----------
    df : DataFrame
        ``label``, ``share`` (a fraction, 0-1) and optionally ``count`` (number of
        indicators), printed beside the share.

    Examples
    --------
    >>> _ = set_theme(prefer_system=False)
    >>> df = pd.DataFrame({"name_zh": ["能源", "文化旅游"], "share": [0.081, 0.12],
    ...                    "n_indicators": [3, 4]})
    >>> fig = share_of_text(df)
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['12.0% · 4项指标', '8.1% · 3项指标']
    >>> plt.close(fig)
    """
    _require(df, [label, share], "share_of_text")
    d = df.sort_values(share, ascending=False)
    texts = [format_value(100 * s, "%", decimals=1) for s in d[share]]
    if count in d:
        texts = [f"{t} · {int(n)}项指标" for t, n in zip(texts, d[count])]
    fig, ax = plt.subplots(figsize=(7.5, 1.0 + 0.42 * len(d)), layout="constrained")
    _hbar(ax, d[label].tolist(), (100 * d[share].astype(float)).tolist(), texts)
    ax.xaxis.set_major_formatter(lambda v, _: format_value(v, "%"))
    _title(ax, title)
    return fig


def term_bars(terms: pd.Series | pd.DataFrame, title: str | None = "高频词",
              top: int = 20) -> plt.Figure:
    """Return bars of term counts, most frequent on top.

    Parameters
    ----------
    terms : Series or DataFrame
        Counts indexed by term, or a frame with ``term`` and ``count`` columns as
        :func:`datong_lib.text.term_frequencies` returns.
    top : int
        How many terms to draw.

    Examples
    --------
    >>> _ = set_theme(prefer_system=False)
    >>> fig = term_bars(pd.Series({"算力": 4, "京津冀": 4, "消费": 11}))
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['消费', '算力', '京津冀']
    >>> plt.close(fig)
    """
    if isinstance(terms, pd.DataFrame):
        _require(terms, ["term", "count"], "term_bars")
        terms = terms.set_index("term")["count"]
    s = terms.sort_values(ascending=False, kind="stable").head(top)
    fig, ax = plt.subplots(figsize=(6.5, 0.9 + 0.3 * len(s)), layout="constrained")
    _hbar(ax, [str(i) for i in s.index], s.astype(float).tolist(), [f"{int(v)}次" for v in s])
    ax.set_xlabel("出现次数")
    _title(ax, title)
    return fig
