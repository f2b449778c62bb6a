"""The record every reader returns: plain text plus what the container said about it."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

READERS = ("text", "pdf", "docx", "html", "csv", "xlsx")


@dataclass
class Document:
    """One report as read from a file.

    Attributes
    ----------
    text : str
        Plain text, one paragraph per line; headings on their own lines (Markdown
        ``#`` headings where the container marked headings that carry no number).
    metadata : dict
        What the container says: ``title``, ``date``, ``source`` (来源), ``year``,
        ``place``, ``url``, ``speaker``… as found; body-derived values come from
        :mod:`datong_lib.readers.meta`.
    reader : str
        One of ``text``, ``pdf``, ``docx``, ``html``, ``csv``, ``xlsx``.
    encoding : str
        The text encoding of the file (``utf-8`` for containers that fix it).
    locators : list of (int, dict)
        Sorted ``(offset_in_text, {"page": n})`` or ``{"row": n}``: where each PDF page
        or table row starts in ``text``.
    front : str
        Matter found before the report's opening (a news lead, a photo caption),
        kept out of ``text``.
    source : str
        The file the document was read from.
    """

    text: str
    metadata: dict = field(default_factory=dict)
    reader: str = "text"
    encoding: str = "utf-8"
    locators: list = field(default_factory=list)
    front: str = ""
    source: str = ""

    def locate(self, offset: int) -> dict:
        """Return the locator in force at *offset* of ``text`` (``{}`` when there is none).

        >>> d = Document("第一页\\n第二页\\n", locators=[(0, {"page": 1}), (4, {"page": 2})])
        >>> d.locate(5)
        {'page': 2}
        """
        keys = [off for off, _ in self.locators]
        i = bisect_right(keys, offset) - 1
        return dict(self.locators[i][1]) if i >= 0 else {}

    def __repr__(self) -> str:
        m = self.metadata
        bits = ", ".join(f"{k}={m[k]!r}" for k in ("title", "report_year", "place") if k in m)
        return f"<Document {self.reader} {len(self.text)} chars{', ' + bits if bits else ''}>"
