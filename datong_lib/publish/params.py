"""Parameter files (``params/<slug>.yaml``): load and check them before any kernel starts.

A parameter file names one briefing; its stem is the briefing's slug and
``reports/<slug>.html`` its output::

    notebook: 02_sector_briefing.ipynb   # a notebook in notebooks/
    title: 能源 Energy                   # optional display title
    parameters:                          # passed to papermill
      sector: energy
      report: national_2022.txt          # optional: a file in data/raw/ or a path

Every check here reads files only (YAML, the notebook JSON, ``data/sectors.yaml``):
no kernel, papermill or pandas. The notebook's ``parameters`` cell is parsed with
:mod:`ast`, reading the same names, type hints and defaults that
``papermill --help-notebook`` shows.
"""

from __future__ import annotations

import ast
import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import config
from ..errors import ParameterError, ReportError
from ..report.resolve import resolve_report
from ..sectors import sector_names

__all__ = ["Briefing", "ParamSpec", "load_briefing", "load_briefings", "notebook_parameters", "report_for"]

TOP_LEVEL_KEYS = ("notebook", "title", "parameters")


@dataclass(frozen=True)
class ParamSpec:
    """One name in a notebook's ``parameters`` cell."""

    name: str
    type_hint: str | None
    default: object
    help: str = ""


@dataclass(frozen=True)
class Briefing:
    """A checked parameter file: what to run and where its HTML goes."""

    slug: str
    params_file: Path
    notebook: Path
    title: str | None
    parameters: dict
    report: Path | None = None          # the report file the briefing reads, when known
    declared: dict = field(default_factory=dict, repr=False)  # name -> ParamSpec

    @property
    def sector(self) -> str | None:
        value = self.parameters.get("sector")
        return value if isinstance(value, str) else None


def _closest(word: str, choices) -> str:
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.5)
    return f"; did you mean {match[0]!r}?" if match else ""


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def read_notebook_json(path: Path) -> dict:
    """Return a notebook's JSON, or raise :class:`ParameterError` naming the file."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ParameterError(f"cannot read notebook {path}: {exc}") from exc


def notebook_parameters(nb_json: dict) -> dict[str, ParamSpec]:
    """Return the names declared in the notebook's cell tagged ``parameters``.

    Examples
    --------
    >>> nb = {"cells": [{"cell_type": "code", "metadata": {"tags": ["parameters"]},
    ...        "source": 'sector: str = "energy"  # sector slug\\ntop_n = 5\\n'}]}
    >>> sorted(notebook_parameters(nb))
    ['sector', 'top_n']
    >>> notebook_parameters(nb)["sector"].help
    'sector slug'
    """
    for cell in nb_json.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in (cell.get("metadata") or {}).get("tags", []):
            return _parse_parameters_cell(_source(cell))
    return {}


def _parse_parameters_cell(source: str) -> dict[str, ParamSpec]:
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ParameterError(f"the notebook's parameters cell is not valid Python: {exc}") from exc
    lines = source.splitlines()
    specs: dict[str, ParamSpec] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            name, hint, value = node.target.id, ast.unparse(node.annotation), node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name, hint, value = node.targets[0].id, None, node.value
        else:
            continue
        try:
            default = ast.literal_eval(value) if value is not None else None
        except ValueError:
            default = None
        line = lines[node.lineno - 1] if node.lineno - 1 < len(lines) else ""
        comment = line.split("#", 1)[1].strip() if "#" in line[node.end_col_offset or 0:] else ""
        specs[name] = ParamSpec(name, hint, default, comment)
    return specs


_SIMPLE = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,),
           "list": (list,), "dict": (dict,), "tuple": (list, tuple)}


def _accepts(hint: str | None, default, value) -> tuple[bool, str]:
    """Return (ok, expected type name) for ``value`` against a declared hint or default."""
    if hint is None:
        if default is None:
            return True, "any"
        hint = type(default).__name__
    text = hint.replace(" ", "")
    optional = False
    if text.startswith("Optional[") and text.endswith("]"):
        text, optional = text[len("Optional["):-1], True
    parts = [p for p in text.split("|")]
    if "None" in parts:
        optional = True
        parts = [p for p in parts if p != "None"]
    if value is None:
        return optional, hint
    for part in parts:
        base = part.split("[", 1)[0].lower()
        base = {"sequence": "list", "mapping": "dict"}.get(base, base)
        types = _SIMPLE.get(base)
        if types is None:
            return True, hint  # a hint we do not model (Path, Literal, …): let papermill pass it
        if isinstance(value, bool) and bool not in types:
            continue
        if isinstance(value, types):
            return True, hint
    return False, hint


def _load_sectors(data_dir: Path) -> list[str]:
    path = Path(data_dir) / "sectors.yaml"
    try:
        return sector_names(path)
    except (OSError, yaml.YAMLError, ParameterError) as exc:
        raise ParameterError(f"cannot read the sector list {path}: {exc}") from exc


def report_for(value, *, raw_dir: Path | None = None, project_dir: Path | None = None) -> Path:
    """Return the report file a ``report`` parameter names, as :func:`~datong_lib.report.resolve_report` does.

    A relative path in a parameter file starts at the project folder, never the
    working directory; a bare name is a report in ``data/raw``.
    """
    try:
        return resolve_report(value, raw_dir=raw_dir, base=project_dir or config.PROJECT_DIR)
    except ReportError as exc:
        raise ParameterError(str(exc)) from None


def load_briefing(path, *, notebooks_dir=None, data_dir=None, raw_dir=None, project_dir=None,
                  report_override=None) -> Briefing:
    """Return the checked :class:`Briefing` for one parameter file.

    Raises :class:`ParameterError` for malformed YAML, an unknown top-level key, a
    missing notebook, a parameter the notebook does not declare, a value of the wrong
    type, an unknown sector or a report file that does not exist. ``report_override``
    (a report name or path) replaces the ``report`` parameter when the notebook
    declares one.
    """
    path = Path(path)
    notebooks_dir = Path(notebooks_dir or config.NOTEBOOKS_DIR)
    data_dir = Path(data_dir or config.DATA_DIR)
    raw_dir = Path(raw_dir or data_dir / "raw")
    project_dir = Path(project_dir or data_dir.parent)
    where = f"{path.name}:"
    try:
        doc = config.read_yaml(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ParameterError(f"{where}{at}: malformed YAML: {problem}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ParameterError(f"{where} cannot read the parameter file: {exc}") from exc
    if not isinstance(doc, dict):
        raise ParameterError(f"{where} expected a mapping with keys {', '.join(TOP_LEVEL_KEYS)}; got {type(doc).__name__}")
    for key in doc:
        if key not in TOP_LEVEL_KEYS:
            raise ParameterError(f"{where} unknown key {key!r}{_closest(key, TOP_LEVEL_KEYS)} "
                                 f"(allowed: {', '.join(TOP_LEVEL_KEYS)})")

    available = sorted(p.name for p in notebooks_dir.glob("*.ipynb")) if notebooks_dir.is_dir() else []
    nb_name = doc.get("notebook")
    if not isinstance(nb_name, str) or not nb_name.strip():
        raise ParameterError(f"{where} 'notebook' is required: one of {', '.join(available) or '(no notebooks yet)'}")
    nb_path = notebooks_dir / nb_name
    if notebooks_dir.resolve() not in nb_path.resolve().parents:  # '../x.ipynb', '/abs/x.ipynb', a link out
        raise ParameterError(f"{where} notebook {nb_name!r} is outside {notebooks_dir}: give the name of a "
                             f"notebook in that folder (available: {', '.join(available) or 'none'})")
    if not nb_path.is_file():
        raise ParameterError(f"{where} notebook {nb_name!r} not found in {notebooks_dir}{_closest(nb_name, available)} "
                             f"(available: {', '.join(available) or 'none'})")
    title = doc.get("title")
    if title is not None and not isinstance(title, (str, int, float)):
        raise ParameterError(f"{where} 'title' must be text; got {type(title).__name__}")
    params = doc.get("parameters") or {}
    if not isinstance(params, dict):
        raise ParameterError(f"{where} 'parameters' must be a mapping of name: value; got {type(params).__name__}")

    declared = notebook_parameters(read_notebook_json(nb_path))
    params = dict(params)
    if report_override is not None and "report" in declared:
        params["report"] = str(report_override)
    for name, value in params.items():
        spec = declared.get(name)
        if spec is None:
            known = ", ".join(sorted(declared)) or "none (the notebook has no parameters cell)"
            raise ParameterError(f"{where} unknown parameter {name!r} for {nb_name}{_closest(name, declared)} "
                                 f"(its parameters: {known})")
        ok, expected = _accepts(spec.type_hint, spec.default, value)
        if not ok:
            raise ParameterError(f"{where} parameter {name!r} of {nb_name} must be {expected}; "
                                 f"got {type(value).__name__} {value!r}")

    sector_values = []
    if "sector" in params:
        sector_values.append(params["sector"])
    if isinstance(params.get("sectors"), list):
        sector_values.extend(params["sectors"])
    if sector_values:
        slugs = _load_sectors(data_dir)
        for value in sector_values:
            if value not in slugs:
                raise ParameterError(f"{where} unknown sector {value!r}{_closest(value, slugs)} "
                                     f"known: {', '.join(slugs)} (see data/sectors.yaml)")

    report = None
    if params.get("report") is not None:
        report = report_for(params["report"], raw_dir=raw_dir, project_dir=project_dir)
        if Path(str(params["report"])).is_absolute() or len(Path(str(params["report"])).parts) > 1:
            params["report"] = str(report)  # a path from the project folder, made absolute for the kernel
    elif "report" in declared and isinstance(declared["report"].default, str) and declared["report"].default:
        try:
            report = report_for(declared["report"].default, raw_dir=raw_dir, project_dir=project_dir)
        except ParameterError:
            report = None
    # A notebook over several reports (a `reports` parameter) belongs to none of them.
    if report is None and "reports" not in declared and (raw_dir / "datong_2025_report.md").is_file():
        report = raw_dir / "datong_2025_report.md"

    slug = path.stem
    if report_override is not None:
        slug = f"{slug}--{Path(str(report_override)).stem}"
    return Briefing(slug=slug, params_file=path, notebook=nb_path, title=None if title is None else str(title),
                    parameters=params, report=report, declared=declared)


def load_briefings(params_dir=None, *, only=None, **kwargs) -> tuple[list[Briefing], dict[str, ParameterError]]:
    """Return the valid briefings in ``params_dir`` and the errors of the invalid ones by slug.

    ``only`` restricts the result to those slugs; an unknown slug raises
    :class:`ParameterError` listing the known ones.
    """
    params_dir = Path(params_dir or config.PARAMS_DIR)
    files = sorted(params_dir.glob("*.yaml")) + sorted(params_dir.glob("*.yml")) if params_dir.is_dir() else []
    by_slug = {p.stem: p for p in files}
    if only:
        unknown = [s for s in only if s not in by_slug]
        if unknown:
            raise ParameterError(f"unknown briefing {unknown[0]!r}{_closest(unknown[0], by_slug)} "
                                 f"known: {', '.join(sorted(by_slug)) or 'none'} (files in {params_dir})")
        by_slug = {s: by_slug[s] for s in only}
    briefings, errors = [], {}
    for slug, path in by_slug.items():
        try:
            briefings.append(load_briefing(path, **kwargs))
        except ParameterError as exc:
            errors[slug] = exc
    return briefings, errors
