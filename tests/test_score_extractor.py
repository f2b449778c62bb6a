"""The gold scorer's matching, on synthetic gold rows and extracted frames (no extraction)."""

from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]


TEXT = ("<p>一、2023年工作回顾</p>\n<p>　　国内生产总值达到\n１２６万亿元，增长5.2%。</p>\n"
        "二、2024年目标\n国内生产总值增长5%左右，城镇新增就业1200万人以上。\n三、其他\n粮食产量1.3万亿斤。\n")
COLS = "text,value,value_high,unit,metric,qualifier,subject,year,kind,period,start,end,sentence".split(",")


def _gold(rows):
    df = pd.DataFrame([dict(zip(COLS, r)) for r in rows], columns=COLS)
    df["value"] = df["value"].astype(float)
    df["value_high"] = pd.to_numeric(df["value_high"].replace("", float("nan")))
    for c in ("start", "end"):
        df[c] = pd.to_numeric(df[c].replace("", float("nan")))
    return df


GOLD = _gold([
    ["１２６万亿元", 126, "", "万亿元", "level", "", "国内生产总值", "2023", "actual", "", "", "",
     "国内生产总值达到１２６万亿元，增长5.2%。"],
    ["5.2%", 5.2, "", "%", "growth", "", "国内生产总值|GDP", "2023", "actual", "", "", "",
     "国内生产总值达到１２６万亿元，增长5.2%。"],
    ["5%左右", 5, "", "%", "growth", "approx", "国内生产总值", "2024", "target", "", "", "",
     "国内生产总值增长5%左右，城镇新增就业1200万人以上。"],
    ["1200万人以上", 1200, "", "万人", "level", "at_least", "城镇新增就业", "2024", "target", "", "", "",
     "国内生产总值增长5%左右，城镇新增就业1200万人以上。"],
])
PASSAGES = [{"from": "国内生产总值达到", "to": "1200万人以上。"}]


def _got(rows, period=True):
    df = pd.DataFrame(rows, columns=["text", "value", "value_high", "unit", "metric", "qualifier", "subject",
                                     "year", "kind", "period", "sentence"])
    df["start"] = [TEXT.index(t) for t in df["text"]]
    df["end"] = df["start"] + df["text"].str.len()
    df["year"] = df["year"].astype("Int64")
    return df if period else df.drop(columns="period")


GOT = [
    ["１２６万亿元", 126.0, float("nan"), "万亿元", "level", "", "国内生产总值", 2023, "actual", "", "s"],
    ["5.2%", 5.2, float("nan"), "%", "growth", "", "GDP", 2023, "actual", "", "s"],
    ["5%", 5.0, float("nan"), "%", "growth", "approx", "国内生产总值", pd.NA, "target", "", "s"],
    ["1200万人", 1200.0, float("nan"), "万人", "level", "", "城镇新增就业", 2024, "target", "", "s"],
    ["1.3万亿斤", 1.3, float("nan"), "万亿斤", "level", "", "粮食产量", 2024, "target", "", "s"],
]


def test_normalise_maps_original_offsets(scorer):
    n, pos = scorer.normalise("<p>１２ 6\n万</p>")
    assert n == "126万"
    assert pos[3] == 0 and pos[len("<p>１２ 6\n万")] == 4


def test_gold_rows_are_located_by_sentence_not_offsets(scorer):
    ntext, _ = scorer.normalise(TEXT)
    spans = scorer.locate_gold(ntext, GOLD)
    assert [ntext[a:b] for a, b in spans] == ["126万亿元", "5.2%", "5%左右", "1200万人以上"]


def test_fields_scored_inside_the_passages_only(scorer):
    s = scorer.score_frames(GOLD, _got(GOT), TEXT, passages=PASSAGES)
    assert s["gold"] == 4 and s["extracted"] == 4 and s["matched"] == 4  # 1.3万亿斤 is outside
    h = s["hits"]
    assert h["value_unit"] == 4
    assert h["subject"] == 4          # "GDP" is one of the gold alternatives
    assert h["year"] == 3             # NA year does not match 2024
    assert h["qualifier"] == 3        # 1200万人 lost its 以上
    assert h["period"] == 4
    assert h["row"] == 2
    assert s["row_recall"] == 0.5 and s["row_precision"] == 0.5


def test_missing_period_column_is_not_scored(scorer):
    s = scorer.score_frames(GOLD, _got(GOT, period=False), TEXT, passages=PASSAGES)
    assert s["hits"]["period"] is None
    assert s["hits"]["value_unit"] == 4


def test_offset_gold_still_uses_offsets(scorer):
    gold = GOLD.copy()
    gold["start"] = [TEXT.index(t) for t in ["１２６万亿元", "5.2%", "5%左右", "1200万人以上"]]
    gold["end"] = gold["start"] + gold["text"].str.len()
    s = scorer.score_frames(gold, _got(GOT), TEXT, until="三、其他")
    assert s["matched"] == 4 and s["extracted"] == 4


def test_unfound_passage_is_an_error(scorer):
    with pytest.raises(LookupError):
        scorer.score_frames(GOLD, _got(GOT), TEXT, passages=[{"from": "不存在的句子", "to": "。"}])


def test_subject_comparison_forgives_only_spacing_width_and_script(scorer):
    same = scorer.same_field
    assert same("subject", "城乡居民储蓄存款|城乡居民储蓄存款年末存款余额", "城乡居民储蓄存款年末存款余额")
    assert same("subject", "國內生產總值", "国内生产总值")
    assert same("subject", "广义货币Ｍ2", "广义货币 M2")
    assert not same("subject", "A级旅游景区", "全市A级旅游景区")
    assert not same("subject", "“新三样”出口", "新三样出口")
    assert not same("subject", "国内生产总值", "")
