"""What travels with a briefing: its data file (xlsx), its PDF, and the links to both."""

from __future__ import annotations

import functools
import io
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).parent))
import buildkit  # noqa: E402

from datong_lib import cli  # noqa: E402
from datong_lib.publish import cache, export, runner  # noqa: E402
from datong_lib.publish import html as bhtml  # noqa: E402
from datong_lib.publish.index import render_index  # noqa: E402


def _notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    table = {"caption": "", "columns": ["指标", "数值", "ref", "quote", "start", "end", "section", "page"],
             "rows": [["接待游客", "1718.7万人次", 1, "接待游客1718.7万人次", 10, 24, "回顾", None]]}
    other = {"caption": "由完成率推算: [上年]/目标?", "columns": ["a"], "rows": [[1], [2.5]]}
    sources = {"sources": [{"ref": 1, "sentence": "全年接待游客1718.7万人次。", "figure": "1718.7万人次",
                            "quote": "接待游客1718.7万人次", "section": "回顾", "page": None, "start": 10, "end": 24}]}
    out = nbformat.v4.new_output
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 简报\n\n## 指标与原文 Indicators and their sources"),
        nbformat.v4.new_code_cell(outputs=[out("display_data", data={"text/html": "<table></table>",
                                                                     export.TABLE_MIME: table})]),
        nbformat.v4.new_markdown_cell("## 推算 Derived"),
        nbformat.v4.new_code_cell(outputs=[out("display_data", data={"text/html": "<table></table>", export.TABLE_MIME: other}),
                                           out("display_data", data={"text/html": '<ol class="sources"></ol>',
                                                                     export.SOURCES_MIME: json.dumps(sources)})]),
    ]
    return nb


def test_data_file_has_a_sheet_per_table_and_the_sources():
    from openpyxl import load_workbook

    tables, sources = export.read_tables(_notebook())
    assert [t["heading"] for t in tables] == ["指标与原文 Indicators and their sources", "推算 Derived"]
    wb = load_workbook(io.BytesIO(export.workbook_bytes(tables, sources)))
    assert wb.sheetnames == ["1 指标与原文 Indicators and their", "2 由完成率推算 上年 目标", "3 原文出处 Sources"]
    first = [[c.value for c in row] for row in wb.worksheets[0].iter_rows()]
    assert first[0] == ["指标", "数值", "ref", "quote", "start", "end", "section"]  # no pages: no page column
    assert first[1] == ["接待游客", "1718.7万人次", 1, "接待游客1718.7万人次", 10, 24, "回顾"]
    assert [c.value for c in wb.worksheets[1]["A"]] == ["a", 1, 2.5]
    assert wb.worksheets[2]["B2"].value == "全年接待游客1718.7万人次。"


def test_export_leaves_the_data_outputs_out_of_the_page_and_links_the_data_file():
    nb = _notebook()
    kept = bhtml.prepare(nb)
    for cell in kept.cells:
        for out in cell.get("outputs", []):
            assert export.TABLE_MIME not in out["data"] and export.SOURCES_MIME not in out["data"]
            assert "text/html" in out["data"]
    assert export.data_href(nb, "sector_tourism") == "sector_tourism.xlsx"
    assert export.data_href(nbformat.v4.new_notebook(), "x") is None


def test_in_page_anchors_survive_the_sanitiser():
    markup = ('<a class="src-ref" id="ref-3-1" href="#src-3">1718.7万人次<sup>3</sup></a>'
              '<h2 id="sources">原文出处</h2><ol class="sources"><li id="src-3"><a class="src-back" href="#ref-3-1">↩</a></li></ol>')
    clean = bhtml.clean_html(markup)
    for kept in ('id="ref-3-1"', 'href="#src-3"', 'id="src-3"', 'href="#ref-3-1"', 'id="sources"', "<sup>3</sup>"):
        assert kept in clean


def test_print_copy_inlines_the_font_and_puts_title_and_page_numbers_in_the_margins():
    page = ('<html><head><title>文旅 &lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt; "x"</title></head>'
            '<body><h1>文旅</h1></body></html>')
    out = export.print_copy(page)
    style = re.search(r'<style media="print">(.*?)</style>', out, re.S).group(1)
    assert "@font-face" in style and "data:font/ttf;base64," in style and 'font-family:"Datong Sans CJK"' in style
    assert "@page{size:A4" in style and "counter(page)" in style and "counter(pages)" in style
    assert "<" not in style and "</style" not in style.lower()  # the title cannot close the element
    assert "文旅 \\3c /style\\3e" in style and "\\22 x\\22 " in style
    assert out.index("<style") < out.index("</head>")
    csp = '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'
    assert "Content-Security-Policy" not in export.print_copy(page.replace("<head>", "<head>" + csp))


def test_index_cards_link_the_pdf_and_data_file_that_exist(tmp_path):
    manifest = {"briefings": {s: {"status": "ok", "title": s, "notebook": "02_sector_briefing.ipynb"}
                              for s in ("sector_tourism", "sector_energy")}}
    for name in ("sector_tourism.html", "sector_tourism.pdf", "sector_tourism.xlsx", "sector_energy.html"):
        (tmp_path / name).write_bytes(b"x")
    page = render_index(manifest, reports_dir=tmp_path)
    tourism = re.search(r'<li class="card" id="b-sector_tourism">.*?</li>', page, re.S).group(0)
    energy = re.search(r'<li class="card" id="b-sector_energy">.*?</li>', page, re.S).group(0)
    assert 'href="sector_tourism.pdf"' in tourism and 'href="sector_tourism.xlsx"' in tourism
    assert ".pdf" not in energy and ".xlsx" not in energy
    manifest["briefings"]["sector_tourism"]["pdf"] = {"file": "sector_tourism.pdf", "html": "old", "stale": True}
    assert "旧版 older" in render_index(manifest, reports_dir=tmp_path)  # a PDF of an earlier HTML says so
    assert "<script" not in page


@pytest.mark.slow
def test_pdf_without_chromium_exits_2_with_the_install_command_and_still_builds(tmp_path, monkeypatch, capsys):
    project = buildkit.make_project(tmp_path / "proj", {"overview": {"notebook": "01_overview.ipynb"}})
    reports = tmp_path / "reports"
    monkeypatch.setattr(cache, "library_digest", lambda *a: "lib")
    monkeypatch.setattr(export, "chromium", lambda: None)
    monkeypatch.setattr(runner, "build", functools.partial(runner.build, project_dir=project, timeout=60))
    code = cli.main(["build", "--pdf", "--quiet", "--reports-dir", str(reports), "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 2
    assert "apt-get install chromium" in err and "Chromium" in err
    assert (reports / "overview.html").is_file() and not list(reports.glob("*.pdf"))
    assert json.loads((reports / "manifest.json").read_text(encoding="utf-8"))["briefings"]["overview"]["status"] == "ok"
