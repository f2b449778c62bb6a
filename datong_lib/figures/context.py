"""Context rules for the extractor: what a figure measures, its year and its kind.

The rules read the words just before a figure (its *lead*, from the last clause
break) and the section the sentence sits in. They work on the matching copy of the
text (simplified characters, ASCII digits), see :mod:`datong_lib.figures.numerals`.
"""

from __future__ import annotations

import bisect
import re

from ..report.structure import FORWARD_TITLE, REVIEW_TITLE
from .vocab import QUALIFIER_CODES

CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?（()）\n]")
ITEM_BREAK = re.compile(r"[，,；;：:。！？!?（()）\n、]")

_UP = "增长|增速|增幅|上涨|涨幅|提高|提升|上升|增加|扩大|回升|增|涨"
_DOWN = "下降|降幅|下滑|降低|减少|回落|缩小|收窄|减|降"
_FILL = "分别|均为|均|同比|实际|预期|年均|平均|为|达|达到|约|仅|了|再|又|一|共|保持在|稳定在|控制在|维持在|保持"
CHANGE_END = re.compile(rf"(?P<verb>{_UP}|{_DOWN})(?:{_FILL})*$")
DOWN_VERBS = frozenset(_DOWN.split("|"))
TARGET_RATIO_END = re.compile(r"(?:目标|计划|任务)的$")
COMPARE_END = re.compile(r"(?:低于|高于|快于|慢于|好于|超过)$")

PREFIX_QUAL = re.compile(
    r"(?P<q>大约|约为|约|将近|接近|近|超过了?|突破|逾|超|不低于|不少于|至少|不超过|不高于|控制在|高达)$"
)
QUALIFIERS = QUALIFIER_CODES  # word -> code, see datong_lib.figures.vocab

_LEAD_JUNK = re.compile(r"^(?:全年|今年|去年|其中|同时|并且?|还|也|累计|实现|完成|共|总计|合计|和|与|及|或)+")
_TAIL_JUNK = re.compile(
    rf"(?:{_UP}|{_DOWN}|{_FILL}|稳定在|控制在|保持在|保持|提高到|上升到|增加到|降至|降到|下降到|达到|实现|完成|突破|"
    r"超过|逾|近|将近|接近|至少|不低于|不少于|不超过|不高于|是|在|到|至|由|从|上年|去年|较|转为|转|拿出|高于|低于|"
    r"继续|保持|位居|排名|稳居)+$"
)

_PLAN_NAMES = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}
PLAN_RE = re.compile(r"十[一二三四五]五")
MULTI_YEAR = re.compile(r"年均(?:增长|增速|提高|下降|减少|增加)|过去五年|五年来|今后五年|未来五年|五年间")
YEAR_IN = re.compile(r"(?<!\d)((?:19|20)\d\d)年(?!以来|来|起|开始|度?以前)")
YEAR_TO = re.compile(r"(?:到|至|截至|截止到?)((?:19|20)\d\d)年")
ESTIMATE = re.compile(r"预计")
TARGET_AFTER = re.compile(r"^[^，。；,;]{0,3}?(?:的)?(?:预期)?目标")
LAST_YEAR = re.compile(r"上年|上一年")


def clean_subject(lead: str) -> str:
    """Return the subject words of a lead, without verbs, qualifiers and connectors.

    Examples
    --------
    >>> clean_subject("实现门票收入"), clean_subject("全年城镇新增就业"), clean_subject("地区生产总值同比增长")
    ('门票收入', '城镇新增就业', '地区生产总值')
    """
    s = _TAIL_JUNK.sub("", lead.strip(" “”\"‘’"))
    s = _LEAD_JUNK.sub("", s)
    return _TAIL_JUNK.sub("", s).strip(" “”\"")


def plan_period(name: str) -> tuple[int, str]:
    """Return the end year and ``start-end`` period of a five-year plan such as ``十四五``."""
    end = _PLAN_NAMES.get(name, 0)
    return end, f"{end - 4}-{end}" if end else ""


def section_frame(path: str, top: str, report_year: int, reviewed_year: int) -> tuple[str, int, str]:
    """Return the default ``(kind, year, period)`` of figures in a section.

    A review section (``2024年工作回顾``, ``工作成果``) describes the reviewed year; a
    five-year-plan section the plan's last year; every other section (targets,
    tasks, the government's own work) the report year.
    """
    head = top or path.split(" > ")[0]
    years = [int(y) for y in YEAR_IN.findall(head)]
    plan = PLAN_RE.search(head)
    if plan and not REVIEW_TITLE.search(head):
        end, period = plan_period(plan.group())
        return "plan", end, period
    if REVIEW_TITLE.search(head) and not FORWARD_TITLE.search(head.replace("成果", "")):
        return "actual", years[0] if years else reviewed_year, ""
    if years and years[0] == reviewed_year and not FORWARD_TITLE.search(head):
        return "actual", reviewed_year, ""
    if REVIEW_TITLE.search(head) and years and years[0] == reviewed_year:
        return "actual", reviewed_year, ""
    return "target", report_year, ""


def figure_frame(frame, sent_lead: str, after: str, report_year: int, reviewed_year: int):
    """Return ``(kind, year, period)`` for one figure from its section frame and sentence.

    *sent_lead* is the sentence text before the figure and *after* the text just
    after it.
    """
    kind, year, period = frame
    plan = None
    for plan in PLAN_RE.finditer(sent_lead):
        pass
    multi = MULTI_YEAR.search(sent_lead)
    if multi and plan is None and "过去五年" not in sent_lead and "五年来" not in sent_lead:
        # A bare 年均 covers only its own clause: 年均增长7.8%，经济总量稳居世界第二位.
        own = sent_lead[max((m.end() for m in CLAUSE_BREAK.finditer(sent_lead)), default=0):]
        multi = MULTI_YEAR.search(own)
    if plan is not None or multi:
        if plan is not None:
            end, period = plan_period(plan.group())
        elif "过去五年" in sent_lead or "五年来" in sent_lead:
            end, period = reviewed_year, f"{reviewed_year - 4}-{reviewed_year}"
        else:
            # 年均增长 with no span named: an average over several years, not one year's figure.
            end, period = year, period or "年均"
        if kind == "actual" or end <= reviewed_year:
            return "actual", min(end, reviewed_year) if kind == "actual" else end, period
        return "plan", end, period
    to = YEAR_TO.findall(sent_lead)
    clause = sent_lead[max((m.end() for m in CLAUSE_BREAK.finditer(sent_lead)), default=0):]
    if to:
        y = int(to[-1])
    else:
        ys = [int(m.group(1)) for m in YEAR_IN.finditer(clause)
              if not clause[max(0, m.start() - 1):m.start()] in ("比", "较", "与", "同")]
        y = ys[-1] if ys else None
    if y is not None and y != year:
        if y > report_year:
            return "plan", y, period
        if y == report_year:
            return ("target" if kind != "actual" else kind), y, period
        return "actual", y, period
    if kind == "actual" and TARGET_AFTER.search(after):
        return "target", year, period
    if kind == "actual" and LAST_YEAR.search(clause) and after.startswith("转为"):
        return "actual", year - 1, period
    if ESTIMATE.search(sent_lead):
        return "estimate", year, period
    return kind, year, period


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
            names = parts
        elif not head:
            same = by_sent[f["sent"]]
            before = [rows[i] for i in same[:bisect.bisect_left(same, k)]][-len(group):]
            names = [r["subject"] for r in before] if len(before) == len(group) else [""] * len(group)
        else:
            names = [head] * len(group)
        for g, name in zip(group, names):
            g["subject"] = name
