"""Numbers as reports write them: full-width, spaced, Chinese numerals, ranges, ratios, gaps."""

from __future__ import annotations

import math

import pytest

from datong_lib import load_report
from datong_lib.figures.extractor import extract
from datong_lib.figures.numerals import compact, to_original

HEAD = "一、2024年工作回顾\n"


def rows(text):
    return extract(HEAD + text).set_index("text")


@pytest.mark.parametrize("written, value, unit", [
    ("百分之十三点四", 13.4, "%"), ("百分之九", 9.0, "%"), ("两千万人", 2000.0, "万人"),
    ("千亿元以上", 1000.0, "亿元"), ("３万亿元", 3.0, "万亿元"), ("４５６４亿公斤", 4564.0, "亿公斤"),
    ("一半", 50.0, "%"), ("三分之一", 33.33, "%"), ("两倍多", 2.0, "倍"), ("十方面", 10.0, "方面"),
    ("36微克/立方米", 36.0, "微克/立方米"), ("832万辆次", 832.0, "万辆次"),
])
def test_values_and_units(written, value, unit):
    df = rows(f"某项指标达到{written}，继续推进。")
    r = df.loc[written]
    assert (round(float(r.value), 2), r.unit) == (value, unit)


def test_spaced_digits_keep_the_published_text_and_offsets():
    report = load_report(text=HEAD + "国内生产总值增长8 ．8 ％，达到7 4 7 7 2 亿元。")
    df = extract(report)
    assert df["text"].tolist() == ["8 ．8 ％", "7 4 7 7 2 亿元"]
    assert df["value"].tolist() == [8.8, 74772.0]
    for r in df.itertuples():
        assert report.text[r.start:r.end] == r.text


def test_spaced_year_is_not_a_figure():
    assert extract(HEAD + "1 9 9 3 年3 月，粮食增产5%。")["text"].tolist() == ["5%"]


def test_compact_offset_map_is_documented_behaviour():
    c, pos = compact("长8 .8 %")
    assert c == "长8.8%" and to_original(pos, 1, 5) == (1, 7)


@pytest.mark.parametrize("written, low, high", [
    ("4.5%—5%", 4.5, 5.0), ("5%－5.5%", 5.0, 5.5), ("6%～6.5%", 6.0, 6.5), ("6%-6.5%", 6.0, 6.5),
    ("3至5个", 3.0, 5.0), ("百分之八至百分之九", 8.0, 9.0),
])
def test_ranges(written, low, high):
    df = extract("二、2025年工作任务\n力争某项指标增长" + written + "。")
    r = df.iloc[0]
    assert (r.value, r.value_high) == (low, high)


def test_doubling_and_multiples():
    df = rows("城乡居民收入比2010年翻一番，出口额增长1.71倍，产值翻番。")
    assert (df.loc["翻一番", "metric"], df.loc["翻一番", "base_value"]) == ("multiple", 2.0)
    assert df.loc["1.71倍", "metric"] == "growth"
    assert df.loc["翻番", "value"] == 1.0


def test_gap_to_a_benchmark_is_not_a_growth_rate():
    df = rows("地区生产总值增长4.7%、低于全国0.3个百分点，工业增加值增长6.7%、高于全国0.8个百分点。")
    low, high = df.loc["0.3个百分点"], df.loc["0.8个百分点"]
    assert (low.metric, low.scope, low.direction, low.subject) == ("gap", "全国", "down", "地区生产总值")
    assert (high.metric, high.scope, high.direction, high.subject) == ("gap", "全国", "up", "工业增加值")
    assert df.loc["4.7%", "metric"] == "growth"


def test_ratio_of_three_sectors():
    df = extract(HEAD + "三次产业结构调整为3.6:48:48.4。")
    assert df["value"].tolist() == [3.6, 48.0, 48.4]
    assert df["unit"].tolist() == ["", "", ""]
    assert df["subject"].tolist() == ["第一产业比重", "第二产业比重", "第三产业比重"]


@pytest.mark.parametrize("sentence, text, qualifier", [
    ("城镇调查失业率5.5%左右。", "5.5%左右", "approx"),
    ("城镇调查失业率控制在5.5%以内。", "5.5%以内", "at_most"),
    ("居民消费价格涨幅控制在3%。", "3%", "at_most"),
    ("居民消费价格涨幅控制在3%左右。", "3%左右", "approx"),  # the word after the number wins
    ("粮食产量1.3万亿斤以上。", "1.3万亿斤以上", "at_least"),
    ("研发投入不低于2.5%。", "2.5%", "at_least"),
    ("新增经营主体超过6000家。", "6000家", "over"),
    ("入驻企业300多家。", "300多家", "over"),
    ("签订合同4400余件。", "4400余件", "over"),
    ("惠及上千万家庭。", "上千万", "over"),
    ("高新技术企业近4万家。", "4万家", "nearly"),
    ("进出口总额接连突破8万亿元、9万亿元。", "9万亿元", "over"),
])
def test_qualifiers_mean_the_same_everywhere(sentence, text, qualifier):
    df = extract("二、2025年工作任务\n" + sentence).set_index("text")
    assert df.loc[text, "qualifier"] == qualifier


def test_numbers_inside_names_are_not_figures():
    df = extract(HEAD + "学习运用“千万工程”经验，实施“十四五”规划，PM2.5浓度下降5%。")
    assert df["text"].tolist() == ["5%"]
    assert not math.isnan(df["value"].iloc[0])


def test_thousands_written_after_a_magnitude_are_its_decimal():
    from datong_lib.figures.extractor import extract

    df = extract("一、2024年工作回顾\n日均新设企业由5千多户增加到1万6千多户。出境旅游人次由8300万增加到1亿3千多万。"
                 "高速铁路运营里程增加到2万5千公里。")
    got = {t: (v, u, q) for t, v, u, q in zip(df["text"], df["value"], df["unit"], df["qualifier"])}
    assert got["1万6千多户"] == (1.6, "万户", "over")
    assert got["1亿3千多万"] == (1.3, "亿", "over")
    assert got["2万5千公里"] == (2.5, "万公里", "")


def test_telephone_lines_are_counted_in_men():
    from datong_lib.figures.extractor import extract

    df = extract("一、2024年工作回顾\n电话交换机总容量达到1.1亿门。")
    assert (df.loc[0, "value"], df.loc[0, "unit"]) == (1.1, "亿门")


def test_consecutive_years_of_a_stated_rate_are_its_period_not_a_streak():
    from datong_lib.figures.extractor import extract

    df = extract("一、1993年工作回顾\n在连续两年增长百分之十三的基础上，安排这样的速度是比较合适的。粮食连续四年增产。")
    assert df["text"].tolist() == ["百分之十三", "连续四年"]
    assert df.loc[0, "subject"] == "" and df.loc[1, "metric"] == "streak"


def test_a_small_count_of_the_areas_of_work_announced_is_a_figure():
    from datong_lib.figures.extractor import extract

    df = extract("二、2026年工作安排\n重点抓好以下六个方面工作：实现以下两个目标。坚持两个毫不动摇，做到两个维护。")
    assert df["text"].tolist() == ["六个", "两个"]
    assert df["value"].tolist() == [6.0, 2.0] and set(df["metric"]) == {"count"}
