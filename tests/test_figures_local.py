"""Subjects, units and benchmarks as local reports write them."""

from __future__ import annotations

import pytest

from datong_lib.figures.extractor import extract

HEADER = "2022年某县政府工作报告\n——2022年1月8日在某县第十六届人民代表大会第一次会议上\n县长 王某\n各位代表：\n"


def row(df, text):
    rows = df[df["text"] == text]
    assert len(rows) == 1, (text, df["text"].tolist())
    return rows.iloc[0]


def test_an_amount_stated_against_the_province_is_a_gap_with_the_measured_subject():
    df = extract(HEADER + "一、2021年工作回顾\n人均地区生产总值5.18万元，比全省高1.18万元。")
    r = row(df, "1.18万元")
    assert (r.metric, r.scope, r.subject) == ("gap", "全省", "人均地区生产总值")


def test_a_voltage_class_is_a_name_and_livestock_units_are_counts():
    df = extract(HEADER + "一、2021年工作回顾\n巴林至奈曼500千伏输变电工程竣工投运，新建220kV变电站3座。"
                 "牲畜存栏125万头只，标准化畜群达到2800群，养殖规模稳定在2万匹、5000峰左右。")
    assert "500千" not in df["text"].tolist() and not (df["value"] == 220).any()
    got = dict(zip(df["text"], df["unit"]))
    assert got["125万头只"] == "万头只" and got["2800群"] == "群" and got["2万匹"] == "万匹"
    assert got["5000峰左右"] == "峰"
    assert set(df.set_index("text").loc[["3座", "2800群"], "metric"]) == {"count"}


def test_completing_a_task_by_a_margin_is_a_gap_to_the_target_and_the_rate_after_keeps_the_subject():
    df = extract(HEADER + "一、2021年工作回顾\n固定资产投资完成17亿元，超额完成年度任务2.1亿元，增长20.6%；"
                 "单位GDP能耗下降3.5%，超额完成省考核目标2.7个百分点。")
    r = row(df, "2.1亿元")
    assert (r.metric, r.scope, r.subject) == ("gap", "年度任务", "固定资产投资")
    assert row(df, "20.6%").subject == "固定资产投资"
    r = row(df, "2.7个百分点")
    assert (r.metric, r.subject) == ("gap", "单位GDP能耗")


@pytest.mark.parametrize("sentence, text, subject", [
    ("为受困企业办理延期偿还本息7108万元。", "7108万元", "延期偿还本息"),
    ("投放普惠型小微企业创业担保贷款1303万元。", "1303万元", "普惠型小微企业创业担保贷款"),
    ("获得国债资金97.4亿元。", "97.4亿元", "国债资金"),
    ("全县地区生产总值由2010年的77亿元跃升到2015年的161.1亿元。", "161.1亿元", "地区生产总值"),
    ("人均地区生产总值9.6万元，全员劳动生产率每人9.6万元。", "9.6万元", None),
])
def test_verbs_of_getting_and_doing_and_a_rise_are_not_the_subject(sentence, text, subject):
    df = extract(HEADER + "一、2021年工作回顾\n" + sentence)
    if subject is None:  # 每人 before the number is no part of the measured thing
        assert set(df.loc[df["text"] == text, "subject"]) == {"人均地区生产总值", "全员劳动生产率"}
    else:
        assert row(df, text).subject == subject
