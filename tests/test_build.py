"""The build: cache, failure isolation, atomic writes, lock, HTML, index, manifest, Dask."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import buildkit  # noqa: E402

from datong_lib.publish import cache, manifest, runner  # noqa: E402
from datong_lib.publish.lock import BuildLock, LockHeld  # noqa: E402

TIMEOUT = 20


@pytest.fixture(autouse=True)
def _stable_library_hash(monkeypatch):
    # The library is edited while these tests run; its hash is tested on its own below.
    monkeypatch.setattr(cache, "library_digest", lambda *a: "lib")


def _build(project, reports, **kw):
    kw.setdefault("timeout", TIMEOUT)
    kw.setdefault("jobs", 2)
    return runner.build(project_dir=project, reports_dir=reports, progress=False, **kw)


def _manifest(reports):
    return json.loads((reports / "manifest.json").read_text(encoding="utf-8"))["briefings"]


REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|@import\s+url\(\s*["']?https?:|url\(\s*["']?https?:""", re.I)


def _remote_resources(page: str) -> list[str]:
    """Attributes and CSS that would fetch from the network (an <a href> is a link, not a fetch)."""
    found = []
    for tag in re.findall(r"<[a-zA-Z][^>]*>", page):
        if re.match(r"<a[\s>]", tag, re.I):
            continue
        found += [tag for _ in REMOTE.finditer(tag)]
    found += re.findall(r"@import[^;]*;|url\(\s*['\"]?\s*(?:https?:)?//[^)]*\)", page)
    return found


# --------------------------------------------------------------------- a shared build

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("proj")
    project = buildkit.make_project(root, {
        "energy": buildkit.sector_params("energy"),
        "tourism": {**buildkit.sector_params("tourism", top_n=5), "title": "文旅 <Tourism> & more"},
        "overview": {"notebook": "01_overview.ipynb"},
    })
    reports = root / "reports"
    with mock.patch.object(cache, "library_digest", lambda *a: "lib"):
        result = runner.build(project_dir=project, reports_dir=reports, timeout=TIMEOUT, jobs=2, progress=False)
    return project, reports, result


@pytest.mark.slow
def test_first_build_makes_every_briefing(built):
    _, reports, result = built
    assert result.exit_code == 0, result.summary()
    assert sorted(result.built) == ["energy", "overview", "tourism"]
    for slug in result.built:
        assert (reports / f"{slug}.html").stat().st_size > 0
        assert (reports / "_build" / f"{slug}.ipynb").is_file()
    assert not list(reports.rglob(".*tmp-*"))


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["energy", "tourism", "overview"])
def test_briefing_html_is_offline_lean_and_code_free(built, slug):
    _, reports, _ = built
    page = (reports / f"{slug}.html").read_text(encoding="utf-8")
    assert _remote_resources(page) == []
    assert "http://" not in page and "https://" not in page
    assert '<html lang="zh-CN">' in page
    assert re.search(r'<meta[^>]*name="viewport"', page) and "width=device-width" in page
    assert "require.js" not in page and "MathJax" not in page
    assert "jp-InputArea-editor" not in page and "import os" not in page and "In&nbsp;[" not in page
    assert "noise on stderr" not in page and "nobody should read" not in page
    assert len(page.encode("utf-8")) < 200_000
    assert '<nav class="toc"' in page
    assert "Noto Sans CJK SC" in page and "@media print" in page


@pytest.mark.slow
def test_briefing_shows_outputs_and_footer(built):
    _, reports, _ = built
    page = (reports / "energy.html").read_text(encoding="utf-8")
    toc = re.search(r'<nav class="toc".*?</nav>', page, re.S).group(0)
    assert "主要指标 Indicators" in toc and "任务 Tasks" in toc and "细节 Details" in toc
    assert 'src="data:image/png;base64,' in page
    assert "sector energy top 3" in page
    assert "<th>指标</th>" in page
    footer = re.search(r"<footer.*?</footer>", page, re.S).group(0)
    assert "datong_2025_report.md" in footer
    assert "测试报告 &lt;i&gt;Test&lt;/i&gt;" in footer
    assert _manifest(reports)["energy"]["inputs_hash"] in footer
    # The headline output feeds the index only.
    assert "地区生产总值" not in page


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["energy", "tourism"])
def test_hostile_text_is_inert(built, slug):
    _, reports, _ = built
    for name in (f"{slug}.html", "index.html"):
        page = (reports / name).read_text(encoding="utf-8")
        assert "<script" not in page.lower()
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", page, re.I)
        assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", page, re.I)
        assert "<img src=x" not in page and "alert(3)" not in page and "alert(1)<" not in page


@pytest.mark.slow
def test_index_lists_briefings_with_sector_status_and_headlines(built):
    _, reports, _ = built
    page = (reports / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page and _remote_resources(page) == []
    for slug in ("energy", "tourism", "overview"):
        assert f'href="{slug}.html"' in page
    assert "能源" in page and "Energy" in page and "文化旅游" in page and "Culture and tourism" in page
    assert "文旅 &lt;Tourism&gt; &amp; more" in page  # a title from a parameter file, escaped
    assert "概览 Overview" in page                     # a title from the notebook's heading
    assert "地区生产总值 &lt;b&gt;GDP&lt;/b&gt;" in page and "1,200" in page and "亿元" in page
    assert page.count('class="status status-ok"') == 3


@pytest.mark.slow
def test_manifest_records_each_briefing(built):
    _, reports, _ = built
    entries = _manifest(reports)
    assert set(entries) == {"energy", "tourism", "overview"}
    e = entries["tourism"]
    assert e["status"] == "ok" and e["error"] is None
    assert re.fullmatch(r"[0-9a-f]{16}", e["inputs_hash"])
    assert e["duration"] > 0 and e["built_at"] and e["executed"] == "_build/tourism.ipynb"
    assert e["sector"] == "tourism" and e["parameters"] == {"sector": "tourism", "top_n": 5}
    assert e["headlines"][1] == {"label": "tourism", "value": "5"}


@pytest.mark.slow
def test_nothing_to_do_is_fast_and_writes_nothing(built):
    project, reports, _ = built
    before = {p: p.stat().st_mtime_ns for p in reports.glob("*.*")}
    result = _build(project, reports)
    assert result.built == [] and sorted(result.skipped) == ["energy", "overview", "tourism"]
    assert result.duration < 0.5
    assert {p: p.stat().st_mtime_ns for p in reports.glob("*.*")} == before


@pytest.mark.slow
def test_no_op_build_imports_no_heavy_module(built):
    project, reports, _ = built
    code = (
        "import sys; from unittest import mock; from datong_lib.publish import cache, runner\n"
        "cache.library_digest = lambda *a: 'lib'\n"
        f"r = runner.build(project_dir={str(project)!r}, reports_dir={str(reports)!r}, progress=False)\n"
        "assert r.built == [], r.summary()\n"
        "print(sorted(m for m in ('papermill', 'nbconvert', 'pandas', 'nbclient', 'jinja2') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------- the cache

@pytest.fixture(scope="module")
def cache_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("cacheproj")
    project = buildkit.make_project(root, {
        "energy": buildkit.sector_params("energy"),
        "tourism": buildkit.sector_params("tourism"),
        "overview": {"notebook": "01_overview.ipynb"},
    })
    reports = root / "reports"
    with mock.patch.object(cache, "library_digest", lambda *a: "lib"):
        assert runner.build(project_dir=project, reports_dir=reports, timeout=TIMEOUT, jobs=2,
                            progress=False).exit_code == 0
    return project, reports


@pytest.mark.slow
def test_changed_parameter_rebuilds_only_that_briefing(cache_project):
    project, reports = cache_project
    buildkit.write_params(project, "tourism", buildkit.sector_params("tourism", top_n=7))
    result = _build(project, reports)
    assert result.built == ["tourism"] and sorted(result.skipped) == ["energy", "overview"]
    assert "sector tourism top 7" in (reports / "tourism.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_changed_notebook_rebuilds_only_its_briefings(cache_project):
    project, reports = cache_project
    import nbformat

    path = project / "notebooks" / "01_overview.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[-1].source = "## 二 Two (revised)"
    nbformat.write(nb, path)
    result = _build(project, reports)
    assert result.built == ["overview"]
    assert "Two (revised)" in (reports / "overview.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_outputs_in_a_notebook_do_not_count_as_a_change(cache_project):
    project, reports = cache_project
    import nbformat

    path = project / "notebooks" / "01_overview.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="left over\n")]
    nb.cells[2].execution_count = 9
    nbformat.write(nb, path)
    assert _build(project, reports).built == []


@pytest.mark.slow
def test_changed_data_file_rebuilds_every_briefing(cache_project):
    project, reports = cache_project
    raw = project / "data" / "raw" / "datong_2025_report.md"
    raw.write_text(raw.read_text(encoding="utf-8") + "\n新增一句。\n", encoding="utf-8")
    result = _build(project, reports)
    assert sorted(result.built) == ["energy", "overview", "tourism"]
    assert _build(project, reports).built == []


@pytest.mark.slow
def test_force_rebuilds_everything_and_only_selects(cache_project):
    project, reports = cache_project
    assert _build(project, reports, force=True, only=["energy"]).built == ["energy"]


def test_library_and_template_changes_change_the_hash(tmp_path, monkeypatch):
    monkeypatch.undo()  # the real library_digest
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache.config, "PACKAGE_DIR", pkg)
    first = cache.library_digest()
    (pkg / "a.py").write_text("x = 2\n", encoding="utf-8")
    second = cache.library_digest()
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "style.css").write_text("body{}", encoding="utf-8")
    monkeypatch.setattr(cache, "TEMPLATES_DIR", tpl)
    third = cache.library_digest()
    assert len({first, second, third}) == 3


# --------------------------------------------------------------------- failures

@pytest.fixture(scope="module")
def fault_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("faults")
    slugs = ["good", "raises", "dies", "hangs"]
    project = buildkit.make_project(root, {s: buildkit.sector_params("energy") for s in slugs})
    reports = root / "reports"
    with mock.patch.object(cache, "library_digest", lambda *a: "lib"):
        first = runner.build(project_dir=project, reports_dir=reports, timeout=TIMEOUT, jobs=2, progress=False)
    assert first.exit_code == 0, first.summary()
    good_html = {s: (reports / f"{s}.html").read_bytes() for s in slugs}
    for slug, fail in (("raises", "raise"), ("dies", "exit"), ("hangs", "hang")):
        buildkit.write_params(project, slug, buildkit.sector_params("energy", fail=fail))
    with mock.patch.object(cache, "library_digest", lambda *a: "lib"):
        broken = runner.build(project_dir=project, reports_dir=reports, timeout=4, jobs=2, progress=False)
    return project, reports, good_html, broken


@pytest.mark.slow
def test_each_fault_fails_only_its_briefing(fault_project):
    _, reports, good_html, broken = fault_project
    assert broken.exit_code == 1
    assert sorted(broken.failed) == ["dies", "hangs", "raises"] and broken.skipped == ["good"]
    assert "ValueError: boom in energy" in broken.failed["raises"]
    assert "DeadKernelError" in broken.failed["dies"] or "died" in broken.failed["dies"].lower()
    assert "timed out" in broken.failed["hangs"].lower()
    for slug, content in good_html.items():
        assert (reports / f"{slug}.html").read_bytes() == content  # last good HTML never overwritten


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["raises", "dies", "hangs"])
def test_failed_notebook_is_kept_with_the_failing_cell_marked(fault_project, slug):
    import nbformat

    _, reports, _, _ = fault_project
    nb = nbformat.read(reports / "_build" / f"{slug}.ipynb", as_version=4)
    markers = [c for c in nb.cells if "papermill-error-cell-tag" in c.metadata.get("tags", [])]
    assert markers
    failed = [c for c in nb.cells if c.metadata.get("papermill", {}).get("exception")]
    assert failed and "fail ==" in failed[0].source


@pytest.mark.slow
def test_failures_show_as_stale_in_manifest_and_index(fault_project):
    _, reports, _, _ = fault_project
    entries = _manifest(reports)
    assert {s: e["status"] for s, e in entries.items()} == {
        "good": "ok", "raises": "stale", "dies": "stale", "hangs": "stale"}
    assert entries["raises"]["good_hash"] != entries["raises"]["inputs_hash"]
    page = (reports / "index.html").read_text(encoding="utf-8")
    assert page.count('class="status status-stale"') == 3 and "boom in energy" in page


@pytest.mark.slow
def test_next_build_recovers(fault_project):
    project, reports, good_html, _ = fault_project
    for slug in ("raises", "dies", "hangs"):
        buildkit.write_params(project, slug, buildkit.sector_params("energy"))
    result = _build(project, reports)
    assert result.exit_code == 0 and sorted(result.built) == ["dies", "hangs", "raises"]
    assert all(e["status"] == "ok" for e in _manifest(reports).values())


@pytest.mark.slow
def test_a_briefing_that_never_built_is_failed(tmp_path):
    project = buildkit.make_project(tmp_path, {"bad": buildkit.sector_params("macro", fail="raise")})
    reports = tmp_path / "reports"
    result = _build(project, reports)
    assert result.exit_code == 1 and not (reports / "bad.html").exists()
    assert _manifest(reports)["bad"]["status"] == "failed"
    assert 'class="status status-failed"' in (reports / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_html_write_failure_leaves_old_html_and_no_partial_file(built, monkeypatch):
    project, reports, _ = built
    old = (reports / "energy.html").read_bytes()
    real = manifest.atomic_write_text

    def flaky(path, text):
        if Path(path).suffix == ".html" and Path(path).name != "index.html":
            with mock.patch("os.fsync", side_effect=OSError(28, "No space left on device (simulated)")):
                return real(path, text)
        return real(path, text)

    monkeypatch.setattr(runner, "atomic_write_text", flaky)
    result = _build(project, reports, force=True, only=["energy"])
    assert result.exit_code == 1 and "No space left" in result.failed["energy"]
    assert (reports / "energy.html").read_bytes() == old
    assert not list(reports.rglob(".*tmp-*"))
    assert _manifest(reports)["energy"]["status"] == "stale"
    monkeypatch.setattr(runner, "atomic_write_text", real)
    assert _build(project, reports).built == ["energy"]


@pytest.mark.slow
def test_interrupted_build_then_normal_build(built, monkeypatch):
    project, reports, _ = built
    real = runner._record

    def interrupt(*a, **kw):
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "_record", interrupt)
    buildkit.write_params(project, "energy", buildkit.sector_params("energy", top_n=4))
    buildkit.write_params(project, "overview", {"notebook": "01_overview.ipynb", "parameters": {"title_suffix": "!"}})
    with pytest.raises(KeyboardInterrupt):
        _build(project, reports)
    assert not (reports / ".build.lock").exists()
    (reports / ".energy.html.tmp-99999999").write_text("half", encoding="utf-8")  # as a crash leaves it
    monkeypatch.setattr(runner, "_record", real)
    result = _build(project, reports)
    assert result.exit_code == 0 and sorted(result.built) == ["energy", "overview"]  # the unfinished ones
    assert not list(reports.rglob(".*tmp-*"))
    assert all(e["status"] == "ok" for e in _manifest(reports).values())


# --------------------------------------------------------------------- the lock

def test_second_build_is_refused_while_the_lock_is_held(tmp_path):
    project = buildkit.make_project(tmp_path, {})
    reports = tmp_path / "reports"
    with BuildLock(reports):
        with pytest.raises(LockHeld) as err:
            _build(project, reports)
        assert err.value.pid == os.getpid() and str(os.getpid()) in str(err.value)
        cli = subprocess.run([sys.executable, "-m", "datong_lib.cli", "build", "--reports-dir", str(reports)],
                             capture_output=True, text=True, env={**os.environ, "DATONG_PROJECT_DIR": str(project)})
        assert cli.returncode == 3
        assert f"PID {os.getpid()}" in cli.stderr and "holds" in cli.stderr
    assert not (reports / ".build.lock").exists()


def test_stale_lock_is_recovered(tmp_path):
    project = buildkit.make_project(tmp_path, {})
    reports = tmp_path / "reports"
    reports.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    import socket

    (reports / ".build.lock").write_text(json.dumps({"pid": dead.pid, "host": socket.gethostname()}), encoding="utf-8")
    assert _build(project, reports).exit_code == 0
    assert not (reports / ".build.lock").exists()


def test_unreadable_lock_left_by_a_crash_is_taken_over_at_once(tmp_path):
    # Nobody holds the OS lock, so the half-written holder record of a dead build is
    # replaced without waiting.
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / ".build.lock").write_text("", encoding="utf-8")
    with BuildLock(reports) as held:
        assert held.recovered == {}


# --------------------------------------------------------------------- Dask

@pytest.mark.slow
def test_build_on_a_local_dask_cluster(tmp_path):
    distributed = pytest.importorskip("distributed")
    project = buildkit.make_project(tmp_path, {
        "energy": buildkit.sector_params("energy"), "bad": buildkit.sector_params("macro", fail="raise")})
    reports = tmp_path / "reports"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        result = _build(project, reports, scheduler=cluster.scheduler_address)
    assert result.built == ["energy"] and list(result.failed) == ["bad"]
    page = (reports / "energy.html").read_text(encoding="utf-8")
    assert _remote_resources(page) == [] and "sector energy" in page
    assert (reports / "_build" / "bad.ipynb").is_file()
    assert _manifest(reports)["energy"]["status"] == "ok"


# --------------------------------------------------------------------- pieces

def test_publish_headlines_checks_its_input():
    from datong_lib.publish import _clean_headlines

    assert _clean_headlines([{"label": "GDP", "value": 2.5, "unit": "%"}]) == [{"label": "GDP", "value": "2.5", "unit": "%"}]
    with pytest.raises(ValueError, match="at most 3"):
        _clean_headlines([{"label": str(i), "value": i} for i in range(4)])
    with pytest.raises(ValueError, match="unknown headline field"):
        _clean_headlines([{"label": "x", "value": 1, "colour": "red"}])
    with pytest.raises(ValueError, match="'label' and 'value'"):
        _clean_headlines([{"value": 1}])


def test_large_charts_are_shrunk_and_stay_pngs():
    pytest.importorskip("PIL")
    import base64
    import io

    from PIL import Image

    from datong_lib.publish.html import shrink_png

    from PIL import ImageDraw

    big = Image.new("RGB", (1800, 1200), "white")
    draw = ImageDraw.Draw(big)
    for i, colour in enumerate(["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"]):
        draw.line([(x * 30, 600 + int(400 * ((x * (i + 3)) % 17 - 8) / 8)) for x in range(61)], fill=colour, width=9)
        draw.rectangle([100 + i * 400, 900, 300 + i * 400, 1150], fill=colour)
    img = big.resize((600, 400), Image.LANCZOS)  # anti-aliased edges, like a rendered chart
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    b64 = base64.b64encode(buf.getvalue()).decode()
    out = shrink_png(b64)
    assert len(out) < len(b64)
    assert Image.open(io.BytesIO(base64.b64decode(out))).size == (600, 400)
    assert shrink_png(buildkit.PNG) == buildkit.PNG  # small images untouched


def test_remote_resources_are_neutralised():
    from datong_lib.publish.html import scrub_remote

    page = ('<img src="https://cdn.example/x.png"><script src="http://cdn/require.js"></script>'
            '<link rel="stylesheet" href="//cdn/x.css"><div style="background:url(https://x/y)">'
            '<style>@import url(http://x/y.css);</style><a href="https://www.gov.cn">source</a>')
    out = scrub_remote(page)
    assert _remote_resources(out) == []
    assert '<a href="https://www.gov.cn">source</a>' in out  # a link is kept: it loads nothing


def test_kernel_start_failure_is_retried_once(monkeypatch):
    papermill = pytest.importorskip("papermill")
    import nbformat

    from datong_lib.publish import worker

    calls = []

    def flaky(nb, out_path, **kw):
        calls.append(kw["parameters"])
        if len(calls) == 1:  # as when two kernels race for the same port
            raise RuntimeError("Kernel died before replying to kernel_info")
        nb.cells[0].execution_count = 1
        nbformat.write(nb, out_path)
        return nb

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    task = {"slug": "s", "notebook_json": nbformat.writes(nb), "parameters": {"a": 1}, "timeout": 5}
    result = worker.execute_task(task)
    assert result["status"] == "ok" and result["attempts"] == 2 and len(calls) == 2

    calls.clear()
    monkeypatch.setattr(papermill, "execute_notebook",
                        lambda *a, **kw: calls.append(1) or (_ for _ in ()).throw(RuntimeError("no kernel")))
    result = worker.execute_task(task)
    assert result["status"] == "failed" and result["attempts"] == 2 and "no kernel" in result["error"]
    marked = nbformat.reads(result["notebook_json"], as_version=4)
    assert any("papermill-error-cell-tag" in c.metadata.get("tags", []) for c in marked.cells)


@pytest.mark.slow
def test_engine_saves_as_code_cells_start_only(tmp_path, monkeypatch):
    import nbformat

    from datong_lib.publish import engine, worker

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# t"), nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell("between"), nbformat.v4.new_code_cell("print(x + 1)")])
    saves = []
    real = engine._Manager.save
    monkeypatch.setattr(engine._Manager, "save", lambda self, **kw: saves.append(self.output_path) or real(self, **kw))
    out = tmp_path / "out.ipynb"
    res = worker.execute_task({"slug": "t", "notebook_json": nbformat.writes(nb), "parameters": {},
                               "timeout": TIMEOUT, "kernel_name": "python3", "cwd": str(tmp_path),
                               "output_path": str(out)})
    assert res["status"] == "ok"
    done = nbformat.reads(res["notebook_json"], as_version=4)
    assert [c.metadata.papermill["status"] for c in done.cells] == ["completed"] * 4
    assert done.cells[3].outputs[0]["text"] == "2\n"
    assert len([s for s in saves if s]) == 2 + 2  # start, end, and as each code cell starts
    assert nbformat.read(out, as_version=4).cells[3].outputs[0]["text"] == "2\n"


@pytest.mark.parametrize("cpu_max, cores", [(None, 8), ("max 100000\n", 8), ("200000 100000\n", 2),
                                            ("150000 100000\n", 2), ("50000 100000\n", 1), ("garbage", 8)])
def test_default_jobs_is_one_more_than_the_cores_the_build_may_use(tmp_path, monkeypatch, cpu_max, cores):
    """A container limited to two CPUs runs three notebooks at once, not one per host core."""
    from datong_lib.publish import pool

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    path = tmp_path / "cpu.max"
    if cpu_max is not None:
        path.write_text(cpu_max, encoding="ascii")
    assert pool.usable_cores(str(path)) == cores
    monkeypatch.setattr(pool, "usable_cores", lambda: cores)
    assert pool.default_jobs() == cores + 1


def test_file_hashes_are_remembered_by_stat_and_never_for_a_file_just_written(tmp_path, monkeypatch):
    """A no-op build checks an unchanged tree with stat alone; anything changed is read again."""
    import hashlib
    import time as _time

    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("甲", encoding="utf-8")
    new.write_text("乙", encoding="utf-8")
    then = _time.time_ns() - 10_000_000_000
    os.utime(old, ns=(then, then))
    store = tmp_path / "_build" / "file-hashes.json"
    first = cache.FileHashes(store)
    assert first.digest(old) == hashlib.sha256("甲".encode()).digest()
    assert first.digest(new) == hashlib.sha256("乙".encode()).digest()
    first.save()
    assert not store.parent.exists()  # a build that ran nothing leaves no build folder
    store.parent.mkdir()
    first.save()
    assert set(json.loads(store.read_text(encoding="utf-8"))) == {str(old)}  # new.txt is too fresh to trust

    reads = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self.name) or real(self))
    second = cache.FileHashes(store)
    assert second.digest(old) == hashlib.sha256("甲".encode()).digest() and reads == []
    old.write_text("丙", encoding="utf-8")  # same size, new time: read again
    assert second.digest(old) == hashlib.sha256("丙".encode()).digest() and reads == ["old.txt"]

    store.write_text("{not json", encoding="utf-8")
    assert cache.FileHashes(store).digest(old) == hashlib.sha256("丙".encode()).digest()


def test_a_no_op_build_gives_the_same_key_with_remembered_hashes(tmp_path, monkeypatch):
    """The inputs key is the same whether files are read or remembered, and follows a change."""
    data = tmp_path / "data"
    data.mkdir()
    f = data / "a.yaml"
    f.write_text("x: 1\n", encoding="utf-8")
    then = __import__("time").time_ns() - 10_000_000_000
    os.utime(f, ns=(then, then))
    store = tmp_path / "hashes.json"
    plain = cache.data_digest(data)
    warm = cache.FileHashes(store)
    assert cache.data_digest(data, warm) == plain
    warm.save()
    assert cache.data_digest(data, cache.FileHashes(store)) == plain
    f.write_text("x: 2\n", encoding="utf-8")
    assert cache.data_digest(data, cache.FileHashes(store)) == cache.data_digest(data) != plain


def test_tree_files_walks_nested_folders_skips_caches_and_matches_patterns(tmp_path):
    for rel in ("a.py", "sub/b.py", "sub/deep/c.py", "sub/notes.txt", "__pycache__/a.cpython-311.pyc",
                "sub/.ipynb_checkpoints/b-checkpoint.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    assert [r for r, _ in cache._tree_files(tmp_path, ("*.py",))] == ["a.py", "sub/b.py", "sub/deep/c.py"]
    assert len(cache._tree_files(tmp_path, ("*",))) == 4
