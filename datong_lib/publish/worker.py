"""Execute one notebook with papermill; runs in a worker process or on a Dask worker.

:func:`execute_task` takes and returns plain dicts (the notebook travels as JSON text), so
the same function serves the local process pool and ``distributed.Client.submit``.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

ERROR_MARKER = (
    '<span style="color:red; font-family:Helvetica Neue, Helvetica, Arial, sans-serif; font-size:2em;">'
    "An Exception was encountered at '<a href=\"#papermill-error-cell\">In [{count}]</a>'.</span>"
)


def preload() -> None:
    """Import what a task needs, so forked workers start with it loaded."""
    import nbclient  # noqa: F401
    import nbformat  # noqa: F401
    import papermill  # noqa: F401

    from . import engine  # noqa: F401


def _never_started(nb) -> bool:
    """True when no code cell ran: the kernel failed before executing anything."""
    return not any(
        c.get("execution_count") is not None or c.get("outputs")
        for c in nb.cells if c.cell_type == "code"
    )


def mark_failure(nb, message: str) -> None:
    """Mark the cell that was running (or the first unfinished one) as papermill does.

    papermill marks a cell that raised by itself; a dead kernel, a timeout or a killed
    worker leave the notebook unmarked, so the marker is added here.
    """
    if any(c.cell_type == "markdown" and "papermill-error-cell-tag" in c.metadata.get("tags", []) for c in nb.cells):
        return
    import nbformat

    target = None
    for i, cell in enumerate(nb.cells):
        status = cell.metadata.get("papermill", {}).get("status")
        if cell.cell_type == "code" and status in ("running", "failed"):
            target = i
            break
    if target is None:
        code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
        ran = [i for i in code if nb.cells[i].get("execution_count") is not None]
        target = ran[-1] if ran else (code[0] if code else 0)
    if not nb.cells:
        return
    cell = nb.cells[target]
    cell.metadata.setdefault("papermill", {})["exception"] = True
    cell.metadata["papermill"]["status"] = "failed"
    if cell.cell_type == "code":
        cell.setdefault("outputs", []).append(nbformat.v4.new_output(
            "error", ename="BuildError", evalue=message, traceback=[message]))
    marker = nbformat.v4.new_markdown_cell(
        ERROR_MARKER.format(count=cell.get("execution_count") or " ") + f"\n\n{message}")
    marker.metadata["tags"] = ["papermill-error-cell-tag"]
    nb.cells.insert(target, marker)
    nb.metadata.setdefault("papermill", {})["exception"] = True


def _summary(exc: BaseException) -> str:
    name = type(exc).__name__
    ename = getattr(exc, "ename", None)
    if ename:  # PapermillExecutionError
        evalue = getattr(exc, "evalue", "")
        return f"{ename}: {evalue} (cell In [{getattr(exc, 'exec_count', '?')}])"
    text = str(exc).strip().splitlines()
    if name == "CellTimeoutError" or "timed out" in " ".join(text[:1]).lower():
        return f"timed out: {text[0] if text else name}"
    return f"{name}: {text[0] if text else ''}".strip()


def execute_task(task: dict) -> dict:
    """Run one briefing's notebook; return status, error summary, duration and the notebook JSON.

    ``task`` keys: ``slug``, ``notebook_json`` (text), ``parameters``, ``timeout``
    (seconds per cell), ``kernel_name``, ``cwd`` and optionally ``output_path`` (where
    papermill saves as it goes, so a killed worker still leaves the cells that ran).
    A kernel that fails to start is retried once. In a local worker the kernel is forked
    from a warm template (see :mod:`.forkkernel`); a retry, or a Dask worker, launches one.
    """
    import nbformat
    import papermill as pm

    from .engine import NAME as ENGINE
    from .kernelmgr import ForkingKernelManager

    started = time.monotonic()
    source = nbformat.reads(task["notebook_json"], as_version=4)
    cwd = task.get("cwd")
    if not cwd or not Path(cwd).is_dir():
        cwd = tempfile.gettempdir()
    scratch = None
    out_path = task.get("output_path")
    if not out_path:
        scratch = tempfile.mkdtemp(prefix="datong-")
        out_path = os.path.join(scratch, f"{task['slug']}.ipynb")
    status, error, attempts = "ok", None, 0
    nb = None
    try:
        for attempts in (1, 2):
            status, error = "ok", None
            try:
                nb = pm.execute_notebook(
                    nbformat.from_dict(source), out_path,
                    parameters=task.get("parameters") or {},
                    kernel_name=task.get("kernel_name") or "python3", language="python",
                    execution_timeout=task.get("timeout"),
                    start_timeout=60, progress_bar=False, log_output=False,
                    request_save_on_cell_execute=True, cwd=cwd,
                    kernel_manager_class=ForkingKernelManager, engine_name=ENGINE,
                )
            except Exception as exc:  # noqa: BLE001 - any failure is this briefing's failure
                status, error = "failed", _summary(exc)
                nb = _read(out_path) or nbformat.from_dict(source)
                if attempts == 1 and _never_started(nb) and not getattr(exc, "ename", None):
                    continue  # parallel kernels can collide on ports at start-up; try once more
                if not getattr(exc, "ename", None):
                    mark_failure(nb, error)
            break
        # papermill's last act was to write nb, validated, to out_path: that text is the result.
        text = _text(out_path) if status == "ok" else None
        return {
            "slug": task["slug"], "status": status, "error": error, "attempts": attempts,
            "duration": round(time.monotonic() - started, 3),
            "notebook_json": text or nbformat.writes(nb),
        }
    finally:
        if scratch:
            for p in Path(scratch).glob("*"):
                p.unlink(missing_ok=True)
            os.rmdir(scratch)


def _text(path) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return None


def _read(path):
    import nbformat

    try:
        return nbformat.read(path, as_version=4)
    except Exception:  # noqa: BLE001 - missing or half-written: fall back to the source
        return None


def prime_report_cache(task: dict) -> None:
    """Make sure the task's report is in the build's report cache, and point kernels at it.

    The first briefing of a report parses it and extracts its figures here; the others,
    and their kernels, unpickle that copy. Any failure leaves the kernel to parse as usual.
    """
    folder, report = task.get("report_cache"), task.get("report")
    if not folder or not report:
        return
    from ..report.cache import ENV, lookup, store

    os.environ[ENV] = folder
    try:
        source = Path(report)
        data = source.read_bytes()
        if lookup(source, data, folder) is None:
            from ..figures import extract
            from ..report import load_report

            rep = load_report(source)
            rep.sentences  # noqa: B018 - computed once, kept in the pickle
            extract(rep)
            store(rep, data, folder)
    except Exception:  # noqa: BLE001 - the cache only saves time; the kernel reports real errors
        pass


def run_in_child(task: dict, conn) -> None:
    """Entry point of a local worker process: run the task, send the result on ``conn``."""
    import signal

    def _terminate(signum, frame):  # let nbclient shut the kernel down on the way out
        raise SystemExit(f"stopped by signal {signum}")

    from . import forkkernel

    # Kernels inherit these descriptors; their start-up chatter is not the build's output.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    forkkernel.prepare()  # before any thread, event loop or signal handler exists
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _terminate)
    started = time.monotonic()
    try:
        prime_report_cache(task)
        result = execute_task(task)
        if result.get("duration") is not None:  # the briefing's time includes parsing its report here
            result["duration"] = round(time.monotonic() - started, 3)
    except BaseException as exc:  # noqa: BLE001 - report, never hang the parent
        result = {"slug": task["slug"], "status": "failed", "error": _summary(exc), "attempts": 1,
                  "duration": None, "notebook_json": None}
    forkkernel.release()
    try:
        conn.send(result)
    finally:
        conn.close()
