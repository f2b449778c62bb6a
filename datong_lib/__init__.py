"""datong_lib: structured text, indicators and briefings from government work reports.

The package root holds the loaders and the analyses a notebook calls; everything else
is reached by module (``dl.present``, ``dl.text``, ``dl.emphasis``…), imported on
first use::

    import datong_lib as dl
    report = dl.load_report()            # the bundled 2025 Datong report
    figures = dl.extract(report)         # every figure, with year, kind and sentence
    dl.present.format_value(5.5, "%", "approx")

Heavy modules (matplotlib, seaborn, papermill) load only when a function that needs
them is called, so ``import datong_lib`` stays fast. See ARCHITECTURE.md for the data
flow and one line per module.
"""

from __future__ import annotations

from importlib import import_module

from ._lazy import lazy_exports


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("datong-lib")
    except PackageNotFoundError:  # a checkout on sys.path without an install
        return "0+unknown"



# public name -> module that defines it; resolved on first use (PEP 562).
_EXPORTS = {
    "Report": "report",
    "load_report": "report",
    "list_reports": "report",
    "extract": "figures",
    "load_indicators": "indicators",
    "report_indicators": "indicators",
    "targets_vs_results": "indicators",
    "derived_measures": "indicators",
    "load_sectors": "sectors",
    "check_sector": "sectors",
    "sector_tasks": "tasks",
    "term_frequencies": "text",
    "sector_emphasis": "emphasis",
    "compare_reports": "compare",
    "DatongError": "errors",
}
#: Modules reached as attributes of the package (``dl.present.show_table``).
_MODULES = frozenset({"report", "figures", "indicators", "sectors", "tasks", "text", "emphasis", "compare",
                      "present", "publish", "errors", "config", "cli"})

__all__ = sorted(_EXPORTS)
_get_export, _dir_exports = lazy_exports(__name__, _EXPORTS)


def __getattr__(name: str):
    if name == "__version__":  # read on first use: importlib.metadata costs a no-op build 40 ms
        globals()[name] = _version()
        return globals()[name]
    if name in _MODULES:
        module = import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    return _get_export(name)


def __dir__():
    return sorted(set(_dir_exports()) | _MODULES)
