"""Subjects: the noun phrase a figure measures, in the report's words.

A subject is never a verb or a function word. The rules, each for a pattern of the
genre:

* the words before a figure (its *item*: from the clause break, or from the figure
  before it in the clause) lose verbs that open a clause (``争取``, ``签订``), time
  phrases (``全年``, ``五年``), adverbs (``再``, ``累计``) and the verb before the figure;
  a 、-list of nouns before one figure stays whole (``参加养老、失业、工伤保险35.4万人次``);
* a bare generic noun keeps the verb that says which ones (``签约项目``, ``完成投资``);
* a ranking that moves keeps ``排名`` (``创新能力排名上升5位``);
* an amount stated as a difference keeps the comparison (``财政赤字比去年增加``);
* a figure whose words name nothing takes, in this order: the counted noun after it
  (``新设12个自贸试验区``; ``拿出3亿元财政资金``; ``13亿多人口``), the noun it modifies
  (``首期规模500亿元的浙江社保科创基金``), the object the same verb took earlier in the
  sentence (``发行超长期特别国债……今年先发行1万亿元``), else the subject of the
  figure before it; a rank right after a growth rate ranks the rate (``增速``); a
  comparison with ``…的预期目标`` names the target;
* a bare attribute (``产量``, ``存款余额``) takes the topic of the sentence
  (``全国粮食连续四年增产，产量达到…`` → ``全国粮食产量``);
* a ``分别`` list gives each figure its own subject, sharing the list's measure noun.
"""

from __future__ import annotations

import bisect
import re

from .numerals import COUNT_UNITS, split_unit
from .vocab import AFTER_STOP, GENERIC_NOUNS, LEAD_VERBS, VERB_END

_UP = "增长|增速|增幅|上涨|涨幅|提高|提升|上升|增加|扩大|回升|增|涨"
_DOWN = "下降|降幅|下滑|降低|减少|回落|缩小|收窄|减|降"
_FILL = "分别|均为|均|同比|实际|预期|年均|平均|为|达|达到|约|仅|了|再|又|一|共|保持在|稳定在|控制在|维持在|保持"

_TIME = r"(?:过去|这|近|今后|未来)?(?:一|五)年(?:来|间)?|全年|今年|去年|年末|年底|年初|当年|同期"
_LEAD_JUNK = re.compile(rf"^(?:{_TIME}|[一二三四五六七八九十]是|其中|同时|并且?|还|也|再|要|累计|实现|完成|共|总计|合计|和|与|及|或|、)+")
_TAIL_JUNK = re.compile(
    rf"(?:{_UP}|{_DOWN}|{_FILL}|{_TIME}|将|要|稳定在|控制在|保持在|保持|提高到|上升到|增加到|降至|降到|下降到|达到|实现|完成|突破|"
    r"超过|逾|近|将近|接近|至少|不低于|不少于|不超过|不高于|是|在|到|至|由|从|上年|去年|较|(?<!占)比|转为|转|拿出|高于|低于|"
    r"继续|保持|位居|排名|稳居|预计|预算拟安排|拟安排|拟按|拟|总计|累计|接连|基本|先发行|发行)+$"
)
_LEAD_VERBS = re.compile(rf"^(?:在(?=提前|完成|实现))?(?:{LEAD_VERBS})+(?:本届政府|各级政府|国务院|政府)?")
_PAIRED_VERB = re.compile(r"^[、或和]?(?:改建|扩建|续建|改造|停征|停建|缓建|免征)")  # 新建改建高速公路: the works, not a verb
_TIME_WORDS = re.compile(r"(?:由|从|到|至|增加到|提高到)?(?:19|20)\d\d年(?:末|底|初)?|扣除(?:价格|物价上涨)因素|按可比价格计算")
_COMPARE = re.compile(r"(?:比|较)(?:上年|去年|上一年|前五年|(?:19|20)\d\d年|同期)")
#: 比去年增加2000亿元, 比上年年初预算增加1800亿元: an amount stated as a difference.
DIFFERENCE = re.compile(r"(?:比|较)(?:上年|去年|上一年|(?:19|20)\d\d年|同期)[^，,；;。]{0,10}?"
                        r"(?:增加|减少|增长|下降|提高|降低|多|少)了?$")
_RANK_MOVE = re.compile(r"(排名|位次|排位)(?:上升|提升|提高|前移|前进|下降|下滑|后移)了?$")
_CLAUSE = re.compile(r"我们|只要|如果|能够|应当|必须")  # words of a clause, not of a noun phrase
_PREP_END = re.compile(r"(?:按|以|对|向|把|给)$")
_VERB_END = re.compile(rf"(?:{VERB_END})$")
_AFTER_STOP = re.compile(rf"[，,；;：:。！？!?（()）、\n]|{AFTER_STOP}|榜单|名单")
_EMPTY = re.compile(r"^(?:比|较|同比|其中|分别|均|共|总|和|与|及|或|为|是|的|再|又|了|上年|去年|"
                    r"全国|全省|全市|全区|全县|全球|世界)*$")
_JOIN = ("、", "和", "与", "及", "或", "，", ",")
_FUND = re.compile(r"^[^，,；;。、“”]{0,10}?(?:资金|基金|国债|债券|贷款|补贴|补助|奖补)")
_ATTRIBUTIVE = re.compile(r"^(?:左右|以上)?的(?P<np>[^，,；;。、“”]{2,16})")
_OWN_TARGET = re.compile(r"^(?:左右)?的(?P<t>预期目标|目标)")
_ATTRIBUTE = re.compile(r"^(?:首期)?(?:规模|总规模|投资|总投资|总额|产量|总产量|总量|余额|存款余额|年末余额)$")
_NOT_NP = re.compile(r"^(?:目标|任务|水平|基础|要求|幅度|速度|增长|规模|大关|关口|成绩)")
_TOPIC = re.compile(r"^(?P<t>[^，,；;。、0-9]{2,14}?)(?:大幅度?|连续|稳步|持续|快速|较快|明显|显著|继续|进一步|不断)?"
                    r"(?:增加|增长|增产|提高|上升|扩大)")
_ECHO_VERBS = "发行|安排|投入|筹集|下达|拨付|发放|筹措"
_ECHO_LEAD = re.compile(rf"^(?:今年|其中|先|再|共|首批|第一批|拟)*(?P<v>{_ECHO_VERBS})$")
_MEASURE = re.compile(r"居民人均可支配收入|人均可支配收入|营业收入|增加值|产值|产量|排放量|收入|比重|占比|投资|总额|规模")
_MEASURED = ("量", "率", "额", "耗", "值", "数", "重", "比", "入", "价")  # 用水量、能耗: already a measure
_GROWTH_WORDS = ("增速", "增长", "增幅", "增长率")


def _unquote(s: str) -> str:
    """Strip spaces and quote marks at the ends, but keep a pair (“新三样”出口)."""
    s = s.strip(" \"").lstrip("”").rstrip("“")
    if s.startswith("“") and s.count("“") > s.count("”"):
        s = s[1:]
    if s.endswith("”") and s.count("”") > s.count("“"):
        s = s[:-1]
    return s.strip(" \"")


def list_start(item: str, after_figure: bool = False) -> int:
    """Return where the subject words of *item* start: a 、-list of short nouns stays whole.

    After a figure of the same clause (``11公里污水管网、16公里雨水管网``) the words
    before a 、 belong to that figure; so do names with digits.

    >>> list_start("参加养老、失业、工伤保险"), list_start("入选中国改革年度市场典型案例、荣登全国")
    (0, 15)
    """
    pieces = item.split("、")
    if after_figure or any(len(_LEAD_JUNK.sub("", p)) > 8 or re.search(r"\d", p) for p in pieces[:-1]):
        return len(item) - len(pieces[-1])  # a list of clauses: the last one names the figure
    return 0


def clean_subject(lead: str) -> str:
    """Return the subject words of a lead, without verbs, qualifiers and connectors.

    Examples
    --------
    >>> clean_subject("实现门票收入"), clean_subject("全年城镇新增就业"), clean_subject("地区生产总值同比增长")
    ('门票收入', '城镇新增就业', '地区生产总值')
    >>> clean_subject("争取衔接资金"), clean_subject("新设"), clean_subject("比上年增长")
    ('衔接资金', '', '')
    >>> clean_subject("累计签约项目"), clean_subject("全省创新能力排名上升")
    ('签约项目', '全省创新能力排名')
    """
    s = _TIME_WORDS.sub("", _unquote(lead))
    move = _RANK_MOVE.search(s)
    if move:
        return clean_subject(s[:move.start()]) + move.group(1)
    cmp = _COMPARE.search(s)
    if cmp:
        s = s[:cmp.start()]  # 财政赤字比去年增加: the thing; the comparison is added back for a difference
    if _VERB_END.search(s):
        return ""  # 新设 12个…, 夺得 103个…: the thing counted follows the figure
    s = _TAIL_JUNK.sub("", s)
    verbose = s
    s = _LEAD_JUNK.sub("", s)
    s = _unquote(_TAIL_JUNK.sub("", s))
    v = _LEAD_VERBS.match(s)
    if v and len(s) - v.end() >= 2 and not _PAIRED_VERB.match(s[v.end():]):
        s = s[v.end():]
    elif v and not _PAIRED_VERB.match(s[v.end():]):
        s = ""  # only a verb: 抓好, 新设, 带动
    if re.fullmatch(GENERIC_NOUNS, s) and verbose.endswith(s) and len(verbose) >= len(s) + 2:
        s = verbose[-len(s) - 2:]  # 签约项目, 完成投资: the verb says which projects
    if _CLAUSE.search(s) or _PREP_END.search(s):
        return ""  # 只要我们能够…, 一律按: a clause or a preposition, not a noun phrase
    return "" if _EMPTY.match(s) else s


def attribute_topic(attr: str, topic: str) -> str:
    """Return the subject of a bare attribute (产量, 存款余额) of the sentence's topic.

    >>> attribute_topic("产量", "全国粮食"), attribute_topic("存款余额", "城乡居民储蓄存款")
    ('全国粮食产量', '城乡居民储蓄存款')
    """
    return topic if topic.endswith(attr[:2]) else topic + attr


def finish_subject(f: dict, prev: dict | None, m: str, sent_start: int, sent_end: int) -> None:
    """Give a figure whose words name nothing (or only an attribute) the subject the sentence implies."""
    after = m[f["end"]:min(sent_end, f["end"] + 30)]
    subj = f["subject"]
    if (not subj or _ATTRIBUTE.match(subj)) and f["metric"] in ("count", "level"):
        att = _ATTRIBUTIVE.match(after)
        if att and not _NOT_NP.match(att["np"]):
            stop = _AFTER_STOP.search(att["np"])
            np_ = att["np"][:stop.start()] if stop else att["np"]
            if len(np_) >= 2:
                f["subject"] = np_  # 首期规模500亿元的浙江社保科创基金
                return
    if subj and _ATTRIBUTE.match(subj):
        topic = prev["subject"] if prev is not None and prev["subject"] else _topic(m[sent_start:f["start"]])
        if topic and topic != subj:
            f["subject"] = attribute_topic(subj, topic)  # 粮食连续四年增产，产量达到…
        return
    if subj:
        return
    unit = split_unit(f["unit"])[1]
    if f["metric"] in ("count", "level") and (unit in COUNT_UNITS or unit in ("人", "万人", "人次", "")):
        if unit.endswith("人") and after.startswith("口"):
            f["subject"] = "人口"  # 13亿多人口
            return
        stop = _AFTER_STOP.search(after)
        end = stop.start() if stop else min(len(after), 24)
        k = after.find("的", 0, end)
        noun = after[:k if k >= 0 else end]  # 14亿多中国人的饭碗: the people, not what they hold
        if len(noun) >= 2 and not noun.startswith(("以上", "左右", "的", "增长", "下降")):
            f["subject"], f["after_end"] = noun, f["end"] + len(noun)
            return
    if unit == "元":
        fund = _FUND.match(after)
        if fund:
            f["subject"], f["after_end"] = fund.group(), f["end"] + fund.end()  # 拿出3亿元财政资金
            return
    echo = _ECHO_LEAD.match(f.get("item", ""))
    if echo:
        k = m.rfind(echo["v"], sent_start, f["start"] - len(echo["v"]))
        if k >= 0:
            stop = _AFTER_STOP.search(m, k + len(echo["v"]), f["start"])
            obj = m[k + len(echo["v"]):stop.start() if stop else f["start"]]
            if 2 <= len(obj) <= 16:
                f["subject"] = obj  # 拟发行超长期特别国债……今年先发行1万亿元
                return
    if prev is None:
        return
    before = prev.get("plain_subject") or prev["subject"]
    own = _OWN_TARGET.match(after)
    if own and f.get("compared") and before:
        f["subject"] = before + own["t"]  # 增长11.3%，低于13%左右的预期目标
        return
    f["subject"] = before  # 比上年增长8%, 、5.5%, 从第六位上升到第四位
    if f["metric"] == "rank" and prev["metric"] == "growth" and m[prev["end"]:f["start"]] in ("、", "，") and f["subject"] and not f["subject"].endswith(_GROWTH_WORDS):
        f["subject"] += "增速"  # 增长25.5%、全省排名第一: the rate is ranked


def _topic(before: str) -> str:
    t = _TOPIC.match(before)
    return clean_subject(t["t"]) if t else ""


def add_difference(f: dict) -> None:
    """Keep the comparison in the subject of an amount stated as a difference (财政赤字比去年增加)."""
    if f.get("difference") and f["subject"] and not f["subject"].endswith(f["difference"]):
        f["plain_subject"] = f["subject"]  # what a later figure of the sentence inherits
        f["subject"] += f["difference"]


def _share_tail(parts: list[str]) -> list[str]:
    """Names for the items of ``A、B、C + measure`` (the last part carries the shared measure noun)."""
    last = parts[-1]
    tail = ""
    mm = next((x for x in _MEASURE.finditer(last) if x.start() >= 2), None)
    if mm:
        tail = last[mm.start():]
    else:
        for p in parts[:-1]:
            for n in range(min(len(p), len(last)) - 1, 1, -1):
                k = last.find(p[-n:])
                if k > 0 and k + n < len(last):
                    tail = last[k + n:]
                    break
            if tail:
                break
    names = []
    for p in parts[:-1]:
        if tail and not _MEASURE.search(p) and not p.endswith(_MEASURED):
            names.append(p + tail)
        elif len(p) <= 4 and len(last) > len(p) + 1:
            names.append(p + last[len(p):])  # 城镇和农村居民人均可支配收入
        else:
            names.append(p)
    return names + [last]


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
            names = _share_tail(parts)
        elif not head:
            same = by_sent[f["sent"]]
            before = [rows[i] for i in same[:bisect.bisect_left(same, k)]][-len(group):]
            names = [r["subject"] for r in before] if len(before) == len(group) else [""] * len(group)
        else:
            names = [head] * len(group)
        for g, name in zip(group, names):
            g["subject"] = name


def joins(gap: str) -> bool:
    return gap[:1] in _JOIN
