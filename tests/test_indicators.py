"""The curated indicator table: schema, values, provenance checks and duplicate statements."""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest

from datong_lib import config
from datong_lib.errors import IndicatorError, ParameterError
from datong_lib.figures.vocab import KINDS, METRICS, QUALIFIERS
from datong_lib.indicators.curated import COLUMNS, load_indicators
from datong_lib.indicators.occurrences import check_consistency, find_duplicates, indicator_occurrences
from datong_lib.report import load_report
from datong_lib.sectors import check_sector, load_sectors, sector_names


@pytest.fixture(scope="module")
def report():
    return load_report()


@pytest.fixture(scope="module")
def ind(report):
    return load_indicators(report=report)


def _rows():
    with open(config.INDICATORS_CSV, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(tmp_path, rows, name="indicators.csv"):
    path = tmp_path / name
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path


# -- schema -----------------------------------------------------------------------


def test_columns_and_dtypes(ind):
    assert list(ind.columns) == COLUMNS + ["section", "start", "end"]
    for col, cats in (("sector", sector_names()), ("kind", KINDS), ("metric", METRICS), ("qualifier", QUALIFIERS)):
        assert isinstance(ind[col].dtype, pd.CategoricalDtype), col
        assert list(ind[col].cat.categories) == cats
    assert ind["value"].dtype == "float64" and ind["value_high"].dtype == "float64"
    assert ind["year"].dtype == "Int64"
    assert ind["headline"].dtype == bool
    assert pd.api.types.is_integer_dtype(ind["start"])


def test_required_fields_filled_and_ids_unique(ind):
    required = ["id", "concept", "sector", "name_zh", "name_en", "year", "kind", "metric", "source_quote", "section"]
    assert not ind[required].isna().any().any()
    assert not (ind[required].astype(str) == "").any().any()
    assert ind["id"].is_unique
    assert ind["id"].str.fullmatch(r"[a-z][a-z0-9_]*").all()
    # a figure is given, or a target stated in words
    assert (ind["value"].notna() | (ind["target_text"] != "")).all()


def test_every_quote_points_back_into_the_report(ind, report):
    for r in ind.itertuples():
        assert report.text[r.start : r.end] == r.source_quote, r.id


# -- values -----------------------------------------------------------------------


def test_row_counts_and_sectors(ind):
    assert len(ind) == 56
    counts = ind["sector"].value_counts()
    assert counts["macro"] == 14 and counts["agriculture"] == 13 and counts["energy"] == 7
    assert counts["safety"] == 0 and counts["governance"] == 0  # text-only sectors
    assert set(ind.loc[ind.kind == "actual", "year"]) == {2024}
    assert set(ind.loc[ind.kind == "target", "year"]) == {2025}
    per_sector = ind[ind.headline].groupby("sector", observed=True).size()
    assert per_sector.between(1, 3).all()


@pytest.mark.parametrize(
    "rid, value, unit, metric, qualifier",
    [
        ("gdp_growth_2024", 2.5, "%", "growth", ""),
        ("gdp_growth_2025", 5.5, "%", "growth", "approx"),
        ("industrial_value_added_growth_2025", 6.4, "%", "growth", "at_least"),
        ("power_capacity_2024", 1755, "万千瓦", "level", ""),
        ("renewable_share_2024", 54, "%", "share", ""),
        ("renewable_share_gap_2024", 4, "个百分点", "pp", "nearly"),
        ("tourist_visits_2024", 1718.7, "万人次", "level", ""),
        ("ticket_revenue_growth_2024", 35.29, "%", "growth", ""),
        ("grain_harvest_streak_2024", 15, "连丰", "streak", ""),
        ("daylily_chain_output_2024", 40, "亿元", "level", "over"),
        ("primary_value_added_rank_2024", 2, "", "rank", ""),
        ("urban_jobs_attainment_2024", 119.75, "%", "ratio_to_target", ""),
        ("coal_output_2025", 1.5, "亿吨", "level", "at_least"),
        ("nursing_beds_2025", 1000, "张", "count", ""),
        ("grain_output_2025", 26.1, "亿斤", "level", "at_least"),
    ],
)
def test_key_figures(ind, rid, value, unit, metric, qualifier):
    r = ind.set_index("id").loc[rid]
    assert (r.value, r.unit, r.metric, r.qualifier) == (pytest.approx(value), unit, metric, qualifier)


def test_ranges_ranks_and_words(ind):
    by_id = ind.set_index("id")
    assert (by_id.at["county_leading_industries_2025", "value"], by_id.at["county_leading_industries_2025", "value_high"]) == (1, 2)
    assert by_id.at["air_quality_rank_2024", "scope"] == "全省"
    rural = by_id.loc["rural_income_growth_2025"]
    assert pd.isna(rural.value) and rural.target_text == "高于经济增长水平"
    assert by_id.at["urban_income_growth_2025", "target_text"] == "与经济增长基本同步"
    assert by_id.at["tourist_visits_growth_2024", "related_id"] == "tourist_visits_2024"


# -- arguments --------------------------------------------------------------------


def test_sector_argument_filters_and_accepts_names(report):
    energy = load_indicators("energy", report=report)
    assert len(energy) == 7 and set(energy["sector"]) == {"energy"}
    assert load_indicators("能源", report=report)["id"].tolist() == energy["id"].tolist()
    with pytest.raises(ParameterError, match=r"unknown sector 'enrgy' \(did you mean 'energy'\?\); known: macro, energy"):
        load_indicators("enrgy", report=report)


def test_path_argument_reads_that_file(tmp_path, report):
    rows = [r for r in _rows() if r["sector"] == "tourism"]
    df = load_indicators(path=_write(tmp_path, rows), report=report)
    assert sorted(df["id"]) == sorted(r["id"] for r in rows)
    with pytest.raises(IndicatorError, match="not found"):
        load_indicators(path=tmp_path / "missing.csv", report=report)


def test_report_argument_is_the_one_checked_against():
    other = load_report(text="## 回顾\n\n全市电力总装机达到1755万千瓦，其他内容。")
    with pytest.raises(IndicatorError, match="gdp_growth_2024"):
        load_indicators(report=other)


def test_sectors_taxonomy():
    s = load_sectors()
    assert s["slug"].tolist() == sector_names() and isinstance(s["slug"].dtype, pd.CategoricalDtype)
    assert len(s) == 11 and check_sector(" Tourism ") == "tourism"


# -- provenance failures ------------------------------------------------------------


def _edit(rid, **changes):
    def f(rows):
        for r in rows:
            if r["id"] == rid:
                r.update(changes)
        return rows
    return f


@pytest.mark.parametrize(
    "mutate, rid, problem",
    [
        (_edit("power_capacity_2024", source_quote="全市电力总装机达到1756万千瓦"), "power_capacity_2024", "does not occur in the report"),
        (_edit("power_capacity_2024", value="1765"), "power_capacity_2024", "value 1765 is not written in source_quote"),
        (_edit("grain_harvest_streak_2024", value="16"), "grain_harvest_streak_2024", "not written in source_quote"),
        (_edit("power_capacity_2024", unit="千瓦时"), "power_capacity_2024", "unit '千瓦时' is not in source_quote"),
        (_edit("power_capacity_2024", sector="enrgy"), "power_capacity_2024", "unknown sector 'enrgy' (did you mean 'energy'?)"),
        (_edit("power_capacity_2024", sector="能源"), "power_capacity_2024", "sector '能源' is a name, not a slug; write 'energy'"),
        (_edit("power_capacity_2024", name_en=""), "power_capacity_2024", "name_en is empty"),
        (_edit("power_capacity_2024", metric="total"), "power_capacity_2024", "metric 'total' is not one of"),
        (_edit("power_capacity_2024", qualifier="approx"), "power_capacity_2024", "qualifier 'approx' needs one of"),
        (_edit("power_capacity_2024", year="24"), "power_capacity_2024", "not a four-digit year"),
        (_edit("power_capacity_2024", related_id="nope"), "power_capacity_2024", "related_id 'nope' names no row"),
        (_edit("urban_income_growth_2025", target_text=""), "urban_income_growth_2025", "value is empty"),
        (_edit("gdp_growth_2024", id="GDP growth"), "GDP growth", "not snake_case"),
        (lambda rows: rows + [dict(rows[0])], "gdp_growth_2024", "repeats the id on line 2"),
    ],
)
def test_bad_row_raises_naming_row_problem_and_fix(tmp_path, report, mutate, rid, problem):
    rows = mutate(_rows())
    line = next(i for i, r in enumerate(rows, 2) if r["id"] == rid)
    if "repeats" in problem:
        line = len(rows) + 1
    with pytest.raises(IndicatorError) as err:
        load_indicators(path=_write(tmp_path, rows), report=report)
    msg = str(err.value)
    assert f"line {line} (id {rid})" in msg
    assert problem in msg
    assert msg.count("\n") == 1  # exactly one bad row reported


def test_missing_column_and_malformed_line(tmp_path, report):
    path = tmp_path / "bad.csv"
    path.write_text("id,sector\nx,macro\n", encoding="utf-8")
    with pytest.raises(IndicatorError, match="lacks column"):
        load_indicators(path=path, report=report)
    text = config.INDICATORS_CSV.read_text(encoding="utf-8").splitlines()
    text[3] = text[3] + ",extra"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(IndicatorError, match=r"line 4: 19 fields where the header has 18"):
        load_indicators(path=path, report=report)


# -- figures stated twice ----------------------------------------------------------


def test_every_figure_is_found_where_its_kind_belongs(ind, report):
    occ = indicator_occurrences(ind, report=report)
    assert set(occ["id"]) == set(ind.loc[ind["value"].notna(), "id"])
    actual = set(ind.loc[ind.kind == "actual", "id"])
    in_results = occ["section"].str.contains("回顾|成果")
    assert (occ["id"].isin(actual) == in_results).all()


def test_figures_stated_twice_agree(ind, report):
    dup = find_duplicates(ind, report=report)
    twice = dup.groupby("id").size()
    for rid in [
        "greenhouse_vegetable_area_2024", "urban_jobs_2024", "urban_jobs_2025", "gdp_growth_2025",
        "fixed_investment_growth_2025", "retail_sales_growth_2025", "trade_growth_2025", "tourist_visits_2024",
        "jjj_investment_2024", "grain_harvest_streak_2024", "ecology_top_indicators_2025",
    ]:
        assert twice[rid] == 2, rid
    assert dup["agrees"].all()
    # the narrative and the data lists: one statement each
    sections = dup[dup.id == "gdp_growth_2025"]["section"].tolist()
    assert sections == ["今年经济社会发展的主要预期目标", "2025年工作目标数据"]
    assert "fixed_investment_growth_2024" not in set(dup.id)  # 一产固定资产投资 is another indicator
    assert len(check_consistency(ind, report=report)) == len(indicator_occurrences(ind, report=report))


@pytest.mark.parametrize(
    "old, new, rid",
    [
        ("设施蔬菜面积达到13.6万亩，完成", "设施蔬菜面积达到13.8万亩，完成", "greenhouse_vegetable_area_2024"),
        ("- 地区生产总值增长5.5%左右", "- 地区生产总值增长5%左右", "gdp_growth_2025"),
        ("- 全年城镇新增就业5.27万人", "- 全年城镇新增就业5.3万人", "urban_jobs_2024"),
    ],
)
def test_disagreeing_statements_are_caught(ind, old, new, rid):
    raw = config.DEFAULT_REPORT.read_text(encoding="utf-8")
    assert raw.count(old) == 1
    changed = load_report(text=raw.replace(old, new))
    with pytest.raises(IndicatorError, match=rf"{rid}: the table has .* but 202[45]年工作(成果|目标)数据 says"):
        check_consistency(load_indicators(report=changed), report=changed)


def test_misplaced_kind_is_caught(ind, report):
    bad = ind.copy()
    bad.loc[bad.id == "urban_jobs_2025", "kind"] = "actual"
    with pytest.raises(IndicatorError, match=re.escape("urban_jobs_2025: its quote is not found")):
        check_consistency(bad, report=report)


def test_two_headline_figures_with_the_same_text_in_one_sentence_keep_their_names():
    from datong_lib import load_report, report_indicators

    rep = load_report(text="一、2025年工作回顾\n全省生产总值增长5.5%，城镇和农村居民人均可支配收入分别增长4.3%、5.5%。\n"
                           "二、2026年工作任务\n全省生产总值增长5%左右，人均地区生产总值达到11万元。",
                      metadata={"report_year": 2026, "reviewed_year": 2025, "level": "province", "place": "浙江省"})
    ind = report_indicators(rep)
    heads = ind[ind["headline"]].set_index("concept")
    # 全省 is scope, not name: the canonical name stands in for the bare 生产总值.
    assert heads.loc["gdp_growth", "name_zh"].iloc[0] == "地区生产总值增长"
    assert heads.loc["rural_income_growth", "text"] == "5.5%"
    assert "gdp_level" not in heads.index  # 人均地区生产总值 is not GDP
