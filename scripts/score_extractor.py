"""Score the indicator extractor against the hand-checked gold tables in data/gold/.

For each gold table ``data/gold/<report>.csv`` the bundled report ``<report>`` is
extracted and every gold row is paired with the extracted figure whose span
overlaps it. Two scores are printed per report:

* ``value+unit``: a pair counts when value, value_high and unit agree;
* ``full row``: value, value_high, unit, metric, qualifier, year and kind agree.

A gold table may cover only part of its report; ``data/gold/coverage.yaml`` then
names the heading where the checked part ends, and figures after it are ignored.

Usage::

    python scripts/score_extractor.py [--min 0.98] [--report datong_2025_report] [--quiet]

The exit status is 1 when a Datong score falls below ``--min``.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "data" / "gold"
MAIN = "datong_2025_report"
KEY = ["value", "value_high", "unit"]
FULL = KEY + ["metric", "qualifier", "year", "kind"]


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        try:
            a, b = float(a), float(b)
        except (TypeError, ValueError):
            return False
        return (math.isnan(a) and math.isnan(b)) or abs(a - b) < 1e-6
    return str(a) == str(b)


def _agree(g, x, cols) -> bool:
    return all(_same(g[c], x[c]) for c in cols)


def load_gold(name: str) -> tuple[pd.DataFrame, int | None]:
    """Return a gold table and the text offset where its checked part ends (None: whole report)."""
    gold = pd.read_csv(GOLD_DIR / f"{name}.csv", encoding="utf-8", keep_default_na=False,
                       dtype={"unit": str, "metric": str, "qualifier": str, "kind": str, "subject": str})
    gold["value"] = gold["value"].astype(float)
    gold["value_high"] = pd.to_numeric(gold["value_high"].replace("", float("nan")))
    gold["year"] = gold["year"].astype(int)
    cov_file = GOLD_DIR / "coverage.yaml"
    until = None
    if cov_file.exists():
        cov = yaml.safe_load(cov_file.read_text(encoding="utf-8")) or {}
        until = (cov.get(name) or {}).get("until")
    return gold, until


def score(name: str) -> dict:
    """Return precision and recall of the extractor on one gold table, with misses and false positives."""
    from datong_lib import load_report
    from datong_lib.figures.extractor import extract

    report = load_report(name)
    gold, until = load_gold(name)
    limit = len(report.text)
    if until:
        k = report.text.find(until)
        if k < 0:
            raise SystemExit(f"coverage heading {until!r} not found in {name}; fix data/gold/coverage.yaml")
        limit = k
    got = extract(report)
    got = got[got["start"] < limit].reset_index(drop=True)
    got["year"] = got["year"].astype(int)
    used: set[int] = set()
    pairs = []
    for gi, g in gold.iterrows():
        cands = got[(got["start"] < g["end"]) & (got["end"] > g["start"])]
        best = None
        for xi, x in cands.iterrows():
            if xi in used:
                continue
            if best is None or _agree(g, x, KEY):
                best = xi
                if _agree(g, x, KEY):
                    break
        if best is not None:
            used.add(best)
        pairs.append((gi, best))
    out = {"report": name, "gold": len(gold), "extracted": len(got)}
    for label, cols in (("value_unit", KEY), ("full", FULL)):
        hits = sum(1 for gi, xi in pairs if xi is not None and _agree(gold.loc[gi], got.loc[xi], cols))
        out[f"{label}_precision"] = hits / len(got) if len(got) else 1.0
        out[f"{label}_recall"] = hits / len(gold) if len(gold) else 1.0
    out["misses"] = [
        (gold.loc[gi, "text"], int(gold.loc[gi, "start"]),
         "not found" if xi is None else _diff(gold.loc[gi], got.loc[xi]))
        for gi, xi in pairs if xi is None or not _agree(gold.loc[gi], got.loc[xi], FULL)
    ]
    out["false_positives"] = [(got.loc[i, "text"], int(got.loc[i, "start"]), got.loc[i, "sentence"][:40])
                              for i in got.index if i not in used]
    return out


def _diff(g, x) -> str:
    return ", ".join(f"{c}: gold {g[c]!r} got {x[c]!r}" for c in FULL if not _same(g[c], x[c]))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min", type=float, default=0.98, help="lowest acceptable Datong score (default 0.98)")
    ap.add_argument("--report", action="append", help="score only this gold table (repeatable)")
    ap.add_argument("--quiet", action="store_true", help="print the scores only")
    args = ap.parse_args(argv)
    names = args.report or sorted(p.stem for p in GOLD_DIR.glob("*.csv"))
    status = 0
    for name in names:
        s = score(name)
        print(f"{name}: {s['gold']} gold, {s['extracted']} extracted")
        for label in ("value_unit", "full"):
            print(f"  {label:<10} precision {s[label + '_precision']:.3f}  recall {s[label + '_recall']:.3f}")
        if not args.quiet:
            for text, start, why in s["misses"]:
                print(f"  miss  {start:>6} {text}: {why}")
            for text, start, sent in s["false_positives"]:
                print(f"  extra {start:>6} {text}  ({sent}…)")
        if name == MAIN and min(s[k] for k in s if k.endswith(("precision", "recall"))) < args.min:
            print(f"  below --min {args.min}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
