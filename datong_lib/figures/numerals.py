"""Number and unit vocabulary for the indicator extractor.

Everything here works on a *matching copy* of the report text. It is made in two
steps:

1. ``text.translate(MATCH_TABLE)``: traditional characters become simplified and
   full-width digits and signs ASCII, one character for one character, so an offset
   in this copy is an offset in ``report.text``;
2. :func:`compact` deletes the spaces a PDF or web extraction put inside numbers
   (``7 4 7 7 2 亿元``, ``增长8 ．8 ％``, ``1 9 9 3 年``). It returns the compacted
   copy and an *offset map* ``pos`` (``None`` when nothing was deleted) with
   ``pos[i]`` the offset in ``report.text`` of character ``i`` of the copy. A span
   ``(a, b)`` of the copy is ``(pos[a], pos[b - 1] + 1)`` in the report, see
   :func:`to_original`, so ``report.text[start:end]`` gives back the figure as
   published (``8 ．8 ％``).
"""

from __future__ import annotations

import re

# One-to-one character maps keep offsets stable.
_TRAD = (
    "億萬個噸畝項張戶臺輛條數點長約餘兩內達將較實現總產額區國務業漲價費經濟過設標連豐續"
    "門單場車貿鐵電萬歲農鄉鎮縣級資與並幣資為進從於減降擴裡裏處號層機構廠礦糧棉醫學藥"
    "調規預財會廣貨記報議屆顧發東開關們這對來時動環護險買賣貸債稅營銷創種組織權勞問題體衛礎計劃準試驗質線網絡據運輸穩員職應歷統"
)
_SIMP = (
    "亿万个吨亩项张户台辆条数点长约余两内达将较实现总产额区国务业涨价费经济过设标连丰续"
    "门单场车贸铁电万岁农乡镇县级资与并币资为进从于减降扩里里处号层机构厂矿粮棉医学药"
    "调规预财会广货记报议届顾发东开关们这对来时动环护险买卖贷债税营销创种组织权劳问题体卫础计划准试验质线网络据运输稳员职应历统"
)
_WIDE = "０１２３４５６７８９％．－～∶︰／"
_NARROW = "0123456789%.-~::/"
MATCH_TABLE = str.maketrans(_TRAD + _WIDE, _SIMP + _NARROW)

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE = {"万": 10_000, "亿": 100_000_000}
CN_NUM = "[零〇一二两三四五六七八九十百千]+"
#: A Chinese numeral with an optional decimal part: 十三点四.
CN_DEC = "[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"

MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}

# Units after an optional magnitude; longest first so the alternation is greedy.
BASE_UNITS = sorted(
    """千瓦时 千瓦 兆瓦 瓦 元 美元 欧元 吨标准煤 吨 公斤 千克 斤 克 平方公里 平方米 立方米 公顷 亩
    公里 千米 米 人次 剂次 场次 批次 班次 辆次 架次 艘次 车次 户次 标准箱 标箱 人次 人 户 个 家 项 件 张 座 所 套 条 辆 台 架 艘 名 位 批 次 处 宗
    款 部 册 种 类 支 块 头只 只 头 匹 峰 群 对 口 眼 盏 棵 栋 株 篇 场 年 个月 天 小时 岁 倍 列 班 间 床 例 起 桩 公顷 方面 门
    微克/立方米 毫克/立方米 元/吨 元/平方米 元/人 公里/小时""".split(),
    key=len,
    reverse=True,
)
# Units that count discrete things (metric "count"); people and money are levels.
COUNT_UNITS = frozenset("个 家 项 件 张 座 所 套 条 辆 台 架 艘 名 位 批 次 处 宗 款 部 册 种 类 支 块 头只 只 头 匹 峰 群 对 口 眼 盏 棵 栋 株 篇 场 列 班 间 例 起 桩 户 剂次 场次 批次 班次 方面".split())

NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
UNIT_RE = re.compile(
    r"(?P<more1>多|余)?(?P<mag>万亿|亿|万|千|百)?(?P<more2>多|余)?(?:(?<=[多余])(?P<mag2>亿|万)(?=[\u4e00-\u9fff%]))?"
    r"(?P<base>个百分点|百分点|%|‰|" + "|".join(map(re.escape, BASE_UNITS)) + ")?"
)


def cn_to_number(s: str) -> float:
    """Return the value of a Chinese numeral such as ``十五``, ``二十三`` or ``一百``.

    Examples
    --------
    >>> cn_to_number("十五"), cn_to_number("二十"), cn_to_number("一百零八"), cn_to_number("两")
    (15.0, 20.0, 108.0, 2.0)
    >>> cn_to_number("十三点四"), cn_to_number("两千"), cn_to_number("一九九三")
    (13.4, 2000.0, 1993.0)
    """
    if s.isdigit():
        return float(s)
    if "点" in s:
        whole, frac = s.split("点", 1)
        return cn_to_number(whole) + float("0." + "".join(str(CN_DIGITS[c]) for c in frac if c in CN_DIGITS) or 0)
    if len(s) > 1 and all(c in CN_DIGITS for c in s):
        return float("".join(str(CN_DIGITS[c]) for c in s))  # 一九九三
    total, section, digit = 0, 0, 0
    for ch in s:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (digit or 1) * _CN_SMALL[ch]
            digit = 0
        elif ch in _CN_LARGE:
            total += (section + digit) * _CN_LARGE[ch]
            section, digit = 0, 0
    return float(total + section + digit)


def parse_number(s: str) -> float:
    """Return the float value of an Arabic (``1,755.5``) or Chinese (``十五``) numeral.

    Examples
    --------
    >>> parse_number("1,755.5"), parse_number("十五")
    (1755.5, 15.0)
    """
    if s and (s[0].isdigit()):
        return float(s.replace(",", ""))
    return cn_to_number(s)


def split_unit(unit: str) -> tuple[float, str]:
    """Return the multiplier and the base unit of a unit as written.

    Examples
    --------
    >>> split_unit("万千瓦"), split_unit("亿元"), split_unit("万亿元"), split_unit("%")
    ((10000.0, '千瓦'), (100000000.0, '元'), (1000000000000.0, '元'), (1.0, '%'))
    """
    for mag in ("万亿", "亿", "万"):
        if unit.startswith(mag):
            return MAGNITUDES[mag], unit[len(mag):]
    if unit.startswith(("千", "百")) and unit[1:] and unit not in BASE_UNITS:
        return MAGNITUDES[unit[0]], unit[1:]
    return 1.0, unit


_ZH_DIGITS = "零一二三四五六七八九"


def zh_number(n: int) -> str:
    """Return 1–99 in Chinese numerals (第一, 十五连丰); other numbers as digits.

    Examples
    --------
    >>> zh_number(1), zh_number(10), zh_number(15), zh_number(20), zh_number(99), zh_number(120)
    ('一', '十', '十五', '二十', '九十九', '120')
    >>> all(cn_to_number(zh_number(n)) == n for n in range(1, 100))
    True
    """
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _ZH_DIGITS[tens]) + "十" if tens else "") + (_ZH_DIGITS[ones] if ones else "")


# Spaces inside a number: after a digit or point, before a digit, point, percent
# sign or a CJK character (a unit or 年); and spaces a copied PDF leaves between
# Chinese characters (预 计 分别 增 长 5.8%), which Chinese prose never has.
_INNER_SPACE = re.compile(r"(?<=[\d.])[ \u3000\u00a0\u2002\u2009]+(?=[\d.%‰\u4e00-\u9fff])"
                          r"|(?<=[%‰\u4e00-\u9fff，、；：])[ \u3000\u00a0\u2002\u2009]+(?=[\d\u4e00-\u9fff，、；：])"
                          # 生产总值（预计，下同）、财政总收入…: a note inside a list of names
                          r"|[(（](?:预计数?|初步统计|初步核算)?[，,、]?下同[)）]")


def compact(m: str):
    """Return *m* without the spaces inside numbers, and the offset map (``None`` if none).

    Linear in the length of *m*.

    Examples
    --------
    >>> c, pos = compact("增长8 .8 %，1 9 9 3 年")
    >>> c, to_original(pos, 2, 6)
    ('增长8.8%，1993年', (2, 8))
    >>> compact("增长8.8%")
    ('增长8.8%', None)
    """
    cuts = [x.span() for x in _INNER_SPACE.finditer(m)]
    if not cuts:
        return m, None
    parts, pos, last = [], [], 0
    for a, b in cuts:
        parts.append(m[last:a])
        pos.extend(range(last, a))
        last = b
    parts.append(m[last:])
    pos.extend(range(last, len(m)))
    pos.append(len(m))  # one past the end maps to the end
    return "".join(parts), pos


def to_original(pos, a: int, b: int) -> tuple[int, int]:
    """Return the report offsets of span ``(a, b)`` of the compacted copy."""
    if pos is None:
        return a, b
    return pos[a], (pos[b - 1] + 1 if b > a else pos[a])
