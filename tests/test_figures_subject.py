"""Subjects: the noun phrase measured, never a verb or a function word."""

from __future__ import annotations

import pytest

from datong_lib.figures.extractor import extract

HEAD = "一、2024年工作回顾\n"


def subjects(text):
    df = extract(HEAD + text)
    return dict(zip(df["text"], df["subject"]))


def test_a_rate_after_a_level_inherits_its_subject():
    s = subjects("国内生产总值达到99.1万亿元，增长6.1%。")
    assert s == {"99.1万亿元": "国内生产总值", "6.1%": "国内生产总值"}


def test_comparison_clause_inherits_the_subject():
    s = subjects("进出口总额达到1958亿美元，比上年增长百分之十八点二。")
    assert s["百分之十八点二"] == "进出口总额"


def test_respectively_lists_distribute_their_subjects():
    s = subjects("城镇和农村居民人均可支配收入分别增长4.3%、5.5%。")
    assert s == {"4.3%": "城镇居民人均可支配收入", "5.5%": "农村居民人均可支配收入"}
    s = subjects("二氧化硫、氮氧化物排放量分别下降5.6%和4%。")
    assert s == {"5.6%": "二氧化硫排放量", "4%": "氮氧化物排放量"}


@pytest.mark.parametrize("sentence, text, subject", [
    ("争取衔接资金9.56亿元。", "9.56亿元", "衔接资金"),
    ("新设12个跨境电子商务综合试验区。", "12个", "跨境电子商务综合试验区"),
    ("国家重点扶持500个商品粮大县。", "500个", "商品粮大县"),
    ("组建创新联合体15个。", "15个", "创新联合体"),
    ("每个县发展1—2个主导产业。", "1—2个", "主导产业"),
    ("城镇居民人均可支配收入由2019年7703元增加到2024年13786元。", "7703元", "城镇居民人均可支配收入"),
    ("城镇居民人均可支配收入由2019年7703元增加到2024年13786元。", "13786元", "城镇居民人均可支配收入"),
    ("社会消费品零售总额扣除价格因素增长百分之十一点六。", "百分之十一点六", "社会消费品零售总额"),
    ("全区实现地区生产总值186.5亿元，按可比价计算增长6.2%。", "6.2%", "地区生产总值"),
])
def test_subject_is_never_a_verb(sentence, text, subject):
    assert subjects(sentence)[text] == subject


def test_an_amount_stated_as_a_difference_keeps_the_comparison():
    # data/gold/README.md: an amount stated as a difference keeps the comparison.
    df = extract("二、2025年工作任务\n今年财政赤字拟安排1800亿元，比去年增加200亿元。")
    assert df["subject"].tolist() == ["财政赤字", "财政赤字比去年增加"]
    assert df["kind"].tolist() == ["target", "target"]
    s = subjects("城镇新增就业预期目标比去年多100万人。")
    assert s["100万人"] == "城镇新增就业预期目标比去年多"
    # a rate against last year is not a difference: the thing alone
    assert subjects("进出口总额比上年增长5%。")["5%"] == "进出口总额"
    # a later figure of the sentence inherits the thing, not the comparison
    s = subjects("赤字规模4.06万亿元、比上年增加1800亿元，增长5%。")
    assert s["5%"] == "赤字规模"


# -- one test per genre pattern of datong_lib.figures.subject -------------------------


@pytest.mark.parametrize("sentence, text, subject", [
    # a 、-list of nouns before one figure is one subject
    ("港澳居民在粤参加医保43万人次，参加养老、失业、工伤保险35.4万人次。", "35.4万人次", "参加养老、失业、工伤保险"),
    ("华北豹、褐马鸡种群数量保持全国首位。", "全国首位", "华北豹、褐马鸡种群数量"),
    ("签订技术交易、预约采购等合同4400余件。", "4400余件", "合同"),  # examples before 等, then the class counted
    # …but a list of clauses gives the last clause; a scope alone (全国) names nothing
    ("案例入选中国改革年度市场典型案例、荣登全国30个年度市场改革案例榜单。", "30个", "年度市场改革案例"),
    # quote marks that pair stay; adverbs (累计, 再) and time phrases (五年, 全年) go
    ("“新三样”出口增长两倍多。", "两倍多", "“新三样”出口"),
    ("“港车北上”、“澳车北上”累计832万辆次。", "832万辆次", "“港车北上”、“澳车北上”"),
    ("全年再减少企业税负3500亿元左右。", "3500亿元左右", "减少企业税负"),
    ("五年全国新增城镇就业5100万人。", "5100万人", "新增城镇就业"),
    # verbs that open a clause go (签订, 成交, 拟增加, 提前完成 and the agent after them)…
    ("累计成交绿证131.7万张。", "131.7万张", "绿证"),
    ("拟增加中央预算稳定调节基金1032亿元。", "1032亿元", "中央预算稳定调节基金"),
    # …except before a bare generic noun, where the verb says which ones
    ("累计签约项目139个，已开工项目101个，完成投资111.57亿元。", "139个", "签约项目"),
    ("累计签约项目139个，已开工项目101个，完成投资111.57亿元。", "111.57亿元", "完成投资"),
    # a pair of verbs names the works
    ("新建改建高速公路6700多公里。", "6700多公里", "新建改建高速公路"),
    ("全年新建、续建商贸类项目11个。", "11个", "新建、续建商贸类项目"),
    ("二是取消或停征中央涉企行政事业性收费35项。", "35项", "取消或停征中央涉企行政事业性收费"),
    # enumeration words (一是), modal words (将, 要) and a time phrase at the end go
    ("今年高校毕业生将高达765万人。", "765万人", "高校毕业生"),
    ("中央财政用于“三农”的支出五年累计1.6万亿元。", "1.6万亿元", "中央财政用于“三农”的支出"),
    # …and after a figure of the same clause, the words before a 、 are that figure's: each
    # length measures the noun after it
    ("11公里污水管网、16公里雨水管网顺利完工。", "11公里", "污水管网"),
    ("11公里污水管网、16公里雨水管网顺利完工。", "16公里", "雨水管网"),
    # a ranking that moves keeps 排名; a leading scope (全省) goes
    ("全省创新能力排名上升5位。", "5位", "创新能力排名"),
])
def test_subject_words_of_the_genre(sentence, text, subject):
    assert subjects(sentence)[text] == subject


@pytest.mark.parametrize("sentence, text, subject", [
    # the counted noun after the figure belongs to the count, not to the next figure
    ("6家重点监测景区接待游客1718.7万人次。", "1718.7万人次", "接待游客"),
    ("6家重点监测景区接待游客1718.7万人次。", "6家", "重点监测景区"),
    # the counted noun stops before 的: the people, not what they hold
    ("把14亿多中国人的饭碗牢牢端在自己手中。", "14亿多", "中国人"),
    # a comparison with the previous five years names no subject
    ("全国财政用于教育支出五年累计2.43万亿元，比前五年增长1.26倍。", "1.26倍", "财政用于教育支出"),
    # a fund named after an amount
    ("拿出3亿元财政资金补贴就业岗位。", "3亿元", "财政资金"),
    # N人口
    ("13亿多人口的发展中大国，就业比较充分。", "13亿多人", "人口"),
    # the noun an attributive figure modifies
    ("首期规模500亿元的浙江社保科创基金签约落地。", "500亿元", "浙江社保科创基金"),
    ("投资超过550亿元的晋北采煤沉陷区新能源基地开工建设。", "550亿元", "晋北采煤沉陷区新能源基地"),
    ("基本解决8000万人的温饱问题。", "8000万人", "温饱问题"),
    # the object the same verb took earlier in the sentence
    ("拟连续几年发行超长期特别国债，专项用于重点领域建设，今年先发行1万亿元。", "1万亿元", "超长期特别国债"),
    # a bare attribute takes the topic of the sentence
    ("全国粮食连续四年增产，产量达到50150万吨。", "50150万吨", "粮食产量"),
    ("城乡居民储蓄存款大幅度增加，年末存款余额达到14764亿元，增长28%。", "14764亿元", "城乡居民储蓄存款"),
    ("城乡居民储蓄存款大幅度增加，年末存款余额达到14764亿元，增长28%。", "28%", "城乡居民储蓄存款"),
    # attainment of a target and a rank after it belong to the figure before
    ("全年城镇新增就业5.27万人，完成年度目标的119.75%，位居全省第一。", "119.75%", "城镇新增就业"),
    ("全年城镇新增就业5.27万人，完成年度目标的119.75%，位居全省第一。", "全省第一", "城镇新增就业"),
    # a rank right after a growth rate ranks the rate; a rank in its own clause ranks the thing
    ("一产固定资产投资增长25.5%、全省排名第一。", "全省排名第一", "一产固定资产投资增速"),
    ("国内生产总值年均增长10.6%，从世界第六位上升到第四位。", "第四位", "国内生产总值"),
    # a comparison with …的预期目标 takes the measured thing (data/gold/README.md rule 5)
    ("广义货币M2增长11.3%，低于13%左右的预期目标。", "13%左右", "广义货币M2"),
    # a clause or a preposition is not a subject
    ("只要能够再连续若干年保持8%至9%的增长率，就是了不起的成绩。", "8%至9%", "增长率"),
])
def test_subject_the_sentence_implies(sentence, text, subject):
    assert subjects(sentence)[text] == subject


def test_a_rate_named_after_the_figure_is_growth():
    df = extract(HEAD + "只要能够再连续若干年保持8%至9%的增长率。")
    assert df.loc[0, "metric"] == "growth"


def test_a_share_of_a_benchmark_keeps_its_qualifier():
    df = extract(HEAD + "全年新增装机超过全球一半。")
    assert df.loc[0, "qualifier"] == "over"
    assert df.loc[0, "subject"] == "新增装机"


@pytest.mark.parametrize("sentence, names", [
    ("先进制造业、高技术制造业增加值占规模以上工业增加值比重分别达56.2%、34.7%。",
     ["先进制造业增加值占规模以上工业增加值比重", "高技术制造业增加值占规模以上工业增加值比重"]),
    ("电子信息、高端装备制造、现代消费品营业收入分别达到2000亿元、1800亿元、1400亿元。",
     ["电子信息营业收入", "高端装备制造营业收入", "现代消费品营业收入"]),
    ("粮食产量、棉花产量分别增长2%和3%。", ["粮食产量", "棉花产量"]),
])
def test_respectively_lists_share_the_measure_noun(sentence, names):
    assert extract(HEAD + sentence)["subject"].tolist() == names


# -- patterns of the genre added for reports the rules were not written on ------------


@pytest.mark.parametrize("sentence, text, subject", [
    # adverbs and per-year words before the verb are not part of the noun
    ("工业增加值平均每年增长12.5%。", "12.5%", "工业增加值"),
    ("常住人口城镇化率首次突破65%。", "65%", "常住人口城镇化率"),
    ("税收收入稳步增长6%。", "6%", "税收收入"),
    ("全社会固定资产投资预定增长12%。", "12%", "全社会固定资产投资"),
    ("一般性支出压减10%以上。", "10%以上", "一般性支出"),
    # an adverb before an opening verb goes with the verb
    ("全力确保粮食产量稳定在50亿斤以上。", "50亿斤以上", "粮食产量"),
    ("积极争取中央资金12亿元。", "12亿元", "中央资金"),
    # 提前实现了 and a time phrase of the century open the clause
    ("提前实现了本世纪末人均国民生产总值比1980年翻两番的目标。", "翻两番", "人均国民生产总值"),
    # a comparison with five years before keeps the comparison on a difference
    ("钢铁产量达到1.2亿吨，比五年前增加3000万吨。", "3000万吨", "钢铁产量比五年前增加"),
    # a Latin gloss inside a noun is dropped and does not break the clause
    ("居民消费价格（CPI）上涨2.1%。", "2.1%", "居民消费价格"),
    ("全市细颗粒物（PM2.5）平均浓度下降4.5%。", "4.5%", "细颗粒物平均浓度"),
    # a rank among the first drops the verb and the scope
    ("人均地区生产总值跻身全国前10位。", "10位", "人均地区生产总值"),
    # 约 inside a word (条约, 节约) is neither a qualifier nor cut off
    ("缔结双边投资条约45个。", "45个", "双边投资条约"),
    ("全年节约用水1200万立方米。", "1200万立方米", "节约用水"),
    # verbs whose object, the thing counted, follows the figure
    ("设立3只产业引导基金。", "3只", "产业引导基金"),
])
def test_subject_words_of_more_reports(sentence, text, subject):
    assert subjects(sentence)[text] == subject


@pytest.mark.parametrize("sentence, text, subject", [
    # a part done of a whole counted before: the whole's noun (已完成 is a verb phrase)
    ("32项整改任务已完成29项，剩余3项问题均已取得阶段性进展。", "29项", "整改任务"),
    # a determiner keeps the noun after the figure; money referred to is 资金
    ("32项整改任务已完成29项，剩余3项问题均已取得阶段性进展。", "3项", "剩余问题"),
    ("上述1500亿元全部用于基础设施建设。", "1500亿元", "上述资金"),
    # a place in which things are counted gives way to the things
    ("搬迁主城区内15家化工企业。", "15家", "化工企业"),
    # the counted noun is looked for past a second figure that follows at once
    ("其中86户213人易地搬迁。", "86户", "易地搬迁"),
    # a relative clause before 的 describes the head the classifier counts
    ("取消56项市级部门实施的行政许可事项。", "56项", "行政许可事项"),
    # a container noun keeps what it contains
    ("重点做好以下10个方面的工作：", "10个", "方面的工作"),
    # an enumeration ending in 等 takes the counted noun, which stops before a measure noun
    ("钢铁、水泥、电解铝等12个行业产能利用率明显回升。", "12个", "钢铁、水泥、电解铝等行业"),
    ("培育5家企业营业收入超百亿元。", "5家", "企业"),
    # an amount the sentence completes as a goal names the goal (年度 is part of the year)
    ("完成2023年度5.2亿元存量债务化解任务。", "5.2亿元", "存量债务化解任务"),
    ("完成3.2亿元政府债务化解目标。", "3.2亿元", "政府债务化解目标"),
])
def test_subject_the_sentence_implies_in_more_reports(sentence, text, subject):
    assert subjects(sentence)[text] == subject


def test_qualifiers_of_more_reports():
    df = extract(HEAD + "粮食产量增长2%或者更多一些。缔结双边投资条约45个。")
    assert df["qualifier"].tolist() == ["at_least", ""]
    df = extract(HEAD + "人均地区生产总值跻身全国前10位。")
    assert df.loc[0, ["metric", "scope", "qualifier"]].tolist() == ["rank", "全国", "at_most"]


def test_an_average_per_year_spans_the_period():
    df = extract(HEAD + "工业增加值平均每年增长12.5%。")
    assert df.loc[0, "period"] != ""


@pytest.mark.parametrize("sentence, text, subject", [
    # rule 1 of data/gold/README.md: a leading scope names where, not what (also after a verb)…
    ("全市电力总装机达到1800万千瓦。", "1800万千瓦", "电力总装机"),
    ("确保全省粮食产量稳定在700亿斤以上。", "700亿斤以上", "粮食产量"),
    ("我国年进出口总额达到4000亿美元。", "4000亿美元", "年进出口总额"),
    # …but a name that starts with 全国 and 全社会 stay
    ("全国人大代表建议办结率100%。", "100%", "全国人大代表建议办结率"),
    ("今年经济增长预期目标确定为5%左右。", "5%左右", "经济增长预期目标"),
    ("全社会固定资产投资增长8%。", "8%", "全社会固定资产投资"),
    # rule 2: 新增/新培育 right before the noun stay; a flow per day keeps its verb
    ("新培育专精特新中小企业320家。", "320家", "新培育专精特新中小企业"),
    ("企业数量日均净增2000户以上。", "2000户以上", "企业数量日均净增"),
    # rule 3: a verb of removal before the noun stays; a verb that only says it happened goes
    ("全年化解政府债务8.6亿元。", "8.6亿元", "化解政府债务"),
    ("帮扶脱贫劳动力务工就业6万人。", "6万人", "脱贫劳动力务工就业"),
    # 缔结或者参加: a pair of opening verbs goes with the scope before it
    ("我国缔结或者参加国际公约60个。", "60个", "国际公约"),
    # the rate of a cut names what is cut
    ("各部门按不低于10%的幅度压减一般性支出。", "10%", "一般性支出"),
    # a pollutant after a counted place starts the next figure's subject
    ("地级以上城市细颗粒物（PM2.5）平均浓度下降6%，20个重点城市二氧化硫浓度下降8%。", "20个", "重点城市"),
    ("地级以上城市细颗粒物（PM2.5）平均浓度下降6%，20个重点城市二氧化硫浓度下降8%。", "8%", "二氧化硫浓度"),
])
def test_subject_conventions_of_the_gold(sentence, text, subject):
    assert subjects(sentence)[text] == subject


@pytest.mark.parametrize("sentence, text, subject", [
    # a verb that says the work was done goes (实施, 推进), before a generic noun it stays
    ("实施城镇老旧小区改造项目312个。", "312个", "城镇老旧小区改造项目"),
    ("实施项目100个。", "100个", "实施项目"),
    ("开行中欧班列1800列，增长12%。", "1800列", "中欧班列"),
    # a closing verb with nothing counted after it: the noun before the verb is measured
    ("保障性租赁住房筹集1.2万套。", "1.2万套", "保障性租赁住房"),
    ("保障性住房建成3000套。", "3000套", "保障性住房"),
    # …but with a noun after the figure, that noun is counted
    ("企业获得300项专利。", "300项", "专利"),
    # points above any benchmark are a gap measured on the thing before
    ("农村居民人均可支配收入增长7.5%，高于城镇居民1.8个百分点。", "1.8个百分点", "农村居民人均可支配收入"),
])
def test_subject_of_closing_verbs_and_gaps(sentence, text, subject):
    assert subjects(sentence)[text] == subject


@pytest.mark.parametrize("sentence, text, subject", [
    # the base of a multiple (是上一个五年的) names nothing: the thing before is multiplied
    ("五年累计完成固定资产投资1.2万亿元，是上一个五年的1.5倍。", "1.5倍", "固定资产投资"),
    # 从2020年的…增加到2024年的…: the year and its 的 go
    ("脱贫人口人均纯收入从2020年的1.1万元增加到2024年的1.6万元。", "1.1万元", "脱贫人口人均纯收入"),
    # 我市 is a scope like 全市; a verb of rising before a rank goes
    ("我市经济总量跃居全省第3位。", "全省第3位", "经济总量"),
    # a measure whose first word is a verb (办结率) stays whole; 办理 goes
    ("全年共办理人大代表建议412件、政协提案530件，办结率100%。", "100%", "办结率"),
    ("全年共办理人大代表建议412件、政协提案530件，办结率100%。", "412件", "人大代表建议"),
    # the noun an attributive amount modifies stops before 投入使用
    ("投资3.5亿元的市第一人民医院新院区投入使用。", "3.5亿元", "市第一人民医院新院区"),
    # a pair of opening verbs (改造提升) goes
    ("改造提升农贸市场26个。", "26个", "农贸市场"),
])
def test_subject_of_bases_scopes_and_measures(sentence, text, subject):
    assert subjects(sentence)[text] == subject


@pytest.mark.parametrize("sentence, text, subject", [
    # a share stated after the amount it divides names both
    ("民营经济增加值达到1200亿元，占地区生产总值的比重为55%。", "55%", "民营经济增加值占地区生产总值的比重"),
    # a rank of the rate after a growth rate takes the measured quantity
    ("地区生产总值增长6.5%，增速居全省第2位。", "全省第2位", "地区生产总值"),
    # a verb of change alone (增产) takes the thing before
    ("粮食总产量达到9870亿斤，增产100亿斤。", "100亿斤", "粮食总产量"),
    # 共有 and 其中 are not verbs that say which (其中企业 → 企业)
    ("全市共有各类市场主体36万户，其中企业9.2万户。", "36万户", "各类市场主体"),
    ("全市共有各类市场主体36万户，其中企业9.2万户。", "9.2万户", "企业"),
])
def test_subject_of_shares_ranks_and_parts(sentence, text, subject):
    assert subjects(sentence)[text] == subject


def test_elided_ordinals_of_a_respectively_list_are_expanded():
    df = extract(HEAD + "第一、二、三产业增加值分别增长3%、5%和6%。")
    assert df["subject"].tolist() == ["第一产业增加值", "第二产业增加值", "第三产业增加值"]


@pytest.mark.parametrize("sentence, text, subject", [
    # time and scope after an opening verb (预计全年实现) go
    ("预计全年实现地区生产总值286亿元，同比增长6%。", "286亿元", "地区生产总值"),
    # a pair word of a 分别 list swaps for the other (城镇和农村常住居民…)
    ("城镇和农村常住居民人均可支配收入分别达到3.8万元、1.9万元。", "3.8万元", "城镇常住居民人均可支配收入"),
    # 总数 after additions is the stock of the thing, without 新增
    ("新增规模以上工业企业12家，总数达到156家。", "156家", "规模以上工业企业总数"),
])
def test_subject_of_estimates_pairs_and_totals(sentence, text, subject):
    assert subjects(sentence)[text] == subject


@pytest.mark.parametrize("sentence, text, subject", [
    # a start value 从人均/由每人每年 is not part of the noun
    ("全员劳动生产率从人均8.7万元提高到12万元以上。", "8.7万元", "全员劳动生产率"),
    ("财政补助由每人每年380元提高到420元。", "380元", "财政补助"),
    # each item of a 分别 list that is already a measure keeps its own name
    ("单位国内生产总值用水量、能耗、二氧化碳排放量分别下降23%、15%、18%。", "15%", "能耗"),
    # an enumeration word (三是) and 将/把 before the noun go
    ("三是将18项行政事业性收费的征收范围扩大。", "18项", "行政事业性收费"),
    ("将科技型中小企业加计扣除比例从75%提高到100%。", "100%", "科技型中小企业加计扣除比例"),
    # a verb that only uses or settles an amount leaves the fund or the thing after it
    ("用好1800亿元引导基金。", "1800亿元", "引导基金"),
    ("使用1000亿元失业保险基金支持职业技能提升。", "1000亿元", "失业保险基金"),
    ("确定160个国家乡村振兴重点帮扶县。", "160个", "国家乡村振兴重点帮扶县"),
    ("中央财政安排1000亿元专项奖补资金。", "1000亿元", "专项奖补资金"),
    ("中央预算内投资安排6400亿元。", "6400亿元", "中央预算内投资"),
    # a verb before a figure with a unit of measure: the object after it is measured
    ("新建1亿亩高标准农田。", "1亿亩", "高标准农田"),
    # 去年末 and a plan period (“十三五”时期) are time, not part of the noun
    ("去年末居民储蓄存款余额增长8.5%。", "8.5%", "居民储蓄存款余额"),
    ("“十三五”时期经济年均增长保持在6.5%以上。", "6.5%以上", "经济"),
    # a flow per day at the start of a clause takes the thing before (README rule 2)
    ("全年新登记注册企业增长21.6%，平均每天新增1.2万户。", "1.2万户", "新登记注册企业"),
])
def test_subject_of_start_values_funds_and_objects(sentence, text, subject):
    assert subjects(sentence)[text] == subject


@pytest.mark.parametrize("sentence, text, subject", [
    # 守住 and 有 before a figure: the thing after is measured
    ("坚决守住18亿亩耕地红线。", "18亿亩", "耕地红线"),
    ("我国有2.9亿在校学生。", "2.9亿", "在校学生"),
    # a per-capita measure (人均…) is shared by the items of a 分别 list
    ("居民医保和基本公共卫生服务经费人均财政补助标准分别再提高30元和5元。", "30元", "居民医保人均财政补助标准"),
])
def test_subject_of_held_lines_and_per_capita_lists(sentence, text, subject):
    assert subjects(sentence)[text] == subject


@pytest.mark.parametrize("sentence, text, subject", [
    # the body asked (提请全国人大常委会审议) and the agent before it go: the object is counted
    ("国务院提请全国人大常委会审议法律议案13件，制定修订行政法规8件。", "13件", "法律议案"),
    ("提请全国人大常委会制定修订法律95部。", "95部", "法律"),
    # adverbs of duration (一直) and verbs of shortening go
    ("财政赤字率一直控制在3%以内。", "3%以内", "财政赤字率"),
    ("企业开办时间缩短三分之一以上。", "三分之一以上", "企业开办时间"),
    # a share written before its noun (71%的煤电机组) names the noun
    ("推进重点行业节能减排，71%的煤电机组实现超低排放。", "71%", "煤电机组"),
])
def test_subject_of_bills_durations_and_shares_of_a_noun(sentence, text, subject):
    assert subjects(sentence)[text] == subject


@pytest.mark.parametrize("sentence, text, subject", [
    # years in Chinese numerals are time; a base after 等于 is not the subject
    ("一九五四年预计现代工业的总产值将等于一九四九年的四点二倍。", "四点二倍", "现代工业的总产值"),
    ("电力一百零八亿度，等于一九四九年的二点五倍。", "二点五倍", "电力"),
    ("但是一九五三年工业总产值仍然比一九五二年增加了百分之三十三。", "百分之三十三", "工业总产值"),
    # a period phrase (在恢复期间) and 递增 go
    ("在恢复期间工业总产值平均每年递增百分之三十六点九。", "百分之三十六点九", "工业总产值"),
    # 大约 is a qualifier word, not part of the noun
    ("在一九四九年，这个比重大约是百分之十七。", "百分之十七", "这个比重"),
])
def test_subject_in_older_reports(sentence, text, subject):
    assert subjects(sentence)[text] == subject


def test_a_qualifier_after_the_last_item_of_a_respectively_list_applies_to_every_item():
    df = extract(HEAD + "城乡常住居民人均可支配收入分别增长7%和8%左右。粮食产量、棉花产量分别增长2%和3%。")
    assert df["qualifier"].tolist() == ["approx", "approx", "", ""]


@pytest.mark.parametrize("sentence, text, subject", [
    # verbs of stepping up to a level (迈上, 跃上) and a pair of opening verbs (建成投用) go
    ("全省GDP迈上5万亿元新台阶。", "5万亿元", "GDP"),
    ("粮食产量首次跃上1.4万亿斤新台阶。", "1.4万亿斤", "粮食产量"),
    ("建成投用市级以上重点实验室15个、技术创新中心8个。", "15个", "市级以上重点实验室"),
])
def test_subject_of_new_levels_and_opened_works(sentence, text, subject):
    assert subjects(sentence)[text] == subject
