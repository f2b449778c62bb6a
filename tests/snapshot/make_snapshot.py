"""Snapshot extraction, indicator tables and headline figures of every bundled report.

Temporary: taken before the library is regrouped, compared after, then removed.
"""
import sys
from pathlib import Path

import pandas as pd

OUT = Path(__file__).resolve().parent


def tables(name):
    import datong_lib as dl
    try:
        from datong_lib.figures import extract
        from datong_lib.indicators import report_indicators
        from datong_lib.compare import headline_indicators
    except ImportError:
        from datong_lib.extractor import extract
        from datong_lib.analysis import report_indicators
        from datong_lib.compare import headline_indicators
    rep = dl.load_report(name)
    return {"extract": extract(rep), "indicators": report_indicators(rep), "headlines": headline_indicators(rep)}


def names():
    return ["datong_2025_report.md", "national_2016.txt", "national_2017.txt", "national_2022.txt"]


if __name__ == "__main__":
    for n in names():
        for k, df in tables(n).items():
            df.astype(str).to_csv(OUT / f"{Path(n).stem}.{k}.csv", index=False)
    print("written")
