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
