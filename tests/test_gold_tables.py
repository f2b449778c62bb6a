"""The gold tables of data/gold/ as data: format, coverage, and that every row is located.

No extractor runs here: the checks read the gold CSVs, ``coverage.yaml``, the report
texts (through the loader) and the sidecars of the excerpts in data/holdout*/. A new table
or excerpt split is covered automatically.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold"
# Splits whose reports are web-page excerpts in data/<split>/ (not in data/raw).
EXCERPT_SPLITS = tuple(p.name for p in sorted((ROOT / "data").glob("holdout*")) if p.is_dir())
TABLES = sorted(p.stem for p in GOLD.glob("*.csv"))
EXCERPTS = [(split, p.stem) for split in EXCERPT_SPLITS for p in sorted((ROOT / "data" / split).glob("*.txt"))]

# The vocabulary of data/gold/README.md (Columns).
METRICS = {"level", "count", "growth", "share", "pp", "rank", "streak", "multiple", "ratio_to_target", "gap"}
QUALIFIERS = {"", "approx", "at_most", "at_least", "over", "nearly"}
KINDS = {"actual", "target", "plan", "estimate"}
SPLITS = {"dev", "holdout2", *EXCERPT_SPLITS}
COLUMNS = "text,value,value_high,unit,metric,qualifier,subject,year,kind,period,start,end,sentence".split(",")
OLD_COLUMNS = [c for c in COLUMNS if c != "period"]  # the two older offset tables


@pytest.fixture(scope="module")
def coverage():
    return yaml.safe_load((GOLD / "coverage.yaml").read_text(encoding="utf-8"))


def _table(name):
    return pd.read_csv(GOLD / f"{name}.csv", encoding="utf-8", keep_default_na=False, dtype=str)


@pytest.mark.parametrize("name", TABLES)
def test_gold_table_format(name, coverage):
    df = _table(name)
    assert list(df.columns) in (COLUMNS, OLD_COLUMNS), list(df.columns)
    assert len(df) > 0
    for _, r in df.iterrows():
        where = f"{name}: {r['text']!r}"
        assert r["text"].strip() and r["sentence"].strip(), where
        float(r["value"])
        if r["value_high"]:
            assert float(r["value_high"]) >= float(r["value"]), where
        assert r["metric"] in METRICS, where
        assert r["qualifier"] in QUALIFIERS, where
        assert r["kind"] in KINDS, where
        assert r["year"] == "" or re.fullmatch(r"1[89]\d\d|20\d\d", r["year"]), where
        if "period" in df.columns and r["period"]:
            a, b = map(int, re.fullmatch(r"(\d{4})-(\d{4})", r["period"]).groups())
            assert a <= b, where
        assert "%" not in r["unit"] or r["unit"] == "%", where
    assert (coverage.get(name) or {}).get("split") in SPLITS, f"{name} has no split in coverage.yaml"


def test_every_covered_report_has_a_table(coverage):
    assert set(coverage) <= set(TABLES)


@pytest.mark.parametrize("name", TABLES)
def test_every_gold_row_is_located(name, scorer):
    assert scorer.check_gold(name) == []


# What each excerpt split was collected to hold: (reports, gold rows). holdout10 is short,
# nine reports (data/gold/README.md, gold10); holdout11 has ten (gold11).
SIZES = {"holdout4": (12, 170), "holdout5": (12, 170), "holdout6": (12, 170), "holdout7": (12, 170),
         "holdout8": (12, 170), "holdout9": (12, 180), "holdout10": (9, 115),
         "holdout11": (10, 155)}


@pytest.mark.parametrize("split", sorted(SIZES))
def test_excerpt_split_has_its_reports(split):
    reports, least = SIZES[split]
    names = [n for s, n in EXCERPTS if s == split]
    assert len(names) >= reports
    rows = sum(len(_table(n)) for n in names)
    assert rows >= least, rows


@pytest.mark.parametrize("split,name", EXCERPTS)
def test_excerpt_report_sidecar_and_split(split, name, coverage):
    from datong_lib import load_report

    folder = ROOT / "data" / split
    meta = yaml.safe_load((folder / f"{name}.yaml").read_text(encoding="utf-8"))
    assert meta["original_file"] == f"{name}.txt"
    path = folder / meta["original_file"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == meta["sha256"]
    assert meta["origin"].startswith("http") and meta["origin"] in meta["source"]
    level, place, year = name.split("_")
    assert meta["level"] == level and int(year) == meta["report_year"] == meta["reviewed_year"] + 1
    got = load_report(path).metadata
    assert (got["level"], got["place"], got["report_year"]) == (meta["level"], meta["place"], meta["report_year"])
    text = path.read_text(encoding="utf-8")
    assert text.rstrip()[-1] in "。！？"  # cut at the last complete sentence
    assert (coverage.get(name) or {}).get("split") == split
    assert (GOLD / f"{name}.csv").exists()
    assert f"{name}.txt" in (folder / "SOURCES.md").read_text(encoding="utf-8")
    assert meta["sha256"][:16] in (folder / "SOURCES.md").read_text(encoding="utf-8")


def test_excerpt_names_are_unique():
    names = [n for _, n in EXCERPTS]
    assert len(names) == len(set(names))
    assert not {n for n in names} & {p.stem for p in (ROOT / "data" / "raw").iterdir()}
