"""CSV and Excel exports of scraped reports: one report per row, its text in one cell."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..report.decode import decode_bytes
from ..errors import ReportError

TEXT_COLUMNS = ("full_text", "fulltext", "content", "text", "body", "正文", "全文", "内容", "报告全文", "报告内容")
# Sibling columns and the metadata key each fills.
SIBLINGS = {
    "title": ("title", "标题", "题目", "报告标题", "name"),
    "year": ("year", "年份", "年度", "report_year"),
    "province": ("province", "省份", "省", "省级"),
    "city": ("city", "城市", "地市", "市"),
    "county": ("county", "district", "区县", "县", "区"),
    "place": ("place", "地区", "region", "area"),
    "date": ("publish_date", "date", "pub_date", "发布日期", "日期", "时间", "发布时间"),
    "url": ("source_url", "url", "link", "链接", "网址", "来源链接"),
    "source": ("source", "来源", "media", "出处"),
    "speaker": ("speaker", "报告人", "作报告人"),
}
_MIN_TEXT = 500  # characters a cell needs to be a report rather than a note


def _norm(h: str) -> str:
    return re.sub(r"\s+", "", str(h or "")).lower().lstrip("\ufeff")


def rows_from_csv(data: bytes, source: str) -> tuple[list[str], list[list[str]], str]:
    """Return ``(header, rows, encoding)`` of a CSV export."""
    text, encoding = decode_bytes(data, source)
    csv.field_size_limit(1 << 30)
    sample = text[:5000]
    delimiter = "\t" if sample.split("\n", 1)[0].count("\t") > sample.split("\n", 1)[0].count(",") else ","
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    rows = [r for r in reader if any(c.strip() for c in r)]
    if not rows:
        raise ReportError(f"{source} is an empty table; give a CSV with a header row and a report text column.")
    return rows[0], rows[1:], encoding


def rows_from_xlsx(path: Path) -> tuple[list[str], list[list[str]], str]:
    """Return ``(header, rows, "utf-8")`` of the first sheet with data of an Excel file."""
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - openpyxl is a declared dependency
        raise ReportError("reading .xlsx needs openpyxl: pip install openpyxl") from None
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        for ws in wb.worksheets:
            rows = [["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)]
            rows = [r for r in rows if any(c.strip() for c in r)]
            if rows:
                return rows[0], rows[1:], "utf-8"
    finally:
        wb.close()
    raise ReportError(f"{path} has no sheet with data; give an Excel file with a header row and a report column.")


def text_column(header: list[str], rows: list[list[str]], source: str) -> int:
    """Return the index of the column that holds the report text."""
    names = [_norm(h) for h in header]
    for want in TEXT_COLUMNS:
        if want in names:
            return names.index(want)
    longest: dict[int, int] = {}
    for r in rows:
        for i, cell in enumerate(r):
            longest[i] = max(longest.get(i, 0), len(cell))
    if longest:
        i = max(longest, key=longest.get)
        if longest[i] >= _MIN_TEXT:
            return i
    raise ReportError(
        f"{source} has no column with report text: columns seen are {', '.join(repr(h) for h in header)}, "
        f"and none is named {'/'.join(TEXT_COLUMNS[:3])}/正文 or holds {_MIN_TEXT}+ characters. "
        "Rename the column that holds the report to full_text."
    )


def row_metadata(header: list[str], row: list[str], skip: int) -> dict:
    """Return the metadata the sibling columns of one row give."""
    names = [_norm(h) for h in header]
    meta: dict = {}
    for key, aliases in SIBLINGS.items():
        for alias in aliases:
            if alias in names:
                i = names.index(alias)
                if i != skip and i < len(row) and row[i].strip():
                    meta[key] = row[i].strip()
                    break
    if "year" in meta:
        m = re.search(r"(1[89]|20)\d{2}", meta["year"])
        if m:
            meta["year"] = int(m.group(0))
        else:
            meta.pop("year")
    if "date" in meta:
        m = re.search(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})", meta["date"])
        if m:
            meta["date"] = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    if "place" not in meta:
        for key in ("county", "city", "province"):
            if key in meta:
                meta["place"] = meta[key]
                break
    return meta
