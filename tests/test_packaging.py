"""The package as users install it: dependencies, import weight, files in the wheel."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]


def _split(req: str) -> list[tuple[str, str]]:
    """Return [(name, version spec)] for one requirement, extras as their own names."""
    m = re.match(r"^\s*([A-Za-z0-9_.-]+)(?:\[([^\]]+)\])?\s*(.*)$", req)
    assert m, req
    name, extras, spec = m.groups()
    out = [(name.lower().replace("_", "-"), spec.replace(" ", ""))]
    for extra in (extras or "").split(","):
        if extra.strip():
            out.append((extra.strip().lower(), spec.replace(" ", "")))
    return out


def test_pyproject_and_environment_list_the_same_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    # environment.yml installs everything: the dependencies and every extra (less the
    # extras that only name other extras of this package).
    pip_reqs = project["dependencies"] + [req for group in project["optional-dependencies"].values()
                                          for req in group if not req.startswith(project["name"])]
    pip_side = dict(pair for req in pip_reqs for pair in _split(req))
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda_reqs = [d for d in env["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip"))]
    conda_side = dict(pair for req in conda_reqs for pair in _split(req))
    assert pip_side == conda_side


def test_import_is_light():
    code = (
        "import sys, datong_lib as dl\n"
        "r = dl.load_report()\n"
        "heavy = [m for m in ('matplotlib', 'seaborn', 'papermill', 'nbconvert', 'jieba') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == ""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """The project's wheel, built once: (wheel file, the folder it was unpacked into)."""
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("*.whl"))
    site = tmp / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    return wheel, site


@pytest.mark.slow
def test_installed_wheel_carries_its_data(tmp_path, wheel):
    """Build the wheel, unpack it away from the checkout and use it from another folder."""
    wheel, site = wheel
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    for required in (
        "datong_lib/_project/data/raw/datong_2025_report.md",
        "datong_lib/_project/data/raw/datong_2025_report.yaml",
        "datong_lib/_project/data/sectors.yaml",
        "datong_lib/_project/data/indicators.csv",
        "datong_lib/_project/data/indicator_names.yaml",
        "datong_lib/_project/data/userdict.txt",
        "datong_lib/_project/notebooks/02_sector_briefing.ipynb",
        "datong_lib/_project/params/sector_energy.yaml",
        "datong_lib/fonts/DatongSansCJK-Regular.ttf",
        "datong_lib/fonts/OFL.txt",
        "datong_lib/publish/templates/style.css",
    ):
        assert required in names
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    code = (
        "import datong_lib as dl, datong_lib.config as c\n"
        "r = dl.load_report()\n"
        "assert len(dl.load_indicators('tourism')) == 6\n"
        "assert 'Datong' in dl.present.use_cjk_font(prefer_system=False)\n"
        "assert str(c.PROJECT_DIR).startswith(%r), c.PROJECT_DIR\n"
        "print(r.metadata['city'], len(r.sentences))\n" % str(site)
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("大同 ")


@pytest.mark.slow
def test_installed_wheel_builds_into_the_working_directory(tmp_path, wheel):
    """``datong build`` from a wheel writes ./reports (or --reports-dir), never into site-packages."""
    sys.path.insert(0, str(Path(__file__).parent))
    import buildkit

    _, site = wheel
    project = buildkit.make_project(tmp_path / "project", {})  # nothing to run: index and manifest only
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "DATONG_PROJECT_DIR": str(project)}
    for args, expected in (([], cwd / "reports"), (["--reports-dir", "elsewhere"], cwd / "elsewhere")):
        out = subprocess.run([sys.executable, "-m", "datong_lib.cli", "build", "--quiet", *args], cwd=cwd, env=env,
                             capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        assert (expected / "index.html").is_file() and (expected / "manifest.json").is_file()
    code = "import datong_lib.config as c; print(c.REPORTS_DIR)"
    out = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True)
    assert out.stdout.strip() == str((cwd / "reports").resolve()), out.stderr
    assert not [p for p in site.rglob("*") if p.name in ("reports", "index.html", "manifest.json", ".build.lock")]
