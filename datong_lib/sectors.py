"""The sector taxonomy, and the one rule for which sector a text belongs to.

The rule: a text belongs to a sector when it contains one of the sector's keywords
(longest keyword first, so 算力之城 is one match) or lies in one of the sector's own
sections (a part of the section path that starts with one of its ``sections``
titles). Sector briefings, text shares, keyword emphasis and the indicator table all
use it.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import config
from .errors import ParameterError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["load_sectors", "sector_names", "check_sector", "keyword_pattern", "in_sections", "membership",
           "assign_sectors"]

_COLUMNS = ["slug", "name_zh", "name_en", "keywords", "sections"]


@lru_cache(maxsize=8)
def _read(path: Path, mtime: float) -> tuple[dict, ...]:
    # mtime is part of the cache key so an edited taxonomy is read again.
    raw = config.read_yaml(path)
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
    import pandas as pd

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


def keyword_pattern(keywords) -> re.Pattern:
    """Return a pattern matching any of *keywords*, longest first (never matches when empty).

    >>> keyword_pattern(["算力", "算力之城"]).findall("建设算力之城，发展算力")
    ['算力之城', '算力']
    """
    words = sorted({k for k in keywords if k}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else re.compile(r"(?!x)x")


def in_sections(paths: pd.Series, titles) -> pd.Series:
    """Return which section *paths* (``A > B``) lie in a section whose title starts with one of *titles*."""
    import pandas as pd

    titles = [t for t in titles if t]
    if not titles:
        return pd.Series(False, index=paths.index)
    parts = paths.fillna("").str.split(" > ")
    return parts.map(lambda ps: any(p.startswith(t) for p in ps for t in titles))


def _rows_of(sectors) -> list[dict]:
    import pandas as pd

    if sectors is None:
        return [dict(r) for r in _rows()]
    if isinstance(sectors, pd.DataFrame):
        return sectors.to_dict("records")
    if isinstance(sectors, dict):  # {slug: keywords}
        return [{"slug": k, "name_zh": k, "keywords": v, "sections": ()} for k, v in sectors.items()]
    return list(sectors)


def membership(texts: pd.Series, sections: pd.Series | None = None, sectors=None) -> pd.DataFrame:
    """Return one boolean column per sector: does each text belong to it?

    Parameters
    ----------
    texts : Series of str
    sections : Series of str, optional
        Each text's section path; without it only keywords count.
    sectors : DataFrame, dict or list, optional
        Default :func:`load_sectors`; a dict maps a slug to its keywords.

    Examples
    --------
    >>> import pandas as pd
    >>> m = membership(pd.Series(["新增储能装机", "游客增长"]))
    >>> m.loc[0, "energy"], m.loc[1, "tourism"], m.loc[0, "tourism"]
    (True, True, False)
    """
    import pandas as pd

    texts = texts.fillna("").astype(str)
    cols = {}
    for s in _rows_of(sectors):
        hit = texts.str.contains(keyword_pattern(s.get("keywords") or ()))
        if sections is not None and s.get("sections"):
            hit = hit | in_sections(sections, s["sections"]).to_numpy()
        cols[str(s["slug"])] = hit.to_numpy(dtype=bool)
    return pd.DataFrame(cols, index=texts.index)


def assign_sectors(*texts: pd.Series, sectors=None, default: str = "macro") -> list[str]:
    """Return one sector per row: the first sector the first text belongs to, else the next text's.

    Used for figures: the subject decides (国内生产总值 is macro), and the sentence
    when the subject names no sector.

    >>> import pandas as pd
    >>> assign_sectors(pd.Series(["接待游客", ""]), pd.Series(["…", "新增储能100万千瓦"]))
    ['tourism', 'energy']
    """
    import pandas as pd

    out = [None] * (len(texts[0]) if texts else 0)
    for t in texts:
        m = membership(t.reset_index(drop=True), sectors=sectors)
        first = m.idxmax(axis=1).where(m.any(axis=1)) if len(m.columns) else pd.Series([None] * len(m))
        out = [o or (f if isinstance(f, str) else None) for o, f in zip(out, first)]
    return [o or default for o in out]
