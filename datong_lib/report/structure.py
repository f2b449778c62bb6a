"""Turn the lines of a report into headings, paragraphs and sentences.

The parser works on normalised lines (one block per non-blank line) and repairs
paragraphs that a PDF extraction broke at page ends: a text block that does not end
a sentence continues into the next text block.

Every block remembers where its text came from: ``Block.src`` lists
``(offset in block text, offset in the source text)`` for each line joined into it, so
that the loader can map a paragraph or sentence of the rebuilt report text back to the
reader's text, and from there to a PDF page or a table row.

Headings: a file with Markdown ``#`` headings (a Markdown report, or a PDF, Word file or
web page whose reader marked the container's headings) still has numbered Chinese
headings (``一、`` / ``（一）``) without ``#``; they are headings there too, run-in ones
included (``（一）着力稳定宏观经济大盘。继续……``), one level below the ``#`` heading above
them unless ``#`` headings with the same numbering fix their level. Arabic numbering
(``1.``) is a heading only in files without ``#`` headings, where it is not a Markdown list.
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
    src: list = field(default_factory=list)  # [(offset in text, offset in the source text)]

    def source_offset(self, pos: int) -> int | None:
        """Return the offset in the source text of position *pos* of this block's text."""
        best = None
        for off, at in self.src:
            if off <= pos:
                best = at + (pos - off)
        return best


def normalise_lines(text: str) -> list[str]:
    """Return the report's lines with BOM, CR and edge whitespace removed."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    strip = " \t\u3000\u00a0\u200b\f\v"
    return [line.strip(strip) for line in text.split("\n")]


_STRIP = " \t\u3000\u00a0\u200b\f\v\ufeff\r"


def line_offsets(text: str) -> list[int]:
    """Return, for each line :func:`normalise_lines` gives, its offset in *text* (after edge whitespace).

    >>> line_offsets("一、回顾\\r\\n\\u3000\\u3000全市增长5%。")
    [0, 8]
    """
    offsets = []
    for m in re.finditer(r"([^\r\n\u2028\u2029]*)(\r\n|[\r\n\u2028\u2029]|$)", text):
        body = m.group(1)
        offsets.append(m.start() + len(body) - len(body.lstrip(_STRIP)))
        if not m.group(2):
            break
    return offsets


def _split_run_in(body: str) -> tuple[str, bool]:
    """Return the heading title of a numbered line and whether text follows it."""
    m = re.search(r"[。！？]", body)
    if m and m.end() < len(body) and m.start() <= _RUN_IN_MAX:
        return body[: m.start()], True
    if m and m.end() == len(body) and m.start() <= _RUN_IN_MAX:
        # "（三）进一步释放国内需求潜力。" alone on a line is still a heading.
        return body[: m.start()], False
    return body, False


def classify(lines: list[str], offsets: list[int] | None = None) -> list[Block]:
    """Return the blocks of the report, headings detected, fragments not yet joined.

    *offsets* (from :func:`line_offsets`) give each line's place in the source text.
    """
    has_md = any(_MD_HEADING.match(line) for line in lines)
    md_levels = _md_number_levels(lines) if has_md else {}
    last_md, last_l1 = 0, None
    blocks: list[Block] = []
    for i, line in enumerate(lines):
        src = [(0, offsets[i])] if offsets is not None and i < len(offsets) else []
        if not line:
            blocks.append(Block("blank", ""))
            continue
        if has_md:
            m = _MD_HEADING.match(line)
            if m:
                title = m.group(2).strip()
                number = ""
                lab = _LETTER_LABEL.match(title)
                num = _CN_L1.match(title) or _CN_L2.match(title)
                if lab:
                    number, title = lab.group(1), lab.group(2).strip()
                elif num:
                    number, title = num.group(1), num.group(2).strip()
                last_md, last_l1 = len(m.group(1)), None
                blocks.append(Block("heading", line, len(m.group(1)), number, title, src=src))
                continue
            head = _numbered_heading(line, styles=(1, 2))
            if head is not None:
                style = head.level
                if style == 1:
                    head.level = md_levels.get(1) or min(6, last_md + 1)
                    last_l1 = head.level
                else:
                    head.level = md_levels.get(2) or min(6, (md_levels.get(1) or last_l1 or last_md) + 1)
                head.src = src
                blocks.append(head)
                continue
        else:
            head = _numbered_heading(line)
            if head is not None:
                head.src = src
                blocks.append(head)
                continue
        b = _BULLET.match(line)
        if b:
            blocks.append(Block("bullet", line, extra={"body": b.group(1)}, src=src))
            continue
        blocks.append(Block("paragraph", line, src=src))
    return blocks


def _md_number_levels(lines: list[str]) -> dict[int, int]:
    """Return ``{numbering style: Markdown level}`` of ``#`` headings that carry 一、 or （一）."""
    seen: dict[int, list[int]] = {}
    for line in lines:
        m = _MD_HEADING.match(line)
        if m:
            title = m.group(2).strip()
            style = 1 if _CN_L1.match(title) else 2 if _CN_L2.match(title) else 0
            if style:
                seen.setdefault(style, []).append(len(m.group(1)))
    return {style: max(set(levels), key=levels.count) for style, levels in seen.items()}


def _numbered_heading(line: str, styles=(1, 2, 3)) -> Block | None:
    for level, rx in ((1, _CN_L1), (2, _CN_L2), (3, _CN_L3)):
        if level not in styles:
            continue
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
            prev.src.extend((off + len(prev.text), at) for off, at in blk.src)
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
