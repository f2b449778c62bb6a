"""Context rules for the extractor: what a figure measures and its qualifier.

The rules read the words just before a figure (its *lead*, from the last clause
break) and work on the matching copy of the text (simplified characters, ASCII
digits), see :mod:`datong_lib.figures.numerals`. The subject, the noun phrase
measured, is :mod:`datong_lib.figures.subject`'s business; when a figure holds is
:mod:`datong_lib.figures.timeframe`'s.
"""

from __future__ import annotations

import re

from .numerals import COUNT_UNITS, split_unit
from .implied import finish_subject  # noqa: F401 (used as ctx.*)
from .lists import distribute  # noqa: F401
from .subject import DIFFERENCE, LONE_VERB, add_difference, list_start, clean_subject, verb_topic  # noqa: F401
from .vocab import QUALIFIER_CODES, VERB_END

VERB_END_RE = re.compile(rf"(?:{VERB_END})$")

CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?（()）\n]")
ITEM_BREAK = re.compile(r"[，,；;：:。！？!?（()）\n、]")

_UP = "增长|增速|增幅|上涨|涨幅|提高|提升|上升|增加|扩大|回升|增|涨"
_DOWN = "下降|降幅|下滑|降低|减少|回落|缩小|收窄|精简|减|降"
_FILL = "分别|均为|均|同比|实际|预期|年均|平均|为|达|达到|约|仅|了|再|又|一|共|保持在|稳定在|控制在|维持在|保持"
CHANGE_END = re.compile(rf"(?P<verb>{_UP}|{_DOWN})(?:{_FILL})*$")
DOWN_VERBS = frozenset(_DOWN.split("|"))
_BENCH = r"全国|全省|全市|全区|全自治区|全州|全县|全盟|全球|世界|全国平均水平|全省平均水平|全市平均水平|平均水平|同期|预期|目标"
GAP_END = re.compile(rf"(?:(?:高于|低于|快于|慢于|多于|少于|超出|高出|低出)(?P<a>{_BENCH})(?:平均水平|平均)?(?:均值)?"
                     rf"|比(?P<b>{_BENCH})(?:平均水平)?(?:高|低|快|慢|多|少)(?:出)?"
                     r"|超额完成(?P<c>[^，,；;。]{0,8}?(?:任务|目标|计划)))$")  # 超额完成年度任务2.1亿元: above the target
# 经济增长预期目标为7%左右, 经济增长速度8%: a growth rate named, not a change verb.
_RATE_NAME = re.compile(r"(?:增长|增速|涨幅|增幅)(?:的)?(?:预期)?(?:目标|速度|率)?(?:为|是|定为|确定为)?$")
# 保持百分之八至百分之九的增长率: the noun after the figure says it is a growth rate.
_RATE_AFTER = re.compile(r"(?:左右|以上)?的(?P<r>增长率|增长速度|增速|经济增长)")
TARGET_RATIO_END = re.compile(r"(?:目标|计划|任务)的$")
COMPARE_END = re.compile(r"(?:低于|高于|快于|慢于|好于|超过)$")

PREFIX_QUAL = re.compile(
    r"(?P<q>大约|约为|(?<![条公合契节签预制特邀相])约|将近|接近|近|超过了?|突破|逾|超|不低于|不少于|至少|不超过|不高于|控制在|高达|跃上|迈上|跨上|跨越了?|跨过|登上)"
    r"(?:全球|全国|世界|全省|全市)?的?$"  # 超过全球一半: a share of a benchmark
)
QUALIFIERS = QUALIFIER_CODES  # word -> code, see datong_lib.figures.vocab
_PP_GAP = re.compile(r"(?:高于|低于|快于|慢于|超出|高出)(?P<a>[^，,；;。、高低快慢比]{2,12}?)(?:平均水平|平均)?$")
#: 增长10%或者更多一些: a floor, not a point.
_OR_MORE = re.compile(r"或者?(?:更多|更高|更快)")
#: 人均GDP进入全国前8位: a place among the first, with its scope.
_TOP = re.compile(r"(?:进入|跻身|迈入|位居|位列|居|排名|排在|位于|保持)?(?P<scope>全国|全省|全区|全市|全自治区|全球|世界)?前$")
#: 细颗粒物（PM2.5）年均浓度: a Latin gloss inside a noun is not a clause break.
_GLOSS = re.compile(r"[（(][A-Za-z][A-Za-z0-9.]{0,7}[)）](?=[^，,；;。])"
                    r"|(?<=[\u4e00-\u9fff])[（(][\u4e00-\u9fff、]{1,6}[)）](?=[\u4e00-\u9fff])")  # 县(区)由, 上市(过会)企业: inside a noun

_JOIN = ("、", "和", "与", "及", "或", "，", ",")
_LEAD_TIME = re.compile(r"^(?:全年|今年|去年|五年来|[一二三四五六七八九十]是)")


def describe(f: dict, lead: str, prev: dict | None, m: str, sent_start: int) -> None:
    """Fill metric, qualifier, direction and subject from the words before the figure."""
    # The item: from the clause break or the figure before it in the clause (and the noun
    # that figure counted); a 、-list of nouns before one figure is one subject.
    masked = _GLOSS.sub(lambda x: "x" * len(x.group()), lead) if "）" in lead or ")" in lead else lead
    item_from = max((x.end() for x in CLAUSE_BREAK.finditer(masked)), default=0)
    clause_from = item_from
    if prev is not None:
        item_from = max(item_from, prev.get("after_end", prev["end"]) - sent_start)
    item_from += list_start(masked[item_from:], after_figure=item_from > clause_from)  # 县（市、区）: one noun
    item = lead[item_from:].lstrip("、")
    q = PREFIX_QUAL.search(item)
    if f.get("prefix"):
        qual = QUALIFIERS[f["prefix"]]
    elif f.get("suffix") and f["suffix"] in QUALIFIERS:
        qual = QUALIFIERS[f["suffix"]]  # 控制在4.8%左右: the word after the figure wins
    else:
        qual = QUALIFIERS[q.group("q")] if q else ""
    core = item[:q.start()] if q else item
    if f.get("top"):
        qual = qual or "at_most"  # 前三甲, 10强
    top = _TOP.search(core) if f["unit"] in ("位", "名") and "metric" not in f else None
    if top and (top["scope"] or len(top.group()) > 1):
        f["metric"], f["scope"], core = "rank", top["scope"] or "", core[:top.start()]
        qual = qual or "at_most"  # 前8位: a place in the top group
    joined = prev is not None and m[prev["end"]:f["start"]] in ("、", "和", "与", "及", "或")
    if joined and not qual and not core.strip("、和与及或") and prev["unit"] == f["unit"] and prev.get("qual_prefix"):
        qual = prev["qualifier"]  # 突破8万亿元、9万亿元
    if not qual and _OR_MORE.match(m, f["end"]):
        qual = "at_least"
    f["qualifier"] = qual
    f["qual_prefix"] = bool(q) and not f.get("suffix")
    change = CHANGE_END.search(core)
    f["direction"] = ("down" if change.group("verb") in DOWN_VERBS else "up") if change else ""
    unit = f["unit"]
    rate = _RATE_AFTER.match(m, f["end"]) if unit in ("%", "‰") else None
    if "metric" not in f:
        f["metric"] = "growth" if rate else _metric(unit, core, change, joined, prev, lead)
    elif f["metric"] == "multiple" and change:
        f["metric"] = "growth"
    if f["metric"] in ("rank", "streak"):
        f["direction"] = ""
    if joined and not core.strip("、和与及或") and prev is not None and prev["unit"] == unit:
        f["direction"] = f["direction"] or prev["direction"]
        if f["metric"] == "share" and prev["metric"] in ("growth", "pp"):
            f["metric"] = prev["metric"]
        f["subject_from_prev"] = True
    elif joined and not core.strip("、和与及或") and "分别" in lead[clause_from:]:
        f["subject_from_prev"] = True  # 分别稳定在3900万头、13.5亿只以上: a list, each in its own unit
    gap = GAP_END.search(core) if f["metric"] in ("pp", "growth", "share", "level") else None
    if gap is None and f["metric"] == "pp":
        gap = _PP_GAP.search(core)  # 高于城镇居民1.8个百分点: points above any benchmark
    if gap:
        # 增长4.7%、低于全国0.3个百分点: a gap to a benchmark, measured on the figure before.
        below = re.search(r"低于|慢于|少于|比.*(?:低|慢|少)", gap.group())
        f["metric"], f["scope"], f["direction"] = "gap", gap["a"] or gap["b"] or gap["c"], "down" if below else "up"
        core = core[:gap.start()]
        if not clean_subject(core) and prev is not None:
            f["subject_from_prev"] = True
    f["subject"] = f.get("fixed_subject") or clean_subject(core) or (rate["r"] if rate else "")
    f["verb_topic"] = "" if f["subject"] else verb_topic(core)
    f["object_after"] = not f["subject"] and bool(VERB_END_RE.search(core) or LONE_VERB.match(
        _LEAD_TIME.sub("", core)))  # 新建1亿亩高标准农田, 启动建设87条发展轴
    if f["metric"] == "ratio_to_target":
        f["subject"] = ""  # 完成年度目标的119.75%: the target's own thing, from the figure before
    diff = DIFFERENCE.search(core) if f["metric"] in ("level", "count") else None
    f["difference"] = diff.group() if diff else ""
    f["compared"] = bool(COMPARE_END.search(core))
    f["item"] = core
    f["lead_clause"] = lead[clause_from:]
    f["topic_clause"] = CLAUSE_BREAK.split(lead[:clause_from].rstrip("，,"))[-1] if clause_from else ""


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
