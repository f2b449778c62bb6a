"""load_report on every format: detection without sidecars, provenance, headings, metadata, import."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import yaml

import datong_lib as dl
from datong_lib import config
from datong_lib.errors import ReportError
from datong_lib.report.decode import read_report_text
from datong_lib.report.metadata import read_sidecar

FIX = Path(__file__).parent / "fixtures"
READERS = FIX / "readers"
CORPUS = FIX / "corpus"
RAW_REPORTS = dl.list_reports()


def test_list_reports_holds_every_format_and_no_sidecar():
    suffixes = {Path(n).suffix for n in RAW_REPORTS}
    assert {".md", ".txt", ".csv", ".docx"} <= suffixes
    assert not [n for n in RAW_REPORTS if n.endswith((".yaml", ".yml")) or n == "SOURCES.md"]
    from datong_lib.report import resolve_report

    assert resolve_report("province_shanxi_2025").name == "province_shanxi_2025.docx"


@pytest.mark.parametrize("name", RAW_REPORTS)
def test_every_bundled_report_is_detected_without_its_sidecar(name):
    """Year, level and place from the file alone agree with the hand-checked sidecar."""
    path = config.RAW_DIR / name
    truth = read_sidecar(path)
    if not truth:  # a few national reports have no sidecar: their name says it all
        assert name.startswith("national_")
        truth = {"report_year": int(name[9:13]), "level": "nation", "place": "全国"}
    m = dl.load_report(path, sidecar=False).metadata
    assert m.get("report_year") == truth["report_year"], m
    assert m.get("reviewed_year") == truth.get("reviewed_year", truth["report_year"] - 1), m
    assert m.get("level") == truth["level"], m
    assert m.get("place") == truth["place"], m
    assert m.get("speaker"), m
    if truth.get("speaker"):
        assert m["speaker"] == truth["speaker"]


@pytest.mark.parametrize("name", RAW_REPORTS)
def test_every_bundled_report_round_trips_offsets_and_carries_provenance(name):
    r = dl.load_report(name)
    for df in (r.paragraphs, r.sentences):
        assert str(df["page"].dtype) == "Int64" and str(df["row"].dtype) == "Int64"
        assert df["page"].isna().all()  # no PDF among them
        if name.endswith(".csv"):
            assert (df["row"] == 1).all()
        else:
            assert df["row"].isna().all()
        for start, end, text in zip(df["start"], df["end"], df["text"]):
            assert r.text[start:end] == text
    assert r.reader == {".csv": "csv", ".docx": "docx"}.get(Path(name).suffix, "text")


def test_sidecar_wins_over_detection(tmp_path):
    src = config.RAW_DIR / "province_hebei_2026.csv"
    shutil.copy(src, tmp_path / "hebei.csv")
    (tmp_path / "hebei.yaml").write_text("place: 河北\nspeaker: 某某\n", encoding="utf-8")
    m = dl.load_report(tmp_path / "hebei.csv").metadata
    assert (m["place"], m["speaker"], m["report_year"]) == ("河北", "某某", 2026)
    assert dl.load_report(tmp_path / "hebei.csv", sidecar=False).metadata["speaker"] == "王正谱"


def test_header_and_body_disagree_body_wins():
    m = dl.load_report(CORPUS / "national_2024_header2023.txt").metadata
    assert (m["report_year"], m["reviewed_year"]) == (2024, 2023)
    assert "report_year: header 2023, body 2024" in m["conflicts"]
    assert any(c.startswith("speaker: header 李克强") for c in m["conflicts"])


def test_news_lead_is_front_matter():
    r = dl.load_report(CORPUS / "national_2020_newslead.txt")
    assert r.front.startswith("5月22日上午9时") and "人民大会堂" not in r.text
    assert r.text.startswith("一、2019年和今年以来工作回顾")
    assert r.metadata["speaker"] == "李克强" and r.metadata["report_year"] == 2020


def test_saved_web_page_loads_with_its_metadata():
    r = dl.load_report(READERS / "national_2025_page.html")
    m = r.metadata
    assert (m["level"], m["place"], m["report_year"], m["speaker"]) == ("nation", "全国", 2025, "李强")
    assert m["source"] == "新华社" and r.reader == "html"
    for chrome in ("首页", "当前位置", "分享到", "字号", "打印", "关闭", "相关", "主办单位", "ICP备"):
        assert chrome not in r.text, chrome
    assert r.sections["title"].str.contains("2024年工作回顾").any()


def _csv_bytes(rows) -> bytes:
    import csv

    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode("utf-8")


def _report_text(place: str, speaker: str) -> str:
    return (f"政府工作报告\n——2024年1月20日在{place}第十四届人民代表大会第二次会议上\n省长 {speaker}\n各位代表：\n"
            "一、2023年工作回顾\n" + "全省地区生产总值增长5.2%，达到12000亿元。城镇新增就业35万人。\n" * 6
            + "二、2024年主要工作\n今年主要预期目标是：地区生产总值增长5.5%左右。\n")


def test_multi_row_table_needs_a_row(tmp_path):
    p = tmp_path / "two.csv"
    p.write_bytes(_csv_bytes([["province", "full_text"], ["甲省", _report_text("甲省", "张三")],
                              ["乙省", _report_text("乙省", "李四")]]))
    with pytest.raises(ReportError, match=r"row 1.*row 2.*--row N"):
        dl.load_report(p)
    r = dl.load_report(p, row=2)
    assert (r.metadata["place"], r.metadata["speaker"], r.metadata["row"]) == ("乙省", "李四", 2)
    assert (r.paragraphs["row"] == 2).all()
    (tmp_path / "two.yaml").write_text("row: 1\n", encoding="utf-8")
    assert dl.load_report(p).metadata["place"] == "甲省"  # the sidecar picks the row
    assert read_report_text(p)[0].startswith("政府工作报告")


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(paragraphs) -> bytes:
    def para(text, style):
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'

    styles = (f'<w:styles {_W}><w:style w:type="paragraph" w:styleId="T"><w:name w:val="Title"/></w:style>'
              f'<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/></w:style></w:styles>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f"<w:document {_W}><w:body>{''.join(para(t, s) for t, s in paragraphs)}"
                                        "</w:body></w:document>")
        z.writestr("word/styles.xml", styles)
    return buf.getvalue()


def test_numbered_headings_beside_container_headings(tmp_path):
    """A Word file marks its title and part headings; the numbered （一） headings inside, run-in
    ones included, are still headings, one level below the part they are in."""
    body = "全市地区生产总值增长5.2%，达到1200亿元，城镇新增就业3.5万人。"
    p = tmp_path / "r.docx"
    p.write_bytes(_docx([("某某市政府工作报告", "T"), ("各位代表：", None), ("2023年工作回顾", "H1"),
                         ("（一）经济运行稳中向好。" + body, None), ("（二）产业转型步伐加快", None), (body, None),
                         ("2024年工作安排", "H1"), ("一、扩大有效需求", None), ("（一）提振消费。" + body, None)]))
    r = dl.load_report(p)
    secs = r.sections.set_index("title")
    assert secs.loc["2023年工作回顾", "level"] == 2  # the Title is level 1
    assert secs.loc["经济运行稳中向好", "level"] == 3 and secs.loc["产业转型步伐加快", "level"] == 3
    assert secs.loc["扩大有效需求", "level"] == 3 and secs.loc["提振消费", "level"] == 4
    run_in = r.paragraphs[r.paragraphs["section"].str.endswith("经济运行稳中向好")]
    assert run_in["text"].iloc[0].startswith("（一）经济运行稳中向好。全市")
    assert r.metadata["report_year"] == 2024 and r.metadata["level"] == "city"


def test_figures_can_say_where_they_are():
    r = dl.load_report("province_hebei_2026.csv")
    figs = r.where(dl.extract(r))
    assert len(figs) > 10 and (figs["row"] == 1).all() and figs["page"].isna().all()


# --- datong import ----------------------------------------------------------------------------------


def _project(tmp_path) -> Path:
    root = tmp_path / "p"
    (root / "data" / "raw").mkdir(parents=True)
    shutil.copy(config.DATA_DIR / "sectors.yaml", root / "data" / "sectors.yaml")
    return root


def _datong(project, *args):
    env = {**os.environ, "DATONG_PROJECT_DIR": str(project)}
    return subprocess.run([sys.executable, "-m", "datong_lib.cli", *args], capture_output=True, text=True,
                          env=env, cwd=str(project.parent))


def _snapshot(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_import_copies_writes_sidecar_and_loads(tmp_path):
    project = _project(tmp_path)
    src = config.RAW_DIR / "province_shanxi_2025.docx"
    out = _datong(project, "import", str(src), "--name", "shanxi")
    assert out.returncode == 0, out.stderr
    assert "report_year 2025" in out.stdout and "place 山西省" in out.stdout and "--report shanxi" in out.stdout
    raw = project / "data" / "raw"
    assert (raw / "shanxi.docx").read_bytes() == src.read_bytes()
    side = yaml.safe_load((raw / "shanxi.yaml").read_text(encoding="utf-8"))
    assert (side["reader"], side["source_file"], side["level"]) == ("docx", src.name, "province")
    check = subprocess.run(
        [sys.executable, "-c", "from datong_lib import load_report; from datong_lib.report.decode import "
         "read_report_text; r = load_report('shanxi'); read_report_text(r.source); "
         "print(r.metadata['report_year'], r.place, r.reader)"],
        capture_output=True, text=True, env={**os.environ, "DATONG_PROJECT_DIR": str(project)})
    assert check.stdout.split() == ["2025", "山西省", "docx"], check.stderr


def test_import_one_row_of_a_table(tmp_path):
    project = _project(tmp_path)
    src = tmp_path / "two.csv"
    src.write_bytes(_csv_bytes([["province", "full_text"], ["甲省", _report_text("甲省", "张三")],
                                ["乙省", _report_text("乙省", "李四")]]))
    refused = _datong(project, "import", str(src))
    assert refused.returncode == 2 and "--row N" in refused.stderr
    assert not list((project / "data" / "raw").iterdir())
    out = _datong(project, "import", str(src), "--row", "2")
    assert out.returncode == 0, out.stderr
    side = yaml.safe_load((project / "data" / "raw" / "two_row2.yaml").read_text(encoding="utf-8"))
    assert (side["row"], side["place"]) == (2, "乙省")


def _zip_not_word(tmp_path) -> Path:
    p = tmp_path / "report.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("report.txt", "政府工作报告")
    return p


def _truncated_pdf(tmp_path) -> Path:
    data = (READERS / "small_text.pdf").read_bytes()
    p = tmp_path / "cut.pdf"
    p.write_bytes(data[: len(data) // 3])
    return p


def _html_without_article(tmp_path) -> Path:
    p = tmp_path / "list.html"
    p.write_text("<!doctype html><html><head><title>搜索结果</title></head><body><div class='nav'>"
                 "<a href='/'>首页</a></div><ul><li><a href='/1'>政府工作报告</a></li></ul></body></html>",
                 encoding="utf-8")
    return p


def _csv_without_text(tmp_path) -> Path:
    p = tmp_path / "t.csv"
    p.write_bytes(_csv_bytes([["province", "year", "title"], ["某某省", "2024", "报告"]]))
    return p


BAD = {
    "image-only PDF": (lambda t: READERS / "image_only.pdf", r"no text layer.*OCR"),
    "encrypted PDF": (lambda t: READERS / "encrypted.pdf", r"encrypted.*remove the password"),
    "truncated PDF": (_truncated_pdf, r"truncated or damaged"),
    "zip that is not Word": (_zip_not_word, r"not a Word.*report\.txt"),
    "HTML with no article": (_html_without_article, r"no article text"),
    "CSV with no text column": (_csv_without_text, r"no column with report text"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_import_of_bad_input_exits_2_and_writes_nothing(tmp_path, case):
    make, message = BAD[case]
    project = _project(tmp_path)
    path = make(tmp_path)
    out = _datong(project, "import", str(path))
    assert out.returncode == 2, out.stdout
    assert path.name in out.stderr
    import re

    assert re.search(message, out.stderr), out.stderr
    assert not list((project / "data" / "raw").iterdir())
    with pytest.raises(ReportError, match=message):
        dl.load_report(path)


def test_import_that_would_overwrite_exits_2_and_writes_nothing(tmp_path):
    project = _project(tmp_path)
    raw = project / "data" / "raw"
    src = config.RAW_DIR / "province_hebei_2026.csv"
    assert _datong(project, "import", str(src), "--name", "hebei").returncode == 0
    before = _snapshot(raw)
    other = tmp_path / "other.csv"
    other.write_bytes(src.read_bytes().replace("王正谱".encode(), "某某某".encode()))
    out = _datong(project, "import", str(other), "--name", "hebei")
    assert out.returncode == 2 and "already exist" in out.stderr and "--force" in out.stderr
    assert _snapshot(raw) == before
    assert _datong(project, "import", str(other), "--name", "hebei", "--force").returncode == 0
    assert (raw / "hebei.csv").read_bytes() == other.read_bytes()


def test_import_refuses_a_second_format_under_one_name(tmp_path):
    project = _project(tmp_path)
    raw = project / "data" / "raw"
    shutil.copy(config.RAW_DIR / "national_2022.txt", raw / "n.txt")
    before = _snapshot(raw)
    page = READERS / "national_2025_page.html"
    out = _datong(project, "import", str(page), "--name", "n", "--force")
    assert out.returncode == 2 and "n.txt" in out.stderr and _snapshot(raw) == before


def test_readme_lists_the_import_command():
    assert "datong import" in (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_load_report_frame_columns_are_nullable_ints():
    r = dl.load_report(text="一、2024年工作回顾\n全市新增就业5.27万人。\n")
    assert r.paragraphs["page"].isna().all() and isinstance(r.paragraphs["page"].dtype, pd.Int64Dtype)
    assert r.locate(5) == {} and r.front == ""
