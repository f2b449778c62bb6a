"""`datong build --report` on reports that are not text: a CSV export, the Word file and a PDF.

Builds run the real notebooks, so this is a sample (one report per kind); the whole corpus
is read by ``scripts/read_corpus.py`` and ``make bench``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from conftest import copy_project  # noqa: E402
from pdfkit import chromium, report_pdf  # noqa: E402

from datong_lib import config  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("formats") / "project")


def _datong(project: Path, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATONG_PROJECT_DIR": str(project)}
    return subprocess.run([sys.executable, "-m", "datong_lib.cli", *args], capture_output=True, text=True,
                          env=env, cwd=str(project), timeout=1800)


def _pdf_name(project: Path, tmp_path: Path) -> str:
    exe = chromium()
    if exe is None:
        pytest.skip("no system Chromium found; run scripts/install_browser_deps.sh (make browser-deps)")
    pdf = report_pdf(config.DEFAULT_REPORT, tmp_path, exe)
    out = _datong(project, "import", str(pdf), "--name", "datong_2025_printed")
    assert out.returncode == 0, out.stderr
    assert "place 大同市" in out.stdout and "report_year 2025" in out.stdout
    return "datong_2025_printed"


@pytest.mark.parametrize("kind, name, heading", [
    ("csv", "province_hebei_2026.csv", "河北省 2026年政府工作报告"),
    ("docx", "province_shanxi_2025", "山西省 2025年政府工作报告"),
    pytest.param("pdf", None, "大同市 2025年政府工作报告", marks=pytest.mark.browser),
])
def test_build_for_a_report_that_is_not_text(project, tmp_path, kind, name, heading):
    name = name or _pdf_name(project, tmp_path)
    reports = tmp_path / "reports"
    out = _datong(project, "build", "--report", name, "--reports-dir", str(reports), "--jobs", "4")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "failed 0" in out.stdout and "invalid 0" in out.stdout, out.stdout
    stem = Path(name).stem
    pages = sorted(reports.glob(f"*--{stem}.html"))
    assert len(pages) >= 10, out.stdout
    assert f"targets--{stem}.html" in (reports / "index.html").read_text(encoding="utf-8")
    targets = (reports / f"targets--{stem}.html").read_text(encoding="utf-8")
    assert heading in targets  # place and year detected (or from the sidecar) reach the briefing
    assert "Traceback" not in targets
