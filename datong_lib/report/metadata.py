"""A report's sidecar (``name.yaml`` beside ``name.md``), which overrides what is detected,
and a cheap look at any report's metadata for the build.

What the text itself says (years, level, place, speaker, conflicts between header and
body) is read in one place, :mod:`datong_lib.readers.meta`.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .. import config
from ..errors import ReportError

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
    from ..readers.meta import body_metadata, merge_metadata
    from ..readers.sniff import sniff

    meta = read_sidecar(Path(source))
    if meta.get("report_year"):
        return meta
    head = Path(source).read_bytes()[:head_bytes]
    if sniff(Path(source), head) != "text":
        return {**read_report_document(source, sidecar_meta=meta).metadata, **meta}
    text, _ = decode_bytes(head.rsplit(b"\n", 1)[0], str(source))
    return {**merge_metadata({}, body_metadata(text)), **meta}
