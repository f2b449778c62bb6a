"""Find a font that draws Chinese for matplotlib: a system CJK font, else the bundled one.

The bundled font is a subset of Noto Sans CJK SC (SIL Open Font License) in
``datong_lib/fonts``, registered with matplotlib's font manager by file, so charts
render Chinese on a fresh Linux, macOS or Windows machine.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import matplotlib
from matplotlib import font_manager

from ..errors import DatongError

__all__ = ["CJKFontError", "use_cjk_font", "BUNDLED_FAMILY", "SYSTEM_FAMILIES"]

BUNDLED_FAMILY = "Datong Sans CJK"
# Complete system fonts draw every character; the bundled subset is the fallback.
SYSTEM_FAMILIES = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "Source Han Sans CN",
    "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei", "Sarasa Gothic SC",
)
# Glyphs a CJK font lacks (rare symbols) fall back to a Latin font matplotlib ships.
LATIN_FALLBACK = ["DejaVu Sans"]


class CJKFontError(DatongError, RuntimeError):
    """No font that can draw Chinese is available to matplotlib."""


def _bundled_fonts() -> list[Path]:
    folder = files("datong_lib") / "fonts"
    return sorted(Path(str(folder)).glob("*.[ot]tf")) if folder.is_dir() else []


def _system_cjk_family() -> str | None:
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in SYSTEM_FAMILIES if name in installed), None)


def use_cjk_font(prefer_system: bool = True) -> str:
    """Make matplotlib draw Chinese and return the CJK font family it will use.

    Registers the bundled font by file (idempotent), puts the chosen CJK family first
    in ``font.family`` and ``font.sans-serif`` with DejaVu Sans behind it for any
    glyph the CJK font lacks, and sets ``axes.unicode_minus`` to False because CJK
    fonts often have no U+2212 minus.

    Parameters
    ----------
    prefer_system : bool, default True
        Use an installed Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft
        YaHei or WenQuanYi font when present; False always uses the bundled subset.

    Returns
    -------
    str
        The font family name, e.g. ``'Datong Sans CJK'``.

    Raises
    ------
    CJKFontError
        When neither a system CJK font nor the bundled font can be found.

    Examples
    --------
    >>> use_cjk_font(prefer_system=False)
    'Datong Sans CJK'
    >>> matplotlib.rcParams["font.family"][0]
    'Datong Sans CJK'
    """
    family = _system_cjk_family() if prefer_system else None
    if family is None:
        known = {Path(f.fname).resolve() for f in font_manager.fontManager.ttflist}
        for path in _bundled_fonts():
            if path.resolve() not in known:
                font_manager.fontManager.addfont(str(path))
        if any(f.name == BUNDLED_FAMILY for f in font_manager.fontManager.ttflist):
            family = BUNDLED_FAMILY
    if family is None:
        raise CJKFontError(
            "no font that can draw Chinese was found: the bundled "
            f"datong_lib/fonts/*.ttf is missing and none of {', '.join(SYSTEM_FAMILIES)} "
            "is installed; reinstall datong_lib or install one (Debian/Ubuntu: "
            "apt-get install fonts-noto-cjk)"
        )
    rc = matplotlib.rcParams
    rc["font.family"] = [family, *LATIN_FALLBACK]
    rc["font.sans-serif"] = [family, *LATIN_FALLBACK] + [
        f for f in rc["font.sans-serif"] if f not in (family, *LATIN_FALLBACK)
    ]
    rc["axes.unicode_minus"] = False
    return family
