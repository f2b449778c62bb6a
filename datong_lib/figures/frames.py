"""Time frames of the parts of a report: what a heading or an opening time phrase says.

A :class:`Frame` is the time a stretch of text speaks of (kind, year, period). It
comes from a heading (``2024年工作回顾``, ``过去五年工作回顾``, ``2025年政府工作任务``,
``“十五五”时期主要目标``), from a heading-like line a web copy left unnumbered, or
from a time phrase that opens a sentence (``过去一年，``, ``刚刚过去的2025年``,
``这五年``, ``今年``). :mod:`datong_lib.figures.timeframe` applies it to figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..report.structure import FORWARD_TITLE, REVIEW_TITLE
from .numerals import cn_to_number
from .vocab import TASK_TITLE_WORDS

__all__ = ["Frame", "Years", "UNKNOWN", "report_years", "heading_frame", "opening_frame", "head_years", "start_year"]

YEAR = r"(?:(?:19|20)\d\d|[〇零一二三四五六七八九]{4})"
YEAR_AT = re.compile(rf"(?<![\d])(?P<y>{YEAR})年(?!代|以来|来|起)")
PLAN = re.compile(r"十([一二三四五])五")
PLAN_END = {"一": 2010, "二": 2015, "三": 2020, "四": 2025, "五": 2030}
TASK_WORDS = re.compile(TASK_TITLE_WORDS)
_N = "[三四五六七八九]"  # a term's review: 过去四年, 三年来 (近两年 is a recent time, ten years a comparison)
_TERM_YEARS = re.compile(rf"(?:过去|近|这|经过)(?P<n>{_N})年|(?P<m>{_N})年(?:来|间|工作|的?发展|的?成就|回顾)")
#: 实现良好开局, 圆满收官: a heading that reports how a plan period went is a review.
_DATELINE = re.compile(r"\d{1,2}月(?:\d{1,2}日)?在")
_REVIEW_MORE = re.compile(r"成就|开局|收官")
_INTENT = re.compile(r"确保|力争|努力|争取|推动.{0,12}取得")
_OPEN = re.compile(
    r"^(?:各位代表[！!：:，,]?)?(?:——|—|-)?(?:(?:这|刚刚)?过去的?|刚刚过去的)?"
    r"(?P<p>过去一年|一年来|去年|上年|这一年|"
    rf"过去{_N}年|{_N}年来|这{_N}年|近{_N}年|经过{_N}年|五年(?=[^前后内])|这是.{{1,30}}的五年|今后五年|未来五年|"
    r"“?十[一二三四五]五”?(?:时期|期间|以来|是)|"
    rf"(?P<y>{YEAR})年|今年|新的一年)"
)


@dataclass(frozen=True)
class Frame:
    """The time a stretch of text speaks of: ``kind`` None when unknown."""

    kind: str | None
    year: int | None
    period: str = ""
    basis: str = "section"
    five: bool = False  # a multi-year frame: the figures are end states unless they span it


@dataclass(frozen=True)
class Years:
    report: int | None
    reviewed: int | None
    source: str = "header"  # header | inferred


UNKNOWN = Frame(None, None, basis="header")


def year_of(s: str) -> int:
    return int(cn_to_number(s))


def five_years(end: int | None, n: int = 5) -> str:
    return f"{end - n + 1}-{end}" if end else ""


def term_years(text: str) -> int:
    """Return N of a review of several years (过去四年工作回顾, 三年来), else 0."""
    m = _TERM_YEARS.search(text)
    return int(cn_to_number(m["n"] or m["m"])) if m else 0


def first_year(frame: "Frame") -> int | None:
    """Return the first year of a multi-year frame (its period's start)."""
    head = frame.period.split("-")[0]
    return int(head) if head.isdigit() else None


def report_years(meta: dict, heads: list[str]) -> Years:
    """Return the report and reviewed years from the metadata, else from review headings."""
    ry, rv = meta.get("report_year"), meta.get("reviewed_year")
    ry = int(ry) if ry else None
    rv = int(rv) if rv else None
    if ry or rv:
        return Years(ry or rv + 1, rv or ry - 1, "header")
    for h in heads:
        if REVIEW_TITLE.search(h):
            m = YEAR_AT.search(h)
            if m:
                y = year_of(m["y"])
                return Years(y + 1, y, "inferred")
    for h in heads:
        m = YEAR_AT.search(h)
        if m and FORWARD_TITLE.search(h):
            y = year_of(m["y"])
            return Years(y, y - 1, "inferred")
    return Years(None, None, "inferred")


def plan_frame(digit: str, ys: Years, basis: str, since: bool = False) -> Frame:
    """Return the frame of a plan period; ``since`` (“十二五”以来) runs from its start to the reviewed year."""
    end = PLAN_END[digit]
    if ys.reviewed is not None and end <= ys.reviewed:
        return Frame("actual", end, five_years(end), basis, True)
    if since and ys.reviewed is not None and ys.reviewed >= end - 4:
        return Frame("actual", ys.reviewed, f"{end - 4}-{ys.reviewed}", basis, True)
    return Frame("plan", end, five_years(end), basis, True)


def year_frame(y: int, ys: Years, basis: str) -> Frame:
    if ys.report is None or y < ys.report:
        return Frame("actual", y, "", basis)
    if y == ys.report:
        return Frame("target", y, "", basis)
    return Frame("plan", y, "", basis)


def heading_frame(title: str, ys: Years) -> Frame | None:
    """Return the frame a heading sets, or None when it says nothing about time."""
    review = REVIEW_TITLE.search(title) or _REVIEW_MORE.search(title)
    if review and _INTENT.search(title):
        review = None  # 确保民生工作取得新成绩: a goal, not a review
    forward = FORWARD_TITLE.search(title.replace("成果", "").replace("成就", ""))
    years = [year_of(m["y"]) for m in YEAR_AT.finditer(title)]
    plan = PLAN.search(title)
    done = re.search(r"完成情况|执行情况", title)  # 人大确定的目标任务完成情况: how last year's goals went
    if done and not re.search(r"今年|明年", title):
        review = review or done
    if review and (done or not (forward and forward.start() < review.start())):
        if years:
            return Frame("actual", years[0], "", "section")
        n = term_years(title) or (5 if "五年" in title else 0)
        if n:
            return Frame("actual", ys.reviewed, five_years(ys.reviewed, n), "section", True)
        if plan and not years:  # “十三五”实现良好开局: the plan period up to the year reviewed
            end, first = PLAN_END[plan.group(1)], PLAN_END[plan.group(1)] - 4
            if ys.reviewed is not None and ys.reviewed < end:
                end = ys.reviewed
            if end == first:
                return Frame("actual", end, "", "section")
            return Frame("actual", end, f"{first}-{end}", "section", True)
        if ys.reviewed is not None:
            return Frame("actual", ys.reviewed, "", "section")
        return Frame("actual", None, "", "inferred")
    if years:
        return year_frame(years[-1] if not forward else years[0], ys, "section")
    if "今年" in title or "本年" in title:
        return Frame("target", ys.report, "", "section")
    if plan:
        return plan_frame(plan.group(1), ys, "section")
    if forward and TASK_WORDS.search(title):
        return Frame("target", ys.report, "", "section")
    return None


def opening_frame(sentence: str, ys: Years) -> tuple[Frame | None, bool]:
    """Return the frame a sentence's opening time phrase sets, and whether it carries on.

    A five-year, plan or explicit year carries to the following paragraphs; 去年 and
    今年 hold for their paragraph only.
    """
    m = _OPEN.match(sentence)
    if not m:
        return None, False
    p = m["p"]
    if m["y"]:
        if sentence[m.end():m.end() + 2] in ("以来", "来") or _DATELINE.match(sentence, m.end()) or "工作报告" in sentence[:30]:
            return None, False  # 2014年1月14日在…会议上, 2014年某省政府工作报告: the meeting's date or the title
        return year_frame(year_of(m["y"]), ys, "section"), True
    if p in ("过去一年", "一年来", "这一年"):
        return Frame("actual", ys.reviewed, "", "section"), True
    if p in ("去年", "上年"):
        return None, False  # holds for its own sentence only, see timeframe.figure_time
    if p in ("今年", "新的一年"):
        return Frame("target", ys.report, "", "section"), False
    if p in ("今后五年", "未来五年"):
        start = ys.report
        return Frame("plan", start + 4 if start else None, f"{start}-{start + 4}" if start else "", "section", True), True
    plan = PLAN.search(p)
    if plan:
        return plan_frame(plan.group(1), ys, "section", p.endswith("以来")), True
    n = term_years(p) or 5
    return Frame("actual", ys.reviewed, five_years(ys.reviewed, n), "section", True), True


_HEAD_YEARS = re.compile(r"^(?:各位代表[！!：:，,]?)?(?:——)?(?:过去|近|这|最近)?(?P<n>[两二三四五六七八九十\d]{1,2})年(?:来|间|里|中)?[，,]")


def head_years(lead: str) -> int:
    """Return N of a sentence that opens with ``十年来，``, ``过去十年，`` or ``这五年，`` (else 0)."""
    m = _HEAD_YEARS.match(lead)
    if not m:
        return 0
    n = m["n"]
    return int(n) if n.isdigit() else int(cn_to_number(n))


def start_year(five: Frame | None, frame: Frame, ys: Years, lead: str = "") -> int | None:
    """Return the year of the starting value of ``从A提高到B``.

    After an opening ``十年来，`` the year before those ten; in a multi-year frame the
    year before the period (十四五: 2020); in the review of a year the year before it;
    in a target or a plan the reviewed year, the state the goal starts from
    (今年财政补助由每人每年380元提高到420元: 380元 is last year's).
    """
    n = head_years(lead)
    end = five.year if five is not None and five.year else frame.year if frame.kind == "actual" else None
    if n and end:
        return end - n
    if five is not None and five.year:
        first = first_year(five)
        return first - 1 if first else five.year - 5
    if frame.kind == "actual" and frame.year:
        return frame.year - 1
    if frame.kind in ("target", "plan") and ys.reviewed:
        return ys.reviewed
    return None
