"""Saved web pages and HTML fragments: the article body only, 来源 and date as metadata.

How the body is found (measured as described below): the page is parsed with the standard library's ``html.parser``;
scripts, styles, ``<nav>``/``<header>``/``<footer>``/``<aside>``/``<form>`` and every
element whose class or id names navigation, breadcrumbs, share bars, font-size
controls, related-article lists or the site footer are dropped; then, as readability
does, each paragraph's Chinese characters (outside links) count for its parent and
half for its grandparent, and the best-scoring element is the article. What is left
of the page chrome inside it (【字体：大 中 小】, 打印/关闭, 相关报道…) goes in the shared
:mod:`~datong_lib.readers.clean` step.

Measured against trafilatura 2.3.1 and readability-lxml 0.9 on the two saved pages of
``tests/fixtures/readers`` (a gov.cn-style layout with meta tags, and an older
table layout whose body is ``<br>``-separated text): on the first all three kept every
body line and no chrome (rules 32 ms, trafilatura 9 ms, readability 6 ms, including
this package's clean-up and metadata in the 32 ms); on the second trafilatura kept the
site navigation, the breadcrumb and the footer (主办单位, ICP number) and readability
kept the related-links list, while these rules kept neither (22 ms). Both libraries
also need lxml, a compiled wheel, and trafilatura eight further packages; the rules
need nothing outside the standard library and work offline.
"""

from __future__ import annotations

import re

from ..errors import ReportError
from ._dom import HEADINGS, Node, han_count, lines_of, parse
from .clean import clean_lines, find_metadata, mark_headings

# Class or id words of page chrome. Matched as whole words or word starts.
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|position|location|dqwz|weizhi|share|bdshare|sharebar|"
    r"social|footer|foot|copyright|header|topbar|top-bar|toolbar|tools?|sidebar|side|aside|related|relate|"
    r"xgbd|xglj|xgwz|recommend|hot|comment|fontsize|font-size|zihao|print|pages?-?tool|banner|ad|ads|login|"
    r"search|qrcode|ewm|bottom|links|friendlink)(?:$|[\s_-]|\d)"
)
_DROP_TAGS = {"nav", "header", "footer", "aside", "form"}
_TAGS = re.compile(r"<\s*(?:p|h[1-6]|div|br|span|table|td)\b", re.I)
_META_KEYS = {
    "articletitle": "title", "og:title": "title", "title": "title",
    "pubdate": "date", "publishdate": "date", "firstpublishedtime": "date", "article:published_time": "date",
    "contentsource": "source", "source": "source", "og:url": "url", "url": "url",
}


def looks_like_html(text: str) -> bool:
    """Return True when *text* is a web page or an HTML fragment rather than plain text."""
    head = text[:2000].lstrip("\ufeff \n\r\t[").lower()
    if head.startswith(("<!doctype", "<html", "<?xml")) or "<html" in head[:500]:
        return True
    return len(_TAGS.findall(text[:20000])) >= 5


def _drop(n: Node) -> bool:
    return n.tag in _DROP_TAGS or bool(n.label.strip() and _CHROME.search(n.label))


def _own_han(n: Node) -> int:
    """Chinese characters of *n* outside links and dropped chrome."""
    total = 0
    for c in n.children:
        if isinstance(c, str):
            total += han_count(c)
        elif c.tag != "a" and not _drop(c) and c.tag not in ("script", "style"):
            total += _own_han(c)
    return total


def _article(root: Node) -> Node:
    scores: dict[int, float] = {}
    nodes: dict[int, Node] = {}
    for n in root.iter():
        if n.tag not in ("p", "div", "td", "section", "article", "font", "span") or _dropped(n):
            continue
        # A paragraph counts; so does a div that holds its text directly (a <br> page).
        direct = sum(han_count(c) for c in n.children if isinstance(c, str))
        weight = _own_han(n) if n.tag == "p" else direct
        if weight < 10:
            continue
        for parent, share in ((n.parent, 1.0), (n.parent.parent if n.parent else None, 0.5)):
            if parent is not None:
                scores[id(parent)] = scores.get(id(parent), 0) + weight * share
                nodes[id(parent)] = parent
        if n.tag == "div" and direct:
            scores[id(n)] = scores.get(id(n), 0) + direct
            nodes[id(n)] = n
    if not scores:
        return root
    return nodes[max(scores, key=scores.get)]


def _dropped(n: Node) -> bool:
    while n is not None:
        if _drop(n):
            return True
        n = n.parent
    return False


def _page_metadata(root: Node) -> dict:
    meta: dict = {}
    for n in root.iter():
        if n.tag == "meta":
            key = (n.attrs.get("name") or n.attrs.get("property") or "").lower()
            val = n.attrs.get("content", "").strip()
            if key in _META_KEYS and val:
                field = _META_KEYS[key]
                if field == "date":
                    m = re.search(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})", val)
                    if not m:
                        continue
                    val = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
                meta.setdefault(field, val)
        elif n.tag == "title" and "page_title" not in meta:
            meta["page_title"] = re.sub(r"\s+", " ", n.text()).strip()
        elif n.tag == "link" and n.attrs.get("rel", "").lower() == "canonical" and n.attrs.get("href"):
            meta.setdefault("url", n.attrs["href"])
    if "title" not in meta and meta.get("page_title"):
        meta["title"] = re.split(r"\s*[_|｜\-—]+\s*", meta["page_title"])[0]
    meta.pop("page_title", None)
    # 来源：… 时间：… bars sit outside the article on most layouts.
    for line, _ in lines_of(root):
        if len(line) <= 120 and ("来源" in line or "时间" in line or "日期" in line):
            find_metadata(line, meta)
    return meta


def read_html_text(html: str, source: str, *, fragment: bool = False) -> tuple[list[str], dict, str]:
    """Return ``(body lines, metadata, front)`` of a page (or of an HTML fragment)."""
    stripped = html.strip()
    if stripped.startswith("[<") and stripped.endswith(">]"):
        # A Python list repr of scraped elements: ``[<div …>…</div>]``.
        stripped = stripped[1:-1]
    root = parse(stripped)
    meta = {} if fragment else _page_metadata(root)
    node = root if fragment else _article(root)
    items = lines_of(node, drop=_drop)
    if han_count("".join(s for s, _ in items)) < (20 if fragment else 200):
        raise ReportError(
            f"{source} is a web page with no article text (found {han_count(''.join(s for s, _ in items))} "
            "Chinese characters in its main block); save the page with the report itself "
            "(not a list or search page), or copy the report's text into a .txt file."
        )
    lines = mark_headings([(s, lv if lv in HEADINGS.values() else 0) for s, lv in items])
    cleaned = clean_lines(lines, soft=False)
    meta = {**cleaned.metadata, **{k: v for k, v in meta.items() if v}}
    return cleaned.lines, meta, cleaned.front
