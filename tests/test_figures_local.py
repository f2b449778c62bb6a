"""Subjects, units and benchmarks as local reports write them."""

from __future__ import annotations

import pytest

from datong_lib.figures.extractor import extract
from figkit import one

HEADER = "2022年某县政府工作报告\n——2022年1月8日在某县第十六届人民代表大会第一次会议上\n县长 王某\n各位代表：\n"


def test_an_amount_stated_against_the_province_is_a_gap_with_the_measured_subject():
    df = extract(HEADER + "一、2021年工作回顾\n人均地区生产总值5.18万元，比全省高1.18万元。")
    r = one(df, "1.18万元")
    assert (r.metric, r.scope, r.subject) == ("gap", "全省", "人均地区生产总值")


def test_a_voltage_class_is_a_name_and_livestock_units_are_counts():
    df = extract(HEADER + "一、2021年工作回顾\n巴林至奈曼500千伏输变电工程竣工投运，新建220kV变电站3座。"
                 "牲畜存栏125万头只，标准化畜群达到2800群，养殖规模稳定在2万匹、5000峰左右。")
    assert "500千" not in df["text"].tolist() and not (df["value"] == 220).any()
    got = dict(zip(df["text"], df["unit"]))
    assert got["125万头只"] == "万头只" and got["2800群"] == "群" and got["2万匹"] == "万匹"
    assert got["5000峰左右"] == "峰"
    assert set(df.set_index("text").loc[["3座", "2800群"], "metric"]) == {"count"}


def test_completing_a_task_by_a_margin_is_a_gap_to_the_target_and_the_rate_after_keeps_the_subject():
    df = extract(HEADER + "一、2021年工作回顾\n固定资产投资完成17亿元，超额完成年度任务2.1亿元，增长20.6%；"
                 "单位GDP能耗下降3.5%，超额完成省考核目标2.7个百分点。")
    r = one(df, "2.1亿元")
    assert (r.metric, r.scope, r.subject) == ("gap", "年度任务", "固定资产投资")
    assert one(df, "20.6%").subject == "固定资产投资"
    r = one(df, "2.7个百分点")
    assert (r.metric, r.subject) == ("gap", "单位GDP能耗")


@pytest.mark.parametrize("sentence, text, subject", [
    ("为受困企业办理延期偿还本息7108万元。", "7108万元", "延期偿还本息"),
    ("投放普惠型小微企业创业担保贷款1303万元。", "1303万元", "普惠型小微企业创业担保贷款"),
    ("获得国债资金97.4亿元。", "97.4亿元", "国债资金"),
    ("全县地区生产总值由2010年的77亿元跃升到2015年的161.1亿元。", "161.1亿元", "地区生产总值"),
    ("人均地区生产总值9.6万元，全员劳动生产率每人9.6万元。", "9.6万元", None),
])
def test_verbs_of_getting_and_doing_and_a_rise_are_not_the_subject(sentence, text, subject):
    df = extract(HEADER + "一、2021年工作回顾\n" + sentence)
    if subject is None:  # 每人 before the number is no part of the measured thing
        assert set(df.loc[df["text"] == text, "subject"]) == {"人均地区生产总值", "全员劳动生产率"}
    else:
        assert one(df, text).subject == subject


def test_places_in_a_ranking_list_and_top_groups_are_ranks_but_names_and_ordinals_are_not():
    df = extract(HEADER + "一、2022年工作回顾\n荣登全国发展潜力百强县榜首，位居全国百强县投资潜力第3、新型城镇化质量第4、"
                 "县域经济基本竞争力第5，跻身服务业全国10强。主要经济指标增幅位居全省市州前三甲，全省市州第二位。"
                 "引进世界500强企业5家，办好第十五届全国运动会，这是实施规划的第一年。")
    ranks = df[df["metric"] == "rank"].set_index("text")
    assert ranks.loc[["榜首", "第3", "第4", "第5"], "value"].tolist() == [1, 3, 4, 5]
    assert (ranks.loc["全国10强", "value"], ranks.loc["全国10强", "qualifier"]) == (10, "at_most")
    assert (ranks.loc["全省市州前三甲", "value"], ranks.loc["全省市州前三甲", "scope"]) == (3, "全省")
    assert ranks.loc["全省市州第二位", "value"] == 2
    assert len(ranks) == 7 and (df["text"] == "5家").any()  # not 500强, 第十五届 or 第一年


def test_estimate_marked_same_below_covers_the_rest_of_its_paragraph():
    df = extract(HEADER.replace("2022", "2024") + "一、2023年工作回顾\n预计（下同）全年实现生产总值280亿元，同比增长6%。"
                 "引进投资2亿元以上项目18个，总投资201亿元。\n城镇新增就业3000人。")
    kinds = dict(zip(df["text"], df["kind"]))
    assert [kinds[t] for t in ("280亿元", "6%", "18个", "201亿元")] == ["estimate"] * 4
    assert kinds["3000人"] == "actual"  # the next paragraph


@pytest.mark.parametrize("sentence, text, subject", [
    ("签约垃圾焚烧发电、柏润高端制袜等项目99个。", "99个", "项目"),
    ("建材、食品等五大主导产业实现产值300亿元。", "300亿元", "五大主导产业产值"),
    ("规模以上工业实现总产值1106亿元。", "1106亿元", "规模以上工业总产值"),
    ("钢铁、水泥、电解铝等12个行业产能利用率明显回升。", "12个", "钢铁、水泥、电解铝等行业"),
])
def test_examples_before_deng_give_way_to_the_class_they_illustrate(sentence, text, subject):
    assert one(extract(HEADER + "一、2021年工作回顾\n" + sentence), text).subject == subject


def test_a_second_list_after_a_fenbie_list_keeps_its_subjects():
    df = extract(HEADER + "一、2021年工作回顾\n财政总收入和地方公共财政预算收入分别达到36.5亿元、24.2亿元，增长13.4%、16.5%。")
    subj = dict(zip(df["text"], df["subject"]))
    assert subj["36.5亿元"] == subj["13.4%"] == "财政总收入"
    assert subj["24.2亿元"] == subj["16.5%"] == "地方公共财政预算收入"


def test_a_threshold_crossed_is_a_level_reached_and_passed():
    df = extract(HEADER + "一、2021年工作回顾\n经济总量跃上千亿元台阶，财政收入跨越了两千亿元和三千亿元两个台阶。")
    got = df.set_index("text")
    assert got.loc["千亿元", ["value", "unit", "qualifier", "subject"]].tolist() == [1000, "亿元", "over", "经济总量"]
    assert got.loc[["两千亿元", "三千亿元"], "qualifier"].tolist() == ["over", "over"]


@pytest.mark.parametrize("sentence, subjects", [
    ("金融机构存、贷款余额分别增长35%和40.1%。", ["金融机构存款余额", "金融机构贷款余额"]),
    ("进、出口分别增长5%和6%。", ["进口", "出口"]),
])
def test_a_shared_word_split_by_its_pair_gives_each_item_its_name(sentence, subjects):
    assert extract(HEADER + "一、2021年工作回顾\n" + sentence)["subject"].tolist() == subjects


def test_estimate_opening_a_later_clause_reaches_the_end_but_not_the_starting_values():
    df = extract(HEADER.replace("2022", "2021") + "一、过去五年工作回顾\n我们统筹推进各项工作，预计全县生产总值从2015年的39.70亿元"
                 "增长到2020年61.95亿元，年均增长9.3%；工业增加值从1.66亿元增长到2.05亿元。")
    kinds = dict(zip(df["text"], zip(df["year"], df["kind"])))
    assert kinds["39.70亿元"] == (2015, "actual") and kinds["1.66亿元"][1] == "actual"
    assert [kinds[t][1] for t in ("61.95亿元", "9.3%", "2.05亿元")] == ["estimate"] * 3


def test_the_end_of_a_plan_period_as_a_starting_value_or_a_base():
    df = extract("2021年某省政府工作报告\n一、“十三五”时期工作回顾\n全省地区生产总值由“十二五”末的6557亿元增加到9017亿元，"
                 "一般公共预算收入比“十二五”末增长40.2%。")
    got = df.set_index("text")
    assert (got.loc["6557亿元", "year"], got.loc["6557亿元", "subject"]) == (2015, "地区生产总值")
    assert got.loc["40.2%", "subject"] == "一般公共预算收入"


@pytest.mark.parametrize("sentence, text, subject", [
    ("先后召开196次疫情防控指挥部会议。", "196次", "疫情防控指挥部会议"),
    ("第一时间调运1500万只口罩。", "1500万只", "口罩"),
    ("调运599吨瓜果菜支援荆州。", "599吨", "瓜果菜"),
])
def test_a_count_after_a_verb_counts_the_noun_after_it_up_to_what_it_does(sentence, text, subject):
    assert one(extract(HEADER + "一、2021年工作回顾\n" + sentence), text).subject == subject


def test_a_magnitude_or_a_class_before_ji_is_a_label():
    df = extract(HEADER + "一、2021年工作回顾\n电子信息产业成为首个万亿级产业集群，千亿级产业集群8个，发生6.0级地震，30万吨级航道建成投运。")
    assert df["text"].tolist() == ["8个"]


def test_ranks_name_the_measure_without_the_verb_the_scope_or_a_doubled_total():
    df = extract(HEADER + "一、2021年工作回顾\n地区生产总值总量居全省第4位，连续12年蝉联“中国最具幸福感城市”榜首。"
                 "存贷款余额分别是2016年的1.4倍、2.4倍。")
    got = df.set_index("text")
    assert got.loc["全省第4位", "subject"] == "地区生产总值"
    assert got.loc["榜首", "subject"].strip("“”") == "中国最具幸福感城市"
    assert (got.loc["2.4倍", "year"], got.loc["2.4倍", "period"]) == (2021, "2017-2021")


def test_gaps_above_the_city_and_shares_name_the_measure():
    df = extract(HEADER + "一、2021年工作回顾\n地区生产总值增长7.5%，高出全市1.1个百分点；制造业增加值占90.6%。"
                 "初步预计，固定资产投资增长8.5%。")
    got = df.set_index("text")
    assert (got.loc["1.1个百分点", "metric"], got.loc["1.1个百分点", "subject"]) == ("gap", "地区生产总值")
    assert got.loc["90.6%", "subject"] == "制造业增加值"
    assert got.loc["8.5%", "kind"] == "estimate"


def test_a_rank_among_counted_peers_carries_them():
    df = extract(HEADER + "一、2021年工作回顾\n一般公共预算收入均居全市6县市第1位，固定资产投资居八县(市)第2位。")
    assert df.loc[df["metric"] == "rank", "text"].tolist() == ["全市6县市第1位", "八县(市)第2位"]


@pytest.mark.parametrize("sentence, text, subject, scope", [
    ("经济总量居内地大中城市第四位。", "内地大中城市第四位", "经济总量", "内地大中城市"),
    ("综合竞争力列内地城市榜首。", "内地城市榜首", "综合竞争力", "内地城市"),
    ("境内外上市企业数量居中西部第1位。", "中西部第1位", "境内外上市企业数量", "中西部"),
    ("地区生产总值稳居南宁市县域第一。", "南宁市县域第一", "地区生产总值", "南宁市县域"),
    ("经济增长速度居各省区第1位。", "各省区第1位", "经济增长速度", ""),
    ("税收收入增速排全省第2位。", "全省第2位", "税收收入", "全省"),
])
def test_a_rank_among_peers_named_by_their_kind_carries_them_and_leaves_the_measure(sentence, text, subject, scope):
    r = one(extract(HEADER + "一、2021年工作回顾\n" + sentence), text)
    assert (r.metric, r.subject, r.scope) == ("rank", subject, scope)


def test_a_measure_between_the_cue_and_the_rank_stays_the_subject():
    """位居全国百强县投资潜力第3: 投资潜力 is what is ranked, not a kind of peer."""
    df = extract(HEADER + "一、2021年工作回顾\n我县位居全国百强县投资潜力第3、新型城镇化质量第4。")
    assert df.loc[df["metric"] == "rank", "text"].tolist() == ["第3", "第4"]
    assert one(df, "第4").subject == "新型城镇化质量"


def test_a_pdf_copy_with_spaces_between_characters_reads_like_the_text():
    df = extract(HEADER + "一、2021年工作回顾\n全年地区生产总值、规模工业增加值和农村居民 人 均可 支 配收入,预 计 分别 增 长5.8% 、5% 、7.5% 。")
    assert df["kind"].tolist() == ["estimate"] * 3
    assert df["subject"].tolist() == ["地区生产总值", "规模工业增加值", "农村居民人均可支配收入"]


def test_a_note_same_below_inside_a_list_of_names():
    df = extract(HEADER + "一、过去五年工作回顾\n五年来，我市生产总值（预计数，下同）、财政总收入年均分别增长14.1%、22.1%。"
                 "一般预算收入同口径增长6.1%。")
    got = df.set_index("text")
    assert got.loc["14.1%", ["subject", "kind"]].tolist() == ["生产总值", "estimate"]
    assert got.loc["22.1%", ["subject", "kind"]].tolist() == ["财政总收入", "estimate"]
    assert got.loc["6.1%", "subject"] == "一般预算收入"


def test_comparable_basis_and_this_city_are_no_part_of_a_subject_and_doses_count():
    df = extract(HEADER + "一、2021年工作回顾\n本市生产总值增长13.8%，地方公共财政预算收入按可比口径增长14.9%，接种疫苗58.82万剂次。")
    got = df.set_index("text")
    assert got.loc["13.8%", "subject"] == "生产总值"
    assert got.loc["14.9%", "subject"] == "地方公共财政预算收入"
    assert got.loc["58.82万剂次", ["unit", "metric"]].tolist() == ["万剂次", "count"]


def test_a_fenbie_list_of_examples_names_each_with_its_class():
    df = extract(HEADER + "一、2021年工作回顾\n医疗器械、钢构网架等行业产值分别增长7.9%、15.7%，市级重点项目超额完成545个，"
                 "全口径财政收入跃上新台阶3507亿元，开展活动200余场次。")
    got = dict(zip(df["text"], df["subject"]))
    assert (got["7.9%"], got["15.7%"]) == ("医疗器械行业产值", "钢构网架行业产值")
    assert got["545个"] == "市级重点项目" and got["3507亿元"] == "全口径财政收入"
    assert df.set_index("text").loc["200余场次", "unit"] == "场次"


def test_the_deng_of_a_word_opens_no_list_of_examples():
    df = extract(HEADER + "一、2021年工作回顾\n中等职业教育和高等职业教育在校生分别达到2000万人和861万人。")
    assert df["subject"].tolist() == ["中等职业教育在校生", "高等职业教育在校生"]


def test_a_magnitude_with_more_before_a_larger_one_is_one_figure():
    """4万多亿元 is over 4万亿元; 3千多万元 over 3000万元 (as 1万6千多户 is 1.6万户)."""
    df = extract(HEADER + "一、2021年工作回顾\n居民储蓄存款余额新增4万多亿元，引进资金3千多万元，完成投资2百多亿元。")
    got = {r.text: (r.value, r.unit, r.qualifier) for r in df.itertuples()}
    assert got == {"4万多亿元": (4, "万亿元", "over"), "3千多万元": (3000, "万元", "over"),
                   "2百多亿元": (200, "亿元", "over")}
    assert one(df, "4万多亿元").base_value == 4e12


@pytest.mark.parametrize("sentence, figures", [
    ("营业收入超百亿元企业达到4家，超50亿元企业5家。", {"4家": "营业收入超百亿元企业", "5家": "超50亿元企业"}),
    ("引进单项投资5000万元以上工业项目32个。", {"32个": "单项投资5000万元以上工业项目"}),
    ("争取100个以上项目纳入国家用地保障范围。", {"100个以上": None}),  # a count, not a label
    ("固定资产投资突破100亿元，项目建设加快。", {"100亿元": "固定资产投资"}),  # a predicate
    ("西山区成为第四个地区生产总值超千亿的县区。", {"千亿": None}),  # what the place became
])
def test_a_threshold_inside_a_noun_is_a_label_of_the_counted_thing(sentence, figures):
    df = extract(HEADER + "一、2021年工作回顾\n" + sentence)
    assert set(df["text"]) == set(figures)
    for text, subject in figures.items():
        if subject:
            assert one(df, text).subject == subject


#: One phrasing of local reports per row: the sentence, the figure's text and its subject.
SUBJECTS = [
    # a short bracketed note inside a noun does not break the clause
    ("一般公共预算收入超10亿元的县(区)由2个增加到8个。", "2个", "一般公共预算收入超10亿元的县(区)"),
    ("乡镇（街道）由2个增加到8个。", "8个", "乡镇（街道）"),
    ("境内外上市(过会)企业达到122家。", "122家", "境内外上市(过会)企业"),
    ("信用评级AA级以上县（市、区）国企增至260家。", "260家", "信用评级AA级以上县（市、区）国企"),  # its 、 lists nothing
    # per-head words stay whole; adverbs and ordinals go
    ("贫困户人均增收1490元。", "1490元", "贫困户人均增收"),  # 人均 is one word, 增收 its measure
    ("人均地区生产总值达到15万元。", "15万元", "人均地区生产总值"),
    ("城乡居民人均可支配收入名义增长5.3%。", "5.3%", "城乡居民人均可支配收入"),
    ("项目建设复工复产在全省率先达到100%。", "100%", "项目建设复工复产"),
    ("工业经济总量成为全区第四个突破2000亿元的旗县区。", "2000亿元", "工业经济总量"),
    ("工业经济总量成为全区第4个突破2000亿元的旗县区。", "2000亿元", "工业经济总量"),
    ("成为全市第8个地区生产总值突破千亿大关的区县。", "千亿", "地区生产总值"),
    # organising and gathering are verbs before what is counted; 组织部门 is a noun
    ("组织政银企对接活动11场次。", "11场次", "政银企对接活动"),
    ("集聚成长型企业121家。", "121家", "成长型企业"),
    ("组织部门培训干部2000人次。", "2000人次", "组织部门培训干部"),
    # the base of a multiple, and the assessment a rank is given in
    ("规模工业增加值是“十五”末的6.7倍。", "6.7倍", "规模工业增加值"),
    ("在省政府目标管理绩效考核中排名第3。", "排名第3", "省政府目标管理绩效考核"),
    ("在全省专项考核中位列第2。", "位列第2", "专项考核"),
]


@pytest.mark.parametrize("sentence, text, subject", SUBJECTS)
def test_local_phrasings_give_the_measured_subject(sentence, text, subject):
    assert one(extract(HEADER + "一、2021年工作回顾\n" + sentence), text).subject == subject


def test_shi_de_is_a_base_only_when_it_names_a_time():
    """是“十五”末的6.7倍 compares with a base; 特别是…建设的141个项目 does not."""
    r = one(extract(HEADER + "一、2021年工作回顾\n特别是苏联帮助我国建设的141个项目从设计到施工。"), "141个")
    assert r.subject.startswith("项目")
