"""Decode report files explicitly, and refuse rather than guess wrong.

Chinese government files arrive as UTF-8 (with or without a byte-order mark),
GB18030/GBK, occasionally Big5 or UTF-16. Legacy multi-byte encodings decode many
byte strings "successfully" into nonsense, so a candidate is only accepted when the
result reads like Chinese text: few control characters and mostly common Han
characters.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from pathlib import Path

from ..errors import ReportError

#: Encodings tried, in order, when the file has no byte-order mark.
CANDIDATE_ENCODINGS = ("utf-8", "gb18030", "big5")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _is_common_han(ch: str) -> bool:
    # The first level of GB2312 (3,755 characters) and of Big5 (5,401) hold the
    # characters of everyday simplified and traditional writing. Text decoded with
    # the wrong codec lands mostly outside both.
    try:
        b = ch.encode("gb2312")
        if len(b) == 2 and 0xB0 <= b[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b = ch.encode("big5")
        return len(b) == 2 and 0xA4 <= b[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def _plausibility(text: str) -> float:
    """Return a score in [0, 1]: how much *text* looks like real Chinese prose."""
    sample = text[:20000]
    if not sample.strip():
        return 1.0
    # Judge each distinct character once, weighted by how often it occurs.
    counts = Counter(sample)
    bad = sum(
        n
        for ch, n in counts.items()
        if (unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\n\r\t\f")
        or ch == "\ufffd"
    )
    if bad / len(sample) > 0.01:
        return 0.0
    han = {ch: n for ch, n in counts.items() if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"}
    if not han:
        # Plain ASCII or Latin text: not a report, but decoded correctly.
        return 0.5
    common = sum(n for ch, n in han.items() if _is_common_han(ch))
    return common / sum(han.values())


def _utf16_without_bom(data: bytes) -> tuple[float, str, str] | None:
    """Return ``(score, text, encoding)`` of the likelier UTF-16 byte order, or None.

    Without a BOM only the text tells the byte order: Chinese in the right order is
    common Han characters, in the wrong one mostly rare ones, unassigned code points or
    invalid surrogates. Decided on plausibility, not on NUL bytes: a report with hardly
    any ASCII has almost none.
    """
    if len(data) < 2 or len(data) % 2:
        return None
    best = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text) * _written_share(text)
        if best is None or score > best[0]:
            best = (score, text, enc)
    return best


def _written_share(text: str) -> float:
    """The share of *text* in what a Chinese report is written with: Han characters,
    ASCII, CJK and full-width punctuation. Bytes read in the wrong UTF-16 order land
    elsewhere (kana, Hangul, symbols) as often as on Han characters."""
    sample = text[:20000]
    if not sample:
        return 1.0
    ok = sum(1 for ch in sample if ch < "\x7f" or "\u3400" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
             or "\uff01" <= ch <= "\uff5e" or "\u2010" <= ch <= "\u206f" or "\uf900" <= ch <= "\ufaff")
    return ok / len(sample)


def decode_bytes(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a report file.

    Raises
    ------
    ReportError
        When the bytes are empty, binary, or decode in none of the supported
        encodings into plausible Chinese text.

    Examples
    --------
    >>> decode_bytes("增长5.5%左右".encode("gb18030"))
    ('增长5.5%左右', 'gb18030')
    >>> decode_bytes(codecs.BOM_UTF8 + "大同".encode("utf-8"))[1]
    'utf-8-sig'
    """
    if not data:
        raise ReportError(f"{source} is empty (0 bytes); give a report file that holds text.")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise ReportError(
                    f"{source} starts with a {enc} byte-order mark but is not valid {enc} "
                    f"({exc.reason} at byte {exc.start}); re-save it as UTF-8."
                ) from None
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None and utf16[0] >= 0.6:
            return utf16[1], utf16[2]
        raise ReportError(
            f"{source} looks like a binary file (it contains NUL bytes), not a report; "
            "give a .md or .txt file encoded as UTF-8, GB18030/GBK, Big5 or UTF-16."
        )
    tried = []
    best: tuple[float, str, str] | None = None
    for enc in CANDIDATE_ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            tried.append(enc)
            continue
        score = _plausibility(text)
        if enc == "utf-8" and score > 0:
            # Valid UTF-8 of any length is almost never an accident.
            return text, enc
        if score >= 0.9 and (best is None or score > best[0]):
            best = (score, text, enc)
        tried.append(enc)
    if best is None:
        # UTF-16 of Chinese with no ASCII at all has no NUL byte; accept it only when it
        # reads as clearly as the legacy encodings must.
        utf16 = _utf16_without_bom(data)
        if utf16 is not None and utf16[0] >= 0.9:
            best = utf16
    if best is not None:
        return best[1], best[2]
    raise ReportError(
        f"{source} could not be decoded as text: tried {', '.join(CANDIDATE_ENCODINGS)} and "
        "UTF-16 and none gave readable Chinese. Convert the file to UTF-8 "
        "(e.g. `iconv -f <encoding> -t utf-8`) or check that it is a report at all."
    )


_HAN = re.compile(r"[\u3400-\u9fff]")


def check_text(text: str, name: str) -> None:
    """Raise :class:`ReportError` when decoded *text* cannot be a report.

    >>> check_text("增长5%", "r.md")
    >>> check_text(" \\n", "r.md")
    Traceback (most recent call last):
    ...
    datong_lib.errors.ReportError: r.md holds only whitespace; give a report with text.
    """
    if not text.strip():
        raise ReportError(f"{name} holds only whitespace; give a report with text.")
    if not _HAN.search(text):
        raise ReportError(
            f"{name} holds no Chinese text, so it is not a government work report; "
            "check the file (or its encoding)."
        )


def read_report_text(path) -> tuple[str, str]:
    """Return ``(text, encoding)`` of a report file, checked as :func:`check_text` does.

    Cheap (no pandas): the build calls it on every report before any kernel starts.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ReportError(f"{path} is a folder; give a report file inside it.") from None
    except OSError as exc:
        raise ReportError(f"cannot read report file {path}: {exc.strerror or exc}") from None
    text, encoding = decode_bytes(data, str(path))
    check_text(text, str(path))
    return text, encoding
