import pytest

from drafter.figures import Expected, extract_figures, match_figures


def expected_from(facts, section="主要工作"):
    return [Expected(figure, section, fact) for fact in facts for figure in extract_figures(fact)]


def statuses(report):
    return [(result.expected.figure.text, result.status) for result in report.figures]


@pytest.mark.parametrize(
    ("facts", "draft", "expected", "unsupported"),
    [
        (["走访困难职工2848户"], "共走访困难职工2848户。", [("2848户", "exact")], []),
        (["发放慰问金323.062万元"], "共发放慰问金3230620元。", [("323.062万元", "equivalent")], []),
        (["发放慰问金323.062万元"], "共发放慰问金323.0620万元。", [("323.062万元", "equivalent")], []),
        (["慰问三千余名职工"], "慰问3000余名职工。", [("三千余名", "equivalent")], []),
        (["raised $4.2 million"], "The union raised $4,200,000.", [("$4.2 million", "equivalent")], []),
        # altered: the same unit where the fact's words are
        (["走访困难职工2848户"], "共走访困难职工2884户。", [("2848户", "altered")], []),
        (["价值3.5万元的助听器材"], "价值35万元的助听器材。", [("3.5万元", "altered")], []),
        (["完成率98.5%"], "全年完成率95.8%。", [("98.5%", "altered")], []),
        (["慰问三千余名职工"], "慰问3000名职工。", [("三千余名", "altered")], []),  # 余 dropped
        (["9月14日走访慰问"], "9月4日走访慰问。", [("9月14日", "altered")], []),
        # swapped between two figures: two errors, not zero
        (
            ["为174户困难职工办理低保手续，领发低保金147486元"],
            "为147486户困难职工办理低保手续，领发低保金174元。",
            [("174户", "altered"), ("147486元", "altered")],
            [],
        ),
        # missing, and a figure of the same unit elsewhere is not mistaken for it
        (["走访困难职工2848户"], "各级工会扎实开展送温暖活动。", [("2848户", "missing")], []),
        (
            ["走访困难职工2848户"],
            "送温暖活动扎实开展。另为174户低保家庭办理手续。",
            [("2848户", "missing")],
            ["174户"],
        ),
        # a figure given twice must be found twice
        (
            ["表彰先进项目经理部10个、先进处室10个"],
            "表彰了10个先进项目经理部和先进处室。",
            [("10个", "exact"), ("10个", "missing")],
            [],
        ),
        (
            ["表彰先进项目经理部10个、先进处室10个"],
            "表彰了10个先进项目经理部、10个先进处室。",
            [("10个", "exact"), ("10个", "exact")],
            [],
        ),
        # inventions are unsupported; repeating a given figure is not an invention
        (["走访困难职工2848户"], "走访困难职工2848户，开展活动56场。", [("2848户", "exact")], ["56场"]),
        (["走访困难职工2848户"], "走访2848户。这2848户困难职工都得到了慰问。", [("2848户", "exact")], []),
    ],
)
def test_statuses(facts, draft, expected, unsupported):
    report = match_figures(expected_from(facts), draft)
    assert statuses(report) == expected
    assert [o.figure.text for o in report.unsupported] == unsupported
    assert report.ok == all(status in ("exact", "equivalent") for _, status in expected)


def test_repeats_are_listed_under_their_fact():
    report = match_figures(expected_from(["走访困难职工2848户"]), "走访2848户。\n这2848户困难职工都得到了慰问。")
    [result] = report.figures
    assert [(o.line, o.column) for o in result.found] == [(1, 3), (2, 2)]


def test_known_figures_are_not_unsupported():
    known = extract_figures("局工会2023年上半年工作总结")
    report = match_figures(expected_from(["走访2848户"]), "2023年上半年，走访2848户。", known)
    assert report.unsupported == []
    assert [
        o.figure.text for o in match_figures(expected_from(["走访2848户"]), "2023年上半年，走访2848户。").unsupported
    ] == ["2023年"]


def test_equal_figures_pair_by_their_clause():
    facts = ["表彰先进单位4个、优秀组织奖4个"]
    draft = "评出优秀组织奖4个。\n表彰先进单位4个。"
    report = match_figures(expected_from(facts), draft)
    assert [(o.line for o in r.found).__next__() for r in report.figures] == [2, 1]


def test_counts_and_locations():
    report = match_figures(
        expected_from(["走访2848户，发放3.5万元，捐款71800元"]), "走访2884户。\n发放3.5万元，另有56场。"
    )
    assert report.counts == {
        "figures": 3,
        "exact": 1,
        "equivalent": 0,
        "altered": 1,
        "missing": 1,
        "unsupported": 1,
    }
    altered = report.figures[0]
    assert altered.status == "altered"
    assert [(o.figure.text, o.line, o.column) for o in altered.found] == [("2884户", 1, 3)]
    assert [(o.figure.text, o.line, o.column) for o in report.unsupported] == [("56场", 2, 11)]


def test_sections_in_the_draft_are_found_under_headings():
    report = match_figures(
        expected_from(["走访2848户"], section="主要工作"), "# 总结\n\n## 一、主要工作\n\n走访2848户。\n"
    )
    assert report.figures[0].found[0].section == "主要工作"


def report_of(facts, draft, *, period="", section="主要工作"):
    known = extract_figures(period) if period else []
    return match_figures(expected_from(facts, section), draft, known)


@pytest.mark.parametrize(
    ("period", "fact", "draft", "status"),
    [
        # the document's year written out is the same date; another year or day is another date
        ("2011年", "6月30日前完成", "2011年6月30日前完成。", "equivalent"),
        ("2011年", "2011年6月30日前完成", "6月30日前完成。", "equivalent"),
        ("2011年", "6月30日前完成", "2012年6月30日前完成。", "altered"),
        ("2011年", "6月30日前完成", "2011年6月29日前完成。", "altered"),
        ("2011年上半年", "截至6月底", "截至2011年6月30日。", "equivalent"),
        ("2023年", "截至2023年底", "截至年末，", "equivalent"),
        ("2025年一季度", "3月末存款余额", "2025年3月末存款余额。", "equivalent"),
        # a year no fact and no period gives is not assumed: with no year known at all, adding one is accepted
        ("", "6月30日前完成", "2017年6月30日前完成。", "equivalent"),
    ],
)
def test_dates_with_the_documents_year(period, fact, draft, status):
    [result] = report_of([fact], draft, period=period).figures
    assert result.status == status


def test_an_altered_date_is_paired_with_a_date_of_its_shape():
    report = report_of(["25日召开大会"], "2017年召开大会，当月26日完成。", period="2017年")
    [result] = report.figures
    assert result.status == "altered"
    assert [o.figure.text for o in result.found] == ["26日"]


@pytest.mark.parametrize(
    ("facts", "draft", "swapped"),
    [
        # two rates of one fact, each with its label: a swap is two errors
        (
            ["第一产业增加值37.11亿元，增长4.5%；第二产业增加值339.85亿元，增长2.6%"],
            "第一产业增加值37.11亿元，增长2.6%；第二产业增加值339.85亿元，增长4.5%。",
            {"4.5%": "2.6%", "2.6%": "4.5%"},
        ),
        # the order of a 分别 list
        (["城镇和农村分别占47.9%和32.14%"], "城镇和农村分别占32.14%和47.9%。", {"47.9%": "32.14%", "32.14%": "47.9%"}),
        # a 分别 list without subjects takes the figures before it as its labels
        (
            ["事故610起、死亡358人、受伤437人，同比分别下降8.1%、6.3%、9.7%"],
            "全年发生事故610起、死亡358人、受伤437人，同比分别下降6.3%、8.1%和9.7%。",
            {"8.1%": "6.3%", "6.3%": "8.1%"},
        ),
        # the labels of the sentence's earlier list carry over
        (
            ["税务、财政部门分别完成21334万元、12762万元，分别下降9.9%、10.7%"],
            "税务部门和财政部门分别完成21334万元和12762万元，同比分别下降10.7%和9.9%。",
            {"9.9%": "10.7%", "10.7%": "9.9%"},
        ),
        # two facts told apart by their topics
        (
            ["前三批A线以上103人，超出32人", "大专线以上243人，超出92人"],
            "前三批A线以上103人，超出92人。大专线以上243人，超出32人。",
            {"32人": "92人", "92人": "32人"},
        ),
        # 同比 and 环比
        (["销售额同比增长5%，环比增长2%"], "销售额同比增长2%，环比增长5%。", {"5%": "2%", "2%": "5%"}),
    ],
)
def test_swapped_figures_are_altered_naming_both(facts, draft, swapped):
    report = match_figures(expected_from(facts), draft)
    altered = {r.expected.figure.text: r.found[0].figure.text for r in report.figures if r.status == "altered"}
    assert altered == swapped


@pytest.mark.parametrize(
    ("facts", "draft"),
    [
        # rewording, reordering and merging sentences is no swap
        (
            ["第一产业增加值37.11亿元，增长4.5%；第二产业增加值339.85亿元，增长2.6%"],
            "第二产业实现增加值339.85亿元，同比增长2.6%；第一产业实现增加值37.11亿元，同比增长4.5%。",
        ),
        (
            ["第一产业增加值37.11亿元，增长4.5%；第二产业增加值339.85亿元，增长2.6%"],
            "第一、二产业增加值分别为37.11亿元和339.85亿元，分别增长4.5%和2.6%。",
        ),
        (["城镇和农村分别占47.9%和32.14%"], "城镇占47.9%，农村占32.14%。"),
        (
            ["城镇居民人均可支配收入42356元，增长5.1%", "农村居民人均可支配收入21208元，增长7.2%"],
            "城镇居民人均可支配收入42356元，比上年增长5.1%，增速比农村居民低；农村居民人均可支配收入21208元，增长7.2%。",
        ),
    ],
)
def test_faithful_rewordings_raise_no_swap(facts, draft):
    report = match_figures(expected_from(facts), draft)
    assert report.ok, [(r.expected.figure.text, r.status) for r in report.figures]


@pytest.mark.parametrize(
    ("fact", "draft", "status", "found"),
    [
        # the same number with another unit where the fact's words are: altered
        ("支出4.6亿元", "支出完成4.6%。", "altered", "4.6%"),
        ("比上年提高9.6个百分点", "比上年提高9.6%。", "altered", "9.6%"),
        ("消费券惠及1.2万人次", "消费券惠及群众1.2万人。", "altered", "1.2万人"),
        # rounding where the fact's words are not: still the fact's place
        ("接处警情254起，下降28.45%", "接处警情254起，降幅为28.5%。", "altered", "28.5%"),
        # the draft names the unit the writer left implicit: equivalent
        ("解决1.12万贫困人口饮水安全问题", "解决了11200名贫困人口的饮水安全问题。", "equivalent", "11200名"),
        ("营业收入迈过千亿大关", "营业收入迈过千亿元大关。", "equivalent", "千亿元大关"),
    ],
)
def test_units_changed_and_named(fact, draft, status, found):
    results = [r for r in report_of([fact], draft).figures if r.status != "exact"]
    assert [(r.status, [o.figure.text for o in r.found]) for r in results] == [(status, [found])]


def test_a_deleted_figure_is_not_paired_with_an_unrelated_invention():
    report = report_of(["救助困难职工296名，其中上门慰问10人"], "救助困难职工296名。活动惠及职工家属1200余人。")
    assert [(r.expected.figure.text, r.status) for r in report.figures] == [("296名", "exact"), ("10人", "missing")]
    assert [o.figure.text for o in report.unsupported] == ["1200余人"]


def test_a_repeat_in_another_matter_is_unsupported():
    report = report_of(["上全国重点大学本科3人"], "有3人考上全国重点大学本科。另外，650分以上3人。")
    assert report.figures[0].status == "exact"
    assert [o.figure.text for o in report.unsupported] == ["650分以上", "3人"]
    repeated = report_of(["走访困难职工2848户"], "走访2848户。这2848户困难职工都得到了慰问。")
    assert len(repeated.figures[0].found) == 2 and not repeated.unsupported


def test_ignored_numbers_come_with_line_column_and_reason():
    report = report_of(["走访2848户"], "根据〔2023〕6号文件，\n党的二十届三中全会以来走访2848户。")
    assert report.ok and not report.unsupported
    assert [(i.number.text, i.line, i.column, i.number.reason) for i in report.ignored] == [
        ("〔2023〕6号", 1, 3, "document-number"),
        ("二十届", 2, 3, "meeting"),
    ]


def test_a_quarter_or_a_signature_date_no_fact_gives_is_set_aside_not_unsupported():
    report = report_of(["走访2848户"], "第一季度走访2848户。\n\n局工会\n2023年7月15日\n")
    assert report.unsupported == []
    assert [(i.number.text, i.number.reason) for i in report.ignored] == [
        ("第一季度", "period-name"),
        ("2023年7月15日", "date-line"),
    ]


def test_a_count_in_a_heading_is_known_only_beside_its_words():
    """「## 两项补贴」 lets a draft repeat 两项 where it speaks of the 补贴, not an invented 2项 elsewhere."""
    from drafter.figures import Known

    known = [Known(figure, "两项补贴") for figure in extract_figures("两项补贴")]
    draft = "两项补贴制度全面落实。共获得3金，打破省纪录2项。"
    report = match_figures(expected_from(["共获得3金"]), draft, known)
    assert report.ok
    assert [o.figure.text for o in report.unsupported] == ["2项"]


def test_a_period_spanning_years_lets_the_draft_say_how_long():
    known = extract_figures("2016—2020年")
    report = match_figures(expected_from(["新增就业1288人"]), "五年间新增就业1288人，2018年起步。", known)
    assert report.ok and report.unsupported == []


@pytest.mark.parametrize(
    ("facts", "draft", "swapped"),
    [
        # subjects in an earlier clause; members followed by what they count; a shared predicate after the subjects
        (
            ["市财政对集中供养、分散供养每人每年分别拨付3500元、2300元"],
            "市财政对集中供养和分散供养对象，每人每年分别拨付2300元和3500元基本生活费。",
            {"3500元": "2300元", "2300元": "3500元"},
        ),
        (
            ["困难残疾人生活补贴和重度残疾人护理补贴分别惠及2.1万名和2.5万名"],
            "困难残疾人生活补贴和重度残疾人护理补贴分别惠及2.5万名困难残疾人和2.1万名重度残疾人。",
            {"2.1万名": "2.5万名", "2.5万名": "2.1万名"},
        ),
        (
            ["住院费用目录内基金支付比例职工医保84.2%、居民医保68.3%"],
            "职工医保和居民医保住院费用目录内基金支付比例分别为68.3%和84.2%。",
            {"84.2%": "68.3%", "68.3%": "84.2%"},
        ),
        (
            ["股份制企业、外商及港澳台商投资企业增加值分别增长18.2%、43.0%"],
            "股份制企业增长43%，外商及港澳台商投资企业增长18.2%。",
            {"18.2%": "43%", "43.0%": "18.2%"},
        ),
    ],
)
def test_swaps_in_lists_whose_subjects_sit_elsewhere(facts, draft, swapped):
    report = match_figures(expected_from(facts), draft)
    altered = {r.expected.figure.text: r.found[0].figure.text for r in report.figures if r.status == "altered"}
    assert altered == swapped


@pytest.mark.parametrize(
    ("fact", "draft", "status"),
    [
        ("利润总额下降12.1%", "利润总额同比增长12.1%。", "altered"),  # the change reversed
        ("利润总额下降12.1%", "利润总额降幅为12.1%。", "exact"),
        ("资产负债率同比增长0.6个百分点", "资产负债率比上年提高0.6个百分点。", "exact"),
        ("分别下降4.1%和6.3%", "分别下降4.1%、6.3%。", "exact"),  # a list member takes no word of its own
    ],
)
def test_a_change_reversed_is_altered(fact, draft, status):
    [result, *_] = report_of([fact], draft).figures
    assert result.status == status


def test_the_title_answers_for_a_fact_only_when_the_body_does_not():
    facts = ["1—5月全县财政收入3.4亿元"]
    body_silent = "# 某县2024年1—5月财政收支情况\n\n全县财政收入3.4亿元。\n"
    assert report_of(facts, body_silent).ok
    body_changed = "# 某县2024年1—5月财政收支情况\n\n1至6月，全县财政收入3.4亿元。\n"
    [months, _] = report_of(facts, body_changed).figures
    assert months.status == "altered" and months.found[0].figure.text == "1至6月"


def test_the_end_of_the_documents_period_is_known():
    from drafter.figures import Known

    known = [Known(figure, "2023年上半年") for figure in extract_figures("2023年上半年")]
    report = match_figures(expected_from(["存款余额9024.82亿元"]), "截至6月末，存款余额9024.82亿元。", known)
    assert report.ok and report.unsupported == []


@pytest.mark.parametrize(
    ("facts", "draft", "swapped"),
    [
        (  # subjects after the list
            ["租赁和商务服务业增长24.9%；互联网和相关服务增长24%；软件和信息技术服务业增长23.7%"],
            "增长23.7%、24%和24.9%的依次是租赁和商务服务业、互联网和相关服务、软件和信息技术服务业。",
            {"24.9%": "23.7%", "23.7%": "24.9%"},
        ),
        (  # subjects in an earlier clause that holds figures of its own
            ["存款余额9024.82亿元，较上年末增长775.35亿元", "贷款余额6737.36亿元，较上年末增长410.59亿元"],
            "各项存款余额9024.82亿元、贷款余额6737.36亿元，较上年末分别增长410.59亿元和775.35亿元。",
            {"775.35亿元": "410.59亿元", "410.59亿元": "775.35亿元"},
        ),
        (  # a predicate between 分别 and the list
            ["合同项目20项、利用外资2.09亿美元，分别占签约项目总数和利用外资数的38%和41%"],
            "其中合同项目20项，利用外资2.09亿美元，分别占签约项目总数和利用外资总数的41%和38%。",
            {"38%": "41%", "41%": "38%"},
        ),
        (  # the figures before the list label it, three of them of different units
            ["查处各类案件495起，同比增长68%", "查获非法卷烟281件，同比增长80%"],
            "全市共查处各类涉烟案件495起，查获非法卷烟281件，涉案金额107万元，同比分别增长80%、68%和62%。",
            {"68%": "80%", "80%": "68%"},
        ),
    ],
)
def test_swaps_whose_labels_sit_after_or_before_the_list(facts, draft, swapped):
    report = match_figures(expected_from(facts), draft)
    altered = {r.expected.figure.text: r.found[0].figure.text for r in report.figures if r.status == "altered"}
    assert altered == swapped
