"""Print reports to PDF with the system Chromium, as a user's browser would.

Chromium's default print header (date, title) and footer (URL, page x/y) are kept on
purpose: the PDF reader has to remove them. Used by the tests and by
``benchmarks/bench_readers.py``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions"]


from datong_lib.publish.export import chromium  # noqa: E402,F401  (the build's own finder, used by the tests)


def markdown_to_html(md: str, title: str) -> str:
    """Return a plain HTML page for a report in Markdown (headings and paragraphs only)."""
    body = []
    for line in md.splitlines():
        line = line.strip()
        if not line:
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            n = len(m.group(1))
            body.append(f"<h{n}>{html.escape(m.group(2))}</h{n}>")
        else:
            body.append(f"<p>{html.escape(line)}</p>")
    return (
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:'Noto Serif CJK SC','Noto Sans CJK SC',serif;font-size:16px;line-height:1.7}"
        "p{text-indent:2em;margin:0 0 .4em}h1{font-size:24px;text-align:center}h2{font-size:20px}"
        "h3{font-size:17px}</style></head><body>" + "\n".join(body) + "</body></html>"
    )


def print_pdf(html_path: Path, pdf_path: Path, exe: str) -> Path:
    """Print *html_path* to *pdf_path* with Chromium's default header and footer."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=ARGS, headless=True)
        try:
            page = browser.new_page()
            page.goto(html_path.resolve().as_uri())
            page.pdf(path=str(pdf_path), format="A4", display_header_footer=True,
                     margin={"top": "2cm", "bottom": "2cm", "left": "2cm", "right": "2cm"})
        finally:
            browser.close()
    return pdf_path


def report_pdf(md_path: Path, out_dir: Path, exe: str, *, repeat: int = 1, title: str = "大同市2025年政府工作报告") -> Path:
    """Return a PDF printed from a Markdown report (its body *repeat* times, for a long file)."""
    md = md_path.read_text(encoding="utf-8")
    html_path = out_dir / (md_path.stem + f"_x{repeat}.html")
    html_path.write_text(markdown_to_html("\n\n".join([md] * repeat), title), encoding="utf-8")
    return print_pdf(html_path, out_dir / (md_path.stem + f"_x{repeat}.pdf"), exe)
