"""nbconvert's HTMLExporter without its BeautifulSoup pass over every page.

``HTMLExporter.from_notebook_node`` renders the template, then parses the whole page
with BeautifulSoup to give ``alt`` text to images without one and ``tabindex`` to the
cells of the ``jp-Notebook`` layout, and serialises it again: about a quarter of a
briefing's export. The briefing template has no ``jp-`` classes, so only the ``alt``
text applies; :class:`BriefingExporter` adds it to the rendered page directly. The page
is the same document as before (parsed, the two are equal); only the serialisation
differs: the template's own markup (``<meta charset="utf-8">``, attributes in the order
written) instead of BeautifulSoup's (``<meta charset="utf-8"/>``, attributes sorted).
"""

from __future__ import annotations

import re

from nbconvert import HTMLExporter
from nbconvert.exporters.html import Highlight2HTML, WidgetsDataTypeFilter
from nbconvert.exporters.templateexporter import TemplateExporter

NO_ALT = "No description has been provided for this image"
_IMG_WITHOUT_ALT = re.compile(r"<(img)\b(?![^>]*\salt\s*=)([^>]*?)(\s*/?)>", re.IGNORECASE)


def add_missing_alt(page: str) -> str:
    """Give every ``<img>`` without an ``alt`` attribute nbconvert's default text."""
    return _IMG_WITHOUT_ALT.sub(lambda m: f'<{m.group(1)}{m.group(2)} alt="{NO_ALT}"{m.group(3)}>', page)


class BriefingExporter(HTMLExporter):
    """An HTMLExporter whose post-pass is a regular expression, not a parse of the page."""

    def from_notebook_node(self, nb, resources=None, **kw):
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        self.register_filter("highlight_code", self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
        resources = self._init_resources(resources)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return add_missing_alt(page), resources
