"""Every figure in a table links to its sentence: the registry, the links, the appendix."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import datong_lib as dl
from datong_lib.present import html as phtml
from datong_lib.present import sources as src


@pytest.fixture(autouse=True)
def _fresh():
    src.reset_sources()
    yield
    src.reset_sources()


@pytest.fixture(scope="module")
def rep():
    return dl.load_report()


def _tourism(rep):
    ind = dl.report_indicators(rep)
    return dl.present.display_indicators(ind[ind["sector"] == "tourism"].reset_index(drop=True))


def test_cells_link_to_numbered_sources_and_appendix_links_back(rep):
    t = _tourism(rep)
    block = phtml.show_table(t, columns={"name_zh": "指标", "shown": "数值"}, sources="shown")
    links = re.findall(r'<a class="src-ref" id="(ref-\d+-\d+)" href="#(src-\d+)">([^<]*)<sup>(\d+)</sup></a>', block.markup)
    assert len(links) == len(t)
    numbers = [int(n) for *_, n in links]
    assert sorted(set(numbers)) == list(range(1, max(numbers) + 1)) == sorted(dict.fromkeys(numbers))  # in order
    assert len(set(numbers)) < len(numbers)  # figures quoted together share their sentence
    appendix = dl.present.sources_appendix(rep).markup
    assert '<h2 id="sources">原文出处 Sources</h2>' in appendix
    for ref, target, _, _ in links:
        assert f'<li id="{target}">' in appendix and f'href="#{ref}"' in appendix
    visitors = [li for li in re.findall(r'<li id="src-\d+">.*?</li>', appendix) if "<mark>1718.7万人次</mark>" in li]
    assert len(visitors) == 1
    visitors = visitors[0]
    assert visitors.count("<mark>") == 2  # 6家 and 1718.7万人次 share their quote: both marked
    assert "2024年工作回顾 › 大同文旅品牌叫响全国" in visitors  # the section path
    assert "第" not in visitors  # the Markdown report has no pages


def test_the_same_quote_keeps_its_number_and_gains_a_back_link(rep):
    t = _tourism(rep).head(1)
    first = phtml.show_table(t, columns={"shown": "v"}, sources="shown").markup
    again = phtml.show_table(t, columns={"shown": "v"}, sources="shown").markup
    assert 'id="ref-1-1" href="#src-1"' in first and 'id="ref-1-2" href="#src-1"' in again
    appendix = dl.present.sources_appendix(rep).markup
    assert appendix.count("<li id=") == 1 and 'href="#ref-1-2"' in appendix


def test_sources_from_other_rows_and_the_page_of_a_pdf_report(rep):
    ind = dl.report_indicators(rep)
    tvr = dl.indicators.targets_frame(ind)
    t = tvr.assign(r=dl.present.sources_for(ind, tvr["result_id"]), t=dl.present.sources_for(ind, tvr["target_id"]))
    block = phtml.show_table(t, columns={"name_zh": "指标", "result": "结果", "target": "目标"},
                             sources={"result": "r", "target": "t"})
    assert block.markup.count('class="src-ref"') >= len(t)
    assert "结果 ref" in block.payload["columns"] and "目标 quote" in block.payload["columns"]

    class Paged:  # a report read from PDF: its sentences carry a page
        text = rep.text
        sentences = rep.sentences.assign(page=[3] * len(rep.sentences))

    assert '<span class="src-page">第 3 页 p. 3</span>' in dl.present.sources_appendix(Paged).markup


def test_report_text_is_escaped_in_cells_links_and_appendix():
    bad = "<script>alert(1)</script>增长5%<img src=x onerror=alert(1)>"
    df = pd.DataFrame({"name": ["<b>x</b>"], "shown": ["5%"], "source_quote": [bad], "section": ['A"><svg onload=1> > B']})
    block = phtml.show_table(df, sources="shown")
    appendix = dl.present.sources_appendix().markup
    for markup in (block.markup, appendix):
        assert "<script>" not in markup and "<img" not in markup and "<svg" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;增长<mark>5%</mark>&lt;img" in appendix


def test_table_payload_carries_rows_as_shown_with_quote_and_offsets(rep):
    t = _tourism(rep)
    block = phtml.show_table(t, columns={"name_zh": "指标", "year": "年份", "shown": "数值"}, sources="shown", caption="c")
    bundle = block._repr_mimebundle_()
    assert set(bundle) == {"text/html", phtml.TABLE_MIME}
    payload = bundle[phtml.TABLE_MIME]
    assert payload["columns"][:3] == ["指标", "年份", "数值"] and payload["caption"] == "c"
    row = dict(zip(payload["columns"], payload["rows"][2]))
    assert row["数值"] == "1718.7万人次" and rep.text[row["start"]:row["end"]] == row["quote"]
    assert isinstance(row["年份"], int)


def test_no_sources_no_appendix_and_plain_tables_stay_plain():
    block = phtml.show_table(pd.DataFrame({"a": [1]}))
    assert "src-ref" not in block.markup
    assert dl.present.sources_appendix() is None


def test_the_build_reads_the_same_mime_types_as_present():
    from datong_lib.publish import export

    assert export.TABLE_MIME == phtml.TABLE_MIME and export.SOURCES_MIME == src.SOURCES_MIME
