"""Where notebooks execute: local worker processes, or a Dask distributed cluster.

Both backends call ``on_result(task, result)`` in the calling thread as each briefing
finishes, so HTML export and manifest updates overlap the remaining executions.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import re
import signal
import time
from collections import deque
from multiprocessing.connection import wait

from . import worker

# Extra seconds a worker gets beyond the per-notebook timeout before it is stopped from
# outside: kernel start-up, and time for nbclient to report a cell timeout itself.
WALL_GRACE = 30.0
# The forkserver imports papermill and what kernels import (see .forkkernel) once.
_PRELOAD = ["datong_lib.publish.lean", "nbformat", "nbclient", "papermill", "datong_lib.publish.worker",
            "datong_lib.publish.engine", "datong_lib.publish.kernelmgr", "datong_lib.publish.warm"]


def usable_cores(cpu_max: str = "/sys/fs/cgroup/cpu.max") -> int:
    """The cores this process may run on: its CPU affinity, within a cgroup's CPU quota if any."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        n = os.cpu_count() or 1
    try:  # a container limited to 2 CPUs still shows the host's cores
        quota, period = open(cpu_max, encoding="ascii").read().split()[:2]
        if quota != "max":
            n = min(n, -(-int(quota) // int(period)))
    except (OSError, ValueError):
        pass
    return max(1, n)


def default_jobs() -> int:
    """Notebooks run at once by default: one more than the cores.

    A briefing's worker waits on its kernel at start, between messages and at shutdown;
    with one notebook per core that time leaves the core idle, with one more it does not
    (8 briefings on 2 cores: 8% faster than 2 at once, and 4 at once is no faster).
    """
    return usable_cores() + 1


def _context(preload=()):
    """A forkserver that imports papermill once; every task then forks it ready to run.

    ``preload`` names more modules to import there; like the rest, it counts only for the
    process's first forkserver.
    """
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD + list(preload))
        return ctx
    return mp.get_context("spawn")


def _failure(task: dict, message: str) -> dict:
    return {"slug": task["slug"], "status": "failed", "error": message, "attempts": 1,
            "duration": None, "notebook_json": None}


def _stop(proc, grace: float = 5.0) -> None:
    """Ask a worker to stop (it shuts its kernel down), then kill it if it does not."""
    if not proc.is_alive():
        proc.join(0)
        return
    try:
        os.kill(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    proc.join(grace)
    if proc.is_alive():
        proc.kill()
        proc.join(5)


def start(preload=()) -> None:
    """Start the forkserver now, so that its imports overlap the caller's own work.

    ``preload`` as for :func:`run_local`, which must be given the same list.
    """
    ctx = _context(preload)
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def text_preload(notebooks) -> list[str]:
    """What the forkserver loads besides the kernels' imports for these notebooks (JSON dicts):
    jieba's dictionary when two or more of them segment text."""
    return ["datong_lib.publish.warm_text"] if sum(1 for nb in notebooks if segments_text(nb)) >= 2 else []


# Calls that load jieba's dictionary (see warm_text.py).
_SEGMENTS = re.compile(r"\b(?:term_frequencies|term_shift|tokenize)\(")


def segments_text(nb_json: dict) -> bool:
    """True when a notebook's code calls something that segments text with jieba."""
    return any(c.get("cell_type") == "code" and _SEGMENTS.search(
        "".join(c.get("source", "")) if isinstance(c.get("source"), list) else c.get("source", ""))
        for c in nb_json.get("cells", []))


def run_local(tasks, *, jobs: int, wall_timeout: float | None, on_result, on_start=None, preload=()) -> None:
    """Run each task in its own worker process, at most ``jobs`` at once.

    A finished worker's place is filled before ``on_result`` runs for it, so the caller's
    handling of one result overlaps the next execution.
    """
    ctx = _context(preload)
    pending = deque(tasks)
    running: dict = {}  # connection -> (process, task, started)

    def fill():
        while pending and len(running) < max(1, jobs):
            task = pending.popleft()
            recv, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=worker.run_in_child, args=(task, send),
                               name=f"datong-{task['slug']}", daemon=True)
            proc.start()
            send.close()
            running[recv] = (proc, task, time.monotonic())
            if on_start:
                on_start(task)

    try:
        while pending or running:
            fill()
            done = []
            for conn in wait(list(running), timeout=0.2):
                proc, task, started = running.pop(conn)
                try:
                    result = conn.recv()
                except (EOFError, OSError):
                    proc.join(5)
                    result = _failure(task, f"worker process died (exit code {proc.exitcode})")
                    result["duration"] = round(time.monotonic() - started, 3)
                conn.close()
                proc.join(5)
                done.append((task, result))
            fill()
            for task, result in done:
                on_result(task, result)
            if wall_timeout:
                now = time.monotonic()
                for conn, (proc, task, started) in list(running.items()):
                    if now - started > wall_timeout + WALL_GRACE:
                        running.pop(conn)
                        _stop(proc)
                        conn.close()
                        result = _failure(task, f"timed out after {now - started:.0f} s (limit {wall_timeout:g} s)")
                        result["duration"] = round(now - started, 3)
                        on_result(task, result)
    finally:
        for conn, (proc, _task, _started) in running.items():
            _stop(proc)
            conn.close()


def run_dask(tasks, *, scheduler: str, wall_timeout: float | None, on_result, on_start=None) -> None:
    """Submit each task to a Dask cluster; results come back as notebook JSON.

    The workers need ``datong_lib`` installed (and the report files a briefing names by
    bare file name); they execute the notebook and send it back, the client writes
    ``reports/``.
    """
    from distributed import Client, as_completed

    with Client(scheduler, timeout="30s") as client:
        futures = {}
        for task in tasks:
            fut = client.submit(worker.execute_task, task, pure=False, key=f"datong-build-{task['slug']}-{time.time_ns()}")
            futures[fut] = task
            if on_start:
                on_start(task)
        try:
            for fut in as_completed(list(futures)):
                task = futures.pop(fut)
                try:
                    result = fut.result()
                except Exception as exc:  # noqa: BLE001 - a lost worker fails this briefing only
                    result = _failure(task, f"{type(exc).__name__} on the cluster: {exc}")
                on_result(task, result)
        finally:
            if futures:
                client.cancel(list(futures))
