"""Read a report file and turn it into structured text.

``load_report`` decodes the file (:mod:`.decode`), finds headings, paragraphs and
sentences (:mod:`.structure`), reads what the opening lines and a sidecar say about
it (:mod:`.metadata`) and returns a :class:`~.model.Report`. :func:`resolve_report`
is the one place that decides which file a name or path means. The decoding,
structure and metadata modules need no pandas, so a build can check a report cheaply.
"""

from .._lazy import lazy_exports

_EXPORTS = {"Report": "model", "load_report": "load", "list_reports": "resolve", "resolve_report": "resolve"}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
