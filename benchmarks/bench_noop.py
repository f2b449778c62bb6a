"""Time a build with nothing to do when the manifest lists well over 100 briefings.

Fills a temporary reports folder as a finished corpus build would leave it: every
parameter file for the default report and for each bundled national report
(``--report 'data/raw/national_*.txt'``), each recorded as built from its current inputs.
To get there without executing some 200 notebooks, the fill runs the build's own decision
and bookkeeping with notebook execution replaced by an empty executed notebook; the timed
runs are then the real ``datong build`` command, which must find nothing to do. Prints
the wall time of the command (interpreter start included), the build's own time and the
command's CPU time (steadier than wall time on a busy machine), and
checks that pandas, papermill, nbconvert and nbclient were not imported.

    python benchmarks/bench_noop.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PATTERN = str(ROOT / "data" / "raw" / "national_*.txt")
HEAVY = ("pandas", "papermill", "nbconvert", "nbclient", "matplotlib")


def fill(reports_dir: Path) -> int:
    """Record every briefing as built, running the build with a stub in place of the kernels."""
    import nbformat

    from datong_lib.cli import _expand_report
    from datong_lib.publish import pool, runner

    empty = nbformat.writes(nbformat.v4.new_notebook())

    def stub(tasks, *, on_result, **_):
        for task in tasks:
            on_result(task, {"slug": task["slug"], "status": "ok", "error": None, "attempts": 1,
                             "duration": 0.0, "notebook_json": empty})

    pool.run_local = stub
    for report in (None, [str(Path(p).resolve()) for p in _expand_report(PATTERN)]):
        result = runner.build(reports_dir=reports_dir, force=True, report=report, progress=False)
        assert not result.failed, result.summary()
    return len(json.loads((reports_dir / "manifest.json").read_text(encoding="utf-8"))["briefings"])


def timed(reports_dir: Path, *extra: str) -> tuple[float, float, list[str]]:
    """One no-op build in a fresh interpreter: (wall seconds, build seconds, heavy modules loaded)."""
    code = (
        "import sys, time; t = time.perf_counter()\n"
        "from datong_lib.cli import main\n"
        f"code = main(['build', '--quiet', '--reports-dir', {str(reports_dir)!r}, *{list(extra)!r}])\n"
        "import json; print(json.dumps([time.perf_counter() - t, "
        f"sorted(m for m in {HEAVY!r} if m in sys.modules), code]))\n"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "DATONG_PROJECT_DIR": str(ROOT)})
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    inner, heavy, code = json.loads(out.stdout.strip().splitlines()[-1])
    if code != 0:
        sys.exit(f"the no-op build exited {code}: {out.stderr}")
    return wall, inner, heavy, cpu


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-noop-") as tmp:
        reports_dir = Path(tmp) / "reports"
        n = fill(reports_dir)
        before = {p: p.stat().st_mtime_ns for p in reports_dir.glob("*.*")}
        for label, extra in (("datong build --report 'national_*.txt'", ("--report", PATTERN)),
                             ("datong build", ())):
            runs = [timed(reports_dir, *extra) for _ in range(args.runs)]
            walls = sorted(r[0] for r in runs)
            inner = sorted(r[1] for r in runs)
            heavy = sorted({m for r in runs for m in r[2]})
            cpu = sorted(r[3] for r in runs)
            print(f"no-op {label}: {n} briefings in the manifest; command {statistics.median(walls):.3f} s "
                  f"median ({walls[0]:.3f}-{walls[-1]:.3f}, {args.runs} runs), of which main() "
                  f"{statistics.median(inner):.3f} s; CPU time {statistics.median(cpu):.3f} s; "
                  f"heavy modules loaded: {', '.join(heavy) or 'none'}")
        changed = [p.name for p in reports_dir.glob("*.*") if p.stat().st_mtime_ns != before.get(p)]
        if changed:
            print(f"WARNING: the no-op builds rewrote {', '.join(sorted(changed)[:5])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
