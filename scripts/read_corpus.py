"""Load every report file of one or more folders and print what was detected.

Usage: python scripts/read_corpus.py [--figures] DIR [DIR...]

Each document (each report row of a table) goes through ``load_report(..., sidecar=False)``,
so what is printed is detection alone: file (and row), reader, report year, reviewed year,
level, place, speaker, characters, pages or rows, seconds; ``--figures`` adds the number of
figures extracted. When a sidecar sits beside the file, a value that disagrees with it is
marked ``!`` and listed after the line; conflicts, front matter and errors follow too.
Exit code 1 when a file fails or a detected year, level or place disagrees with its sidecar.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from datong_lib.errors import ReportError  # noqa: E402
from datong_lib.readers import read_documents  # noqa: E402
from datong_lib.report import load_report  # noqa: E402
from datong_lib.report.metadata import read_sidecar  # noqa: E402

SKIP = {".yaml", ".yml", ".json"}
CHECKED = ("report_year", "level", "place")


def _files(folders: list[str]) -> list[Path]:
    return [p for d in folders for p in sorted(Path(d).iterdir())
            if p.is_file() and p.suffix.lower() not in SKIP and p.name not in ("SOURCES.md", "README.md")]


def main(argv: list[str]) -> int:
    figures = "--figures" in argv
    folders = [a for a in argv if a != "--figures"]
    if not folders:
        print(__doc__)
        return 2
    files = _files(folders)
    failed = wrong = 0
    total = time.perf_counter()
    print(f"{'file':34} {'reader':6} {'year':>4} {'rev':>4} {'level':8} {'place':10} {'speaker':6} {'chars':>6} "
          f"{'loc':>4} {'s':>5}" + (" figs" if figures else ""))
    for path in files:
        t0 = time.perf_counter()
        try:
            rows = [d.metadata.get("row") for d in read_documents(path)]
            reports = [load_report(path, row=r, sidecar=False) for r in rows]
        except ReportError as exc:
            failed += 1
            print(f"{path.name:34} ERROR {exc}")
            continue
        dt = (time.perf_counter() - t0) / len(reports)
        truth = read_sidecar(path)
        for r in reports:
            m = r.metadata
            bad = [k for k in CHECKED if k in truth and truth[k] != m.get(k)]
            wrong += bool(bad)
            mark = {k: "!" if k in bad else "" for k in CHECKED}
            name = path.name + (f"#{m['row']}" if "row" in m else "")
            locs = len({tuple(t.items()) for _, t in r.locators})
            n_figs = f" {len(__import__('datong_lib').extract(r)):4}" if figures else ""
            print(f"{name:34} {r.reader:6} {m.get('report_year', '-')!s:>4}{mark['report_year']} "
                  f"{m.get('reviewed_year', '-')!s:>4} {m.get('level', '-') + mark['level']:8} "
                  f"{m.get('place', '-') + mark['place']:10} {m.get('speaker', '-'):6} {len(r.text):>6} "
                  f"{locs:>4} {dt:5.2f}{n_figs}")
            for k in bad:
                print(f"{'':34} ! {k}: detected {m.get(k)!r}, sidecar {truth[k]!r}")
            if m.get("conflicts"):
                print(f"{'':34} conflicts: {m['conflicts']}")
            if r.front:
                print(f"{'':34} front: {r.front[:60]}…")
    print(f"{len(files)} files, {failed} failed, {wrong} disagree with their sidecar, "
          f"{time.perf_counter() - total:.2f} s")
    return 1 if failed or wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
