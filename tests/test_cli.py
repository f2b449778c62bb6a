"""The ``datong`` command line: exit codes and the table commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import buildkit  # noqa: E402

from datong_lib import cli  # noqa: E402
from datong_lib.publish.lock import BuildLock  # noqa: E402


def _datong(project, *args):
    env = {**os.environ, "DATONG_PROJECT_DIR": str(project)}
    return subprocess.run([sys.executable, "-m", "datong_lib.cli", *args], capture_output=True, text=True,
                          env=env, cwd="/")  # another working directory, as cron has


def test_help_lists_the_options():
    out = subprocess.run([sys.executable, "-m", "datong_lib.cli", "build", "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    for opt in ("--jobs", "--force", "--only", "--report", "--scheduler", "--quiet", "--log", "--timeout"):
        assert opt in out.stdout
    assert "3 another build holds the lock" in out.stdout


def test_nothing_to_build_exits_0(tmp_path):
    project = buildkit.make_project(tmp_path / "p", {})
    out = _datong(project, "build", "--reports-dir", str(tmp_path / "r"), "--quiet")
    assert out.returncode == 0 and out.stdout == "" and (tmp_path / "r" / "index.html").is_file()


def test_invalid_parameter_file_exits_2_with_the_reason(tmp_path):
    project = buildkit.make_project(tmp_path / "p", {"energy": buildkit.sector_params("enrgy")})
    out = _datong(project, "build", "--reports-dir", str(tmp_path / "r"), "--quiet")
    assert out.returncode == 2 and "unknown sector 'enrgy'" in out.stderr and "energy, tourism" in out.stderr


def test_unknown_only_slug_exits_2(tmp_path):
    project = buildkit.make_project(tmp_path / "p", {"energy": buildkit.sector_params("energy")})
    out = _datong(project, "build", "--reports-dir", str(tmp_path / "r"), "--only", "enrgy")
    assert out.returncode == 2 and "did you mean 'energy'" in out.stderr


def test_lock_held_exits_3(tmp_path):
    project = buildkit.make_project(tmp_path / "p", {})
    with BuildLock(tmp_path / "r"):
        out = _datong(project, "build", "--reports-dir", str(tmp_path / "r"))
    assert out.returncode == 3 and f"PID {os.getpid()}" in out.stderr


@pytest.mark.slow
def test_failure_exits_1_and_logs(tmp_path):
    project = buildkit.make_project(tmp_path / "p", {
        "ok": buildkit.sector_params("energy"), "bad": buildkit.sector_params("macro", fail="raise")})
    log = tmp_path / "build.log"
    out = _datong(project, "build", "--reports-dir", str(tmp_path / "r"), "--quiet", "--log", str(log), "--jobs", "2")
    assert out.returncode == 1
    assert out.stdout == "" and "FAILED  bad: ValueError: boom in macro" in out.stderr
    assert out.stderr.count("boom in macro") == 1, out.stderr  # once, in the summary
    text = log.read_text(encoding="utf-8")
    assert "ok: ok in" in text and "bad: FAILED" in text
    again = _datong(project, "build", "--reports-dir", str(tmp_path / "r"), "--only", "ok")
    assert again.returncode == 0 and "up to date 1" in again.stdout


@pytest.fixture
def fake_modules(monkeypatch):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"sector": ["energy", "tourism"], "value": [1.5, 2.0], "unit": ["万千瓦", "万人次"]})
    ind = types.ModuleType("datong_lib.indicators")
    ind.load_indicators = lambda sector=None: frame if sector is None else frame[frame.sector == sector]
    monkeypatch.setitem(sys.modules, "datong_lib.indicators", ind)
    return frame


def test_indicators_to_json_and_csv(fake_modules, tmp_path, capsys):
    out = tmp_path / "ind.json"
    assert cli.main(["indicators", "--format", "json", "--sector", "tourism", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == [{"sector": "tourism", "value": 2.0, "unit": "万人次"}]
    assert cli.main(["indicators"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "sector,value,unit"


def test_indicators_xlsx_needs_a_file(fake_modules, tmp_path):
    pytest.importorskip("openpyxl")
    assert cli.main(["indicators", "--format", "xlsx"]) == 2
    assert cli.main(["indicators", "--format", "xlsx", "-o", str(tmp_path / "i.xlsx")]) == 0
    assert (tmp_path / "i.xlsx").stat().st_size > 0


def test_extract_filters_by_sector(tmp_path):
    pd = pytest.importorskip("pandas")
    everything, energy = tmp_path / "all.csv", tmp_path / "energy.csv"
    assert cli.main(["extract", "-o", str(everything)]) == 0
    assert cli.main(["extract", "--sector", "能源", "-o", str(energy)]) == 0
    every, some = pd.read_csv(everything), pd.read_csv(energy)
    assert 0 < len(some) < len(every)
    # The installed capacity sentence is energy's; the tourist numbers are not.
    assert "1755万千瓦" in set(some["text"]) and "1718.7万人次" not in set(some["text"])
    assert set(some["sentence"]) <= set(every["sentence"])


def test_extract_unknown_sector_exits_2_with_a_suggestion(capsys):
    assert cli.main(["extract", "--sector", "enrgy"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'energy'" in err and err.count("\n") == 1


def test_version_comes_from_the_package_metadata():
    from importlib.metadata import version

    out = subprocess.run([sys.executable, "-m", "datong_lib.cli", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == f"datong {version('datong-lib')}"


def test_sectors_lists_slug_chinese_and_english(tmp_path, capsys):
    assert cli.main(["sectors"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "slug,name_zh,name_en" and "energy,能源,Energy" in lines
    assert cli.main(["sectors", "--format", "json", "-o", str(tmp_path / "s.json")]) == 0
    rows = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert {"slug": "tourism", "name_zh": "文化旅游", "name_en": "Culture and tourism"} in rows
    assert all(set(r) == {"slug", "name_zh", "name_en"} for r in rows)


@pytest.mark.parametrize("quiet", [True, False])
def test_each_error_is_printed_once(tmp_path, quiet):
    project = buildkit.make_project(tmp_path / "p", {"energy": buildkit.sector_params("enrgy")})
    out = _datong(project, "build", "--reports-dir", str(tmp_path / "r"), *(["--quiet"] if quiet else []))
    assert out.returncode == 2
    assert (out.stdout + out.stderr).count("unknown sector 'enrgy'") == 1, (out.stdout, out.stderr)


def test_scheduler_without_dask_says_which_extra(tmp_path, monkeypatch, capsys):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else real(name, *a))
    assert cli.main(["build", "--scheduler", "tcp://nowhere:8786", "--reports-dir", str(tmp_path / "r")]) == 2
    assert 'pip install "datong-lib[dask]"' in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_series_gdp_growth_gives_the_national_targets_and_results(capsys):
    import io

    import pandas as pd

    assert cli.main(["series", "gdp", "--metric", "growth", "--place", "全国", "--format", "csv"]) == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(df.columns[:4]) == ["indicator", "metric", "place", "year"]
    targets = set(df.loc[df["target"].notna(), "year"])
    results = set(df.loc[df["actual"].notna(), "year"])
    assert targets == {1994, 1998, 2003, 2008, 2014, 2016, 2017, 2019, 2022, 2023, 2024, 2025}
    assert 2020 not in targets
    # 1997: national_1998 states it as 去年经济增长8.8% (the whole economy: GDP growth)
    assert results == {1993, 1997, 2013, 2015, 2016, 2018, 2019, 2021, 2022, 2023, 2024}
    both = df["target"].notna() & df["actual"].notna()
    assert set(df.loc[both, "verdict"]) <= {"met", "missed"}
    assert set(df.loc[~both, "verdict"]) <= {"no_target", "no_result"}


def test_series_to_json_file(tmp_path):
    out = tmp_path / "cpi.json"
    assert cli.main(["series", "cpi", "--format", "json", "-o", str(out)]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert rows and all(r["indicator"] == "cpi" for r in rows)


def test_series_unknown_indicator_exits_2_with_a_suggestion(capsys):
    assert cli.main(["series", "gpd"]) == 2
    assert "did you mean 'gdp'" in capsys.readouterr().err
