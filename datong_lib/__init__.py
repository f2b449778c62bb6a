"""datong_lib: structured text, indicators and briefings from government work reports.

The public surface is small; everything is importable from the package root::

    import datong_lib as dl
    report = dl.load_report()            # the bundled 2025 Datong report
    report.sentences.head()

Heavy modules (matplotlib, seaborn, papermill) load only when a function that needs
them is called, so ``import datong_lib`` stays fast.
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

# public name -> module that defines it; resolved on first use (PEP 562).
_EXPORTS = {
    "Report": "report",
    "load_report": "report",
    "list_reports": "report",
    "extract": "extractor",
    "load_sectors": "sectors",
    "sector_names": "sectors",
    "check_sector": "sectors",
    "load_indicators": "indicators",
    "indicator_occurrences": "indicators",
    "find_duplicates": "indicators",
    "check_consistency": "indicators",
    "targets_vs_results": "derived",
    "derived_measures": "derived",
    "base_year_values": "derived",
    "implied_targets": "derived",
    "share_absolutes": "derived",
    "report_indicators": "analysis",
    "highlights": "analysis",
    "sector_tasks": "analysis",
    "sector_overview": "analysis",
    "term_frequencies": "text",
    "quoted_phrases": "text",
    "tongchou_pairs": "text",
    "keyword_emphasis": "text",
    "sector_emphasis": "text",
    "sector_text_share": "text",
    "tokenize": "text",
    "use_cjk_font": "plotting",
    "set_theme": "plotting",
    "format_value": "plotting",
    "CJKFontError": "plotting",
    "indicator_names": "compare",
    "headline_indicators": "compare",
    "compare_reports": "compare",
    "targets_vs_outcomes": "compare",
    "city_vs_nation": "compare",
    "term_shift": "compare",
    "DatongError": "errors",
    "ReportError": "errors",
    "IndicatorError": "errors",
    "ParameterError": "errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'datong_lib' has no attribute {name!r}") from None
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
