"""The report model: sections, repaired paragraphs, offsets, encodings, bad input."""

from __future__ import annotations

import codecs
import shutil

import pandas as pd
import pytest

import datong_lib as dl
from datong_lib import config


@pytest.fixture(scope="module")
def report():
    return dl.load_report()


# -- schema -----------------------------------------------------------------------


def test_tables_have_documented_columns_and_types(report):
    assert list(report.paragraphs.columns) == [
        "para_id", "section_id", "section", "top_section", "kind", "text", "start", "end", "fragments", "page", "row",
    ]
    assert list(report.sentences.columns) == [
        "sent_id", "para_id", "section_id", "section", "top_section", "kind", "text", "start", "end", "page", "row",
    ]
    for df in (report.paragraphs, report.sentences):
        assert isinstance(df["kind"].dtype, pd.CategoricalDtype)
        assert pd.api.types.is_integer_dtype(df["start"]) and pd.api.types.is_integer_dtype(df["end"])
        assert not df[["text", "start", "end"]].isna().any().any()
    assert {"section_id", "level", "number", "title", "path", "parent_id"} <= set(report.sections.columns)


def test_metadata_comes_from_sidecar_and_text(report):
    m = report.metadata
    assert (m["city"], m["province"], m["report_year"], m["reviewed_year"]) == ("大同", "山西", 2025, 2024)
    assert m["speaker"] == "刘俊义"
    assert m["meeting"] == "市十六届人大五次会议"
    assert m["title"].startswith("干字当头")


# -- sections ---------------------------------------------------------------------


def test_highlights_a_to_h(report):
    secs = report.sections
    review = secs[secs["title"] == "2024年工作回顾"].iloc[0]
    highlights = secs[secs["parent_id"] == review["section_id"]]
    assert list(highlights["number"]) == list("ABCDEFGH")
    assert highlights.iloc[1]["title"] == "大同潜力优势加速释放"
    assert (highlights["n_paragraphs"] == 1).all()


def test_repeated_task_heading_is_one_section_with_seven_tongchou_groups(report):
    # The issue text speaks of six 统筹 pairs; the published text has seven headings.
    secs = report.sections
    tasks = secs[secs["title"] == "2025年政府工作任务"]
    assert len(tasks) == 1
    groups = secs[secs["parent_id"] == tasks.iloc[0]["section_id"]]
    assert len(groups) == 7
    assert groups["title"].str.startswith("统筹").all()
    assert groups.iloc[3]["title"].startswith("统筹新型城镇化和乡村全面振兴")


def test_target_list_and_self_improvement_sections(report):
    titles = set(report.sections["title"])
    assert {"今年经济社会发展的主要预期目标", "2024年工作成果数据", "2025年工作目标数据"} <= titles
    secs = report.sections
    gov = secs[secs["title"] == "全面加强政府自身建设"].iloc[0]
    subs = secs[secs["parent_id"] == gov["section_id"]]["title"].tolist()
    assert subs == ["对党忠诚刻在心底", "依法行政贯穿始终", "担当落实扛在肩上", "清正廉洁融入血液"]


def test_bullets_are_their_own_rows(report):
    bullets = report.paragraphs[report.paragraphs["kind"] == "bullet"]
    assert len(bullets) == 16
    assert "地区生产总值同比增长2.5%" in set(bullets["text"])
    assert not bullets["text"].str.startswith("-").any()


# -- repaired paragraphs ----------------------------------------------------------


def test_eight_page_break_fragments_are_rejoined(report):
    paras = report.paragraphs
    repaired = paras[paras["fragments"] > 1]
    assert len(repaired) == 8
    text = "\n".join(paras["text"])
    for joined in [
        "抓好226个省市重点工程年度建设项目。",
        "城镇居民人均可支配收入与经济增长基本同步，农村居民人均可支配收入高于经济增长水平",
        "每个县发展1—2个主导产业。",
        "推动各级各类教育高质量发展。",
        "“三北”工程晋北地区高原风沙源",
        "畅通对外开放立体通道",
        "通航机场基础设施等项目建设",
        "完整准确全面贯彻新发展理念，坚持以人民为中心",
    ]:
        assert joined in text, joined
    # Headings and separate paragraphs are not swallowed.
    assert not paras["text"].str.contains("今年发展主要预期目标是").sum() > 1
    assert paras["text"].str.startswith("多点突破促进外贸增长").sum() == 1


# -- offsets ----------------------------------------------------------------------


@pytest.mark.parametrize("name", dl.list_reports())
def test_offsets_round_trip_for_every_row(name):
    r = dl.load_report(name)
    for df in (r.paragraphs, r.sentences):
        assert len(df) > 0
        for start, end, text in zip(df["start"], df["end"], df["text"]):
            assert r.text[start:end] == text
    for start, end, number, title in zip(*(r.sections[c] for c in ("start", "end", "number", "title"))):
        assert title in r.text[start:end] or r.text[start:end] == title


def test_sentences_split_on_full_stops(report):
    s = report.sentences
    inner = s["text"].str[:-1].str.contains("。")
    assert not inner.any(), s.loc[inner, "text"].tolist()
    assert (s["text"] == "全年城镇新增就业5.27万人，完成年度目标的119.75%，位居全省第一。").sum() == 1


# -- national reports -------------------------------------------------------------


@pytest.mark.parametrize(
    "name, year, reviewed, first, n_tasks",
    [
        ("national_2016.txt", 2016, 2015, "2015年工作回顾", 8),
        ("national_2017.txt", 2017, 2016, "2016年工作回顾", 9),
        ("national_2022.txt", 2022, 2021, "2021年工作回顾", 9),
    ],
)
def test_national_reports_have_numbered_sections(name, year, reviewed, first, n_tasks):
    r = dl.load_report(name)
    m = r.metadata
    assert (m["level"], m["report_year"], m["reviewed_year"], m["speaker"]) == ("nation", year, reviewed, "李克强")
    top = r.sections[r.sections["level"] == 1]
    assert list(top["number"][:3]) == ["一", "二", "三"]
    assert top.iloc[0]["title"] == first
    third = top.iloc[2]["section_id"]
    assert (r.sections["parent_id"] == third).sum() == n_tasks
    # Paragraphs stay whole: one row per line of the source, none swallowed.
    assert r.paragraphs["fragments"].max() == 1
    assert r.paragraphs["text"].str.len().median() > 80


def test_bom_and_crlf_are_normalised():
    r = dl.load_report("national_2022.txt")
    assert "\r" not in r.text and "\ufeff" not in r.text
    assert not r.paragraphs["text"].str.startswith("\u3000").any()


# -- encodings --------------------------------------------------------------------


def _reports_equal(a, b):
    assert a.text == b.text
    pd.testing.assert_frame_equal(a.sections, b.sections)
    pd.testing.assert_frame_equal(a.paragraphs, b.paragraphs)
    pd.testing.assert_frame_equal(a.sentences, b.sentences)


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-16"])
def test_other_encodings_give_the_same_report(tmp_path, encoding, report):
    raw = config.DEFAULT_REPORT.read_text(encoding="utf-8")
    path = tmp_path / "datong.md"
    path.write_bytes(raw.replace("\n", "\r\n").encode(encoding))
    shutil.copy(config.DEFAULT_REPORT.with_suffix(".yaml"), tmp_path / "datong.yaml")
    other = dl.load_report(path)
    _reports_equal(other, report)


def test_big5_traditional_text_decodes(tmp_path):
    text = "一、2023年工作回顧\n地區生產總值增長百分之五，國內經濟穩定發展，人民生活水平持續提高。\n"
    path = tmp_path / "trad.txt"
    path.write_bytes(text.encode("big5"))
    r = dl.load_report(path)
    assert r.encoding == "big5"
    assert "地區生產總值" in r.text
    assert r.sections.iloc[0]["title"] == "2023年工作回顧"


def test_markdown_report_without_headings_uses_chinese_numbering(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(
        "某市政府工作报告\n一、过去一年工作回顾\n全年地区生产总值增长5%。\n（一）稳增长\n完成投资100亿元。\n"
        "1. 抓项目\n新开工项目20个。\n二、今年工作安排\n预期目标是增长6%左右。\n",
        encoding="utf-8",
    )
    r = dl.load_report(path)
    assert r.sections["path"].tolist() == [
        "过去一年工作回顾", "过去一年工作回顾 > 稳增长", "过去一年工作回顾 > 稳增长 > 抓项目", "今年工作安排",
    ]
    assert r.paragraphs.set_index("text").loc["新开工项目20个。", "section"].endswith("抓项目")


def test_sidecar_overrides_detected_metadata(tmp_path):
    shutil.copy(config.RAW_DIR / "national_2017.txt", tmp_path / "n.txt")
    (tmp_path / "n.yaml").write_text("place: 中国\nspeaker: 某某\n", encoding="utf-8")
    m = dl.load_report(tmp_path / "n.txt").metadata
    assert (m["place"], m["speaker"], m["report_year"]) == ("中国", "某某", 2017)


# -- bad input --------------------------------------------------------------------


def test_missing_file_names_bundled_reports(tmp_path):
    with pytest.raises(dl.errors.ReportError, match="not found.*datong_2025_report.md"):
        dl.load_report(tmp_path / "nope.md")


def test_bare_name_finds_bundled_report():
    assert dl.load_report("national_2016").metadata["report_year"] == 2016


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"   \n\n\t  \n", "only whitespace"),
        ("\u3000\u3000\n".encode("utf-8"), "only whitespace"),
        (b"Just some English text, no report here.\n", "no Chinese text"),
        (bytes(range(256)) * 40, "binary"),
        (b"\x81\x30\xff\x80" * 50, "could not be decoded"),
        (b"\xff\xfe\x41", "byte-order mark"),
    ],
)
def test_bad_files_give_clear_errors(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(dl.errors.ReportError, match=message):
        dl.load_report(path)


def test_undecodable_error_names_the_encodings_tried(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\x81\x30\xff\x80" * 50)
    with pytest.raises(dl.errors.ReportError) as exc:
        dl.load_report(path)
    for enc in ("utf-8", "gb18030", "big5"):
        assert enc in str(exc.value)


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(dl.errors.ReportError, match="folder"):
        dl.load_report(tmp_path)


def test_malformed_sidecar_is_reported(tmp_path):
    shutil.copy(config.DEFAULT_REPORT, tmp_path / "r.md")
    (tmp_path / "r.yaml").write_text("city: [大同\n", encoding="utf-8")
    with pytest.raises(dl.errors.ReportError, match="sidecar"):
        dl.load_report(tmp_path / "r.md")


def test_text_argument_parses_a_string():
    r = dl.load_report(text="## 2024年工作回顾\n地区生产总值增长2.5%。\n")
    assert r.sentences["text"].tolist() == ["地区生产总值增长2.5%。"]
    assert r.metadata["reviewed_year"] == 2024 and r.source is None


def test_large_report_loads(tmp_path):
    raw = config.DEFAULT_REPORT.read_text(encoding="utf-8")
    body = raw.split("## 2024年工作回顾", 1)[1]
    big = raw + ("\n## 2024年工作回顾" + body) * (6_000_000 // len(raw.encode("utf-8")))
    path = tmp_path / "big.md"
    path.write_text(big, encoding="utf-8")
    assert path.stat().st_size > 4_900_000
    r = dl.load_report(path)
    assert len(r.paragraphs) > 20_000
    row = r.sentences.iloc[-1]
    assert r.text[row.start:row.end] == row.text


def test_utf8_bom_report_decodes_as_utf8_sig(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes(codecs.BOM_UTF8 + "## 2024年工作回顾\n增长2.5%。\n".encode("utf-8"))
    assert dl.load_report(path).encoding == "utf-8-sig"
