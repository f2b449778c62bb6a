"""Notebook-level analyses on the Datong report and on reports without a curated table."""

from __future__ import annotations

import pandas as pd
import pytest

import datong_lib as dl
from datong_lib import emphasis, present
from datong_lib.tasks import highlights, sector_tasks
from datong_lib.indicators import table


@pytest.fixture(scope="module")
def datong():
    return dl.load_report()


def test_highlights_carry_their_figures(datong):
    h = highlights(datong).set_index("number")
    assert list(h.index) == list("ABCDEFGH")
    assert "1755万千瓦" in h.loc["B", "figures"] and "54%" in h.loc["B", "figures"]
    assert h.loc["C", "n_figures"] == 1  # 30个 (the list the 算力之城 case joined)


@pytest.mark.parametrize(
    "sector, lead",
    [("energy", "强化特色优势产业引领力"), ("livelihood", "大力促进就业创业"), ("safety", "突出守牢安全底线"),
     ("governance", "对党忠诚刻在心底")],
)
def test_sector_tasks_find_the_sector_paragraphs(datong, sector, lead):
    tasks = sector_tasks(datong, sector)
    assert lead in set(tasks["lead"]) | set(tasks["group"])
    assert (tasks["keywords"] != "").any()


def test_sector_tasks_reject_an_unknown_sector(datong):
    with pytest.raises(dl.errors.ParameterError, match="did you mean 'tourism'"):
        sector_tasks(datong, "turism")


def test_sector_overview_covers_every_sector_with_counts(datong):
    ov = emphasis.sector_overview(datong)
    assert set(ov["slug"]) == set(dl.sectors.sector_names())
    assert ov.set_index("slug").loc["tourism", "n_indicators"] == 6
    assert 0.9 < ov["share"].sum() <= 1.0


def test_display_indicators_write_values_as_the_report_does():
    shown = present.display_indicators(dl.load_indicators()).set_index("id")["shown"]
    assert shown["gdp_growth_2025"] == "5.5%左右"
    assert shown["grain_output_2025"] == "26.1亿斤以上"
    assert shown["renewable_share_gap_2024"] == "近4个百分点"
    assert shown["urban_jobs_rank_2024"] == "全省第一"
    assert shown["grain_harvest_streak_2024"] == "十五连丰"
    assert shown["county_leading_industries_2025"] == "1—2个"


def test_curated_table_is_used_for_the_bundled_report(datong):
    ind = table.report_indicators(datong)
    assert (ind["source"] == "curated").all() and len(ind) == len(dl.load_indicators())


@pytest.mark.parametrize(
    "name, reviewed, result, target, qualifier",
    [("national_2016", 2015, 6.9, 6.5, ""), ("national_2017", 2016, 6.7, 6.5, "approx"),
     ("national_2022", 2021, 8.1, 5.5, "approx")],
)
def test_other_reports_pair_gdp_target_with_result(name, reviewed, result, target, qualifier):
    ind = table.report_indicators(dl.load_report(name))
    assert (ind["source"] == "extracted").all()
    t = table.targets_frame(ind).set_index("concept").loc["gdp_growth"]
    assert (float(t["result"]), float(t["target"]), t["target_qualifier"]) == (result, target, qualifier)
    assert int(t["result_year"]) == reviewed and int(t["target_year"]) == reviewed + 1
    assert t["name_zh"] == "国内生产总值增长"


def test_unmatched_extracted_figures_pair_with_nothing():
    ind = table.report_indicators(dl.load_report("national_2017"))
    t = table.targets_frame(ind)
    assert t["concept"].str.startswith("fig_").sum() == 0
    assert {"gdp_growth", "cpi_growth", "urban_new_jobs_level"} <= set(t["concept"])


def test_derived_estimates_are_rounded_to_their_inputs():
    d = present.display_derived(dl.derived_measures()).set_index("name_zh")["shown"]
    assert d["接待游客（2023年，推算）"] == "827.2万人次"
    assert d["城镇新增就业年度目标（推算）"] == "4.40万人"


def test_targets_frame_of_an_empty_table_is_empty():
    assert table.targets_frame(pd.DataFrame()).empty
