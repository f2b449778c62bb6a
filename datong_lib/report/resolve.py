"""Which report file a name or path means: the one resolver the loader, the CLI and the
parameter checks share.

A bare name (``national_2022`` or ``national_2022.txt``) means a report bundled in
``data/raw``; anything else is a path, relative to *base* (the working directory for a
user at the prompt, the project folder for a parameter file).
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from .. import config
from ..errors import ReportError

__all__ = ["REPORT_SUFFIXES", "list_reports", "resolve_report"]

#: File suffixes a report may have: text, PDF, Word, saved web pages and table exports
#: (see :mod:`datong_lib.readers`). data/raw holds nothing else but sidecars and notes.
REPORT_SUFFIXES = (".md", ".txt", ".markdown", ".pdf", ".docx", ".html", ".htm", ".mhtml", ".mht",
                   ".csv", ".tsv", ".xlsx")
#: Files in data/raw that describe the reports rather than being one.
NOT_REPORTS = {"sources.md", "readme.md", "license.md", "notes.md"}


def list_reports(raw_dir=None) -> list[str]:
    """Return the file names of the reports bundled in ``data/raw``.

    >>> "datong_2025_report.md" in list_reports()
    True
    """
    raw = Path(raw_dir or config.RAW_DIR)
    if not raw.is_dir():
        return []
    return sorted(p.name for p in raw.iterdir()
                  if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES and p.name.lower() not in NOT_REPORTS
                  and not p.name.startswith("."))


def resolve_report(value=None, *, raw_dir=None, base=None) -> Path:
    """Return the report file that *value* names.

    Parameters
    ----------
    value : str, Path or None
        ``None`` means the bundled 2025 Datong report; a bare name a report in
        *raw_dir*; anything else a path.
    raw_dir : Path, optional
        The bundled reports (default ``data/raw``).
    base : Path, optional
        Where a relative path starts (default the working directory).

    Raises
    ------
    ReportError
        When nothing matches; the message lists the bundled reports and the closest name.

    Examples
    --------
    >>> resolve_report("national_2016").name
    'national_2016.txt'
    >>> resolve_report("natoinal_2016.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    datong_lib.errors.ReportError: report file not found: natoinal_2016.txt (did you mean 'national_2016.txt'?). ...
    """
    raw = Path(raw_dir or config.RAW_DIR)
    if value is None:
        return config.DEFAULT_REPORT
    if not isinstance(value, (str, os.PathLike)) or not str(value).strip():
        raise ReportError(f"a report must be a file name in {raw} or a path; got {value!r}")
    p = Path(value).expanduser()
    cand = p if p.is_absolute() else Path(base or Path.cwd()) / p
    if cand.is_file() or cand.is_dir():
        return cand  # a folder is refused by the loader with its own message
    if len(p.parts) == 1:
        for name in (p.name, *(p.name + s for s in REPORT_SUFFIXES)):
            if (raw / name).is_file():
                return raw / name
    names = list_reports(raw)
    close = difflib.get_close_matches(p.name, names, n=1, cutoff=0.5)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise ReportError(
        f"report file not found: {value}{hint}. Give a path to a report file, or the name of a "
        f"bundled report in {raw}: {', '.join(names) or '(none)'}."
    )
