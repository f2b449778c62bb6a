"""The national series briefing's building blocks: table, chart, quotes and headlines."""

from __future__ import annotations

import pytest

from datong_lib import present as dp


@pytest.fixture(scope="module")
def panels():
    return dp.target_series("gdp:growth,urban_new_jobs:level")


def test_panels_carry_the_name_and_unit_the_reports_write(panels):
    gdp, jobs = panels
    assert (gdp.key, gdp.metric, gdp.name_zh, gdp.unit) == ("gdp", "growth", "国内生产总值", "%")
    assert jobs.unit == "万人" and jobs.name_zh == "城镇新增就业"


def test_table_writes_targets_as_the_reports_do_and_says_why_a_cell_is_empty(panels):
    t = dp.target_series_table(panels[0]).set_index("year")
    assert t.loc["2016", "target"] == "6.5—7%" and t.loc["2016", "actual"] == "6.7%"
    assert t.loc["2016", "verdict"] == "达到目标"
    assert t.loc["2022", "verdict"] == "未达到目标"
    assert t.loc["2013", "verdict"] == "无当年报告"  # no 2013 report is bundled
    assert t.loc["2025", "verdict"] == "尚无结果"
    assert t.loc["2016", "target_source"] == "national_2016.txt"


def test_every_point_has_its_sentence(panels):
    gdp = panels[0]
    quotes = dp.target_series_quotes(gdp)
    points = int(gdp.frame["target"].notna().sum() + gdp.frame["actual"].notna().sum())
    assert len(quotes) == points
    for label, sentence, figure in quotes:
        assert figure and figure in sentence, label


def test_chart_and_headlines(panels):
    import matplotlib.pyplot as plt

    dp.set_theme()
    fig = dp.target_series_chart(panels[0])
    assert fig is not None and fig.axes[0].get_title(loc="left") == "国内生产总值：目标与实际"
    plt.close(fig)
    heads = dp.target_series_headlines(panels)
    assert 2 <= len(heads) <= 3
    assert heads[0]["label"] == "国内生产总值目标达到"
