"""What a briefing shows: numbers as the report writes them, escaped HTML, and charts.

:mod:`.format` needs pandas only; :mod:`.html` escapes every piece of report text it
shows; :mod:`.charts` (matplotlib and seaborn) and :mod:`.fonts` load on first use.
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "format_value": "format",
    "display_indicators": "format",
    "display_derived": "format",
    "results_and_targets": "format",
    "KIND_ZH": "format",
    "LEVEL_ZH": "format",
    "METRIC_ZH": "format",
    "VERSUS_ZH": "format",
    "STANCE_ZH": "format",
    "reports_overview": "comparison",
    "outcomes_table": "comparison",
    "series_table": "comparison",
    "wide_table": "comparison",
    "series_chart": "comparison",
    "city_vs_nation_chart": "comparison",
    "term_shift_chart": "comparison",
    "term_shift_table": "comparison",
    "comparison_headlines": "comparison",
    "esc": "html",
    "html_text": "html",
    "callout": "html",
    "show_table": "html",
    "show_quotes": "html",
    "show_facts": "html",
    "target_series": "series",
    "target_series_table": "series",
    "target_series_chart": "series",
    "target_series_quotes": "series",
    "target_series_headlines": "series",
    "VERDICT_ZH": "series",
    "show_chart": "series",
    "targets_table": "targets",
    "targets_headlines": "targets",
    "sources_appendix": "sources",
    "sources_for": "sources",
    "reset_sources": "sources",
    "set_theme": "charts",
    "use_cjk_font": "fonts",
    "CJKFontError": "fonts",
    "PALETTE": "charts",
    "bar_indicators": "charts",
    "growth_vs_target": "charts",
    "rank_chart": "charts",
    "share_of_text": "charts",
    "term_bars": "charts",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
