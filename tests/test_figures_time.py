"""Year, kind, period and basis of figures: sentence first, then section, then report."""

from __future__ import annotations

import pandas as pd
import pytest

from datong_lib import load_report
from datong_lib.figures.extractor import extract
from figkit import one, when


HEADER = "2025年某市政府工作报告\n——2025年1月10日在某市第十届人民代表大会第三次会议上\n市长 王某\n"


def test_year_is_na_not_zero_without_any_header():
    df = extract("新建学校12所，改造道路30公里。")
    assert df["year"].dtype == "Int64"
    assert df["year"].isna().all()
    assert (df["basis"] == "inferred").all()


def test_review_heading_gives_reviewed_year_actual():
    df = extract(HEADER + "一、2024年工作回顾\n全市地区生产总值增长5.2%，城镇新增就业4.1万人。")
    assert when(df, "5.2%") == (2024, "actual", "")
    assert one(df, "4.1万人").basis == "section"


def test_task_heading_gives_report_year_target():
    df = extract(HEADER + "一、2024年工作回顾\n粮食产量增长2%。\n二、2025年政府工作任务\n新建公园15个。")
    assert when(df, "15个") == (2025, "target", "")


def test_sections_after_the_review_without_a_time_are_tasks():
    df = extract(HEADER + "一、2024年工作回顾\n粮食产量增长2%。\n二、加快建设现代化产业体系\n培育专精特新企业50家。")
    assert when(df, "50家") == (2025, "target", "")


@pytest.mark.parametrize("sentence, year, kind", [
    ("今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。", 2025, "target"),
    ("去年全市完成固定资产投资300亿元。", 2024, "actual"),
    ("预计全年居民收入增长5%。", 2024, "estimate"),  # with no heading, the year just reviewed (the title sets no time)
    ("到2030年，森林覆盖率达到25%。", 2030, "plan"),
    ("2023年全市粮食产量达到80万吨。", 2023, "actual"),
])
def test_sentence_cues_decide_without_headings(sentence, year, kind):
    df = extract(HEADER + sentence)
    r = df.iloc[0]
    assert (int(r.year), r.kind, r.basis) == (year, kind, "sentence")


def test_opening_time_phrase_frames_a_headingless_review():
    text = HEADER + ("刚刚过去的2024年，我们攻坚克难。全市生产总值增长5.5%，一般公共预算收入增长3.1%。\n"
                     "城镇居民人均可支配收入达到4.2万元。\n"
                     "今年经济社会发展的主要预期目标是：全市生产总值增长5%以上。")
    df = extract(text)
    assert when(df, "5.5%") == (2024, "actual", "")
    assert when(df, "4.2万元") == (2024, "actual", "")  # the frame carries to the next paragraph
    assert when(df, "5%以上") == (2025, "target", "")


def test_heading_like_lines_of_a_web_copy_set_the_frame():
    text = HEADER + ("“十四五”时期发展成就和2024年工作回顾\n地区生产总值增长4.7%。\n"
                     "“十五五”时期主要目标和2025年重点工作\n城镇新增就业18万人以上。")
    df = extract(text)
    assert when(df, "4.7%") == (2024, "actual", "")
    assert when(df, "18万人以上") == (2025, "target", "")


def test_five_year_review_keeps_end_states_apart_from_period_figures():
    text = HEADER.replace("2025", "2026") + (
        "一、过去五年工作回顾\n这是经济实力持续提升的五年。\n"
        "地区生产总值从1.2万亿元提高到1.6万亿元，年均增长5.8%，累计完成投资3.5万亿元。\n"
        "二、2026年工作安排\n地区生产总值增长5%左右。")
    df = extract(text)
    assert when(df, "1.2万亿元") == (2020, "actual", "")   # the year before the period
    assert when(df, "1.6万亿元") == (2025, "actual", "")   # an end state: one year
    assert when(df, "5.8%") == (2025, "actual", "2021-2025")
    assert when(df, "3.5万亿元") == (2025, "actual", "2021-2025")
    assert when(df, "5%左右") == (2026, "target", "")


def test_growth_against_a_base_year_spans_the_period():
    df = extract(HEADER + "一、过去五年工作回顾\n2024年，国内生产总值达到30万亿元，比2019年增长40%。")
    assert when(df, "30万亿元") == (2024, "actual", "")
    assert when(df, "40%") == (2024, "actual", "2020-2024")


def test_last_year_relative_to_the_year_spoken_of():
    df = extract(HEADER + "一、2024年工作回顾\n工业企业利润由上年下降2.3%转为增长8.5%。")
    assert when(df, "2.3%")[0] == 2023 and when(df, "8.5%")[0] == 2024


def test_a_target_quoted_in_the_review_is_last_years_target():
    df = extract(HEADER + "一、2024年工作回顾\n广义货币增长9%，低于10%左右的预期目标。")
    assert when(df, "10%左右") == (2024, "target", "")


def test_estimate_carries_to_a_rate_of_the_same_subject():
    df = extract(HEADER + "一、2024年工作回顾\n社会消费品零售总额预计达到84亿元，增长9.2%。")
    assert one(df, "84亿元").kind == "estimate" and one(df, "9.2%").kind == "estimate"


def test_budget_plan_in_tasks_is_a_target_and_surplus_of_last_year_is_actual():
    text = HEADER + ("二、2025年重点工作\n去年财政比年度预算超收72亿元。"
                     "今年赤字率拟按3%安排，拟增加预算稳定调节基金10亿元。")
    df = extract(text)
    assert when(df, "72亿元") == (2024, "actual", "")
    assert when(df, "3%") == (2025, "target", "")
    assert when(df, "10亿元") == (2025, "target", "")


def test_streak_and_consecutive_years_form_a_period():
    df = extract(HEADER + "一、2024年工作回顾\n粮食生产实现连续四年增产。")
    assert when(df, "连续四年") == (2024, "actual", "2021-2024")


def test_years_without_target_are_open():
    df = extract(HEADER + "二、2025年工作任务\n今后若干年保持百分之八至百分之九的增长率。")
    r = df.iloc[0]
    assert (pd.isna(r.year), r.kind) == (True, "plan")


@pytest.mark.parametrize("name", ["datong_2025_report.md", "national_2016.txt", "national_2017.txt",
                                  "national_2022.txt"])
def test_bundled_reports_have_no_year_zero_or_less(name):
    df = extract(load_report(name))
    years = df["year"].dropna()
    assert (years > 1900).all()
    assert set(df["basis"].dropna()) <= {"sentence", "section", "header", "inferred"}


def test_the_starting_value_of_a_rise_is_the_year_before_the_one_spoken_of():
    text = HEADER + ("一、2024年工作回顾\n关税总水平由9.8%降至7.5%。\n"
                     "二、2025年工作任务\n城乡居民医保财政补助由每人每年420元提高到450元。"
                     "研发费用加计扣除比例从75%提高到100%。")
    df = extract(text)
    assert when(df, "9.8%") == (2023, "actual", "") and when(df, "7.5%") == (2024, "actual", "")
    assert when(df, "420元") == (2024, "actual", "") and when(df, "450元") == (2025, "target", "")
    assert when(df, "75%") == (2024, "actual", "") and when(df, "100%") == (2025, "target", "")
    assert one(df, "420元").subject == "城乡居民医保财政补助"


def test_the_starting_value_of_a_plan_is_an_actual_of_the_year_before_the_period():
    text = HEADER.replace("2025", "2016") + (
        "一、2015年工作回顾\n国内生产总值增长6.9%。\n二、“十三五”时期主要目标任务\n"
        "到2020年，全员劳动生产率从人均8.7万元提高到12万元以上。")
    df = extract(text)
    assert when(df, "8.7万元") == (2015, "actual", "")
    assert when(df, "12万元以上")[:2] == (2020, "plan")


def test_a_span_of_years_that_opens_the_sentence_dates_its_figures():
    text = HEADER.replace("2025", "2008") + (
        "一、过去五年工作回顾\n2003年到2007年，中央财政对地方的转移支付累计4.25万亿元，87%用于支持中西部地区。"
        "从2002年到2007年，农业税占财政收入的比重从3.2%降低到零。"
        "五年新增电力装机3.5亿千瓦，是1950年到2002年53年的总和；新增公路19.2万公里。")
    df = extract(text)
    assert when(df, "4.25万亿元") == (2007, "actual", "2003-2007")
    assert when(df, "87%") == (2007, "actual", "")
    assert when(df, "3.2%") == (2002, "actual", "")       # the start of the span, not the period's
    assert when(df, "19.2万公里")[0] == 2007              # 1950年到2002年 there is a base, not the time


@pytest.mark.parametrize("sentence, text", [
    ("新培育省级未来产业先导区13个。", "13个"),
    ("建设未来工厂20家。", "20家"),
    ("各项贷款新增1.91万亿元，其中制造业中长期贷款新增1124亿元。", "1124亿元"),
])
def test_a_name_that_starts_with_a_word_of_the_future_is_no_future(sentence, text):
    df = extract(HEADER + "一、2024年工作回顾\n" + sentence)
    assert when(df, text) == (2024, "actual", "")


def test_a_part_of_an_estimate_is_an_estimate():
    df = extract(HEADER + "二、2025年工作任务\n预计全年退税减税约2.5万亿元，其中留抵退税约1.5万亿元。"
                 "今年安排专项债券3.9万亿元，其中1000亿元用于收购存量商品房。")
    assert when(df, "1.5万亿元") == (2025, "estimate", "")
    assert when(df, "1000亿元") == (2025, "target", "")


def test_a_sentence_opening_with_ten_years_spans_ten_years():
    text = HEADER.replace("2025", "2023") + (
        "一、过去五年工作回顾\n十年来，国内生产总值从54万亿元增加到121万亿元，年均增长6.2%，十年增加近70万亿元。"
        "国内生产总值增长3%。")
    df = extract(text)
    assert when(df, "54万亿元") == (2012, "actual", "")       # the year before the ten
    assert when(df, "121万亿元") == (2022, "actual", "")
    assert when(df, "6.2%") == (2022, "actual", "2013-2022")
    assert when(df, "70万亿元") == (2022, "actual", "2013-2022")


def test_an_amount_added_in_a_five_year_review_spans_the_five_years():
    text = HEADER.replace("2025", "2026") + (
        "一、过去五年工作回顾\n这是经济实力持续提升的五年。\n"
        "一般公共预算收入增加近1000亿元，稳步达到3000亿元以上。新增12家上市公司，规上工业企业达到4358户。")
    df = extract(text)
    assert when(df, "1000亿元") == (2025, "actual", "2021-2025")
    assert when(df, "12家") == (2025, "actual", "2021-2025")
    assert when(df, "3000亿元以上") == (2025, "actual", "")   # a level reached: the end state
    assert when(df, "4358户") == (2025, "actual", "")


def test_a_real_average_rate_spans_the_period():
    df = extract(HEADER.replace("2025", "1998") + "一、过去五年工作回顾\n农村居民人均纯收入达到2090元，年均实际增长5.4%。")
    assert when(df, "5.4%") == (1997, "actual", "1993-1997")
    assert when(df, "2090元") == (1997, "actual", "")


def test_the_planned_amount_a_result_is_measured_against_is_that_years_target():
    df = extract(HEADER.replace("2025", "2020") + "一、2019年工作回顾\n减税降费2.36万亿元，超过原定的近2万亿元规模。")
    assert when(df, "2万亿元") == (2019, "target", "")
    assert one(df, "2万亿元").subject == "减税降费"


def test_consecutive_years_from_a_start_run_forward_from_it():
    text = HEADER.replace("2025", "2008") + (
        "一、过去五年工作回顾\n从2005年开始连续三年提高企业退休人员基本养老金标准。\n"
        "二、2008年主要任务\n三是从今年1月1日起，再连续三年进一步提高企业退休人员基本养老金水平。")
    df = extract(text)
    rows = df[df["text"] == "连续三年"]
    assert [(int(r.year), r.kind, r.period) for r in rows.itertuples()] == [
        (2007, "actual", "2005-2007"), (2010, "plan", "2008-2010")]


def test_a_plan_named_inside_a_noun_phrase_is_not_the_time_of_the_figure():
    df = extract(HEADER.replace("2025", "2026") + "二、2026年工作安排\n加快建设“十四五”批复的6个沙戈荒大基地，"
                 "确保新增新能源装机3000万千瓦。\n“十五五”时期地区生产总值年均增长5%左右。")
    assert when(df, "6个") == (2026, "target", "") and when(df, "3000万千瓦") == (2026, "target", "")
    assert when(df, "5%左右") == (2030, "plan", "2026-2030")


def test_a_year_named_before_the_base_year_is_the_year_of_the_rate():
    text = HEADER.replace("2025", "2024") + (
        "一、2023年工作回顾\n2023年工业总产值比2022年增加了33%。"
        "2024年预计现代工业的总产值将等于2019年的4.2倍。2024年计划的投资又比2023年增加28%。")
    df = extract(text)
    assert when(df, "33%") == (2023, "actual", "")                 # one year on the last: no period
    assert when(df, "4.2倍") == (2024, "estimate", "2020-2024")
    assert when(df, "28%") == (2024, "target", "")


def test_a_task_heading_that_ensures_new_results_is_no_review():
    text = HEADER + ("一、2024年工作回顾\n城镇新增就业5527人。\n二、2025年工作任务\n"
                     "（八）以保障和改善民生为根本，确保民生工作取得新成绩。加强就业工作，全年实现新增就业5000人。")
    df = extract(text)
    assert when(df, "5527人") == (2024, "actual", "")
    assert when(df, "5000人") == (2025, "target", "")


def test_a_goal_year_before_a_base_year_makes_a_plan():
    text = HEADER.replace("2025", "2016") + ("一、2015年工作回顾\n国内生产总值增长6.9%。\n二、“十三五”时期主要目标任务\n"
                                              "到2020年国内生产总值和城乡居民人均收入比2010年翻一番。")
    df = extract(text)
    assert when(df, "翻一番") == (2020, "plan", "2011-2020")


def test_a_change_on_the_year_before_in_a_five_year_review_is_one_year():
    df = extract(HEADER.replace("2025", "2008") + "一、过去五年工作回顾\n二氧化硫排放总量首次下降，比上年下降4.66%，年均增长率为负。"
                 "国内生产总值年均增长10.6%。")
    assert when(df, "4.66%") == (2007, "actual", "")
    assert when(df, "10.6%") == (2007, "actual", "2003-2007")


def test_ten_years_named_inside_a_five_year_review_sentence():
    text = HEADER.replace("2025", "2023") + (
        "一、过去五年工作回顾\n国内生产总值增加到121万亿元，五年年均增长5.2%，十年增加近70万亿元、年均增长6.2%。"
        "城镇新增就业年均1270多万人。全国社会保障基金积累4140亿元，比2002年增加2898亿元。")
    df = extract(text)
    assert when(df, "5.2%") == (2022, "actual", "2018-2022")
    assert when(df, "70万亿元") == (2022, "actual", "2013-2022") and one(df, "70万亿元").subject == "国内生产总值"
    assert when(df, "6.2%") == (2022, "actual", "2013-2022") and one(df, "6.2%").subject == "国内生产总值"
    assert when(df, "1270多万人") == (2022, "actual", "2018-2022")    # 年均 before an amount
    assert when(df, "2898亿元")[2] != "2001-2002"                      # 2002年增加: a year, not 2 years


def test_since_the_start_of_a_plan_runs_to_the_reviewed_year():
    text = ("2015年某区政府工作报告\n——2015年1月在某区第十届人民代表大会第五次会议上\n一、2014年工作回顾\n"
            "“十二五”以来，全区地区生产总值年均增长12%，累计完成固定资产投资500亿元。"
            "全区“十二五”以来累计新增就业2万人。\n二、2015年工作安排\n“十二五”期间地区生产总值年均增长10%的目标将全面完成。")
    df = extract(text)
    assert when(df, "12%") == (2014, "actual", "2011-2014")
    assert when(df, "500亿元") == (2014, "actual", "2011-2014")
    assert when(df, "2万人") == (2014, "actual", "2011-2014") and one(df, "2万人").subject == "新增就业"
    assert when(df, "10%") == (2015, "plan", "2011-2015")


def test_since_a_year_or_a_party_congress_spans_to_the_reviewed_year():
    text = HEADER.replace("2025", "2024") + (
        "一、2023年工作回顾\n2021年以来，全市累计新增城镇就业12万人，地区生产总值年均增长6%。"
        "党的十八大以来，农村居民人均可支配收入年均增长8.5%。城镇化率达到67%。")
    df = extract(text)
    assert when(df, "12万人") == (2023, "actual", "2021-2023")
    assert when(df, "6%") == (2023, "actual", "2021-2023")
    assert when(df, "8.5%") == (2023, "actual", "2013-2023")
    assert when(df, "67%") == (2023, "actual", "")


def test_the_goal_of_a_government_term_is_a_plan_without_a_year():
    df = extract(HEADER + "一、2024年工作回顾\n在提前完成本届政府减少行政审批事项三分之一目标的基础上，去年又取消165项审批事项。")
    assert when(df, "三分之一") == (None, "plan", "")
    assert when(df, "165项") == (2024, "actual", "")
