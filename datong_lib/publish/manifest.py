"""``reports/manifest.json`` and atomic writes into ``reports/``."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

MANIFEST_NAME = "manifest.json"
BUILD_DIR_NAME = "_build"
_TMP_MARK = ".tmp-"

# A briefing's status in the manifest and on the index page: ``ok`` built from the
# current inputs; ``failed`` the last build failed and there is no earlier HTML;
# ``stale`` the HTML on disk is older than the inputs (the last build failed, or the
# briefing was not selected this time).


def _tmp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}{_TMP_MARK}{os.getpid()}")


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp_path(path)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically (temporary file, then rename)."""
    atomic_write_bytes(path, text.encode("utf-8"))


def remove_leftovers(reports_dir: Path) -> list[Path]:
    """Delete temporary files an interrupted build left behind; return what was removed."""
    removed = []
    for folder in (Path(reports_dir), Path(reports_dir) / BUILD_DIR_NAME):
        if not folder.is_dir():
            continue
        for p in folder.iterdir():
            if p.name.startswith(".") and _TMP_MARK in p.name and p.is_file():
                p.unlink(missing_ok=True)
                removed.append(p)
    return removed


def now_iso() -> str:
    """Local time with offset, to the second."""
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def load_manifest(reports_dir: Path) -> dict:
    """Return the manifest (``{"version": 1, "briefings": {slug: entry}}``), empty if absent or unreadable."""
    path = Path(reports_dir) / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict) or not isinstance(data.get("briefings"), dict):
        data = {"version": 1, "briefings": {}}
    return data


def save_manifest(reports_dir: Path, manifest: dict) -> None:
    """Write the manifest atomically, briefings sorted by slug."""
    manifest = dict(manifest)
    manifest["version"] = 1
    manifest["updated"] = now_iso()
    manifest["briefings"] = dict(sorted(manifest.get("briefings", {}).items()))
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False)
    atomic_write_text(Path(reports_dir) / MANIFEST_NAME, text + "\n")
