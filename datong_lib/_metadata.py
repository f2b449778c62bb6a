"""Detect a report's metadata from its opening lines; read a sidecar that overrides it."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import ReportError

_DATELINE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日在(.+?)上")
_SPEAKER_BEFORE = re.compile(r"^(\S{2,4}?)在(.+?(?:会议|大会))上作政府工作报告")
_SPEAKER_TITLE = re.compile(
    r"(国务院总理|代理?省长|省长|代理?市长|市长|自治区主席|主席|区长|县长|州长|盟长)[\s\u3000]*([\u4e00-\u9fff]{2,4})$"
)
_TITLE_YEAR = re.compile(r"(\d{4})\s*年?\s*政府工作报告")
_REVIEW = re.compile(r"(\d{4})年(?:工作)?回顾")
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,6}?)(省|市|自治区|县|区)人民政府")


def detect_metadata(text: str, blocks) -> dict:
    """Return what the opening lines and headings say about the report.

    Keys (absent when unknown): ``title``, ``level`` (nation, province, city),
    ``place``, ``city``, ``report_year``, ``reviewed_year``, ``date``, ``meeting``,
    ``speaker``, ``speaker_title``.
    """
    meta: dict = {}
    head = [b.text.lstrip("#").strip() for b in blocks[:12]]
    for line in head:
        if "title" not in meta and "政府工作报告" in line and len(line) < 40 and "在" not in line:
            meta["title"] = line
        m = _TITLE_YEAR.search(line)
        if m and "report_year" not in meta and len(line) < 40:
            meta["report_year"] = int(m.group(1))
        m = _DATELINE.search(line)
        if m and "date" not in meta:
            y, mo, d, meeting = m.groups()
            meta["date"] = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
            meta["meeting"] = meeting
            meta.setdefault("report_year", int(y))
        m = _SPEAKER_BEFORE.search(line)
        if m and "speaker" not in meta:
            meta["speaker"], meta["meeting"] = m.group(1), m.group(2)
        m = _SPEAKER_TITLE.search(line)
        if m and "speaker" not in meta and len(line) < 30:
            meta["speaker_title"], meta["speaker"] = m.group(1), m.group(2)
    md_titles = [b for b in blocks[:12] if b.kind == "heading" and b.text.startswith("# ")]
    if md_titles and "title" not in meta:
        meta["title"] = md_titles[0].title
    for b in blocks:
        if b.kind == "heading":
            m = _REVIEW.search(b.title)
            if m:
                meta["reviewed_year"] = int(m.group(1))
                break
    if "report_year" not in meta and "reviewed_year" in meta:
        meta["report_year"] = meta["reviewed_year"] + 1
    if "reviewed_year" not in meta and "report_year" in meta:
        meta["reviewed_year"] = meta["report_year"] - 1
    meeting = meta.get("meeting", "")
    if "全国人民代表大会" in meeting or meta.get("speaker_title") == "国务院总理":
        meta["level"], meta["place"] = "nation", "全国"
    elif re.search(r"省|自治区", meeting) or meta.get("speaker_title", "").endswith("省长"):
        meta["level"] = "province"
    elif meeting.startswith("市") or meta.get("speaker_title", "").endswith("市长"):
        meta["level"] = "city"
    m = _PLACE.search(text[:3000])
    if m and "place" not in meta:
        meta["place"] = m.group(1) + m.group(2)
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
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
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
