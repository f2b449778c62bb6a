"""Executed notebook -> one self-contained HTML briefing (no code, no network, escaped text)."""

from __future__ import annotations

import copy
import logging
import html as htmlmod
import re
import threading
from html.parser import HTMLParser

from . import HEADLINES_MIME
from .export import SOURCES_MIME, TABLE_MIME, data_href
from .cache import TEMPLATES_DIR

TOC_PLACEHOLDER = "<!--DATONG-TOC-->"
_DROP_MIME = {"application/javascript", "application/vnd.jupyter.widget-view+json",
              "application/vnd.jupyter.widget-state+json", HEADLINES_MIME, TABLE_MIME, SOURCES_MIME}
_ALLOWED_TAGS = ["a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
                 "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
                 "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small",
                 "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
                 "tr", "u", "ul"]
_ALLOWED_ATTRS = {"*": ["class", "id", "title", "lang"], "a": ["href", "title"], "img": ["src", "alt", "width", "height"],
                  "td": ["colspan", "rowspan", "align"], "th": ["colspan", "rowspan", "align", "scope"],
                  "col": ["span"], "ol": ["start"]}
# Attributes that would make the browser fetch something; an <a href> is a link, not a fetch.
_REMOTE_ATTR = re.compile(r"""(<(?!a[\s>])[a-zA-Z][^>]*?\s)(src|href|srcset|poster|data|action|background)"""
                          r"""(\s*=\s*)(["']?)\s*(?:https?:)?//""", re.IGNORECASE)
_REMOTE_CSS = re.compile(r"""url\(\s*["']?\s*(?:https?:)?//[^)]*\)|@import\s+[^;]*;""", re.IGNORECASE)

_exporter = None
_exporter_lock = threading.RLock()


def css() -> str:
    """The briefings' stylesheet (inlined into every page)."""
    return (TEMPLATES_DIR / "style.css").read_text(encoding="utf-8")


def _allow_src(tag, name, value):
    if tag == "img" and name == "src":
        return value.startswith("data:image/")
    if tag == "a" and name == "href":
        return value.startswith(("http://", "https://", "#", "mailto:")) or not re.match(r"^[a-zA-Z][\w+.-]*:", value)
    return True


def clean_html(fragment: str) -> str:
    """Return ``fragment`` with only harmless tags and attributes (no script, no handlers).

    nh3 parses the fragment as a browser would; ``script``, ``style``, ``iframe``,
    ``object``, ``embed`` and ``template`` go with their content, any other tag not
    allowed goes and leaves its text.
    """
    import nh3

    def attrs(tag, name, value):
        return value if _allow_src(tag, name, value) else None

    allowed = {tag: set(names) for tag, names in _ALLOWED_ATTRS.items()}
    return nh3.clean(fragment, tags=set(_ALLOWED_TAGS), clean_content_tags=_DROP_WITH_CONTENT,
                     attributes=allowed, attribute_filter=attrs, url_schemes={"http", "https", "mailto", "data"},
                     strip_comments=True)


_DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template"}
# What scrub_remote removes from the exported page (the template adds no script of its own).
_SCRIPT = re.compile(r"(?is)<script\b.*?</script\s*>|<script\b[^>]*>|<iframe\b.*?</iframe\s*>|<(object|embed)\b[^>]*>")
_HANDLER = re.compile(r"""(?i)(<[a-z][^>]*?)\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_JS_URL = re.compile(r"""(?i)(href|src)\s*=\s*(["']?)\s*javascript:[^"'>\s]*""")


def scrub_remote(page: str) -> str:
    """Remove scripts, event handlers and anything that would load from the network.

    The template itself adds no script, so whatever this removes came from a notebook.
    """
    page = _SCRIPT.sub("", page)
    while _HANDLER.search(page):
        page = _HANDLER.sub(r"\1", page)
    page = _JS_URL.sub(r"\1=\2#", page)
    page = _REMOTE_ATTR.sub(lambda m: f"{m.group(1)}data-removed-{m.group(2)}{m.group(3)}{m.group(4)}#", page)
    return _REMOTE_CSS.sub("", page)


_SHRINK_ABOVE = 24_000  # bytes of base64; smaller charts are left as they are


def shrink_png(b64: str) -> str:
    """Return the PNG re-encoded with a 256-colour palette when that is smaller.

    Charts have few colours, so the palette keeps them sharp at a third of the size.
    """
    if len(b64) < _SHRINK_ABOVE:
        return b64
    try:
        import base64
        import io

        from PIL import Image
    except ImportError:
        return b64
    try:
        img = Image.open(io.BytesIO(base64.b64decode(b64)))
        if img.mode not in ("RGB", "RGBA"):
            img = img.convert("RGBA")
        small = img.quantize(colors=256, method=Image.Quantize.FASTOCTREE)
        buf = io.BytesIO()
        small.save(buf, format="PNG")  # zlib's default level: optimize=True took twice as long for 10% less
        out = base64.b64encode(buf.getvalue()).decode("ascii")
    except Exception:  # noqa: BLE001 - an image we cannot re-encode is shown as it came
        return b64
    return out if len(out) < len(b64) else b64


def prepare(nb):
    """Return a copy of the executed notebook ready to show: stderr, warnings, headline
    outputs, scripts and tagged cells removed, HTML and Markdown outputs sanitised."""
    from nbconvert.filters.markdown import markdown2html

    nb = copy.deepcopy(nb)
    kept = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & {"remove-cell", "remove_cell", "hide", "papermill-error-cell-tag"}:
            continue
        if cell.cell_type == "code":
            outputs = []
            for out in [] if tags & {"remove-output", "remove_output"} else cell.get("outputs", []):
                if out.get("output_type") == "error":
                    continue
                if out.get("output_type") == "stream":
                    if out.get("name") == "stderr":
                        continue
                    outputs.append(out)
                    continue
                if HEADLINES_MIME in (out.get("data") or {}):
                    continue
                data = {k: v for k, v in (out.get("data") or {}).items() if k not in _DROP_MIME}
                if "text/markdown" in data:
                    data["text/html"] = markdown2html(data.pop("text/markdown"))
                if "text/html" in data:
                    data["text/html"] = clean_html(data["text/html"])
                if isinstance(data.get("image/png"), str):
                    data["image/png"] = shrink_png(data["image/png"].replace("\n", ""))
                if "image/svg+xml" in data and len(data) > 1:
                    data.pop("image/svg+xml")
                elif "image/svg+xml" in data:
                    data["image/svg+xml"] = re.sub(r"(?is)<script.*?</script>|\son\w+\s*=\s*(\"[^\"]*\"|'[^']*')",
                                                   "", data["image/svg+xml"])
                if not data or set(data) == {"text/plain"} and not "".join(data["text/plain"]).strip():
                    continue
                out["data"] = data
                outputs.append(out)
            cell.outputs = outputs
        kept.append(cell)
    nb.cells = kept
    return nb


def get_exporter():
    """The one HTMLExporter a build reuses for every briefing."""
    with _exporter_lock:  # the warm-up thread and the first export may ask at once
        return _make_exporter()


def _make_exporter():
    global _exporter
    if _exporter is None:
        from nbconvert import HTMLExporter

        # nbconvert's own post-pass (a BeautifulSoup parse and re-serialisation) stays: it
        # also closes the self-closing heading anchors (<a ... />) that Markdown cells
        # render to, which a browser would otherwise read as links around the whole page.
        _exporter = HTMLExporter(
            template_name="briefing", extra_template_basedirs=[str(TEMPLATES_DIR)],
            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
            embed_images=True, anchor_link_text="", optimistic_validation=True,
        )
        _exporter.log.setLevel(logging.ERROR)  # per-image alt-text notices are not build news
    return _exporter


def warm_up() -> None:
    """Make the exporter and render a small page: the first page also compiles the
    templates and loads the Markdown and HTML parsers (0.26 s), and the first chart PIL."""
    import nbformat
    from PIL import Image, PngImagePlugin  # noqa: F401 - what shrink_png loads

    table = nbformat.v4.new_output("display_data", data={"text/html": "<table><tr><td>1</td></tr></table>"})
    render(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 标题\n\n正文"),
                                           nbformat.v4.new_code_cell("", outputs=[table])]), title="", footer={})


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items, self._cur, self._text = [], None, []

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3") and self._cur is None:
            self._cur, self._text = (int(tag[1]), dict(attrs).get("id")), []

    def handle_endtag(self, tag):
        if self._cur and tag == f"h{self._cur[0]}":
            text = " ".join("".join(self._text).split()).rstrip("¶").strip()
            if self._cur[1] and text:
                self.items.append((self._cur[0], self._cur[1], text))
            self._cur = None

    def handle_data(self, data):
        if self._cur is not None:
            self._text.append(data)


def table_of_contents(page: str) -> str:
    """Return a <nav> listing the page's h1–h3 headings (text escaped), or '' if under two."""
    start = page.find('<main')
    parser = _Headings()
    parser.feed(page[start:] if start >= 0 else page)
    items = parser.items
    if len(items) < 2:
        return ""
    top = min(level for level, _, _ in items)
    rows = "".join(
        f'<li class="toc-l{level - top + 1}"><a href="#{htmlmod.escape(anchor, quote=True)}">{htmlmod.escape(text)}</a></li>'
        for level, anchor, text in items
    )
    return f'<nav class="toc" aria-label="目录 Contents"><details open><summary>目录 Contents</summary><ol>{rows}</ol></details></nav>'


def render(nb, *, title: str, footer: dict) -> str:
    """Return the briefing page for an executed notebook.

    ``footer`` holds ``report`` (file name), ``report_title``, ``built_at`` and
    ``inputs_hash``, and ``slug`` to link the data file; every value is escaped by the template.
    """
    footer = {**footer, "data_href": data_href(nb, footer.get("slug"))}
    nb = prepare(nb)
    resources = {"datong": {"title": title, "css": css(), **footer}}
    body, _ = get_exporter().from_notebook_node(nb, resources=resources)
    body = scrub_remote(body)
    return body.replace(TOC_PLACEHOLDER, table_of_contents(body), 1)


def notebook_title(nb) -> str | None:
    """The first level-1 Markdown heading of a notebook, if any."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            src = cell.get("source", "")
            src = "".join(src) if isinstance(src, list) else src
            m = re.search(r"^#\s+(.+)$", src, re.MULTILINE)
            if m:
                return m.group(1).strip()
    return None

