"""SIGKILL to a running ``datong build`` (the OOM killer, a reboot, ``kill -9``): the next
build exits 0 and leaves no half-written HTML, manifest or temporary file.

The build runs in its own process, killed at a chosen moment: while a slow notebook
executes, or, through a hook in that process, with a page or the manifest written to its
temporary file but not yet renamed into place.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import buildkit  # noqa: E402

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]

# Runs `datong build`, but the rename that would put HOLD_AT in place waits for the kill.
_HOOKED_BUILD = """
import os, sys, time
target = os.environ["HOLD_AT"]
real = os.replace
def replace(src, dst, *a, **kw):
    if os.path.basename(dst) == target:
        print("HOLDING", src, flush=True)
        time.sleep(600)
    return real(src, dst, *a, **kw)
os.replace = replace
from datong_lib.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _build(project: Path, reports: Path, *args, hold_at: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "DATONG_PROJECT_DIR": str(project), "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    code = ["-c", _HOOKED_BUILD] if hold_at else ["-m", "datong_lib.cli"]
    if hold_at:
        env["HOLD_AT"] = hold_at
    return subprocess.Popen([sys.executable, *code, "build", "--reports-dir", str(reports), "--jobs", "2",
                             "--timeout", "60", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def _finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=180)
    return proc.returncode, out, err


def _kill_group(proc: subprocess.Popen) -> None:
    """What is left of a killed build: its workers and kernels, if any outlived it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _temporary(reports: Path) -> list[str]:
    return sorted(str(p.relative_to(reports)) for p in reports.rglob("*") if ".tmp-" in p.name)


def _consistent(reports: Path) -> dict:
    """The manifest parses, every briefing is ok and its page is whole; return the entries."""
    entries = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))["briefings"]
    for slug, entry in entries.items():
        assert entry["status"] == "ok", (slug, entry)
        page = (reports / f"{slug}.html").read_text(encoding="utf-8")
        assert page.rstrip().endswith("</html>") and entry["inputs_hash"] in page, slug
        assert len(page.encode("utf-8")) == entry["html_bytes"], slug
    assert (reports / "index.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    return entries


@pytest.fixture
def project(tmp_path):
    project = buildkit.make_project(tmp_path / "p", {"energy": buildkit.sector_params("energy")})
    reports = tmp_path / "reports"
    code, out, err = _finish(_build(project, reports))
    assert code == 0, err
    return project, reports


@pytest.mark.parametrize("hold_at", ["energy.html", "manifest.json"])
def test_killed_between_writing_and_renaming(project, hold_at):
    project, reports = project
    before = {p.name: p.read_bytes() for p in reports.glob("*.html")}
    buildkit.write_params(project, "energy", buildkit.sector_params("energy", top_n=4))
    proc = _build(project, reports, hold_at=hold_at)
    try:
        line = proc.stdout.readline()
        assert line.startswith("HOLDING"), line + proc.stderr.read()
        half = Path(line.split()[1])
        assert half.is_file() and ".tmp-" in half.name  # written, not yet in place
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        _kill_group(proc)
    assert str(half.relative_to(reports)) in _temporary(reports)
    if hold_at.endswith(".html"):
        assert (reports / hold_at).read_bytes() == before[hold_at]  # the old page, whole
    json.loads((reports / "manifest.json").read_text(encoding="utf-8"))  # the old manifest, whole

    code, out, err = _finish(_build(project, reports))
    assert code == 0 and "failed 0" in out, (out, err)
    assert _temporary(reports) == [] and not (reports / ".build.lock").exists()
    _consistent(reports)
    assert "sector energy top 4" in (reports / "energy.html").read_text(encoding="utf-8")


def test_killed_while_a_slow_notebook_runs(project):
    project, reports = project
    nb = buildkit.briefing_notebook("time.sleep(float(os.environ.get('SLOW', '0')))\n")
    import nbformat

    nbformat.write(nb, project / "notebooks" / "02_sector_briefing.ipynb")
    os.environ["SLOW"] = "4"  # the kernels inherit it
    try:
        proc = _build(project, reports)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(p.name.startswith(".") for p in (reports / "_build").glob("*")):
            time.sleep(0.1)  # papermill saves the running notebook as it goes
        time.sleep(1)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        time.sleep(6)  # anything the build started and left behind has finished by now
    finally:
        _kill_group(proc)
        os.environ.pop("SLOW")
    code, out, err = _finish(_build(project, reports))
    assert code == 0 and "failed 0" in out and "built 1" in out, (out, err)
    assert _temporary(reports) == [] and not (reports / ".build.lock").exists()
    _consistent(reports)
