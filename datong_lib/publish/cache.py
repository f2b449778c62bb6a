"""The inputs hash that decides whether a briefing must be rebuilt.

A briefing's key covers its notebook's code (cell sources and tags, not outputs), its
parameters, everything under ``data/``, the library's own ``*.py`` files, the HTML
templates, and a report file given by path outside ``data/``. Hashing uses only the
standard library so that a build with nothing to do stays well under a second; a file's
hash is remembered between builds by its size, modification time and inode
(:class:`FileHashes`), so an unchanged tree is checked with ``stat`` alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from .. import config

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
_SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints", ".git"}


class FileHashes:
    """sha256 of files, kept in a JSON file between builds and trusted while a file's
    size, modification time (ns) and inode are unchanged, as ``git status`` does.

    A file modified in the last two seconds is hashed but not remembered: a change within
    the file system's timestamp resolution could otherwise keep its old time. A missing
    or unreadable store only means every file is read again.
    """

    RACY_NS = 2_000_000_000

    def __init__(self, path: Path | None = None):
        self.path, self.known, self.changed = path, {}, False
        if path is not None:
            try:
                self.known = json.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.known = {}
            if not isinstance(self.known, dict):
                self.known = {}
        self.seen: dict = {}

    def digest(self, p: Path) -> bytes:
        st = p.stat()
        stamp = [st.st_size, st.st_mtime_ns, st.st_ino]
        key = str(p)
        entry = self.known.get(key)
        if isinstance(entry, list) and len(entry) == 4 and entry[:3] == stamp:
            self.seen[key] = entry
            return bytes.fromhex(entry[3])
        d = hashlib.sha256(p.read_bytes()).digest()
        if st.st_mtime_ns < time.time_ns() - self.RACY_NS:
            self.seen[key], self.changed = stamp + [d.hex()], True
        return d

    def save(self) -> None:
        """Write what this build hashed (files gone since are forgotten), if anything changed
        and the build folder exists."""
        if self.path is None or not (self.changed or set(self.seen) != set(self.known)):
            return
        from .manifest import atomic_write_text

        if not Path(self.path).parent.is_dir():
            return  # a build that ran nothing leaves no build folder behind
        try:
            atomic_write_text(Path(self.path), json.dumps(self.seen, separators=(",", ":")))
            self.known, self.changed = dict(self.seen), False
        except OSError:
            pass  # the next build reads the files again


def _tree_files(root: Path, patterns: tuple[str, ...]) -> list[tuple[str, Path]]:
    """(relative POSIX path, path) of each file under ``root`` matching a pattern, sorted;
    ``os.walk`` rather than ``Path.rglob``, which took most of a no-op build's hashing time."""
    from fnmatch import fnmatch

    out = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in _SKIP_DIRS]
        rel = os.path.relpath(folder, root)
        for name in names:
            if any(fnmatch(name, pat) for pat in patterns):
                path = os.path.join(folder, name)
                if os.path.isfile(path):
                    out.append((name if rel == "." else f"{rel}/{name}".replace(os.sep, "/"), Path(path)))
    return sorted(out)


def _tree_digest(root: Path, patterns: tuple[str, ...], hashes: FileHashes | None = None) -> str:
    h = hashlib.sha256()
    if root.is_dir():
        for rel, p in _tree_files(root, patterns):
            h.update(rel.encode("utf-8") + b"\0")
            h.update(hashes.digest(p) if hashes else hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def library_digest(hashes: FileHashes | None = None) -> str:
    """Hash of ``datong_lib/**/*.py`` and the build templates."""
    lib = _tree_digest(config.PACKAGE_DIR, ("*.py",), hashes)
    tpl = _tree_digest(TEMPLATES_DIR, ("*",), hashes)
    return hashlib.sha256(f"{lib}:{tpl}".encode()).hexdigest()


def data_digest(data_dir: Path, hashes: FileHashes | None = None) -> str:
    """Hash of every file under ``data/`` (names and contents)."""
    return _tree_digest(Path(data_dir), ("*",), hashes)


def notebook_code_digest(nb_json: dict) -> str:
    """Hash of a notebook's cells: type, source and tags; outputs and counts ignored."""
    cells = [
        [c.get("cell_type"), "".join(c.get("source", "")) if isinstance(c.get("source"), list) else c.get("source", ""),
         sorted((c.get("metadata") or {}).get("tags", []))]
        for c in nb_json.get("cells", [])
    ]
    kernel = (nb_json.get("metadata") or {}).get("kernelspec", {}).get("language", "python")
    return hashlib.sha256(json.dumps([kernel, cells], ensure_ascii=False).encode("utf-8")).hexdigest()


def file_digest(path: Path | None) -> str:
    """Hash of one file's bytes and of its metadata sidecar, '' when absent."""
    if path is None:
        return ""
    path = Path(path)
    h = hashlib.sha256()
    for p in dict.fromkeys((path, path.with_suffix(".yaml"))):
        if p.is_file():
            h.update(p.name.encode("utf-8") + b"\0" + p.read_bytes())
    return h.hexdigest()


def report_digest(report_path: Path | None, data_dir: Path) -> str:
    """The report's share of a briefing's key: its bytes and sidecar, '' inside ``data/`` (hashed already)."""
    if report_path is None:
        return ""
    rp = Path(report_path).resolve()
    return "" if rp.is_relative_to(Path(data_dir).resolve()) else file_digest(rp)


def inputs_hash(*, notebook_digest: str, parameters: dict, title: str | None,
                shared_digest: str, report_path: Path | None, data_dir: Path, report_part: str | None = None) -> str:
    """Combine the parts of a briefing's key into one short hex digest.

    ``report_part`` is :func:`report_digest` when the caller has it already.
    """
    if report_part is None:
        report_part = report_digest(report_path, data_dir)
    blob = json.dumps(
        {"nb": notebook_digest, "params": parameters, "title": title,
         "shared": shared_digest, "report": report_part},
        ensure_ascii=False, sort_keys=True, default=str,
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


REPORT_CACHE_DIR = "report-cache"


def report_cache_dir(reports_dir: Path, library: str) -> Path:
    """The folder of parsed-report pickles for this library version; older versions' folders are removed.

    The name covers the library's code (``library``, from :func:`library_digest`), Python's
    version and the versions of pandas and numpy, which pickles depend on.
    """
    import shutil
    import sys
    from importlib.metadata import PackageNotFoundError, version

    parts = [library, sys.version]
    for dist in ("pandas", "numpy"):
        try:
            parts.append(version(dist))
        except PackageNotFoundError:
            parts.append("-")
    root = Path(reports_dir) / "_build" / REPORT_CACHE_DIR
    folder = root / hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:16]
    if root.is_dir():
        for old in root.iterdir():
            if old != folder and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    return folder
