"""The index page groups briefings by report, comparisons apart."""

from __future__ import annotations

from datong_lib.publish.index import render_index
from datong_lib.publish.inputs import report_title as _report_title
from datong_lib import config


def test_comparisons_get_their_own_group(tmp_path):
    manifest = {"briefings": {
        "overview": {"status": "ok", "title": "报告概览", "report": "datong_2025_report.md",
                     "report_title": "大同市 2025年政府工作报告"},
        "compare_national": {"status": "ok", "title": "全国比较", "report": None},
    }}
    html = render_index(manifest, reports_dir=tmp_path)
    assert "跨报告比较 Comparisons across reports" in html
    assert "大同市 2025年政府工作报告" in html
    assert html.index("全国比较") != html.index("报告概览")


def test_report_titles_come_from_sidecar_or_opening_lines():
    assert _report_title(config.DEFAULT_REPORT).startswith("大同市 2025年政府工作报告：干字当头")
    assert _report_title(config.RAW_DIR / "national_2016.txt") == "全国 2016年政府工作报告"
    assert _report_title(None) is None


def test_briefings_are_listed_in_reading_order(tmp_path):
    sectors = {"macro": {"name_zh": "宏观经济"}, "energy": {"name_zh": "能源"}, "tourism": {"name_zh": "文化旅游"}}
    manifest = {"briefings": {
        "sector_tourism": {"status": "ok", "title": "T", "notebook": "02_sector_briefing.ipynb", "sector": "tourism"},
        "targets": {"status": "ok", "title": "G", "notebook": "03_targets.ipynb"},
        "sector_energy": {"status": "ok", "title": "E", "notebook": "02_sector_briefing.ipynb", "sector": "energy"},
        "overview": {"status": "ok", "title": "O", "notebook": "01_overview.ipynb"},
    }}
    html = render_index(manifest, reports_dir=tmp_path, sectors=sectors)
    spots = [html.index(f'id="b-{s}"') for s in ("overview", "sector_energy", "sector_tourism", "targets")]
    assert spots == sorted(spots)
