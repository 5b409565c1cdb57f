"""The figure engine's table of hard cases: what is a figure, what it is worth, and what is not a figure."""

from decimal import Decimal

import pytest

from drafter.figures import extract_figures
from drafter.figures.extract import REASONS, scan
from drafter.figures.set_phrases import SET_PHRASES
from drafter.messages import MESSAGES


def found(text):
    return [(f.text, f.unit, None if f.value is None else Decimal(f.value).normalize()) for f in extract_figures(text)]


def fig(text, unit, value=None):
    return (text, unit, None if value is None else Decimal(value).normalize())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Arabic, separators, decimals, multipliers
        ("发放慰问金323.062万元", [fig("323.062万元", "元", 3230620)]),
        ("走访困难职工2848户", [fig("2848户", "户", 2848)]),
        ("领发低保金147,486元", [fig("147,486元", "元", 147486)]),
        ("价值1.50万元", [fig("1.50万元", "元", 15000)]),
        ("投资1.2亿元", [fig("1.2亿元", "元", 120_000_000)]),
        ("投资12000万元", [fig("12000万元", "元", 120_000_000)]),
        ("资金5千元", [fig("5千元", "元", 5000)]),
        ("合同额2.5千万元", [fig("2.5千万元", "元", 25_000_000)]),
        # full-width digits
        ("慰问２８４８户", [fig("２８４８户", "户", 2848)]),
        ("占比５０％", [fig("５０％", "%", 50)]),
        # percentages and per-mille
        ("完成率98.5%", [fig("98.5%", "%", "98.5")]),
        ("百分之五十", [fig("百分之五十", "%", 50)]),
        ("增长百分之三十五点五", [fig("百分之三十五点五", "%", "35.5")]),
        ("千分之五", [fig("千分之五", "‰", 5)]),
        ("提高2.3个百分点", [fig("2.3个百分点", "个百分点", "2.3")]),
        ("三分之一以上", [fig("三分之一以上", "", Decimal(1) / Decimal(3))]),
        # Chinese numerals with 两/零/〇
        ("两千零八户", [fig("两千零八户", "户", 2008)]),
        ("九十五名劳动模范", [fig("九十五名", "名", 95)]),
        ("举办了两次迎春游艺活动", [fig("两次", "次", 2)]),
        ("郫县、彭山两个赛区", [fig("两个", "个", 2)]),
        ("壹万贰仟元", [fig("壹万贰仟元", "元", 12000)]),
        # approximate markers: the marker is part of the figure
        ("三千余名职工", [fig("三千余名", "名", 3000)]),
        ("3000余名职工", [fig("3000余名", "名", 3000)]),
        ("30多户", [fig("30多户", "户", 30)]),
        ("4万多元", [fig("4万多元", "元", 40000)]),
        ("近万名离退休职工", [fig("近万名", "名", 10000)]),
        ("约500人", [fig("约500人", "名", 500)]),
        ("走访群众5户以上", [fig("5户以上", "户", 5)]),
        ("参加人数达到2000人左右", [fig("2000人左右", "名", 2000)]),
        ("逾百名", [fig("逾百名", "名", 100)]),
        # vague amounts: no single value, but checkable by their words
        ("数千名职工", [fig("数千名", "名")]),
        ("十几个娱乐项目", [fig("十几个", "个")]),
        ("上万人参加", [fig("上万人", "名")]),
        # ranges
        ("与20-30位一线员工", [fig("20-30位", "名")]),
        ("与20至30位一线员工", [fig("20至30位", "名")]),
        ("每组负责1至2个县", [fig("1至2个", "个")]),
        ("二三十位代表", [fig("二三十位", "名")]),
        ("三四个单位", [fig("三四个", "个")]),
        # dates
        ("局工会在5月4日、9月14日先后", [fig("5月4日", "date"), fig("9月14日", "date")]),
        ("三月十五日传真件", [fig("三月十五日", "date")]),
        ("8月11日我局", [fig("8月11日", "date")]),
        ("截至10月底", [fig("10月底", "date")]),
        ("2023年上半年", [fig("2023年", "date")]),
        ("二〇二三年工作", [fig("二〇二三年", "date")]),
        ("2023年7月2日召开", [fig("2023年7月2日", "date")]),
        ("on September 14, 2023", [fig("September 14, 2023", "date")]),
        # durations are counts, not dates
        ("连续3年", [fig("3年", "年", 3)]),
        ("历时3个月", [fig("3个月", "个月", 3)]),
        # ordinals count, numbering does not
        ("连续第四年荣获", [fig("第四年", "第…年", 4)]),
        ("第六次人口普查", [fig("第六次", "第…次", 6)]),
        ("荣获二等奖", [fig("二等奖", "等奖", 2)]),
        # temperature
        ("中午温度高达摄氏42度", [fig("摄氏42度", "℃", 42)]),
        ("气温42℃", [fig("42℃", "℃", 42)]),
        ("零下5℃", [fig("零下5℃", "℃", -5)]),
        # English
        ("raised $4.2 million", [fig("$4.2 million", "$", 4_200_000)]),
        ("raised $4,200,000", [fig("$4,200,000", "$", 4_200_000)]),
        ("4.2 million dollars", [fig("4.2 million dollars", "$", 4_200_000)]),
        ("grew 12.5 percent", [fig("12.5 percent", "%", "12.5")]),
        ("grew 12.5 per cent", [fig("12.5 per cent", "%", "12.5")]),
        ("visited 2,848 households", [fig("2,848 households", "household", 2848)]),
        ("donated 71,800 yuan", [fig("71,800 yuan", "元", 71800)]),
        ("RMB 3.23 million", [fig("RMB 3.23 million", "元", 3_230_000)]),
        ("in 2023 the union", [fig("2023", "date")]),
        # the unit matters
        ("5期简报和5名代表", [fig("5期", "期", 5), fig("5名", "名", 5)]),
        ("先进项目经理部10个、先进处室10个", [fig("10个", "个", 10), fig("10个", "个", 10)]),
        # a typo in the seed: 、 for a decimal point makes two figures, not 323.062万元
        ("慰问金323、062万元", [fig("323", "", 323), fig("062万元", "元", 620000)]),
        # a unit (and its 万/亿) shared by a list: every member counts it
        ("比重分别回落2.16和1.66个百分点", [fig("2.16", "个百分点", "2.16"), fig("1.66个百分点", "个百分点", "1.66")]),
        (
            "分别为12、15和18万元",
            [fig("12", "元", 120000), fig("15", "元", 150000), fig("18万元", "元", 180000)],
        ),
        ("分别达到1.2万、3.4万人次", [fig("1.2万", "人次", 12000), fig("3.4万人次", "人次", 34000)]),
        ("分别送慰问金2000、1500元", [fig("2000", "元", 2000), fig("1500元", "元", 1500)]),
        ("增长3.1%、2.4%", [fig("3.1%", "%", "3.1"), fig("2.4%", "%", "2.4")]),
        ("在4、5月开展", [fig("4", "date"), fig("5月", "date")]),
        # magnitude words, with their markers
        ("近百万元", [fig("近百万元", "元", 1_000_000)]),
        ("逾千亿元", [fig("逾千亿元", "元", 100_000_000_000)]),
        ("突破万亿元", [fig("突破万亿元", "元", 10**12)]),
        ("营业收入迈过千亿大关", [fig("千亿大关", "", 100_000_000_000)]),
        ("上千人", [fig("上千人", "名")]),
        ("数十万元", [fig("数十万元", "元")]),
        ("争取资金二十多万元", [fig("二十多万元", "元", 200_000)]),
        ("3000余万元", [fig("3000余万元", "元", 30_000_000)]),
        ("粮食生产八连增", [fig("八连增", "连增", 8)]),
        ("占比近三成", [fig("近三成", "成", 3)]),
        ("经济总量翻一番", [fig("一番", "番", 1)]),
        # ranks are figures; numbering is not (a test below)
        ("排名第一", [fig("第一", "第…名", 1)]),
        ("名列全市第一", [fig("第一", "第…名", 1)]),
        ("全省第三，", [fig("第三", "第…名", 3)]),
        ("居全国第二位", [fig("第二位", "第…名", 2)]),
        ("获得第一名", [fig("第一名", "第…名", 1)]),
        ("进入全省前十", [fig("前十", "前…名", 10)]),
        ("增量居全县首位", [fig("首位", "第…名", 1)]),
        # ratios: every term, in its place
        (
            "三次产业结构为6.01:55.04:38.95",
            [fig("6.01", ":", "6.01"), fig("55.04", ":", "55.04"), fig("38.95", ":", "38.95")],
        ),
        ("男女比例为1∶1.2", [fig("1", ":", 1), fig("1.2", ":", "1.2")]),
        ("结构为7.3%∶39.9%∶52.8%", [fig("7.3%", ":", "7.3"), fig("39.9%", ":", "39.9"), fig("52.8%", ":", "52.8")]),
        # units a reader would misread
        ("60周岁以上", [fig("60周岁以上", "岁", 60)]),
        ("下降2个千分点", [fig("2个千分点", "个千分点", 2)]),
        ("夺得1银6铜", [fig("1银", "银牌", 1), fig("6铜", "铜牌", 6)]),
        ("共获1枚银牌、6枚铜牌", [fig("1枚银牌", "银牌", 1), fig("6枚铜牌", "铜牌", 6)]),
        ("“4横12纵”路网", [fig("4横", "横", 4), fig("12纵", "纵", 12)]),
        ("跻身世界500强", [fig("500强", "强", 500)]),
        ("新增3A级景区2个", [fig("3A级", "A级", 3), fig("2个", "个", 2)]),
        ("五星级职工之家", [fig("五星级", "星级", 5)]),
        ("用电量5.6亿千瓦时", [fig("5.6亿千瓦时", "千瓦时", 560_000_000)]),
        ("人口自然增长率-0.60‰", [fig("-0.60‰", "‰", "-0.60")]),
        # dates: quarters, month ends, year ends and ranges
        ("一季度", [fig("一季度", "date")]),
        ("三个季度", [fig("三个季度", "季度", 3)]),
        ("截至6月底", [fig("6月底", "date")]),
        ("截至2011年末", [fig("2011年末", "date")]),
        ("截至年末", [fig("年末", "date")]),
        ("1月5日至25日", [fig("1月5日", "date"), fig("25日", "date")]),
        ("2023.9.14", [fig("2023.9.14", "date")]),
        ("一季度末资产负债率", [fig("一季度末", "date")]),
        ("4、5、6月份开展", [fig("4", "date"), fig("5", "date"), fig("6月份", "date")]),
        ("同比分别增长1.1个和0.6个百分点", [fig("1.1个", "个百分点", "1.1"), fig("0.6个百分点", "个百分点", "0.6")]),
        ("2020年至2022年", [fig("2020年至2022年", "date")]),
        ("2020—2022年", [fig("2020—2022年", "date")]),
        ("1—5月", [fig("1—5月", "date")]),
        # ranks in a list, second largest, a rank in brackets
        ("依次位居第二、第三和第四", [fig("第二", "第…名", 2), fig("第三", "第…名", 3), fig("第四", "第…名", 4)]),
        ("中国是其第二大贸易伙伴", [fig("第二大", "第…名", 2)]),
        ("山东579.5亿元（第二）", [fig("579.5亿元", "元", 579_500_000_00), fig("第二", "第…名", 2)]),
        ("469.9万辆次", [fig("469.9万辆次", "辆次", 4_699_000)]),
    ],
)
def test_figures(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # outline numbering
        "一、上半年完成的主要工作",
        "（二）规范完善学校工会委员会组织机制",
        "1、加强学习\n2. 筹备承办\n3）开展活动",
        "(1) 加强学习",
        "第一，第二，第三，",
        "一是对施工局了解不够；二是改制公司发展不平衡；三是工会干部队伍建设薄弱",
        "Section 3 and No. 5",
        # set phrases and slogans
        "做到两个维护，增强四个意识，落实八项规定，坚持三会一课",
        "实施十四五规划，十三五期间",
        "千家万户，四面八方，三番五次",
        # festivals and numerals in names
        "庆“三八”节，五一期间，六一儿童节，七一座谈会，五四青年节",
        "一分局、三分局、六分局、水电七局、县一中、十八大",
        "七工发文件，三峡总公司，四川省，三台县",
        # a lone 一 is an article
        "进行了一次全面调查，建立一支队伍，召开一个会议，提出一项建议",
        # placeholders, codes, names with digits
        "20__年工作要点，200_年",
        "G20峰会，5G网络，H7N9，COVID-19",
        "电话0731-88888888",
        "1.1.1.4 条款，v1.2",
        # numerals inside idioms, 一线
        "一线职工，一如既往，进一步，唯一，统一",
        # numbering and names that hold an ordinal, not a rank
        "第一产业增加值，全省第一产业，第一书记，第一，加强学习",
        # a magnitude's name is no amount
        "单位：万元，每万元GDP能耗",
    ],
)
def test_not_figures(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("党的十八届六中全会", [("十八届", "meeting")]),
        ("市四届人大四次会议", [("四届", "meeting"), ("四次", "meeting")]),
        ("第十三届全国人民代表大会第四次会议", [("第十三届", "meeting"), ("第四次", "meeting")]),
        ("局工会五届十次全委会议", [("五届", "meeting"), ("十次", "meeting")]),
        ("公司第五届董事会第十二次会议", [("第五届", "meeting"), ("第十二次", "meeting")]),
        ("出台稳经济41条", [("41条", "policy-name")]),
        ("制定30条举措", [("30条", "policy-name")]),
        ("落实三个推定", [("三个推定", "set-phrase")]),
        ("根据〔2023〕6号文件", [("〔2023〕6号", "document-number")]),
        ("七工发[2023]1号", [("[2023]1号", "document-number")]),
        ("见图1", [("1", "caption")]),
        ("注12", [("12", "caption")]),
        ("§5", [("5", "numbering")]),
        ("5.1 总体情况", [("5.1", "numbering")]),
        ("1.2011年全年", [("1", "numbering")]),
        ("《捐献一日工资倡议书》", [("《捐献一日工资倡议书》", "title")]),
        ("推动12345市民服务热线", [("12345", "telephone")]),
        ("我只讲两个问题", [("两个", "speech")]),
        ("开展千名干部结对帮扶", [("千名", "slogan")]),
        ("开展“千名干部进万家”活动", [("“千名干部进万家”", "quoted-name")]),
        ("上午9:30召开", [("9:30", "time-of-day")]),
        ("2035年远景目标", [("2035年", "plan-name")]),
        ("地铁1号线、2号线", [("1", "name"), ("2", "name")]),
        ("G20峰会", [("20", "code")]),
        ("（股票代码：601077）", [("601077", "code")]),
        ("畅通12333人社服务热线", [("12333人", "telephone")]),
        ("“增收益、抓转型”十二个字", [("十二个", "slogan")]),
        ("治本攻坚三年行动", [("三年", "slogan")]),
    ],
)
def test_numbers_set_aside_say_why(text, numbers):
    """Nothing vanishes silently: a number judged not to be a figure is kept with its reason."""
    assert [(item.text, item.reason) for item in scan(text).ignored] == numbers


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        # an invented figure beside noise stays a figure: the rules that set noise aside must not hide it
        ("区五届人大三次会议以来，新增就业岗位1200个", ["1200个"]),
        ("根据〔2023〕6号文件，拨付资金350万元", ["350万元"]),
        ("开展“百日攻坚”行动，整改隐患4300项", ["4300项"]),
        ("印发《实施方案》后，培训2000人次", ["2000人次"]),
        ("推送惠企政策15条", ["15条"]),
        ("12345热线受理诉求2.3万件", ["2.3万件"]),
        ("排查隐患30条，整改率100%", ["30条", "100%"]),
        ("召开12次会议", ["12次"]),
        ("实现“八连增”", ["八连增"]),
        ("近千名干部下沉社区", ["近千名"]),
        ("全省第一产业增加值增长4.5%", ["4.5%"]),
        ("围绕党的十九届五中全会精神组织集中学习4次", ["4次"]),
        ("第二大队出动120人次", ["120人次"]),
    ],
)
def test_noise_rules_do_not_hide_real_figures(text, figures):
    assert [figure.text for figure in extract_figures(text)] == figures


def test_every_reason_has_words_in_both_languages():
    for reason in REASONS:
        chinese, english = MESSAGES[f"reason_{reason}"]
        assert chinese and english and chinese != english


@pytest.mark.parametrize("phrase", SET_PHRASES)
def test_every_set_phrase_is_needed_and_works(phrase):
    """Each entry would otherwise read as a figure, and with the list it does not."""
    assert extract_figures(phrase, skip_set_phrases=False)
    assert extract_figures(phrase) == []


def test_positions_are_offsets_in_the_original_text():
    text = "今年共走访２８４８户，发放慰问金323.062万元。"
    for figure in extract_figures(text):
        assert text[figure.start : figure.end] == figure.text


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("323.062万元", "3230620元"),
        ("1.2亿元", "12000万元"),
        ("1.50万元", "1.5万元"),
        ("百分之五十", "50%"),
        ("两千零八户", "2008户"),
        ("三千余名", "3000余名"),
        ("3000多名", "3000余名"),
        ("$4.2 million", "$4,200,000"),
        ("12.5 percent", "12.5%"),
        ("9月14日", "九月十四日"),
        ("20-30位", "20至30位"),
        ("95位", "95名"),
        ("摄氏42度", "42℃"),
        ("２８４８户", "2,848户"),
        ("71800元", "71,800 yuan"),
        ("排名第一", "第一名"),
        ("一季度", "第一季度"),
        ("截至6月底", "6月30日"),
        ("2011年末", "2011年12月31日"),
        ("20多万元", "二十多万元"),
        ("1银", "银牌1枚"),
        ("6.3日", "6.3天"),
        ("60周岁", "60岁"),
        ("一季度末", "3月31日"),
        ("2020年至2022年", "2020—2022年"),
    ],
)
def test_equivalent_notations_have_one_key(a, b):
    [first], [second] = extract_figures(a), extract_figures(b)
    assert first.key == second.key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("5期", "5名"),
        ("3000名", "3000余名"),  # 余 changes the claim
        ("近万名", "一万名"),
        ("第六次", "6次"),
        ("2848户", "2884户"),
        ("3.5万元", "35万元"),
        ("9月14日", "9月4日"),
        ("20-30位", "20-40位"),
        ("2.3%", "2.3个百分点"),
        ("近百万元", "100万元"),  # the marker is the claim
        ("排名第一", "排名前三名"),
        ("一季度", "前三季度"),
        ("三季度", "三个季度"),
        ("6个千分点", "6个百分点"),
    ],
)
def test_different_figures_have_different_keys(a, b):
    [first], [second] = extract_figures(a), extract_figures(b)
    assert first.key != second.key
