"""indicators.series: a target beside its result, year by year."""

from __future__ import annotations

import pandas as pd
import pytest

from datong_lib import load_report
from datong_lib.indicators.series import COLUMNS, judge, series


def national(year: int, body: str):
    head = f"{year}年政府工作报告\n——{year}年3月5日在第十届全国人民代表大会第一次会议上\n国务院总理 某某\n"
    return load_report(text=head + body)


def test_series_pairs_targets_with_the_next_reports_results():
    reps = [
        national(2030, "一、2029年工作回顾\n国内生产总值增长5.1%。\n二、2030年政府工作任务\n"
                       "今年发展主要预期目标是：国内生产总值增长5%左右。"),
        national(2031, "一、2030年工作回顾\n国内生产总值增长4.6%。\n二、2031年政府工作任务\n"
                       "今年发展主要预期目标是：经济增长预期目标为4.5%—5%。"),
    ]
    table = series("gdp", reports=reps)
    assert list(table.columns) == COLUMNS
    s = table.set_index("year")
    assert s.loc[2029, "verdict"] == "no_target" and s.loc[2029, "actual"] == 5.1
    assert (s.loc[2030, "target"], s.loc[2030, "target_qualifier"], s.loc[2030, "actual"]) == (5.0, "approx", 4.6)
    assert s.loc[2030, "verdict"] == "missed"
    assert (s.loc[2031, "target"], s.loc[2031, "target_high"], s.loc[2031, "verdict"]) == (4.5, 5.0, "no_result")
    src = s.loc[2030, "target_source"]
    start, end = (int(x) for x in src.rsplit(":", 1)[1].split("-"))
    assert reps[0].text[start:end] == "5%左右"


def test_a_year_without_a_target_has_none():
    reps = [national(2040, "一、2039年工作回顾\n国内生产总值增长6%。\n二、2040年政府工作任务\n今年不提出经济增长具体目标。")]
    s = series("gdp", reports=reps)
    assert s["year"].tolist() == [2039] and s["verdict"].tolist() == ["no_target"]
    assert s["year"].dtype == "Int64"


def test_other_places_are_left_out():
    rep = load_report(text="一、2024年工作回顾\n地区生产总值增长5%。", metadata={"place": "某市", "report_year": 2025})
    assert series("gdp", reports=[rep]).empty


@pytest.mark.parametrize("actual, low, high, qual, better, verdict", [
    (6.7, 6.5, 7.0, "", "higher", "met"), (6.4, 6.5, 7.0, "", "higher", "missed"),
    (7.4, 7.5, None, "approx", "higher", "met"), (7.2, 7.5, None, "approx", "higher", "missed"),
    (5.6, 5.5, None, "at_most", "lower", "missed"), (2.1, 3.0, None, "approx", "band", "missed"),
])
def test_judging_ranges_and_approximate_targets(actual, low, high, qual, better, verdict):
    assert judge(actual, low, high, qual, better) == verdict


def test_bundled_national_reports_give_a_verdict_for_2016():
    s = series("gdp", reports=["national_2016.txt", "national_2017.txt", "national_2022.txt"]).set_index("year")
    assert s.loc[2016, "verdict"] == "met"
    assert pd.isna(s.loc[2015, "target"])
