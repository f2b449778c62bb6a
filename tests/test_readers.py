"""Reports as published: text in any encoding, saved web pages, Word, PDF and table exports."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from datong_lib import config
from datong_lib.errors import ReportError
from datong_lib.readers import Document, read_document, read_documents
from datong_lib.readers.importer import import_report
from datong_lib.readers.meta import body_metadata

FIX = Path(__file__).parent / "fixtures" / "readers"
CHROME = ("首页", "当前位置", "您现在的位置", "分享到", "扫一扫", "字体：", "字号：", "打印", "关闭窗口", "相关报道",
          "相关链接", "主办单位", "ICP备", "网站标识码", "责任编辑", "访问统计", "互动交流", "纠错")

HEAD = "政府工作报告\n——2024年1月20日在某某省第十四届人民代表大会第二次会议上\n某某省省长 王某某\n"
BODY = (
    "各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议。\n一、2023年工作回顾\n"
    + "全省地区生产总值增长5.2%，达到12000亿元。城镇新增就业35万人，居民人均可支配收入增长6%。\n" * 4
    + "二、2024年主要工作\n今年主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业35万人以上。\n"
)


def _write(tmp_path, name, data) -> Path:
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


# --- schema -------------------------------------------------------------------------------------------


def test_document_fields_and_locate():
    d = read_document(config.RAW_DIR / "national_2022.txt")
    assert isinstance(d, Document)
    assert d.reader == "text" and d.encoding.startswith("utf-8") and d.locators == [] and d.front == ""
    assert d.text.endswith("\n") and "\n\n" not in d.text
    assert d.metadata["level"] == "nation" and d.metadata["place"] == "全国"
    assert (d.metadata["report_year"], d.metadata["reviewed_year"]) == (2022, 2021)
    assert d.metadata["speaker"] == "李克强"


@pytest.mark.parametrize("name, year", [("national_2016.txt", 2016), ("national_2017.txt", 2017),
                                         ("national_2022.txt", 2022), ("datong_2025_report.md", 2025)])
def test_bundled_reports(name, year):
    d = read_document(config.RAW_DIR / name)
    assert d.metadata["report_year"] == year
    assert d.metadata["level"] == ("city" if name.startswith("datong") else "nation")


# --- text files ---------------------------------------------------------------------------------------


def test_gbk_crlf_spaced_title_district(tmp_path):
    text = ("政 府 工 作 报 告\r\n\r\n----2015年2月5日在某某区第十四届人民代表大会第四次会议上\r\n\r\n"
            "某某区人民政府区长\u3000\u3000张某某\r\n\r\n\u3000\u3000各位代表：\r\n"
            "\u3000\u3000一、2014年工作回顾\r\n" + "\u3000\u3000全区地区生产总值完成274.4亿元，同比增长9.1%。\r\n" * 3)
    d = read_document(_write(tmp_path, "r.txt", text.encode("gbk")))
    assert d.encoding == "gb18030"
    assert d.text.splitlines()[0] == "政府工作报告"
    assert "\u3000" not in d.text and "\r" not in d.text
    m = d.metadata
    assert (m["level"], m["place"], m["speaker"], m["report_year"]) == ("county", "某某区", "张某某", 2015)


def test_news_lead_goes_to_front(tmp_path):
    lead = "5月22日上午9时，十三届全国人大三次会议在人民大会堂开幕，听取国务院总理李克强关于政府工作的报告。"
    body = "一、2019年和今年以来工作回顾\n\n去年，我国发展面临诸多困难挑战，国内生产总值增长6.1%。\n\n" * 3
    d = read_document(_write(tmp_path, "r.txt", lead + "\n\n" + body + "二、今年发展主要目标\n\n我代表国务院。"))
    assert d.front == lead and lead not in d.text
    assert d.text.startswith("一、2019年和今年以来工作回顾")
    assert (d.metadata["report_year"], d.metadata["speaker"], d.metadata["level"]) == (2020, "李克强", "nation")


def test_a_dateline_set_apart_before_the_opening_still_gives_place_and_date(tmp_path):
    text = ("(2019年1月12日在某某市第八届人民代表大会第四次会议上)\n□某某市人民政府市长 李 某\n各位代表:\n"
            "现在,我代表市人民政府向大会作工作报告,请予审议。\n一、2018年政府工作回顾\n"
            + "预计地区生产总值突破1500亿元大关,增长9%左右。\n" * 3)
    d = read_document(_write(tmp_path, "r.txt", text))
    assert d.front.startswith("(2019年1月12日") and "某某市人民政府市长" not in d.text
    m = d.metadata
    assert (m["place"], m["level"], m["date"], m["report_year"]) == ("某某市", "city", "2019-01-12", 2019)


def test_wikisource_footer_and_link_breaks(tmp_path):
    text = ("各位代表：\n\n现在，我代表国务院向大会作政府工作报告。\n\n一、1993年工作回顾\n\n"
            "在聽了劉少奇同志\n關於憲法草案的報告\n並進行了三天的討論以後，国内生产总值增长13.4%。\n\n"
            "\n\n\n本作品是中华人民共和国的\n法律\n、\n法规\n，属于\n公有领域\n。\n\n\n\nPublic domain\nPublic domain\nfalse\nfalse")
    d = read_document(_write(tmp_path, "r.txt", text))
    assert "公有领域" not in d.text and "Public domain" not in d.text and "false" not in d.text
    assert "在聽了劉少奇同志關於憲法草案的報告並進行了三天的討論以後" in d.text
    assert d.metadata["report_year"] == 1994


def test_html_fragment_in_text_file(tmp_path):
    text = ('[<div class="conlun2_box_text" id="conlun2_box_text">\n<h4>各位代表：</h4>\n'
            "<p>现在，我代表国务院，向大会作政府工作报告，请予审议，并请全国政协各位委员提出意见。</p>\n"
            "<h5>一、2013年工作回顾</h5>\n"
            + "<p><span class=\"title_sp\">——经济运行稳中向好。</span>国内生产总值达到56.9万亿元，比上年增长7.7%。</p>\n" * 4
            + "<h5 clas=\"title\">二、2014年工作总体部署</h5>\r\n\t\t\u3000\u3000<p>各位代表！</p>\n</div>]")
    d = read_document(_write(tmp_path, "2014.txt", text))
    assert "<" not in d.text and ">" not in d.text
    lines = d.text.splitlines()
    assert "一、2013年工作回顾" in lines and "二、2014年工作总体部署" in lines
    assert "——经济运行稳中向好。国内生产总值达到56.9万亿元，比上年增长7.7%。" in lines
    assert d.metadata["report_year"] == 2014


def test_header_and_body_disagree(tmp_path):
    text = ("政府工作报告\n——2023年3月5日在第十四届全国人民代表大会第一次会议上\n国务院总理 李克强\n\n"
            "各位代表：\n一、2023年工作回顾\n国内生产总值超过126万亿元，增长5.2%。\n"
            "二、2024年经济社会发展总体要求和政策取向\n今年发展主要预期目标是：国内生产总值增长5%左右。\n")
    m = read_document(_write(tmp_path, "r.txt", text)).metadata
    assert (m["report_year"], m["reviewed_year"]) == (2024, 2023)
    assert m["conflicts"] == ["report_year: header 2023, body 2024",
                              "speaker: header 李克强, the 2024 report was delivered by 李强"]
    assert m["speaker"] == "李克强"  # recorded, not replaced: the sidecar is where a user corrects it


def test_years_from_wording_without_headings():
    text = "各位代表：\n现在，我代表国务院作报告。\n" + "一九五三年的工業總産值比一九五二年增長了百分之三十。\n" * 4 + \
        "一九五四年預計工業總産值將比一九五三年增加。\n" * 4
    m = body_metadata(text)
    assert (m["report_year"], m["reviewed_year"], m["level"]) == (1954, 1953, "nation")


# --- saved web pages ----------------------------------------------------------------------------------


def test_saved_national_page():
    d = read_document(FIX / "national_2025_page.html")
    assert d.reader == "html"
    assert not [c for c in CHROME if c in d.text], d.text[:300]
    assert "首页 > 政策" not in d.text and "document.write" not in d.text and "float:left" not in d.text
    m = d.metadata
    assert (m["level"], m["place"], m["report_year"], m["speaker"]) == ("nation", "全国", 2025, "李强")
    assert m["source"] == "新华社" and m["published"] == "2025-03-12" and m["date"] == "2025-03-05"
    assert d.text.splitlines()[2] == "各位代表："
    assert "今年发展主要预期目标是：国内生产总值增长5%左右" in d.text


def test_saved_table_layout_page():
    d = read_document(FIX / "hebei_2026_page.html")
    assert not [c for c in CHROME if c in d.text]
    assert "河北省2025年国民经济和社会发展统计公报" not in d.text
    m = d.metadata
    assert (m["level"], m["place"], m["report_year"], m["source"]) == ("province", "河北省", 2026, "河北日报")


def test_mhtml_page(tmp_path):
    page = (FIX / "national_2025_page.html").read_text(encoding="utf-8")
    import quopri

    body = quopri.encodestring(page.encode("utf-8")).decode("ascii")
    mht = ("From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
           '\ttype="text/html";\r\n\tboundary="----B"\r\n\r\n------B\r\nContent-Type: text/html; charset="utf-8"\r\n'
           "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + body + "\r\n------B--\r\n")
    d = read_document(_write(tmp_path, "page.mhtml", mht.encode("ascii")))
    assert d.reader == "html" and d.metadata["report_year"] == 2025 and "主办单位" not in d.text


# --- tables -------------------------------------------------------------------------------------------


def _csv(rows) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def test_csv_rows_are_reports(tmp_path):
    boiler = "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n"
    text_a = boiler + HEAD + "来源：某某日报\n时间：2024-01-25\n" + BODY + "相关报道："
    text_b = HEAD.replace("某某省", "另一省") + BODY.replace("今年经济", "今年\n主要预期目标\n是：")
    p = _write(tmp_path, "x.csv", _csv([["province", "year", "title", "source_url", "publish_date", "full_text"],
                                         ["某某省", "2024", "2024年某某省政府工作报告", "https://example.org/a", "2024-01-25", text_a],
                                         ["另一省", "2024", "2024年另一省政府工作报告", "https://example.org/b", "2024-01-26", text_b]]))
    docs = read_documents(p)
    assert [d.reader for d in docs] == ["csv", "csv"]
    a, b = docs
    assert a.locators == [(0, {"row": 1})] and b.locators == [(0, {"row": 2})]
    assert not re.search(r"^(下载|打印|全屏|收藏|加大|还原|减小|】|相关报道：)$", a.text, re.M)
    assert "来源：" not in a.text and a.metadata["source"] == "某某日报"
    assert (a.metadata["place"], a.metadata["report_year"], a.metadata["url"]) == ("某某省", 2024, "https://example.org/a")
    assert b.metadata["place"] == "另一省"
    with pytest.raises(ReportError, match="row 1.*row 2"):
        read_document(p)
    assert read_document(p, row=2).metadata["place"] == "另一省"


def test_csv_split_run_ins_rejoined(tmp_path):
    text = HEAD + BODY + "今年经济社会发展的\n主要预期目标\n是：空气中PM\n2.5\n浓度下降5%。\n"
    d = read_document(_write(tmp_path, "x.csv", _csv([["title", "content"], ["报告", text]])))
    assert "今年经济社会发展的主要预期目标是：空气中PM2.5浓度下降5%。" in d.text


def test_xlsx_export(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["标题", "年份", "城市", "正文"])
    wb.active.append(["2024年某某市政府工作报告", 2024, "某某市", HEAD.replace("某某省", "某某市").replace("省长", "市长") + BODY])
    p = tmp_path / "x.xlsx"
    wb.save(p)
    d = read_document(p)
    assert d.reader == "xlsx" and d.metadata["place"] == "某某市" and d.metadata["level"] == "city"


# --- Word ---------------------------------------------------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(paragraphs, table=None) -> bytes:
    def p(text, style=None):
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f"<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"

    body = "".join(p(t, s) for t, s in paragraphs)
    if table:
        body += "<w:tbl>" + "".join("<w:tr>" + "".join(f"<w:tc>{p(c)}</w:tc>" for c in row) + "</w:tr>"
                                    for row in table) + "</w:tbl>"
    styles = (f'<w:styles {_W}><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>'
              f'<w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/></w:style></w:styles>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f"<w:document {_W}><w:body>{body}</w:body></w:document>")
        z.writestr("word/styles.xml", styles)
    return buf.getvalue()


def test_docx_headings_and_tables(tmp_path):
    paras = [("2024年某某市政府工作报告", None), ("来源：某某日报", None), ("各位代表：", None),
             ("2023年工作回顾", "1"), ("\u3000\u3000全市地区生产总值增长5.2%，达到1200亿元。城镇新增就业3.5万人，居民收入增长6%。", None),
             ("主要指标", "2"), ("2024年工作安排", "1"), ("今年主要预期目标是：地区生产总值增长5.5%左右。", None)]
    p = _write(tmp_path, "r.docx", _docx(paras, table=[["指标", "目标"], ["地区生产总值", "增长5.5%左右"]]))
    d = read_document(p)
    lines = d.text.splitlines()
    assert d.reader == "docx"
    assert "# 2023年工作回顾" in lines and "## 主要指标" in lines and "# 2024年工作安排" in lines
    assert "地区生产总值  增长5.5%左右" in lines
    assert d.metadata["source"] == "某某日报" and "来源" not in d.text
    assert (d.metadata["report_year"], d.metadata["level"]) == (2024, "city")


# --- PDF ----------------------------------------------------------------------------------------------


def test_small_pdf_has_pages_and_headings():
    d = read_document(FIX / "small_text.pdf")
    assert d.reader == "pdf" and d.locators[0] == (0, {"page": 1})
    assert "全县地区生产总值增长5.2%，达到120.5亿元。" in d.text
    assert "file://" not in d.text and not re.search(r"\d+/\d+\s*$", d.text)
    assert d.metadata["report_year"] == 2025


# --- bad input ----------------------------------------------------------------------------------------


def test_image_only_pdf():
    with pytest.raises(ReportError, match=r"image_only\.pdf.*no text layer.*OCR"):
        read_documents(FIX / "image_only.pdf")


def test_encrypted_pdf():
    with pytest.raises(ReportError, match=r"encrypted\.pdf.*password.*remove the password"):
        read_documents(FIX / "encrypted.pdf")


def test_truncated_pdf(tmp_path):
    data = (FIX / "small_text.pdf").read_bytes()
    p = _write(tmp_path, "cut.pdf", data[: len(data) // 3])
    with pytest.raises(ReportError, match=r"cut\.pdf.*(truncated|damaged)"):
        read_documents(p)


def test_zip_that_is_not_word(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("report.txt", "政府工作报告")
    with pytest.raises(ReportError, match=r"r\.docx.*not a Word.*report\.txt"):
        read_documents(_write(tmp_path, "r.docx", buf.getvalue()))


def test_html_without_article(tmp_path):
    page = ("<!doctype html><html><head><title>搜索结果</title></head><body><div class='nav'><a href='/'>首页</a></div>"
            "<ul><li><a href='/1'>政府工作报告</a></li><li><a href='/2'>统计公报</a></li></ul></body></html>")
    with pytest.raises(ReportError, match=r"list\.html.*no article text"):
        read_documents(_write(tmp_path, "list.html", page))


def test_csv_without_text_column(tmp_path):
    p = _write(tmp_path, "t.csv", _csv([["province", "year", "title"], ["某某省", "2024", "报告"]]))
    with pytest.raises(ReportError, match=r"t\.csv.*columns seen are 'province', 'year', 'title'"):
        read_documents(p)


# --- import -------------------------------------------------------------------------------------------


def test_import_copies_bytes_and_writes_sidecar(tmp_path):
    src = _write(tmp_path, "某县报告.txt", (HEAD + BODY).encode("gb18030"))
    raw = tmp_path / "raw"
    [got] = import_report(src, name="moumou_2024", raw_dir=raw)
    copy, sidecar = raw / "moumou_2024.txt", raw / "moumou_2024.yaml"
    assert copy.read_bytes() == src.read_bytes()
    meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    assert meta["sha256"] == hashlib.sha256(src.read_bytes()).hexdigest() == got["sha256"]
    assert (meta["source_file"], meta["reader"], meta["encoding"]) == ("某县报告.txt", "text", "gb18030")
    assert (meta["report_year"], meta["level"], meta["place"]) == (2024, "province", "某某省")


def test_import_refuses_to_overwrite(tmp_path):
    src = _write(tmp_path, "r.txt", HEAD + BODY)
    raw = tmp_path / "raw"
    import_report(src, raw_dir=raw)
    before = {p.name: p.read_bytes() for p in raw.iterdir()}
    other = _write(tmp_path / "..", f"{tmp_path.name}_r.txt", HEAD + BODY + "补充。\n")
    with pytest.raises(ReportError, match=r"already exist.*nothing was written.*force"):
        import_report(other, name="r", raw_dir=raw)
    assert {p.name: p.read_bytes() for p in raw.iterdir()} == before
    import_report(other, name="r", raw_dir=raw, force=True)
    assert (raw / "r.txt").read_bytes() == other.read_bytes()
    os.remove(other)


def test_import_of_bad_file_writes_nothing(tmp_path):
    raw = tmp_path / "raw"
    with pytest.raises(ReportError):
        import_report(FIX / "image_only.pdf", raw_dir=raw)
    assert not raw.exists()
