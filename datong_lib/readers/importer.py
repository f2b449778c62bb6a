"""Bring a published report into the project: the original byte for byte, plus a sidecar.

``data/raw`` keeps files exactly as published; what was detected goes into the YAML
sidecar beside the copy, where a user can correct it (the sidecar overrides detection
when the report is loaded).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

import yaml

from .. import config
from ..errors import ReportError
from . import read_document, read_documents

# Keys written to the sidecar, in this order, when detected.
_KEYS = ("title", "level", "place", "parent", "province", "city", "report_year", "reviewed_year", "date",
         "published", "meeting", "speaker", "speaker_title", "source", "url", "conflicts")


def _slug(name: str) -> str:
    slug = re.sub(r"[^\w\u4e00-\u9fff-]+", "_", name).strip("_")
    if not slug:
        raise ReportError(f"cannot make a report name from {name!r}; pass name='…' (letters, digits, _ and -).")
    return slug


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# The suffix a copy gets when the original's says nothing the loader knows (content decides the reader).
_SUFFIX_OF = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "csv": ".csv", "xlsx": ".xlsx", "text": ".txt"}
_KNOWN = (".md", ".txt", ".markdown", ".pdf", ".docx", ".html", ".htm", ".mhtml", ".mht", ".csv", ".tsv", ".xlsx")


def import_report(path, *, name: str | None = None, force: bool = False, raw_dir=None,
                  row: int | None = None) -> list[dict]:
    """Copy a report file into *raw_dir* and write its metadata sidecar; return what was detected.

    Parameters
    ----------
    path : str or Path
        A report in any format :func:`~datong_lib.readers.read_documents` reads.
    name : str, optional
        The report's name in the project (default: the file's stem). The copy is
        ``<name><suffix>`` and the sidecar ``<name>.yaml``.
    force : bool
        Replace an existing copy and sidecar of that name.
    row : int, optional
        Import one report row of a table export (1-based); the sidecar records it, so
        ``load_report(name)`` reads that row. The default name is then ``<stem>_row<N>``.
    raw_dir : Path, optional
        Where reports live (default ``data/raw`` of the project).

    Returns
    -------
    list of dict
        One dict per report found (several for a table with several report rows):
        ``name``, ``file``, ``sidecar``, ``reader``, ``sha256``, ``chars`` and the
        detected metadata, as written to the sidecar.

    Raises
    ------
    ReportError
        When the file cannot be read as a report, or the copy or sidecar exists and
        *force* is False; nothing is written then.
    """
    src = Path(path).expanduser()
    raw = Path(raw_dir) if raw_dir is not None else config.RAW_DIR
    # Reading fails before anything is written.
    docs = [read_document(src, row=row)] if row is not None else read_documents(src)
    data = src.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    stem = _slug(name or (f"{src.stem}_row{row}" if row is not None else src.stem))
    suffix = src.suffix.lower() if src.suffix.lower() in _KNOWN else _SUFFIX_OF[docs[0].reader]
    dest = raw / f"{stem}{suffix}"
    sidecar = raw / f"{stem}.yaml"
    existing = [p for p in (dest, sidecar) if p.exists()]
    if existing and not force:
        raise ReportError(
            f"{', '.join(str(p) for p in existing)} already exist(s); nothing was written. "
            "Pass force=True (`datong import --force`) to replace, or name=… to import under another name."
        )
    other = [raw / f"{stem}{s}" for s in _KNOWN if s != suffix and (raw / f"{stem}{s}").exists()]
    if other:
        raise ReportError(
            f"a report named {stem!r} already exists as {other[0]}; nothing was written. "
            "Import under another name (name=…, `datong import --name`), or remove that file first."
        )
    results, sidecar_doc = [], {}
    for doc in docs:
        meta = {k: doc.metadata[k] for k in _KEYS if k in doc.metadata}
        entry = {**meta, "reader": doc.reader, "encoding": doc.encoding, "chars": len(doc.text)}
        if "row" in doc.metadata:
            entry["row"] = doc.metadata["row"]
        results.append(entry)
    if len(docs) == 1:
        sidecar_doc = {k: v for k, v in results[0].items() if k not in ("chars",)}
    else:
        sidecar_doc = {"reports": [{k: v for k, v in r.items() if k != "chars"} for r in results]}
    sidecar_doc.update({"source_file": src.name, "sha256": digest})
    raw.mkdir(parents=True, exist_ok=True)
    header = (f"# Metadata for {dest.name}, detected on import from {src.name}.\n"
              "# Correct anything wrong here: these values override what load_report detects.\n")
    text = header + yaml.safe_dump(sidecar_doc, allow_unicode=True, sort_keys=False)
    _write_atomic(dest, data)
    _write_atomic(sidecar, text.encode("utf-8"))
    for r in results:
        r.update({"name": stem, "file": str(dest), "sidecar": str(sidecar), "sha256": digest})
    return results


__all__ = ["import_report"]
