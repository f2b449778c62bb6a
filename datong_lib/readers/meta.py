"""What a report's own text says about it: year, reviewed year, level, place, speaker.

Pure functions on text, for reports that arrive without a header or with a wrong one.
The rules follow the genre: a 政府工作报告 opens with a title, a dateline
(``——2024年1月23日在山西省第十四届人民代表大会第二次会议上``) and the speaker, reviews
the past year in its first part (``一、2023年工作回顾``) and sets this year's targets
(``二、2024年经济社会发展总体要求``, ``今年发展主要预期目标是``). Evidence from the
structure of the body outranks the header: when they disagree the body wins and
``conflicts`` records it.

>>> m = body_metadata("政府工作报告\\n——2023年3月5日在第十四届全国人民代表大会第一次会议上\\n"
...                   "国务院总理 李克强\\n各位代表：\\n现在，我代表国务院，向大会报告政府工作。\\n"
...                   "一、2023年工作回顾\\n二、2024年经济社会发展总体要求和政策取向\\n")
>>> m["report_year"], m["reviewed_year"], m["level"], m["place"], m["speaker"]
(2024, 2023, 'nation', '全国', '李克强')
>>> m["conflicts"]  # the speaker came from the same wrong header
['report_year: header 2023, body 2024', 'speaker: header 李克强, the 2024 report was delivered by 李强']
"""

from __future__ import annotations

import re
from collections import Counter

# Traditional forms of the few characters the rules look for (same length, so spans hold).
_TRAD = str.maketrans("國會務議屆區縣報實戰經濟劃計預將較長總",
                      "国会务议届区县报实战经济划计预将较长总")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGIT = str.maketrans("〇零一二三四五六七八九", "00123456789")
_CN_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")
_SPACED_DIGITS = re.compile(r"(?<=\d) (?=\d)|(?<=\d) (?=年)")

_YEAR = re.compile(r"(1[89]\d{2}|20\d{2})\s*年")
_DATELINE = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?\s*在(.{2,40}?(?:会议|大会))上")
_NUMBERED = re.compile(r"^(?:#+\s*)?(?:[一二三四五六七八九十]{1,3}[、，.．]|[（(][一二三四五六七八九十]{1,3}[）)])?\s*")
_REVIEW_WORDS = re.compile(r"回顾|成就|总结|过去")
_PLAN_WORDS = re.compile(r"任务|部署|安排|要求|政策取向|目标|建议|重点|主要工作|基本方针|工作计划")
_SPEAKER = re.compile(
    r"(国务院总理|代理?省长|省长|代理?市长|市长|代?自治区主席|代?主席|代理?区长|区长|代理?县长|县长|代?州长|代?盟长|代?旗长)"
    r"[\s\u3000\u2002]*([\u4e00-\u9fff]{2,4}?)(?=$|作|在|\s|（|\()"
)
_SPEAKER_BEFORE = re.compile(r"^([\u4e00-\u9fff]{2,4})在.{2,30}(?:会议|大会)上作政府工作报告")
_PLACE_MEETING = re.compile(
    r"(?:在)?((?:[\u4e00-\u9fff]{2,10}?(?:省|自治区|市|自治州|州|盟))?[\u4e00-\u9fff]{0,8}?"
    r"(?:省|自治区|市|自治州|州|盟|县|自治县|区|旗))(?=第|[一二三四五六七八九十]+届)"
)
_GOV_OF = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:省|自治区|市|自治州|县|区|旗|盟))人民政府")
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_GENERIC = {"全市", "本市", "城市", "超市", "都市", "上市", "省市", "县市", "市县", "全区", "本区", "城区", "园区",
            "地区", "社区", "景区", "山区", "牧区", "矿区", "新区", "片区", "街区", "县区", "市区", "区县", "全省",
            "本省", "各省", "外省", "全县", "本县", "各市", "各区", "各县", "试验区", "示范区", "开发区", "自贸区"}


def _normal(text: str) -> str:
    """Return *text* with years comparable: ASCII digits, no spaces inside numbers, simplified keys."""
    text = text.translate(_TRAD).translate(_FULLWIDTH)
    text = _CN_YEAR.sub(lambda m: m.group(0).translate(_CN_DIGIT), text)
    return _SPACED_DIGITS.sub("", text)


def _lines(text: str) -> list[str]:
    return [l.strip() for l in text.splitlines() if l.strip()]


def _headings(lines: list[str]) -> list[str]:
    out = []
    for l in lines:
        core = _NUMBERED.sub("", l, count=1)
        numbered = core != l
        if len(core) <= 45 and (numbered or not re.search(r"[。！？；，]", core)):
            out.append(core)
    return out


def header_metadata(text: str) -> dict:
    """Return what the opening lines say: title, date, meeting, header year, speaker."""
    meta: dict = {}
    head = _lines(text)[:12]
    for raw in head:
        line = _normal(raw)
        # Names keep the report's characters (traditional too) when the spans line up.
        orig = raw if len(raw) == len(line) else line
        if "title" not in meta and "政府工作报告" in line and len(line) <= 40 and "在" not in line:
            meta["title"] = raw.lstrip("# ")
            m = _YEAR.search(line)
            if m:
                meta["title_year"] = int(m.group(1))
        m = _DATELINE.search(line)
        if m and "date" not in meta:
            y, mo, d = m.group(1), m.group(2), m.group(3)
            meta["date"] = f"{int(y):04d}-{int(mo):02d}" + (f"-{int(d):02d}" if d else "")
            meta["meeting"] = orig[m.start(4):m.end(4)]
            meta["header_year"] = int(y)
        if "speaker" not in meta:
            m = _SPEAKER_BEFORE.search(line)
            if m:
                meta["speaker"] = orig[m.start(1):m.end(1)]
                meta["meeting"] = meta.get("meeting") or re.search(r"在(.+?)上", orig).group(1)
            else:
                m = _SPEAKER.search(line)
                if m and (len(line) <= 80 or m.end() >= len(line) - 2):
                    meta["speaker_title"], meta["speaker"] = m.group(1), orig[m.start(2):m.end(2)]
    return meta


def body_years(text: str) -> dict:
    """Return ``report_year`` and ``reviewed_year`` from the body's structure and wording."""
    lines = [_normal(l) for l in _lines(text)]
    review = plan = None
    for h in _headings(lines):
        years = [int(y) for y in _YEAR.findall(h)]
        if not years:
            continue
        if _REVIEW_WORDS.search(h):
            review = review or min(years)
            later = [y for y in years if y > min(years)]
            if later and plan is None:
                plan = later[0]
        elif _PLAN_WORDS.search(h) and plan is None:
            plan = years[0]
    out = {}
    if plan:
        out["report_year"] = plan
        out["reviewed_year"] = review if review and review < plan else plan - 1
    elif review:
        out["reviewed_year"], out["report_year"] = review, review + 1
    if out:
        out["year_from"] = "headings"
    return out


def _fallback_years(text: str) -> dict:
    """Return years from how sentences use them: planned (预计, 计划, 要) versus achieved."""
    counts, plans, actuals = Counter(), Counter(), Counter()
    for sent in re.split(r"[。！？；\n]", _normal(text)):
        ys = {int(y) for y in _YEAR.findall(sent)}
        for y in ys:
            counts[y] += 1
            if re.search(r"预计|计划|预期|将|目标|要", sent):
                plans[y] += 1
            if re.search(r"达到|增长|完成|增加|实现|比上年|超过", sent):
                actuals[y] += 1
    frequent = [y for y, n in counts.items() if n >= 3]
    if not frequent:
        return {}
    achieved = [y for y in frequent if actuals[y] > plans[y]]
    last_actual = max(achieved) if achieved else max(frequent)
    planned = [y for y in frequent if plans[y] >= actuals[y] and y == last_actual + 1]
    if planned:
        return {"report_year": planned[0], "reviewed_year": last_actual, "year_from": "wording"}
    return {"report_year": last_actual + 1, "reviewed_year": last_actual, "year_from": "wording"}


def level_and_place(text: str, header: dict | None = None) -> dict:
    """Return ``level`` (nation, province, city, county) and ``place`` from the text."""
    header = header if header is not None else header_metadata(text)
    norm = _normal(text[:4000])
    meeting = _normal(header.get("meeting", ""))
    title = header.get("speaker_title", "")
    out: dict = {}
    if "全国人民代表大会" in meeting or title == "国务院总理" or re.search(r"我代表(?:国务院|中央人民政府)", norm):
        return {"level": "nation", "place": "全国"}
    m = _PLACE_MEETING.search(meeting)
    place = m.group(1) if m and len(m.group(1)) >= 3 and m.group(1) not in _GENERIC else None
    if not place:
        m = re.search(r"(?:\d{4}年)?([\u4e00-\u9fff]{2,10}?(?:省|自治区|市|自治州|州|盟|县|区|旗))(?:人民)?政府工作报告",
                      _normal(header.get("title", "")))
        place = m.group(1) if m and m.group(1) not in _GENERIC else None
    if not place:
        cands = [p for p in _GOV_OF.findall(norm[:1500]) if p not in _GENERIC and not p.startswith(("我", "代表", "各"))]
        place = cands[0] if cands else None
    if place:
        # 呼伦贝尔市海拉尔区 → the district is the place, the city its parent
        parts = re.findall(r".+?(?:自治区|自治州|自治县|省|市|州|盟|县|区|旗)", place)
        if len(parts) > 1:
            out["parent"] = "".join(parts[:-1])
            place = parts[-1]
        out["place"] = place
    level = None
    if place:
        if place in _MUNICIPALITIES or place.endswith(("省", "自治区")):
            level = "province"
        elif place.endswith(("市", "州", "盟")):
            level = "city"
        elif place.endswith(("县", "区", "旗")):
            level = "county"
    if level is None and title:
        level = ("province" if title.endswith(("省长", "自治区主席")) else "city" if title.endswith(("市长", "州长", "盟长"))
                 else "county" if title.endswith(("县长", "区长", "旗长")) else None)
    if level is None:
        m = re.search(r"我代表(省|自治区|市|州|盟|县|区|旗)(?:人民)?政府", norm)
        kind = m.group(1) if m else (meeting[:1] if meeting[:1] in "省市县区" else None)
        level = {"省": "province", "自治区": "province", "市": "city", "州": "city", "盟": "city",
                 "县": "county", "区": "county", "旗": "county"}.get(kind or "")
    if level is None:
        freq = Counter({k: _normal(text).count(k) for k in ("全省", "全市", "全县", "全区", "全国")})
        best, n = freq.most_common(1)[0]
        if n >= 3:
            level = {"全省": "province", "全市": "city", "全县": "county", "全国": "nation",
                     "全区": "province" if "自治区" in norm else "county"}[best]
    if level:
        out["level"] = level
    if "place" not in out and level == "city":
        names = Counter(n for n in re.findall(r"([\u4e00-\u9fff]{2,3})市", _normal(text)) if n + "市" not in _GENERIC
                        and not n.endswith(("全", "本", "城", "超", "都", "上", "各", "门")))
        if names and names.most_common(1)[0][1] >= 2:
            out["place"] = names.most_common(1)[0][0] + "市"
    if "place" not in out and level in ("city", "county"):
        # "奋力谱写中国式现代化大同篇章": the closing formula of local reports names the place.
        m = _MOTTO.search(_normal(text))
        if m and _normal(text).count(m.group(1)) >= 3:
            out["place"] = m.group(1) + ("市" if level == "city" else "县")
    return out


_MOTTO = re.compile(r"中国式现代化([\u4e00-\u9fff]{2,3}?)(?:篇章|实践|新篇)")
_TITLE_PLACE = re.compile(r"^(?:\d{4}年)?([\u4e00-\u9fff]{2,10}?(?:省|自治区|市|自治州|州|盟|县|区|旗))(?:\d{4}年)?(?:人民)?政府工作报告")
# Who delivered the national report of each year (a March meeting; 2023 was still 李克强's).
_PREMIERS = ((1954, 1954, "周恩来"), (1988, 1998, "李鹏"), (1999, 2003, "朱镕基"), (2004, 2013, "温家宝"), (2014, 2023, "李克强"),
             (2024, 2032, "李强"))


def premier_of(year: int) -> str | None:
    """Return who delivered the national government work report of *year* (1988 on).

    >>> premier_of(2023), premier_of(2024)
    ('李克强', '李强')
    """
    return next((name for a, b, name in _PREMIERS if a <= year <= b), None)


def speaker_in(text: str) -> str | None:
    """Return the name after a speaker's title anywhere in *text* (a news lead, a caption).

    >>> speaker_in("听取国务院总理李克强关于政府工作的报告")
    '李克强'
    """
    m = re.search(r"(?:国务院总理|省长|市长|区长|县长|自治区人民政府主席|自治区主席)([\u4e00-\u9fff]{2,3}?)(?=关于|作|在|所作|，|。)", text)
    return m.group(1) if m else None


def body_metadata(text: str) -> dict:
    """Return the metadata the report's text gives, with header/body conflicts recorded.

    Keys (absent when unknown): ``title``, ``date``, ``meeting``, ``speaker``,
    ``speaker_title``, ``report_year``, ``reviewed_year``, ``level``, ``place``,
    ``parent``, ``year_from`` (headings, wording or header) and ``conflicts``.
    Only the first 200,000 characters are read: a report is rarely a quarter of that.
    """
    text = text[:200_000]
    header = header_metadata(text)
    meta = {k: v for k, v in header.items() if k not in ("title_year", "header_year")}
    years = body_years(text)
    header_year = header.get("header_year") or header.get("title_year")
    if not years and header_year:
        years = {"report_year": header_year, "reviewed_year": header_year - 1, "year_from": "header"}
    if not years:
        years = _fallback_years(text)
    meta.update(years)
    if header_year and years.get("year_from") != "header" and header_year != years.get("report_year"):
        meta.setdefault("conflicts", []).append(f"report_year: header {header_year}, body {years['report_year']}")
    meta.update(level_and_place(text, header))
    premier = premier_of(meta["report_year"]) if meta.get("level") == "nation" and meta.get("report_year") else None
    if premier and not meta.get("speaker"):
        meta["speaker"], meta["speaker_from"] = premier, "premiers"  # the text names no speaker
    elif premier and meta["speaker"] != premier:
        meta.setdefault("conflicts", []).append(
            f"speaker: header {meta['speaker']}, the {meta['report_year']} report was delivered by {premier}")
    return meta


def merge_metadata(container: dict, body: dict) -> dict:
    """Return container metadata (file, CSV columns, page) completed by the body's.

    The body decides ``report_year`` when it has structural evidence (headings or
    wording) and the container's ``year`` disagrees; the disagreement is recorded.
    """
    out = {**body, **{k: v for k, v in container.items() if k not in ("report_year",)}}
    out["conflicts"] = list(body.get("conflicts", []))
    cyear = container.get("report_year") or container.get("year")
    if isinstance(cyear, int):
        if "report_year" not in body or body.get("year_from") == "header":
            out["report_year"] = cyear
            out.setdefault("reviewed_year", cyear - 1)
        elif cyear != body["report_year"]:
            out["conflicts"].append(f"report_year: container {cyear}, body {body['report_year']}")
    if body.get("date") and container.get("date") and body["date"] != container["date"]:
        # the container's date is when the page was published; the dateline's is the meeting
        out["published"], out["date"] = container["date"], body["date"]
    for key in ("level", "place", "speaker"):
        if key in body:
            out[key] = body[key] if key != "place" or "place" not in container else container["place"]
    m = _TITLE_PLACE.search(_normal(str(container.get("title", ""))))
    if m and "place" not in out and m.group(1) not in _GENERIC:
        out["place"] = m.group(1)  # a page or PDF title: 大同市2025年政府工作报告
    if not out["conflicts"]:
        out.pop("conflicts")
    return out
