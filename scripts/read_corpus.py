"""Read every report file of one or more folders and print what each reader found.

Usage: python scripts/read_corpus.py DIR [DIR...]

One line per document: file (and row), reader, report year, reviewed year, level, place,
speaker, characters, pages or rows, seconds; conflicts and errors after it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from datong_lib.errors import ReportError  # noqa: E402
from datong_lib.readers import read_documents  # noqa: E402

SKIP = {".yaml", ".yml", ".json"}


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    files = [p for d in argv for p in sorted(Path(d).iterdir())
             if p.is_file() and p.suffix.lower() not in SKIP and p.name not in ("SOURCES.md", "README.md")]
    failed = 0
    total = time.perf_counter()
    print(f"{'file':34} {'reader':6} {'year':>4} {'rev':>4} {'level':8} {'place':10} {'speaker':6} {'chars':>6} {'loc':>4} {'s':>5}")
    for path in files:
        t0 = time.perf_counter()
        try:
            docs = read_documents(path)
        except ReportError as exc:
            failed += 1
            print(f"{path.name:34} ERROR {exc}")
            continue
        dt = time.perf_counter() - t0
        for d in docs:
            m = d.metadata
            name = path.name + (f"#{m['row']}" if "row" in m else "")
            locs = len({tuple(t.items()) for _, t in d.locators})
            print(f"{name:34} {d.reader:6} {m.get('report_year', '-')!s:>4} {m.get('reviewed_year', '-')!s:>4} "
                  f"{m.get('level', '-'):8} {m.get('place', '-'):10} {m.get('speaker', '-'):6} {len(d.text):>6} "
                  f"{locs:>4} {dt:5.2f}")
            if m.get("conflicts"):
                print(f"{'':34} conflicts: {m['conflicts']}")
            if d.front:
                print(f"{'':34} front: {d.front[:60]}…")
    print(f"{len(files)} files, {failed} failed, {time.perf_counter() - total:.2f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
