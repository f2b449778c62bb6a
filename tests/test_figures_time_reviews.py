"""Reviews as local reports write them: term reviews of three or four years, plan-period
openings, lettered review sections after an opening paragraph, estimates at a sentence's head."""

from __future__ import annotations

import pytest

from datong_lib.figures.extractor import extract
from figkit import when

HEADER = "2022年某县政府工作报告\n——2022年1月8日在某县第十六届人民代表大会第一次会议上\n县长 王某\n各位代表：\n"


@pytest.mark.parametrize("heading, opening, first", [
    ("一、过去四年工作回顾", "四年来，我们坚持稳中求进。", 2018),
    ("一、过去三年工作回顾", "三年来，全县上下团结奋进。", 2019),
    ("一、过去五年工作回顾", "五年来，我们砥砺前行。", 2017),
])
def test_a_term_review_spans_the_years_it_names(heading, opening, first):
    df = extract(HEADER + f"{heading}\n{opening}地区生产总值年均增长3.8%，一般公共预算收入累计完成8.79亿元；"
                 "肉牛存栏达到16万头。\n二、2022年工作安排\n新建公园15个。")
    assert when(df, "3.8%") == (2021, "actual", f"{first}-2021")
    assert when(df, "8.79亿元") == (2021, "actual", f"{first}-2021")
    assert when(df, "16万头") == (2021, "actual", "")  # a level reached: the last year
    assert when(df, "15个") == (2022, "target", "")


def test_a_plan_period_that_has_begun_well_is_the_review_of_its_first_year():
    text = ("2017年某省政府工作报告\n各位代表：\n一、“十三五”实现良好开局\n"
            "过去的一年，全省生产总值24117.9亿元，增长8.7%。\n二、2017年主要目标\n生产总值增长8.5%左右。")
    df = extract(text)
    assert when(df, "24117.9亿元") == (2016, "actual", "")
    assert when(df, "8.7%") == (2016, "actual", "")
    assert when(df, "8.5%左右") == (2017, "target", "")


def test_lettered_sections_after_an_opening_review_paragraph_continue_the_review():
    text = (HEADER.replace("2022", "2025").replace("县", "市") + "过去的一年，奋斗充满艰辛，成绩殊为不易。\n"
            "（一）经济实力实现新跃升。地区生产总值完成4704.3亿元、增长6.1%。\n"
            "（二）城乡面貌发生新变化。新建口袋公园30个。\n"
            "二、2025年工作安排\n地区生产总值增长6%左右。\n"
            "（一）扩大有效需求。实施重点项目500个。")
    df = extract(text)
    assert when(df, "4704.3亿元") == (2024, "actual", "")
    assert when(df, "30个") == (2024, "actual", "")
    assert when(df, "6%左右") == (2025, "target", "")
    assert when(df, "500个") == (2025, "target", "")


def test_an_estimate_at_the_head_of_a_review_sentence_covers_all_its_figures():
    text = (HEADER.replace("2022", "2019") + "一、2018年政府工作回顾\n"
            "预计地区生产总值突破1500亿元大关，增长9%左右；人均地区生产总值5.18万元，比全省高1.18万元；"
            "固定资产投资增长18%。一般公共预算收入增长11.6%。")
    df = extract(text)
    for t in ("1500亿元", "9%左右", "5.18万元", "1.18万元", "18%"):
        assert when(df, t) == (2018, "estimate", ""), t
    assert when(df, "11.6%") == (2018, "actual", "")  # the next sentence is not covered


def test_an_estimate_of_this_year_in_the_budget_does_not_make_the_budget_an_estimate():
    text = (HEADER + "二、2022年工作安排\n预计今年财政收入继续恢复增长，一般公共预算支出规模28.5亿元。")
    assert when(extract(text), "28.5亿元")[1] == "target"


def test_a_multiple_of_a_base_year_spans_the_years_since():
    df = extract(HEADER.replace("2022", "2016") + "一、“十二五”时期工作回顾\n"
                 "初步统计，2015年完成地区生产总值330.2亿元，是2010年的1.5倍，年均增长9.1%。")
    assert when(df, "1.5倍") == (2015, "actual", "2011-2015")
    assert when(df, "330.2亿元") == (2015, "actual", "")


def test_a_report_run_into_one_line_keeps_its_dateline_out_of_the_time_of_its_figures():
    text = ("2014年陕西省政府工作报告\n2014年1月14日在陕西省第十二届人民代表大会第二次会议上陕西省省长 王某各位代表:"
            "现在,我代表省人民政府向大会作工作报告。一、十二届人大一次会议确定的目标任务完成情况去年经济稳中有进。"
            "预计完成生产总值1.6万亿元,增长11.1%左右;财政总收入3003.1亿元。")
    df = extract(text)
    for t in ("1.6万亿元", "11.1%左右", "3003.1亿元"):
        assert when(df, t) == (2013, "estimate", ""), t


def test_a_heading_on_how_last_years_goals_went_is_a_review():
    df = extract(HEADER + "一、县十五届人大一次会议确定的目标任务完成情况\n全县地区生产总值增长5.1%。\n二、2022年工作安排\n新建公园15个。")
    assert when(df, "5.1%") == (2021, "actual", "")
    assert when(df, "15个") == (2022, "target", "")
