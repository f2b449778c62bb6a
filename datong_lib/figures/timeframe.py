"""When a figure holds: its year, kind (actual, target, plan, estimate), period and basis.

A report states the time of a figure at three levels, and the nearest one wins:

1. **the sentence**: the clause that holds the figure (``2025年``, ``去年``, ``今年``,
   ``到2030年``, ``“十四五”时期``, ``年均``, ``累计``, ``连续三年``) and the cue words of
   the genre (``预期目标``, ``力争``, ``确保``, ``控制在`` → target; ``预计`` → estimate);
2. **the section**: a heading (``2024年工作回顾``, ``过去五年工作回顾``,
   ``2025年政府工作任务``, ``“十五五”时期主要目标``), a heading-like line that a web
   copy left without numbering, or a paragraph that opens with a time phrase
   (``过去一年，``, ``刚刚过去的2025年``, ``这五年``, ``今年经济社会发展的主要预期目标是``),
   which holds until the next heading; top-level sections without a time of their
   own that follow the review are the report year's tasks;
3. **the report**: its report year (the year of the meeting) and reviewed year.

``basis`` says which level decided: ``sentence``, ``section``, ``header`` (the
report year of the metadata) or ``inferred`` (a report year guessed from the body,
or nothing at all: the year is then missing). A missing year is ``None`` here and
pandas ``NA`` in the table, never 0.

Five-year reviews keep the five years apart from the last one: a figure under a
five-year frame is the state at the end of the period (``year`` = last year, no
``period``) unless it spans the period (``年均``, ``累计``, ``五年``, a rate or a
multiple against the first year, ``连续``, an amount added: ``新增``, ``增加近1000亿元``),
when ``period`` is ``first-last``. A sentence that opens with ``十年来，`` spans ten.
``从A提高到B`` gives A the year before the period (or before the ten years, or the
start of a span ``2003年到2007年，`` or of ``从Y年的…``) and B its last year; in a
one-year review A is the year before, in a target or plan the reviewed year.
A year named before a base (``到2020年…比2010年翻一番``) is the figure's own year;
``从2005年开始连续三年`` runs forward from its start; ``是2010年的1.5倍`` spans the years
since its base. A review of a term names its length (``过去四年工作回顾``, ``三年来，``)
and its period follows it. A review sentence that opens with ``预计`` (or a part of one
after ``；``) states every figure in it as an estimate of the year reviewed.
"""

from __future__ import annotations

import re

from .frames import PLAN_END, YEAR, YEAR_AT, Frame, Years, five_years, head_years, plan_frame, start_year, year_frame, year_of
from .numerals import cn_to_number
from .vocab import ACTUAL_WORDS, ESTIMATE_WORDS, FUTURE_WORDS, SPAN_WORDS, TARGET_STRONG_WORDS, TARGET_WORDS

CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?（()）\n]")

_SPAN = re.compile(SPAN_WORDS)
_N_YEARS = re.compile(r"(?:连续|近|过去)(?P<n>[两二三四五六七八九十\d]{1,2})年|(?<![\d〇零一二两三四五六七八九十])(?P<n2>[两二三四五六七八九十\d]{1,2})年(?:来|间|累计"
                      r"|(?=增加|增长|提高|减少|下降|新增|年均))")  # 十年增加近70万亿元
_FUTURE = re.compile(FUTURE_WORDS)
_REL = re.compile(r"(?<![比较同与和于])(?P<w>去年|上年|上一年|今年|本年|明年|当年)(?!同期|以来)")
_BASE_BEFORE = ("比", "较", "同", "与", "和", "于", "相比", "对比")
TARGET_STRONG = re.compile(TARGET_STRONG_WORDS)
TARGET_CUES = re.compile(TARGET_WORDS)
ESTIMATE = re.compile(ESTIMATE_WORDS)
ACTUAL_CUES = re.compile(ACTUAL_WORDS)
TARGET_AFTER = re.compile(r"^[^，。；,;]{0,3}?(?:的)?(?:年度|预期|计划)?目标")
#: 减税降费2.36万亿元，超过原定的近2万亿元规模: the plan of the year reviewed.
_PLANNED = re.compile(r"(?:原定|原计划|原预算)的?[^，。；,;]{0,2}$")
_HEAD_TIME = re.compile(rf"^(?:到|至|截至|截止到?)?(?:{YEAR_AT.pattern}|去年|今年|上年|明年)(?:底|末|初)?")
#: 从75%提高到100%, 由每人每年380元提高到420元: the clause ends where the starting value begins.
#: 2003年到2007年, 从一九五〇年到一九五四年: a span of years named at once.
_SPAN_YEARS = re.compile(rf"(?<![\d])(?P<a>{YEAR})年\s*(?:到|至|—|－|-|~)\s*(?P<b>{YEAR})年(?!代)")
_FROM_YEAR = re.compile(rf"(?:从|由|自)(?P<y>{YEAR})年")
FROM_TO = re.compile(r"(?:从|由)(?:人均|(?:每[人户生月年天日]){1,2}|[月年](?:销售额|营业额|收入))?$")


def clause_of(lead: str) -> str:
    """Return the clause of a sentence lead: the text after its last clause break."""
    k = max((x.end() for x in CLAUSE_BREAK.finditer(lead)), default=0)
    return lead[k:]


def figure_time(frame: Frame, lead: str, after: str, ys: Years, f: dict, prev: dict | None,
                section: Frame | None = None, estimated: bool = False):
    """Return ``(kind, year, period, basis)`` of figure *f* (:func:`_figure_time`); a result after a
    clause opening with 预计, or after 预计（下同） in its paragraph (*estimated*), is an estimate."""
    kind, year, period, basis = _figure_time(frame, lead, after, ys, f, prev, section)
    if kind == "actual" and frame.kind in ("actual", None) and not FROM_VALUE.search(clause_of(lead)) and (
            estimated or any(_HEAD_ESTIMATE.match(part) for part in _PARTS.split(lead))):
        return "estimate", year, period, "sentence"
    return kind, year, period, basis


def _figure_time(frame: Frame, lead: str, after: str, ys: Years, f: dict, prev: dict | None,
                 section: Frame | None = None):
    """Return ``(kind, year, period, basis)`` of figure *f* (its ``metric`` and ``value``).

    *lead* is the sentence before the figure, *after* a few characters after it,
    *prev* the previous figure of the sentence, *section* the frame of the section
    when a time phrase of the paragraph overrides it (a from-value in a five-year
    review is still the period's start).
    """
    metric = f["metric"]
    clause = clause_of(lead)
    head = lead[:len(lead) - len(clause)]
    kind, year, basis = frame.kind, frame.year, frame.basis
    period = frame.period if frame.five else ""
    if frame.five and (metric in _STATES and not _SPAN.search(clause) or _YEAR_ON_YEAR.search(clause)):
        period = ""  # an end state, or a change on the year before (比上年下降3.14%)
    five = frame if frame.five else section if section is not None and section.five else None
    span = _span(lead, clause)  # 2003年到2007年，…: the sentence speaks of the span
    plan_end = _FROM_PLAN_END.search(clause)
    if plan_end:  # 由“十二五”末的6557亿元: the last year of that plan
        return "actual", PLAN_END[plan_end.group(1)], "", "sentence"
    if FROM_TO.search(clause):
        named = _last(_FROM_YEAR, lead)  # 从1950年的A降低到…，其中B从C降低到D: the same start
        start = year_of(named["y"]) if named else year_of(span["a"]) if span else start_year(five, frame, ys, lead)
        if start is not None:  # 从A提高到B: A is the state before the period or the year spoken of
            return "actual" if ys.reviewed is None or start <= ys.reviewed else kind, start, "", basis
    said = False  # the sentence itself named the time
    found = _clause_year(clause, ys, year)
    lead_time = _HEAD_TIME.match(head)
    if found is None and span is not None:
        found = (year_of(span["b"]), "plain")  # 2003年到2007年，转移支付累计4.25万亿元
    elif found is None and lead_time:
        found = _clause_year(lead_time.group(), ys, year)  # 2024年，… / 到2030年，… at the head
    if found is not None and found[1] == "base":
        if metric in ("growth", "multiple", "pp"):
            cut = max((x.start() for x in _BASE_WORD.finditer(clause)), default=0)
            own = _clause_year(clause[:cut], ys, year) if cut else None  # 1954年…等于1949年的3.1倍: 1954
            own = own[0] if own is not None and own[1] in ("plain", "to") else None  # 到2020年…比2010年翻一番
            end = own or (year if kind == "actual" and year else ys.reviewed)
            if end:
                k = "estimate" if ESTIMATE.search(clause) else year_frame(end, ys, "sentence").kind if own else "actual"
                return k, end, f"{found[0] + 1}-{end}" if end - found[0] > 1 else "", "sentence"
    elif found is not None:
        y = found[0]
        g = year_frame(y, ys, "sentence")
        kind, year, basis, said, period = g.kind, y, "sentence", True, ""
        if span is not None and y == year_of(span["b"]) and (metric not in _STATES or _SPAN.search(clause)):
            period = f"{year_of(span['a'])}-{y}"
        if found[1] == "to" and g.kind == "plan" and ys.report and "现在" in lead:
            period = f"{ys.report}-{y}"
    plan = None
    for plan in _PLAN_TIME.finditer(lead):
        pass
    if not said and plan is not None and not (frame.five and frame.kind == "actual"):
        g = plan_frame(plan.group(1), ys, "sentence", lead[plan.end():plan.end() + 3].lstrip("”\"").startswith("以来"))
        kind, year, period, basis, said = g.kind, g.year, g.period, "sentence", True
        if g.kind == "actual" and metric in _STATES and not _SPAN.search(clause):
            period = ""
    if not said and ys.report and ys.report < 2000 and _CENTURY_END.search(lead):
        return "plan", 2000, f"{ys.report}-2000" if "现在" in lead else "", "sentence"
    if not said and _FUTURE.search(clause) and not ESTIMATE.search(clause):
        return "plan", None, "", "sentence"
    n = _n_years(clause) if metric != "streak" else int(f["value"])
    since = _last(_SINCE, lead) if not n and kind == "actual" and year else None
    if since is not None and (metric in ("growth", "multiple", "pp") or _SPAN.search(clause)
                              or metric in ("level", "count") and (f.get("direction") or _ADDED.match(f.get("item", "")))):
        first = year_of(since["y"]) if since["y"] else _CONGRESS.get(since["c"], 0)
        if first and first < year:  # 2021年以来累计新增就业12万人, 党的十八大以来年均增长8.5%
            return "actual", year, f"{first}-{year}", "sentence"
    begun = _last(_BEGIN, lead) if n else None
    if begun is not None:  # 从2005年开始连续三年, 从今年1月1日起再连续三年: the years from then on
        first = year_of(begun["y"]) if begun["y"] else ys.report if begun["r"] == "今年" else \
            ys.report + 1 if begun["r"] == "明年" and ys.report else ys.reviewed
        if first:
            last = first + n - 1
            return year_frame(last, ys, "sentence").kind, last, f"{first}-{last}", "sentence"
    flow = metric in ("level", "count") and bool(f.get("direction") or _ADDED.match(f.get("item", "")))
    if not n and clause != lead and (metric in ("growth", "multiple", "pp") or flow or _SPAN.search(clause)):
        n = head_years(lead)  # 十年来，国内生产总值年均增长6.2%, …增加近70万亿元
    if frame.five and flow and kind == "actual" and not said and not period:
        period = frame.period  # 这五年，一般公共预算收入增加近1000亿元; 新增12家上市公司
    if n and (kind in ("actual", None) or metric == "streak" or "基础" in clause + after[:8]
              or not said and kind == "target"):
        end = year if kind == "actual" and year else ys.reviewed
        if end:
            return "actual", end, f"{end - n + 1}-{end}", "sentence" if not frame.five else basis
    if "五年" in clause and kind == "actual" and year and not period and not _FUTURE.search(clause):
        period = five_years(year)  # 五年全国新增城镇就业5100万人
    if frame.five and not said and kind == "actual" and metric in ("growth", "multiple", "pp") \
            and not _YEAR_ON_YEAR.search(clause):  # 比上年下降3.14%: one year on the last
        period = frame.period
    if _AVERAGE.search(clause) and not period and kind == "actual" and year:
        period = frame.period if frame.five else five_years(year)  # an average over the plan period
    elif _AVERAGE.search(clause) and not period and kind == "plan":
        period = frame.period
    # Cue words of kind.
    part = prev is not None and clause.startswith("其中") and prev["kind"] == "estimate"  # 预计…2.5万亿元，其中…1.5万亿元
    if ESTIMATE.search(clause) and not FROM_VALUE.search(clause) or part or (prev is not None and f.get("continues") and prev["kind"] == "estimate"):
        if kind is None:
            year, basis = ys.reviewed, "sentence"
        return "estimate", year, period, "sentence"
    if TARGET_AFTER.search(after) and _TERM.search(clause):
        return "plan", None, "", "sentence"  # 本届政府减少行政审批事项三分之一目标: the goal of a term, no year
    if kind == "actual" and (TARGET_AFTER.search(after) or _PLANNED.search(clause)):
        return "target", year, period, "sentence"
    if kind in (None, "target") and not said and TARGET_STRONG.search(lead):
        return "target", year if kind else ys.report, period, "sentence"
    if kind is None:
        if TARGET_CUES.search(lead):
            return "target", ys.report, period, "sentence"
        if ACTUAL_CUES.search(clause) or not TARGET_CUES.search(lead):
            return "actual", ys.reviewed, period, "sentence" if ACTUAL_CUES.search(clause) else "inferred"
    if basis == "section" and ys.source == "inferred" and not said:
        basis = "inferred"
    if year is None:
        basis = "inferred"
    return kind, year, period, basis


_STATES = ("level", "count", "share", "rank")
#: A review sentence that opens with 预计 states every figure in it as an estimate of the year.
_FROM_PLAN_END = re.compile(r"(?:从|由)[“\"]?十([一二三四五])五[”\"]?末的?$")
_PARTS = re.compile(r"[，,；;]")  # …各项工作，预计全县生产总值…: 预计 opening a clause reaches to the sentence's end
#: 从2015年的39.70亿元(增长到…), 由“十二五”末的6557亿元: a starting value, a result even in an estimate.
FROM_VALUE = re.compile(rf"(?:从|由)(?:(?:{YEAR})年(?:底|末)?的?|[“\"]?十[一二三四五]五[”\"]?末的?|(?:去年|上年)(?:底|末)?的?)?"
                        r"(?:人均|(?:每[人户生月年天日]){1,2})?$")
_HEAD_ESTIMATE = re.compile(rf"^(?:(?:全年|全市|全省|全区|全县|全旗|全州|全国|(?:{YEAR})年|去年)[，,]?){{0,2}}(?:据)?(?:初步)?(?:{ESTIMATE_WORDS})")
_SINCE = re.compile(rf"(?:(?P<y>{YEAR})年|党的(?P<c>十[六七八九]|二十)大)以来")
_CONGRESS = {"十六": 2003, "十七": 2008, "十八": 2013, "十九": 2018, "二十": 2023}  # the first year after each congress
_TERM = re.compile(r"本届政府|本届任期|任期内")
_YEAR_ON_YEAR = re.compile(r"(?:比|较)(?:上年|去年|上一年)|同比")
_BASE_WORD = re.compile(r"比|较|等于|相当于|同")
#: “十三五”时期经济年均增长…: a plan period as the time; not a name (“十四五”批复的6个基地, “十四五”规划确定的).
_PLAN_TIME = re.compile(r"十([一二三四五])五[”\"]?(?=时期|期间|以来|末|规划期|[，,]|[^，,；;。]{0,6}(?:年均|累计))")
_BEGIN = re.compile(rf"(?:从|自)(?:(?P<y>{YEAR})年|(?P<r>今年|明年|去年))(?:\d{{1,2}}月(?:\d{{1,2}}日)?)?(?:起|开始)")
#: 新增12家上市公司: an amount added, over the period of its frame.
_ADDED = re.compile(r"^(?:累计|共)?(?:新增|新建|新设|新培育|新创建|净增)")
_AVERAGE = re.compile(r"(?:年均|平均每年|每年平均)(?:实际|名义)?(?:增长|增速|增幅|下降|降低|提高|增加|减少|递增|上涨|涨幅)")
_TURN = re.compile(r"转为|变为|(?:提高|增加|上升|下降|扩大|减少|缩小|提升|增长)(?:到|至)|[降升增]至")
_CENTURY_END = re.compile(r"本世纪末|到下世纪|从现在起")


def _span(lead: str, clause: str):
    """Return the span of years the figure's sentence speaks of: one that opens a stretch
    (``2003年到2007年，``) or stands in the figure's clause, not a base (是1950年到2002年的总和)."""
    hit = None
    for x in _SPAN_YEARS.finditer(lead):
        opens = lead[x.end():x.end() + 1] in ("，", ",", "：", ":")
        own = x.start() >= len(lead) - len(clause) and not re.search(r"(?:是|相当于|等于|比|较|为)$", lead[:x.start()])
        if opens or own:
            hit = x
    return hit


def _last(rx: re.Pattern, text: str):
    hit = None
    for hit in rx.finditer(text):
        pass
    return hit


def _n_years(clause: str) -> int:
    m = _N_YEARS.search(clause)
    if not m:
        return 0
    n = m["n"] or m["n2"]
    return int(n) if n.isdigit() else int(cn_to_number(n))


def _clause_year(clause: str, ys: Years, frame_year: int | None = None):
    """Return ``(year, how)`` of the last year the clause names, how in plain/to/base."""
    turn = max((x.end() for x in _TURN.finditer(clause)), default=0)
    clause = clause[turn:]  # 由上年下降2.3%转为增长8.5%: the year named the starting value
    best = None
    for m in YEAR_AT.finditer(clause):
        before = clause[max(0, m.start() - 2):m.start()]
        y = year_of(m["y"])
        rest = clause[m.end():]  # 是2016年的(2.4倍), 分别是2016年的1.4倍、(2.4倍)
        if before.endswith(_BASE_BEFORE) or before.endswith(("是", "为")) and rest.startswith("的") and len(rest) <= 12:
            best = (y, "base")  # 比2010年, 是2010年的(1.5倍)
        elif before.endswith(("到", "至", "截至", "截止")):
            best = (y, "to")
        else:
            best = (y, "plain")
    if best is not None:
        return best
    for m in _REL.finditer(clause):
        w = m["w"]
        if w in ("上年", "上一年") and (frame_year or ys.report):
            best = ((frame_year or ys.report) - 1, "plain")  # the year before the one spoken of
        elif w == "去年" and ys.reviewed:
            best = (ys.reviewed, "plain")
        elif w in ("今年", "本年") and ys.report:
            best = (ys.report, "plain")
        elif w == "明年" and ys.report:
            best = (ys.report + 1, "plain")
    return best
