"""Build the CJK font bundled in ``datong_lib/fonts/`` from Noto Sans CJK SC.

Matplotlib needs a font with Chinese glyphs, and a fresh Linux, macOS or Windows
machine may have none that matplotlib can find. The package therefore carries a
subset of Noto Sans CJK SC (SIL Open Font License 1.1) that covers:

* ASCII and Latin-1 (digits, Latin letters, ``%``, ``±``, ``·``),
* general punctuation, CJK symbols and punctuation, full-width forms,
* every hanzi of GB2312 (6,763 characters),
* every Han character in ``data/raw/*`` (so each bundled report renders),
* Big5 level 1 (5,401 common traditional characters) unless ``--no-traditional``.

The subset gets its own family name, ``Datong Sans CJK``, so matplotlib never
confuses it with a full Noto Sans CJK installed on the system. Outlines are
converted from CFF to TrueType quadratics because matplotlib's PDF and PS backends
embed TrueType fonts reliably and CFF-based OpenType fonts less so.

Usage (needs ``fonts-noto-cjk`` on Debian/Ubuntu, or ``--source`` pointing at a
``NotoSansCJK-Regular.ttc``/``.otf``)::

    apt-get install -y fonts-noto-cjk
    python scripts/make_cjk_font.py            # Regular, simplified + Big5 level 1
    python scripts/make_cjk_font.py --weights Regular Bold --no-traditional
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parents[1]
FONT_DIR = ROOT / "datong_lib" / "fonts"
RAW_DIR = ROOT / "data" / "raw"
DEBIAN_DIR = Path("/usr/share/fonts/opentype/noto")
SOURCE_FAMILY = "Noto Sans CJK SC"
FAMILY = "Datong Sans CJK"
# Quadratic approximation error in font units (1000 per em); 1.0 is invisible.
MAX_ERR = 1.0

BLOCKS = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 supplement
    (0x2000, 0x206F),  # general punctuation
    (0x2100, 0x214F),  # letterlike symbols (℃, №)
    (0x2160, 0x217F),  # roman numerals
    (0x2190, 0x21FF),  # arrows
    (0x2212, 0x2212),  # minus sign
    (0x2460, 0x24FF),  # enclosed alphanumerics (①)
    (0x25A0, 0x25FF),  # geometric shapes (■ ●)
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
]


def _double_byte(codec: str, lead: range, trail: list[range]) -> set[int]:
    """Return the Han characters a double-byte codec maps from ``lead`` x ``trail``."""
    chars = set()
    for hi in lead:
        for rng in trail:
            for lo in rng:
                try:
                    ch = bytes([hi, lo]).decode(codec)
                except UnicodeDecodeError:
                    continue
                if _is_han(ch):
                    chars.add(ord(ch))
    return chars


def _is_han(ch: str) -> bool:
    cp = ord(ch)
    return 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF


def gb2312_hanzi() -> set[int]:
    """Return GB2312's 6,763 hanzi (rows 16-87)."""
    return _double_byte("gb2312", range(0xB0, 0xF8), [range(0xA1, 0xFF)])


def big5_level1() -> set[int]:
    """Return Big5's 5,401 level-1 (frequently used) hanzi, 0xA440-0xC67E."""
    chars = _double_byte("big5", range(0xA4, 0xC7), [range(0x40, 0x7F), range(0xA1, 0xFF)])
    # Level 1 ends at 0xC67E; 0xC6A1 onwards are symbols and level-2 spill-over.
    return {cp for cp in chars if bytes(chr(cp).encode("big5")) <= b"\xc6\x7e"}


def raw_text_chars() -> set[int]:
    """Return every non-ASCII character in the reports and sidecars under ``data/raw``.

    Reports are read as the library reads them (any encoding, Word, CSV exports), so a
    character that only a GBK or .docx report holds is covered too.
    """
    sys.path.insert(0, str(ROOT))
    from datong_lib.errors import ReportError
    from datong_lib.readers import read_documents

    chars: set[int] = set()
    for path in sorted(RAW_DIR.glob("*")):
        if not path.is_file():
            continue
        try:
            texts = [d.text + (d.front or "") for d in read_documents(path)]
        except ReportError:
            texts = [path.read_text(encoding="utf-8", errors="ignore")]
        chars |= {ord(c) for t in texts for c in t if ord(c) > 0x7F}
    return chars


def codepoints(traditional: bool) -> set[int]:
    cps = {cp for lo, hi in BLOCKS for cp in range(lo, hi + 1)}
    cps |= gb2312_hanzi() | raw_text_chars()
    if traditional:
        cps |= big5_level1()
    return cps


def find_source(weight: str, source: Path | None) -> TTFont:
    """Open the Noto Sans CJK SC face of ``weight`` from a .ttc or .otf."""
    path = source or DEBIAN_DIR / f"NotoSansCJK-{weight}.ttc"
    if not path.exists():
        sys.exit(f"{path} not found: install fonts-noto-cjk or pass --source")
    if path.suffix.lower() == ".ttc":
        for font in TTCollection(str(path)).fonts:
            if font["name"].getDebugName(1) == SOURCE_FAMILY:
                return font
        sys.exit(f"{path} has no face named {SOURCE_FAMILY!r}")
    return TTFont(str(path))


def cff_to_glyf(font: TTFont) -> None:
    """Replace the CFF outlines of ``font`` with TrueType quadratic outlines."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcBBoxes = True


def rename(font: TTFont, weight: str, version: str, subset_note: str) -> None:
    """Give the subset its own family name and record where it came from."""
    name = font["name"]
    full = f"{FAMILY} {weight}" if weight != "Regular" else FAMILY
    ps = f"{FAMILY.replace(' ', '')}-{weight}"
    for rec in list(name.names):
        if rec.nameID in (16, 17, 18, 21, 22):
            name.removeNames(nameID=rec.nameID)
    values = {
        1: FAMILY,
        2: weight,
        3: f"{version};{ps};subset",
        4: full,
        6: ps,
        10: f"Subset of {SOURCE_FAMILY} {weight} {version}: {subset_note}",
    }
    for name_id, value in values.items():
        name.removeNames(nameID=name_id)
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)


def build(weight: str, cps: set[int], source: Path | None, note: str) -> Path:
    font = find_source(weight, source)
    version = re.sub(r";.*", "", font["name"].getDebugName(5) or "")
    opts = subset.Options()
    opts.layout_features = ["kern", "palt", "halt", "locl", "liga", "ccmp", "fwid", "hwid"]
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
    opts.name_languages = [0x409]
    opts.hinting = False
    opts.notdef_outline = True
    opts.desubroutinize = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(cps))
    sub.subset(font)
    cff_to_glyf(font)
    rename(font, weight, version, note)
    FONT_DIR.mkdir(parents=True, exist_ok=True)
    out = FONT_DIR / f"{FAMILY.replace(' ', '')}-{weight}.ttf"
    tmp = out.with_suffix(".ttf.tmp")
    font.save(str(tmp))
    tmp.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--weights", nargs="+", default=["Regular"],
                    help="Regular (default); Bold adds about 6 MB")
    ap.add_argument("--no-traditional", dest="traditional", action="store_false",
                    help="leave out Big5 level-1 traditional characters")
    ap.add_argument("--source", type=Path, help="a .ttc/.otf to subset (one weight only)")
    args = ap.parse_args(argv)
    cps = codepoints(args.traditional)
    han = sum(1 for cp in cps if _is_han(chr(cp)))
    note = ("ASCII, Latin-1, punctuation, CJK symbols, full-width forms, GB2312 hanzi, "
            "Han characters of data/raw" + (", Big5 level 1" if args.traditional else ""))
    print(f"{len(cps)} code points, {han} Han characters "
          f"(GB2312 {len(gb2312_hanzi())}, Big5-1 {len(big5_level1())})")
    for weight in args.weights:
        out = build(weight, cps, args.source, note)
        with TTFont(str(out)) as font:
            covered = len(font.getBestCmap())
        print(f"{out.relative_to(ROOT)}: {out.stat().st_size / 1e6:.2f} MB, "
              f"{covered} code points mapped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
