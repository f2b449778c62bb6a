"""Every figure in a report: numerals, units, qualifiers, context rules and the extractor.

``extract(report)`` is the entry point; :mod:`.vocab` holds the closed sets its
columns use, :mod:`.numerals` reads and writes Chinese and Arabic numerals (neither
needs pandas).
"""

from .._lazy import lazy_exports

_EXPORTS = {"extract": "extractor", "COLUMNS": "extractor"}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
