"""Context rules for the extractor: what a figure measures, its qualifier and subject.

The rules read the words just before a figure (its *lead*, from the last clause
break) and, for a counted thing (``新设12个自贸试验区``), the noun just after it.
They work on the matching copy of the text (simplified characters, ASCII digits),
see :mod:`datong_lib.figures.numerals`. When a figure holds is
:mod:`datong_lib.figures.timeframe`'s business.

A subject is the noun phrase measured, never a verb or a function word: verbs that
open a clause (``争取``, ``新设``, ``抓好``…, :data:`datong_lib.figures.vocab.LEAD_VERBS`)
are dropped, and a figure whose lead names nothing (``比上年增长8%``, ``、5.5%``)
inherits the subject of the figure before it in the sentence.
"""

from __future__ import annotations

import bisect
import re

from .numerals import COUNT_UNITS, split_unit
from .vocab import AFTER_STOP, LEAD_VERBS, QUALIFIER_CODES, VERB_END

CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?（()）\n]")
ITEM_BREAK = re.compile(r"[，,；;：:。！？!?（()）\n、]")

_UP = "增长|增速|增幅|上涨|涨幅|提高|提升|上升|增加|扩大|回升|增|涨"
_DOWN = "下降|降幅|下滑|降低|减少|回落|缩小|收窄|减|降"
_FILL = "分别|均为|均|同比|实际|预期|年均|平均|为|达|达到|约|仅|了|再|又|一|共|保持在|稳定在|控制在|维持在|保持"
CHANGE_END = re.compile(rf"(?P<verb>{_UP}|{_DOWN})(?:{_FILL})*$")
DOWN_VERBS = frozenset(_DOWN.split("|"))
_BENCH = r"全国|全省|全市|全区|全自治区|全州|全县|全盟|全球|世界|全国平均水平|全省平均水平|全市平均水平|平均水平|同期|预期|目标"
GAP_END = re.compile(rf"(?:(?:高于|低于|快于|慢于|多于|少于|超出)(?P<a>{_BENCH})(?:平均水平|平均)?(?:均值)?"
                     rf"|比(?P<b>{_BENCH})(?:平均水平)?(?:高|低|快|慢|多|少)(?:出)?)$")
# 经济增长预期目标为7%左右, 经济增长速度8%: a growth rate named, not a change verb.
_RATE_NAME = re.compile(r"(?:增长|增速|涨幅|增幅)(?:的)?(?:预期)?(?:目标|速度|率)?(?:为|是|定为|确定为)?$")
TARGET_RATIO_END = re.compile(r"(?:目标|计划|任务)的$")
COMPARE_END = re.compile(r"(?:低于|高于|快于|慢于|好于|超过)$")

PREFIX_QUAL = re.compile(
    r"(?P<q>大约|约为|约|将近|接近|近|超过了?|突破|逾|超|不低于|不少于|至少|不超过|不高于|控制在|高达)$"
)
QUALIFIERS = QUALIFIER_CODES  # word -> code, see datong_lib.figures.vocab

_LEAD_JUNK = re.compile(r"^(?:全年|今年|去年|年末|年底|年初|当年|同期|其中|同时|并且?|还|也|累计|实现|完成|共|总计|合计|和|与|及|或)+")
_TAIL_JUNK = re.compile(
    rf"(?:{_UP}|{_DOWN}|{_FILL}|稳定在|控制在|保持在|保持|提高到|上升到|增加到|降至|降到|下降到|达到|实现|完成|突破|"
    r"超过|逾|近|将近|接近|至少|不低于|不少于|不超过|不高于|是|在|到|至|由|从|上年|去年|较|(?<!占)比|转为|转|拿出|高于|低于|"
    r"继续|保持|位居|排名|稳居|预计|预算拟安排|拟安排|拟按|拟|总计|接连|基本|先发行|发行)+$"
)

_LEAD_VERBS = re.compile(rf"^(?:{LEAD_VERBS})+")
_TIME_WORDS = re.compile(r"(?:由|从|到|至|增加到|提高到)?(?:19|20)\d\d年(?:末|底|初)?|扣除(?:价格|物价上涨)因素|按可比价格计算")
_COMPARE = re.compile(r"(?:比|较)(?:上年|去年|上一年|(?:19|20)\d\d年|同期)")
_VERB_END = re.compile(rf"(?:{VERB_END})$")
_AFTER_STOP = re.compile(rf"[，,；;：:。！？!?（()）、\n]|{AFTER_STOP}")
_EMPTY = re.compile(r"^(?:比|较|同比|其中|分别|均|共|总|和|与|及|或|为|是|的|再|又|了|上年|去年)*$")
_JOIN = ("、", "和", "与", "及", "或", "，", ",")


def clean_subject(lead: str) -> str:
    """Return the subject words of a lead, without verbs, qualifiers and connectors.

    Examples
    --------
    >>> clean_subject("实现门票收入"), clean_subject("全年城镇新增就业"), clean_subject("地区生产总值同比增长")
    ('门票收入', '城镇新增就业', '地区生产总值')
    >>> clean_subject("争取衔接资金"), clean_subject("新设"), clean_subject("比上年增长")
    ('衔接资金', '', '')
    """
    s = _TIME_WORDS.sub("", lead.strip(" “”\"‘’"))
    cmp = _COMPARE.search(s)
    if cmp:
        s = s[:cmp.start()]  # 财政赤字比去年增加: the thing, not the comparison
    if _VERB_END.search(s):
        return ""  # 新设 12个…, 夺得 103个…: the thing counted follows the figure
    s = _TAIL_JUNK.sub("", s)
    s = _LEAD_JUNK.sub("", s)
    s = _TAIL_JUNK.sub("", s).strip(" “”\"")
    v = _LEAD_VERBS.match(s)
    if v and len(s) - v.end() >= 2:
        s = s[v.end():]
    elif v:
        s = ""  # only a verb: 抓好, 新设, 带动
    return "" if _EMPTY.match(s) else s


def distribute(rows: list[dict]) -> None:
    """Give each figure of a ``分别`` list its own subject."""
    # Row indices by sentence, so looking back within a sentence does not rescan every
    # earlier row (quadratic on a report of several megabytes).
    by_sent: dict = {}
    for i, r in enumerate(rows):
        by_sent.setdefault(r["sent"], []).append(i)
    for k, f in enumerate(rows):
        clause = f["lead_clause"]
        if "分别" not in clause or f.get("subject_from_prev"):
            continue
        group = [f]
        for g in rows[k + 1:]:
            if g["sent"] == f["sent"] and g.get("subject_from_prev") and g["start"] - group[-1]["end"] <= 1:
                group.append(g)
            else:
                break
        if len(group) < 2:
            continue
        head = clean_subject(clause[:clause.index("分别")])
        parts = [p for p in re.split(r"[、和与及]", head) if p]
        if "城乡" in head and len(group) == 2:
            names = [head.replace("城乡", "城镇"), head.replace("城乡", "农村")]
        elif len(parts) == len(group):
            last = parts[-1]  # 城镇和农村居民人均可支配收入: the last part carries the shared noun
            names = [p + last[len(p):] if len(p) <= 4 and len(last) > len(p) + 1 else p for p in parts[:-1]] + [last]
        elif not head:
            same = by_sent[f["sent"]]
            before = [rows[i] for i in same[:bisect.bisect_left(same, k)]][-len(group):]
            names = [r["subject"] for r in before] if len(before) == len(group) else [""] * len(group)
        else:
            names = [head] * len(group)
        for g, name in zip(group, names):
            g["subject"] = name


def describe(f: dict, lead: str, prev: dict | None, m: str, sent_start: int) -> None:
    """Fill metric, qualifier, direction and subject from the words before the figure."""
    item_from = max((x.end() for x in ITEM_BREAK.finditer(lead)), default=0)
    if prev is not None:
        item_from = max(item_from, prev["end"] - sent_start)
    item = lead[item_from:]
    q = PREFIX_QUAL.search(item)
    if f.get("prefix"):
        qual = QUALIFIERS[f["prefix"]]
    elif f.get("suffix") and f["suffix"] in QUALIFIERS:
        qual = QUALIFIERS[f["suffix"]]  # 控制在4.8%左右: the word after the figure wins
    else:
        qual = QUALIFIERS[q.group("q")] if q else ""
    core = item[:q.start()] if q else item
    joined = prev is not None and m[prev["end"]:f["start"]] in ("、", "和", "与", "及", "或")
    if joined and not qual and not core.strip("、和与及或") and prev["unit"] == f["unit"] and prev.get("qual_prefix"):
        qual = prev["qualifier"]  # 突破8万亿元、9万亿元
    f["qualifier"] = qual
    f["qual_prefix"] = bool(q) and not f.get("suffix")
    change = CHANGE_END.search(core)
    f["direction"] = ("down" if change.group("verb") in DOWN_VERBS else "up") if change else ""
    unit = f["unit"]
    if "metric" not in f:
        f["metric"] = _metric(unit, core, change, joined, prev, lead)
    elif f["metric"] == "multiple" and change:
        f["metric"] = "growth"
    if f["metric"] in ("rank", "streak"):
        f["direction"] = ""
    if joined and not core.strip("、和与及或") and prev is not None and prev["unit"] == unit:
        f["direction"] = f["direction"] or prev["direction"]
        if f["metric"] == "share" and prev["metric"] in ("growth", "pp"):
            f["metric"] = prev["metric"]
        f["subject_from_prev"] = True
    gap = GAP_END.search(core) if f["metric"] in ("pp", "growth", "share") else None
    if gap:
        # 增长4.7%、低于全国0.3个百分点: a gap to a benchmark, measured on the figure before.
        below = re.search(r"低于|慢于|少于|比.*(?:低|慢|少)", gap.group())
        f["metric"], f["scope"], f["direction"] = "gap", gap["a"] or gap["b"], "down" if below else "up"
        core = core[:gap.start()]
        if not clean_subject(core) and prev is not None:
            f["subject_from_prev"] = True
    f["subject"] = f.get("fixed_subject") or clean_subject(core)
    f["lead_clause"] = lead[max((x.end() for x in CLAUSE_BREAK.finditer(lead)), default=0):]


def _metric(unit: str, core: str, change, joined: bool, prev, lead: str) -> str:
    if unit.endswith("百分点"):
        return "pp"
    if unit in ("%", "‰"):
        if TARGET_RATIO_END.search(core):
            return "ratio_to_target"
        if change or _RATE_NAME.search(core):
            return "growth"
        if (joined or COMPARE_END.search(core)) and prev is not None and prev["unit"] == unit:
            return prev["metric"]
        return "share"
    if unit == "倍":
        return "growth" if change else "multiple"
    if unit == "位" and re.search(r"排名|位次|排位", lead[-12:]):
        return "rank"
    if split_unit(unit)[1] in COUNT_UNITS:
        return "count"
    return "level"


def continues(f: dict, prev: dict | None, m: str) -> bool:
    """Whether *f* carries on the subject of the figure before it (、5.5% or ，增长6.1%)."""
    if prev is None:
        return False
    gap = m[prev["end"]:f["start"]]
    return bool(f.get("subject_from_prev")) or (len(gap) <= 12 and not f["subject"] and gap[:1] in _JOIN)


def finish_subject(f: dict, prev: dict | None, m: str, sent_end: int) -> None:
    """Give a subjectless figure the noun after it (新设12个自贸试验区) or its predecessor's subject."""
    if f["subject"]:
        return
    unit = split_unit(f["unit"])[1]
    if f["metric"] in ("count", "level") and (unit in COUNT_UNITS or unit in ("人", "万人", "人次", "")):
        stop = _AFTER_STOP.search(m, f["end"], min(sent_end, f["end"] + 24))
        after = m[f["end"]:stop.start() if stop else min(sent_end, f["end"] + 24)]
        if len(after) >= 2 and not after.startswith(("以上", "左右", "的", "增长", "下降")):
            f["subject"] = after
            return
    if prev is not None:
        f["subject"] = prev["subject"]  # 比上年增长8%, 、5.5%, 从第六位上升到第四位
