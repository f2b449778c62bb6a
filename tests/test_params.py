"""Parameter files are checked before any kernel starts; each error names the fix."""

from __future__ import annotations

import os
import subprocess
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


@pytest.mark.parametrize("where", ["../outside.ipynb", "{abs}", "sub/../../outside.ipynb", "link.ipynb"])
def test_notebook_outside_notebooks_folder_is_refused(project, tmp_path, where):
    outside = project / "outside.ipynb"
    outside.write_bytes((project / "notebooks" / "02_sector_briefing.ipynb").read_bytes())
    (project / "notebooks" / "link.ipynb").symlink_to(outside)
    msg = _bad(project, f"notebook: {where.format(abs=outside)}\nparameters: {{sector: energy}}\n")
    assert "is outside" in msg and "02_sector_briefing.ipynb" in msg


def test_notebook_outside_notebooks_folder_exits_2_and_runs_nothing(project):
    (project / "outside.ipynb").write_bytes((project / "notebooks" / "02_sector_briefing.ipynb").read_bytes())
    (project / "params" / "bad.yaml").write_text("notebook: ../outside.ipynb\nparameters: {sector: energy}\n",
                                                 encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "datong_lib.cli", "build", "--reports-dir", str(project / "r"),
                          "--only", "bad", "--quiet"], capture_output=True, text=True,
                         env={**os.environ, "DATONG_PROJECT_DIR": str(project)}, cwd="/")
    assert out.returncode == 2 and "is outside" in out.stderr, out.stderr
    assert not (project / "r" / "_build").exists()


def test_report_in_a_parameter_file_resolves_as_the_cli_resolves_it(project, monkeypatch, tmp_path):
    from datong_lib.report import resolve_report

    (project / "incoming").mkdir()
    (project / "incoming" / "r.md").write_text("增长5%。", encoding="utf-8")
    raw = project / "data" / "raw"
    for value in ("datong_2025_report", "datong_2025_report.md", "incoming/r.md", str(project / "incoming" / "r.md")):
        monkeypatch.chdir(project)  # the CLI resolves from where the user typed it
        cli_side = resolve_report(value, raw_dir=raw).resolve()
        monkeypatch.chdir(tmp_path)  # a parameter file, from the project folder wherever the build runs
        assert report_for(value, raw_dir=raw, project_dir=project).resolve() == cli_side, value
    with pytest.raises(ParameterError, match="did you mean 'datong_2025_report.md'"):
        report_for("datong_2025_reprt.md", raw_dir=raw, project_dir=project)
