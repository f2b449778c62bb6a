"""``reports/index.html``: every briefing with its sector, status, build time and headlines."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from .cache import TEMPLATES_DIR
from .html import css
from .manifest import atomic_write_text, now_iso

INDEX_NAME = "index.html"


def render_index(manifest: dict, *, reports_dir: Path, sectors: dict[str, dict] | None = None) -> str:
    """Return the index page for the manifest's briefings, grouped by report when several.

    Every text shown comes from notebooks or parameter files and is escaped by Jinja's
    autoescaping.
    """
    import jinja2

    sectors = sectors or {}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR / "site")),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    groups: dict[str, dict] = {}
    counts = {"ok": 0, "failed": 0, "stale": 0}
    # Reading order: by notebook (01_overview, 02_sector_briefing, ...), sectors in the
    # taxonomy's order, then by slug.
    rank = {slug: i for i, slug in enumerate(sectors)}

    def order(kv):
        entry = kv[1]
        return (entry.get("notebook") or "", rank.get(entry.get("sector") or "", len(rank)), kv[0])

    # The report of the unsuffixed briefings (no --report) is the build's own.
    default = next((e.get("report") or "" for s, e in manifest.get("briefings", {}).items()
                    if "--" not in s and e.get("report")), "")
    for slug, entry in sorted(manifest.get("briefings", {}).items(), key=order):
        status = entry.get("status", "failed")
        counts[status] = counts.get(status, 0) + 1
        sector = sectors.get(entry.get("sector") or "", {})
        html_name = f"{slug}.html"
        report = entry.get("report") or ""
        title = entry.get("report_title") if report else "跨报告比较 Comparisons across reports"
        group = groups.setdefault(report, {"report": report, "report_title": title, "briefings": []})
        group["briefings"].append({
            "slug": slug, "title": entry.get("title") or slug, "status": status,
            "built_at": entry.get("good_at") or entry.get("built_at") or "",
            "href": quote(html_name), "has_html": (Path(reports_dir) / html_name).is_file(),
            "sector_zh": sector.get("name_zh"), "sector_en": sector.get("name_en"),
            "headlines": entry.get("headlines") or [],
            **_downloads(slug, reports_dir), "pdf_stale": bool((entry.get("pdf") or {}).get("stale")),
            "error": entry.get("error") if status != "ok" else None,
        })
    # The briefings of the build's own report first, then each other report by file name.
    ordered = sorted(groups.values(), key=lambda g: (g["report"] != default, g["report"] or "\uffff"))
    return env.get_template("index.html.j2").render(
        css=css(), groups=ordered, counts=counts, updated=now_iso())


def _downloads(slug: str, reports_dir: Path) -> dict:
    """Links to the briefing's PDF and data file, for those on disk."""
    return {f"{kind}_href": quote(f"{slug}.{ext}") if (Path(reports_dir) / f"{slug}.{ext}").is_file() else None
            for kind, ext in (("pdf", "pdf"), ("data", "xlsx"))}


def write_index(manifest: dict, *, reports_dir: Path, sectors: dict[str, dict] | None = None) -> Path:
    """Render and atomically write ``reports/index.html``; return its path."""
    path = Path(reports_dir) / INDEX_NAME
    atomic_write_text(path, render_index(manifest, reports_dir=reports_dir, sectors=sectors))
    return path
