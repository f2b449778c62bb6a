"""The bundled Datong report printed to PDF by headless Chromium, read back.

The PDF keeps Chromium's default print header (date and title) and footer (URL and
page x/y); the reader must drop them and give back every sentence that carries a
figure exactly as the Markdown has it.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from datong_lib import config, load_report
from datong_lib.readers import read_document

sys.path.insert(0, str(Path(__file__).parent))
from pdfkit import chromium, report_pdf  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _need_browser() -> str:
    exe = chromium()
    message = "no system Chromium found; run scripts/install_browser_deps.sh (make browser-deps)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        exe, message = None, "playwright (Python) is not installed: pip install -e '.[test]'"
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail(message + " — CI must run the PDF tests")
        pytest.skip(message)
    return exe


@pytest.fixture(scope="session")
def datong_pdf(tmp_path_factory):
    exe = _need_browser()
    return report_pdf(config.DEFAULT_REPORT, tmp_path_factory.mktemp("pdf"), exe)


@pytest.fixture(scope="session")
def datong_doc(datong_pdf):
    return read_document(datong_pdf)


def test_no_running_header_or_footer(datong_doc, datong_pdf):
    text = datong_doc.text
    assert "大同市2025年政府工作报告" not in text  # the title Chromium prints in the header
    assert "file://" not in text and datong_pdf.stem not in text
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d{2}", text)  # print date and time
    assert not re.search(r"^\d+/\d+$", text, re.M)  # page x/y
    assert not re.search(r"[\u2e80-\u2fdf]", text)  # radicals mapped back to ideographs


def test_pages_are_located(datong_doc):
    pages = [loc["page"] for _, loc in datong_doc.locators]
    assert pages == sorted(pages) and pages[0] == 1 and len(pages) >= 3
    offsets = [off for off, _ in datong_doc.locators]
    assert offsets == sorted(offsets)
    i = datong_doc.text.index("1718.7万人次")
    assert datong_doc.locate(i)["page"] >= 1


def test_headings_kept(datong_doc):
    lines = datong_doc.text.splitlines()
    assert "## 2024年工作回顾" in lines
    assert "### A 大同发展信心愈发坚定" in lines
    assert lines[1].startswith("# 干字当头 干在实处")


def test_every_sentence_with_a_figure_survives(datong_doc):
    md = load_report(config.DEFAULT_REPORT)
    with_figures = [s for s in md.sentences.text if re.search(r"\d", s)]
    assert len(with_figures) > 30
    flat = datong_doc.text.replace("\n", "")
    missing = [s for s in with_figures if s.strip() not in flat]
    assert not missing, missing[:5]


def test_metadata(datong_doc):
    m = datong_doc.metadata
    assert (m["report_year"], m["reviewed_year"], m["level"], m["speaker"]) == (2025, 2024, "city", "刘俊义")


# --- through load_report: the same figures as the Markdown, each with its page ---------------------


@pytest.fixture(scope="session")
def datong_pdf_report(datong_pdf):
    return load_report(datong_pdf)


def _figure_keys(figs):
    from collections import Counter

    return Counter(zip(figs["value"].round(6), figs["unit"], figs["year"], figs["kind"].astype(str)))


def test_pdf_gives_the_markdown_figures(datong_pdf_report):
    from datong_lib import extract

    md, pdf = _figure_keys(extract(load_report(config.DEFAULT_REPORT))), _figure_keys(extract(datong_pdf_report))
    agree = sum((md & pdf).values()) / sum(md.values())
    assert agree >= 0.98, (agree, md - pdf, pdf - md)
    assert sum((pdf - md).values()) <= 0.02 * sum(md.values())  # nor figures made up from headers and footers


def test_pdf_report_text_has_no_running_header_or_footer(datong_pdf_report, datong_pdf):
    text = datong_pdf_report.text
    assert "大同市2025年政府工作报告" not in text and "file://" not in text and datong_pdf.stem not in text
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d{2}", text)
    assert not re.search(r"^\d+\s*/\s*\d+$", text, re.M)


def test_pdf_figures_and_sentences_say_their_page(datong_pdf_report):
    from datong_lib import extract

    r = datong_pdf_report
    assert r.reader == "pdf" and r.paragraphs["page"].notna().all() and r.sentences["page"].notna().all()
    pages = r.sentences["page"].tolist()
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] >= 3
    figs = r.where(extract(r))
    assert figs["page"].notna().all() and figs["row"].isna().all()
    hit = figs[figs["text"] == "1718.7万人次"]
    assert len(hit) and 1 <= hit["page"].iloc[0] <= pages[-1]
    # each sentence's page is the page the reader put its first character on
    doc, pos = read_document(r.source), 0
    for text, page in zip(r.sentences["text"], r.sentences["page"]):
        pos = doc.text.index(text, pos)
        assert doc.locate(pos)["page"] == page, text
    m = r.metadata
    assert (m["report_year"], m["level"], m["place"], m["speaker"]) == (2025, "city", "大同市", "刘俊义")
    for df in (r.paragraphs, r.sentences):
        for start, end, text in zip(df["start"], df["end"], df["text"]):
            assert r.text[start:end] == text
