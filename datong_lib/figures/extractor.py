"""Every figure in a report as a typed table: value, unit, metric, year and kind."""

from __future__ import annotations

import bisect
import math
import re

import numpy as np
import pandas as pd

from . import context as ctx
from .numerals import CN_NUM, COUNT_UNITS, MATCH_TABLE, NUM, UNIT_RE, parse_number, split_unit

from .vocab import DIRECTIONS, KINDS, METRICS, QUALIFIERS

__all__ = ["extract", "COLUMNS"]

COLUMNS = ["text", "value", "value_high", "unit", "base_value", "base_unit", "metric", "qualifier",
           "direction", "subject", "scope", "year", "kind", "period", "section", "sentence", "start", "end"]

_NUM_RE = re.compile(NUM)
_RANGE_RE = re.compile(r"\s?(?:[-—–~]{1,2}|至)\s?(" + NUM + ")")
_SUFFIX_RE = re.compile(r"左右|以上|以下|以内|上下|多")
_SHIELD_RE = re.compile(r"“[^”\n]{1,14}”|《[^》\n]{1,40}》|\"[^\"\n]{1,14}\"")
_SCOPES = r"全国|全省|全市|全区|全自治区|全州|全县|全球|世界|全国同类城市|同类城市|中部地区|西部地区|华北地区"
_SPECIAL_RE = re.compile(
    rf"(?P<scope>{_SCOPES})?(?P<rverb>排名|排位|排|位居|位列|居|名列)?第(?P<rank>[一二三四五六七八九十]+|\d+)"
    r"(?:位|名)?(?![届次批代方阵季期号条款章节部个轮])"
    rf"|(?P<sverb>位居|位列|居)(?P<sscope>[^，。、；\n]{{1,10}}?)首位"
    rf"|(?P<streak>{CN_NUM}|\d+)连(?:丰|增|涨|冠|胜|升|降|跌)"
    rf"|连续(?P<streak2>{CN_NUM}|\d+)年"
    r"|翻了?(?P<fan>[一两二三四])番"
    rf"|(?P<times>[一两二三四五六七八九十]+)倍"
    rf"|百分之(?P<pct>{CN_NUM})"
    r"|(?P<cnpp>[一两二三四五六七八九十]+)个百分点"
    rf"|(?P<den>{CN_NUM})分之(?P<numer>{CN_NUM})"
    r"|(?P<cheng>[一二三四五六七八九])成(?P<csuf>以上|左右|多)?"
)
_CHANGE_ONLY = re.compile(
    r"[，、,\s]*(?:同比|比上年|较上年|实际|按可比价格计算)?(?:增长|下降|提高|增加|减少|上升|上涨|回落|降低)了?")
_CHENG_PREFIX = re.compile(r"(?:超过|近|约|占|达|逾|超|将近|接近|达到)$")


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
    m = text.translate(MATCH_TABLE)
    meta = report.metadata
    report_year = int(meta.get("report_year") or 0)
    reviewed_year = int(meta.get("reviewed_year") or (report_year - 1))
    sents = report.sentences
    s_start = sents["start"].to_numpy()
    s_end = sents["end"].to_numpy()
    s_section, s_top, s_text = sents["section"].tolist(), sents["top_section"].tolist(), sents["text"].tolist()
    shields = [(x.start(), x.end()) for x in _SHIELD_RE.finditer(m)]
    shield_starts = [a for a, _ in shields]

    figs = _special_figures(m) + _arabic_figures(m, shields, shield_starts)
    figs.sort(key=lambda f: f["start"])
    figs = _share_units(m, figs)
    rows = []
    frames: dict = {}
    prev_by_sent: dict = {}
    for f in figs:
        i = bisect.bisect_right(s_start, f["start"]) - 1
        if i < 0 or f["end"] > s_end[i]:
            continue
        a = int(s_start[i])
        lead = m[a:f["start"]]
        prev = prev_by_sent.get(i)
        _describe(f, lead, prev, m, a)
        key = (s_section[i], s_top[i])
        if key not in frames:
            frames[key] = ctx.section_frame(key[0], key[1], report_year, reviewed_year)
        f["kind"], f["year"], f["period"] = ctx.figure_frame(
            frames[key], lead, m[f["end"]:f["end"] + 12], report_year, reviewed_year)
        f["section"], f["sentence"], f["sent"] = key[0], s_text[i], i
        f["text"] = text[f["start"]:f["end"]]
        f["subject"] = _original(text, m, f.get("subject", ""), f)
        if not f["subject"] and prev is not None and _CHANGE_ONLY.fullmatch(m[prev["end"]:f["start"]]):
            # 国内生产总值达到74.4万亿元，增长6.7%: the rate measures the level's subject.
            f["subject"] = prev["subject"]
        prev_by_sent[i] = f
        rows.append(f)
    ctx.distribute(rows)
    figures = _frame(rows)
    report.__dict__["_figures"] = figures
    return figures.copy()


def _special_figures(m: str) -> list[dict]:
    out = []
    for x in _SPECIAL_RE.finditer(m):
        g = x.groupdict()
        f = {"start": x.start(), "end": x.end(), "value_high": math.nan, "scope": "", "mult": 1.0}
        if g["rank"]:
            if not (g["scope"] or g["rverb"]):
                continue
            f.update(value=parse_number(g["rank"]), unit="位", metric="rank", scope=g["scope"] or "")
            if not g["scope"]:
                f["start"] = x.start("rverb")
        elif g["sverb"]:
            f.update(value=1.0, unit="位", metric="rank", scope=g["sscope"], start=x.start("sscope"))
        elif g["streak"] or g["streak2"]:
            f.update(value=parse_number(g["streak"] or g["streak2"]), unit="年", metric="streak")
        elif g["fan"]:
            n = parse_number(g["fan"])
            f.update(value=n, unit="番", metric="multiple", base=(2.0 ** n, "倍"))
        elif g["times"]:
            f.update(value=parse_number(g["times"]), unit="倍", metric="multiple")
        elif g["pct"]:
            f.update(value=parse_number(g["pct"]), unit="%")
        elif g["cnpp"]:
            f.update(value=parse_number(g["cnpp"]), unit="个百分点", metric="pp")
        elif g["den"]:
            f.update(value=round(100 * parse_number(g["numer"]) / parse_number(g["den"]), 2), unit="%",
                     metric="share")
        else:
            if not (g["csuf"] or _CHENG_PREFIX.search(m[max(0, x.start() - 2):x.start()])):
                continue
            f.update(value=parse_number(g["cheng"]), unit="成", metric="share", base=(10 * parse_number(g["cheng"]), "%"))
            if g["csuf"]:
                f["suffix"] = g["csuf"]
        out.append(f)
    return out


def _arabic_figures(m: str, shields, shield_starts) -> list[dict]:
    out = []
    for x in _NUM_RE.finditer(m):
        s, e = x.span()
        before = m[s - 1] if s else ""
        if before.isascii() and (before.isalpha() or before in "+.#"):
            continue
        if before == "第":
            continue
        j = bisect.bisect_right(shield_starts, s) - 1
        if j >= 0 and shields[j][1] > s:
            continue
        u = UNIT_RE.match(m, e)
        unit_end = u.end()
        unit = (u["mag"] or "") + (u["base"] or "")
        more = u["more1"] or u["more2"]
        f = {"start": s, "end": unit_end, "value": parse_number(x.group()), "value_high": math.nan,
             "unit": unit, "scope": "", "suffix": more or ""}
        r = _RANGE_RE.match(m, unit_end)
        if r:
            u2 = UNIT_RE.match(m, r.end())
            unit2 = (u2["mag"] or "") + (u2["base"] or "")
            if unit2 and (not unit or unit == unit2):
                f.update(value_high=parse_number(r.group(1)), unit=unit2, end=u2.end())
        nxt = m[f["end"]:f["end"] + 2]
        if f["unit"] in ("", "年") and x.group().isdigit() and 1900 <= int(x.group()) <= 2100:
            continue  # a year, not a figure
        if f["unit"] == "" and nxt[:1].isascii() and nxt[:1].isalpha():
            continue  # part of a name such as 5G
        if f["unit"].endswith("年") and nxt[:1] in "来前后内间初底末中度":
            continue  # a time reference (7年来, 3年内)
        suf = _SUFFIX_RE.match(m, f["end"])
        if suf and not (suf.group() == "多" and f["suffix"]):
            f["suffix"] = suf.group()
            f["end"] = suf.end()
        out.append(f)
    return out


def _share_units(m: str, figs: list[dict]) -> list[dict]:
    """Give a unit to a figure that shares the next one's (``3.4个、1个百分点``); drop bare numbers."""
    keep = []
    for k, f in enumerate(figs):
        if keep and keep[-1]["end"] > f["start"]:
            continue  # overlaps a figure already taken (连续5年, 第1)
        if "metric" not in f:
            nxt = figs[k + 1] if k + 1 < len(figs) else None
            if nxt and m[f["end"]:nxt["start"]] in ("、", "和", "与", "及", "或", "至") and nxt.get("unit", "").startswith(
                f["unit"]) and len(nxt.get("unit", "")) > len(f["unit"]):
                f["unit"] = nxt["unit"]
            if not f["unit"] or f["unit"] in ("多", "余"):
                continue
        keep.append(f)
    return keep


def _describe(f: dict, lead: str, prev: dict | None, m: str, sent_start: int) -> None:
    """Fill metric, qualifier, direction and subject from the words before the figure."""
    item_from = max((x.end() for x in ctx.ITEM_BREAK.finditer(lead)), default=0)
    if prev is not None:
        item_from = max(item_from, prev["end"] - sent_start)
    item = lead[item_from:]
    q = ctx.PREFIX_QUAL.search(item)
    qual = ctx.QUALIFIERS[q.group("q")] if q else ctx.QUALIFIERS.get(f.get("suffix", ""), "")
    core = item[:q.start()] if q else item
    f["qualifier"] = qual
    joined = prev is not None and m[prev["end"]:f["start"]] in ("、", "和", "与", "及", "或")
    change = ctx.CHANGE_END.search(core)
    f["direction"] = ("down" if change.group("verb") in ctx.DOWN_VERBS else "up") if change else ""
    unit = f["unit"]
    if "metric" not in f:
        if unit.endswith("百分点"):
            f["metric"] = "pp"
        elif unit in ("%", "‰"):
            if ctx.TARGET_RATIO_END.search(core):
                f["metric"] = "ratio_to_target"
            elif change:
                f["metric"] = "growth"
            elif (joined or ctx.COMPARE_END.search(core)) and prev is not None and prev["unit"] == unit:
                f["metric"] = prev["metric"]
            else:
                f["metric"] = "share"
        elif unit == "倍" and change:
            f["metric"] = "growth"
        elif unit == "倍":
            f["metric"] = "multiple"
        elif split_unit(unit)[1] in COUNT_UNITS:
            f["metric"] = "count"
        else:
            f["metric"] = "level"
    elif f["metric"] == "multiple" and change:
        f["metric"] = "growth"
    if f["metric"] in ("rank", "streak"):
        f["direction"] = ""
    if joined and not core.strip("、和与及或") and prev is not None and prev["unit"] == unit:
        f["direction"] = f["direction"] or prev["direction"]
        if f["metric"] == "share" and prev["metric"] in ("growth", "pp"):
            f["metric"] = prev["metric"]
        f["subject_from_prev"] = True
    f["subject"] = ctx.clean_subject(core)
    f["lead_clause"] = lead[max((x.end() for x in ctx.CLAUSE_BREAK.finditer(lead)), default=0):]


def _original(text: str, m: str, subject: str, f: dict) -> str:
    """Return *subject* as the report wrote it (traditional characters stay)."""
    k = m.rfind(subject, 0, f["start"]) if subject else -1
    if not subject:
        return ""
    return text[k:k + len(subject)] if k >= 0 else subject


def _frame(rows: list[dict]) -> pd.DataFrame:
    out = []
    for f in rows:
        mult, base_unit = split_unit(f["unit"])
        if "base" in f:
            bv, base_unit = f["base"]
        else:
            bv = f["value"] * mult
        out.append({
            **{c: f.get(c, "") for c in COLUMNS},
            "base_value": float(bv), "base_unit": base_unit,
            "value_high": float(f["value_high"]) if not math.isnan(f["value_high"]) else np.nan,
        })
    df = pd.DataFrame(out, columns=COLUMNS)
    df = df.astype({"value": "float64", "value_high": "float64", "base_value": "float64",
                    "year": "int64", "start": "int64", "end": "int64"})
    for col, cats in (("metric", METRICS), ("qualifier", QUALIFIERS), ("kind", KINDS), ("direction", DIRECTIONS)):
        df[col] = pd.Categorical(df[col], categories=cats)
    return df.reset_index(drop=True)
