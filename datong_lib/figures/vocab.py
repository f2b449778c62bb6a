"""The closed vocabularies of a figure: metrics, kinds, qualifiers and directions.

One home for every list the extractor, the curated table, the displays and the
exports share, so that a qualifier means the same thing wherever it is read or
printed.
"""

from __future__ import annotations

#: What a figure measures. ``level`` an amount; ``count`` things counted with a
#: classifier (个 家 项); ``growth`` a rate of change; ``share`` a proportion or rate;
#: ``pp`` a change in percentage points; ``rank`` a place (全省第一); ``streak``
#: consecutive years (十五连丰); ``multiple`` 翻一番 or N倍; ``ratio_to_target``
#: attainment of a target in %; ``gap`` a difference to a benchmark named in ``scope``
#: (高于全国0.8个百分点: 0.8 points above 全国).
METRICS = ["level", "count", "growth", "share", "pp", "rank", "streak", "multiple", "ratio_to_target", "gap"]
#: Whether a figure is a result, a goal for the report year, a goal for a later year
#: or plan period, or an estimate (预计).
KINDS = ["actual", "target", "plan", "estimate"]
QUALIFIERS = ["", "approx", "at_least", "over", "nearly", "at_most"]
DIRECTIONS = ["", "up", "down"]

#: Words before or after a figure and the qualifier code each one means.
QUALIFIER_CODES = {
    "大约": "approx", "约为": "approx", "约": "approx", "左右": "approx", "上下": "approx",
    "将近": "nearly", "接近": "nearly", "近": "nearly",
    "超过": "over", "超过了": "over", "突破": "over", "逾": "over", "超": "over", "多": "over",
    "余": "over", "高达": "over",
    "跃上": "over", "迈上": "over", "跨上": "over", "跨越": "over", "跨越了": "over", "跨过": "over", "登上": "over",
    "不低于": "at_least", "不少于": "at_least", "至少": "at_least", "以上": "at_least",
    "不超过": "at_most", "不高于": "at_most", "控制在": "at_most", "以内": "at_most", "以下": "at_most",
}

#: The words that license each code: a curated row's quote must contain one of them.
QUALIFIER_WORDS = {
    "approx": ("左右", "约", "上下"),
    "at_least": ("以上", "不低于", "不少于", "至少"),
    "over": ("突破", "超过", "逾", "余", "多"),
    "nearly": ("近", "接近"),
    "at_most": ("以内", "以下", "不超过", "不高于", "控制在"),
}

#: How each code is printed beside a number (5.5%左右, 超过40亿元).
QUALIFIER_DISPLAY = {"approx": "左右", "at_least": "以上", "over": "超过", "nearly": "近", "at_most": "以内"}

#: Kinds in Chinese, for tables and charts.
KIND_ZH = {"actual": "实际", "target": "目标", "plan": "规划", "estimate": "预计"}


#: Verbs that open a clause before the thing they act on (争取衔接资金9.56亿元): never part
#: of a subject. 新增/新设/新建 and verbs of removal (化解, 取消) right before a noun stay
#: (新培育高新技术企业, 化解政府债务); before the number they are in VERB_END.
LEAD_VERBS = "|".join(sorted("""争取 建成并网 建成 抓好 确保 安排 拿出 资助 带动 开展 推动 支持 发放 提请 审议 制定修订
    制定 修订 清理规范 清理 组建 布局建设 成功创建 创建 培育 引进 签约 获批 入选 荣登 荣获 获评
    举办 开通 改造 提供 办结 处置 救助 又有 又 惠及 全面完成 完成了 打造 启动 筹集 争创 承办
    引育 吸引 带动了 提出 计划 拟安排 拟按 拟增加 拟 预计 取得 预算拟安排 签订 成交 提前完成
    设立 出台 推出 建立 缔结 认定 帮扶 实施 推进 改造提升 提档升级 办理 用好 用足 管好 统筹 盘活 使用 动用 确定 守住 守牢 坚守 开展好 做好 开行 建成投用 建成投产 建成运营 下达 拨付 落实 落实好 完成好 获得 投放 细化完善 细化 集聚 组织开展 组织(?!部|机构|化|领导|建设)""".split(),
    key=len, reverse=True))
#: Nouns that name nothing alone: the verb before them says which (签约项目, 完成投资).
GENERIC_NOUNS = "项目|投资|资金|企业|工程"
#: Verbs whose object, the thing counted, follows the figure (新设12个自贸试验区).
VERB_END = ("夺得|取得|获得|扶持|解决|新设|组建|建成|培育|引进|发放|资助|新增|抓好|开通|创建|新创建|惠及|拥有|发展|帮助|带动|审议|制定|修订|取消|清理规范|下放|覆盖|累计建成|以下|设立|新设立|出台|推出|建立|认定|新认定|命名|批复|筹集|开工|新开工|竣工|完工|交付|投产|新建|确定|安排|下达|拨付|守住|守牢|坚守|共有|现有|有"
            "|召开|调运|选派|派出|派驻|捐赠|调拨|举办|招聘|招录|转化|开设|增设|配备|选聘|表彰")
#: Words that end the noun after a counted figure (6家重点监测景区接待游客…).
AFTER_STOP = "|".join("""接待 发放 实现 达到 增长 下降 保持 继续 获得 得到 受益 参与 参加 入选 纳入 开工 建成 投产 签约
    落地 完成 通过 获评 获批 被 将 已 均 全部 分别 累计 共 总 超过 突破 同比 比 较 提高 提升 成功 正式 顺利 全面
    基本 实施 开展 建设(?!项目) 达 为 是 等 挂牌 享誉 圆满 成为 获 运营 投入使用 投用 启用
    上榜 荣登 荣获 入围 晋级 进行 制定 支援 援助 派驻 奔赴 驰援 赴""".split())

# Cue words of time, read by datong_lib.figures.timeframe (regular-expression
# alternations). A figure's own clause or sentence decides before its section.
#: Say the figure is the new year's goal, even in a review (低于13%左右的预期目标).
TARGET_STRONG_WORDS = "预期目标|主要目标|目标是|目标为|目标任务是"
#: Say the figure is a goal where the section does not say otherwise.
TARGET_WORDS = "力争|确保|控制在|计划|拟|安排|争取|预算|要把|要使|努力实现|力求|目标"
#: An estimate (of the reviewed year in a review, of the report year in the tasks).
ESTIMATE_WORDS = "预计|预测|估计"
#: A result, where neither the sentence nor the section gives a time.
ACTUAL_WORDS = "完成|实现|达到|达|比上年|同比|比去年|较上年|增长|下降|提高|增加|减少|突破|超过"
#: Put a figure of a multi-year frame over the whole period rather than its last year.
SPAN_WORDS = "年均(?:实际|名义)?(?:增长|增速|增幅|下降|降低|提高|增加|减少|递增|上涨|涨幅)|年均$|累计|五年|总计|合计|共计|接连|逐年|每年|连年|历年|保持在|始终"
#: A goal with no year: 今后, 若干年 (plan, year NA); not a name that starts with such a word
#: (未来产业先导区, 未来工厂, 制造业中长期贷款).
FUTURE_WORDS = ("今后|未来(?!产业|工厂|之城|潜力|社区|乡村|科技|技术|网络|实验室|学校|城市)|若干年|长远"
                "|中长期(?!贷款|信贷|资金|债券|国债|特别国债|科学)|远景")
#: Headings of the part of a report that sets the new year's work.
TASK_TITLE_WORDS = "工作任务|重点工作|主要任务|工作安排|主要工作|总体要求|政策取向|预期目标|工作建议|的建议"
