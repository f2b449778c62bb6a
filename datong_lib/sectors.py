"""The sector taxonomy: which sector an indicator, a sentence or a briefing belongs to."""

from __future__ import annotations

import difflib
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from . import config
from .errors import ParameterError

__all__ = ["load_sectors", "sector_names", "check_sector"]

_COLUMNS = ["slug", "name_zh", "name_en", "keywords", "sections"]


@lru_cache(maxsize=8)
def _read(path: Path, mtime: float) -> tuple[dict, ...]:
    # mtime is part of the cache key so an edited taxonomy is read again.
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    if not isinstance(raw, list) or not raw:
        raise ParameterError(f"{path} should hold a list of sectors (slug, name_zh, name_en, keywords, sections).")
    rows = []
    for i, entry in enumerate(raw, 1):
        if not isinstance(entry, dict):
            raise ParameterError(f"{path}: entry {i} is not a mapping; give slug, name_zh, name_en, keywords, sections.")
        missing = [k for k in ("slug", "name_zh", "name_en") if not entry.get(k)]
        if missing:
            raise ParameterError(f"{path}: entry {i} lacks {', '.join(missing)}; every sector needs them.")
        rows.append(
            {
                "slug": str(entry["slug"]),
                "name_zh": str(entry["name_zh"]),
                "name_en": str(entry["name_en"]),
                "keywords": tuple(str(k) for k in entry.get("keywords") or ()),
                "sections": tuple(str(s) for s in entry.get("sections") or ()),
            }
        )
    slugs = [r["slug"] for r in rows]
    dupes = sorted({s for s in slugs if slugs.count(s) > 1})
    if dupes:
        raise ParameterError(f"{path}: sector slugs must be unique; repeated: {', '.join(dupes)}.")
    return tuple(rows)


def _rows(path=None) -> tuple[dict, ...]:
    p = Path(path) if path is not None else config.SECTORS_YAML
    if not p.exists():
        raise ParameterError(f"sector taxonomy not found: {p}; expected a YAML list like data/sectors.yaml.")
    return _read(p.resolve(), p.stat().st_mtime)


def load_sectors(path=None) -> pd.DataFrame:
    """Return the sector taxonomy, one row per sector in the file's order.

    Parameters
    ----------
    path : str or Path, optional
        A taxonomy YAML file; default ``data/sectors.yaml``.

    Returns
    -------
    pandas.DataFrame
        Columns ``slug`` (categorical, in taxonomy order), ``name_zh``, ``name_en``,
        ``keywords`` and ``sections`` (tuples of strings: terms that mark a sentence as
        belonging to the sector, and report section titles that belong to it).

    Examples
    --------
    >>> s = load_sectors()
    >>> s.loc[s.slug == "energy", "name_zh"].item()
    '能源'
    >>> "储能" in s.set_index("slug").at["energy", "keywords"]
    True
    """
    df = pd.DataFrame(list(_rows(path)), columns=_COLUMNS)
    df["slug"] = pd.Categorical(df["slug"], categories=list(df["slug"]), ordered=False)
    return df


def sector_names(path=None) -> list[str]:
    """Return the sector slugs in taxonomy order.

    Examples
    --------
    >>> sector_names()[:3]
    ['macro', 'energy', 'computing']
    """
    return [r["slug"] for r in _rows(path)]


def check_sector(slug: str, path=None) -> str:
    """Return the slug for *slug*, a Chinese or English sector name; raise if unknown.

    Matching ignores case and surrounding spaces, so ``" Energy "``, ``"能源"`` and
    ``"energy"`` all give ``"energy"``.

    Raises
    ------
    ParameterError
        For an unknown sector; the message lists the known slugs and the closest one.

    Examples
    --------
    >>> check_sector("能源"), check_sector("Energy")
    ('energy', 'energy')
    >>> check_sector("enrgy")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    datong_lib.errors.ParameterError: unknown sector 'enrgy' (did you mean 'energy'?); known: macro, energy, ...
    """
    rows = _rows(path)
    key = str(slug).strip()
    for r in rows:
        if key.lower() in (r["slug"].lower(), r["name_en"].lower()) or key == r["name_zh"]:
            return r["slug"]
    slugs = [r["slug"] for r in rows]
    close = difflib.get_close_matches(key.lower(), slugs, n=1, cutoff=0.5)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    src = Path(path) if path is not None else config.SECTORS_YAML
    try:
        src = src.resolve().relative_to(config.PROJECT_DIR)
    except ValueError:
        pass
    raise ParameterError(f"unknown sector {slug!r}{hint}; known: {', '.join(slugs)} (see {src})")
