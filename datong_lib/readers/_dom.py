"""A small HTML tree built with the standard library's parser, and its text as lines.

Saved government pages are often malformed (unclosed ``<p>``, stray ``</div>``); the
tree builder closes what it must and never raises, which is all the readers need.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr", "param"}
SKIP = {"script", "style", "noscript", "template", "iframe", "svg", "object", "select", "button", "textarea", "head"}
BLOCK = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "table", "tr", "td", "th", "tbody", "thead",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "center", "dl", "dt", "dd", "header", "footer",
    "nav", "aside", "form", "body", "html", "figure", "figcaption", "br", "hr",
}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Elements that auto-close an open <p>.
_CLOSES_P = BLOCK - {"br", "hr", "body", "html"}


class Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict, parent: "Node | None"):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    @property
    def label(self) -> str:
        """Return the element's class and id, for rules that judge by name."""
        return f"{self.attrs.get('class', '')} {self.attrs.get('id', '')}".lower()

    def text(self) -> str:
        out = []
        for c in self.children:
            if isinstance(c, str):
                out.append(c)
            elif c.tag not in SKIP:
                out.append(c.text())
        return "".join(out)


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag in _CLOSES_P and self._open("p"):
            self._close("p")
        node = Node(tag, {k.lower(): (v or "") for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag.lower(), {k.lower(): (v or "") for k, v in attrs}, self.cur))

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            return
        if self._open(tag):
            self._close(tag)

    def handle_data(self, data):
        self.cur.children.append(data)

    def _open(self, tag) -> bool:
        n = self.cur
        while n is not None:
            if n.tag == tag:
                return True
            n = n.parent
        return False

    def _close(self, tag):
        while self.cur.tag != tag and self.cur.parent is not None:
            self.cur = self.cur.parent
        if self.cur.parent is not None:
            self.cur = self.cur.parent


def parse(html: str) -> Node:
    """Return the root of the tree of *html*."""
    b = _Builder()
    b.feed(html)
    b.close()
    return b.root


def lines_of(node: Node, drop=lambda n: False) -> list[tuple[str, int]]:
    """Return ``(line, heading_level)`` for the text of *node*, one block element a line.

    ``heading_level`` is 1–6 for ``<h1>``–``<h6>``, 0 otherwise. *drop* skips subtrees.
    """
    out: list[tuple[str, int]] = []
    buf: list[str] = []
    level = [0]

    def flush():
        text = re.sub(r"[ \t\r\n]+", " ", unescape("".join(buf))).strip()
        if text:
            out.append((text, level[0]))
        buf.clear()
        level[0] = 0

    def walk(n: Node):
        for c in n.children:
            if isinstance(c, str):
                buf.append(c)
                continue
            if c.tag in SKIP or drop(c):
                continue
            if c.tag in BLOCK:
                flush()
                if c.tag in HEADINGS:
                    level[0] = HEADINGS[c.tag]
                walk(c)
                flush()
            elif c.tag in ("td", "th"):
                walk(c)
                buf.append(" ")
            else:
                walk(c)

    walk(node)
    flush()
    return out


def han_count(s: str) -> int:
    return len(re.findall(r"[\u4e00-\u9fff]", s))
