"""Derived measures computed from the report's own figures."""

from __future__ import annotations

import pandas as pd
import pytest

from datong_lib.indicators.derived import (
    MEASURE_COLUMNS, base_year_values, derived_measures, implied_targets, share_absolutes, targets_vs_results,
)
from datong_lib.indicators.curated import load_indicators


@pytest.fixture(scope="module")
def ind():
    return load_indicators()


@pytest.fixture(scope="module")
def tv(ind):
    return targets_vs_results(ind).set_index("concept")


# -- schema -----------------------------------------------------------------------


def test_measure_frames_share_one_schema(ind):
    for f in (base_year_values, implied_targets, share_absolutes, derived_measures):
        df = f(ind)
        assert list(df.columns) == MEASURE_COLUMNS, f.__name__
        assert df["value"].dtype == "float64" and df["year"].dtype == "Int64"
        assert isinstance(df["sector"].dtype, pd.CategoricalDtype)
        assert not df[["measure", "sector", "name_zh", "value", "unit", "note", "source_ids"]].isna().any().any()


def test_targets_vs_results_schema(tv):
    assert list(tv.reset_index().columns) == [
        "concept", "sector", "name", "name_en", "metric", "unit", "result_2024", "target_2025", "qualifier",
        "acceleration_pp", "change", "change_pct", "stance", "result_id", "target_id", "note",
    ]
    assert list(tv["stance"].cat.categories) == ["ambitious", "steady", "cautious"]
    assert not tv[["result_2024", "target_2025", "stance", "note"]].isna().any().any()


def test_source_ids_name_real_rows(ind):
    ids = set(ind["id"])
    for s in derived_measures(ind)["source_ids"]:
        assert set(s.split(",")) <= ids, s


def test_functions_are_pure(ind):
    before = ind.copy()
    derived_measures(ind)
    pd.testing.assert_frame_equal(ind, before)


# -- values -----------------------------------------------------------------------


def test_base_year_values(ind):
    b = base_year_values(ind).set_index("source_ids")
    visits = b.loc["tourist_visits_2024,tourist_visits_growth_2024"]
    assert visits.value == pytest.approx(827.2, abs=0.05) and visits.unit == "万人次" and visits.year == 2023
    assert b.at["ticket_revenue_2024,ticket_revenue_growth_2024", "value"] == pytest.approx(4.73, abs=0.005)


def test_implied_target_from_attainment(ind):
    t = implied_targets(ind)
    assert len(t) == 1
    assert t["value"].iloc[0] == pytest.approx(4.40, abs=0.005) and t["unit"].iloc[0] == "万人"
    assert t["source_ids"].iloc[0] == "urban_jobs_2024,urban_jobs_attainment_2024"


def test_share_absolute_and_reference_share(ind):
    s = share_absolutes(ind).set_index("measure")
    assert s.at["share_absolute", "value"] == pytest.approx(947.7, abs=0.05)
    assert s.at["share_absolute", "unit"] == "万千瓦"
    # "nearly 4 points above the province": the provincial share is a little over 50%
    assert s.at["reference_share", "value"] == pytest.approx(50.0) and s.at["reference_share", "qualifier"] == "over"


@pytest.mark.parametrize(
    "concept, result, target, accel, stance",
    [
        ("gdp_growth", 2.5, 5.5, 3.0, "ambitious"),
        ("fixed_investment_growth", 0.8, 6.5, 5.7, "ambitious"),
        ("retail_sales_growth", 3.3, 5.0, 1.7, "ambitious"),
        ("urban_income_growth", 4.9, 5.5, 0.6, "ambitious"),
        ("rural_income_growth", 7.3, 5.5, -1.8, "cautious"),
    ],
)
def test_growth_accelerations(tv, concept, result, target, accel, stance):
    r = tv.loc[concept]
    assert (r.result_2024, r.target_2025) == (pytest.approx(result), pytest.approx(target))
    assert r.acceleration_pp == pytest.approx(accel, abs=1e-9)
    assert r.stance == stance


def test_levels_ranks_and_counts(tv):
    jobs = tv.loc["urban_jobs"]
    assert (jobs.result_2024, jobs.target_2025, jobs.stance) == (5.27, 4.4, "cautious")
    assert jobs.change == pytest.approx(-0.87) and jobs.change_pct == pytest.approx(-16.5, abs=0.05)
    assert pd.isna(jobs.acceleration_pp)
    assert "≈4.40万人" in jobs.note  # the 2025 target repeats the 2024 one
    assert tv.at["air_quality_rank", "stance"] == "steady"
    assert tv.at["ecology_top_indicators", "stance"] == "steady"


def test_every_result_target_pair_is_compared(ind, tv):
    both = set(ind.loc[(ind.kind == "actual") & ind.value.notna(), "concept"]) & set(ind.loc[ind.kind == "target", "concept"])
    assert set(tv.index) == both
    assert len(both) == 8


def test_word_targets_read_against_gdp_target(tv):
    assert tv.at["urban_income_growth", "qualifier"] == "approx"
    assert tv.at["rural_income_growth", "qualifier"] == "over"
    assert "高于经济增长水平" in tv.at["rural_income_growth", "note"]


def test_derived_measures_collects_everything(ind):
    d = derived_measures(ind)
    assert d["measure"].value_counts().to_dict() == {
        "acceleration": 5, "target_change": 3, "base_year_value": 2, "implied_target": 1,
        "share_absolute": 1, "reference_share": 1,
    }
    gdp = d[d.source_ids == "gdp_growth_2024,gdp_growth_2025"].iloc[0]
    assert (gdp.value, gdp.unit, gdp.year) == (pytest.approx(3.0), "个百分点", 2025)


# -- non-default arguments ---------------------------------------------------------


def test_tolerance_arguments(ind):
    loose = targets_vs_results(ind, tol_pp=1.0, tol_rel=0.2).set_index("concept")
    assert loose.at["urban_income_growth", "stance"] == "steady"  # +0.6 pp is within 1 pp
    assert loose.at["urban_jobs", "stance"] == "steady"  # -16.5% is within 20%
    assert loose.at["gdp_growth", "stance"] == "ambitious"


def test_functions_use_the_frame_they_are_given(ind):
    edited = ind.copy()
    edited.loc[edited.id == "gdp_growth_2025", "value"] = 2.5
    edited.loc[edited.id == "tourist_visits_growth_2024", "value"] = 100.0
    tv = targets_vs_results(edited).set_index("concept")
    assert tv.at["gdp_growth", "stance"] == "steady" and tv.at["gdp_growth", "acceleration_pp"] == 0
    # word targets follow the GDP target they are read against
    assert tv.at["urban_income_growth", "target_2025"] == 2.5
    b = base_year_values(edited).set_index("source_ids")
    assert b.at["tourist_visits_2024,tourist_visits_growth_2024", "value"] == pytest.approx(859.35)
    energy_only = derived_measures(ind[ind.sector == "energy"])
    assert set(energy_only["measure"]) == {"share_absolute", "reference_share"}
    tourism_only = derived_measures(ind[ind.sector == "tourism"])  # results only, no targets
    assert set(tourism_only["measure"]) == {"base_year_value"}
    assert targets_vs_results(ind[ind.kind == "actual"]).empty
    assert derived_measures(ind[ind.sector == "safety"]).empty  # a text-only sector


def test_targets_vs_results_memo_returns_copies_and_follows_changes():
    import datong_lib as dl
    from datong_lib.indicators.derived import targets_vs_results

    ind = dl.load_indicators()
    first = targets_vs_results(ind)
    first.loc[:, "note"] = "changed by the caller"
    again = targets_vs_results(ind.copy())
    assert not (again["note"] == "changed by the caller").any()
    targets_vs_results.cache_clear()
    pd.testing.assert_frame_equal(again, targets_vs_results(ind))
    changed = ind.copy()
    changed.loc[changed["concept"] == "gdp_growth", "value"] += 1
    assert not targets_vs_results(changed).equals(again)


def test_targets_frame_and_derived_measures_share_one_computation(monkeypatch):
    import datong_lib as dl
    from datong_lib.indicators import derived

    ind = dl.load_indicators().copy()
    derived.targets_vs_results.cache_clear()
    calls = []
    real = derived._stance
    monkeypatch.setattr(derived, "_stance", lambda *a: calls.append(a) or real(*a))
    dl.indicators.targets_frame(ind)
    n = len(calls)
    derived.derived_measures(ind)
    assert n and len(calls) == n
