"""Subjects: the noun phrase a figure measures, in the report's words.

A subject is never a verb or a function word (data/gold/README.md, **subject**). The
rules, each for a pattern of the genre:

* the words before a figure (its *item*: from the clause break, or from the figure
  before it in the clause) lose verbs that open a clause (``争取``, ``签订``, ``实施``,
  with an adverb ``全力确保`` or an agent and addressee ``国务院提请全国人大常委会审议``),
  time phrases (``全年``, ``去年末``, ``“十三五”时期``, ``在恢复期间``, years in either
  numerals), adverbs (``再``, ``累计``, ``首次``, ``稳步``, ``仍然``), a leading scope
  (``全市``, ``我国``; not ``全国人大``, ``全社会``) and the verb before the figure; a
  、-list of nouns before one figure stays whole (``参加养老、失业、工伤保险35.4万人次``);
* 新增/新建 and verbs of removal right before the noun stay (``新培育高新技术企业``,
  ``化解政府债务``); a flow per day keeps its verb (``企业数量日均净增``);
* a bare generic noun keeps the verb that says which ones (``签约项目``, ``完成投资``);
* a ranking that moves keeps ``排名`` (``创新能力排名上升5位``); a rank among the first
  drops ``进入全国前`` (``人均GDP进入全国前8位``);
* an amount stated as a difference keeps the comparison (``财政赤字比去年增加``,
  ``比五年前增加``); a base (``是上一个五年的``, ``等于一九四九年的``, ``从人均``) is not
  part of the noun; a Latin gloss inside a noun goes (``细颗粒物（PM2.5）年均浓度``);
* a verb phrase (``已整改``), an enumeration word (``三是``) or a clause is no subject;
* a figure whose words name nothing: see :mod:`.implied`;
* a ``分别`` list gives each figure its own subject, sharing the list's measure noun
  (``人均…`` too), expanding elided ordinals (``第一、二、三产业``) and swapping a pair
  word (``城镇和农村常住居民…``).
"""

from __future__ import annotations

import re

from .vocab import GENERIC_NOUNS, LEAD_VERBS, VERB_END

_UP = "增长|增速|增幅|上涨|涨幅|提高|提升|上升|增加|扩大|回升|递增|增|涨"
_DOWN = "下降|降幅|下滑|降低|减少|回落|缩小|收窄|精简|递减|减|降"
_FILL = "分别|均为|(?<![人户亩])均|同比|实际|名义|预期|年均|平均|为|达|达到|大约|(?<![条公合契节签预制特邀相])约|仅|了|再|又|一|共|保持在|稳定在|控制在|维持在|保持"

_TIME = (r"(?:过去|这|近|今后|未来)?(?:一|五)年(?:来|间)?|(?:过去|这|近)?(?:十|二十)年(?:来|间)?|连续多年|全年|(?:今|去|上)年(?:末|底)?|年末|年底|年初|当年|同期"
         r"|(?:到|在)?(?:本|上|二十|20)世纪(?:末|中叶|初)|[“\"]?十[一二三四五六七八九]?五[”\"]?(?:时期|期间|以来)")
#: A leading scope (全市电力总装机 → 电力总装机) names where, not what: data/gold/README.md rule 1.
_SCOPE = r"(?:全国|全省|全市|全区|全县|全自治区|全州|全盟|全旗|我国|我省|我市|我区|我县|本市|本省|本区|本县)(?![场域性]|人大|人民代表大会|政协|统一)"
#: 企业数量日均净增1万户: a flow per day is the measure, its verb stays (README rule 2).
_FLOW = re.compile(r"(?:日均|每天|每日|平均每天|月均)(?:净增|新增|净减)$")
_LEAD_JUNK = re.compile(rf"^(?:{_TIME}|{_SCOPE}|[一二三四五六七八九十]是|\d{{1,2}}[.．、](?!\d)|其中|同口径|按可比口径|可比口径|位居|位列|名列|跻身|荣登|稳居|蝉联|在(?=全国|全省|全市|全区|全球|世界)|同时|并且?|但是|但|而且?|特别是|例如|在[^，,；;。在]{{1,8}}?(?:期间|时期|中)|还|也|再|要|将|把|坚决|先后|力争|努力|年内|因地制宜|扎实|稳步|有序|深入|及?以[上下]|在?连续[一二两三四五六七八九十\d]{{1,2}}年|累计|提前|共有|拥有|现有|已有|实现了?|完成[了好]?|共(?!济|享|同|青|产|治|富)|总计|合计|和|与|及|或|、)+")
#: An assessment a rank is given in (在全省专项考核中位列第2), and the verbs that place it.
_ASSESS = "考核|评比|评价|测评|评估|考评|榜单|监测"
_RANKED = "(?:排名|排|位列|位居|居|列)?"
_TAIL_JUNK = re.compile(
    rf"(?:新增|净增|净减|{_UP}|{_DOWN}|{_FILL}|{_TIME}|将|要|可以|可|稳定在|控制在|保持在|保持|提高到|上升到|增加到|降至|降到|下降到|达到|实现|完成|突破|"
    r"超过|逾|近|将近|接近|至少|不低于|不少于|不超过|不高于|是|在|到|至|由|从|上年|去年|较|(?<![占之])比|转为|转|拿出|高于|低于|"
    r"继续|保持|位居|排名|稳居|预计|预算拟安排|拟安排|拟按|拟|预定|总计|累计|接连|基本|先发行|发行|"
    r"(?:确定|设定|定)为|迈上|跃上|登上|站上|迈入|(?:连续)?跨越|跨上|仍然|仍|平均每年|每年|平均每天|每天|每日|日均|每人|每户|每亩|成为|一直|始终|缩短|延长|首次|历史性地?|再次|稳步|大幅度?|持续|明显|显著|已经|已|双双|较快|快速|平稳|"
    r"(?<=..)(?:之一|占)|"  # 典型旗县区之一, 制造业增加值占(90.6%)
    r"同口径|按可比口径|可比口径|(?:跃上|迈上|登上|跨上)新台阶|超额|开行|提前|率先|在(?:全国|全省|全市|全区)率先|"
    rf"(?<={_ASSESS})中{_RANKED}|"
    r"成为(?:全国|全省|全市|全区|全县)?第[一二三四五六七八九十\d]+个|压减|削减|缩减|核减|压缩|增产|减产|(?<!均)增收|(?<!均)减收|(?<!民)居|(?<=[量额值速入率度力数])[排列]|名列|排在|跃居|跃升至|跃升到|跃升|攀升|升至|位列|进入|连续)+$"
)
#: 提请全国人大常委会审议法律议案: the body asked and its verb, before the object.
_ADDRESSEE = re.compile(r"^(?:全国人大常委会|全国人大|(?:省|市|区|县)?人大常委会)(?:审议|制定修订|制定|修订|批准)?")
_NOT_VERB = re.compile(rf"{_TIME}|{_SCOPE}|其中|同时|共有|拥有|现有|已有")  # 其中企业: not a verb saying which
_LEAD_VERBS = re.compile(rf"^(?:在(?=提前|完成|实现))?(?:国务院|各级政府|政府)?(?:为[^，,；;。为]{{1,8}}?(?={LEAD_VERBS}))?(?:全力|坚决|努力|积极|大力|着力|切实|配套)?(?:{LEAD_VERBS})+(?:(?:或者|或|和|并)(?:{LEAD_VERBS}|参加|加入))?(?:本届政府|各级政府|国务院|政府)?")
_PAIRED_VERB = re.compile(r"^[、或和]?(?:改建|扩建|续建|改造|停征|停建|缓建|免征)")  # 新建改建高速公路: the works, not a verb
#: 劳动生产率从人均8.7万元, 基础养老金最低标准从每月70元: a start value and its base.
_FROM_PER = re.compile(r"(?:由|从)(?:人均|每[人户生月年天日]|[月年](?:销售额|营业额|收入))*$")
_TIME_WORDS = re.compile(r"(?<![比较])(?:由|从|到|至|增加到|提高到)?(?:(?:19|20)\d\d|[一二][九〇零][〇零一二三四五六七八九]{2})年(?:度|末|底|初|以来)?的?|扣除(?:价格|物价上涨)因素|按(?:可比|不变|现行|现)价(?:格)?计算"
                         r"|(?<![比较])(?:由|从|增加到|提高到|到)(?:去年|上年|今年|[“\"]?十[一二三四五]五[”\"]?)(?:底|末)?的?"  # 将由去年的1076亿元增加到…
                         r"|(?:力争)?用[一二两三四五六七八九十\d]{1,2}年(?:左右)?时间")  # 用两年时间将筹资标准由…
#: What an amount or rate is compared with: last year, five years before, a base year.
_BASE = r"[“\"]?十[一二三四五]五[”\"]?末?|上年|去年|上一年|前五年|五年前|[一二三四五六七八九十\d]{1,2}年前|上届|(?:19|20)\d\d年|[一二][九〇零][〇零一二三四五六七八九]{2}年|同期"
_COMPARE = re.compile(rf"(?:比|较)(?:{_BASE})")
#: 比去年增加2000亿元, 比上年年初预算增加1800亿元: an amount stated as a difference.
DIFFERENCE = re.compile(rf"(?:比|较)(?:{_BASE})[^，,；;。]{{0,10}}?"
                        r"(?:增加|减少|增长|下降|提高|降低|多|少)了?$")
_RANK_MOVE = re.compile(r"(排名|位次|排位)(?:上升|提升|提高|前移|前进|下降|下滑|后移)了?$")
_CLAUSE = re.compile(r"我们|只要|如果|能够|应当|必须")  # words of a clause, not of a noun phrase
_BASE_OF = re.compile(r"^(?:是.{1,12}的|(?:超过|高于|低于|超出)?(?:原定|原计划|原预算)的?)$")  # 是上一个五年的1.5倍: the base of a multiple, not a subject
#: 总产值将等于一九四九年的4.2倍: the base after the thing compared.
_EQUALS = re.compile(r"(?:将|可以|可|已经|已|也|又)*(?:(?:等于|相当于)[^，,；;。]{0,14}的?|(?<=..)是[^，,；;。是]{0,10}(?:年|末|初|底|期|时|前)[”\"]?的)$")  # …是“十五”末的6.7倍, not 特别是…建设的
_DONE = re.compile(r"^(?:均|都|全部)?已(?:经)?.{1,3}$")  # 已整改(完成7项): a verb phrase, not a noun
_GLOSS = re.compile(r"[（(][A-Za-z][A-Za-z0-9.]{0,7}[)）]")  # 细颗粒物（PM2.5）年均浓度: a gloss inside a noun
_PREP_END = re.compile(r"(?:按|以|对|向|把|给)$")
#: 启动建设7个省级渔港经济区, 办好15件民生实事, 让242万农村居民: a verb alone before a count
#: names no noun; the thing counted follows the figure.
LONE_VERB = re.compile(r"^(?:先后|再|又|还|共|累计|启动|推动|加快|持续|全力|重点|集中|新)*(?:建设|改建|扩建|改扩建|布局|调整|办好|建好|增发|"
                       r"办成|强化|吸纳|引导|纳规|结束|维护|做大|做强|做优|选送|整合提升|整合|调派|(?<!促)使|(?<!转)让|扫除|解决|"
                       r"完善提升|完善|改造提升|提质|帮助)了?$")
_VERB_END = re.compile(rf"(?:{VERB_END})$")
_EMPTY = re.compile(r"^(?:[一二三四五六七八九十]|比|较|同比|其中|分别|均|共|总|和|与|及|或|为|是|的|再|又|了|上年|去年|"
                    r"全国|全省|全市|全区|全县|全球|世界)*$")
_JOIN = ("、", "和", "与", "及", "或", "，", ",")


def _unquote(s: str) -> str:
    """Strip spaces and quote marks at the ends, but keep a pair (“新三样”出口)."""
    s = s.strip(" \"").lstrip("”").rstrip("“")
    if s.startswith("“") and s.count("“") > s.count("”"):
        s = s[1:]
    if s.endswith("”") and s.count("”") > s.count("“"):
        s = s[:-1]
    return s.strip(" \"")


def list_start(item: str, after_figure: bool = False) -> int:
    """Return where the subject words of *item* start: a 、-list of short nouns stays whole.

    After a figure of the same clause (``11公里污水管网、16公里雨水管网``) the words
    before a 、 belong to that figure; so do names with digits.

    >>> list_start("参加养老、失业、工伤保险"), list_start("入选中国改革年度市场典型案例、荣登全国")
    (0, 15)
    """
    pieces = item.split("、")
    if after_figure or any(len(_LEAD_JUNK.sub("", p)) > 8 or re.search(r"\d", p) for p in pieces[:-1]):
        return len(item) - len(pieces[-1])  # a list of clauses: the last one names the figure
    return 0


def verb_topic(lead: str) -> str:
    """Return the noun before a closing verb whose object usually follows the figure.

    Used when nothing follows (保障性住房建成3000套): the noun before the verb is measured.

    >>> verb_topic("保障性租赁住房建成"), verb_topic("新设")
    ('保障性租赁住房', '')
    """
    s = _TIME_WORDS.sub("", _unquote(lead))
    v = _VERB_END.search(s)
    topic = clean_subject(_TAIL_JUNK.sub("", s) if _TAIL_JUNK.search(s) else s[:v.start()]) if v else ""
    return topic if len(topic) >= 2 else ""  # 新引进8家…: 新 is no noun


def clean_subject(lead: str) -> str:
    """Return the subject words of a lead, without verbs, qualifiers and connectors.

    Examples
    --------
    >>> clean_subject("实现门票收入"), clean_subject("全年城镇新增就业"), clean_subject("地区生产总值同比增长")
    ('门票收入', '城镇新增就业', '地区生产总值')
    >>> clean_subject("争取衔接资金"), clean_subject("新设"), clean_subject("比上年增长")
    ('衔接资金', '', '')
    >>> clean_subject("累计签约项目"), clean_subject("全省创新能力排名上升")
    ('签约项目', '创新能力排名')
    """
    s = _TIME_WORDS.sub("", _GLOSS.sub("", _unquote(lead))).lstrip("的")  # 16%的税率降至13%: the rate
    frame = _IN_FRAME.fullmatch(s)
    s = frame["x"] if frame else s  # 在省政府目标管理绩效考核中(第3): the assessment ranked in
    move = _RANK_MOVE.search(s)
    if move:
        return clean_subject(s[:move.start()]) + move.group(1)
    cmp = _COMPARE.search(s)
    if cmp:
        s = s[:cmp.start()]  # 财政赤字比去年增加: the thing; the comparison is added back for a difference
    s = _EQUALS.sub("", _FROM_PER.sub("", s))
    flow = _FLOW.search(s)
    if flow and flow.start() >= 2:
        return clean_subject(s[:flow.start()]) + flow.group()
    if _VERB_END.search(s):
        return ""  # 新设 12个…, 夺得 103个…: the thing counted follows the figure
    s = _TAIL_JUNK.sub("", s)
    verbose = s
    s = _LEAD_JUNK.sub("", s)
    s = _unquote(_TAIL_JUNK.sub("", s))
    v = _LEAD_VERBS.match(s)
    if v and len(s) - v.end() >= 2 and not _PAIRED_VERB.match(s[v.end():]):
        s = s[v.end():]
        rest = _LEAD_JUNK.sub("", _ADDRESSEE.sub("", s))
        if len(rest) >= 2:
            s = rest  # 确保全市煤炭产量, 预计全年实现地区生产总值: scope and time after the verb go too
    elif v and not _PAIRED_VERB.match(s[v.end():]) and s[v.end():] not in ("率", "量", "额", "数"):
        s = ""  # only a verb: 抓好, 新设, 带动 (办结率 is a measure)
    if re.fullmatch(GENERIC_NOUNS, s) and verbose.endswith(s) and len(verbose) >= len(s) + 2 and not \
            _NOT_VERB.fullmatch(verbose[-len(s) - 2:-len(s)]):
        s = verbose[-len(s) - 2:]  # 签约项目, 完成投资: the verb says which projects
    if _CLAUSE.search(s) or _PREP_END.search(s) or _DONE.match(s) or _BASE_OF.match(s) or LONE_VERB.match(s) \
            or s.endswith(("和", "与", "及", "或")):  # 145项重点任务和69项政策措施: the last item's noun is after it
        return ""  # 只要我们能够…, 一律按: a clause or a preposition, not a noun phrase
    s = after_examples(s)
    return "" if _EMPTY.match(s) else s


def after_examples(s: str) -> str:
    """Return the class after a list of examples (建材、食品等五大主导产业 → 五大主导产业), without 实现 inside."""
    etc = None
    for etc in ETC.finditer(s):
        pass
    if etc is not None and len(s) - etc.end() >= 2 and not _EMPTY.match(s[etc.end():]) \
            and not _BARE_MEASURE.match(s[etc.end():]):  # 牛奶、牛肉等产量: the items name what is measured
        s = s[etc.end():]
    s = _NTH.sub("", s) if len(_NTH.sub("", s)) >= 2 else s  # 成为全市第8个地区生产总值…: an ordinal, not the noun
    return _SAID_TWICE.sub("", _INNER_DONE.sub("", s))  # 规模以上工业实现总产值 → 规模以上工业总产值


ETC = re.compile(r"(?<![平高中同对均初上次优特头相一二三])等(?![级于同额])")
#: 牛奶、牛肉等产量, 钢铁、水泥等12个行业: a bare measure or container after 等; the examples say what.
_BARE_MEASURE = re.compile(r"^(?:产量|产值|产能|总量|数量|规模|比重|占比|收入|总额|比例|增速|面积|行业|领域|方面|地区|国家|城市|产业)$")
_IN_FRAME = re.compile(rf"在(?P<x>[^，,；;。在]{{2,20}}?(?:{_ASSESS}|排名))中{_RANKED}")
_NTH = re.compile(r"^成为(?:全国|全省|全市|全区|全县)?第[一二三四五六七八九十\d]+个")
_SAID_TWICE = re.compile(r"(?<=总值|收入|投资|总额|加值)总量$")  # 地区生产总值总量 (a rank's subject too)
_INNER_DONE = re.compile(r"(?<=..)(?:预计(?:实现|完成)?|实现|完成)(?=(?:总产值|产值|增加值|营业收入|主营业务收入|销售收入|收入|利润|利税|税收|交易额|进出口总额)$)")


def add_difference(f: dict) -> None:
    """Keep the comparison in the subject of an amount stated as a difference (财政赤字比去年增加)."""
    if f.get("difference") and f["subject"] and not f["subject"].endswith(f["difference"]):
        f["plain_subject"] = f["subject"]  # what a later figure of the sentence inherits
        f["subject"] += f["difference"]


def joins(gap: str) -> bool:
    return gap[:1] in _JOIN
