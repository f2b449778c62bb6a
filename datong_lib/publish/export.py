"""What travels with a briefing besides its page: the data behind it and a printed copy.

- ``reports/<slug>.xlsx``: one sheet per table the briefing shows, as shown, with each
  figure's reference number, quote and offsets, and a sheet of the quoted sentences. The
  rows come from the outputs :func:`~datong_lib.present.html.show_table` and
  :func:`~datong_lib.present.sources.sources_appendix` leave in the executed notebook.
- ``reports/<slug>.pdf`` (``datong build --pdf``): the page printed by the system
  Chromium through Playwright on A4, with the briefing's title and page numbers, the
  bundled CJK font embedded and the print styles of the page.

Both are made from files the build already wrote (the HTML and ``reports/_build/<slug>.ipynb``)
and are remade only when the briefing's HTML changed: the manifest entry records the hash
of the HTML each was made from.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
import os
import re
import shutil
from pathlib import Path

from .. import config
from .manifest import BUILD_DIR_NAME, atomic_write_bytes

log = logging.getLogger("datong.build")

TABLE_MIME = "application/vnd.datong.table+json"      # present.html.TABLE_MIME
SOURCES_MIME = "application/vnd.datong.sources+json"  # present.sources.SOURCES_MIME
FONT = config.PACKAGE_DIR / "fonts" / "DatongSansCJK-Regular.ttf"
FONT_FAMILY = "Datong Sans CJK"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions"]
INSTALL_CHROMIUM = "sudo apt-get install chromium (or: make browser-deps)"
INSTALL_PLAYWRIGHT = "pip install playwright (or: pip install -e '.[pdf]')"


def data_href(nb, slug: str | None) -> str | None:
    """The data file's name when the notebook showed at least one table, else None."""
    return f"{slug}.xlsx" if slug and read_tables(nb)[0] else None


def _payload(data: dict, mime: str):
    value = data.get(mime)
    return json.loads(value) if isinstance(value, str) else value


def read_tables(nb) -> tuple[list[dict], list[dict]]:
    """Return the tables an executed notebook showed (each with the heading above it) and its sources."""
    tables, sources, heading = [], [], ""
    for cell in nb.get("cells", []):
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else src
        if cell.get("cell_type") == "markdown":
            found = re.findall(r"^#{1,3}\s+(.+)$", src, re.MULTILINE)
            heading = found[-1].strip() if found else heading
            continue
        for output in cell.get("outputs", []) or []:
            data = output.get("data") or {}
            if TABLE_MIME in data:
                tables.append({**_payload(data, TABLE_MIME), "heading": heading})
            if SOURCES_MIME in data:
                sources = _payload(data, SOURCES_MIME).get("sources", [])
    return tables, sources


def _sheet_name(i: int, text: str, used: set[str]) -> str:
    name = " ".join(re.sub(r"[\[\]:*?/\\']", " ", f"{i} {text}").split())
    if len(name) > 31:  # Excel's limit; cut between words
        cut = name[:31]
        name = cut[:cut.rindex(" ")] if name[31].isascii() and name[31].isalnum() and " " in cut[2:] else cut
    while name in used:
        name = f"{name[:28]}_{i}"
    used.add(name)
    return name


def workbook_bytes(tables: list[dict], sources: list[dict]) -> bytes:
    """Return an .xlsx with one sheet per table and a sheet of the quoted sentences."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    sheets = [(t.get("caption") or t.get("heading") or "表", t["columns"], t["rows"]) for t in tables]
    if sources:
        cols = ["ref", "sentence", "figure", "quote", "section", "page", "start", "end"]
        sheets.append(("原文出处 Sources", cols, [[s.get(c) for c in cols] for s in sources]))
    for i, (title, columns, rows) in enumerate(sheets, 1):
        # A page column only for reports that have pages (imported from PDF).
        keep = [j for j, c in enumerate(columns) if not str(c).endswith("page") or any(r[j] is not None for r in rows)]
        columns, rows = [columns[j] for j in keep], [[r[j] for j in keep] for r in rows]
        ws = wb.create_sheet(_sheet_name(i, title, used))
        ws.append([str(c) for c in columns])
        for row in rows:
            ws.append([v if isinstance(v, (int, float, str)) or v is None else str(v) for v in row])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for col in ws.columns:
            width = max(len(str(c.value or "")) for c in col)
            ws.column_dimensions[col[0].column_letter].width = min(max(8, width * 1.6), 60)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def chromium() -> str | None:
    """Return the system Chromium (``$DATONG_CHROMIUM``, ``chromium``, ``chromium-browser``), or None."""
    for candidate in (os.environ.get("DATONG_CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser"),
                      "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def pdf_problem() -> str | None:
    """Why PDFs cannot be printed here (with the install command), or None when they can."""
    if chromium() is None:
        return f"no system Chromium found to print PDFs; install it: {INSTALL_CHROMIUM}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return f"Playwright (Python) is not installed, needed to print PDFs; install it: {INSTALL_PLAYWRIGHT}"
    return None


_font_css: str | None = None


def font_css() -> str:
    """The bundled CJK font as an inline @font-face, first in every font list (print only)."""
    global _font_css
    if _font_css is None:
        data = base64.b64encode(FONT.read_bytes()).decode("ascii")
        _font_css = (f'@font-face{{font-family:"{FONT_FAMILY}";src:url(data:font/ttf;base64,{data}) format("truetype");'
                     f'font-display:block}}body,table,h1,h2,h3,h4,code,pre{{font-family:"{FONT_FAMILY}",sans-serif}}')
    return _font_css


def _css_string(text: str) -> str:
    """*text* as a CSS string literal that cannot end the string or the <style> element."""
    return '"' + "".join(f"\\{ord(c):x} " if c in '\\"<>&' or ord(c) < 0x20 else c for c in text) + '"'


def print_copy(page: str) -> str:
    """Return the page as it is printed: the bundled font inlined, A4 with the briefing's
    title at the top of each page and the page number at the bottom (CSS margin boxes,
    drawn with the bundled font like the rest of the page)."""
    box = f'font-family:"{FONT_FAMILY}",sans-serif;font-size:8pt;color:#57606a'
    pages = (f"@page{{size:A4;margin:1.8cm 1.6cm 1.6cm;@top-left{{content:{_css_string(_page_title(page))};{box}}}"
             f'@bottom-center{{content:counter(page) " / " counter(pages);{box}}}}}')
    style = f'<style media="print">{font_css()}{pages}</style>'
    # A Content-Security-Policy of the page would refuse the inline font; the printer runs
    # no script and fetches nothing but file: and data: URLs instead.
    page = _CSP.sub("", page)
    at = page.find("</head>")
    return page[:at] + style + page[at:] if at >= 0 else style + page


_CSP = re.compile(r"""<meta\s[^>]*http-equiv\s*=\s*["']?content-security-policy[^>]*>""", re.IGNORECASE)


def _page_title(page: str) -> str:
    m = re.search(r"<title>(.*?)</title>", page, re.S)
    return html.unescape(m.group(1)).strip() if m else ""


class Printer:
    """One headless Chromium that prints every PDF of a build."""

    def __enter__(self):
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS, headless=True)
        self._context = self._browser.new_context(java_script_enabled=False)
        return self

    def __exit__(self, *exc):
        self._context.close()
        self._browser.close()
        self._pw.stop()

    def pdf(self, page_path: Path, work_dir: Path) -> bytes:
        """Return the PDF of the page at *page_path* (printed from a copy in *work_dir*)."""
        page = page_path.read_text(encoding="utf-8")
        work_dir.mkdir(parents=True, exist_ok=True)
        copy = work_dir / f".{page_path.stem}.tmp-{os.getpid()}.print.html"
        copy.write_text(print_copy(page), encoding="utf-8")
        try:
            tab = self._context.new_page()
            try:
                tab.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "about:"))
                          else r.abort())
                tab.goto(copy.resolve().as_uri(), wait_until="load")
                tab.evaluate("document.fonts.ready.then(() => true)")
                return tab.pdf(print_background=True, prefer_css_page_size=True, outline=True, tagged=True)
            finally:
                tab.close()
        finally:
            copy.unlink(missing_ok=True)


def _digest(path: Path) -> str:  # of the file as written from the page (write_data digests the page)
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _write_data(slug: str, entry: dict, digest: str, reports_dir: Path, nb=None) -> None:
    if nb is None:
        import nbformat

        executed = reports_dir / BUILD_DIR_NAME / f"{slug}.ipynb"
        if not executed.is_file():
            return
        nb = nbformat.read(executed, as_version=4)
    tables, sources = read_tables(nb)
    if not tables:
        entry["data"] = {"file": None, "html": digest}
        return
    atomic_write_bytes(reports_dir / f"{slug}.xlsx", workbook_bytes(tables, sources))
    entry["data"] = {"file": f"{slug}.xlsx", "html": digest, "sheets": len(tables) + bool(sources)}


def write_data(slug: str, entry: dict, page: str, reports_dir: Path, nb, *, failed: dict) -> None:
    """Write the data file of a briefing just rendered to ``page``, from its notebook in memory."""
    try:
        _write_data(slug, entry, hashlib.sha256(page.encode("utf-8")).hexdigest()[:16], Path(reports_dir), nb)
    except Exception as exc:  # noqa: BLE001 - a data file failure fails this briefing only
        log.exception("%s: data file failed", slug)
        failed[slug] = f"data file failed: {type(exc).__name__}: {exc}"


def export_all(entries: dict, *, reports_dir: Path, pdf: bool = False, failed: dict | None = None) -> None:
    """Write each built briefing's data file and (with ``pdf``) its PDF where its HTML changed.

    Updates the manifest entries; a briefing whose PDF cannot be printed is added to
    ``failed`` (slug -> message).
    """
    import sys

    aio = sys.modules.get("asyncio")  # not loaded: no event loop runs (a build from the command line)
    if aio is None or aio._get_running_loop() is None:
        return _export_all(entries, reports_dir=Path(reports_dir), pdf=pdf, failed=failed)
    # Called from a running event loop (a build started in Jupyter): Playwright's sync API
    # refuses to run there, so the exports run in a thread of their own.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_export_all, entries, reports_dir=Path(reports_dir), pdf=pdf, failed=failed).result()


def _export_all(entries: dict, *, reports_dir: Path, pdf: bool, failed: dict | None) -> None:
    problem = pdf_problem() if pdf else None
    if problem:
        log.error("PDFs not printed: %s", problem)
    printer = None
    try:
        for slug, entry in sorted(entries.items()):
            page = reports_dir / f"{slug}.html"
            if entry.get("status") not in ("ok", "stale") or not page.is_file():
                continue
            digest = _digest(page)
            data = entry.get("data") or {}
            if entry.get("status") == "ok" and (data.get("html") != digest or
                                                (data.get("file") and not (reports_dir / data["file"]).is_file())):
                try:
                    _write_data(slug, entry, digest, reports_dir)
                except Exception as exc:  # noqa: BLE001 - a data file failure fails this briefing only
                    log.exception("%s: data file failed", slug)
                    if failed is not None:
                        failed[slug] = f"data file failed: {type(exc).__name__}: {exc}"
            done = entry.get("pdf") or {}
            if done.get("file"):  # a PDF printed from an earlier HTML is kept, marked as older
                done["stale"] = done.get("html") != digest
            if not pdf or problem or (done.get("html") == digest and (reports_dir / f"{slug}.pdf").is_file()):
                continue
            try:
                printer = printer or Printer().__enter__()
                pdf_bytes = printer.pdf(page, reports_dir / BUILD_DIR_NAME)
                atomic_write_bytes(reports_dir / f"{slug}.pdf", pdf_bytes)
                entry["pdf"] = {"file": f"{slug}.pdf", "html": digest, "bytes": len(pdf_bytes)}
                log.info("%s: PDF %d kB", slug, len(pdf_bytes) // 1024)
            except Exception as exc:  # noqa: BLE001 - a PDF failure fails this briefing only
                entry["pdf"] = {"file": None, "error": f"{type(exc).__name__}: {exc}"}
                log.exception("%s: PDF failed", slug)
                if failed is not None:
                    failed[slug] = f"PDF export failed: {type(exc).__name__}: {exc}"
    finally:
        if printer is not None:
            printer.__exit__(None, None, None)
