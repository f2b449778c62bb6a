"""Time importing reports: a 100-page PDF printed by Chromium, and a whole folder of reports.

"Read" is the reader alone (:func:`datong_lib.readers.read_documents`); "load" is what a
notebook pays, ``load_report`` (reader, structure, metadata) for every report in the file.

Usage: python benchmarks/bench_readers.py [FOLDER]

FOLDER defaults to ``$DATONG_CORPUS``, else ``../shared/corpus2`` beside the checkout
when it exists, else ``data/raw``. The PDF part needs the system Chromium
(scripts/install_browser_deps.sh); without it that line says so and the rest runs.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from datong_lib import config  # noqa: E402
from datong_lib.errors import ReportError  # noqa: E402
from datong_lib.readers import read_documents  # noqa: E402
from datong_lib.report import load_report  # noqa: E402


def bench_pdf(pages_wanted: int = 100) -> None:
    from pdfkit import chromium, report_pdf

    exe = chromium()
    if exe is None:
        print("pdf: skipped (no system Chromium; run scripts/install_browser_deps.sh)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        one = report_pdf(config.DEFAULT_REPORT, Path(tmp), exe)
        per_copy = len({loc["page"] for _, loc in read_documents(one)[0].locators})
        repeat = -(-pages_wanted // per_copy)
        pdf = report_pdf(config.DEFAULT_REPORT, Path(tmp), exe, repeat=repeat)
        got = len({loc["page"] for _, loc in read_documents(pdf)[0].locators})
        if got < pages_wanted:  # copies share pages, so ask for a few more
            pdf = report_pdf(config.DEFAULT_REPORT, Path(tmp), exe, repeat=-(-repeat * pages_wanted // got))
        t0 = time.perf_counter()
        [doc] = read_documents(pdf)
        dt = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = load_report(pdf, sidecar=False)
        dl = time.perf_counter() - t0
        pages = max(loc["page"] for _, loc in doc.locators)
        print(f"pdf: {pages} pages, {len(doc.text):,} characters: read in {dt:.2f} s ({dt / pages * 1000:.0f} ms/page), "
              f"load_report in {dl:.2f} s ({len(report.paragraphs):,} paragraphs)")


def bench_folder(folder: Path) -> None:
    files = [p for p in sorted(folder.iterdir()) if p.is_file() and p.suffix.lower() not in (".yaml", ".yml")
             and p.name not in ("SOURCES.md", "README.md")]
    t0 = time.perf_counter()
    rows, errors = [], 0
    for p in files:
        try:
            rows += [(p, d.metadata.get("row")) for d in read_documents(p)]
        except ReportError:
            errors += 1
    dt = time.perf_counter() - t0
    t0 = time.perf_counter()
    for p, row in rows:
        load_report(p, row=row)
    dl = time.perf_counter() - t0
    print(f"folder {folder}: {len(files)} files, {len(rows)} reports, {errors} errors: read in {dt:.2f} s, "
          f"load_report in {dl:.2f} s")


def main(argv: list[str]) -> None:
    if argv:
        folder = Path(argv[0])
    elif os.environ.get("DATONG_CORPUS"):
        folder = Path(os.environ["DATONG_CORPUS"])
    elif (ROOT.parent / "shared" / "corpus2").is_dir():
        folder = ROOT.parent / "shared" / "corpus2"
    else:
        folder = config.RAW_DIR
    bench_folder(folder)
    bench_pdf()


if __name__ == "__main__":
    main(sys.argv[1:])
