"""Any report and comparisons across reports: metadata, headline indicators, pairings, notebook."""

from __future__ import annotations

import math

import nbformat
import pandas as pd
import pytest
import yaml

import datong_lib as dl
from datong_lib import compare, config, emphasis
from datong_lib.indicators import names as names_mod

NATIONAL = ["national_2016.txt", "national_2017.txt", "national_2022.txt"]

# -- metadata of province and city openings -------------------------------------------


@pytest.mark.parametrize(
    "opening, expected",
    [
        ("政府工作报告\n——2024年1月23日在山西省第十四届人民代表大会第二次会议上\n省长 金湘军",
         {"level": "province", "place": "山西省", "speaker": "金湘军", "speaker_title": "省长", "date": "2024-01-23"}),
        ("2024年山西省政府工作报告\n——2024年1月23日在山西省第十四届人民代表大会第二次会议上\n山西省省长　金湘军",
         {"level": "province", "place": "山西省", "speaker": "金湘军", "title": "2024年山西省政府工作报告"}),
        ("政府工作报告\n——2024年2月20日在大同市第十六届人民代表大会第四次会议上\n市长 刘俊义",
         {"level": "city", "place": "大同市", "city": "大同", "speaker": "刘俊义", "speaker_title": "市长"}),
        ("政府工作报告\n——2024年1月在太原市第十六届人民代表大会第三次会议上\n代市长 张三",
         {"level": "city", "place": "太原市", "speaker_title": "代市长", "date": "2024-01"}),
        ("广西壮族自治区政府工作报告\n——2024年1月22日在广西壮族自治区第十四届人民代表大会第二次会议上\n自治区主席 蓝天立",
         {"level": "province", "place": "广西壮族自治区", "speaker": "蓝天立"}),
        ("政府工作报告\n——2024年1月15日在北京市第十六届人民代表大会第二次会议上\n北京市市长 殷勇",
         {"level": "province", "place": "北京市", "speaker": "殷勇"}),
        ("政府工作报告\n——2024年1月10日在阳高县第十七届人民代表大会第四次会议上\n县长 王五",
         {"level": "county", "place": "阳高县", "speaker": "王五"}),
    ],
    ids=["province", "province-titled", "city", "acting-mayor-no-day", "autonomous-region", "municipality", "county"],
)
def test_province_and_city_openings(opening, expected):
    m = dl.load_report(text=opening + "\n\n一、2023年工作回顾\n\n全年地区生产总值增长5%。").metadata
    assert {k: m.get(k) for k in expected} == expected
    assert (m["report_year"], m["reviewed_year"]) == (2024, 2023)


# -- traditional characters -------------------------------------------------------------

# Passages of the 2022 national report, converted to traditional characters by hand.
TRADITIONAL = """政府工作報告
——2022年3月5日在第十三屆全國人民代表大會第五次會議上
國務院總理　李克強

一、2021年工作回顧

國內生產總值達到114萬億元，增長8.1%。城鎮新增就業1269萬人，城鎮調查失業率平均為5.1%。居民消費價格上漲0.9%。

二、2022年經濟社會發展總體要求和政策取向

今年發展主要預期目標是：國內生產總值增長5.5%左右；城鎮新增就業1100萬人以上，城鎮調查失業率全年控制在5.5%以內；居民消費價格漲幅3%左右；糧食產量保持在1.3萬億斤以上。
"""


@pytest.fixture(scope="module")
def traditional(tmp_path_factory):
    path = tmp_path_factory.mktemp("trad") / "national_2022_traditional.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    return dl.load_report(path)


def test_traditional_report_metadata(traditional):
    m = traditional.metadata
    assert traditional.encoding == "big5"
    assert (m["level"], m["place"], m["report_year"], m["reviewed_year"]) == ("nation", "全国", 2022, 2021)
    assert m["speaker"] == "李克強"  # names keep the report's characters
    assert m["meeting"] == "第十三屆全國人民代表大會第五次會議"


def test_traditional_report_headlines_match_simplified(traditional):
    h = names_mod.headline_indicators(traditional).set_index(["canonical", "metric", "year", "kind"])
    assert h.loc[("gdp", "growth", 2021, "actual"), "value"] == 8.1
    assert h.loc[("gdp", "growth", 2022, "target"), ["value", "qualifier"]].tolist() == [5.5, "approx"]
    assert h.loc[("urban_new_jobs", "level", 2022, "target"), ["value", "unit", "qualifier"]].tolist() == [1100, "万人", "at_least"]
    assert h.loc[("urban_unemployment", "share", 2022, "target"), ["value", "qualifier"]].tolist() == [5.5, "at_most"]
    assert h.loc[("cpi", "growth", 2022, "target"), "value"] == 3.0
    # The original characters and offsets are kept.
    row = h.loc[("gdp", "level", 2021, "actual")]
    assert row["text"] == "114萬億元" and row["subject"] == "國內生產總值"
    full = names_mod.headline_indicators(traditional)
    assert all(traditional.text.find(t) >= 0 for t in full["text"])


# -- the mapping is data -------------------------------------------------------------


def test_mapping_is_loaded_from_data():
    raw = yaml.safe_load(names_mod.NAMES_YAML.read_text(encoding="utf-8"))
    names = names_mod.indicator_names()
    assert names["key"].tolist() == [e["key"] for e in raw]
    assert list(names.columns) == ["key", "name_zh", "name_en", "aliases", "exclude", "metrics", "better"]
    gdp = names.set_index("key").loc["gdp"]
    assert {"地区生产总值", "国内生产总值", "GDP"} <= set(gdp["aliases"])
    for key in ("gdp", "urban_new_jobs", "cpi", "urban_unemployment", "fixed_asset_investment", "retail_sales",
                "foreign_trade", "industrial_value_added", "budget_revenue", "grain_output", "disposable_income",
                "energy_intensity"):
        assert key in set(names["key"])


def test_a_different_mapping_file_changes_the_match(tmp_path):
    path = tmp_path / "names.yaml"
    path.write_text(
        "- {key: output, name_zh: 产出, name_en: Output, aliases: [生产总值], exclude: [单位], "
        "metrics: [growth], better: higher}\n", encoding="utf-8")
    h = names_mod.headline_indicators("national_2016.txt", names_mod.indicator_names(path))
    assert set(h["canonical"].astype(str)) == {"output"}
    assert 6.9 in set(h["value"])


@pytest.mark.parametrize("subject, metric, key", [
    ("经济", "growth", "gdp"),                # 去年经济增长8.8%: the whole economy grew
    ("经济增长预期目标", "growth", "gdp"),
    ("全国经济增长速度", "growth", "gdp"),
    ("数字经济", "growth", None),             # 数字经济增长12%: a sector, not the economy
    ("数字经济增长", "growth", None),
    ("民营经济", "growth", None),
    ("经济", "level", None),                  # the level of the economy is 经济总量
])
def test_the_whole_economy_growing_is_gdp_growth(subject, metric, key):
    assert names_mod.match_name(subject, metric, names_mod.indicator_names()) == key


def test_a_result_stated_as_economic_growth_pairs_with_gdp():
    h = names_mod.headline_indicators("national_1998.txt").set_index(["canonical", "metric", "year", "kind"])
    assert h.loc[("gdp", "growth", 1997, "actual"), "value"] == 8.8
    assert h.loc[("gdp", "growth", 1998, "target"), "value"] == 8.0


@pytest.mark.parametrize("bad, message", [
    ("- {key: x, name_zh: X}\n", "lacks name_en"),
    ("- {key: x, name_zh: X, name_en: X, aliases: [a], exclude: [], metrics: [growth], better: up}\n", "better='up'"),
])
def test_malformed_mapping_names_the_fix(tmp_path, bad, message):
    path = tmp_path / "names.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(dl.errors.IndicatorError, match=message):
        names_mod.indicator_names(path)


# -- headline targets and results of the national reports -----------------------------------


@pytest.fixture(scope="module")
def national():
    return compare.compare_reports(NATIONAL)


def _one(df, canonical, metric, year, kind):
    rows = df[(df["canonical"] == canonical) & (df["metric"] == metric) & (df["year"] == year) & (df["kind"] == kind)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_comparison_schema(national):
    assert list(national.columns) == names_mod.COLUMNS
    assert isinstance(national["canonical"].dtype, pd.CategoricalDtype)
    assert isinstance(national["kind"].dtype, pd.CategoricalDtype)
    assert national["value"].dtype == "float64" and str(national["year"].dtype) == "Int64"
    assert national["year"].notna().all() and (national["year"] > 1900).all()
    assert not national[["canonical", "value", "unit", "text", "sentence", "report", "place"]].isna().any().any()
    assert set(national["place"]) == {"全国"} and set(national["level"]) == {"nation"}


@pytest.mark.parametrize("canonical, metric, year, kind, value, high, qualifier, unit, report", [
    # targets, with their qualifier or range
    ("gdp", "growth", 2016, "target", 6.5, 7.0, "", "%", "national_2016.txt"),
    ("gdp", "growth", 2017, "target", 6.5, None, "approx", "%", "national_2017.txt"),
    ("gdp", "growth", 2022, "target", 5.5, None, "approx", "%", "national_2022.txt"),
    ("urban_new_jobs", "level", 2016, "target", 1000, None, "at_least", "万人", "national_2016.txt"),
    ("urban_new_jobs", "level", 2017, "target", 1100, None, "at_least", "万人", "national_2017.txt"),
    ("urban_new_jobs", "level", 2022, "target", 1100, None, "at_least", "万人", "national_2022.txt"),
    ("cpi", "growth", 2016, "target", 3, None, "approx", "%", "national_2016.txt"),
    ("cpi", "growth", 2022, "target", 3, None, "approx", "%", "national_2022.txt"),
    ("registered_unemployment", "share", 2016, "target", 4.5, None, "at_most", "%", "national_2016.txt"),
    ("urban_unemployment", "share", 2022, "target", 5.5, None, "at_most", "%", "national_2022.txt"),
    # results of the reviewed year
    ("gdp", "growth", 2015, "actual", 6.9, None, "", "%", "national_2016.txt"),
    ("gdp", "growth", 2016, "actual", 6.7, None, "", "%", "national_2017.txt"),
    ("gdp", "growth", 2021, "actual", 8.1, None, "", "%", "national_2022.txt"),
    ("gdp", "level", 2016, "actual", 74.4, None, "", "万亿元", "national_2017.txt"),
    ("urban_new_jobs", "level", 2016, "actual", 1314, None, "", "万人", "national_2017.txt"),
    ("urban_new_jobs", "level", 2021, "actual", 1269, None, "", "万人", "national_2022.txt"),
    ("cpi", "growth", 2016, "actual", 2, None, "", "%", "national_2017.txt"),
    ("cpi", "growth", 2021, "actual", 0.9, None, "", "%", "national_2022.txt"),
    ("registered_unemployment", "share", 2016, "actual", 4.02, None, "", "%", "national_2017.txt"),
    ("urban_unemployment", "share", 2021, "actual", 5.1, None, "", "%", "national_2022.txt"),
])
def test_national_headlines(national, canonical, metric, year, kind, value, high, qualifier, unit, report):
    row = _one(national, canonical, metric, year, kind)
    assert row["value"] == value
    assert (math.isnan(row["value_high"]) if high is None else row["value_high"] == high)
    assert (row["qualifier"], row["unit"], row["report"], row["period"]) == (qualifier, unit, report, "")
    assert row["text"] in row["sentence"]


def test_multi_year_figures_are_plans_or_left_out(national):
    plans = national[national["kind"] == "plan"]
    # The 十三五 goals of the 2016 report: for 2020, a plan and not the report year's target.
    assert len(plans) and set(plans["year"]) == {2020} and set(plans["report"]) == {"national_2016.txt"}
    # 年均增长7.8% over 2011-2015 is an average, not the 2015 result.
    assert 7.8 not in set(national.loc[(national["canonical"] == "gdp") & (national["kind"] == "actual"), "value"])


# -- pairings -----------------------------------------------------------------------------


def test_2016_target_against_2016_outcome():
    t = compare.targets_vs_outcomes(NATIONAL).set_index(["canonical", "metric"])
    gdp = t.loc[("gdp", "growth")]
    assert (gdp["year"], gdp["target"], gdp["target_high"], gdp["outcome"]) == (2016, 6.5, 7.0, 6.7)
    assert (gdp["target_shown"], gdp["outcome_shown"], gdp["versus"], bool(gdp["met"])) == ("6.5–7%", "6.7%", "within", True)
    assert (gdp["target_report"], gdp["outcome_report"]) == ("national_2016.txt", "national_2017.txt")
    assert gdp["target_text"] == "6.5%-7%" and "6.7%" in gdp["outcome_sentence"]
    assert t.loc[("urban_new_jobs", "level"), ["target", "outcome", "versus"]].tolist() == [1000, 1314, "above"]
    assert t.loc[("cpi", "growth"), ["versus", "met"]].tolist() == ["below", True]  # a ceiling kept
    assert t.loc[("registered_unemployment", "share"), ["versus", "met"]].tolist() == ["below", True]
    # Only 2016 can pair: there is no 2018 or 2023 report to give the 2017 and 2022 results.
    assert set(t["year"]) == {2016}


def test_no_pairs_without_the_next_years_report():
    t = compare.targets_vs_outcomes(["national_2016.txt", "national_2022.txt"])
    assert t.empty and "target_shown" in t.columns


def test_city_against_nearest_national_report():
    cv = compare.city_vs_nation("datong_2025_report.md", NATIONAL)
    assert cv.attrs == {"city_year": 2025, "nation_year": 2022, "nation_report": "national_2022.txt"}
    assert not cv["same_year"].any()
    by = cv.set_index("canonical")
    assert by.loc["gdp", ["city_shown", "nation_shown", "difference"]].tolist() == ["5.5%左右", "5.5%左右", 0.0]
    assert by.loc["cpi", "difference"] == -1.0
    assert by.loc["fixed_asset_investment", "nation_shown"] == "—"
    assert pd.isna(by.loc["urban_new_jobs", "difference"])  # 万人 of a city and of a nation do not subtract


def test_city_against_same_year_report_when_there_is_one():
    cv = compare.city_vs_nation("national_2017.txt", ["national_2016.txt", "national_2017.txt"], kind="actual")
    assert cv.attrs["nation_year"] == 2016 and cv["same_year"].all()


def test_term_shift_rates():
    ts = emphasis.term_shift(["national_2016.txt", "national_2022.txt"], top=15)
    r16 = dl.load_report("national_2016.txt")
    row = ts[(ts["term"] == "改革") & (ts["report"] == "全国2016")].iloc[0]
    assert row["per_1000"] == pytest.approx(1000 * row["count"] / len(r16.text))
    both = ts[ts["term"] == "改革"].set_index("report")["per_1000"]
    assert ts.loc[ts["term"] == "改革", "shift"].iloc[0] == pytest.approx(both["全国2022"] - both["全国2016"])
    assert ts["shift"].abs().is_monotonic_decreasing


# -- the comparison notebook ------------------------------------------------------------------

COMPARE_PARAMS = sorted(config.PARAMS_DIR.glob("compare_*.yaml"))


def test_there_are_comparison_parameter_files():
    assert {p.stem for p in COMPARE_PARAMS} >= {"compare_national", "compare_datong_national"}


@pytest.mark.slow
@pytest.mark.parametrize("params", COMPARE_PARAMS, ids=lambda p: p.stem)
def test_comparison_notebook_runs(params, tmp_path):
    import papermill

    spec = yaml.safe_load(params.read_text(encoding="utf-8"))
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(str(config.NOTEBOOKS_DIR / spec["notebook"]), str(out),
                               parameters=spec["parameters"], kernel_name="python3", cwd=str(tmp_path),
                               progress_bar=False)
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "Glyph" not in text and "Warning" not in text
    assert "6.5–7%" in text and "6.7%" in text
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 2
    if "datong" in params.stem:
        assert "没有2025年的全国政府工作报告" in text and "大同市 2025年目标" in text
