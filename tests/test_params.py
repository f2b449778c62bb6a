"""Parameter files are checked before any kernel starts; each error names the fix."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import buildkit  # noqa: E402

from datong_lib.publish import pool, runner  # noqa: E402
from datong_lib.errors import ParameterError  # noqa: E402
from datong_lib.publish.params import load_briefing, load_briefings, notebook_parameters, report_for  # noqa: E402


@pytest.fixture
def project(tmp_path):
    return buildkit.make_project(tmp_path, {"energy": buildkit.sector_params("energy")})


def _load(project, slug):
    return load_briefing(project / "params" / f"{slug}.yaml", notebooks_dir=project / "notebooks",
                         data_dir=project / "data")


def _bad(project, text):
    (project / "params" / "bad.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ParameterError) as err:
        _load(project, "bad")
    return str(err.value)


def test_a_good_file_loads(project):
    b = _load(project, "energy")
    assert b.slug == "energy" and b.sector == "energy" and b.notebook.name == "02_sector_briefing.ipynb"
    assert b.parameters == {"sector": "energy"} and b.report.name == "datong_2025_report.md"
    assert set(b.declared) == {"sector", "fail", "top_n", "report"}


def test_malformed_yaml(project):
    msg = _bad(project, "notebook: 02_sector_briefing.ipynb\nparameters: {sector: energy\n")
    assert "malformed YAML" in msg and "line" in msg and "bad.yaml" in msg


def test_unknown_top_level_key(project):
    msg = _bad(project, "notebook: 02_sector_briefing.ipynb\nparameter:\n  sector: energy\n")
    assert "unknown key 'parameter'" in msg and "did you mean 'parameters'" in msg


def test_missing_notebook_key(project):
    assert "'notebook' is required" in _bad(project, "parameters: {sector: energy}\n")


def test_notebook_that_does_not_exist(project):
    msg = _bad(project, "notebook: 02_sector_brefing.ipynb\n")
    assert "not found" in msg and "did you mean '02_sector_briefing.ipynb'" in msg and "01_overview.ipynb" in msg


def test_unknown_parameter_name(project):
    msg = _bad(project, "notebook: 02_sector_briefing.ipynb\nparameters: {sectr: energy}\n")
    assert "unknown parameter 'sectr'" in msg and "did you mean 'sector'" in msg and "top_n" in msg


@pytest.mark.parametrize("value, expected", [("'three'", "must be int"), ("2.5", "must be int"),
                                             ("true", "must be int"), ("[1]", "must be int")])
def test_wrong_value_type(project, value, expected):
    msg = _bad(project, f"notebook: 02_sector_briefing.ipynb\nparameters: {{top_n: {value}}}\n")
    assert expected in msg and "'top_n'" in msg


def test_int_where_str_is_declared_is_refused(project):
    assert "must be str" in _bad(project, "notebook: 02_sector_briefing.ipynb\nparameters: {sector: 3}\n")


def test_unknown_sector_lists_the_valid_ones(project):
    msg = _bad(project, "notebook: 02_sector_briefing.ipynb\nparameters: {sector: enrgy}\n")
    assert "unknown sector 'enrgy'" in msg and "did you mean 'energy'" in msg
    assert "energy, tourism, macro" in msg


def test_report_must_exist(project):
    msg = _bad(project, "notebook: 02_sector_briefing.ipynb\nparameters: {report: nowhere.md}\n")
    assert "report file not found" in msg and "other_report.txt" in msg


def test_report_by_name_or_path(project):
    raw = project / "data" / "raw"
    assert report_for("other_report", raw_dir=raw, project_dir=project) == raw / "other_report.txt"
    assert report_for("data/raw/other_report.txt", raw_dir=raw, project_dir=project) == raw / "other_report.txt"


def test_parameters_cell_matches_papermill(project):
    import ast
    import json

    papermill = pytest.importorskip("papermill")
    path = project / "notebooks" / "02_sector_briefing.ipynb"
    ours = notebook_parameters(json.loads(path.read_text(encoding="utf-8")))
    theirs = papermill.inspect_notebook(str(path))
    assert set(ours) == set(theirs)
    for name, spec in ours.items():
        assert spec.type_hint == theirs[name]["inferred_type_name"]
        assert spec.default == ast.literal_eval(theirs[name]["default"])
        assert spec.help == theirs[name]["help"]


def test_unknown_only_slug(project):
    with pytest.raises(ParameterError, match="unknown briefing 'enrgy'.*did you mean 'energy'"):
        load_briefings(project / "params", only=["enrgy"], notebooks_dir=project / "notebooks",
                       data_dir=project / "data")


@pytest.mark.parametrize("text", [
    "notebook: 02_sector_briefing.ipynb\nparameters: {sector: enrgy}\n",
    "notebook: nope.ipynb\n",
    "notebook: [\n",
    "notebook: 02_sector_briefing.ipynb\nparameters: {top_n: x}\n",
    "notebook: 02_sector_briefing.ipynb\nparameters: {colour: red}\n",
])
def test_build_reports_invalid_files_without_starting_a_kernel(project, monkeypatch, tmp_path, text):
    def no_kernels(*a, **kw):
        raise AssertionError("a kernel would have started")

    monkeypatch.setattr(pool, "run_local", no_kernels)
    (project / "params" / "energy.yaml").write_text(text, encoding="utf-8")
    result = runner.build(project_dir=project, reports_dir=tmp_path / "reports", progress=False)
    assert result.exit_code == 2 and list(result.invalid) == ["energy"]
    entry = runner.load_manifest(tmp_path / "reports")["briefings"]["energy"]
    assert entry["status"] == "failed" and entry["error"].startswith("invalid parameter file")
