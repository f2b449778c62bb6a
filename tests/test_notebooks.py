"""The notebook suite: committed clean, parameters checked, every briefing executes.

The executing tests build every parameter file once (the session fixture ``built_reports``
in conftest.py, into a temporary reports folder) and then check what readers see in the
briefings.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from datong_lib import config

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))
PARAMS = sorted(config.PARAMS_DIR.glob("*.yaml"))


def _cells(path: Path):
    return nbformat.read(path, as_version=4).cells


def test_suite_has_the_four_briefing_notebooks():
    names = {p.name for p in NOTEBOOKS}
    assert {"01_overview.ipynb", "02_sector_briefing.ipynb", "03_targets.ipynb", "04_text_analysis.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_stays_thin(path):
    """A briefing reads as prose, tables and charts; programs belong in datong_lib."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [line for c in nb["cells"] if c["cell_type"] == "code" for line in "".join(c["source"]).splitlines()]
    assert len(code) <= 70, f"{path.name} has {len(code)} lines of code; move the logic into datong_lib"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_is_clean(path):
    cells = _cells(path)
    code = [c for c in cells if c.cell_type == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), "strip outputs: make strip"
    tagged = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: {len(tagged)} cells tagged 'parameters' (expected 1)"
    # Flat, typed literals only: papermill --help-notebook documents them, nothing derived.
    tree = ast.parse(tagged[0].source)
    assert tree.body, "empty parameters cell"
    for node in tree.body:
        assert isinstance(node, ast.AnnAssign), ast.dump(node)
        assert isinstance(node.value, ast.Constant)
    for line in tagged[0].source.splitlines():
        assert "#" in line, f"parameter without a comment: {line}"
    assert nbformat.read(path, as_version=4).metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", PARAMS, ids=lambda p: p.name)
def test_parameter_file_is_valid_for_its_notebook(path):
    from datong_lib.publish.params import load_briefing

    briefing = load_briefing(path)
    assert (config.NOTEBOOKS_DIR / briefing.notebook).exists()


def test_every_sector_has_a_briefing():
    sectors = {s["slug"] for s in yaml.safe_load(config.SECTORS_YAML.read_text(encoding="utf-8"))}
    briefed = set()
    for p in PARAMS:
        spec = yaml.safe_load(p.read_text(encoding="utf-8"))
        if spec["notebook"] == "02_sector_briefing.ipynb":
            briefed.add(spec["parameters"]["sector"])
    assert briefed == sectors


# -- executed ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(built_reports):
    # Built once per session in conftest.py; the browser tests read the same briefings.
    return built_reports


def _html(built, slug) -> str:
    return (built / f"{slug}.html").read_text(encoding="utf-8")


def _executed(built, slug) -> dict:
    return json.loads((built / "_build" / f"{slug}.ipynb").read_text(encoding="utf-8"))


def _visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.slow
def test_every_parameter_file_builds(built):
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))["briefings"]
    for p in PARAMS:
        if p.stem.startswith("compare"):
            continue
        assert manifest[p.stem]["status"] == "ok", p.stem
        assert (built / f"{p.stem}.html").stat().st_size > 5_000


@pytest.mark.slow
def test_no_warning_or_stderr_in_any_executed_notebook(built):
    executed = sorted((built / "_build").glob("*.ipynb"))
    # One executed notebook per briefing built: a scan of nothing would pass on a broken build.
    assert len(executed) >= len([p for p in PARAMS if not p.stem.startswith("compare")]), executed
    for path in executed:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            for out in cell.get("outputs", []):
                assert out["output_type"] != "error", (path.name, out.get("evalue"))
                assert not (out["output_type"] == "stream" and out["name"] == "stderr"), (path.name, out["text"])
                text = json.dumps(out.get("data", {}), ensure_ascii=False) + str(out.get("text", ""))
                assert "Glyph" not in text and "Warning" not in text, path.name


@pytest.mark.slow
def test_tourism_briefing_shows_visitors_and_growth(built):
    text = _visible_text(_html(built, "sector_tourism"))
    for figure in ("1718.7万人次", "107.78%", "6.4亿元", "35.29%", "接待游客"):
        assert figure in text, figure


@pytest.mark.slow
def test_targets_show_gdp_acceleration_and_cautious_jobs_target(built):
    text = _visible_text(_html(built, "targets"))
    assert "+3.0个百分点" in text
    assert "4.4万人" in text and "5.27万人" in text
    assert "稳健" in text and "基本同步" in text


@pytest.mark.slow
def test_overview_has_highlights_sector_shares_and_derived_facts(built):
    text = _visible_text(_html(built, "overview"))
    for needle in ("大同潜力优势加速释放", "1755万千瓦", "827.2万人次", "4.4万人", "5.5%左右"):
        assert needle in text, needle
    # Qualifiers print as the report writes them (5.5%左右), never as codes.
    assert not re.search(r"[\d%亿万元斤吨](approx|at_least|over|nearly|at_most)", text)


@pytest.mark.slow
def test_text_analysis_finds_suanli_among_leading_terms(built):
    nb = _executed(built, "text_analysis")
    html = _html(built, "text_analysis")
    assert "算力" in _visible_text(html)
    heads = json.loads((built / "manifest.json").read_text(encoding="utf-8"))["briefings"]["text_analysis"]["headlines"]
    assert heads and heads[0]["value"] == "增长"
    assert "统筹提振消费和扩大投资" not in html or "提振消费" in html
    assert any("提振消费" in json.dumps(c.get("outputs", []), ensure_ascii=False) for c in nb["cells"])


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["sector_governance", "sector_safety"])
def test_sectors_without_figures_get_a_text_led_briefing(built, slug):
    html = _html(built, slug)
    assert "<img" not in html.split("今年任务")[0]  # no empty charts before the tasks
    assert "没有" in _visible_text(html)
    assert html.count("<blockquote") >= 3  # the sector's task paragraphs, quoted


@pytest.mark.slow
def test_notebook_runs_with_its_defaults_from_the_notebooks_folder(tmp_path):
    """What an analyst gets in JupyterLab: defaults, working directory notebooks/."""
    from nbclient import NotebookClient

    nb = nbformat.read(config.NOTEBOOKS_DIR / "02_sector_briefing.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(config.NOTEBOOKS_DIR)}}).execute()
    outputs = json.dumps([c.get("outputs", []) for c in nb.cells], ensure_ascii=False)
    assert "1755万千瓦" in outputs  # the default sector is energy
    assert '"name": "stderr"' not in outputs


@pytest.mark.slow
def test_briefings_build_for_another_report(tmp_path):
    """`datong build --report national_2022`: the same notebooks on a report with no curated table."""
    from datong_lib.publish import build

    result = build(reports_dir=tmp_path, jobs=2, report="national_2022", only=["targets", "sector_governance"],
                   progress=False)
    assert sorted(result.built) == ["sector_governance--national_2022", "targets--national_2022"], result.summary()
    text = _visible_text((tmp_path / "targets--national_2022.html").read_text(encoding="utf-8"))
    for needle in ("国内生产总值增长", "8.1%", "5.5%左右", "1100万人以上", "较上年放缓", "全国 2022年政府工作报告"):
        assert needle in text, needle
    gov = _visible_text((tmp_path / "sector_governance--national_2022.html").read_text(encoding="utf-8"))
    assert "政府自身建设" in gov
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "targets--national_2022.html" in index


@pytest.mark.slow
def test_national_series_shows_targets_results_and_their_sentences(built):
    html = _html(built, "national_series")
    text = _visible_text(html)
    for needle in ("全国目标与实际", "国内生产总值", "居民消费价格", "城镇新增就业", "城镇调查失业率",
                   "6.5—7%", "达到目标", "未达到目标", "无当年报告", "national_2017.txt"):
        assert needle in text, needle
    assert html.count("<img") >= 4  # a chart per indicator
    assert html.count("<blockquote") >= 40  # the sentence of every point
    heads = json.loads((built / "manifest.json").read_text(encoding="utf-8"))["briefings"]["national_series"]["headlines"]
    assert 2 <= len(heads) <= 3
