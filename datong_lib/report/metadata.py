"""Detect a report's metadata from its opening lines; read a sidecar that overrides it."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .. import config
from ..errors import ReportError
from ..figures.numerals import MATCH_TABLE

_DATELINE = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?在(.+?)上")
_SPEAKER_BEFORE = re.compile(r"^(\S{2,4}?)在(.+?(?:会议|大会))上作政府工作报告")
_SPEAKER_TITLE = re.compile(
    r"(国务院总理|代理?省长|省长|代理?市长|市长|代?自治区主席|主席|代?区长|区长|代?县长|州长|盟长|旗长)"
    r"[\s\u3000]*([\u4e00-\u9fff]{2,4})$"
)
_TITLE_YEAR = re.compile(r"(\d{4})\s*年?\s*政府工作报告")
_REVIEW = re.compile(r"(\d{4})年(?:工作)?回顾")
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,6}?)(省|市|自治区|县|区)人民政府")
# The place that holds the meeting: 山西省第十四届…, 大同市第十六届…, 广西壮族自治区第十四届…
_MEETING_PLACE = re.compile(
    r"^([\u4e00-\u9fff]{2,12}?(?:省|自治区|市|自治州|州|盟|县|自治县|区|旗))(?=第|[一二三四五六七八九十]+届)"
)
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
# Traditional characters of the opening lines' vocabulary that the extractor's table
# lacks; with it the lines are matched in simplified form, one character for one.
_MATCH = MATCH_TABLE


def _level(meta: dict) -> str | None:
    """Return nation, province, city or county from the meeting, place and speaker."""
    meeting, title, place = meta.get("meeting", ""), meta.get("speaker_title", ""), meta.get("place", "")
    if "全国人民代表大会" in meeting or title == "国务院总理":
        return "nation"
    if place in _MUNICIPALITIES or place.endswith(("省", "自治区")) or title.endswith(("省长", "自治区主席")):
        return "province"
    if place.endswith(("市", "州", "盟")) or meeting.startswith("市") or title.endswith(("市长", "州长", "盟长")):
        return "city"
    if place.endswith(("县", "区", "旗")) or meeting.startswith(("县", "区")) or title.endswith(("县长", "区长", "旗长")):
        return "county"
    return None


def detect_metadata(text: str, blocks) -> dict:
    """Return what the opening lines and headings say about the report.

    Keys (absent when unknown): ``title``, ``level`` (nation, province, city,
    county), ``place`` (全国, 山西省, 大同市…), ``city`` (for a city: 大同),
    ``report_year``, ``reviewed_year``, ``date`` (``2024-01-23``, or ``2024-01``
    when the day is not given), ``meeting``, ``speaker``, ``speaker_title``.
    Traditional-character openings are read too: names, title and meeting keep the
    report's characters, ``speaker_title`` and ``level`` are simplified.

    Examples
    --------
    >>> from datong_lib import load_report
    >>> m = load_report(text="政府工作报告\\n——2024年1月23日在山西省第十四届人民代表大会第二次会议上\\n"
    ...                      "省长 金湘军\\n一、2023年工作回顾\\n全省地区生产总值增长5%。").metadata
    >>> m["level"], m["place"], m["speaker"], m["report_year"], m["reviewed_year"]
    ('province', '山西省', '金湘军', 2024, 2023)
    """
    meta: dict = {}
    originals = [b.text.lstrip("#").strip() for b in blocks[:12]]
    for orig in originals:
        line = orig.translate(_MATCH)  # same length: a span found here is a span of orig
        if "title" not in meta and "政府工作报告" in line and len(line) < 40 and "在" not in line:
            meta["title"] = orig
        m = _TITLE_YEAR.search(line)
        if m and "report_year" not in meta and len(line) < 40:
            meta["report_year"] = int(m.group(1))
        m = _DATELINE.search(line)
        if m and "date" not in meta:
            y, mo, d = m.group(1), m.group(2), m.group(3)
            meta["date"] = f"{int(y):04d}-{int(mo):02d}" + (f"-{int(d):02d}" if d else "")
            meta["meeting"] = orig[m.start(4):m.end(4)]
            meta.setdefault("report_year", int(y))
        m = _SPEAKER_BEFORE.search(line)
        if m and "speaker" not in meta:
            meta["speaker"], meta["meeting"] = orig[m.start(1):m.end(1)], orig[m.start(2):m.end(2)]
        m = _SPEAKER_TITLE.search(line)
        if m and "speaker" not in meta and len(line) < 30:
            meta["speaker_title"], meta["speaker"] = m.group(1), orig[m.start(2):m.end(2)]
    md_titles = [b for b in blocks[:12] if b.kind == "heading" and b.text.startswith("# ")]
    if md_titles and "title" not in meta:
        meta["title"] = md_titles[0].title
    for b in blocks:
        if b.kind == "heading":
            m = _REVIEW.search(b.title.translate(_MATCH))
            if m:
                meta["reviewed_year"] = int(m.group(1))
                break
    if "report_year" not in meta and "reviewed_year" in meta:
        meta["report_year"] = meta["reviewed_year"] + 1
    if "reviewed_year" not in meta and "report_year" in meta:
        meta["reviewed_year"] = meta["report_year"] - 1
    meeting = meta.get("meeting", "")
    m = _MEETING_PLACE.search(meeting.translate(_MATCH))
    if m:
        meta["place"] = meeting[: m.end(1)]
    level = _level({**meta, "meeting": meeting.translate(_MATCH), "place": meta.get("place", "").translate(_MATCH)})
    if level:
        meta["level"] = level
    if level == "nation":
        meta["place"] = "全国"
    m = _PLACE.search(text[:3000].translate(_MATCH))
    if m and "place" not in meta:
        meta["place"] = text[m.start(1):m.end(2)]
    if meta.get("level") == "city" and meta.get("place", "").endswith("市") and len(meta["place"]) > 2:
        meta.setdefault("city", meta["place"][:-1])
    return meta


def sidecar_path(source: Path) -> Path:
    """Return the metadata sidecar beside a report: ``name.yaml`` for ``name.md``."""
    return source.with_suffix(".yaml")


def read_sidecar(source: Path) -> dict:
    """Return the sidecar's metadata, or ``{}`` when there is none."""
    path = sidecar_path(source)
    if not path.exists():
        return {}
    try:
        data = config.read_yaml(path)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ReportError(
            f"metadata sidecar {path} is not valid UTF-8 YAML ({exc}); fix it or delete it."
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ReportError(
            f"metadata sidecar {path} must be a mapping such as `city: 大同`, "
            f"not a {type(data).__name__}."
        )
    return data


def place_of(meta: dict) -> str:
    """Return the place a report speaks for (全国, 山西省, 大同市), or ``''``."""
    return str(meta.get("place") or meta.get("city") or "")


def read_report_document(source, *, row: int | None = None, sidecar_meta: dict | None = None):
    """Return the :class:`~datong_lib.readers.Document` a report file holds; no pandas.

    *row* (else the sidecar's ``row``) picks one report row of a table export.
    """
    from ..readers import read_document

    if row is None and sidecar_meta:
        row = sidecar_meta.get("row")
    try:
        return read_document(source, row=int(row) if row is not None else None)
    except ReportError as exc:
        if row is None and "pass row=N" in str(exc):
            raise ReportError(f"{exc} From the command line: `datong import {source} --row N --name NAME`, "
                              "then build with --report NAME.") from None
        raise


def peek_metadata(source: Path, head_bytes: int = 6000) -> dict:
    """Return a report's metadata from its sidecar, else its opening lines; cheap, no pandas.

    The build calls it for every report an index card names. A PDF, Word file, web
    page or table export without a sidecar is read whole by its reader.
    """
    from .decode import decode_bytes
    from .structure import classify, join_fragments, normalise_lines
    from ..readers.sniff import sniff

    meta = read_sidecar(Path(source))
    if meta.get("report_year"):
        return meta
    head = Path(source).read_bytes()[:head_bytes]
    if sniff(Path(source), head) != "text":
        return {**read_report_document(source, sidecar_meta=meta).metadata, **meta}
    text, _ = decode_bytes(head.rsplit(b"\n", 1)[0], str(source))
    return {**detect_metadata(text, join_fragments(classify(normalise_lines(text)))), **meta}
