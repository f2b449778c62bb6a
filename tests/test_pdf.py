"""The briefings as PDF: printed by the system Chromium, fonts embedded, text extractable,
reprinted only when the HTML changed; and each briefing's data file.

PDF checks use poppler-utils (pdffonts, pdftotext, pdftoppm), which ``make browser-deps``
installs with Chromium. Without them the PDF tests skip, except under CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from datong_lib import config
from datong_lib.publish import export

SLUGS = [p.stem for p in sorted(config.PARAMS_DIR.glob("*.yaml")) if not p.stem.startswith("compare")]
MAX_PDF_BYTES = 3 * 1024 * 1024


def _need(*tools: str) -> None:
    problem = export.pdf_problem()
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        problem = f"{', '.join(missing)} not found: apt-get install -y poppler-utils (make browser-deps)"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(problem + " — CI must run the PDF tests")
        pytest.skip(problem)


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def pdfs(built_reports):
    _need("pdffonts", "pdftotext", "pdftoppm")
    return built_reports


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("slug", SLUGS)
def test_each_briefing_has_a_small_pdf_with_every_font_embedded(pdfs, slug):
    pdf = pdfs / f"{slug}.pdf"
    assert pdf.is_file(), f"no PDF for {slug}"
    assert 10_000 < pdf.stat().st_size <= MAX_PDF_BYTES, pdf.stat().st_size
    info = _run("pdfinfo", str(pdf))
    assert re.search(r"Page size:.*\(A4\)", info), info
    fonts = _run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), "\n".join(fonts)  # emb column
    assert any("DatongSansCJK-Regular" in line for line in fonts), "the bundled font is not in the PDF"


@pytest.mark.slow
@pytest.mark.browser
def test_pdf_text_gives_back_chinese_figures_title_and_page_numbers(pdfs):
    text = _run("pdftotext", "-layout", str(pdfs / "sector_tourism.pdf"), "-")
    assert "1718.7万人次" in text and "接待游客" in text and "原文出处 Sources" in text
    pages = text.split("\f")
    first = pages[0]
    assert "文化旅游 Culture and tourism" in first.splitlines()[0] or "文化旅游" in first[:200]  # title in the header
    n = len([p for p in pages if p.strip()])
    assert re.search(rf"\b1\s*/\s*{n}\b", first[-200:]), first[-300:]  # page number in the footer
    overview = _run("pdftotext", str(pdfs / "overview.pdf"), "-")
    assert "地区生产总值" in overview and "2.5%" in overview


@pytest.mark.slow
@pytest.mark.browser
def test_first_page_renders(pdfs, tmp_path):
    """Page 1 of the overview as a PNG: an A4 page with ink on it (kept with DATONG_SHOTS=<folder>)."""
    from PIL import Image

    _run("pdftoppm", "-f", "1", "-l", "1", "-r", "60", "-png", str(pdfs / "overview.pdf"), str(tmp_path / "page"))
    png = next(tmp_path.glob("page*.png"))
    img = Image.open(png).convert("L")
    w, h = img.size
    assert abs(h / w - 297 / 210) < 0.02, img.size
    dark = sum(img.histogram()[:128]) / (w * h)
    assert 0.005 < dark < 0.5, dark  # text on a white page, not blank and not black
    keep = os.environ.get("DATONG_SHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(keep) / "overview-pdf-page1.png")


@pytest.mark.slow
@pytest.mark.browser
def test_pdfs_are_reprinted_only_when_their_html_changed(pdfs, tmp_path):
    import json

    from datong_lib.publish import build

    slugs = ["overview", "sector_tourism"]
    build(reports_dir=pdfs, only=slugs, pdf=True, progress=False)  # up to date (unless the library just changed)
    before = {s: (pdfs / f"{s}.pdf").stat().st_mtime_ns for s in slugs}
    result = build(reports_dir=pdfs, only=slugs, pdf=True, progress=False)
    assert result.built == [] and not result.failed
    assert {s: (pdfs / f"{s}.pdf").stat().st_mtime_ns for s in slugs} == before
    page = pdfs / "sector_tourism.html"
    original = page.read_text(encoding="utf-8")
    try:
        page.write_text(original.replace("</main>", "<p>changed</p></main>", 1), encoding="utf-8")
        build(reports_dir=pdfs, only=slugs, pdf=True, progress=False)
        assert (pdfs / "sector_tourism.pdf").stat().st_mtime_ns != before["sector_tourism"]
        assert (pdfs / "overview.pdf").stat().st_mtime_ns == before["overview"]
        entry = json.loads((pdfs / "manifest.json").read_text(encoding="utf-8"))["briefings"]["sector_tourism"]
        assert entry["pdf"]["file"] == "sector_tourism.pdf" and entry["pdf"]["bytes"] <= MAX_PDF_BYTES
    finally:
        page.write_text(original, encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("slug", SLUGS)
def test_each_briefing_links_its_data_file_and_the_file_is_there(built_reports, slug):
    from openpyxl import load_workbook

    page = (built_reports / f"{slug}.html").read_text(encoding="utf-8")
    header = re.search(r'<header class="site">.*?</header>', page, re.S).group(0)
    href = re.search(r'<a class="data" href="([^"]+)">', header).group(1)
    assert href == f"{slug}.xlsx"
    wb = load_workbook(built_reports / href, read_only=True)
    assert len(wb.sheetnames) >= 1
    index = (built_reports / "index.html").read_text(encoding="utf-8")
    card = re.search(rf'<li class="card" id="b-{slug}">.*?</li>', index, re.S).group(0)
    assert f'href="{slug}.xlsx"' in card


@pytest.mark.slow
def test_overview_data_file_holds_the_figures_with_their_quotes_and_offsets(built_reports):
    from openpyxl import load_workbook

    from datong_lib.report import load_report

    text = load_report().text
    wb = load_workbook(built_reports / "overview.xlsx", read_only=True)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    head = rows[0]
    assert {"数值", "ref", "quote", "start", "end", "section"} <= set(head)
    col = {name: head.index(name) for name in ("数值", "quote", "start", "end")}
    assert len(rows) > 20
    for row in rows[1:]:
        assert text[row[col["start"]]:row[col["end"]]] == row[col["quote"]]
    assert wb.sheetnames[-1].endswith("原文出处 Sources")


@pytest.mark.slow
@pytest.mark.browser
def test_a_page_with_a_content_security_policy_still_prints_with_the_bundled_font(tmp_path):
    _need("pdffonts", "pdftotext")
    page = tmp_path / "csp.html"
    page.write_text('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
                    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'
                    '<title>测试 Test</title></head><body><h1>接待游客1718.7万人次</h1>'
                    '<script>document.body.append("脚本运行了")</script></body></html>', encoding="utf-8")
    with export.Printer() as printer:
        (tmp_path / "csp.pdf").write_bytes(printer.pdf(page, tmp_path / "work"))
    assert "DatongSansCJK-Regular" in _run("pdffonts", str(tmp_path / "csp.pdf"))
    text = _run("pdftotext", str(tmp_path / "csp.pdf"), "-")
    assert "接待游客1718.7万人次" in text and "测试 Test" in text
    assert "脚本运行了" not in text  # the printer runs no script
    assert not list((tmp_path / "work").iterdir())  # the print copy is removed
