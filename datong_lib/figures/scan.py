"""Find the figures of a matching copy: spans, values and units, before any context.

Each finder returns dicts with ``start``, ``end``, ``value``, ``value_high``,
``unit`` and, when the form itself says it, ``metric``, ``base`` (value and unit
after conversion), ``suffix`` (a qualifier word written after the figure) and
``subjects`` (names given by the form, as in a ratio of the three sectors).
Offsets are offsets of the copy, see :mod:`datong_lib.figures.numerals`.
"""

from __future__ import annotations

import bisect
import math
import re

from .numerals import CN_DEC, CN_NUM, NUM, UNIT_RE, parse_number

_NUM_RE = re.compile(NUM)
_RANGE_RE = re.compile(r"\s?(?:[-—–~]{1,2}|至|到)\s?(" + NUM + ")")
_RATE_AFTER = re.compile(r"(?:平均)?(?:增长|下降|提高|降低|增加|减少|上涨)了?(?:百分之|[\d一二两三四五六七八九十]+(?:\.\d+)?(?:%|倍|个百分点))")
_SUFFIX_RE = re.compile(r"左右|以上|以下|以内|上下|多")
_SPECIAL_SUFFIX = re.compile(r"多|以上|左右|以内|以下|有余")
SHIELD_RE = re.compile(r"“[^”\n]{1,14}”|《[^》\n]{1,40}》|\"[^\"\n]{1,14}\"")
_SCOPES = r"全国|全省|全市|全区|全自治区|全州|全县|全盟|全旗|全球|世界|亚洲|全国同类城市|同类城市|中部地区|西部地区|华北地区|发展中国家"
_PEERS = (r"(?:各|[\d一二两三四五六七八九十]+个?)?(?:市州|地市|县市区|县[（(]市[、，]?区?[)）]|县市|县区|市县|地级市|省会城市|"
          r"副省级城市|省份|省区|省)")  # 全省市州第二位, 全市6县市第1位, 八县(市)第2位, 各省区第1位: the peers ranked
#: A place named further back in its clause: 位居全国百强县投资潜力第3、新型城镇化质量第4.
_RANK_BACK = re.compile(r"位居|位列|名列|排名|排位|排在|跻身|进入|跃居|稳居|居(?![民住家])")
#: 居内地大中城市第四位, 列内地城市榜首, 稳居南宁市县域第一: peers named by their kind, between the cue and the rank.
_PEER_SCOPE = re.compile(r"(?:位居|位列|名列|稳居|跃居|居|列|排)(?P<ps>[^，,；;。、：:居列排第的]{1,12}?"
                         r"(?:城市|地区|省区|省份|县域|城区|开发区|园区|区县|县区|县市|市县|国家|经济体|中西部|西部|中部|东部|东北))$")
_RISE = r"排名|排位|排|位居|位列|居|名列|上升到|上升至|升至|提升至|提升到|跃居|跃升至|跃升到|提高到|提高至|前移至|保持|稳居|列"
_CN_AMOUNT_UNIT = r"亿元|万元|亿美元|万人次|亿人次|万人|亿人|万吨|亿吨|万户|万亩|亿斤|亿公斤|万千瓦|亿千瓦时|元|人|户|个|家|项|件|所|座|方面"
_SPECIAL_RE = re.compile(
    rf"(?P<scope>{_SCOPES})?(?P<mid>{_PEERS})?(?P<rverb>{_RISE})?第(?P<rank>[一二三四五六七八九十]+|\d+)"
    r"(?:位|名)?(?![届次批代方阵季期号条款章节部个轮年天步阶段一二三四五六七八九十\d])"
    rf"|(?P<sverb>位居|位列|居|保持|稳居)?(?P<sscope>{_SCOPES})首位"
    r"|(?P<bang>榜首)"
    rf"|(?P<tscope>{_SCOPES})?(?:{_PEERS})?(?:前(?P<front>[一二三四五六七八九十]+)(?:位|名|强|甲)"
    r"|(?P<strong>[一二三四五六七八九十]+|\d+)强(?=[，,。；;、]|$))"
    rf"|(?P<streak>{CN_NUM}|\d+)连(?:丰|增|涨|冠|胜|升|降|跌)"
    rf"|连续(?P<streak2>{CN_NUM}|\d+)年"
    r"|翻了?(?P<fan>[一两二三四])番|(?P<fan1>翻番|翻了一番)"
    rf"|(?P<times>[一两二三四五六七八九十]+(?:点[一二三四五六七八九])?)倍"
    rf"|百分之(?P<pct>{CN_DEC})(?:(?:至|到|—|-|~)(?:百分之)?(?P<pct2>{CN_DEC}))?"
    r"|(?P<cnpp>[一两二三四五六七八九十]+(?:点[一二三四五六七八九])?)个百分点"
    rf"|(?P<den>{CN_NUM})分之(?P<numer>{CN_NUM})"
    r"|(?P<cheng>[一二三四五六七八九])成(?P<csuf>以上|左右|多)?"
    r"|(?P<half>一半)"
    rf"|(?P<cnup>上|近)?(?P<cnamt>[零〇一二两三四五六七八九十百千]+)(?P<cnmore>多|余)?"
    rf"(?P<cnunit>{_CN_AMOUNT_UNIT}|万亿|亿|万)"
)
_STEP_UP = tuple("跃迈登站跨踏")
_CLAUSE_END = re.compile(r"[，,；;。！？：:]")
_AREAS = re.compile(r"(?:方面|目标|重点任务|领域)")
_AREAS_BEFORE = re.compile(r"(?:以下|下列|下面|如下)$")
_CHENG_PREFIX = re.compile(r"(?:超过|近|约|占|达|逾|超|将近|接近|达到)$")
_MIXED_RE = re.compile(r"(?P<mag>万)(?P<k>\d)千(?P<more>多|余)?(?!万)|(?P<mag2>亿)(?P<k2>\d)千(?P<more2>多|余)?万")
_TIMES = {"百": 100, "千": 1000, "万": 10000}
_RATIO_RE = re.compile(r"(?P<a>\d+(?:\.\d+)?)(?:\s*:\s*\d+(?:\.\d+)?){2,}")
_SECTORS = ("第一产业比重", "第二产业比重", "第三产业比重")


def _cn_amount(m: str, g: dict, x) -> dict | None:
    """A figure written in Chinese numerals with a magnitude or unit (两千万, 千亿元, 十方面)."""
    num, unit = g["cnamt"], g["cnunit"]
    if m[max(0, x.start() - 1):x.start()] in ("数", "几", "成", "第", "百", "千") or not g["cnup"] and m[
            max(0, x.start() - 1):x.start()] == "上":
        return None  # 数十万, 成千上万: not a figure
    mags = "万亿" if unit.startswith("万亿") else unit[0] if unit[0] in "万亿" else ""
    # The number must carry a ten, hundred or thousand, or be followed by 万/亿; or count the
    # areas of the work announced (重点抓好以下六个方面工作, 实现以下两个目标).
    areas = unit in ("个", "项") and _AREAS.match(m, x.end()) and _AREAS_BEFORE.search(m, max(0, x.start() - 6), x.start())
    if not (set(num) & set("十百千") or mags or areas):
        return None
    if num in ("一", "二", "两") and not mags and not areas:
        return None
    if num.startswith(("十四", "十五", "十三", "十二", "十一")) and num.endswith("五"):
        return None  # 十四五: a plan, not a number
    if not mags and "十" not in num and len(num) < 2 and not areas:
        return None  # 千家万户
    if m.startswith("级", x.end()):
        return None  # 千亿级产业集群: a magnitude as a label
    value = parse_number(num)
    out = {"value": value, "unit": unit, "suffix": g["cnmore"] or ""}
    if g["cnup"] == "上" and m[max(0, x.start() - 1):x.start()] in _STEP_UP:
        out["prefix"], out["after_verb"] = "跃上", True  # 跃上千亿元台阶: the 上 is the verb's
    elif g["cnup"] == "上":
        out["suffix"] = out["suffix"] or "多"  # 上千万: over
    elif g["cnup"] == "近":
        out["prefix"] = "近"
    return out


def _peer_scope(m: str, f: dict) -> None:
    """Take the peers a rank is among into its text and scope when they are named by kind
    (居中西部第1位); the cue verb stays in the words before, which the subject drops."""
    p = _PEER_SCOPE.search(m, max(0, f["start"] - 16), f["start"])
    if p and not f["scope"]:
        f["scope"], f["start"] = p["ps"], p.start("ps")


def special_figures(m: str) -> list[dict]:
    """Return the figures of forms other than an Arabic number with a unit."""
    out = []
    for x in _SPECIAL_RE.finditer(m):
        g = x.groupdict()
        f = {"start": x.start(), "end": x.end(), "value_high": math.nan, "scope": "", "mult": 1.0}
        if g["rank"] or g["front"] or g["strong"]:
            back = m[max(0, x.start() - 80):x.start()]
            back = back[max((k.end() for k in _CLAUSE_END.finditer(back)), default=0):]
            if not (g["scope"] or g["rverb"] or g["tscope"] and g["front"] or _RANK_BACK.search(back)):
                continue  # 世界500强 and 第一年 are names and ordinals, 跻身全国10强 a place
        if g["front"] or g["strong"]:  # 全省市州前三甲, 跻身服务业全国10强: a place in the top group
            f.update(value=parse_number(g["front"] or g["strong"]), unit="位", metric="rank", top=True,
                     scope=g["tscope"] or "")
        elif g["bang"]:
            f.update(value=1.0, unit="位", metric="rank", scope="")
            _peer_scope(m, f)
        elif g["rank"]:
            f.update(value=parse_number(g["rank"]), unit="位", metric="rank", scope=g["scope"] or "")
            if not (g["scope"] or g["rverb"]):  # 投资潜力第3: the place alone, its cue further back
                f["start"] = x.start("mid") if g["mid"] else x.start("rank") - 1
                _peer_scope(m, f)
            elif not g["scope"]:
                f["start"] = x.start("rverb") if g["rverb"] in ("排名", "排位", "排", "位居", "位列", "居", "名列") else x.start() + len(g["rverb"])
        elif g["sscope"]:
            f.update(value=1.0, unit="位", metric="rank", scope=g["sscope"], start=x.start("sscope"))
        elif g["streak"] or g["streak2"]:
            if g["streak2"] and _RATE_AFTER.match(m, x.end()):
                continue  # 连续两年增长百分之十三: the years of the rate, not a streak of its own
            f.update(value=parse_number(g["streak"] or g["streak2"]), unit="年", metric="streak")
        elif g["fan"] or g["fan1"]:
            n = parse_number(g["fan"]) if g["fan"] else 1.0
            f.update(value=n, unit="番", metric="multiple", base=(2.0 ** n, "倍"))
        elif g["times"]:
            f.update(value=parse_number(g["times"]), unit="倍", metric="multiple")
        elif g["pct"]:
            f.update(value=parse_number(g["pct"]), unit="%")
            if g["pct2"]:
                f["value_high"] = parse_number(g["pct2"])
        elif g["cnpp"]:
            f.update(value=parse_number(g["cnpp"]), unit="个百分点", metric="pp")
        elif g["den"]:
            f.update(value=round(100 * parse_number(g["numer"]) / parse_number(g["den"]), 2), unit="%",
                     metric="share")
        elif g["cheng"]:
            if not (g["csuf"] or _CHENG_PREFIX.search(m[max(0, x.start() - 2):x.start()])):
                continue
            f.update(value=parse_number(g["cheng"]), unit="成", metric="share", base=(10 * parse_number(g["cheng"]), "%"))
            if g["csuf"]:
                f["suffix"] = g["csuf"]
        elif g["half"]:
            if m[x.end():x.end() + 1] in ("的", "是") or m[max(0, x.start() - 1):x.start()] in ("另", "各", "一"):
                continue
            f.update(value=50.0, unit="%", metric="share")
        else:
            amount = _cn_amount(m, g, x)
            if amount is None or labels_a_noun(m, x.start(), x.end(), amount["unit"]):
                continue
            f.update(amount, shielded=True)
            if g["cnup"] == "近" or amount.pop("after_verb", False):
                f["start"] = x.start("cnamt")
        if not f.get("suffix"):
            s = _SPECIAL_SUFFIX.match(m, f["end"])
            if s and not (s.group() == "多" and f.get("metric") == "streak"):
                f["suffix"], f["end"] = ("多" if s.group() == "有余" else s.group()), s.end()
        out.append(f)
    return out


def ratio_figures(m: str) -> list[dict]:
    """Return each part of a ratio such as ``三次产业比重为4.0:37.7:58.3`` as a share."""
    out = []
    for x in _RATIO_RE.finditer(m):
        lead = m[max(0, x.start() - 30):x.start()]
        if not re.search(r"比重|结构|比例|之比|比为|构成", lead):
            continue
        parts = [p for p in re.finditer(r"\d+(?:\.\d+)?", x.group())]
        names = list(_SECTORS) if "三次产业" in lead and len(parts) == 3 else None
        for k, p in enumerate(parts):
            f = {"start": x.start() + p.start(), "end": x.start() + p.end(), "value": float(p.group()),
                 "value_high": math.nan, "unit": "", "metric": "share", "scope": ""}
            if names:
                f["fixed_subject"] = names[k]
            out.append(f)
    return out


_CLASS_AFTER = ("千伏", "伏", "英寸", "kV", "KV", "kv")
#: 营业收入超百亿元企业, 超10亿元的县(区), 单项投资5000万元以上工业项目: a condition inside a noun is a label
#: (data/gold/README.md); 14个市县一般预算收入过亿元, a predicate, stays a figure.
_THRESHOLD_BEFORE = re.compile(r"(?:超过?|过|突破|逾)$")
_LABELLED_AFTER = re.compile(r"(?:以上)?的?(?:工业|重点|骨干|龙头|规上)?(?:企业|项目|产业集群|集群|县[（(]|县区|县市|区县|市县|乡镇|园区|城市)")


def labels_a_noun(m: str, start: int, end: int, unit: str) -> bool:
    """True when the amount at ``m[start:end]`` is a threshold that names a kind of thing
    (not a count such as 100个以上项目, nor what a place became: 成为第四个…超千亿的县区)."""
    after = _LABELLED_AFTER.match(m, end)
    if not after or not (unit.endswith("元") or unit in ("万", "亿", "万亿")):
        return False
    if not (_THRESHOLD_BEFORE.search(m, max(0, start - 2), start) or after.group().startswith("以上")):
        return False
    clause = m[max(0, start - 40):start]
    return "成为" not in clause[max((clause.rfind(c) for c in "，,；;。"), default=-1) + 1:]


def arabic_figures(m: str, shields, shield_starts) -> list[dict]:
    """Return every Arabic number with its unit, range end and qualifier suffix; skip years and names."""
    out = []
    for x in _NUM_RE.finditer(m):
        s, e = x.span()
        before = m[s - 1] if s else ""
        if before.isascii() and (before.isalpha() or before in "+.#"):
            continue
        if before == "第":
            continue
        j = bisect.bisect_right(shield_starts, s) - 1
        if j >= 0 and shields[j][1] > s:
            continue
        mixed = _MIXED_RE.match(m, e) if x.group().isdigit() else None
        if mixed:  # 1万6千多户, 1亿3千多万: the thousands are a decimal of the magnitude
            u = UNIT_RE.match(m, mixed.end())
            unit_end, unit = u.end(), (mixed["mag"] or mixed["mag2"]) + (u["base"] or "")
            value = int(x.group()) + int(mixed["k"] or mixed["k2"]) / 10
            more = mixed["more"] or mixed["more2"] or u["more1"] or u["more2"]
        else:
            u = UNIT_RE.match(m, e)
            unit_end = u.end()
            value, more, mag = parse_number(x.group()), u["more1"] or u["more2"], u["mag"] or ""
            if u["mag2"]:  # 4万多亿元 (4万亿 and more), 3千多万元 (3000多万): the larger magnitude is the unit
                value, mag = (value, "万亿") if mag + u["mag2"] == "万亿" else (value * _TIMES.get(mag, 1), u["mag2"])
            unit = mag + (u["base"] or "")
        f = {"start": s, "end": unit_end, "value": value, "value_high": math.nan,
             "unit": unit, "scope": "", "suffix": more or ""}
        r = _RANGE_RE.match(m, unit_end)
        if r:
            u2 = UNIT_RE.match(m, r.end())
            unit2 = (u2["mag"] or "") + (u2["base"] or "")
            if unit2 and (not unit or unit == unit2) and not (u2["base"] or "").endswith("年"):
                f.update(value_high=parse_number(r.group(1)), unit=unit2, end=u2.end())
        nxt = m[f["end"]:f["end"] + 2]
        if f["unit"] in ("", "年") and x.group().isdigit() and 1900 <= int(x.group()) <= 2100:
            continue  # a year, not a figure
        if f["unit"] == "" and nxt[:1].isascii() and nxt[:1].isalpha():
            continue  # part of a name such as 5G
        if m.startswith(_CLASS_AFTER, e) or m.startswith("级", f["end"]) or labels_a_noun(m, s, f["end"], f["unit"]):
            continue  # a class in a name: 500千伏输变电工程, 8英寸晶圆, 100亿级, 6.0级地震 (data/gold/README.md)
        if f["unit"].endswith("年") and nxt[:1] in "来前后内间初底末中度":
            continue  # a time reference (7年来, 3年内)
        suf = _SUFFIX_RE.match(m, f["end"])
        if suf and not (suf.group() == "多" and f["suffix"]):
            f["suffix"] = suf.group()
            f["end"] = suf.end()
        out.append(f)
    return out


def share_units(m: str, figs: list[dict]) -> list[dict]:
    """Give a unit to a figure that shares the next one's (``3.4个、1个百分点``); drop bare numbers."""
    keep = []
    for k, f in enumerate(figs):
        if keep and keep[-1]["end"] > f["start"]:
            continue  # overlaps a figure already taken (连续5年, 第1)
        if "metric" not in f:
            nxt = figs[k + 1] if k + 1 < len(figs) else None
            if nxt and m[f["end"]:nxt["start"]] in ("、", "和", "与", "及", "或", "至") and nxt.get("unit", "").startswith(
                    f["unit"]) and len(nxt.get("unit", "")) > len(f["unit"]):
                f["unit"] = nxt["unit"]
            if not f["unit"] or f["unit"] in ("多", "余"):
                continue
        keep.append(f)
    return keep
