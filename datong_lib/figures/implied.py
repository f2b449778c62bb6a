"""Subjects a sentence implies: for a figure whose own words name nothing, or only part of it.

Each rule is for a pattern of the genre, tried in this order:

* an attributive figure names the noun it modifies (``首期规模500亿元的浙江社保科创基金``);
* a bare attribute (``产量``, ``存款余额``) takes the topic of the sentence
  (``全国粮食连续四年增产，产量达到…`` → ``全国粮食产量``);
* a determiner (``上述``, ``剩余``) keeps the noun after the figure (``上述2万亿元资金`` →
  ``上述资金``), and a place (``…保护区内``) gives way to it (``保护区内3家企业`` → ``企业``);
* a count takes the noun it classifies after it (``新设12个自贸试验区``), past a figure
  that follows at once (``173户349人稳定脱贫``), through a relative clause to its head
  (``165项各部门实施的审批事项`` → ``审批事项``), stopping before a measure noun
  (``80多种产品产能``); a container noun keeps what it contains (``14个方面的工作``); an
  enumeration ending in ``等`` takes that noun too (``A、B等80多种产品``); so does a count
  after words that end in a verb, ``的``, a field (``新兴产业领域100个省级标杆项目``) or a
  list of names (``绍兴黄酒、金华火腿、西湖龙井茶3个历史经典产业``), and an amount in a
  unit of measure with nothing before it (``11公里污水管网``); the noun ends before a
  figure joined by ``和`` and before what the things do (``高校毕业生在粤就业``);
* an amount the sentence completes as a goal names the goal (``完成7.89亿元政府债务化解目标``);
  an amount of money names the fund after it (``拿出3亿元财政资金``);
* the object the same verb took earlier in the sentence (``发行超长期特别国债……今年先发行1万亿元``);
* the rate of a cut names what is cut (``按不低于5%的幅度压减一般性支出``);
* else the subject of the figure before it (``低于13%左右的预期目标`` too); a rank right after a
  growth rate ranks the rate (``增速``); the first figure of a sentence measures the
  clause before it when that clause is a measure (``新农合参合率再创新高，达到98.5%``).
"""

from __future__ import annotations

import re

from .numerals import COUNT_UNITS, NUM, split_unit
from .subject import clean_subject
from .vocab import AFTER_STOP

_AFTER_STOP = re.compile(rf"[，,；;：:。！？!?（()）、\n]|{AFTER_STOP}|榜单|名单")
_FUND = re.compile(r"^[^，,；;。、“”]{0,10}?(?:(?:奖补|补助|补贴|专项)资金|资金|基金|国债|债券|贷款|补贴|补助|奖补)")
_ATTRIBUTIVE = re.compile(r"^(?:左右|以上)?的(?P<np>[^，,；;。、“”]{2,16})")
#: 按不低于5%的幅度压减一般性支出: the rate of a cut, its object the subject.
_RATE_OF = re.compile(r"^(?:左右|以上)?的(?:幅度|比例)(?P<v>压减|削减|缩减|减少|降低|压缩|提高|增加|上调|下调)(?P<np>[^，,；;。、]{2,14})")
_ATTRIBUTE = re.compile(r"^(?:首期)?(?:规模|总规模|投资|总投资|总额|产量|总产量|总量|总数|余额|存款余额|年末余额)$")
_NOT_NP = re.compile(r"^(?:目标|任务|水平|基础|要求|幅度|速度|增长|规模|大关|关口|成绩)")
_TOPIC = re.compile(r"^(?P<t>[^，,；;。、0-9]{2,14}?)(?:大幅度?|连续|稳步|持续|快速|较快|明显|显著|继续|进一步|不断)?"
                    r"(?:增加|增长|增产|提高|上升|扩大)")
_ECHO_VERBS = "发行|安排|投入|筹集|下达|拨付|发放|筹措"
_ECHO_LEAD = re.compile(rf"^(?:今年|其中|先|再|共|首批|第一批|拟)*(?P<v>{_ECHO_VERBS})$")
_GROWTH_WORDS = ("增速", "增长", "增幅", "增长率", "涨幅")
#: 占地区生产总值的比重: a share of something, stated after the amount it divides.
_SHARE_OF = re.compile(r"^占[^，,；;。]{2,16}?(?:的比重|比重|的比例|比例)?(?=的?$)")
#: Words that point at a noun but name none: the noun after the figure completes them.
_DETERMINER = re.compile(r"^(?:上述|前述|以上|这些|该|此|剩余|其余|其他|另有|另外)$")
#: A place in which things are counted (保护区内3家企业): the things are the subject.
_PLACE = re.compile(r"(?:境内|区内|范围内|市内|县内|内|中)$")
#: A figure right after the figure (173户349人): skipped when looking for the counted noun.
_NEXT_FIGURE = re.compile(rf"^(?:{NUM})(?![A-Za-z])(?:多|余)?(?:万|亿)?[^\d，,；;。、的]{{1,3}}?(?=[\u4e00-\u9fff])")  # not 4S店
#: Classifiers of things (not people): a relative clause before 的 describes the head after it.
_THING = frozenset("项 家 个 件 所 座 条 种 批 类 处 台 辆 架 艘 部 款 套".split())
_RELATIVE = re.compile(r"^[^，,；;。、！？的]{1,20}?的(?P<head>[^，,；;。、！？的]{2,12})")
#: Measure nouns that start the predicate after a counted noun (80多种产品产能全国第一).
_MEASURE_AFTER = re.compile(r"产能|产量|产值|能耗|规模|总量|占比|比重|增速|增长|营业收入|收入|增加值|排放量|浓度|数量"
                            r"|细颗粒物|可吸入颗粒物|二氧化硫|氮氧化物|化学需氧量|氨氮|臭氧|PM")  # 74个重点城市细颗粒物浓度
#: Nouns that only frame what they contain (14个方面的工作).
_CONTAINER = re.compile(r"^(?:方面|领域|环节|类|批|方向)的(?P<n>[^，,；;。、：:的]{1,6}?)(?=$|[，,；;。：:])")
#: After the counted noun: another figure joined by 和 (40个绿美点和6条绿美带) or a verb phrase
#: of what the things do (高校毕业生在粤就业, 医护人员驰援, 农村居民喝上干净水, 戏曲进社区).
_NOUN_END = re.compile(r"(?:和|与|及)(?=\d|[一二两三四五六七八九十百千]+[个家所条项座名处件台人户])|(?<![所存现实潜])在|(?<!自)由"
                       r"|(?<![方导双定走取意趋转纵横面外内])向|进(?=社区|乡村|校园|企业|农村|家庭|基层|机关)|不(?=通|再|能|足)|驰援|喝上|用上|住上|大幅|率先|高质量发展$")
#: Words before a count that end in a verb or a relative clause: the count is of the noun after it.
_OBJECT_BEFORE = re.compile(r"(?:推进|落实|串联|打造|做大|做强|办好|建好|建设|改造|实施|提供|恢复|提交|推动|储备|动员|开展|表彰|的"
                            r"|领域|方面|行业|地区)$")  # 新兴产业领域100个省级标杆项目: the field holds them
_NOT_COUNTED = re.compile(r"^(?:以上|左右|的|并|和|与|及|等|增|减|跃|扩大|提高|下降|降|升|级|伏)")
#: Units of an age, a duration or a size class, not of an amount of something named after it.
_NOT_MEASURE = frozenset("岁 周岁 年 个月 月 天 日 小时 分钟 千伏 英寸 兆瓦级".split())
_BREAK = re.compile(r"[，,；;：:。！？!?（()）]")
#: 新农合参合率再创新高，达到98.5%: the trend said of the topic before the figure's clause.
_TREND = re.compile(r"(?:再|又|再次)?(?:创历史新高|创新高|稳步(?:提升|提高|增长)|持续(?:提升|提高|增长|改善)|不断(?:提高|提升)"
                    r"|明显(?:提高|提升|改善)|大幅(?:提高|提升|增长)|进一步(?:提高|提升))$")
_MEASURE_END = ("量", "率", "额", "耗", "值", "数", "重", "比", "入", "价", "费", "力", "金", "出", "模", "积", "度")
_CLAUSE_VERB = re.compile(r"(?:不)?包括|向|对|在|将|把|完善|推动|落实|实施|建立|健全|深化|实施|推进|加强|加快|提高|提升|扩大|降低")
_COUNT_WORD = re.compile(r"^[一二两三四五六七八九十几]+[个项家条种批类次]")
_PREP_START = re.compile(r"^(?:在(?!校|岗|职|读|建|册|线|编|研|押|途)|向|到|从|对(?!口)|由|为|于)")
_GOAL_AFTER = re.compile(r"^(?:左右|以上)?的?(?P<np>[^，,；;。、“”的]{2,16}?(?:目标任务|目标|任务))")


def attribute_topic(attr: str, topic: str) -> str:
    """Return the subject of a bare attribute (产量, 存款余额) of the sentence's topic.

    >>> attribute_topic("产量", "全国粮食"), attribute_topic("存款余额", "城乡居民储蓄存款")
    ('全国粮食产量', '城乡居民储蓄存款')
    """
    if attr in ("总数", "总量"):
        topic = re.sub(r"^(?:新增|新建|新培育|新设|新创建|新登记|引进|培育)", "", topic)  # 新增企业12家，总数达到156家
    if attr.endswith("产量"):
        topic = re.sub(r"(?:播种面积|种植面积|面积|规模)$", "", topic)  # 粮食播种面积…、产量… → 粮食产量
    return topic if topic.endswith(attr[:2]) else topic + attr


def counted_noun(after: str, unit: str) -> tuple[str, int]:
    """Return the noun a count classifies from the words after it, and where it ends in *after*.

    >>> counted_noun("349人稳定脱贫。", "户"), counted_noun("国务院部门实施的审批事项，", "项")
    (('稳定脱贫', 0), ('审批事项', 12))
    >>> counted_noun("产品产能全国第一。", "种"), counted_noun("方面的工作：", "个")
    (('产品', 2), ('方面的工作', 5))
    """
    skip = _NEXT_FIGURE.match(after)
    base = skip.end() if skip else 1 if after.startswith("次") and unit in ("场", "人", "架", "辆", "批", "户") else 0
    rest = after[base:]
    cont = _CONTAINER.match(rest)
    if cont:
        noun = cont.group()
        return noun, 0 if skip else len(noun)
    if split_unit(unit)[1] in _THING:
        rel = _RELATIVE.match(rest)
        if rel and not _NOT_NP.match(rel["head"]) and not rel["head"][0].isdigit() and \
                _AFTER_STOP.search(rest[:rel.start("head")]):  # a verb before 的: a relative clause
            stop = _AFTER_STOP.search(rel["head"])
            head = rel["head"][:stop.start()] if stop else rel["head"]
            if len(head) >= 2:
                return head, 0 if skip else rel.start("head") + len(head)  # …实施的审批事项
    stop = _AFTER_STOP.search(rest)
    end = stop.start() if stop else min(len(rest), 24)
    k = rest.find("的", 0, end)
    noun = rest[:k if k >= 0 else end]  # 14亿多中国人的饭碗: the people, not what they hold
    for cut in ("及", "以及"):
        j = noun.find(cut, 2)
        if j > 0:
            noun = noun[:j]
    if _PREP_START.match(noun):
        return "", 0  # 约1亿人在中西部地区就近城镇化: a place or a direction, no noun
    cut = _NOUN_END.search(noun, 2)
    if cut:
        noun = noun[:cut.start()]  # 40个绿美点和6条绿美带, 2万名高校毕业生在粤就业: the noun ends there
    elif len(noun) >= 3 and noun.endswith("中") and not noun.endswith(("高中", "初中", "集中", "期中")) \
            and rest[len(noun):len(noun) + 1] in ("，", ",", "；", ";"):
        noun = noun[:-1]  # 国家公布产量的104种工业产品中，…: among the products
    mm = next((x for x in _MEASURE_AFTER.finditer(noun) if x.start() >= 2), None)
    if mm and (split_unit(unit)[1] in COUNT_UNITS or unit.endswith("人")):  # 2812万吨钢铁产能: the capacity
        noun = noun[:mm.start()]
    return noun, 0 if skip else len(noun)


def finish_subject(f: dict, prev: dict | None, m: str, sent_start: int, sent_end: int) -> None:
    """Give a figure whose words name nothing (or only an attribute) the subject the sentence implies."""
    after = m[f["end"]:min(sent_end, f["end"] + 30)]
    subj = f["subject"]
    if (not subj or _ATTRIBUTE.match(subj)) and f["metric"] in ("count", "level", "share"):
        att = _ATTRIBUTIVE.match(after)
        if att and not _NOT_NP.match(att["np"]):
            stop = _AFTER_STOP.search(att["np"])
            np_ = att["np"][:stop.start()] if stop else att["np"]
            if len(np_) >= 2:
                f["subject"] = np_  # 首期规模500亿元的浙江社保科创基金
                return
    if subj and _ATTRIBUTE.match(subj):
        topic = prev["subject"] if prev is not None and prev["subject"] else _topic(m[sent_start:f["start"]])
        if topic and topic != subj:
            f["subject"] = attribute_topic(subj, topic)  # 粮食连续四年增产，产量达到…
        return
    rate = _RATE_OF.match(after) if not subj and f["unit"] == "%" else None
    if rate:
        stop = _AFTER_STOP.search(rate["np"])
        f["subject"] = rate["np"][:stop.start()] if stop else rate["np"]  # 按5%的幅度压减一般性支出
        f["metric"], f["direction"] = "growth", "down" if "减" in rate["v"] or "降" in rate["v"] else "up"
        return
    lead, orig = "", subj
    if subj and (_DETERMINER.match(subj) or _PLACE.search(subj) or subj.endswith("等")):
        lead, subj = ("" if _PLACE.search(subj) else subj), ""  # 上述…资金, 保护区内…企业, A、B等…产品
    before = (prev.get("plain_subject") or prev["subject"]) if prev is not None else ""
    if before and subj in _GROWTH_WORDS and f["metric"] in ("rank", "gap"):
        f["subject"] = before + subj  # 增长6.5%，增速居全省第2位: the rate of the thing before
        return
    share = _SHARE_OF.match(subj) if before else None
    if share and not before.startswith("占"):
        f["subject"] = before + share.group()  # 达到1200亿元，占地区生产总值的比重为55%
        return
    unit = split_unit(f["unit"])[1]
    measure = f["metric"] == "level" and unit not in _NOT_MEASURE and not unit.endswith("元")  # 11公里污水管网
    if subj:
        names = f["metric"] == "count" and "、" in subj and all(0 < len(p) <= 6 for p in subj.split("、")) \
            and f.get("item", "").endswith(subj)
        if (f["metric"] == "count" or measure) and _OBJECT_BEFORE.search(subj) or names:  # 呼和浩特、通辽2个…项目
            noun, used = counted_noun(after, unit)  # 扎实推进新兴产业领域100个省级标杆项目: the projects
            if len(noun) >= 2 and not _NOT_COUNTED.match(noun):
                f["subject"] = noun
                if used:
                    f["after_end"] = f["end"] + used
        return
    if f["metric"] in ("count", "level") and (unit in COUNT_UNITS or unit in ("人", "万人", "人次", "")
                                              or f.get("object_after") and unit != "元" or measure):
        if unit.endswith("人") and after.startswith("口"):
            f["subject"] = "人口"  # 13亿多人口
            return
        noun, used = counted_noun(after, unit)
        if len(noun) >= 2 and not noun.startswith(("以上", "左右", "的", "增长", "下降", "级", "伏")) \
                and not _COUNT_WORD.match(noun):  # 跨越7万亿、8万亿、9万亿三个大台阶: a count, no noun
            f["subject"] = lead + noun
            if used:
                f["after_end"] = f["end"] + used
            return
    if f["metric"] in ("count", "level"):
        goal = _GOAL_AFTER.match(after)
        if goal and not _NOT_NP.match(goal["np"]):
            f["subject"] = lead + goal["np"]  # 完成7.89亿元政府隐性债务化解目标
            return
    if unit == "元":
        fund = _FUND.match(after)
        if fund:
            f["subject"], f["after_end"] = lead + fund.group(), f["end"] + fund.end()  # 拿出3亿元财政资金
            return
    if orig and not _DETERMINER.match(orig):
        return  # a place or an enumeration with no noun after it stays as written
    if lead and unit == "元":
        f["subject"] = lead + "资金"  # 上述2万亿元全部转给地方: the money referred to
        return
    if f.get("verb_topic"):
        f["subject"] = f["verb_topic"]  # 保障性住房建成3000套: nothing after, the noun before the verb
        return
    echo = _ECHO_LEAD.match(f.get("item", ""))
    if echo:
        k = m.rfind(echo["v"], sent_start, f["start"] - len(echo["v"]))
        if k >= 0:
            stop = _AFTER_STOP.search(m, k + len(echo["v"]), f["start"])
            obj = m[k + len(echo["v"]):stop.start() if stop else f["start"]]
            if 2 <= len(obj) <= 16:
                f["subject"] = obj  # 拟发行超长期特别国债……今年先发行1万亿元
                return
    if prev is None:
        f["subject"] = _clause_topic(m[sent_start:f["start"] - len(f.get("lead_clause", ""))])
        return  # 全社会研究与实验发展经费，从2002年1288亿元增加到…; 新农合参合率再创新高，达到98.5%
    before = prev.get("plain_subject") or prev["subject"]
    f["subject"] = before  # 比上年增长8%, 、5.5%, 从第六位上升到第四位
    if f["metric"] == "rank" and prev["metric"] == "growth" and m[prev["end"]:f["start"]] in ("、", "，") and f["subject"] and not f["subject"].endswith(_GROWTH_WORDS):
        f["subject"] += "增速"  # 增长25.5%、全省排名第一: the rate is ranked


def _clause_topic(before: str) -> str:
    """Return the noun phrase the clause before a figure consists of, with a trend after it, else ''."""
    pieces = [p for p in _BREAK.split(before) if p]
    if not pieces or re.search(r"\d", pieces[-1]):
        return ""
    last = _TREND.sub("", pieces[-1])
    topic = clean_subject(last)
    if not (2 <= len(topic) <= 16 and last.endswith(topic) and len(last) - len(topic) <= 2):
        return ""
    measure = topic.endswith(_MEASURE_END) and not topic.endswith("制度")
    return topic if measure and not _CLAUSE_VERB.match(last) else ""  # a measure, not an act


def _topic(before: str) -> str:
    t = _TOPIC.match(before)
    return clean_subject(t["t"]) if t else ""
