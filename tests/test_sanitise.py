"""Notebook outputs through the sanitiser, and the Content-Security-Policy every page carries."""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).parent))
import buildkit  # noqa: E402

from datong_lib.publish import html as htmlmod  # noqa: E402
from datong_lib.publish.html import clean_html  # noqa: E402
from datong_lib.publish.index import render_index  # noqa: E402

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


@pytest.mark.parametrize("fragment, expected", [
    ("<script>alert(1)</script>ok", "ok"),  # the script's text goes too
    ("<SCRIPT SRC=//x.js></SCRIPT>ok", "ok"),
    ("<style>body{display:none}</style>ok", "ok"),
    ("<iframe src=//x>inner</iframe>ok", "ok"),
    ("<object data=x>o</object><embed src=x>ok", "ok"),
    ("<img src=x onerror=alert(1)>", "<img>"),
    ('<img src="data:image/png;base64,AAAA" alt="c">', '<img src="data:image/png;base64,AAAA" alt="c">'),
    ('<img src="data:text/html,x">', "<img>"),
    ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
    ('<a href="data:text/html,x">x</a>', '<a rel="noopener noreferrer">x</a>'),
    ('<a href="#sec-1">x</a>', '<a href="#sec-1" rel="noopener noreferrer">x</a>'),
    ("<svg onload=alert(1)><circle/></svg>s", "s"),
    ('<p id="a" title="t" lang="zh" onclick="x" style="position:fixed">p</p>', '<p id="a" title="t" lang="zh">p</p>'),
    ("<!-- note --><b>b</b>", "<b>b</b>"),
    ('<table class="dataframe" border="1"><tr><th scope="col">指标</th><td colspan="2">5.5%</td></tr></table>',
     '<table class="dataframe"><tbody><tr><th scope="col">指标</th><td colspan="2">5.5%</td></tr></tbody></table>'),
    ("<form action=//x><input name=q></form>f", "f"),
    ("<base href=//x><meta http-equiv=refresh content='0;url=//x'>m", "m"),
])
def test_sanitiser_keeps_the_allow_lists(fragment, expected):
    assert clean_html(fragment) == expected


def test_sanitiser_is_nh3_not_bleach(monkeypatch):
    monkeypatch.setitem(sys.modules, "bleach", None)  # as if nbconvert had dropped it
    assert clean_html("<b onclick=x>ok</b>") == "<b>ok</b>"
    assert "bleach" not in Path(htmlmod.__file__).read_text(encoding="utf-8")


class _Metas(HTMLParser):
    def __init__(self):
        super().__init__()
        self.metas: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            self.metas.append(dict(attrs))


def _csp_first(page: str) -> None:
    parser = _Metas()
    parser.feed(page.split("</head>", 1)[0])
    assert parser.metas[:2] == [{"charset": "utf-8"}, {"http-equiv": "Content-Security-Policy", "content": CSP}]
    assert page.count("Content-Security-Policy") == 1


def test_index_carries_the_policy(tmp_path):
    _csp_first(render_index({"briefings": {}}, reports_dir=tmp_path))


def test_briefing_carries_the_policy():
    pytest.importorskip("nbconvert")
    nb = buildkit.briefing_notebook("print('x')\n")
    page = htmlmod.render(nb, title="t", footer={"report": "r.md", "report_title": None, "built_at": "now",
                                                 "inputs_hash": "h"})
    _csp_first(page)



def test_heading_anchors_are_closed_so_the_page_is_not_one_link():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 标题 Title\n\n正文 body"),
                                         nbformat.v4.new_markdown_cell("## 第二节 Second")])
    page = htmlmod.render(nb, title="t", footer={"report": "r.md", "report_title": None, "built_at": "now",
                                                 "inputs_hash": "h"})
    # Every <a> is closed: an unclosed heading anchor would swallow the rest of the page.
    assert page.count("<a ") + page.count("<a>") == page.count("</a>")
    assert not __import__("re").search(r"<a\b[^>]*/>", page)
