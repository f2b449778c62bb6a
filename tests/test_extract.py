"""Tests for the indicator extractor: schema, the issue's cases, non-figures, scores."""

from __future__ import annotations

import importlib.util
import math

import pandas as pd
import pytest

from datong_lib import load_report
from datong_lib.figures.extractor import COLUMNS, extract
from datong_lib.figures.vocab import KINDS, METRICS, QUALIFIERS

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def datong():
    return load_report()


@pytest.fixture(scope="module")
def figs(datong):
    return extract(datong)


def one(df: pd.DataFrame, text: str, n: int = 0) -> pd.Series:
    hit = df[df["text"] == text]
    assert len(hit) > n, f"{text!r} not extracted; got {df['text'].tolist()}"
    return hit.iloc[n]


def run(text: str, **meta) -> pd.DataFrame:
    meta = {"report_year": 2017, "reviewed_year": 2016, **meta}
    return extract(load_report(text=text, metadata=meta))


# ---- schema ---------------------------------------------------------------

def test_columns_and_dtypes(figs):
    assert list(figs.columns) == COLUMNS
    for col in ("value", "value_high", "base_value"):
        assert figs[col].dtype == "float64"
    assert figs["year"].dtype == "Int64"  # a year or NA, never 0
    for col in ("start", "end"):
        assert figs[col].dtype == "int64"
    assert list(figs["metric"].cat.categories) == METRICS
    assert list(figs["qualifier"].cat.categories) == QUALIFIERS
    assert list(figs["kind"].cat.categories) == KINDS
    assert figs.drop(columns="value_high").notna().all().all()


def test_offsets_round_trip(datong, figs):
    for row in figs.itertuples():
        assert datong.text[row.start:row.end] == row.text
        assert row.text in row.sentence


def test_accepts_plain_string():
    df = extract("一、2024年工作回顾\n全市新增就业5.27万人。")
    assert df["text"].tolist() == ["5.27万人"]


def test_national_offsets_round_trip():
    r = load_report("national_2016.txt")
    df = extract(r)
    assert len(df) > 100
    assert all(r.text[s:e] == t for s, e, t in zip(df["start"], df["end"], df["text"]))


# ---- cases from the issue ---------------------------------------------------

def test_level_with_base_value(figs):
    row = one(figs, "1755万千瓦")
    assert (row.value, row.unit, row.base_value, row.base_unit) == (1755.0, "万千瓦", 17_550_000.0, "千瓦")
    assert row.metric == "level" and row.year == 2024 and row.kind == "actual"


def test_respectively_distributes_subjects(figs):
    assert "游客" in one(figs, "107.78%").subject
    assert one(figs, "35.29%").subject == "门票收入"
    assert one(figs, "4.9%").subject.startswith("城镇")
    assert one(figs, "7.3%").subject.startswith("农村")
    assert one(figs, "107.78%").metric == "growth"


@pytest.mark.parametrize("text, qualifier", [
    ("5.5%左右", "approx"), ("6.4%以上", "at_least"), ("40亿元", "over"),
    ("4个百分点", "nearly"), ("1.5亿吨以上", "at_least"), ("26.1亿斤以上", "at_least"),
])
def test_qualifiers(figs, text, qualifier):
    assert one(figs, text).qualifier == qualifier


def test_streak_rank_ratio(figs):
    row = one(figs, "十五连丰")
    assert (row.value, row.metric) == (15.0, "streak")
    ranks = figs[figs["metric"] == "rank"]
    assert set(ranks["scope"]) == {"全省"}
    assert one(figs, "全省排名第二").value == 2.0
    assert (figs["text"] == "全省第一").sum() >= 4  # 装机规模, 3项指标, 位居, 生态指标
    row = one(figs, "119.75%")
    assert row.metric == "ratio_to_target"
    row = one(figs, "4个百分点")  # 高于全省近4个百分点: a gap to the province (issue 12)
    assert (row.metric, row.scope, row.qualifier) == ("gap", "全省", "nearly")
    assert one(figs, "54%").metric == "share"


def test_range_and_counts(figs):
    row = one(figs, "1—2个")
    assert (row.value, row.value_high, row.metric) == (1.0, 2.0, "count")
    assert one(figs, "3亿元").base_value == 3e8
    assert one(figs, "1000张").metric == "count"


def test_datong_years_and_kinds(figs):
    assert one(figs, "5.5%左右").year == 2025 and one(figs, "5.5%左右").kind == "target"
    assert one(figs, "2.5%").year == 2024 and one(figs, "2.5%").kind == "actual"
    assert one(figs, "1000张").kind == "target"


@pytest.mark.parametrize("name", [
    "PM2.5", "十四五", "十五五", "二十届", "十六届", "四大赛道", "一谷三园", "三大平台", "千万工程",
    "四乱", "四下基层", "八项规定", "第一方阵", "12345", "5G", "2024年", "2025年", "3月5日", "第十二届",
])
def test_names_are_not_figures(figs, name):
    assert not figs["text"].str.contains(name, regex=False).any()


def test_non_figures_in_other_text():
    df = run("三、2017年重点工作任务\n建设5G网络，开通12345热线，细颗粒物(PM2.5)浓度下降3%，2017年3月5日召开第十二届会议，"
             "落实八项规定，《中国制造2025》，成立95周年，7年来最低。")
    assert df["text"].tolist() == ["3%"]


def test_ranges_and_negative_growth():
    df = run("二、2017年工作总体部署\n今年发展的主要预期目标是：国内生产总值增长6.5%-7%，城镇登记失业率4.5%—5%，"
             "培育2—3家龙头企业，单位国内生产总值能耗下降1.1%。")
    row = one(df, "6.5%-7%")
    assert (row.value, row.value_high, row.metric, row.year, row.kind) == (6.5, 7.0, "growth", 2017, "target")
    assert one(df, "4.5%—5%").value_high == 5.0
    assert one(df, "2—3家").unit == "家"
    row = one(df, "1.1%")
    assert (row.value, row.metric, row.direction) == (1.1, "growth", "down")


def test_from_decline_to_growth():
    df = run("一、2016年工作回顾\n工业企业利润由上年下降2.3%转为增长8.5%。")
    a, b = one(df, "2.3%"), one(df, "8.5%")
    assert (a.direction, a.year, b.direction, b.year) == ("down", 2015, "up", 2016)


def test_multiples_and_shared_unit():
    df = run("二、2017年工作总体部署\n居民收入增长近一倍，国内生产总值比2010年翻一番。两项比重分别提高3.4个、1个百分点。")
    row = one(df, "一倍")
    assert (row.value, row.qualifier, row.unit) == (1.0, "nearly", "倍")
    row = one(df, "翻一番")
    assert (row.metric, row.base_value, row.base_unit) == ("multiple", 2.0, "倍")
    assert one(df, "3.4个").unit == "个百分点"
    assert one(df, "3.4个").metric == "pp" and one(df, "1个百分点").metric == "pp"


def test_traditional_and_ascii_punctuation():
    df = run("一、2016年工作回顧\n全市地區生產總值達到1,234.5億元,增長5.2%;接待遊客3200萬人次。")
    row = one(df, "1,234.5億元")
    assert (row.value, row.unit, row.base_value) == (1234.5, "亿元", 1.2345e11)
    assert one(df, "3200萬人次").unit == "万人次"
    assert one(df, "5.2%").metric == "growth"
    assert "地區生產總值" in row.subject  # the report's own words


def test_plan_figures():
    df = run("二、“十三五”时期主要目标任务\n“十三五”时期经济年均增长保持在6.5%以上，到2020年常住人口城镇化率达到60%。")
    row = one(df, "6.5%以上")
    assert (row.metric, row.kind, row.year, row.period) == ("growth", "plan", 2020, "2016-2020")
    assert one(df, "60%").kind == "plan"


# ---- national headline targets and results ----------------------------------------

def _pick(df, subject, kind, year, metric=None):
    hit = df[df["subject"].str.contains(subject) & (df["kind"] == kind) & (df["year"] == year)]
    if metric:
        hit = hit[hit["metric"] == metric]
    assert not hit.empty, f"no {kind} {year} figure for {subject}"
    return hit.iloc[0]


@pytest.mark.parametrize("name, year, gdp, jobs, cpi, unemp", [
    ("national_2016.txt", 2016, (6.5, 7.0, ""), 1000.0, 3.0, 4.5),
    ("national_2017.txt", 2017, (6.5, math.nan, "approx"), 1100.0, 3.0, 4.5),
    ("national_2022.txt", 2022, (5.5, math.nan, "approx"), 1100.0, 3.0, 5.5),
])
def test_national_headline_targets(name, year, gdp, jobs, cpi, unemp):
    df = extract(load_report(name))
    targets = df[df["sentence"].str.contains("主要预期目标")]
    g = _pick(targets, "国内生产总值", "target", year, "growth")
    assert g.value == gdp[0] and g.qualifier == gdp[2]
    assert (math.isnan(g.value_high) and math.isnan(gdp[1])) or g.value_high == gdp[1]
    j = _pick(targets, "城镇新增就业", "target", year)
    assert (j.value, j.unit, j.qualifier) == (jobs, "万人", "at_least")
    c = _pick(targets, "居民消费价格", "target", year)
    assert (c.value, c.metric, c.qualifier) == (cpi, "growth", "approx")
    u = _pick(targets, "失业率", "target", year)
    assert (u.value, u.qualifier) == (unemp, "at_most")


@pytest.mark.parametrize("name, year, gdp", [
    ("national_2016.txt", 2015, 6.9), ("national_2017.txt", 2016, 6.7), ("national_2022.txt", 2021, 8.1),
])
def test_national_results(name, year, gdp):
    df = extract(load_report(name))
    growth = df[(df["metric"] == "growth") & (df["kind"] == "actual") & (df["year"] == year)]
    assert gdp in growth["value"].tolist()


# ---- score against the gold tables -------------------------------------------

def _scorer():
    spec = importlib.util.spec_from_file_location("score_extractor", ROOT / "scripts" / "score_extractor.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_datong_gold_score():
    s = _scorer().score("datong_2025_report")
    for key in ("value_unit_precision", "value_unit_recall", "full_precision", "full_recall"):
        assert s[key] >= 0.98, (key, s["misses"], s["false_positives"])


def test_national_gold_score():
    s = _scorer().score("national_2017")
    assert s["value_unit_precision"] >= 0.95 and s["value_unit_recall"] >= 0.95
    assert s["full_recall"] >= 0.9


def test_rate_after_a_level_takes_the_level_subject():
    df = extract("一、2016年工作回顾\n国内生产总值达到74.4万亿元，增长6.7%。")
    assert df["subject"].tolist() == ["国内生产总值", "国内生产总值"]
    assert df.loc[1, "metric"] == "growth"


def test_bare_average_growth_is_marked_as_multi_year():
    df = extract("一、2015年工作回顾\n国内生产总值年均增长7.8%，经济总量稳居世界第二位。").set_index("text")
    assert df.loc["7.8%", "period"] == "2011-2015"  # no span named: the five years to the reviewed one
    assert df.loc["世界第二位", "period"] == ""


def test_traditional_subject_is_matched_in_simplified_and_kept_as_written():
    df = extract("一、2023年工作回顧\n城鎮調查失業率平均為5.2%，財政收入增長6.4%。")
    assert df["subject"].tolist()[0] == "城鎮調查失業率"
    assert df["metric"].tolist() == ["share", "growth"]
