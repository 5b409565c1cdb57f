"""Properties: the extractor never crashes, and a number written in any supported notation reads back the same."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.figures import extract_figures
from drafter.figures.numerals import to_chinese

FIGURE_ALPHABET = "".join(
    [
        "0123456789０１２３４５６７８９.,，、%％$¥",
        "万亿千百十零〇一二两三四五六七八九几余多近约第",
        "元户名个次年月日至-～ abcGmillion",
    ]
)


@settings(max_examples=300)
@given(st.text())
def test_extract_never_crashes_on_any_unicode(text):
    for figure in extract_figures(text):
        assert text[figure.start : figure.end] == figure.text


@settings(max_examples=300)
@given(st.text(alphabet=FIGURE_ALPHABET, max_size=60))
def test_extract_never_crashes_on_figure_like_text(text):
    previous_end = 0
    for figure in extract_figures(text):
        assert text[figure.start : figure.end] == figure.text
        assert figure.start >= previous_end  # figures do not overlap
        previous_end = figure.end


def _with_separators(n: int) -> str:
    return f"{n:,}"


def _full_width(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def _wan(n: int) -> str:
    return f"{Decimal(n) / 10_000:f}万"


def _yi(n: int) -> str:
    return f"{Decimal(n) / 100_000_000:f}亿"


NOTATIONS = [str, _with_separators, _full_width, to_chinese, _wan, _yi]


@settings(max_examples=400)
@given(n=st.integers(min_value=1, max_value=10**12), notation=st.sampled_from(NOTATIONS))
def test_any_notation_round_trips_to_the_same_value(n, notation):
    text = f"共计{notation(n)}元，"
    [figure] = extract_figures(text)
    assert figure.unit == "元"
    assert figure.value == n


@settings(max_examples=200)
@given(cents=st.integers(min_value=1, max_value=10**8))
def test_decimals_and_trailing_zeros_round_trip(cents):
    value = Decimal(cents) / 100
    written = [f"{value:f}", f"{value:.2f}", f"{value:.3f}"]
    figures = [extract_figures(f"完成率{text}%")[0] for text in written]
    assert {figure.value for figure in figures} == {value}
    assert len({figure.key for figure in figures}) == 1


@settings(max_examples=200)
@given(n=st.integers(min_value=1, max_value=999_999))
def test_english_millions_round_trip(n):
    value = Decimal(n) / 1000
    [written] = extract_figures(f"raised ${value:f} million")
    [plain] = extract_figures(f"raised ${int(value * 1_000_000):,}")
    assert written.value == plain.value == value * 1_000_000
    assert written.key == plain.key


DECIMALS = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("9999"), places=1, allow_nan=False)
UNITS = ["万元", "亿元", "个百分点", "%", "人次", "户", "万人"]


@settings(max_examples=200)
@given(values=st.lists(DECIMALS, min_size=2, max_size=4), unit=st.sampled_from(UNITS))
def test_a_list_shares_its_last_unit(values, unit):
    *head, last = [f"{value:f}" for value in values]
    text = "分别为" + "、".join(head) + f"和{last}{unit}"
    figures = extract_figures(text)
    [single] = extract_figures(f"共{last}{unit}")
    assert len(figures) == len(values)
    for figure, value in zip(figures, values, strict=True):
        assert figure.unit == single.unit
        assert figure.value == value * single.value / values[-1]


@settings(max_examples=200)
@given(month=st.integers(1, 12), day=st.integers(1, 28), year=st.integers(1990, 2030), other=st.integers(1, 5))
def test_the_documents_year_makes_no_difference_another_year_does(month, day, year, other):
    from drafter.figures import Expected, match_figures

    [fact] = extract_figures(f"{month}月{day}日前完成")
    known = extract_figures(f"{year}年工作总结")
    same = match_figures([Expected(fact, "", f"{month}月{day}日前完成")], f"{year}年{month}月{day}日前完成。", known)
    moved = match_figures(
        [Expected(fact, "", f"{month}月{day}日前完成")], f"{year + other}年{month}月{day}日前完成。", known
    )
    assert [r.status for r in same.figures] == ["equivalent"]
    assert [r.status for r in moved.figures] == ["altered"]


LABELS = ["第一产业", "第二产业", "第三产业", "城镇居民", "农村居民", "营业收入", "净利润", "出口", "进口"]


@settings(max_examples=150)
@given(
    labels=st.lists(st.sampled_from(LABELS), min_size=2, max_size=2, unique=True),
    rates=st.lists(DECIMALS, min_size=2, max_size=2, unique=True),
)
def test_two_labelled_rates_swapped_are_two_errors(labels, rates):
    from drafter.figures import Expected, match_figures

    (a, b), (x, y) = labels, [f"{rate:f}" for rate in rates]
    fact = f"{a}增长{x}%；{b}增长{y}%"
    expected = [Expected(figure, "主要工作", fact) for figure in extract_figures(fact)]
    faithful = match_figures(expected, f"{a}同比增长{x}%，{b}同比增长{y}%。")
    swapped = match_figures(expected, f"{a}同比增长{y}%，{b}同比增长{x}%。")
    assert faithful.ok
    assert [r.status for r in swapped.figures] == ["altered", "altered"]


@settings(max_examples=150)
@given(terms=st.lists(DECIMALS, min_size=2, max_size=4))
def test_every_term_of_a_ratio_is_a_figure_in_its_place(terms):
    written = [f"{term:f}" for term in terms]
    figures = extract_figures("结构比例为" + ":".join(written))
    assert [(f.text, f.unit, f.detail) for f in figures] == [
        (text, ":", (index, len(terms))) for index, text in enumerate(written, 1)
    ]
