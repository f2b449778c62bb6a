"""Corpus builds (many reports in one pool), the build's report cache and forked kernels."""

from __future__ import annotations

import json
import os
import pickle
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from conftest import copy_project  # noqa: E402

from datong_lib import config  # noqa: E402
from datong_lib.publish import cache, runner  # noqa: E402
from datong_lib.report import cache as report_cache  # noqa: E402
from datong_lib.report import load_report  # noqa: E402

RAW = config.DATA_DIR / "raw"


# --------------------------------------------------------------------- the report cache

@pytest.fixture
def report_file(tmp_path):
    path = tmp_path / "city_2024.txt"
    path.write_text("一、2023年工作回顾\n\n全市地区生产总值增长5.5%。\n\n二、2024年工作安排\n\n增长5%左右。\n", encoding="utf-8")
    return path


def _stored(report_file, folder, marker="from the cache"):
    rep = load_report(report_file)
    rep.metadata["title"] = marker  # tells a cached copy from a parsed one
    report_cache.store(rep, report_file.read_bytes(), folder)
    return rep


def test_a_stored_report_is_served_to_load_report(report_file, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    _stored(report_file, folder)
    assert load_report(report_file).metadata.get("title") != "from the cache"  # no folder named: parsed
    monkeypatch.setenv(report_cache.ENV, str(folder))
    assert load_report(report_file).metadata["title"] == "from the cache"
    assert load_report(report_file, metadata={"x": 1}).metadata.get("title") != "from the cache"


def test_a_changed_report_or_sidecar_is_parsed_again(report_file, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    _stored(report_file, folder)
    monkeypatch.setenv(report_cache.ENV, str(folder))
    report_file.write_text(report_file.read_text(encoding="utf-8") + "\n新增一段：投资增长8%。\n", encoding="utf-8")
    rep = load_report(report_file)
    assert rep.metadata.get("title") != "from the cache" and "投资增长8%" in rep.text
    _stored(report_file, folder)
    assert load_report(report_file).metadata["title"] == "from the cache"
    report_file.with_suffix(".yaml").write_text("city: 某市\n", encoding="utf-8")
    assert load_report(report_file).metadata.get("title") != "from the cache"


def test_a_damaged_or_foreign_pickle_is_ignored(report_file, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    _stored(report_file, folder)
    monkeypatch.setenv(report_cache.ENV, str(folder))
    [path] = folder.glob("*.pickle")
    path.write_bytes(path.read_bytes()[:100])
    assert load_report(report_file).metadata.get("title") != "from the cache"
    key = report_cache.report_key(report_file, report_file.read_bytes())
    path.write_bytes(pickle.dumps({"format": report_cache.FORMAT + 1, "key": key, "report": "stale"}))
    assert load_report(report_file).metadata.get("title") != "from the cache"


def test_a_library_change_moves_the_cache_and_drops_the_old_one(tmp_path):
    one = cache.report_cache_dir(tmp_path, "library A")
    one.mkdir(parents=True)
    (one / "x.pickle").write_bytes(b"old")
    assert cache.report_cache_dir(tmp_path, "library A") == one and one.is_dir()
    two = cache.report_cache_dir(tmp_path, "library B")
    assert two != one and not one.exists()
    assert two.parent == tmp_path / "_build" / cache.REPORT_CACHE_DIR


def test_a_report_pattern_expands_to_files_here_or_in_data_raw(tmp_path, monkeypatch):
    from datong_lib.cli import _expand_report
    from datong_lib.errors import ReportError

    monkeypatch.chdir(tmp_path)
    found = _expand_report("national_201[67].txt")
    assert [Path(p).name for p in found] == ["national_2016.txt", "national_2017.txt"]
    assert len(_expand_report(str(RAW / "national_*.txt"))) == len(list(RAW.glob("national_*.txt")))
    assert _expand_report("national_2016.txt") == ["national_2016.txt"]
    with pytest.raises(ReportError, match="no report file matches"):
        _expand_report("nowhere_*.txt")


# --------------------------------------------------------------------- a corpus build

@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    project = copy_project(root / "project")
    reports = root / "reports"
    names = ["national_2016.txt", "national_2022.txt"]
    result = runner.build(project_dir=project, reports_dir=reports, jobs=2, timeout=120, progress=False,
                          only=["targets"], report=[str(project / "data" / "raw" / n) for n in names])
    return reports, result, names


@pytest.mark.slow
def test_a_corpus_builds_each_report_in_one_build(corpus):
    reports, result, names = corpus
    assert result.exit_code == 0, result.summary()
    assert sorted(result.built) == ["targets--national_2016", "targets--national_2022"]
    entries = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))["briefings"]
    assert {e["report"] for e in entries.values()} == set(names)
    for name in names:
        page = (reports / f"targets--{Path(name).stem}.html").read_text(encoding="utf-8")
        assert "2016" in page if "2016" in name else "2022" in page
    # One pickle per report, shared by the kernels that read it.
    assert len(list((reports / "_build" / cache.REPORT_CACHE_DIR).glob("*/*.pickle"))) == 2


@pytest.mark.slow
def test_the_index_groups_a_corpus_by_report(corpus):
    reports, _, _ = corpus
    index = (reports / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2[^>]*>([^<]*)", index)
    assert [h.strip() for h in headings] == ["全国 2016年政府工作报告", "全国 2022年政府工作报告"]


@pytest.mark.slow
def test_a_corpus_build_with_nothing_to_do_runs_nothing(corpus, tmp_path):
    reports, _, names = corpus
    project = reports.parent / "project"
    again = runner.build(project_dir=project, reports_dir=reports, progress=False, only=["targets"],
                         report=[str(project / "data" / "raw" / n) for n in names])
    assert again.built == [] and sorted(again.skipped) == ["targets--national_2016", "targets--national_2022"]


# --------------------------------------------------------------------- forked kernels

@pytest.mark.slow
def test_a_forked_kernel_gives_the_outputs_of_a_launched_one(tmp_path):
    """The same notebook in a kernel forked from the warm template and in a launched one."""
    import multiprocessing as mp

    import nbformat

    from datong_lib.publish import worker

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(src) for src in (
        "import os, sys\nprint(os.getcwd())",
        "import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(2, 1))\n_ = ax.plot([1, 2, 3])",
        "import datong_lib as dl\ndl.load_report('national_2016.txt').metadata['report_year']",
        "1 / 0",
    )]
    task = {"slug": "probe", "notebook_json": nbformat.writes(nb), "parameters": {}, "timeout": 60,
            "kernel_name": "python3", "cwd": str(tmp_path)}
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["datong_lib.publish.warm"])
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=worker.run_in_child, args=(task, send))
    proc.start()
    send.close()
    forked = recv.recv()
    proc.join(10)
    launched = worker.execute_task(task)  # no template in this process: an ordinary kernel

    def outputs(res):
        cells = nbformat.reads(res["notebook_json"], as_version=4).cells
        return [[{k: v for k, v in o.items() if k != "traceback"} for o in c.outputs] for c in cells if c.cell_type == "code"]

    assert forked["status"] == launched["status"] == "failed"
    assert outputs(forked) == outputs(launched)
    assert any("image/png" in o.get("data", {}) for o in outputs(forked)[1])
    assert str(tmp_path) in outputs(forked)[0][0]["text"]
