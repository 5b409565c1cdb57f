"""The fixtures derived from the seed samples: exact statuses for every figure, faithful and with planted errors."""

from pathlib import Path

import pytest

from drafter.documents.facts import read_facts
from drafter.review.check import check_draft, fact_figures, known_figures

FIXTURES = Path(__file__).parent.parent.parent / "fixtures"


def check(name, draft):
    document = read_facts(FIXTURES / name / "facts.md")
    return check_draft(document, (FIXTURES / name / f"draft-{draft}.md").read_text(encoding="utf-8"))


def not_exact(report):
    return [
        (r.expected.figure.text, r.status, [o.figure.text for o in r.found])
        for r in report.figures
        if r.status != "exact"
    ]


@pytest.mark.parametrize(
    ("name", "draft", "counts", "other_than_exact", "unsupported"),
    [
        (
            "union-2023h1",
            "faithful",
            {"figures": 41, "exact": 34, "equivalent": 7, "altered": 0, "missing": 0, "unsupported": 0},
            [
                ("近万名", "equivalent", ["近1万名"]),
                ("71800元", "equivalent", ["71,800元"]),
                ("8个", "equivalent", ["八个"]),
                ("100多名", "equivalent", ["一百多名"]),
                ("147486元", "equivalent", ["14.7486万元"]),
                ("10000元", "equivalent", ["10,000元"]),
                ("摄氏42度", "equivalent", ["42℃"]),
            ],
            [],
        ),
        (
            "union-2023h1",
            "errors",
            {"figures": 41, "exact": 34, "equivalent": 0, "altered": 5, "missing": 2, "unsupported": 1},
            [
                ("2848户", "altered", ["2884户"]),  # transposed digits
                ("10个", "missing", []),  # given twice, written once
                ("95名", "altered", ["59名"]),
                ("174户", "altered", ["147486户"]),  # swapped with the amount: two errors
                ("147486元", "altered", ["174元"]),
                ("9万元", "altered", ["90万元"]),  # scale changed
                ("13人次", "missing", []),  # sentence dropped
            ],
            ["56场"],  # invented
        ),
        (
            "county-bureau-2010",
            "faithful",
            {"figures": 12, "exact": 0, "equivalent": 12, "altered": 0, "missing": 0, "unsupported": 0},
            [
                ("5月4日", "equivalent", ["五月四日"]),
                ("9月14日", "equivalent", ["九月十四日"]),
                ("2床", "equivalent", ["两床"]),
                ("28000余元", "equivalent", ["2.8万余元"]),
                ("30多户", "equivalent", ["三十多户"]),
                ("4万多元", "equivalent", ["四万多元"]),
                ("8月", "equivalent", ["八月份"]),
                ("5户", "equivalent", ["五户"]),
                ("3000元", "equivalent", ["三千元"]),
                ("4万余元", "equivalent", ["四万余元"]),
                ("4位", "equivalent", ["四位"]),
                ("3位", "equivalent", ["三位"]),
            ],
            [],
        ),
        (
            "county-bureau-2010",
            "errors",
            {"figures": 12, "exact": 9, "equivalent": 0, "altered": 2, "missing": 1, "unsupported": 1},
            [
                ("9月14日", "altered", ["9月24日"]),
                ("30多户", "altered", ["30户"]),  # 多 dropped: a different claim
                ("4位", "missing", []),
            ],
            ["120余人"],
        ),
        (
            "english-2023h1",
            "faithful",
            {"figures": 8, "exact": 3, "equivalent": 5, "altered": 0, "missing": 0, "unsupported": 0},
            [
                ("2,848 households", "equivalent", ["2848 households"]),
                ("$4.2 million", "equivalent", ["$4,200,000"]),
                ("71,800 yuan", "equivalent", ["RMB 71,800"]),
                ("12.5 percent", "equivalent", ["12.5%"]),
                ("September 14", "equivalent", ["Sept. 14"]),
            ],
            [],
        ),
        (
            "english-2023h1",
            "errors",
            {"figures": 8, "exact": 4, "equivalent": 1, "altered": 2, "missing": 1, "unsupported": 1},
            [
                ("2,848 households", "equivalent", ["2848 households"]),
                ("$4.2 million", "altered", ["$2.4 million"]),
                ("12.5 percent", "altered", ["15.2 percent"]),
                ("10 outstanding", "missing", []),
            ],
            ["12 training"],
        ),
        (
            "land-bureau",
            "faithful",
            {"figures": 13, "exact": 0, "equivalent": 13, "altered": 0, "missing": 0, "unsupported": 0},
            [
                ("5期", "equivalent", ["五期"]),
                ("350人次", "equivalent", ["三百五十人次"]),
                ("5名", "equivalent", ["五名"]),
                ("10名", "equivalent", ["十名"]),
                ("7月2日", "equivalent", ["七月二日"]),
                ("3次", "equivalent", ["三次"]),
                ("8月11日", "equivalent", ["八月十一日"]),
                ("5名", "equivalent", ["五名"]),
                ("2名", "equivalent", ["两名"]),
                ("6户", "equivalent", ["六户"]),
                ("3000元", "equivalent", ["三千元"]),
                ("50000元", "equivalent", ["五万元"]),
                ("50%", "equivalent", ["百分之五十"]),
            ],
            [],
        ),
        (
            "land-bureau",
            "errors",
            {"figures": 13, "exact": 8, "equivalent": 0, "altered": 5, "missing": 0, "unsupported": 0},
            [
                ("5期", "altered", ["5次"]),  # the unit matters: the same number, counting another thing
                ("350人次", "altered", ["350人"]),
                ("7月2日", "altered", ["7月20日"]),
                ("50000元", "altered", ["5000元"]),
                ("50%", "altered", ["55%"]),
            ],
            [],
        ),
    ],
)
def test_fixture_statuses(name, draft, counts, other_than_exact, unsupported):
    report = check(name, draft)
    assert report.counts == counts
    assert not_exact(report) == other_than_exact
    assert [o.figure.text for o in report.unsupported] == unsupported
    assert report.ok == (counts["altered"] == counts["missing"] == 0)


def test_fact_figures_know_where_the_writer_wrote_them():
    document = read_facts(FIXTURES / "union-2023h1" / "facts.md")
    figures = fact_figures(document)
    first = figures[0]
    assert (first.expected.figure.text, first.expected.section, first.line, first.column) == (
        "323.062万元",
        "主要工作",
        9,
        16,
    )
    continued = next(f for f in figures if f.expected.figure.text == "95名")
    assert (continued.line, continued.column) == (14, 23)  # on the continuation line


def test_front_matter_figures_are_known():
    document = read_facts(FIXTURES / "union-2023h1" / "facts.md")
    assert [(k.figure.text, k.source) for k in known_figures(document)] == [
        ("2023年", "局工会2023年上半年工作总结"),
        ("2023年", "2023年上半年"),
    ]
