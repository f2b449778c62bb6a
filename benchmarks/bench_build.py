"""Time the naive notebook loop against ``datong build`` on the same briefings.

(a) naive: for each parameter file, the ``papermill`` CLI, then ``jupyter nbconvert --to html``,
    one briefing after another;
(b) ``datong build --force`` into a fresh folder, before and after each naive loop
    (``--pairs`` naive loops, default 2: build, naive, build, naive, build), so that each
    naive loop is compared with the builds on either side of it and a machine whose load
    drifts still gives a fair ratio; the spread over the pairs is printed;
(c) ``datong build`` again with nothing changed.

By default the eight briefings of the speed target (overview, targets, text analysis and
five sector briefings); ``--all`` times every parameter file. Runs on the project's
notebooks/ and params/ when they exist, otherwise on a small synthetic project.
Everything is written to a temporary folder; ``reports/`` is not touched.

    python benchmarks/bench_build.py [--all | --limit N] [--jobs N] [--pairs N]
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

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
BIN = Path(sys.executable).parent
EIGHT = ["overview", "targets", "text_analysis", "sector_tourism", "sector_energy", "sector_macro",
         "sector_livelihood", "sector_agriculture"]


def _tool(name: str) -> str:
    path = BIN / name
    return str(path) if path.exists() else name


def _project(tmp: Path) -> Path:
    if list((ROOT / "params").glob("*.yaml")) and list((ROOT / "notebooks").glob("*.ipynb")):
        return ROOT
    sys.path.insert(0, str(ROOT / "tests"))
    import buildkit

    print("no notebooks/params in the project yet: using a synthetic project")
    return buildkit.make_project(tmp / "synthetic", {
        s: buildkit.sector_params(s) for s in ("energy", "tourism", "macro")} | {"overview": {"notebook": "01_overview.ipynb"}})


CPU: dict[str, list[float]] = {"naive": [], "build": []}  # CPU seconds of each run's processes


def naive(project: Path, slugs: list[str], out: Path, per: dict) -> float:
    out.mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    for slug in slugs:
        t1 = time.perf_counter()
        spec = yaml.safe_load((project / "params" / f"{slug}.yaml").read_text(encoding="utf-8"))
        params = out / f"{slug}.params.yaml"
        params.write_text(yaml.safe_dump(spec.get("parameters") or {}, allow_unicode=True), encoding="utf-8")
        executed = out / f"{slug}.ipynb"
        subprocess.run([_tool("papermill"), str(project / "notebooks" / spec["notebook"]), str(executed),
                        "-f", str(params), "-k", "python3", "--no-progress-bar",
                        "--cwd", str(project / "notebooks")], check=True, capture_output=True)
        subprocess.run([_tool("jupyter"), "nbconvert", "--to", "html", str(executed)], check=True, capture_output=True)
        per[slug] = time.perf_counter() - t1
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the CLIs and the kernels they waited for
    CPU["naive"].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return time.perf_counter() - t0


def datong(project: Path, reports: Path, *extra: str) -> float:
    env = {**os.environ, "DATONG_PROJECT_DIR": str(project)}
    from bench_corpus import run_sampled  # psutil: the build's forkserver and workers are not its waited children

    elapsed, sampler, proc, stdout, stderr = run_sampled(
        [_tool("datong"), "build", "--reports-dir", str(reports), "--quiet", *extra], env)
    if "--force" in extra:
        CPU["build"].append(sum(sampler.cpu.values()))
    run = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    if run.returncode not in (0, 1):
        sys.exit(f"datong build failed ({run.returncode}): {run.stderr}")
    if run.returncode == 1:
        print(run.stderr.strip())
    return elapsed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--all", action="store_true", help="time every parameter file, not the eight")
    ap.add_argument("--limit", type=int, help="time only the first N briefings")
    ap.add_argument("--jobs", type=int, help="passed to datong build (default: its own, one more than the cores)")
    ap.add_argument("--pairs", type=int, default=2, help="naive loops, each between two builds (default 2)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmpname:
        tmp = Path(tmpname)
        project = _project(tmp)
        slugs = sorted(p.stem for p in (project / "params").glob("*.yaml"))
        if not args.all and set(EIGHT) <= set(slugs):
            slugs = EIGHT
        slugs = slugs[: args.limit]
        extra = ["--only", *slugs] + (["--jobs", str(args.jobs)] if args.jobs else [])
        print(f"{len(slugs)} briefings from {project}, {os.cpu_count()} cores")
        builds, naives, naive_per = [], [], {}
        builds.append(datong(project, tmp / "reports0", "--force", *extra))
        for i in range(max(1, args.pairs)):
            naives.append(naive(project, slugs, tmp / "naive", naive_per))
            builds.append(datong(project, tmp / f"reports{i + 1}", "--force", *extra))
        last = tmp / f"reports{len(builds) - 1}"
        c = datong(project, last, *extra)
        sizes = sorted((last / f"{s}.html").stat().st_size for s in slugs if (last / f"{s}.html").exists())
        naive_sizes = sorted((tmp / "naive" / f"{s}.html").stat().st_size for s in slugs)
        pers = []
        for i in range(len(builds)):
            entries = json.loads((tmp / f"reports{i}" / "manifest.json").read_text(encoding="utf-8"))["briefings"]
            pers.append({s: entries.get(s, {}).get("duration") or 0.0 for s in slugs})
    a, b = statistics.median(naives), statistics.median(builds)
    ratios = [n / ((builds[i] + builds[i + 1]) / 2) for i, n in enumerate(naives)]
    print(f"(a) naive papermill + nbconvert CLI loop: {a:8.2f} s   (loops " + ", ".join(f"{x:.1f}" for x in naives)
          + f" s; last loop per briefing: " + ", ".join(f"{s} {d:.1f}" for s, d in naive_per.items()) + ")")
    print(f"(b) datong build --force, median of {len(builds)}: {b:6.2f} s   (builds "
          + ", ".join(f"{x:.2f}" for x in builds) + " s)")
    print(f"(a)/(b), each naive loop against the mean of the builds either side: "
          + ", ".join(f"{r:.2f}x" for r in ratios) + f"; median {statistics.median(ratios):.2f}x "
          f"(range {min(ratios):.2f}x-{max(ratios):.2f}x)")
    if CPU["naive"] and CPU["build"]:
        cn, cb = statistics.median(CPU["naive"]), statistics.median(CPU["build"])
        print(f"CPU seconds (load-independent work): naive {cn:.1f}, build {cb:.1f} (sampled every 50 ms), "
              f"ratio {cn / cb:.2f}x")
    print(f"(c) datong build, nothing changed:        {c:8.2f} s   (a)/(c) = {a / c:.0f}x")
    per = pers[builds.index(sorted(builds)[len(builds) // 2])]
    print("per briefing, in its worker (kernel start to executed notebook), median build: "
          + ", ".join(f"{s} {d:.1f}" for s, d in per.items())
          + f"; mean {sum(per.values()) / max(1, len(per)):.2f} s, (b)/briefings {b / max(1, len(slugs)):.2f} s")
    if sizes:
        print(f"briefing HTML: median {sizes[len(sizes) // 2] / 1024:.0f} KB, max {sizes[-1] / 1024:.0f} KB "
              f"(nbconvert default: median {naive_sizes[len(naive_sizes) // 2] / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
