"""Finding figures in text: one compiled pattern proposes candidates, small rules decide which count.

A figure is a quantity a reader could check: a number with what it counts (`2848户`, `323.062万元`, `98.5%`,
`$4.2 million`), a date (`9月14日`), a range (`20至30位`) or a vague amount (`数千名`). Outline numbering,
set phrases, festivals and numerals inside names are not figures.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from drafter.figures import numerals, units
from drafter.figures.phrases import set_phrase_spans

Key = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure as written, where it stands in its text, and what it means."""

    text: str
    start: int
    end: int
    kind: str  # "number", "range", "date", "vague" or "fraction"
    unit: str  # canonical unit; "" for a bare number, "date" for dates
    value: Decimal | None  # None where there is no single number (dates, ranges, vague amounts)
    approx: str = ""  # "", "over" (余/多/以上), "under" (近/不足) or "about" (约/左右)
    ordinal: bool = False  # 第六次
    detail: tuple[object, ...] = field(default=(), compare=False)  # range bounds, date parts, vague text

    @property
    def key(self) -> Key:
        """Two figures with the same key are the same quantity, however written."""
        return (self.kind, units.unit_family(self.unit), self.ordinal, self.approx, self.value, self.detail)


_CN_DIGIT = "零〇○一壹二贰貳两兩三叁參四肆五伍六陆陸七柒八捌九玖"
_CN = f"[{_CN_DIGIT}十拾百佰千仟万萬亿億几]+(?:点[{_CN_DIGIT}]+)?"
_AR = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUM = f"(?:{_AR}|{_CN})"
_YEAR = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_EN_MONTH = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_UNIT = _alternation([*units.CHINESE_UNITS, *units.SYMBOL_UNITS])
_PREFIX = "超过|将近|大约|不足|不到|接近|约|近|逾|超|零下|摄氏"
_CURRENCY = _alternation(list(units.CURRENCY_PREFIXES))

_PATTERN = re.compile(
    rf"""
    (?P<date>
        (?:(?P<y>{_YEAR})年)?(?P<m>{_MONTH})月份?(?:(?P<d>{_DAY})[日号])?(?P<part>上旬|中旬|下旬|初|底|末)?
      | (?P<yonly>{_YEAR})年度?
      | (?P<enm>{_EN_MONTH})\.?\ (?P<end>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b(?:,?\ (?P<eny>\d{{4}})\b)?
      | (?P<end2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\ (?P<enm2>{_EN_MONTH})\b\.?(?:,?\ (?P<eny2>\d{{4}})\b)?
    )
  | (?P<ord>第)?
    (?P<pre>{_PREFIX})?
    (?:
        (?P<fden>{_NUM})分之(?P<fnum>{_NUM})
      | (?:(?P<cur>{_CURRENCY})\ ?|(?P<vpre>数|上))?
        (?P<num>{_NUM})
        (?:\ ?(?P<rsep>-|–|—|~|至|到)\ ?(?P<num2>{_NUM}))?
        (?P<mult>[十百千万亿]{{1,2}})?
        (?:\ (?P<scale>thousand|million|billion|trillion)\b)?
        (?P<apx>余|多|来)?
    )
    (?:(?P<unit>{_UNIT})|\ (?P<enunit>per\ cent|[A-Za-z]+))?
    (?P<post>以上|左右|上下|以下|以内|之多)?
    """,
    re.VERBOSE,
)

_EN_MONTHS = {name: index for index, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_APPROX = {
    "余": "over", "多": "over", "逾": "over", "超": "over", "超过": "over", "以上": "over", "之多": "over",
    "近": "under", "将近": "under", "接近": "under", "不足": "under", "不到": "under", "以下": "under",
    "以内": "under", "约": "about", "大约": "about", "左右": "about", "上下": "about", "来": "about",
}  # fmt: skip

_ENGLISH_STOPWORDS = frozenset(
    "a an and are as at be been being but by did do does for from had has have he her his i if in into is it its of "
    "on or our per she so than that the their them then there these they this those to up was we were what when "
    "where which while who will with you your more less over under about nearly almost around some each every "
    "other another times year years month months day days".split()
)
_NUMBERING_WORDS = frozenset("no section chapter article figure table page item part step phase appendix".split())
_NUMBERING_AFTER = frozenset("、.)）:：")
_PUNCTUATION_BEFORE = frozenset("，,；;：:。！？!?、（( \t")
_VAGUE = re.compile(r"[一二三四五六七八九]?十几[万]?|几[十百千万]+|[十百千万亿]+")
_CJK = re.compile(r"[\u3400-\u9fff]")


def extract_figures(text: str, *, skip_set_phrases: bool = True) -> list[Figure]:
    """Every figure in `text`, in order of appearance."""
    folded = numerals.fold(text)
    phrases = set_phrase_spans(folded) if skip_set_phrases else []
    phrase_starts = [start for start, _ in phrases]
    figures: list[Figure] = []
    for match in _candidates(folded):
        figure = _read(match, folded, text)
        if figure is None:
            continue
        if phrases:
            index = bisect_right(phrase_starts, figure.end - 1) - 1
            if index >= 0 and phrases[index][1] > figure.start:
                continue
        figures.append(figure)
    return figures


# Every figure holds a numeral; scanning for one is a plain character class, which the regex engine skips
# through at C speed. The full pattern then runs anchored, from before any prefix (约, 第, $, a month name).
_CORE = re.compile(f"[0-9{_CN_DIGIT}十拾百佰千仟万萬亿億几]")
_PREFIXES_BEFORE = {"第", "数", "上", *_PREFIX.split("|"), *units.CURRENCY_PREFIXES}
_PREFIX_ENDINGS = frozenset(prefix[-1] for prefix in _PREFIXES_BEFORE) | {" "}
_PREFIX_RUN = re.compile(rf"(?:(?:{_alternation(list(_PREFIXES_BEFORE))})\ ?){{1,3}}$|(?:{_EN_MONTH})\.?\ $")


def _candidates(folded: str) -> Iterator[re.Match[str]]:
    """What `_PATTERN.finditer` would yield, tried only where a numeral is."""
    position = 0
    search, match = _CORE.search, _PATTERN.match
    while core := search(folded, position):
        at = core.start()
        found = None
        start = _start_before(folded, at, position)
        if start < at:
            found = match(folded, start)
            if found is not None and found.end() <= at:
                found = None
        if found is None:
            found = match(folded, at)
        if found is None or found.end() == found.start():
            position = at + 1
            continue
        position = found.end()
        yield found


def _start_before(folded: str, at: int, floor: int) -> int:
    """Where a figure whose numeral is at `at` may begin: before 第/约/超过/$/RMB or an English month name."""
    if not at or folded[at - 1] not in _PREFIX_ENDINGS:
        return at
    window = max(floor, at - 12)
    prefix = _PREFIX_RUN.search(folded, window, at)
    return prefix.start() if prefix else at


def _read(match: re.Match[str], folded: str, text: str) -> Figure | None:
    start, end = match.span()
    if _is_code(folded, start, end):
        return None
    if match["date"]:
        return _read_date(match, text)
    if match["fden"]:
        return _read_fraction(match, text)
    return _read_number(match, folded, text)


def _is_code(folded: str, start: int, end: int) -> bool:
    """Digits glued to letters or blanks are names and placeholders: G20, H7N9, 20__年, v1.2."""
    before = folded[start - 1] if start else ""
    after = folded[end] if end < len(folded) else ""
    if before == "_" or after == "_":
        return True
    if folded[start].isdigit() and before.isascii() and before.isalpha():
        return True
    if before in "-/" and start >= 2 and folded[start - 2].isascii() and folded[start - 2].isalnum():
        return True  # COVID-19, ISO-9001, 0731-8888
    if folded[end - 1].isdigit() and after.isascii() and after.isalpha():
        return True  # 5G, 3D
    if after == "." and end + 1 < len(folded) and folded[end + 1].isdigit():
        return True  # 1.1.1.4, 2023.9.14: dotted section numbers and dates, not decimals
    return before == "." and start >= 2 and folded[start - 2].isdigit()


def _read_date(match: re.Match[str], text: str) -> Figure | None:
    start, end = match.span()
    if match["yonly"]:
        year = numerals.parse_number(match["yonly"])
        if year is None or not 1900 <= year <= 2100:
            return None
        return Figure(text[start:end], start, end, "date", "date", None, detail=(int(year), None, None, ""))
    if match["m"]:
        year_text, month_text, day_text = match["y"], match["m"], match["d"]
    else:
        year_text, day_text = match["eny"] or match["eny2"], match["end"] or match["end2"]
        month_text = str(_EN_MONTHS[(match["enm"] or match["enm2"])[:3].lower()])
    year = numerals.parse_number(year_text) if year_text else None
    month = numerals.parse_number(month_text)
    day = numerals.parse_number(day_text) if day_text else None
    if month is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    if year is not None and not 1900 <= year <= 2100:
        return None
    parts = tuple(None if part is None else int(part) for part in (year, month, day))
    return Figure(text[start:end], start, end, "date", "date", None, detail=(*parts, match["part"] or ""))


def _read_fraction(match: re.Match[str], text: str) -> Figure | None:
    start, end = match.span()
    if match["ord"] or match["unit"] or match["enunit"]:
        end = match.start("unit") if match["unit"] else match.start("enunit") if match["enunit"] else end
    denominator, numerator = match["fden"], numerals.parse_number(match["fnum"])
    approx = _APPROX.get(match["pre"] or "", "") or _APPROX.get(match["post"] or "", "")
    if match["post"]:
        end = match.end("post")
    if numerator is None:
        return None
    if denominator in ("百", "千"):  # 百分之五十 = 50%, 千分之五 = 5‰
        unit = "%" if denominator == "百" else "‰"
        return Figure(text[start:end], start, end, "number", unit, numerator, approx)
    whole = numerals.parse_number(denominator)
    if not whole or numerator >= whole:
        return None
    return Figure(text[start:end], start, end, "fraction", "", numerator / whole, approx, detail=(whole, numerator))


def _read_number(match: re.Match[str], folded: str, text: str) -> Figure | None:
    start, end = match.span()
    number = match["num"]
    arabic = number[0].isdigit()
    unit, end = _read_unit(match, folded, arabic, end)
    approx = _APPROX.get(match["pre"] or "", "") or _APPROX.get(match["apx"] or "", "")
    if match["post"] and unit:
        approx = approx or _APPROX[match["post"]]
    elif match["post"]:
        end = match.start("post")
    scale = _scale(match, arabic)
    if scale is None:
        return None
    ordinal = bool(match["ord"])
    if match["vpre"] or "几" in number:
        return _read_vague(match, text, unit, end)
    if not unit:
        return _read_bare(match, folded, text, arabic, scale, end)
    if ordinal:
        if approx or match["num2"]:
            return None
        unit = "第…" + unit
    if match["pre"] == "摄氏" and unit in ("度", "℃"):
        unit = "℃"
    if match["num2"]:
        return _read_range(match, text, unit, scale, approx, end)
    value = numerals.parse_number(number)
    if value is None:
        bounds = numerals.parse_chinese_range(number)
        if bounds is None:
            return None
        low, high = (bound * scale for bound in bounds)
        return Figure(text[start:end], start, end, "range", unit, None, approx, detail=(low, high))
    if (
        number in ("一", "壹")
        and not ordinal
        and not approx
        and units.canonical_unit(match["unit"] or "") in (units.ARTICLE_UNITS)
    ):
        return None
    value *= scale
    if unit == "日" and not ordinal and not approx and scale == 1 and 1 <= value <= 31 and value == int(value):
        return Figure(text[start:end], start, end, "date", "date", None, detail=(None, None, int(value), ""))
    if match["pre"] == "零下":
        value = -value
    return Figure(text[start:end], start, end, "number", unit, value, approx, ordinal)


def _read_unit(match: re.Match[str], folded: str, arabic: bool, end: int) -> tuple[str, int]:
    """The canonical unit a number counts, and where the figure ends; ("", end of number) when it counts nothing."""
    number_end = max(match.end(group) for group in ("num", "num2", "mult", "scale", "apx") if match[group])
    if match["cur"]:
        currency = units.CURRENCY_PREFIXES[match["cur"]]
        if match["unit"] in ("元", "美元") or (match["enunit"] or "").lower() in units.ENGLISH_UNITS:
            return currency, end
        return currency, number_end
    written = match["unit"]
    if written:
        after = folded[match.end("unit")] if match.end("unit") < len(folded) else ""
        if after and after in units.NOT_UNIT_BEFORE.get(written, ""):
            return "", number_end
        weak = not arabic and written in units.WEAK_UNITS
        if weak and after and after not in units.WORD_ENDINGS and _CJK.match(after):
            return "", number_end
        return units.canonical_unit(written), end
    word = match["enunit"]
    if word:
        lowered = word.lower()
        if lowered in units.ENGLISH_UNITS:
            return units.ENGLISH_UNITS[lowered], end
        if lowered in _ENGLISH_STOPWORDS or not arabic:
            return "", number_end
        return _singular(lowered), end
    if match["scale"]:
        return "", number_end
    return "", number_end


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _scale(match: re.Match[str], arabic: bool) -> Decimal | None:
    factor = 1
    if match["mult"]:
        if not arabic:
            return None
        multiplier = numerals.parse_multiplier(match["mult"])
        if multiplier is None:
            return None
        factor = multiplier
    if match["scale"]:
        factor *= numerals.ENGLISH_SCALES[match["scale"]]
    return Decimal(factor)


def _read_vague(match: re.Match[str], text: str, unit: str, end: int) -> Figure | None:
    """数千名, 十几个, 上万人: amounts a reader can check by their words, though they have no single value."""
    start = match.start()
    written = (match["vpre"] or "") + match["num"]
    if not unit or match["num2"] or match["mult"] or match["ord"] or not _VAGUE.fullmatch(match["num"]):
        if match["vpre"] and numerals.parse_number(match["num"]) is not None and unit:
            start = match.start("num")  # 上 was not part of the figure: 上3个 is not vague
            value = numerals.parse_number(match["num"])
            return Figure(text[start:end], start, end, "number", unit, value)
        return None
    if not match["vpre"] and "几" not in written:
        return None
    return Figure(text[start:end], start, end, "vague", unit, None, detail=(written,))


def _read_bare(match: re.Match[str], folded: str, text: str, arabic: bool, scale: Decimal, end: int) -> Figure | None:
    """A number with nothing after it that it counts: a year, a count in English prose, or (mostly) numbering."""
    start = match.start()
    if not arabic or match["ord"] or match["num2"] or match["pre"] in ("摄氏", "零下"):
        return None
    number = match["num"]
    value = numerals.parse_arabic(number)
    if value is None or _is_numbering(folded, match.start("num"), match.end("num")):
        return None
    plain = number.isdigit()
    if plain and scale == 1 and not match["apx"] and len(number) == 4 and 1900 <= int(number) <= 2100:
        return Figure(text[start:end], start, end, "date", "date", None, detail=(int(number), None, None, ""))
    if plain and (len(number) >= 7 or (len(number) > 1 and number[0] == "0")):
        return None  # telephone numbers, codes
    approx = _APPROX.get(match["pre"] or "", "") or _APPROX.get(match["apx"] or "", "")
    return Figure(text[start:end], start, end, "number", "", value * scale, approx)


def _is_numbering(folded: str, start: int, end: int) -> bool:
    """`1、` `2.` `(3)` at the start of a line or after punctuation, `Section 4`: outline numbering."""
    line_start = folded.rfind("\n", 0, start) + 1
    before = folded[line_start:start]
    after = folded[end] if end < len(folded) else ""
    if after in _NUMBERING_AFTER and (not before.strip(" \t#->*+") or before[-1] in _PUNCTUATION_BEFORE):
        return after != "." or end + 1 >= len(folded) or not folded[end + 1].isdigit()
    if before[-1:] in ("(", "（") and after in (")", "）"):
        return True
    words = before.rstrip(". ").rsplit(maxsplit=1)
    return bool(words) and words[-1].lower().rstrip(".") in _NUMBERING_WORDS


def _read_range(match: re.Match[str], text: str, unit: str, scale: Decimal, approx: str, end: int) -> Figure | None:
    start = match.start()
    low, high = numerals.parse_number(match["num"]), numerals.parse_number(match["num2"])
    if low is None or high is None or low >= high:
        return None
    return Figure(text[start:end], start, end, "range", unit, None, approx, detail=(low * scale, high * scale))
