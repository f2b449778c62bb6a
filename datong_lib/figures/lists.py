"""Lists of figures with 分别: each figure of the list gets the name of its own item.

``城乡居民人均可支配收入分别增长4.9%、7.3%`` names two incomes, ``医疗器械、钢构网架等行业产值
分别增长…`` one output per industry, ``金融机构存、贷款余额分别…`` a deposit and a loan
balance; a second list right after (``分别达到36.5亿元、24.2亿元，增长13.4%、16.5%``)
keeps the names.
"""

from __future__ import annotations

import bisect
import re

from .subject import ETC, clean_subject

__all__ = ["distribute"]

_TOPIC_END = re.compile(r"近年来|首次|出现|双双|(?<!人)均|都|同比|继续|持续|不断|实现")  # A、B首次出现双下降
_OWN_MEASURE = re.compile(r"(?:播种面积|种植面积|面积|总产量|产量|产值|总额|规模|人数|收入)$")
_ORDINALS = re.compile(r"^(第?)([一二三])[、和与]([一二三])(?:[、和与]([一二三]))?(产业|季度|类)(.*)$")
_MEASURE = re.compile(r"居民人均可支配收入|人均可支配收入|营业收入|增加值|产值|产量|排放量|收入|比重|占比|投资|总额|规模|人均")
_MEASURED = ("量", "率", "额", "耗", "值", "数", "重", "比", "入", "价")  # 用水量、能耗: already a measure
_PAIRED = {("存", "贷"), ("进", "出"), ("出", "进"), ("中", "小"), ("大", "中"), ("收", "支"), ("产", "销")}


def _share_tail(parts: list[str]) -> list[str]:
    """Names for the items of ``A、B、C + measure`` (the last part carries the shared measure noun)."""
    last = parts[-1]
    tail = ""
    mm = next((x for x in _MEASURE.finditer(last) if x.start() >= 2), None)
    if mm:
        tail = last[mm.start():]
    else:
        for p in parts[:-1]:
            for n in range(min(len(p), len(last)) - 1, 1, -1):
                k = last.find(p[-n:])
                if k > 0 and k + n < len(last):
                    tail = last[k + n:]
                    break
            if tail:
                break
    if len(parts) == 2 and len(last) >= 2 and (parts[0][-1], last[0]) in _PAIRED:
        return [parts[0] + last[1:], parts[0][:-1] + last]  # 金融机构存、贷款: 存款 and 贷款
    names = []
    for p in parts[:-1]:
        if p.endswith(_MEASURED) and len(p) >= 2:
            names.append(p)  # 用水量、能耗、二氧化碳排放量: each already a measure
        elif len(p) == 2 and len(last) > 4 and last[:2] != p and not _MEASURE.match(last):
            names.append(p + last[2:])  # 城镇和农村常住居民人均可支配收入: the pair word swaps
        elif tail and not _MEASURE.search(p) and not p.endswith(_MEASURED):
            names.append(p + tail)
        elif len(p) <= 4 and len(last) > len(p) + 1:
            names.append(p + last[len(p):])  # 城镇和农村居民人均可支配收入
        else:
            names.append(p)
    own = _OWN_MEASURE.search(parts[0]) if len(last) <= 3 and _OWN_MEASURE.fullmatch(last) else None
    if own and own.start() >= 2:
        last = parts[0][:own.start()] + last  # 粮食播种面积和产量 → 粮食产量
    return names + [last]


def distribute(rows: list[dict]) -> None:
    """Give each figure of a ``分别`` list its own subject."""
    # Row indices by sentence, so looking back within a sentence does not rescan every
    # earlier row (quadratic on a report of several megabytes).
    by_sent: dict = {}
    for i, r in enumerate(rows):
        by_sent.setdefault(r["sent"], []).append(i)
    for k, f in enumerate(rows):
        clause = f["lead_clause"]
        if "分别" not in clause or f.get("subject_from_prev"):
            continue
        group = [f]
        for g in rows[k + 1:]:
            if g["sent"] == f["sent"] and g.get("subject_from_prev") and g["start"] - group[-1]["end"] <= 1:
                group.append(g)
            else:
                break
        if len(group) < 2:
            continue
        if group[-1].get("suffix") in ("左右", "以上", "以内", "以下") and group[-1]["qualifier"]:
            for g in group[:-1]:  # 分别增长7%和8%左右: the word after the last item applies to every item
                g["qualifier"] = g["qualifier"] or group[-1]["qualifier"]
        raw = clause[:clause.index("分别")]
        head = clean_subject(raw)
        if not head and not re.search(r"\d", f.get("topic_clause", "")):
            topic = _TOPIC_END.split(f.get("topic_clause", ""))[0]
            head = clean_subject(topic)  # A和B，平均每年分别实际增长8%和3.8%
        ords = _ORDINALS.match(head)
        if ords:  # 第一、二、三产业增加值: each ordinal names its own industry
            nums = [x for x in ords.group(2, 3, 4) if x]
            head = "、".join(f"{ords[1]}{n}{ords[5]}{ords[6]}" for n in nums)
        parts = [p for p in head.split("、") if p]  # 信息传输软件和信息技术服务业、租赁和商务服务业: 和 inside names
        if len(parts) != len(group):
            parts = [p for p in re.split(r"[、和与及]", head) if p]
        examples = _examples(raw, len(group))
        if examples:  # 医疗器械、钢构网架等行业产值分别增长…: each example with the class measured
            names = examples
        elif "城乡" in head and len(group) == 2:
            names = [head.replace("城乡", "城镇"), head.replace("城乡", "农村")]
        elif len(parts) == len(group):
            names = _share_tail(parts)
        elif not head:
            same = by_sent[f["sent"]]
            before = [rows[i] for i in same[:bisect.bisect_left(same, k)]][-len(group):]
            names = [r["subject"] for r in before] if len(before) == len(group) else [""] * len(group)
        else:
            names = [head] * len(group)
        for g, name in zip(group, names):
            g["subject"] = name
        nxt = group[-1]
        j = rows.index(nxt) + 1
        more = [g for g in rows[j:j + len(group)] if g["sent"] == f["sent"]]
        if len(more) == len(group) and not clean_subject(more[0]["lead_clause"]) and "分别" not in more[0]["lead_clause"] \
                and all(b.get("subject_from_prev") and b["start"] - a["end"] <= 1 for a, b in zip(more, more[1:])):
            for g, name in zip(more, names):  # 分别达到36.5亿元、24.2亿元，增长13.4%、16.5%: the list goes on
                g["subject"] = name


def _examples(raw: str, n: int) -> list[str]:
    """Return A、B等C as [AC, BC] when it lists *n* examples of one class, else []."""
    etc = None
    for etc in ETC.finditer(raw):  # not the 等 of 中等, 高等, 平等
        pass
    k = etc.start() if etc is not None else -1
    items = [x for x in clean_subject(raw[:k]).split("、") if x] if k > 0 else []
    cls = raw[k + 1:].strip()
    return [x + cls for x in items] if len(items) == n and 2 <= len(cls) <= 8 else []
