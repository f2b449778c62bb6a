"""Every third-party package that datong_lib or a notebook imports is declared in pyproject.toml.

An AST scan of every ``import`` in ``datong_lib/`` and in the notebooks' code cells; each
import name is mapped to the distributions that provide it (from the installed metadata,
with a table for the few the environment may lack) and one of them must be declared.
A package declared only in an extra (``[lab]``, ``[dask]``) may be imported only inside
a function, so that a plain ``pip install datong-lib`` still imports every module.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]
# Import names whose distribution is named otherwise, for when it is not installed here.
KNOWN = {"yaml": "pyyaml", "PIL": "pillow", "IPython": "ipython", "pdfminer": "pdfminer.six", "bs4": "beautifulsoup4",
         "docx": "python-docx", "sklearn": "scikit-learn", "dateutil": "python-dateutil"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_names(reqs) -> set[str]:
    """Distribution names a list of requirements installs, ``dask[distributed]`` giving both."""
    names = set()
    for req in reqs:
        m = re.match(r"^\s*([A-Za-z0-9_.-]+)(?:\[([^\]]+)\])?", req)
        names.add(_norm(m.group(1)))
        if m.group(2) and _norm(m.group(1)) == "dask":
            names.update(_norm(e) for e in m.group(2).split(","))
    return names


def declared() -> tuple[set[str], set[str]]:
    """(distributions every install gets, those only an extra brings)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    base = _requirement_names(project["dependencies"])
    extras = set()
    for group, reqs in project.get("optional-dependencies", {}).items():
        if group != "test":
            extras |= _requirement_names(r for r in reqs if _norm(r).split("[")[0] != _norm(project["name"]))
    return base, extras - base


def imports(source: str) -> list[tuple[str, bool]]:
    """(top-level name, whether imported at module level) of each absolute import."""
    tree = ast.parse(source)
    nested = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
              for n in ast.walk(f)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name.split(".")[0], id(node) not in nested) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module.split(".")[0], id(node) not in nested))
    return found


def _sources():
    for path in sorted((ROOT / "datong_lib").rglob("*.py")):
        yield path.relative_to(ROOT), path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        code = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!")))
        yield path.relative_to(ROOT), code


def problems(sources, base: set[str], extras: set[str]) -> list[str]:
    providers = packages_distributions()
    local = {"datong_lib", "__future__"} | set(sys.stdlib_module_names)
    found = []
    for where, source in sources:
        for name, module_level in imports(source):
            if name in local:
                continue
            dists = {_norm(d) for d in providers.get(name, [])} | ({_norm(KNOWN[name])} if name in KNOWN else set())
            if not dists:
                found.append(f"{where}: imports {name!r}, which no installed distribution provides")
            elif not dists & (base | extras):
                found.append(f"{where}: imports {name!r} ({', '.join(sorted(dists))}) but pyproject.toml declares none")
            elif module_level and not dists & base:
                found.append(f"{where}: imports {name!r} at module level, but only an extra installs it")
    return found


def test_every_import_is_declared():
    base, extras = declared()
    assert problems(_sources(), base, extras) == []


def test_the_scan_catches_an_undeclared_import():
    base, extras = declared()
    src = [("a.py", "import numpy\nfrom PIL import Image\nimport os.path\nfrom . import x\n"),
           ("b.py", "def f():\n    import distributed\nimport distributed\n"),
           ("c.py", "import pytest\n")]
    assert problems(src, base, extras) == [
        "b.py: imports 'distributed' at module level, but only an extra installs it",
        "c.py: imports 'pytest' (pytest) but pyproject.toml declares none",  # a test extra is no declaration
    ]
    assert problems(src[:1], base - {"pillow"}, extras) == [
        "a.py: imports 'PIL' (pillow) but pyproject.toml declares none"]


def test_heavy_tools_are_extras():
    base, extras = declared()
    assert {"jupyterlab", "dask", "distributed"} <= extras and not {"jupyterlab", "dask"} & base
