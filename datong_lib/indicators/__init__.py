"""Indicator tables: the curated table, canonical names, the table for any report, derived measures.

:mod:`.curated` checks ``data/indicators.csv`` row by row against the report;
:mod:`.occurrences` finds every statement of a curated figure; :mod:`.names` maps
figures to canonical indicators (``data/indicator_names.yaml``); :mod:`.table` gives
the indicator table of any report; :mod:`.derived` computes what the figures imply;
:mod:`.series` lines one indicator's targets and results up year by year.
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "load_indicators": "curated",
    "indicator_occurrences": "occurrences",
    "find_duplicates": "occurrences",
    "check_consistency": "occurrences",
    "indicator_names": "names",
    "headline_indicators": "names",
    "report_indicators": "table",
    "targets_frame": "table",
    "targets_vs_results": "derived",
    "derived_measures": "derived",
    "base_year_values": "derived",
    "implied_targets": "derived",
    "share_absolutes": "derived",
    "series": "series",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
