"""What a build reads before any kernel starts: report titles, sectors, checked report files.

Nothing here imports pandas: a build with nothing to do decides from parameter files,
notebook JSON and file hashes alone.
"""

from __future__ import annotations

from pathlib import Path

from ..report.metadata import peek_metadata, place_of
from .params import Briefing

__all__ = ["sector_rows", "report_title", "title_of", "check_reports", "relative"]


def sector_rows(data_dir: Path) -> dict[str, dict]:
    """Return the taxonomy by slug; empty when it cannot be read (the parameter checks say why)."""
    from ..sectors import _rows

    try:
        return {r["slug"]: r for r in _rows(Path(data_dir) / "sectors.yaml")}
    except Exception:  # a broken taxonomy fails the briefings that name a sector, not the index
        return {}


def report_title(report: Path | None) -> str | None:
    """Return "大同市 2025年政府工作报告：<title>" from the sidecar or the opening lines."""
    if report is None:
        return None
    try:
        meta = peek_metadata(Path(report))
    except Exception:  # an unreadable report fails its own briefing, not the index
        return None
    head = " ".join(x for x in (place_of(meta),
                                f"{meta['report_year']}年政府工作报告" if meta.get("report_year") else "") if x)
    title = meta.get("title") if meta.get("title") and "政府工作报告" not in str(meta.get("title")) else None
    return "：".join(x for x in (head, title) if x) or None


def title_of(b: Briefing, nb_json: dict, sectors: dict) -> str:
    if b.title:
        return b.title
    if b.sector and b.sector in sectors:
        s = sectors[b.sector]
        return f"{s.get('name_zh', '')} {s.get('name_en', '')}".strip()
    from .html import notebook_title

    return notebook_title(nb_json) or b.slug


def check_reports(briefings: list[Briefing], problems: dict[str, str]) -> list[Briefing]:
    """Return the briefings whose report file reads as a report; note the others in ``problems``.

    An empty, blank, binary or undecodable report would fail in every kernel that reads
    it, seconds later and once per briefing; decoding it here costs milliseconds.
    """
    from ..errors import ReportError
    from ..report.decode import read_report_text

    verdict: dict[Path, str | None] = {}
    kept = []
    for b in briefings:
        if b.report is not None and b.report not in verdict:
            try:
                read_report_text(b.report)
                verdict[b.report] = None
            except ReportError as exc:
                verdict[b.report] = f"report file rejected before any kernel started: {exc}"
        message = verdict.get(b.report) if b.report is not None else None
        if message:
            problems[b.slug] = message
        else:
            kept.append(b)
    return kept


def relative(path: Path, base: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(base).resolve()).as_posix()
    except ValueError:
        return str(path)
