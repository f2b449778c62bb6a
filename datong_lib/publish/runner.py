"""``datong build``: parameter files -> executed notebooks -> HTML briefings in ``reports/``.

Nothing on the path of a build with nothing to do imports papermill, nbconvert or pandas:
the decision reads parameter files, notebook JSON and file hashes only.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

from .. import config
from . import cache
from .inputs import check_reports, relative, report_title, sector_rows, title_of
from ..errors import ParameterError
from .result import BuildResult
from .params import Briefing, load_briefings, report_for
from .lock import BuildLock
from .manifest import (BUILD_DIR_NAME, atomic_write_text, load_manifest, now_iso,
                       remove_leftovers, save_manifest)

log = logging.getLogger("datong.build")



def build(*, project_dir=None, reports_dir=None, params_dir=None, notebooks_dir=None, data_dir=None,
          jobs: int | None = None, force: bool = False, only=None, report=None, scheduler: str | None = None,
          timeout: float | None = 600, kernel_name: str = "python3", progress: bool | None = None,
          pdf: bool = False) -> BuildResult:
    """Build the briefings whose inputs changed (all with ``force``); return a :class:`BuildResult`.

    Directories default to :mod:`datong_lib.config` (``project_dir`` moves notebooks/,
    params/ and data/ together). ``only`` is a list of slugs; ``report`` builds every
    briefing whose notebook takes a ``report`` parameter for that report instead, as
    ``<slug>--<report stem>`` (a list of reports builds them all in one pool); ``scheduler``
    (``tcp://host:port``) executes on a Dask cluster. ``timeout`` limits each cell and, with
    a grace period, each notebook. ``pdf`` also prints each briefing to PDF (see
    :mod:`~datong_lib.publish.export`).
    Raises :class:`~datong_lib.build.lock.LockHeld` when another build holds the lock and
    :class:`~datong_lib.errors.ParameterError` for an unknown ``only`` slug.
    """
    t0 = time.perf_counter()
    project_dir = Path(project_dir) if project_dir else None
    base = project_dir or config.PROJECT_DIR
    notebooks_dir = Path(notebooks_dir or (project_dir / "notebooks" if project_dir else config.NOTEBOOKS_DIR))
    params_dir = Path(params_dir or (project_dir / "params" if project_dir else config.PARAMS_DIR))
    data_dir = Path(data_dir or (project_dir / "data" if project_dir else config.DATA_DIR))
    reports_dir = Path(reports_dir or config.REPORTS_DIR)
    result = BuildResult(reports_dir=reports_dir)
    if progress is None:
        progress = sys.stderr.isatty()

    with BuildLock(reports_dir) as lock:
        if lock.recovered is not None:
            log.warning("removed a stale lock left by PID %s", lock.recovered.get("pid", "?"))
        for p in remove_leftovers(reports_dir):
            log.info("removed leftover temporary file %s", p.name)
        kwargs = dict(notebooks_dir=notebooks_dir, data_dir=data_dir, project_dir=base)
        reports = [report] if isinstance(report, (str, os.PathLike)) else list(report or [])
        briefings, invalid = _select(params_dir, only, reports, kwargs, result)
        problems = {slug: f"invalid parameter file: {err}" for slug, err in invalid.items()}
        manifest = load_manifest(reports_dir)
        entries = manifest["briefings"]
        before = json.dumps(entries, sort_keys=True)
        sectors = sector_rows(data_dir)
        hashes = cache.FileHashes(reports_dir / BUILD_DIR_NAME / "file-hashes.json")
        library = cache.library_digest(hashes)
        shared = library + cache.data_digest(data_dir, hashes)
        hashes.save()

        # Forget briefings whose parameter file is gone (their HTML stays on disk).
        for slug in [s for s, e in entries.items() if not (base / e.get("params_file", "")).is_file()
                     and not Path(e.get("params_file", "")).is_file()]:
            del entries[slug]

        todo: list[tuple[Briefing, dict, str]] = []
        memo: dict = {}  # per notebook, report and parameter file: a corpus shares them

        def once(kind, key, make):
            if (kind, key) not in memo:
                memo[kind, key] = make()
            return memo[kind, key]

        for b in briefings:
            nb_json = once("nb", b.notebook, lambda: json.loads(b.notebook.read_text(encoding="utf-8")))
            h = cache.inputs_hash(notebook_digest=once("code", b.notebook, lambda: cache.notebook_code_digest(nb_json)),
                                  parameters=b.parameters, title=b.title, shared_digest=shared,
                                  report_path=b.report, data_dir=data_dir,
                                  report_part=once("digest", b.report, lambda: cache.report_digest(b.report, data_dir)))
            entry = entries.setdefault(b.slug, {})
            # The report's title comes from its bytes and sidecar, part of h: unchanged since a good build.
            title = entry["report_title"] if entry.get("good_hash") == h and "report_title" in entry else None
            entry.update(params_file=once("rel", b.params_file, lambda: relative(b.params_file, base)),
                         notebook=b.notebook.name, title=title_of(b, nb_json, sectors), sector=b.sector,
                         report=b.report.name if b.report else None, parameters=b.parameters,
                         report_title=title or once("title", b.report, lambda: report_title(b.report)))
            html_ok = (reports_dir / f"{b.slug}.html").is_file()
            if force or entry.get("good_hash") != h or entry.get("status") != "ok" or not html_ok:
                todo.append((b, nb_json, h))
            else:
                result.skipped.append(b.slug)
        # Only what is about to run needs its report decoded: an unchanged report that built
        # before decodes as it did then.
        kept = {b.slug for b in check_reports([b for b, _, _ in todo], problems)}
        rejected = {b.slug: b for b, _, _ in todo if b.slug not in kept}
        todo = [t for t in todo if t[0].slug in kept]
        for slug, message in problems.items():
            result.invalid[slug] = message
            entry = entries.setdefault(slug, {"params_file": relative(params_dir / f"{slug.split('--')[0]}.yaml", base)})
            entry.update(error=message, built_at=now_iso(),
                         status="stale" if (reports_dir / f"{slug}.html").is_file() else "failed")
            if slug in rejected:
                b = rejected[slug]
                entry.update(notebook=b.notebook.name, sector=b.sector, parameters=b.parameters,
                             report=b.report.name, report_title=report_title(b.report),
                             title=entry.get("title") or b.title or title_of(b, {}, sectors))
            log.error("%s: %s", slug, message)

        if todo:
            _execute(todo, entries=entries, manifest=manifest, reports_dir=reports_dir, jobs=jobs, library=library,
                     scheduler=scheduler, timeout=timeout, kernel_name=kernel_name, progress=progress,
                     result=result)
            hashes.save()  # a first build: its folder exists from here on
        from .export import export_all

        export_all(entries, reports_dir=reports_dir, pdf=pdf, failed=result.failed)
        changed = json.dumps(entries, sort_keys=True) != before
        if changed or not (reports_dir / "index.html").is_file():
            from .index import write_index

            save_manifest(reports_dir, manifest)
            write_index(manifest, reports_dir=reports_dir, sectors=sectors)
    result.duration = time.perf_counter() - t0
    return result


def _select(params_dir, only, reports, kwargs, result):
    """The briefings to consider: the parameter files, or each report-taking one once per report.

    For several reports each parameter file is read and checked once, then given each
    report in turn, as ``load_briefing(report_override=...)`` would; a file that fails
    on its own is tried again with each report, which may replace its bad value.
    """
    base, invalid = load_briefings(params_dir, only=only, **kwargs)
    if not reports:
        return base, invalid
    project_dir, raw_dir = kwargs["project_dir"], Path(kwargs["data_dir"]) / "raw"
    briefings, errors = [], {}
    for override in reports:
        try:
            path = report_for(override, raw_dir=raw_dir, project_dir=project_dir)
        except ParameterError:
            path = None
        retry = list(invalid)  # files that fail on their own, or every file when the report does not resolve
        for b in base:
            if "report" not in b.declared:
                result.skipped.append(f"{b.slug}--{Path(str(override)).stem}")
            elif path is None:
                retry.append(b.slug)
            else:
                value = str(path) if Path(str(override)).is_absolute() or len(Path(str(override)).parts) > 1 else override
                briefings.append(replace(b, slug=f"{b.slug}--{Path(str(override)).stem}", report=path,
                                         parameters={**b.parameters, "report": value}))
        if retry:
            found, bad = load_briefings(params_dir, only=retry, report_override=override, **kwargs)
            briefings += [b for b in found if "report" in b.declared]
            errors.update(bad)
    return briefings, errors


def _execute(todo, *, entries, manifest, reports_dir: Path, jobs, library, scheduler, timeout, kernel_name, progress,
             result):
    from . import pool

    jobs = jobs or pool.default_jobs()
    # Several at once: longest first (the durations of the last build; one that segments text
    # counts as long until it has one), so that the last briefing does not run alone with a
    # core idle. One at a time, the order given.
    if scheduler or jobs > 1:
        todo = sorted(todo, key=lambda t: -(entries[t[0].slug].get("duration") or 9 * pool.segments_text(t[1])))
    preload = [] if scheduler else pool.text_preload(nb_json for _, nb_json, _ in todo)
    if not scheduler:
        pool.start(preload)  # the kernels' imports (seconds) overlap what follows
    build_dir = reports_dir / BUILD_DIR_NAME
    build_dir.mkdir(parents=True, exist_ok=True)
    # Importing nbconvert and openpyxl and the first page take about a second; do them while
    # the first kernels start.
    from . import html as htmlmod

    def _warm():
        try:
            from . import lean  # noqa: F401 - before nbformat loads, here and in the forkserver

            htmlmod.warm_up()
            import openpyxl  # noqa: F401 - each briefing's data file is written as its result comes
        except Exception:  # noqa: BLE001 - the export itself reports any failure, per briefing
            pass

    warm = threading.Thread(target=_warm, daemon=True)
    warm.start()
    by_slug = {b.slug: (b, h) for b, _, h in todo}
    # Parsed reports shared by this build's local kernels (a Dask worker parses its own).
    report_cache = None if scheduler else str(cache.report_cache_dir(reports_dir, library))
    tasks = []
    for b, nb_json, h in todo:
        tasks.append({
            "slug": b.slug, "notebook_json": json.dumps(nb_json, ensure_ascii=False),
            "parameters": b.parameters, "timeout": timeout, "kernel_name": kernel_name,
            "cwd": str(b.notebook.parent),
            "report": str(b.report) if b.report else None, "report_cache": report_cache,
            "output_path": None if scheduler else str(build_dir / f".{b.slug}.tmp-{os.getpid()}.ipynb"),
        })
        entries[b.slug].update(status="stale" if (reports_dir / f"{b.slug}.html").is_file() else "failed",
                               inputs_hash=h, error="build started but did not finish")
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(tasks), desc="briefings", unit="nb", file=sys.stderr, leave=False)

    def on_result(task, res):
        b, h = by_slug[task["slug"]]
        warm.join()
        _record(b, h, res, entries=entries, reports_dir=reports_dir, result=result)
        if task.get("output_path"):
            Path(task["output_path"]).unlink(missing_ok=True)
        save_manifest(reports_dir, manifest)  # progress survives an interrupted build
        if bar is not None:
            bar.set_postfix_str(f"{task['slug']} {res['status']}")
            bar.update(1)

    try:
        if scheduler:
            pool.run_dask(tasks, scheduler=scheduler, wall_timeout=timeout, on_result=on_result)
        else:
            pool.run_local(tasks, jobs=jobs, wall_timeout=timeout, on_result=on_result, preload=preload)
    finally:
        if bar is not None:
            bar.close()


def _record(b: Briefing, h: str, res: dict, *, entries, reports_dir: Path, result: BuildResult) -> None:
    """Keep the executed notebook, write the HTML on success, update the manifest entry."""
    import nbformat

    from . import html as htmlmod
    from . import read_headlines
    from .export import write_data

    entry = entries[b.slug]
    when = now_iso()
    nb, text = None, res.get("notebook_json")
    if text:  # written, and so validated, by nbformat in the worker: kept as it came
        nb = nbformat.v4.to_notebook_json(json.loads(text))
    elif res.get("slug") and Path(reports_dir / BUILD_DIR_NAME / f".{b.slug}.tmp-{os.getpid()}.ipynb").is_file():
        from .worker import mark_failure

        try:  # a worker stopped from outside leaves only what papermill saved as it went
            nb = nbformat.read(reports_dir / BUILD_DIR_NAME / f".{b.slug}.tmp-{os.getpid()}.ipynb", as_version=4)
            mark_failure(nb, res.get("error") or "failed")
            text = nbformat.writes(nb)
        except Exception:  # noqa: BLE001 - a half-written notebook is not worth keeping
            nb = None
    executed = reports_dir / BUILD_DIR_NAME / f"{b.slug}.ipynb"
    if nb is not None:
        atomic_write_text(executed, text)
    status, error, page = res.get("status", "failed"), res.get("error"), None
    if status == "ok" and nb is not None:
        try:
            page = htmlmod.render(nb, title=entry["title"], footer={
                "report": entry.get("report"), "report_title": entry.get("report_title"),
                "built_at": when, "inputs_hash": h, "slug": b.slug})
            atomic_write_text(reports_dir / f"{b.slug}.html", page)
            entry.update(headlines=read_headlines(nb), html_bytes=len(page.encode("utf-8")))
        except Exception as exc:  # noqa: BLE001 - an export failure fails this briefing only
            status, error = "failed", f"HTML export failed: {type(exc).__name__}: {exc}"
            log.exception("%s: HTML export failed", b.slug)
    elif status == "ok":
        status, error = "failed", "the worker returned no notebook"
    entry.update(inputs_hash=h, duration=res.get("duration"), built_at=when, attempts=res.get("attempts"),
                 executed=f"{BUILD_DIR_NAME}/{b.slug}.ipynb" if nb is not None else None)
    if status == "ok":
        entry.update(status="ok", good_hash=h, good_at=when, error=None)
        result.built.append(b.slug)
        write_data(b.slug, entry, page, reports_dir, nb, failed=result.failed)  # else export_all writes it
        log.info("%s: ok in %.1f s", b.slug, res.get("duration") or 0)
    else:
        has_html = (reports_dir / f"{b.slug}.html").is_file()
        entry.update(status="stale" if has_html else "failed", error=error)
        result.failed[b.slug] = error or "failed"
        log.error("%s: FAILED: %s (executed notebook kept in %s)", b.slug, error, entry["executed"] or "-")
