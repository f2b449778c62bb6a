"""Time a corpus build: every bundled national report × overview, targets and text analysis.

Runs ``datong build --force --report 'data/raw/national_*.txt' --only overview targets
text_analysis`` into a temporary folder with ``--jobs 1`` and then ``--jobs 2``, and
prints the wall time of each, the scaling between them, and the peak resident memory of
the processes the build starts, sampled every 50 ms with psutil: each kernel (the process
that runs a notebook), each worker (papermill's side of one briefing), the warm template
they fork from, and the build itself, and the CPU seconds each kind used (steadier than
wall time on a busy machine). ``reports/`` is not touched.

    python benchmarks/bench_corpus.py [--jobs 1 2] [--limit N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NOTEBOOKS = ["overview", "targets", "text_analysis"]


def _role(proc: psutil.Process, build_pid: int) -> str:
    """What a process in the build's tree is, from its ancestry."""
    try:
        cmd = " ".join(proc.cmdline())
        parents = [p.pid for p in proc.parents()]
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return "gone"
    if "ipykernel_launcher" in cmd:
        return "kernel"
    if "forkserver" not in cmd and "multiprocessing" not in cmd:
        return "other"
    if "resource_tracker" in cmd:
        return "other"
    depth = parents.index(build_pid) if build_pid in parents else -1
    # build -> forkserver (0) -> worker (1) -> kernel forked by the worker (2)
    return {0: "template", 1: "worker", 2: "kernel"}.get(depth, "other")


class Sampler(threading.Thread):
    """Peak RSS by role over the build's process tree."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.total, self.stop = pid, {}, 0, threading.Event()
        self.roles: dict[int, str] = {}
        self.cpu: dict[int, float] = {}  # last seen user+system seconds per process

    def run(self):
        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self.stop.is_set():
            try:
                procs = [root] + root.children(recursive=True)
            except psutil.NoSuchProcess:
                break
            total = 0
            for p in procs:
                try:
                    rss = p.memory_info().rss
                    times = p.cpu_times()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                self.cpu[p.pid] = times.user + times.system
                role = "build" if p.pid == self.pid else self.roles.get(p.pid) or _role(p, self.pid)
                self.roles[p.pid] = role
                self.peak[role] = max(self.peak.get(role, 0), rss)
                total += rss
            self.total = max(self.total, total)
            time.sleep(0.05)


def cpu_by_role(sampler: Sampler) -> dict[str, float]:
    out: dict[str, float] = {}
    for pid, seconds in sampler.cpu.items():
        role = sampler.roles.get(pid, "other")
        out[role] = out.get(role, 0.0) + seconds
    return out


def run_sampled(cmd: list[str], env: dict) -> tuple[float, "Sampler", subprocess.Popen, str, str]:
    """Run *cmd* to the end with its process tree sampled; return seconds, sampler, process, stdout, stderr."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    elapsed = time.perf_counter() - t0
    sampler.stop.set()
    sampler.join()
    return elapsed, sampler, proc, out, err


def run(jobs: int, reports_dir: Path, report_args: list[str]) -> tuple[float, Sampler, str]:
    cmd = [str(BIN / "datong"), "build", "--force", "--quiet", "--jobs", str(jobs), "--reports-dir", str(reports_dir),
           *report_args, "--only", *NOTEBOOKS]
    elapsed, sampler, proc, out, err = run_sampled(cmd, {**os.environ, "DATONG_PROJECT_DIR": str(ROOT)})
    if proc.returncode not in (0, 1):
        sys.exit(f"datong build failed ({proc.returncode}): {err}")
    return elapsed, sampler, (err or out).strip()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--limit", type=int, help="only the first N national reports")
    args = ap.parse_args(argv)
    reports = sorted((ROOT / "data" / "raw").glob("national_*.txt"))[: args.limit]
    if args.limit:
        report_args = [a for r in reports for a in ("--report", str(r))]
    else:  # the pattern, as a user would type it
        report_args = ["--report", str(ROOT / "data" / "raw" / "national_*.txt")]
    n = len(reports) * len(NOTEBOOKS)
    print(f"{len(reports)} national reports × {len(NOTEBOOKS)} notebooks = {n} briefings, {os.cpu_count()} cores")
    times = {}
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        for jobs in args.jobs:
            target = Path(tmp) / f"jobs{jobs}"
            elapsed, sampler, msg = run(jobs, target, report_args)
            peak, total, cpu = sampler.peak, sampler.total, cpu_by_role(sampler)
            built = len(list(target.glob("*--national_*.html")))
            times[jobs] = elapsed
            mb = {k: v / 2**20 for k, v in peak.items()}
            print(f"--jobs {jobs}: {elapsed:7.1f} s for {built}/{n} briefings ({elapsed / max(1, built):.2f} s each); "
                  f"peak RSS kernel {mb.get('kernel', 0):.0f} MB, worker {mb.get('worker', 0):.0f} MB, "
                  f"template {mb.get('template', 0):.0f} MB, build {mb.get('build', 0):.0f} MB; "
                  f"summed over the tree at its peak {total / 2**20:.0f} MB (shared pages counted in each)")
            print(f"    CPU seconds (sampled every 50 ms): {sum(cpu.values()):.1f} in all; "
                  + ", ".join(f"{k} {v:.1f}" for k, v in sorted(cpu.items(), key=lambda kv: -kv[1])))
            if msg:
                print("   ", msg.splitlines()[0])
    if 1 in times and 2 in times:
        print(f"scaling --jobs 1 -> 2: {times[1] / times[2]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
