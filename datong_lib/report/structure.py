"""Turn the lines of a report into headings, paragraphs and sentences.

The parser works on normalised lines (one block per non-blank line) and repairs
paragraphs that a PDF extraction broke at page ends: a text block that does not end
a sentence continues into the next text block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_CN_NUM = "一二三四五六七八九十"
_CN_L1 = re.compile(rf"^([{_CN_NUM}]{{1,3}})[、，.．]\s*(.+)$")
_CN_L2 = re.compile(rf"^[（(]([{_CN_NUM}]{{1,3}})[）)]\s*(.+)$")
_CN_L3 = re.compile(r"^(\d{1,2})[.．、](?!\d)\s*(.+)$")
_LETTER_LABEL = re.compile(r"^([A-Z])[\s\u3000]+(.+)$")
_BULLET = re.compile(r"^(?:[-*+•·]|\d{1,2}[)）])[\s\u3000]+(.+)$")
# A block that ends with one of these ends a sentence (closing quotes and brackets
# may follow the punctuation).
_SENTENCE_END = re.compile(r"[。！？!?；;：:…]['\"”’」』）)】]*$")
_SENTENCE_SPLIT = re.compile(r"[^。！？!?]*(?:[。！？!?]+['\"”’」』）)】]*|$)")
# What a heading says about its part of the report: a review of past results, the
# year's targets and tasks, or the task list itself.
REVIEW_TITLE = re.compile(r"回顾|成果|成绩|完成情况|过去一年|过去五年|工作总结")
FORWARD_TITLE = re.compile(r"任务|目标|部署|计划|要求|重点工作")
TASK_TITLE = re.compile(r"工作任务|重点工作|工作安排|主要任务")
# Run-in headings: "（一）着力稳定宏观经济大盘，保持经济运行在合理区间。继续……"
_RUN_IN_MAX = 60


@dataclass
class Block:
    kind: str  # "heading" | "paragraph" | "bullet"
    text: str
    level: int = 0
    number: str = ""
    title: str = ""
    fragments: int = 1
    run_in: bool = False
    extra: dict = field(default_factory=dict)


def normalise_lines(text: str) -> list[str]:
    """Return the report's lines with BOM, CR and edge whitespace removed."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    strip = " \t\u3000\u00a0\u200b\f\v"
    return [line.strip(strip) for line in text.split("\n")]


def _split_run_in(body: str) -> tuple[str, bool]:
    """Return the heading title of a numbered line and whether text follows it."""
    m = re.search(r"[。！？]", body)
    if m and m.end() < len(body) and m.start() <= _RUN_IN_MAX:
        return body[: m.start()], True
    if m and m.end() == len(body) and m.start() <= _RUN_IN_MAX:
        # "（三）进一步释放国内需求潜力。" alone on a line is still a heading.
        return body[: m.start()], False
    return body, False


def classify(lines: list[str]) -> list[Block]:
    """Return the blocks of the report, headings detected, fragments not yet joined."""
    has_md = any(_MD_HEADING.match(line) for line in lines)
    blocks: list[Block] = []
    for line in lines:
        if not line:
            blocks.append(Block("blank", ""))
            continue
        if has_md:
            m = _MD_HEADING.match(line)
            if m:
                title = m.group(2).strip()
                number = ""
                lab = _LETTER_LABEL.match(title)
                if lab:
                    number, title = lab.group(1), lab.group(2).strip()
                blocks.append(Block("heading", line, len(m.group(1)), number, title))
                continue
        else:
            head = _numbered_heading(line)
            if head is not None:
                blocks.append(head)
                continue
        b = _BULLET.match(line)
        if b:
            blocks.append(Block("bullet", line, extra={"body": b.group(1)}))
            continue
        blocks.append(Block("paragraph", line))
    return blocks


def _numbered_heading(line: str) -> Block | None:
    for level, rx in ((1, _CN_L1), (2, _CN_L2), (3, _CN_L3)):
        m = rx.match(line)
        if m:
            title, run_in = _split_run_in(m.group(2))
            if len(title) <= _RUN_IN_MAX and (run_in or not _looks_like_prose(title)):
                return Block("heading", line, level, m.group(1), title, run_in=run_in)
            return None
    return None


def _looks_like_prose(title: str) -> bool:
    # A numbered line of 60+ characters with commas but no full stop is a list item
    # of a sentence, not a heading.
    return len(title) > 40 and title.count("，") >= 2


def join_fragments(blocks: list[Block]) -> list[Block]:
    """Join text blocks that were broken mid-sentence across blank lines."""
    out: list[Block] = []
    for blk in blocks:
        if blk.kind == "blank":
            continue
        prev = out[-1] if out else None
        if (
            blk.kind == "paragraph"
            and prev is not None
            and prev.kind == "paragraph"
            and _continues(prev.text)
        ):
            prev.text += blk.text
            prev.fragments += 1
            continue
        out.append(blk)
    return out


def _continues(text: str) -> bool:
    # Titles, datelines and speaker lines at the top of a report carry no sentence
    # punctuation; only a block that is already prose can run on.
    if _SENTENCE_END.search(text):
        return False
    return bool(re.search(r"[，。、；,]", text)) or len(text) >= 40


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of one paragraph.

    >>> t = "全市A级旅游景区达到35家。“十五连丰”！好"
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['全市A级旅游景区达到35家。', '“十五连丰”！', '好']
    """
    spans = []
    for m in _SENTENCE_SPLIT.finditer(text):
        a, b = m.span()
        if b <= a:
            continue
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if seg.strip():
            spans.append((a + lead, b - trail))
    return spans
