"""Subjects: the noun phrase measured, never a verb or a function word."""

from __future__ import annotations

import pytest

from datong_lib.figures.extractor import extract

HEAD = "一、2024年工作回顾\n"


def subjects(text):
    df = extract(HEAD + text)
    return dict(zip(df["text"], df["subject"]))


def test_a_rate_after_a_level_inherits_its_subject():
    s = subjects("国内生产总值达到99.1万亿元，增长6.1%。")
    assert s == {"99.1万亿元": "国内生产总值", "6.1%": "国内生产总值"}


def test_comparison_clause_inherits_the_subject():
    s = subjects("进出口总额达到1958亿美元，比上年增长百分之十八点二。")
    assert s["百分之十八点二"] == "进出口总额"


def test_respectively_lists_distribute_their_subjects():
    s = subjects("城镇和农村居民人均可支配收入分别增长4.3%、5.5%。")
    assert s == {"4.3%": "城镇居民人均可支配收入", "5.5%": "农村居民人均可支配收入"}
    s = subjects("二氧化硫、氮氧化物排放量分别下降5.6%和4%。")
    assert s == {"5.6%": "二氧化硫排放量", "4%": "氮氧化物排放量"}


@pytest.mark.parametrize("sentence, text, subject", [
    ("争取衔接资金9.56亿元。", "9.56亿元", "衔接资金"),
    ("新设12个跨境电子商务综合试验区。", "12个", "跨境电子商务综合试验区"),
    ("国家重点扶持500个商品粮大县。", "500个", "商品粮大县"),
    ("组建创新联合体15个。", "15个", "创新联合体"),
    ("每个县发展1—2个主导产业。", "1—2个", "主导产业"),
    ("城镇居民人均可支配收入由2019年7703元增加到2024年13786元。", "7703元", "城镇居民人均可支配收入"),
    ("城镇居民人均可支配收入由2019年7703元增加到2024年13786元。", "13786元", "城镇居民人均可支配收入"),
    ("社会消费品零售总额扣除价格因素增长百分之十一点六。", "百分之十一点六", "社会消费品零售总额"),
])
def test_subject_is_never_a_verb(sentence, text, subject):
    assert subjects(sentence)[text] == subject


def test_difference_keeps_the_thing_not_the_comparison():
    df = extract("二、2025年工作任务\n今年财政赤字拟安排1800亿元，比去年增加200亿元。")
    assert df["subject"].tolist() == ["财政赤字", "财政赤字"]
    assert df["kind"].tolist() == ["target", "target"]
