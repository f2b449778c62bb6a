"""The build-lock race: a stale lock left by a dead build, then N builds started at once.

Each contender is a small process that only takes the lock, holds it for a moment and
lets it go, as a build does around its work. Every trial starts from a stale holder
record naming a dead PID; a trial fails when two contenders held the lock at the same
time.

    python tests/lockrace.py [--lock PATH/TO/lock.py] [--procs 6] [--trials 40]

``--lock`` runs the race against another version of the module, e.g. the one on main:
``git show main:datong_lib/publish/lock.py > /tmp/old_lock.py``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_LOCK = Path(__file__).resolve().parents[1] / "datong_lib" / "publish" / "lock.py"


def _load(path: Path):
    spec = importlib.util.spec_from_file_location("lock_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sleep_until(t: float) -> None:
    while (left := t - time.time()) > 0:
        time.sleep(min(left, 0.05) if left > 0.002 else 0)


def contender(lock_path: Path, directory: Path, t0: float, period: float, trials: int, hold: float) -> None:
    """Try to take the lock at the start of each trial; print one JSON line per hold."""
    mod = _load(lock_path)
    for k in range(trials):
        _sleep_until(t0 + k * period)
        lock = mod.BuildLock(directory)
        try:
            lock.acquire()
        except mod.LockHeld:
            continue
        start = time.time()
        time.sleep(hold)
        end = time.time()
        lock.release()
        print(json.dumps({"trial": k, "start": start, "end": end}), flush=True)


def race(lock_path: Path = DEFAULT_LOCK, *, procs: int = 6, trials: int = 40, period: float = 0.5,
         hold: float = 0.15) -> dict:
    """Run the race; return ``{"trials", "double", "none"}``: trials with two holders at once,
    trials with no holder at all."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = json.dumps({"pid": dead.pid, "host": socket.gethostname(), "started": "2000-01-01T00:00:00"})
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "reports"
        directory.mkdir()
        t0 = time.time() + 2.0 + 0.1 * procs  # time for every contender to start and import
        children = [subprocess.Popen([sys.executable, __file__, "--contender", str(lock_path), str(directory),
                                      repr(t0), repr(period), str(trials), repr(hold)],
                                     stdout=subprocess.PIPE, text=True) for _ in range(procs)]
        for k in range(trials):
            # Half a period before each trial, the holder record of a build that died.
            _sleep_until(t0 + k * period - period / 2)
            (directory / ".build.lock").write_text(stale, encoding="utf-8")
        holds: dict[int, list[tuple[float, float]]] = {k: [] for k in range(trials)}
        for child in children:
            out, _ = child.communicate(timeout=trials * period + 60)
            for line in out.splitlines():
                rec = json.loads(line)
                holds[rec["trial"]].append((rec["start"], rec["end"]))
    double = 0
    for spans in holds.values():
        spans.sort()
        if any(b[0] < a[1] for a, b in zip(spans, spans[1:])):
            double += 1
    return {"trials": trials, "double": double, "none": sum(1 for s in holds.values() if not s)}


def main(argv=None) -> int:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "--contender":
        lock, directory, t0, period, trials, hold = sys.argv[2:8]
        contender(Path(lock), Path(directory), float(t0), float(period), int(trials), float(hold))
        return 0
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--lock", type=Path, default=DEFAULT_LOCK)
    p.add_argument("--procs", type=int, default=6)
    p.add_argument("--trials", type=int, default=40)
    args = p.parse_args(argv)
    res = race(args.lock, procs=args.procs, trials=args.trials)
    print(f"{args.lock}: {res['double']} of {res['trials']} trials had two holders at once "
          f"({args.procs} contenders; {res['none']} trials with no holder)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
