"""Small synthetic projects for the build tests: notebooks made with nbformat, offline and fast."""

from __future__ import annotations

import base64
import struct
import textwrap
import zlib
from pathlib import Path

import nbformat
import yaml

def _png(width: int = 4, height: int = 3) -> str:
    """A valid RGB PNG as base64, so charts-as-data-URIs are tested without matplotlib."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\xcc\x33\x33" * width for _ in range(height))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return base64.b64encode(png).decode()


PNG = _png()

SECTORS = [
    {"slug": "energy", "name_zh": "能源", "name_en": "Energy"},
    {"slug": "tourism", "name_zh": "文化旅游", "name_en": "Culture and tourism"},
    {"slug": "macro", "name_zh": "宏观经济", "name_en": "Macroeconomy"},
]

HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(1)> [link](javascript:alert(1))"


def briefing_notebook(extra_source: str = "") -> nbformat.NotebookNode:
    """A notebook shaped like a sector briefing; ``fail`` selects a fault."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell(textwrap.dedent("""\
        sector: str = "energy"  # sector slug
        fail: str = ""  # "", "raise", "exit" or "hang"
        top_n: int = 3  # rows to show
        report: str = "datong_2025_report.md"  # report file in data/raw
        """))
    params.metadata["tags"] = ["parameters"]
    body = textwrap.dedent(f"""\
        import os, sys, time, warnings
        from IPython.display import HTML, Image, Markdown, display
        import base64
        print("sector", sector, "top", top_n)
        print("noise on stderr", file=sys.stderr)
        warnings.warn("a warning nobody should read in the briefing")
        display(Image(data=base64.b64decode("{PNG}")))
        display(Markdown({HOSTILE!r}))
        display(HTML("<table><tr><th>指标</th><td>1,200 亿元</td></tr></table><script>alert(3)</script>"))
        from datong_lib.publish import publish_headlines
        publish_headlines([{{"label": "地区生产总值 <b>GDP</b>", "value": "1,200", "unit": "亿元"}},
                           {{"label": sector, "value": top_n}}])
        if fail == "raise":
            raise ValueError("boom in " + sector)
        if fail == "exit":
            os._exit(1)
        if fail == "hang":
            time.sleep(600)
        """) + extra_source
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 行业简报 Sector briefing\n\nIntro."),
        params,
        nbformat.v4.new_markdown_cell("## 主要指标 Indicators"),
        nbformat.v4.new_code_cell("x = 1\nx"),
        nbformat.v4.new_markdown_cell("## 任务 Tasks\n\n### 细节 Details"),
        nbformat.v4.new_code_cell(body),
    ]
    return nb


def overview_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell('title_suffix: str = ""  # appended to the heading\n')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# 概览 Overview\n\n## 一 One"), params,
                nbformat.v4.new_code_cell('print("overview" + title_suffix)'),
                nbformat.v4.new_markdown_cell("## 二 Two")]
    return nb


def make_project(root: Path, params: dict[str, dict]) -> Path:
    """Write notebooks/, params/ and data/ under ``root``; ``params`` maps slug -> file content."""
    (root / "notebooks").mkdir(parents=True, exist_ok=True)
    (root / "params").mkdir(exist_ok=True)
    raw = root / "data" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    (root / "data" / "sectors.yaml").write_text(yaml.safe_dump(SECTORS, allow_unicode=True), encoding="utf-8")
    (raw / "datong_2025_report.md").write_text("# 政府工作报告\n\n地区生产总值1200亿元。\n", encoding="utf-8")
    (raw / "datong_2025_report.yaml").write_text("title: 测试报告 <i>Test</i>\n", encoding="utf-8")
    (raw / "other_report.txt").write_text("一、总体\n\n增长5%左右。\n", encoding="utf-8")
    nbformat.write(briefing_notebook(), root / "notebooks" / "02_sector_briefing.ipynb")
    nbformat.write(overview_notebook(), root / "notebooks" / "01_overview.ipynb")
    for slug, content in params.items():
        write_params(root, slug, content)
    return root


def write_params(root: Path, slug: str, content: dict) -> Path:
    path = root / "params" / f"{slug}.yaml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def sector_params(sector: str, **extra) -> dict:
    return {"notebook": "02_sector_briefing.ipynb", "parameters": {"sector": sector, **extra}}
