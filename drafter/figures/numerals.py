"""Reading numerals: Arabic (with separators), Chinese (常用 and 大写), multipliers, English scale words.

Every reader returns an exact `Decimal` or `None` when the text is not a well-formed numeral; callers treat
`None` as "not a figure", never as zero.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Full-width and look-alike characters mapped one-to-one to ASCII, so offsets in the normalised text are
# offsets in the original.
_FOLD = str.maketrans("０１２３４５６７８９．％＄－～﹪−", "0123456789.%$-~%-")


_FOLDABLE = re.compile("[０-９．％＄－～﹪−]")


def fold(text: str) -> str:
    """Fold full-width digits and symbols to ASCII, keeping every offset (the output has the same length)."""
    return text.translate(_FOLD) if _FOLDABLE.search(text) else text


CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip

# Units inside a section (below 万): 十, 百, 千.
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
# Section units: 万, 亿.
CN_BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

MULTIPLIERS: dict[str, int] = {**CN_SMALL_UNITS, **CN_BIG_UNITS}

ENGLISH_SCALES: dict[str, int] = {
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}

_ARABIC = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def parse_arabic(text: str) -> Decimal | None:
    """`2,848` → 2848, `1.50` → 1.50; anything else (`1,23`, `1.2.3`) → None."""
    if not _ARABIC.fullmatch(text):
        return None
    return Decimal(text.replace(",", ""))


def parse_multiplier(text: str) -> int | None:
    """`万` → 10⁴, `千万` → 10⁷, `万亿` → 10¹²; a repeated or descending-then-ascending mix → None."""
    if not text:
        return 1
    total = 1
    for char in text:
        factor = MULTIPLIERS.get(char)
        if factor is None:
            return None
        total *= factor
    if total > 10**16:
        return None
    return total


def parse_chinese(text: str) -> Decimal | None:
    """Read a Chinese numeral: `两千零八` → 2008, `三十五点五` → 35.5, `一万二` → 12000, `二〇二三` → 2023.

    Digit strings without units (`二〇二三`) are read digit by digit only when they are four long (years) or a
    single digit: `五一` and `三八` are festivals, not numbers.
    """
    if not text:
        return None
    integer, _, fraction = text.partition("点")
    if "点" in fraction:
        return None
    whole = _parse_chinese_integer(integer)
    if whole is None:
        return None
    if not fraction:
        return Decimal(whole)
    digits = [CN_DIGITS.get(char) for char in fraction]
    if any(digit is None for digit in digits):
        return None
    return Decimal(f"{whole}." + "".join(str(d) for d in digits))


_CANONICAL = str.maketrans("拾佰仟萬億", "十百千万亿")


def _parse_chinese_integer(text: str) -> int | None:
    text = text.translate(_CANONICAL)
    if len(text) > 40 or text.count("万") > 2 or text.count("亿") > 2:
        return None  # no numeral is so written (「万万万…」 from a looping model): not read, never recursed into
    if all(char in CN_DIGITS for char in text):
        if len(text) == 1:
            return CN_DIGITS[text]
        if len(text) == 4:  # 二〇二三 (years are written digit by digit)
            return int("".join(str(CN_DIGITS[char]) for char in text))
        return None
    if text in ("百", "千", "万", "亿"):
        return MULTIPLIERS[text]  # 近万名, 逾百名: the unit alone is one of it
    if len(text) == 2 and text[0] in "十百千万" and text[1] in "万亿" and text[0] != text[1]:
        return MULTIPLIERS[text[0]] * MULTIPLIERS[text[1]]  # 近百万元, 逾千亿元, 突破万亿元
    return _parse_sections(text, ("亿", "万"))


def _parse_sections(text: str, bigs: tuple[str, ...]) -> int | None:
    """Split on the largest section unit present (亿, then 万) and read each side."""
    if not bigs:
        return _parse_below_wan(text, leading_zero=False)
    big, rest = bigs[0], bigs[1:]
    if big not in text:
        return _parse_sections(text, rest)
    head, _, tail = text.rpartition(big)
    high = _parse_sections(head, bigs) if big in head or (big == "亿" and "万" in head) else None
    if high is None:
        high = _parse_sections(head, rest)
    if high is None or high == 0:
        return None
    scale = CN_BIG_UNITS[big]
    if not tail:
        return high * scale
    if len(tail) == 1 and tail in CN_DIGITS and tail not in "零〇○":
        return high * scale + CN_DIGITS[tail] * scale // 10  # 一万二 = 12000
    low = _parse_below(tail, rest)
    if low is None or low >= scale:
        return None
    return high * scale + low


def _parse_below(text: str, bigs: tuple[str, ...]) -> int | None:
    if text[0] in "零〇○":
        text = text[1:]
        if not text:
            return None
    if bigs and bigs[0] in text:
        return _parse_sections(text, bigs)
    return _parse_below_wan(text, leading_zero=True)


def _parse_below_wan(text: str, leading_zero: bool) -> int | None:
    """Read 0-9999 written with 千/百/十 and 零: 两千零八, 三千五 (=3500), 十五."""
    total = 0
    digit: int | None = None
    last_unit = 10_000
    zero = False
    for char in text:
        if char in CN_DIGITS:
            if digit is not None:
                return None  # two digits in a row: 三五十
            value = CN_DIGITS[char]
            if value == 0:
                if zero or (total == 0 and not leading_zero):
                    return None
                zero = True
                continue
            digit = value
        elif char in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[char]
            if unit >= last_unit:
                return None  # units must fall: 十百, 千千
            if digit is None:
                if unit != 10 or total or zero:
                    return None
                digit = 1  # 十五 = 15
            total += digit * unit
            digit = None
            last_unit = unit
            zero = False
        else:
            return None
    if digit is not None:
        if zero or last_unit <= 10 or last_unit == 10_000:
            total += digit
        else:
            total += digit * last_unit // 10  # 三千五 = 3500, 两百五 = 250
    elif zero:
        return None  # trailing 零
    return total


# Adjacent digits as an approximate range: 三四个 (3-4), 二三十 (20-30), 十七八 (17-18).
_ADJACENT = re.compile(r"([一二两三四五六七八九])([二三四五六七八九])([十百千万]?)")
_ADJACENT_TEENS = re.compile(r"十([一二三四五六七八])([二三四五六七八九])")


def parse_chinese_range(text: str) -> tuple[Decimal, Decimal] | None:
    """`三四` → (3, 4), `二三十` → (20, 30), `十七八` → (17, 18); None unless the digits are consecutive."""
    match = _ADJACENT.fullmatch(text)
    if match:
        low, high = CN_DIGITS[match[1]], CN_DIGITS[match[2]]
        scale = MULTIPLIERS.get(match[3], 1) if match[3] else 1
        if high == low + 1:
            return Decimal(low * scale), Decimal(high * scale)
        return None
    match = _ADJACENT_TEENS.fullmatch(text)
    if match:
        low, high = CN_DIGITS[match[1]], CN_DIGITS[match[2]]
        if high == low + 1:
            return Decimal(10 + low), Decimal(10 + high)
    return None


def parse_number(text: str) -> Decimal | None:
    """Arabic or Chinese, whichever `text` is written in."""
    try:
        return parse_arabic(text) if text[:1].isascii() else parse_chinese(text)
    except InvalidOperation:
        return None


def to_chinese(value: int) -> str:
    """Write a non-negative integer in 常用 Chinese numerals (`2008` → `二千零八`); the inverse of `parse_chinese`."""
    if value == 0:
        return "零"
    if 10 <= value < 20:
        return _below_wan(value)[1:]  # 十五, not 一十五
    for scale, name in ((10**8, "亿"), (10**4, "万")):
        if value >= scale:
            high, low = divmod(value, scale)
            head = to_chinese(high)  # 十二万, not 一十二万
            if not low:
                return head + name
            tail = to_chinese(low) if low >= 20 else _below_wan(low)
            return head + name + ("零" if low < scale // 10 else "") + tail
    return _below_wan(value)


def _below_wan(value: int) -> str:
    digits = "零一二三四五六七八九"
    out = ""
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, unit)
        if digit:
            out += ("零" if zero else "") + digits[digit] + name
            zero = False
        elif out:
            zero = True
    return out
