"""Clean-up shared by every reader: boilerplate, licence footers, front matter, broken lines.

Readers hand over *lines* (one paragraph or a fragment of one per line) and this module
turns them into the text of a :class:`~datong_lib.readers.Document`. Only whitespace,
boilerplate and line structure change here: digits and punctuation stay as published
(full-width ``５``, spaced ``8 ．8 ％``), so that an extractor which normalises numbers on
its side can still point back at ``text[start:end]`` as the reader sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Whitespace that web pages, Word and PDF put at the edges of a line.
_EDGE = " \t\r\f\v\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"
_INNER_SPACE = re.compile(r"[\u3000\u00a0\u2002\u2003\u2009\t]+")

# A line that is nothing but a control of a news or library page.
_BOILERPLATE = re.compile(
    r"^(?:下载|打印|全屏|收藏|加大|还原|减小|放大|缩小|默认|关闭|【|】|[大中小]|字号[:：]?|字体[:：]?"
    r"|【?字[号体][:：].*|【?\s*打印(?:本页|此页|文章)?\s*】?|【?\s*关闭(?:窗口|本页)?\s*】?|返回顶部|返回首页"
    r"|分享到[:：]?.*|扫一扫.*|微信扫一扫.*|\[?\s*责任编辑[:：].*|责编[:：].*|编辑[:：]\s*\S{2,4}"
    r"|相关(?:报道|链接|新闻|阅读|文章)[:：]?.*|【?\s*纠错\s*】?|上一篇[:：]?.*|下一篇[:：]?.*|网站地图|联系我们"
    r"|(?:.*)?(?:ICP备|网站标识码|京公网安备|主办单位[:：]|承办单位[:：]|版权所有).*)$"
)
# 来源：新华社  时间：2025-03-12 10:31 (either, or both on one line)
_SOURCE = re.compile(r"[(（]?\s*(?:来源|來源|稿源|信息来源|文章来源)\s*[:：]\s*([^\s)）|丨]{2,30})\s*[)）]?")
_DATE = re.compile(
    r"(?:时间|發布時間|发布时间|日期|发布日期)\s*[:：]\s*(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})"
)
_META_LINE = re.compile(r"^[(（]?\s*(?:(?:来源|來源|稿源|信息来源|文章来源|时间|发布时间|發布時間|日期|发布日期|作者|浏览次数|字号)\s*[:：].{0,60}\s*)+$")
# A photo caption printed above the report: "王正谱作政府工作报告。本报记者 霍艳恩摄"
_CAPTION = re.compile(r"(?:记者|摄影|图)[\s\u3000]*\S{2,4}(?:[\s\u3000]+\S{2,4})*[\s\u3000]*摄[)）]?$")
# The Wikisource licence that ends every page of its government texts.
_LICENCE_START = re.compile(r"^本作品(?:是|在|来自|原文)|^Public domain$|^本作品.*公有领域")
_LICENCE_HINT = ("公有领域", "Public domain", "维基文库", "著作权法", "false")

_SENT_END = "。！？!?；;：:…"
_CLOSE = "”’」』）)】》\"'"
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、，.．]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、](?!\d)|第[一二三四五六七八九十]+[部章节])"
)
_DATELINE = re.compile(r"^(?:——|—|--+|－－|-)?\s*\d{4}\s*年\s*\d{1,2}\s*月.{0,12}日?\s*在.{2,40}(?:会议|大会)")
_ADDRESS = re.compile(r"^各位代表[:：！!，,]")
_TITLE = re.compile(r"政府工作报告|政府工作報告")
_SPACED = re.compile(r"^(?:[\u4e00-\u9fff][ \u3000]+){2,}[\u4e00-\u9fff]$")
# A line cannot start a paragraph with these: it continues the line above.
_CONT_START = re.compile(r"^(?:[，。、；：！？）》”’%％,.;:!?)]|[是为][：:])")
# A Markdown or typed list item starts its own line: "- 地区生产总值增长2.5%", "• …", "1) …".
_LIST_ITEM = re.compile(r"^(?:[-*+•·]|\d{1,2}[)）])[ \u3000]+\S")


@dataclass
class Cleaned:
    """What :func:`clean_lines` returns: body lines, front matter and metadata found."""

    lines: list[str]
    front: str = ""
    metadata: dict = field(default_factory=dict)
    # For each output line, the tag of the input line it started with (page, row…).
    tags: list = field(default_factory=list)


def strip_line(line: str) -> str:
    """Return *line* without edge whitespace and with inner tab/full-width runs as one space.

    >>> strip_line("\\u3000\\u3000国务院总理\\u3000\\u3000李强 ")
    '国务院总理 李强'
    """
    line = line.strip(_EDGE)
    line = _INNER_SPACE.sub(" ", line)
    if _SPACED.match(line) and len(line) <= 40:
        line = re.sub(r"[ \u3000]+", "", line)
    return line


def is_heading(line: str) -> bool:
    """Return True for a line that stands on its own: numbered heading, title, dateline, address."""
    s = line.lstrip("#").strip()
    return bool(
        line.startswith("#")
        or (_NUMBERED.match(s) and len(s) <= 60 and not _ends_sentence(s[:-1] if s.endswith("。") else s))
        or _DATELINE.match(s)
        or _ADDRESS.match(s)
        or (_TITLE.search(s) and len(s) <= 40 and not _ends_sentence(s))
    )


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSE)[-1:] in _SENT_END if line.rstrip(_CLOSE) else False


def find_metadata(line: str, meta: dict) -> bool:
    """Record 来源 and 时间 of a metadata line in *meta*; return True when the line is only that."""
    m = _SOURCE.search(line)
    if m:
        meta.setdefault("source", m.group(1).rstrip("）)"))
    d = _DATE.search(line)
    if d:
        meta.setdefault("date", f"{int(d.group(1)):04d}-{int(d.group(2)):02d}-{int(d.group(3)):02d}")
    return bool((m or d) and (_META_LINE.match(line) or (m and m.span() == (0, len(line)))))


def drop_licence(lines: list[str]) -> list[str]:
    """Return *lines* without a Wikisource licence footer at the end."""
    tail_start = max(0, len(lines) - 60)
    for i in range(tail_start, len(lines)):
        if _LICENCE_START.match(lines[i]):
            tail = "".join(lines[i:])
            if any(h in tail for h in _LICENCE_HINT):
                return lines[:i]
    return lines


def _continues(prev: str, line: str, soft: bool) -> bool:
    """Return True when *line* continues the paragraph that *prev* ends."""
    if not prev or not line or prev.startswith("#") or line.startswith("#") or _LIST_ITEM.match(line):
        return False
    if _CONT_START.match(line) and not is_heading(line):
        return True
    if _DATELINE.match(prev) is None and re.match(r"^(?:——|—|--+)?\s*\d{4}\s*年.{0,12}在", prev) and not prev.endswith("上"):
        # a dateline wrapped before its meeting: "——2026年1月26日在广东省第十四届" / "人民代表大会第五次会议上"
        return len(line) <= 30 and line.endswith("上")
    if is_heading(line) or is_heading(prev) or line.startswith(("——", "—")):
        return False
    if soft:
        # Inside a blank-line-separated block every single break is soft, even after
        # a full stop (a bold lead sentence printed on its own line).
        return True
    if _ends_sentence(prev):
        return False
    # One paragraph per line: only obvious fragments join (a bold run-in split off a
    # scraped page, a figure split from its unit): the line above stops mid-phrase.
    if re.search(r"[A-Za-z0-9.]$", prev) and (re.match(r"^[A-Za-z0-9.]", line) or len(prev) >= 20):
        return True
    short = len(line) <= 12 and not _ends_sentence(line)
    return bool(re.search(r"[的和与及在是对把将从为等、，,]$", prev) or (short and len(prev) >= 20 and "，" in prev))


def join_lines(lines: list[str], tags: list, *, soft: bool) -> tuple[list[str], list]:
    """Join fragments into paragraphs; *soft*: single newlines inside a block are soft breaks.

    Blank strings in *lines* separate blocks. ``tags[i]`` is the list of ``(offset, tag)``
    of line *i* (where a page or row starts inside it). Returns the paragraphs and
    their merged tag lists.
    """
    out: list[str] = []
    out_tags: list[list] = []
    prev_blank = True
    for line, ltags in zip(lines, tags):
        if not line:
            prev_blank = True
            continue
        if out and (not prev_blank or not soft) and _continues(out[-1], line, soft and not prev_blank):
            sep = " " if re.search(r"[A-Za-z]$", out[-1]) and re.match(r"^[A-Za-z]", line) else ""
            base = len(out[-1]) + len(sep)
            for off, tag in ltags:
                if tag != out_tags[-1][-1][1]:
                    out_tags[-1].append((base + off, tag))
            out[-1] += sep + line
        else:
            out.append(line)
            out_tags.append(list(ltags) or [(0, None)])
        prev_blank = False
    return out, out_tags


def _opening(lines: list[str]) -> int:
    """Return the index of the line where the report itself starts."""
    for i, line in enumerate(lines[:80]):
        s = line.lstrip("#").strip()
        if (
            (_TITLE.search(s) and (len(s) <= 40 or re.match(r"^(?:\d{4}\s*年)?.{0,12}政府工作报告", s)))
            or _DATELINE.match(s) or _ADDRESS.match(s) or s.startswith("各位代表")
        ):
            return i
        if _NUMBERED.match(s) and len(s) <= 40 and i > 0:
            return i
    return 0


def clean_lines(lines: list[str], tags: list | None = None, *, soft: bool | None = None, join: bool = True) -> Cleaned:
    """Return the cleaned body, front matter and metadata of a report's lines.

    *soft* says whether single line breaks are soft (paragraphs separated by blank
    lines); ``None`` decides from the lines: many blank lines mean soft breaks.
    """
    tags = [t if isinstance(t, list) else [(0, t)] for t in tags] if tags is not None else [[(0, None)]] * len(lines)
    meta: dict = {}
    kept: list[str] = []
    kept_tags: list = []
    for line, tag in zip(lines, tags):
        s = strip_line(line)
        if s and (_BOILERPLATE.match(s) or s in ("Public domain", "false")):
            continue
        kept.append(s)
        kept_tags.append(tag)
    n = len(drop_licence(kept))
    kept, kept_tags = kept[:n], kept_tags[:n]
    if soft is None:
        blanks = sum(1 for s in kept if not s)
        soft = blanks >= 0.6 * (len(kept) - blanks) and _soft_breaks_present(kept)
    if join:
        paras, ptags = join_lines(kept, kept_tags, soft=soft)
    else:
        pairs = [(k, t) for k, t in zip(kept, kept_tags) if k]
        paras, ptags = [k for k, _ in pairs], [t for _, t in pairs]
    # Metadata lines (来源/时间) anywhere in the head or at the very end leave the body.
    body, body_tags, front = [], [], []
    start = _opening(paras)
    for i, (p, t) in enumerate(zip(paras, ptags)):
        near_edge = i < start + 12 or i >= len(paras) - 2
        if near_edge and len(p) <= 80 and find_metadata(p, meta):
            continue
        if i < start or (i < start + 12 and _CAPTION.search(p) and len(p) <= 60):
            front.append(p)
            continue
        body.append(p)
        body_tags.append(t)
    return Cleaned(body, "\n".join(front), meta, body_tags)


def _soft_breaks_present(lines: list[str]) -> bool:
    # Blank-line paragraphs whose blocks still hold single breaks (wiki link text split
    # off, a bold lead phrase on its own line) need joining; a file with one line per
    # block needs nothing, so either answer is right for it.
    return any(a and b for a, b in zip(lines, lines[1:]))


def assemble(paragraphs: list[str], tags: list[list]) -> tuple[str, list]:
    """Return the document text (one paragraph per line) and its sorted locators."""
    parts, locators, pos, last = [], [], 0, object()
    for para, ptags in zip(paragraphs, tags):
        for off, tag in ptags:
            if tag is not None and tag != last:
                locators.append((pos + off, tag))
                last = tag
        parts.append(para)
        pos += len(para) + 1
    return "\n".join(parts) + ("\n" if parts else ""), locators


def mark_headings(items: list[tuple[str, int]]) -> list[str]:
    """Return lines with Markdown ``#`` marks for container headings that carry no number.

    *items* are ``(line, level)`` with level 0 for body text and 1–6 for a heading the
    container marked (HTML ``<h2>``, a Word heading style, a larger PDF font). When every
    marked heading is numbered (一、 / （一）) or an address (各位代表：), the numbering
    already tells the structure and the lines stay plain. Otherwise every marked heading
    gets ``#`` marks; numbered lines the container did not mark stay plain, and the
    structure step (:mod:`datong_lib.report.structure`) puts them below the ``#``
    heading above them, run-in headings (``（一）…。text``) included.
    """
    marked = [(s, lv) for s, lv in items if lv]
    plain = all(_NUMBERED.match(s) or _ADDRESS.match(s) or s.startswith("各位代表") for s, _ in marked)
    if plain:
        return [s for s, _ in items]
    ranks = {lv: i + 1 for i, lv in enumerate(sorted({lv for _, lv in marked}))}
    out = []
    for s, lv in items:
        if _ADDRESS.match(s) or s.startswith("各位代表"):
            out.append(s)
        elif lv:
            out.append("#" * ranks[lv] + " " + s)
        else:
            out.append(s)
    return out
