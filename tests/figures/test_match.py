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
