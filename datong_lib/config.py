"""Where the project's files live.

Every path the library reads is derived here, never from the current working
directory: papermill starts kernels in the caller's directory, so a relative path
that works in JupyterLab breaks in a scheduled run.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent
PROJ_ROOT = PACKAGE_DIR.parent


def _project_dir() -> Path:
    """Return the folder that holds ``data/``, ``notebooks/`` and ``params/``.

    A checkout (or an editable install) uses the repository itself; a wheel carries
    copies under ``datong_lib/_project``. ``DATONG_PROJECT_DIR`` overrides both.
    """
    env = os.environ.get("DATONG_PROJECT_DIR")
    if env:
        return Path(env).expanduser().resolve()
    bundled = Path(str(files("datong_lib"))) / "_project"
    if (bundled / "data").is_dir():
        return bundled
    return PROJ_ROOT


PROJECT_DIR = _project_dir()
DATA_DIR = PROJECT_DIR / "data"
RAW_DIR = DATA_DIR / "raw"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
PARAMS_DIR = PROJECT_DIR / "params"


def reports_dir() -> Path:
    """Where ``datong build`` writes unless told (``--reports-dir``): ``DATONG_REPORTS_DIR``;
    in a checkout, ``reports/`` beside it; installed (a wheel), ``./reports`` of the working
    directory, never the installation itself. Also ``config.REPORTS_DIR``, read when asked.
    """
    env = os.environ.get("DATONG_REPORTS_DIR")
    if env:
        return Path(env).expanduser().resolve()
    checkout = (PROJ_ROOT / "pyproject.toml").is_file() and (PROJ_ROOT / "notebooks").is_dir()
    return ((PROJ_ROOT if checkout else Path.cwd()) / "reports").resolve()


def __getattr__(name: str):
    if name == "REPORTS_DIR":
        return reports_dir()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


DEFAULT_REPORT = RAW_DIR / "datong_2025_report.md"
INDICATORS_CSV = DATA_DIR / "indicators.csv"
SECTORS_YAML = DATA_DIR / "sectors.yaml"

# libyaml's loader when PyYAML was built with it: sidecars are read on every load.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path):
    """Return the YAML document in *path* (UTF-8), read with the safe loader.

    The one YAML reader of the package: sidecars, the sector taxonomy, indicator
    names and parameter files all go through it. Errors are yaml's own; callers turn
    them into messages that name their file and the fix.
    """
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_YAML_LOADER)
