"""Parsed reports kept as pickles, so the briefings of one build parse each report once.

A build points ``DATONG_REPORT_CACHE`` at a folder named for the library version (see
:func:`datong_lib.publish.cache.report_cache_dir`) and fills it before the kernels run;
:func:`~datong_lib.report.load.load_report` then takes a report from there when the
file's bytes, its sidecar and its path match. The pickle holds the :class:`Report` with
what was computed on it (sections, sentences, figures). A missing, unreadable or foreign
file is ignored and the report is parsed as usual, so the folder is safe to delete.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from .metadata import sidecar_path

ENV = "DATONG_REPORT_CACHE"
FORMAT = 1  # raise when the pickled payload changes shape


def report_key(source: Path, data: bytes) -> str:
    """Hash of the report's path, bytes and sidecar bytes."""
    h = hashlib.sha256(f"{FORMAT}\0{Path(source).resolve()}\0".encode("utf-8"))
    h.update(data)
    side = sidecar_path(Path(source))
    h.update(b"\0" + (side.read_bytes() if side.is_file() else b""))
    return h.hexdigest()[:24]


def lookup(source: Path, data: bytes, folder: str | os.PathLike | None = None):
    """Return the cached :class:`Report` for these bytes, or None."""
    folder = folder or os.environ.get(ENV)
    if not folder:
        return None
    key = report_key(source, data)
    try:
        with open(Path(folder) / f"{key}.pickle", "rb") as fh:
            payload = pickle.load(fh)
    except Exception:  # noqa: BLE001 - absent, half-written or from another version: parse instead
        return None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT or payload.get("key") != key:
        return None
    return payload.get("report")


def store(report, data: bytes, folder: str | os.PathLike) -> Path:
    """Write ``report`` (loaded from ``data``) into ``folder`` atomically; return the file."""
    key = report_key(report.source, data)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{key}.pickle"
    tmp = folder / f".{key}.tmp-{os.getpid()}"
    try:
        with open(tmp, "wb") as fh:
            pickle.dump({"format": FORMAT, "key": key, "report": report}, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
