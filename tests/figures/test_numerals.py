from decimal import Decimal

import pytest

from drafter.figures.numerals import (
    fold,
    parse_arabic,
    parse_chinese,
    parse_chinese_range,
    parse_multiplier,
    to_chinese,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2848", "2848"),
        ("2,848", "2848"),
        ("147,486", "147486"),
        ("1,234,567.5", "1234567.5"),
        ("1.50", "1.5"),
        ("323.062", "323.062"),
        ("0", "0"),
        ("1,23", None),  # not a thousands group
        ("12,3456", None),
        ("1.2.3", None),
        ("", None),
    ],
)
def test_parse_arabic(text, expected):
    assert parse_arabic(text) == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("两千零八", 2008),
        ("二千零八", 2008),
        ("三千", 3000),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("九十五", 95),
        ("一百零五", 105),
        ("一千零五十", 1050),
        ("一万二", 12000),  # colloquial: the trailing digit counts in the unit below
        ("三千五", 3500),
        ("两百五", 250),
        ("一万零八百", 10800),
        ("两万三千四百五十六", 23456),
        ("三亿五千万", 350_000_000),
        ("一亿零五", 100_000_005),
        ("一万亿", 10**12),
        ("十万", 100_000),
        ("万", 10_000),  # 近万名
        ("零", 0),
        ("壹仟贰佰叁拾肆", 1234),  # 大写 numerals on receipts
        ("贰拾", 20),
        ("二〇二三", 2023),  # years, digit by digit
        ("一九九八", 1998),
        ("三十五点五", Decimal("35.5")),
        ("零点五", Decimal("0.5")),
        # not numbers
        ("五一", None),  # May Day
        ("三八", None),  # Women's Day
        ("十四五", None),  # the 14th five-year plan
        ("三五十", None),
        ("十百", None),
        ("千千", None),
        ("三千零", None),
        ("五千零", None),
        ("二〇二", None),
        ("点五", None),
        ("三点五点", None),
        ("", None),
    ],
)
def test_parse_chinese(text, expected):
    assert parse_chinese(text) == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三四", (3, 4)),
        ("两三", (2, 3)),
        ("二三十", (20, 30)),
        ("七八百", (700, 800)),
        ("十七八", (17, 18)),
        ("三五", None),  # not consecutive
        ("五四", None),  # Youth Day, not a range
        ("三八", None),
    ],
)
def test_parse_chinese_range(text, expected):
    bounds = parse_chinese_range(text)
    assert bounds == (None if expected is None else tuple(Decimal(v) for v in expected))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", 1), ("万", 10_000), ("亿", 10**8), ("千万", 10**7), ("百万", 10**6), ("万亿", 10**12), ("斤", None)],
)
def test_parse_multiplier(text, expected):
    assert parse_multiplier(text) == expected


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (0, "零"),
        (7, "七"),
        (10, "十"),
        (15, "十五"),
        (20, "二十"),
        (105, "一百零五"),
        (2008, "二千零八"),
        (10800, "一万零八百"),
        (100_005, "十万零五"),
        (3_230_620, "三百二十三万零六百二十"),
        (100_000_001, "一亿零一"),
    ],
)
def test_to_chinese(value, written):
    assert to_chinese(value) == written
    assert parse_chinese(written) == value


def test_fold_keeps_offsets_and_chinese_punctuation():
    text = "发放２，８４８户，共３２３．０６２万元（５０％）"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "发放2，848户，共323.062万元（50%）"  # the Chinese comma is a clause break, not a separator
