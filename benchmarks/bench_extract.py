"""Time the indicator extractor on the bundled Datong report and a national report.

Usage: ``python benchmarks/bench_extract.py [--repeat 20]``. Loading and sentence
splitting happen once before timing, so the figures are the extractor's own cost
(the acceptance targets: Datong < 50 ms, a 20,000-character national report < 200 ms).
"""

from __future__ import annotations

import argparse
import statistics
import time

from datong_lib import load_report
from datong_lib.figures.extractor import extract


def bench(name: str, repeat: int) -> tuple[int, int, float, float]:
    """Return characters, figures, median and best time in ms for one report."""
    report = load_report(name)
    report.sentences  # built once, as any caller would have it cached
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        df = extract(report)
        times.append((time.perf_counter() - t0) * 1000)
    return len(report.text), len(df), statistics.median(times), min(times)


def bench_text(name: str, repeat: int) -> float:
    """Return the median ms for extracting from a plain string (parsing included)."""
    text = load_report(name).text
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        extract(text)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description="time extract() on bundled reports")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    for name in ("datong_2025_report.md", "national_2016.txt", "national_2017.txt", "national_2022.txt"):
        chars, n, med, best = bench(name, args.repeat)
        from_str = bench_text(name, max(3, args.repeat // 4))
        print(f"{name:<24} {chars:>6} chars {n:>4} figures  extract(report) median {med:6.1f} ms "
              f"(best {best:5.1f})  extract(str) median {from_str:6.1f} ms")


if __name__ == "__main__":
    main()
