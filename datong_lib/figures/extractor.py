"""Every figure in a report as a typed table: value, unit, metric, year and kind.

The pipeline: a matching copy of the text (simplified characters, ASCII digits,
spaces inside numbers removed, with an offset map back to ``report.text``, see
:mod:`.numerals`); the figures of that copy (:mod:`.scan`); what each measures,
its qualifier and subject (:mod:`.context`); and when it holds (:mod:`.timeframe`),
decided from the sentence, then the section, then the report.
"""

from __future__ import annotations

import bisect
import math
import re

import numpy as np
import pandas as pd

from . import context as ctx
from . import frames as fr
from . import timeframe as tf
from .numerals import MATCH_TABLE, compact, split_unit, to_original
from .subject import after_examples
from .scan import SHIELD_RE, arabic_figures, ratio_figures, share_units, special_figures
from .vocab import DIRECTIONS, KINDS, METRICS, QUALIFIERS

__all__ = ["extract", "COLUMNS"]

COLUMNS = ["text", "value", "value_high", "unit", "base_value", "base_unit", "metric", "qualifier",
           "direction", "subject", "scope", "year", "kind", "period", "basis", "section", "sentence", "start", "end"]
#: How the year and kind of a row were decided, strongest first.
BASES = ["sentence", "section", "header", "inferred"]


def extract(report_or_text) -> pd.DataFrame:
    """Return one row per figure in a report.

    Parameters
    ----------
    report_or_text : Report or str
        A loaded :class:`~datong_lib.Report` (its figures are computed once and cached on it), or report text (parsed with
        ``load_report(text=...)``).

    Returns
    -------
    pandas.DataFrame
        Columns: ``text`` (the span as written, ``report.text[start:end]``);
        ``value`` (float as written, the magnitude: ``下降1.1%`` gives 1.1) and
        ``value_high`` (upper end of a range, else NaN); ``unit`` as written but
        in simplified characters (``万千瓦``, ``%``, ``个百分点``); ``base_value``
        and ``base_unit`` with 万/亿/万亿 applied (17,550,000 千瓦); ``metric``
        (``level`` an amount, ``count`` things counted with a classifier such as
        个 家 项, ``growth`` a rate of change in % or 倍, ``share`` a proportion or
        rate in %, ``pp`` a change in percentage points, ``rank`` a place such as
        全省第一, ``streak`` consecutive years such as 十五连丰, ``multiple`` 翻一番 or
        N倍, ``ratio_to_target`` attainment of a target in %); ``qualifier``
        (``approx`` 左右/约, ``at_least`` 以上/不低于, ``over`` 突破/超过/逾/多,
        ``nearly`` 近, ``at_most`` 以内/以下/控制在, or ``''``); ``direction``
        (``up``/``down`` when a verb such as 增长 or 下降 says which way the figure
        moved, else ``''``: negative growth keeps its magnitude in ``value``);
        ``subject`` (what is measured, in the report's words); ``scope`` of a rank
        (全省); ``year`` and ``kind`` (``actual``, ``target``, ``plan``,
        ``estimate``); ``period`` (``2021-2025`` for multi-year figures, else
        ``''``); ``section``; ``sentence``; ``start`` and ``end``.

    Examples
    --------
    >>> df = extract("一、2024年工作回顾\\n全市电力总装机达到1755万千瓦，增长5.5%左右。")
    >>> df[["text", "value", "unit", "base_value", "metric", "qualifier"]].to_dict("records")[0]
    {'text': '1755万千瓦', 'value': 1755.0, 'unit': '万千瓦', 'base_value': 17550000.0, 'metric': 'level', 'qualifier': ''}
    >>> df.loc[1, ["metric", "qualifier", "direction"]].tolist()
    ['growth', 'approx', 'up']
    """
    from ..report import Report, load_report

    report = report_or_text if isinstance(report_or_text, Report) else load_report(text=str(report_or_text))
    # A notebook asks for the figures of one report from several analyses; read it once.
    cached = report.__dict__.get("_figures")
    if cached is not None:
        return cached.copy()
    text = report.text
    m, pos = compact(text.translate(MATCH_TABLE))
    sents = report.sentences
    s_start = [_to_copy(pos, int(x)) for x in sents["start"]]
    s_end = [_to_copy(pos, int(x)) for x in sents["end"]]
    s_section, s_top, s_text = sents["section"].tolist(), sents["top_section"].tolist(), sents["text"].tolist()
    ys = fr.report_years(report.metadata, [_clean(sec.title) for sec in report._sections])
    paras = sents["para_id"].tolist()
    frames = _frames(m, s_start, s_end, s_section, paras, ys)
    estimated = _estimated(s_text, paras)
    shields = [(x.start(), x.end()) for x in SHIELD_RE.finditer(m)]
    shield_starts = [a for a, _ in shields]

    specials = [f for f in special_figures(m) if not (f.get("shielded") and _inside(shields, shield_starts, f["start"]))]
    figs = specials + arabic_figures(m, shields, shield_starts) + ratio_figures(m)
    figs.sort(key=lambda f: (f["start"], -f["end"]))
    figs = share_units(m, figs)
    rows = []
    prev_by_sent: dict = {}
    for f in figs:
        i = bisect.bisect_right(s_start, f["start"]) - 1
        if i < 0 or f["end"] > s_end[i]:
            continue
        a = s_start[i]
        lead = m[a:f["start"]]
        prev = prev_by_sent.get(i)
        ctx.describe(f, lead, prev, m, a)
        f["continues"] = ctx.continues(f, prev, m)
        f["kind"], f["year"], f["period"], f["basis"] = tf.figure_time(
            frames[i][0], lead, m[f["end"]:f["end"] + 12], ys, f, prev, frames[i][1], estimated[i])
        f["section"], f["sentence"], f["sent"] = s_section[i], s_text[i], i
        ctx.finish_subject(f, prev, m, a, s_end[i])
        ctx.add_difference(f)
        prev_by_sent[i] = f
        rows.append(f)
    ctx.distribute(rows)
    for f in rows:
        f["subject"] = _original(text, m, pos, after_examples(f.get("subject", "")), f)
        f["start"], f["end"] = to_original(pos, f["start"], f["end"])
        f["text"] = text[f["start"]:f["end"]]
    figures = _frame(rows)
    report.__dict__["_figures"] = figures
    return figures.copy()


_SAME_BELOW = re.compile(r"预计[(（]下同[)）]|[(（]预计数?[，,、]下同[)）]")  # 预计（下同）, 生产总值（预计，下同）


def _estimated(s_text, paras) -> list[bool]:
    """Return per sentence whether 预计（下同） came before it in its paragraph: all its results are estimates."""
    out, on = [], False
    for i in range(len(s_text)):
        if i and paras[i] != paras[i - 1]:
            on = False
        on = on or bool(_SAME_BELOW.search(s_text[i]))
        out.append(on)
    return out


def _inside(shields, shield_starts, k: int) -> bool:
    """Whether offset *k* lies in a quoted name (“千万工程”, 《…》)."""
    j = bisect.bisect_right(shield_starts, k) - 1
    return j >= 0 and shields[j][1] > k


def _to_copy(pos, k: int) -> int:
    """Return the offset in the compacted copy of report offset *k*."""
    return k if pos is None else bisect.bisect_left(pos, k)


def _clean(title: str) -> str:
    return compact(title.translate(MATCH_TABLE))[0]


def _frames(m: str, s_start, s_end, s_section, s_para, ys) -> list:
    """Return ``(frame, section frame)`` of every sentence: the last time phrase's, else the section's.

    A time phrase that opens a paragraph (过去一年, 这五年, 2025年…) or a heading-like
    line (short, no comma, naming a review or a plan) sets the frame for what follows
    until the next section; one that opens a later sentence, and 今年, hold to the
    end of their paragraph.
    """
    out = []
    cache: dict = {}
    seen_review = known = False  # a review seen; a section with a time of its own seen
    cur = None
    carry = para_carry = None
    n = len(s_start)
    for i in range(n):
        sec = s_section[i]
        if sec != cur:
            # 过去的一年，… before any heading, then （一）经济实力实现新跃升: the review goes on
            kept = carry if carry is not None and carry.kind == "actual" and not known else None
            cur, carry, para_carry = sec, None, None
            if sec not in cache:
                cache[sec] = _section_frame(sec, ys, seen_review and kept is None)
            if cache[sec].kind is None and kept is not None:
                carry = kept
            known = known or cache[sec].kind is not None
            seen_review = seen_review or cache[sec].kind == "actual"
        if i == 0 or s_para[i] != s_para[i - 1]:
            para_carry = None
        st = m[s_start[i]:s_end[i]].lstrip("—-·• ")
        alone = (i == 0 or s_para[i - 1] != s_para[i]) and (i + 1 == n or s_para[i + 1] != s_para[i])
        got = None
        if alone and len(st) <= 40 and "，" not in st and "政府工作报告" not in st and _TITLE_WORDS.search(st):
            got = fr.heading_frame(st, ys)
            if got is not None:
                carry, para_carry = got, None
        if got is None:
            got, carries = fr.opening_frame(st, ys)
            first = i == 0 or s_para[i] != s_para[i - 1]
            if got is not None and carries and first:
                carry, para_carry = got, None
            elif got is not None:
                para_carry = got  # a time phrase inside a paragraph holds to its end
        if carry is not None and carry.kind == "actual":
            seen_review = True
        out.append((para_carry or carry or cache[sec], cache[sec]))
    return out


_TITLE_WORDS = re.compile(r"回顾|成果|成就|成绩|任务|目标|部署|计划|安排|重点工作|主要工作|五年")


def _section_frame(path: str, ys, seen_review: bool):
    """Return the frame of a section: its own or its nearest parent's heading, else the report's."""
    parts = [_clean(p) for p in path.split(" > ")] if path else []
    for title in reversed(parts):
        got = fr.heading_frame(title, ys)
        if got is not None:
            return got
    if parts and seen_review and ys.report:
        return fr.Frame("target", ys.report, "", "section")
    return fr.UNKNOWN


def _original(text: str, m: str, pos, subject: str, f: dict) -> str:
    """Return *subject* as the report wrote it (traditional characters stay)."""
    if not subject:
        return ""
    k = m.rfind(subject, max(0, f["start"] - 200), f["start"])
    if k < 0:
        k = m.find(subject, f["end"], f["end"] + 200)
    if k < 0:
        return subject
    a, b = to_original(pos, k, k + len(subject))
    return text[a:b] if b - a == len(subject) else subject


def _frame(rows: list[dict]) -> pd.DataFrame:
    out = []
    for f in rows:
        mult, base_unit = split_unit(f["unit"])
        if "base" in f:
            bv, base_unit = f["base"]
        else:
            bv = f["value"] * mult
        out.append({
            **{c: f.get(c, "") for c in COLUMNS}, "year": f.get("year"),
            "base_value": float(bv), "base_unit": base_unit,
            "value_high": float(f["value_high"]) if not math.isnan(f["value_high"]) else np.nan,
        })
    df = pd.DataFrame(out, columns=COLUMNS)
    df["year"] = pd.array([int(f["year"]) if f.get("year") is not None else None for f in rows], dtype="Int64")
    df = df.astype({"value": "float64", "value_high": "float64", "base_value": "float64",
                    "start": "int64", "end": "int64"})
    for col, cats in (("metric", METRICS), ("qualifier", QUALIFIERS), ("kind", KINDS), ("direction", DIRECTIONS),
                      ("basis", BASES)):
        df[col] = pd.Categorical(df[col], categories=cats)
    return df.reset_index(drop=True)
