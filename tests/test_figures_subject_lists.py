"""Subjects in long list sentences: counts after a verb, nouns joined to the next figure."""

from __future__ import annotations

import pytest

from datong_lib.figures.extractor import extract

HEAD = "一、2024年工作回顾\n"


def subjects(text):
    df = extract(HEAD + text)
    return dict(zip(df["text"], df["subject"]))


@pytest.mark.parametrize("sentence, text, subject", [
    ("启动建设7个省级渔港经济区。", "7个", "省级渔港经济区"),
    ("投资2650万元改扩建15个社区党群服务中心。", "15个", "社区党群服务中心"),
    ("今年再办好15件民生实事。", "15件", "民生实事"),
    ("布局39个自治区专科区域医疗中心。", "39个", "自治区专科区域医疗中心"),
    ("维护了19.2万户家庭购房权益。", "19.2万户", "家庭购房权益"),
    ("让242万偏远农村居民喝上干净水。", "242万", "偏远农村居民"),
    ("全年增发1万亿元国债支持灾后恢复重建。", "1万亿元", "国债"),
])
def test_a_verb_alone_before_a_count_names_nothing_the_noun_after_does(sentence, text, subject):
    assert subjects(sentence)[text] == subject


@pytest.mark.parametrize("sentence, text, subject", [
    ("重点建设40个绿美点和6条绿美带。", "40个", "绿美点"),
    ("重点建设40个绿美点和6条绿美带。", "6条", "绿美带"),
    ("新培育407个典型镇、2519个典型村和25个典型村片区。", "2519个", "典型村"),
    ("吸纳超100万名高校毕业生在粤就业创业。", "100万名", "高校毕业生"),
    ("调派4万多名医护人员驰援。", "4万多名", "医护人员"),
    ("选送1000场品质戏曲进社区进乡村。", "1000场", "品质戏曲"),
    ("惠及500多万在校生。", "500多万", "在校生"),        # 在校: part of the noun, not a place
    ("62个省级纵向支持组团实施重点项目。", "62个", "省级纵向支持组团"),
])
def test_the_counted_noun_ends_before_the_next_figure_or_what_the_things_do(sentence, text, subject):
    assert subjects(sentence)[text] == subject


def test_a_respectively_list_splits_at_the_enumeration_comma_before_and():
    s = subjects("信息传输软件和信息技术服务业、租赁和商务服务业增加值分别增长10.9%、10.4%。")
    assert s == {"10.9%": "信息传输软件和信息技术服务业增加值", "10.4%": "租赁和商务服务业增加值"}
    s = subjects("城镇和农村居民人均可支配收入分别增长4.3%、5.5%。")
    assert s == {"4.3%": "城镇居民人均可支配收入", "5.5%": "农村居民人均可支配收入"}


@pytest.mark.parametrize("sentence, text, subject", [
    ("扎实推进新兴产业领域100个省级标杆项目。", "100个", "省级标杆项目"),
    ("有机串联531处国保单位和976个景区景点。", "531处", "国保单位"),
    ("有机串联531处国保单位和976个景区景点。", "976个", "景区景点"),
    ("加快建设“十四五”批复的6个沙戈荒大基地。", "6个", "沙戈荒大基地"),
    ("国家公布产量的104种工业产品中，我省占比超过10%的有44种。", "104种", "工业产品"),
    ("新增高新技术企业超6000家、科技型中小企业1.76万家。", "6000家", "新增高新技术企业"),
    ("规上工业企业从4.7万家增加到6.1万家。", "4.7万家", "规上工业企业"),
])
def test_a_count_after_a_verb_or_a_relative_clause_counts_the_noun_after_it(sentence, text, subject):
    assert subjects(sentence)[text] == subject


@pytest.mark.parametrize("sentence, text, subject", [
    ("继续实施5000亩沙区治理、4万亩黑土地综合治理。", "4万亩", "黑土地综合治理"),
    ("完成2100万千瓦火电机组、2812万吨钢铁产能、395台燃煤锅炉改造。", "2812万吨", "钢铁产能"),
    ("重点实施31.2公里农村公路、1.2万亩农田草牧场水利建设。", "31.2公里", "农村公路"),
    ("我国60岁以上人口已达2.5亿。", "60岁以上", ""),          # an age, not an amount of people
])
def test_an_amount_in_a_unit_of_measure_measures_the_noun_after_it(sentence, text, subject):
    assert subjects(sentence)[text] == subject


@pytest.mark.parametrize("sentence, text, subject", [
    ("将制造业等行业现行16%的税率降至13%。", "13%", "税率"),          # 的 opens no subject
    ("坚决把文件压减三分之一以上。", "三分之一以上", "文件"),          # 把 X 压减: X
    ("先后4次降低存款准备金率。", "4次", "降低存款准备金率"),          # an adverb alone names nothing
    ("17种抗癌药大幅降价并纳入国家医保目录。", "17种", "抗癌药"),
    ("各地可降至16%。", "16%", "各地"),
])
def test_function_words_at_the_ends_of_a_subject_go(sentence, text, subject):
    assert subjects(sentence)[text] == subject


@pytest.mark.parametrize("sentence, text, subject", [
    ("新农合参合率再创新高，达到98.5%。", "98.5%", "新农合参合率"),
    ("全社会研究与实验发展经费，从2019年1288亿元增加到2024年的3664亿元。", "1288亿元", "全社会研究与实验发展经费"),
    ("向困难群众发放一次性生活补助，惠及1100多万人。", "1100多万人", ""),   # an act, not a measure
])
def test_a_figure_whose_clause_names_nothing_measures_the_clause_before(sentence, text, subject):
    assert subjects(sentence)[text] == subject


@pytest.mark.parametrize("sentence, text, subject", [
    ("今年中央财政用于教育的投入，将由去年的1076亿元增加到1562亿元。", "1076亿元", "中央财政用于教育的投入"),
    ("中央财政此项支出从2006年20.5亿元增加到去年的98亿元。", "98亿元", "中央财政此项支出"),
    ("用两年时间将筹资标准由每人每年50元提高到100元。", "50元", "筹资标准"),
])
def test_time_words_around_a_starting_value_are_no_subject(sentence, text, subject):
    assert subjects(sentence)[text] == subject


@pytest.mark.parametrize("sentence, text, subject", [
    ("生猪、家禽年出栏量分别稳定在3900万头、13.5亿只以上。", "3900万头", "生猪年出栏量"),
    ("生猪、家禽年出栏量分别稳定在3900万头、13.5亿只以上。", "13.5亿只以上", "家禽年出栏量"),
    ("5G基站、标准机架分别达到10.8万个、101.2万架。", "10.8万个", "5G基站"),
    ("粮食播种面积1584.6万亩、总产量132.4亿斤。", "132.4亿斤", "粮食总产量"),
    ("新登记经营主体320万户、增长13%，总量达2037.7万户。", "2037.7万户", "经营主体总量"),
])
def test_list_items_in_their_own_units_and_the_yield_of_a_sown_area(sentence, text, subject):
    assert subjects(sentence)[text] == subject


@pytest.mark.parametrize("sentence, text, subject", [
    ("全省生产总值连续跨越7万亿、8万亿、9万亿三个大台阶，年均增长5.9%。", "9万亿", "生产总值"),
    ("全省生产总值连续跨越7万亿、8万亿、9万亿三个大台阶，年均增长5.9%。", "5.9%", "生产总值"),
    ("家庭共济改革惠及616.2万名近亲属、共济金额69.1亿元。", "69.1亿元", "共济金额"),
    ("共建成房屋总面积201.6万平方米。", "201.6万平方米", "房屋总面积"),
    ("规上工业企业研发费用与营收之比达到3.25%左右。", "3.25%左右", "规上工业企业研发费用与营收之比"),
])
def test_words_that_look_like_junk_inside_a_name_stay(sentence, text, subject):
    assert subjects(sentence)[text] == subject


def test_the_number_of_a_list_item_is_no_subject():
    s = subjects("办好十件民生实事。1.新建养老服务站500个。2.实现城镇新增就业18万人以上；10.发放城镇住房保障家庭租赁补贴1.6万户。")
    assert s["18万人以上"] == "城镇新增就业" and s["1.6万户"] == "城镇住房保障家庭租赁补贴"


@pytest.mark.parametrize("sentence, text, subject", [
    ("力争技术合同交易额增长25%。", "25%", "技术合同交易额"),
    ("努力把全年零售物价上涨幅度控制在百分之十以内。", "百分之十以内", "零售物价上涨幅度"),
    ("65岁及以上老年人医养结合服务率达到40%以上。", "40%以上", "老年人医养结合服务率"),
    ("力争年内旅游接待床位达到2.5万张。", "2.5万张", "旅游接待床位"),
])
def test_words_of_effort_and_an_age_class_open_no_subject(sentence, text, subject):
    assert subjects(sentence)[text] == subject


@pytest.mark.parametrize("sentence, text, subject", [
    ("绍兴黄酒、金华火腿、西湖龙井茶3个历史经典产业入围国家培育名单。", "3个", "历史经典产业"),
    ("推动呼和浩特、鄂尔多斯、满洲里3个综保区高质量发展。", "3个", "综保区"),
    ("9家民企上榜中国民营企业500强。", "9家", "民企"),
    ("10部文艺作品荣获文华奖。", "10部", "文艺作品"),
    ("本科高校、高职院校、技师学院均实现21个地级以上市全覆盖。", "21个", "本科高校、高职院校、技师学院"),
])
def test_a_count_after_a_list_of_names_counts_the_noun_after_it(sentence, text, subject):
    assert subjects(sentence)[text] == subject


@pytest.mark.parametrize("sentence, text, subject", [
    ("因地制宜新建标准塑胶跑道2000公里以上。", "2000公里以上", "新建标准塑胶跑道"),
    ("落实好小规模纳税人增值税起征点从月销售额3万元提高到10万元等税收优惠政策。", "3万元", "小规模纳税人增值税起征点"),
    ("落实无还本续贷853.4亿元。", "853.4亿元", "无还本续贷"),
    ("工商登记前置审批精简85%。", "85%", "工商登记前置审批"),
    ("落实最严格水资源管理制度，连续4年获国务院考核优秀等次。", "连续4年", ""),
])
def test_adverbs_verbs_of_carrying_out_and_bases_of_a_start_value_go(sentence, text, subject):
    assert subjects(sentence)[text] == subject


def test_a_respectively_list_whose_names_stand_in_the_clause_before():
    s = subjects("城镇居民人均可支配收入和农村居民人均纯收入，平均每年分别实际增长8%和3.8%。")
    assert s == {"8%": "城镇居民人均可支配收入", "3.8%": "农村居民人均纯收入"}
    s = subjects("化学需氧量、二氧化硫排放总量近年来首次出现双下降，比上年分别下降3.14%和4.66%。")
    assert s == {"3.14%": "化学需氧量", "4.66%": "二氧化硫排放总量"}


def test_a_name_that_starts_with_a_digit_is_counted_whole():
    assert subjects("新引进8家4S店，第十届经贸洽谈会成功举办。") == {"8家": "4S店"}


@pytest.mark.parametrize("sentence, text, subject", [
    ("制定落实中部地区崛起145项重点任务和69项政策措施。", "69项", "政策措施"),
    ("完成好65个年度重点项目。", "65个", "年度重点项目"),
])
def test_the_tail_of_the_item_before_is_no_subject(sentence, text, subject):
    assert subjects(sentence)[text] == subject


def test_a_bare_measure_last_in_a_respectively_list_takes_the_thing_of_the_first():
    assert subjects("粮食播种面积和产量分别达到3320万亩、1285万吨。") == {"3320万亩": "粮食播种面积", "1285万吨": "粮食产量"}


@pytest.mark.parametrize("sentence, text, subject", [
    ("每个县办好1所公办高中，组建县域养老服务联合体。", "1所", "公办高中"),
    ("各级各类学校组织开展超5000场次专题教育。", "5000场次", "专题教育"),  # 场次 is a unit
])
def test_counted_nouns_keep_their_last_character_and_the_whole_unit(sentence, text, subject):
    assert subjects(sentence)[text] == subject
