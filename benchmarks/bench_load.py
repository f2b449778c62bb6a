"""Time `import datong_lib` and loading the bundled report; print the figures.

Goals (issue 2): loading the bundled report well under 100 ms; importing the package
pulls in no plotting library.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def _import_time() -> tuple[float, list[str]]:
    code = (
        "import time, sys; t = time.perf_counter(); import datong_lib; "
        "dt = time.perf_counter() - t; "
        "print(dt, ','.join(m for m in ('pandas', 'matplotlib', 'seaborn') if m in sys.modules))"
    )
    runs = []
    heavy = ""
    for _ in range(5):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        runs.append(float(out[0]))
        heavy = out[1] if len(out) > 1 else ""
    return statistics.median(runs), [m for m in heavy.split(",") if m]


def main() -> None:
    t_import, heavy = _import_time()
    print(f"import datong_lib: {t_import * 1000:.1f} ms (median of 5); heavy modules imported: {heavy or 'none'}")
    import datong_lib as dl

    dl.load_report()  # warm: pandas import and file cache
    for label, fn in [
        ("load_report() (Datong, 12 KB)", lambda: dl.load_report()),
        ("load_report() + .sentences", lambda: dl.load_report().sentences),
        ("load_report('national_2016') (59 KB)", lambda: dl.load_report("national_2016").sentences),
    ]:
        runs = []
        for _ in range(30):
            t = time.perf_counter()
            fn()
            runs.append(time.perf_counter() - t)
        print(f"{label}: median {statistics.median(runs) * 1000:.1f} ms, max {max(runs) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
