"""The figure engine's table of hard cases: what is a figure, what it is worth, and what is not a figure."""

from decimal import Decimal

import pytest

from drafter.figures import extract_figures
from drafter.figures.phrases import SET_PHRASES


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
    ],
)
def test_not_figures(text):
    assert found(text) == []


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
    ],
)
def test_different_figures_have_different_keys(a, b):
    [first], [second] = extract_figures(a), extract_figures(b)
    assert first.key != second.key
