"""Finding figures in text: one compiled pattern proposes candidates, small rules decide which count.

A figure is a quantity a reader could check: a number with what it counts (`2848户`, `323.062万元`, `98.5%`,
`$4.2 million`), a date (`9月14日`, `一季度`), a range (`20至30位`), a vague amount (`数千名`, `近百万元`), a rank
(`全省第三`), a ratio's terms (`6.01:55.04:38.95`). Outline numbering, set phrases, festivals and numerals
inside names are not figures; the numbers a rule sets aside are kept with the reason (`Ignored`), so that
nothing vanishes silently.
"""

from __future__ import annotations

import calendar
import dataclasses
import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from drafter.figures import numerals, units
from drafter.figures.set_phrases import policy_name_before, set_phrase_spans

Key = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure as written, where it stands in its text, and what it means."""

    text: str
    start: int
    end: int
    kind: str  # "number", "range", "date", "vague" or "fraction"
    unit: str  # canonical unit; "" for a bare number, "date" for dates, ":" for a ratio's terms
    value: Decimal | None  # None where there is no single number (dates, ranges, vague amounts)
    approx: str = ""  # "", "over" (余/多/以上), "under" (近/不足) or "about" (约/左右)
    ordinal: bool = False  # 第六次, 全省第三
    detail: tuple[object, ...] = field(default=(), compare=False)  # range bounds, date parts, vague text
    trend: str = field(default="", compare=False)  # "up" (增长12.1%) or "down" (下降12.1%): the change it measures

    @property
    def key(self) -> Key:
        """Two figures with the same key are the same quantity, however written."""
        return (self.kind, units.unit_family(self.unit), self.ordinal, self.approx, self.value, self.detail)


# Why a number is not a figure. One list: the report's `ignored` entries carry these, and every one has its
# words in both languages (messages.py; a test holds them in step).
NUMBERING = "numbering"  # 1、 （二） §5 5.1 a list item's 1.
MEETING = "meeting"  # 十八届六中全会, 四届人大四次会议
DOCUMENT_NUMBER = "document-number"  # 〔2023〕6号
CAPTION = "caption"  # 图1, 表3, 注12
TITLE = "title"  # inside 《》
QUOTED_NAME = "quoted-name"  # inside short quotes: “千名干部进万家”
POLICY_NAME = "policy-name"  # 稳经济41条, 30条举措
TELEPHONE = "telephone"  # 12345热线, 0731-88888888
CODE = "code"  # G20, 5G, 3A级, COVID-19, 1.1.1.4
SET_PHRASE = "set-phrase"  # 两个维护, 四面八方
SLOGAN = "slogan"  # 千名干部结对帮扶, 百日攻坚, 万人助万企: a round magnitude naming a campaign
SPEECH = "speech"  # 我只讲两个问题: the speaker's own outline
TIME_OF_DAY = "time-of-day"  # 9:30
PLAN_NAME = "plan-name"  # 2035年远景目标
PERIOD_NAME = "period-name"  # a quarter no fact gives: 第一季度 as the name of a period
DATE_LINE = "date-line"  # a date alone on its line: the 成文日期 under the signature
NAME = "name"  # 1号线, 3号楼: a number inside a name
REASONS = (
    NUMBERING, MEETING, DOCUMENT_NUMBER, CAPTION, TITLE, QUOTED_NAME, POLICY_NAME, TELEPHONE, CODE, SET_PHRASE,
    SLOGAN, SPEECH, TIME_OF_DAY, PLAN_NAME, PERIOD_NAME, DATE_LINE, NAME,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Ignored:
    """A number judged not to be a figure, where it stands, and why."""

    text: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class Scan:
    figures: list[Figure]
    ignored: list[Ignored]


_CN_DIGIT = "零〇○一壹二贰貳两兩三叁參四肆五伍六陆陸七柒八捌九玖"
_CN = f"(?:[{_CN_DIGIT}十拾百佰仟万萬亿億几]|千(?![瓦米克伏]))+(?:点[{_CN_DIGIT}]+)?"
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
_PREFIX = "超过|将近|大约|不足|不到|接近|突破|约|近|逾|超|零下|摄氏"
_CURRENCY = _alternation(list(units.CURRENCY_PREFIXES))

_PATTERN = re.compile(
    rf"""
    (?P<date>
        (?:(?P<y>{_YEAR})年)?(?P<m>{_MONTH})月份?(?:(?P<d>{_DAY})[日号])?(?P<part>上旬|中旬|下旬|初|底|末)?
      | (?:(?P<qy>{_YEAR})年)?(?P<qfirst>前)?第?(?P<q>[一二三四1-4])季度
      | (?P<dy>(?:19|20)\d\d)(?P<dsep>[./-])(?P<dm>1[0-2]|0?[1-9])(?P=dsep)(?P<dd>3[01]|[12]\d|0?[1-9])(?![\d.])
      | (?P<yonly>{_YEAR})年(?:度|(?P<yend>末|底))?
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
        (?P<mult>(?:[十百万亿]|千(?![瓦米克伏]))(?:[十百万亿]|千(?![瓦米克伏]))?)?
        (?:\ (?P<scale>thousand|million|billion|trillion)\b)?
        (?P<apx>余|多|来)?
        (?P<mult2>[万亿]{{1,2}})?
    )
    (?:(?P<unit>{_UNIT})|\ (?P<enunit>per\ cent|[A-Za-z]+))?
    (?P<post>以上|左右|上下|以下|以内|之多|大关)?
    """,
    re.VERBOSE,
)

_EN_MONTHS = {name: index for index, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_APPROX = {
    "余": "over", "多": "over", "逾": "over", "超": "over", "超过": "over", "以上": "over", "之多": "over",
    "突破": "over", "大关": "over", "近": "under", "将近": "under", "接近": "under", "不足": "under",
    "不到": "under", "以下": "under", "以内": "under", "约": "about", "大约": "about", "左右": "about",
    "上下": "about", "来": "about",
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


def _is_cjk(text: str) -> bool:
    """Whether `text` starts with a Chinese character (a comparison: a regex class this wide takes a millisecond
    to compile at every start)."""
    return bool(text) and "\u3400" <= text[0] <= "\u9fff"


def extract_figures(text: str, *, skip_set_phrases: bool = True) -> list[Figure]:
    """Every figure in `text`, in order of appearance."""
    return scan(text, skip_set_phrases=skip_set_phrases).figures


def scan(text: str, *, skip_set_phrases: bool = True) -> Scan:
    """Every figure in `text`, and every number set aside as no figure with the reason, both in order."""
    folded = numerals.fold(text)
    names = _Spans(_name_spans(folded, skip_set_phrases))
    items: list[_Item] = []
    ignored: list[Ignored] = []
    results = _read_all(folded, text)
    emphasis = _quoted_figures(folded, names.quotes(), results)
    named: set[tuple[int, int, str]] = set()  # names already listed: one entry for 〔2023〕6号, not two
    for result in results:
        span = names.span_at(result.start, result.end)
        if span is not None and span[2] == QUOTED_NAME and span in emphasis:
            span = None  # “八连增”, “4横12纵”: figures in quotes for emphasis, not inside a name
        if span is None:
            if isinstance(result, Ignored):
                ignored.append(result)
            else:
                items.append(result)
        elif span not in named and (
            isinstance(result, Ignored) or result.figure is not None or folded[result.start].isdigit()
        ):
            named.add(span)
            ignored.append(Ignored(text[span[0] : span[1]], span[0], span[1], span[2]))
    extra = _first_places(folded, text) + _year_ends(folded, text)
    if extra:
        items = sorted(items + extra, key=lambda item: item.start)
    _complete_date_ranges(items, folded, text)
    return Scan(_share_list_units(items, folded, text), ignored)


def _quoted_figures(
    folded: str, quotes: list[tuple[int, int, str]], results: list[_Item | Ignored]
) -> set[tuple[int, int, str]]:
    """Quotes that hold nothing but figures (and the words joining them): emphasis, not a name."""
    out = set()
    starts = [result.start for result in results]
    for quote in quotes:
        start, end, _ = quote
        first, last = bisect_right(starts, start), bisect_right(starts, end)
        inside = [r for r in results[first:last] if r.end < end and isinstance(r, _Item) and r.figure]
        rest = folded[start + 1 : end - 1]
        for result in reversed(inside):
            rest = rest[: result.start - start - 1] + rest[result.end - start - 1 :]
        if inside and not rest.strip(" 、和与及,，"):
            out.add(quote)
    return out


def _first_places(folded: str, text: str) -> list[_Item]:
    """居全县首位, 位居榜首: first place written without a numeral."""
    out = []
    for word in ("首位", "榜首"):
        start = folded.find(word)
        while start >= 0:
            end = start + 2
            if word == "榜首" or _rank_before(folded, start):
                figure = Figure(text[start:end], start, end, "number", "第…名", Decimal(1), ordinal=True)
                out.append(_Item(start, end, figure))
            start = folded.find(word, end)
    return out


# 截至年末: the end of the document's year, written without it (2023年末 is read by the main pattern).
_NOT_BEFORE_YEAR_END = frozenset("上去前明次0123456789〇零○一二三四五六七八九十")


def _year_ends(folded: str, text: str) -> list[_Item]:
    out = []
    for word in ("年末", "年底"):
        start = folded.find(word)
        while start >= 0:
            end = start + 2
            if folded[start - 1 : start] not in _NOT_BEFORE_YEAR_END:
                figure = Figure(text[start:end], start, end, "date", "date", None, detail=(None, 12, 31, ""))
                out.append(_Item(start, end, figure))
            start = folded.find(word, end)
    return out


_RANGE_JOINS = frozenset("至到-—–~")


def _complete_date_ranges(items: list[_Item], folded: str, text: str) -> None:
    """1月5日至25日: the range's end takes the month (and year) of its start; 2020年至2022年 is one range of years,
    the same as 2020—2022年."""
    for a, b in itertools.pairwise(items):
        first, last = a.figure, b.figure
        if first is None or last is None or first.kind != "date" or last.kind != "date":
            continue
        if folded[a.end : b.start].strip() not in _RANGE_JOINS:
            continue
        if _year_only(first) and _year_only(last) and first.detail[0] < last.detail[0]:  # type: ignore[operator]
            low, high = (Decimal(figure.detail[0]) for figure in (first, last))  # type: ignore[arg-type]
            a.figure = Figure(text[a.start : b.end], a.start, b.end, "range", "date", None, detail=(low, high))
            a.end, b.figure = b.end, None
            continue
        year, month, _, _ = first.detail
        if month is not None and last.detail[:2] == (None, None):
            b.figure = dataclasses.replace(last, detail=(year, month, *last.detail[2:]))


def _year_only(figure: Figure) -> bool:
    return figure.detail[1:3] == (None, None) and not figure.detail[3]


@dataclass(slots=True)
class _Item:
    """A candidate in reading order: the figure it gave, or None for a numeral that counts nothing by itself."""

    start: int
    end: int
    figure: Figure | None
    scale: Decimal = Decimal(1)  # its 万/亿 multiplier, which the members of a list may share
    bare: bool = False  # a number with no unit (a list may give it one), a year included: 分别送2000、1500元
    cjk: bool = False


class _Spans:
    """Sorted, non-overlapping spans of text that name something (a title, a quote, a set phrase)."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        self._spans = spans
        self._starts = [start for start, _, _ in spans]

    def span_at(self, start: int, end: int) -> tuple[int, int, str] | None:
        index = bisect_right(self._starts, end - 1) - 1
        if index >= 0 and self._spans[index][1] > start:
            return self._spans[index]
        return None

    def reason_at(self, start: int, end: int) -> str | None:
        span = self.span_at(start, end)
        return span[2] if span else None

    def quotes(self) -> list[tuple[int, int, str]]:
        return [span for span in self._spans if span[2] == QUOTED_NAME]


# Names whose numbers are no figures: titles in 《》, short quoted names, document numbers, set phrases.
_NAME_SPAN = re.compile(
    r"(?P<title>《[^《》\n]{1,80}》)"
    r"|(?P<quote>“[^“”\n。；！？]{1,16}”|「[^「」\n。；！？]{1,16}」)"
    r"|(?P<docno>[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*第?\s*\d{1,4}\s*号)"
)
_NAME_FIRST = re.compile(r"[《“「〔\[［【(（]")
_NAME_OPENERS = {"《": "title", "“": "quote", "「": "quote"}


def _name_spans(folded: str, skip_set_phrases: bool) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    reasons = {"title": TITLE, "quote": QUOTED_NAME, "docno": DOCUMENT_NUMBER}
    position = 0
    while opener := _NAME_FIRST.search(folded, position):
        name = _NAME_SPAN.match(folded, opener.start())
        if name is None:
            position = opener.end()
            continue
        spans.append((name.start(), name.end(), reasons[name.lastgroup or ""]))
        position = name.end()
    if skip_set_phrases:
        spans += [(start, end, SET_PHRASE) for start, end in set_phrase_spans(folded)]
        spans.sort()
        merged: list[tuple[int, int, str]] = []
        for span in spans:
            if merged and span[0] < merged[-1][1]:
                continue
            merged.append(span)
        spans = merged
    return spans


# Every figure holds a numeral; scanning for one is a plain character class, which the regex engine skips
# through at C speed. The full pattern then runs anchored, from before any prefix (约, 第, $, a month name).
_PREFIXES_BEFORE = {"第", "数", "上", "前", *_PREFIX.split("|"), *units.CURRENCY_PREFIXES}
_PREFIX_ENDINGS = frozenset(prefix[-1] for prefix in _PREFIXES_BEFORE) | {" "}
_PREFIX_TOKEN = re.compile(rf"(?:{_alternation(list(_PREFIXES_BEFORE))})\ ?")
_PREFIX_RUN = re.compile(rf"(?:(?:{_alternation(list(_PREFIXES_BEFORE))})\ ?){{1,3}}$|(?:{_EN_MONTH})\.?\ $")
# A ratio's terms (6.01:55.04:38.95, 1比1.2) and times of day (9:30) are read before anything else.
_RATIO = re.compile(r"(?<![\d.,])\d+(?:\.\d+)?%?(?:\s?(?:[:：∶]|比)\s?\d+(?:\.\d+)?%?)+")
_RATIO_TERM = re.compile(r"(\d+(?:\.\d+)?)%?")  # 7.3%∶39.9%∶52.8% is the ratio 7.3:39.9:52.8
_RATIO_WORDS = re.compile(r"比例|比重|结构|之比|比为|配比|比率|比值|师生比|生师比")
# `1.2011年…`: a list item's number glued to a year.
_LIST_NUMBER = re.compile(r"\d{1,2}[.．](?=(?:19|20)\d\d年)")
_LIST_ITEM = re.compile(r"\d{1,2}[.．]")


def _read_all(folded: str, text: str) -> list[_Item | Ignored]:
    """Every candidate in order, read: a figure or a bare numeral (`_Item`), or a number set aside (`Ignored`)."""
    out: list[_Item | Ignored] = []
    ratios = _ratios(folded)
    next_ratio = 0
    position = 0
    search, match = _CORE.search, _PATTERN.match
    while core := search(folded, position):
        at = core.start()
        while next_ratio < len(ratios) and ratios[next_ratio].end() <= at:
            next_ratio += 1
        if next_ratio < len(ratios) and ratios[next_ratio].start() <= at:
            out += _read_ratio(ratios[next_ratio], folded, text)
            position = ratios[next_ratio].end()
            continue
        digit = folded[at] in _ASCII_DIGITS
        if not digit:
            run_end = at + 1
            if folded[run_end : run_end + 1] in _CN_CHARS:
                run_end = _CN_RUN.match(folded, at).end()  # type: ignore[union-attr]
            if folded[run_end : run_end + 1] not in _CONTINUES and folded[at - 1 : at] not in _ORDER_WORDS:
                position = run_end  # a Chinese numeral inside a word (统一, 一线, 三农): most of them, skipped fast
                continue
            if run_end - at > _LONGEST_CN_NUMERAL:
                position = run_end  # 「万万万…」 from a looping model: no numeral, and not worth a regex's memory
                continue
        listed = _LIST_NUMBER.match(folded, at) if digit else None
        if listed and _line_prefix_is_blank(folded, at):
            out.append(Ignored(text[at : listed.end() - 1], at, listed.end() - 1, NUMBERING))
            position = listed.end()
            continue
        found = None
        if at and folded[at - 1] in _PREFIX_ENDINGS:
            for start in _starts_before(folded, at, position):
                found = match(folded, start)
                if found is not None and found.end() > at:
                    break
                found = None
        if found is None:
            found = match(folded, at)
        if found is None or found.end() == found.start():
            position = at + 1
            continue
        position = found.end()
        result = _read(found, folded, text)
        if result is not None:
            out.append(result)
    return out


_ASCII_DIGITS = frozenset("0123456789")
# What may follow a Chinese numeral that is part of a figure: a unit, a date or fraction word, a marker, a join.
_CONTINUES = frozenset(
    {unit[0] for unit in (*units.CHINESE_UNITS, *units.SYMBOL_UNITS)}
    | set("年月日号季分之余多来以左上下大、和与及或,，至到-—–~ ")
)
_ORDER_WORDS = "第前"
_LONGEST_CN_NUMERAL = 40  # 九千九百九十九万九千九百九十九亿… is far shorter; numerals.parse_chinese reads no longer
# Where a figure may begin: a digit, a run of Chinese numerals that something a figure needs follows, or one
# after 第/前. Most Chinese numerals sit inside words (统一, 一线, 三农) and are passed over here, in C.
_CN_CLASS = f"{_CN_DIGIT}十拾百佰千仟万萬亿億几"
_CORE = re.compile(f"[0-9{_CN_CLASS}]")
_CN_CHARS = frozenset(f"{_CN_CLASS}点")
_CN_RUN = re.compile(f"[{_CN_CLASS}点]+")
_RATIO_MARK = re.compile(r"(?:[:：∶]|比)\s?\d")
_RATIO_START = re.compile(r"\d+(?:\.\d+)?%?\s?$")


def _ratios(folded: str) -> list[re.Match[str]]:
    """Every ratio, found from its marks (a ratio has a colon or 比 before a digit; most text has none)."""
    out: list[re.Match[str]] = []
    for mark in _RATIO_MARK.finditer(folded):
        if out and mark.start() < out[-1].end():
            continue
        head = _RATIO_START.search(folded, max(0, mark.start() - 24), mark.start())
        ratio = _RATIO.match(folded, head.start()) if head else None
        if ratio is not None and ratio.end() > mark.start():
            out.append(ratio)
    return out


def _read_ratio(ratio: re.Match[str], folded: str, text: str) -> list[_Item | Ignored]:
    """Each term of 6.01:55.04:38.95 is a figure (its place in the ratio is part of it); 9:30 is a time of day."""
    terms = list(_RATIO_TERM.finditer(folded, ratio.start(), ratio.end()))
    start, end = ratio.span()
    before = folded[max(0, start - 10) : start]
    if len(terms) == 2 and not _RATIO_WORDS.search(before) and "比" not in ratio[0]:
        hours, minutes = terms[0][1], terms[1][1]
        if hours.isdigit() and len(minutes) == 2 and minutes.isdigit() and int(hours) <= 24 and int(minutes) < 60:
            return [Ignored(text[start:end], start, end, TIME_OF_DAY)]
    out: list[_Item | Ignored] = []
    for index, term in enumerate(terms):
        value = Decimal(term[1])
        a, b = term.span()
        out.append(_Item(a, b, Figure(text[a:b], a, b, "number", ":", value, detail=(index + 1, len(terms)))))
    return out


_LOOKBACK = 80  # how far back the start of a line is looked for: never the whole text, on every number


def _before_on_line(folded: str, at: int) -> tuple[str, bool]:
    """The text before `at` on its line (at most `_LOOKBACK` characters), and whether that is all of it."""
    floor = max(0, at - _LOOKBACK)
    line_start = folded.rfind("\n", floor, at)
    if line_start >= 0:
        return folded[line_start + 1 : at], True
    return folded[floor:at], floor == 0


def _line_prefix_is_blank(folded: str, at: int) -> bool:
    before, whole = _before_on_line(folded, at)
    return whole and not before.strip(" \t#->*+")


def _starts_before(folded: str, at: int, floor: int) -> list[int]:
    """Where a figure whose numeral is at `at` may begin, leftmost first: before 第/约/超过/$/RMB or an English
    month name (数接近百家 begins at 接近, not at 数)."""
    if not at or folded[at - 1] not in _PREFIX_ENDINGS:
        return []
    window = max(floor, at - 12)
    prefix = _PREFIX_RUN.search(folded, window, at)
    if prefix is None:
        return []
    starts = [prefix.start()]
    for token in _PREFIX_TOKEN.finditer(folded, prefix.start(), at):
        if token.end() < at and token.end() not in starts:
            starts.append(token.end())
    return starts


def _read(match: re.Match[str], folded: str, text: str) -> _Item | Ignored | None:
    start, end = match.span()
    arabic = folded[start] in _ASCII_DIGITS or (match["num"] or " ")[0] in _ASCII_DIGITS
    code = _code_reason(folded, start, end) if arabic else None
    if code is not None:
        return Ignored(text[start:end], start, end, code)
    if match["date"]:
        result: Figure | Ignored | _Item | None = _read_date(match, folded, text)
    elif match["fden"]:
        result = _read_fraction(match, text)
    else:
        result = _read_number(match, folded, text)
    if isinstance(result, Figure):
        return _Item(result.start, result.end, result)  # a date, a fraction, a range of Chinese numerals
    return result


def _has_digit(folded: str, start: int, end: int) -> bool:
    return _DIGIT.search(folded, start, end) is not None


_DIGIT = re.compile(r"\d")


def _code_reason(folded: str, start: int, end: int) -> str | None:
    """Digits glued to letters or blanks are names and placeholders: G20, H7N9, 20__年, v1.2, 0731-8888."""
    before = folded[start - 1] if start else ""
    after = folded[end] if end < len(folded) else ""
    if before == "_" or after == "_":
        return CODE
    if folded[start].isdigit() and before.isascii() and before.isalpha():
        return CODE
    if before in "-/" and start >= 2 and folded[start - 2].isascii() and folded[start - 2].isalnum():
        return TELEPHONE if folded[start - 2].isdigit() else CODE  # 0731-8888, COVID-19
    if folded[end - 1].isdigit() and after.isascii() and after.isalpha():
        return CODE  # 5G, 3D (3A级 is read as a grade before this)
    if after == "." and end + 1 < len(folded) and folded[end + 1].isdigit():
        return CODE  # 1.1.1.4: dotted section numbers
    if before == "." and start >= 2 and folded[start - 2].isdigit() and not _after_list_number(folded, start):
        return CODE
    return None


def _after_list_number(folded: str, start: int) -> bool:
    """`1.2011年…`: the year after a list item's number is no part of a dotted code."""
    before, whole = _before_on_line(folded, start)
    return whole and bool(_LIST_ITEM.fullmatch(before.lstrip(" \t#->*+")))


def _read_date(match: re.Match[str], folded: str, text: str) -> Figure | Ignored | None:
    start, end = match.span()
    if match["q"]:
        year = numerals.parse_number(match["qy"]) if match["qy"] else None
        quarter = int(numerals.parse_number(match["q"]) or 0)
        if folded[end : end + 1] in ("末", "底"):  # 一季度末 = 3月31日
            last_month = 3 * quarter
            detail = (_int(year), last_month, calendar.monthrange(_int(year) or 2001, last_month)[1], "")
            return Figure(text[start : end + 1], start, end + 1, "date", "date", None, detail=detail)
        part = f"Q1-{quarter}" if match["qfirst"] else f"Q{quarter}"
        return Figure(text[start:end], start, end, "date", "date", None, detail=(_int(year), None, None, part))
    if match["yonly"]:
        year = numerals.parse_number(match["yonly"])
        if year is None or not 1900 <= year <= 2100:
            return None
        if folded.startswith("远景目标", end):
            return Ignored(text[start:end], start, end, PLAN_NAME)
        if match["yend"]:  # 2011年末 = 2011年12月31日
            return Figure(text[start:end], start, end, "date", "date", None, detail=(int(year), 12, 31, ""))
        return Figure(text[start:end], start, end, "date", "date", None, detail=(int(year), None, None, ""))
    if match["dy"]:
        year_text, month_text, day_text = match["dy"], match["dm"], match["dd"]
    elif match["m"]:
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
    part = match["part"] or ""
    if part in ("底", "末") and day is None:  # 6月底 = 6月30日
        day, part = Decimal(calendar.monthrange(int(year or 2001), int(month))[1]), ""
    parts = (_int(year), _int(month), _int(day))
    return Figure(text[start:end], start, end, "date", "date", None, detail=(*parts, part))


def _int(value: Decimal | None) -> int | None:
    return None if value is None else int(value)


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


_GROUPS = ("num", "pre", "apx", "post", "ord", "vpre", "num2", "cur", "mult", "scale", "mult2", "unit", "enunit")


def _read_number(match: re.Match[str], folded: str, text: str) -> Figure | Ignored | _Item | None:
    start, end = match.span()
    number, pre, apx, post, ordinal_word, vpre, num2, cur, mult, scale_word, mult2, written, word = match.group(
        *_GROUPS
    )
    arabic = number[0] in _ASCII_DIGITS
    if (
        not arabic
        and end == match.end("num")
        and not ordinal_word
        and folded[end : end + 1] not in _JOIN_STARTS
        and folded[start - 1 : start] != "前"
    ):
        return None  # a Chinese numeral inside a word (统一, 一线, 三农): the common case, kept fast
    unit, end = _read_unit(match, folded, arabic, end, cur, written, word)
    approx = _APPROX.get(pre or "", "") or _APPROX.get(apx or "", "")
    if post and (unit or post == "大关"):
        approx, end = approx or _APPROX[post], match.end()  # 千亿大关: a threshold passed, whatever it counts
    elif post:
        end = match.start("post")
    scale = _scale(mult, scale_word, mult2, arabic)
    if scale is None:
        return None
    ordinal = bool(ordinal_word)
    if vpre or "几" in number:
        return _read_vague(match, text, unit, end)
    if not unit and post != "大关":
        return _read_rank(match, folded, text, end) or _read_bare(match, folded, text, arabic, scale, end)
    if not arabic or written in _NAMING_UNITS or (len(number) in (3, 5) and _SERVICE_NUMBER.fullmatch(number)):
        reason = _name_reason(match, folded, unit, start, end)
        if reason is not None:
            return Ignored(text[start:end], start, end, reason)
        if _is_bare_magnitude(match, single=True):
            return None  # 万元 alone is a unit's name (单位：万元, 每万元GDP), not an amount
    if ordinal:
        if approx or num2:
            return None
        unit = "第…" + unit
    elif unit == "名" and folded[start - 1 : start] == "前" and _rank_before(folded, start - 1):
        start, unit = start - 1, "前…名"  # 全省前三名: a rank, not three people
    if pre == "摄氏" and unit in ("度", "℃"):
        unit = "℃"
    if unit in ("枚", "块", "个", "面"):
        if folded[start - 2 : start] in _MEDALS:
            unit = folded[start - 2 : start]  # 银牌1枚 = 1银
        elif folded[end : end + 2] in _MEDALS:
            unit, end = folded[end : end + 2], end + 2  # 1枚银牌 = 1银
    if num2:
        return _read_range(match, text, unit, scale, approx, end)
    if not arabic and _is_article(match, folded, number, ordinal, approx):
        return None
    value = numerals.parse_arabic(number) if arabic else numerals.parse_number(number)
    if value is None:
        bounds = None if arabic else numerals.parse_chinese_range(number)
        if bounds is None:
            return None
        low, high = (bound * scale for bound in bounds)
        return Figure(text[start:end], start, end, "range", unit, None, approx, detail=(low, high))
    value *= scale
    if unit == "日" and not ordinal and not approx and scale == 1 and 1 <= value <= 31 and value == int(value):
        return Figure(text[start:end], start, end, "date", "date", None, detail=(None, None, int(value), ""))
    if pre == "零下":
        value = -value
    elif folded[start - 1 : start] == "-" and _minus_before(folded, start):
        start, value = start - 1, -value  # -0.60‰, −3.2%
    trend = _trend_before(folded, start)
    figure = Figure(text[start:end], start, end, "number", unit, value, approx, ordinal, trend=trend)
    return _Item(start, end, figure, scale)


# The words that say which way a change went, just before its figure: 同比增长12.1%, 比上年下降了2.3个百分点.
# (提高到80元, 降至3% name a level, not a change: 到/至 stands between.)
_TREND = re.compile(
    r"(?:(?P<down>负增长|下降|减少|降低|回落|下滑|下跌|降幅|减幅|缩小|收窄|缩减|减|降)"
    r"|(?P<up>增长|增加|提高|上升|提升|增幅|扩大|上涨|增|升|涨))(?:了|为|达|达到)?$"
)


def _trend_before(folded: str, start: int) -> str:
    found = _TREND.search(folded, max(0, start - 5), start)
    if found is None:
        return ""
    return "down" if found["down"] else "up"


_MEDALS = ("金牌", "银牌", "铜牌")


def _minus_before(folded: str, start: int) -> bool:
    """A minus sign stuck to the number, not a dash between words or numbers (20-30, COVID-19)."""
    if folded[start - 1 : start] != "-" or not folded[start : start + 1].isdigit():
        return False
    before = folded[start - 2 : start - 1]
    return not (before.isascii() and before.isalnum()) and before not in ")）"


def _is_article(match: re.Match[str], folded: str, number: str, ordinal: bool, approx: str) -> bool:
    """A lone 一 before a measure word is an article (进行了一次调查), unless 翻一番 doubles something."""
    if number not in ("一", "壹") or ordinal or approx:
        return False
    unit = units.canonical_unit(match["unit"] or "")
    if unit == "番":
        return not folded[max(0, match.start() - 2) : match.start()].endswith(("翻", "翻了"))
    return unit in units.ARTICLE_UNITS


# A meeting's name: 十八届六中全会, 四届人大四次会议, 第十三届全国人民代表大会第四次会议, 五届十次全委会议.
_MEETING_AFTER = re.compile(
    r"[^，。；,;\n]{0,14}?(?:人大|人民代表大会|政协|党代会|代表大会|全会|委员会|职代会|团代会|妇代会|常委会|全委会"
    r"|董事会|监事会|理事会|执委会)"
)
_MEETING_NOUN = re.compile(
    r"(?:全会|会议|全体会议|全委会议?|常委会议?|党代会|代表大会|主任会议|[\u4e00-\u9fff]{0,6}会议)"
)
_CN_NUMERAL_RUN = re.compile(f"第?[0-9{_CN_DIGIT}十百]+(?:次|中)")
_SPEECH_BEFORE = re.compile(r"(?:讲|谈|说|提|汇报|强调|交流|概括为|归纳为)[一了讲谈这]{0,2}$")
_SPEECH_AFTER = re.compile(r"(?:问题|方面|意见|建议|体会|看法|内容|观点)")
_SLOGAN_UNITS = frozenset("名 人 户 村 企 家 日 天 项 校 镇 社区 强 所 个".split())
_CAMPAIGN_AFTER = re.compile(r"(?:专项)?(?:行动|攻坚|计划|规划|工程|会战|大会战)")
_POLICY_NOUNS = re.compile(r"(?:具体|硬核|政策)?(?:措施|举措|政策|意见|细则|规定|办法|条例)")
_HOTLINE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,12}?(?:热线|专线|服务电话|监督电话|短号)")
_SERVICE_NUMBER = re.compile(r"12\d{3}|1[01][0-9]")  # 12345, 12328, 12350; 110, 119, 120


def _name_reason(match: re.Match[str], folded: str, unit: str, start: int, end: int) -> str | None:
    """Why a number with a unit is still no figure: it names a meeting, a policy, a slogan or a speech's outline."""
    written = match["unit"] or ""
    number = match["num"]
    if number[0] in _ASCII_DIGITS:
        if len(number) in (3, 5) and _SERVICE_NUMBER.fullmatch(number) and _hotline_after(folded, match.end("num")):
            return TELEPHONE  # 12333人社服务热线: the 人 begins another word
        if written not in _NAMING_UNITS:
            return None  # the common case: 2848户, 323.062万元
    if written == "届" and _MEETING_AFTER.match(folded, end):
        return MEETING
    if written == "次" and _MEETING_NOUN.match(folded, end):
        window = folded[max(0, start - 16) : start]
        if match["ord"] or ("届" in window and not _has_break(window[window.rfind("届") :])):
            return MEETING  # 四届人大四次会议, 第十三届…第四次会议, 五届十次全委会议; not 全会精神…学习4次
    if written == "条" and (_POLICY_NOUNS.match(folded, end) or policy_name_before(folded, start)):
        return POLICY_NAME
    if number[0] in _ASCII_DIGITS:
        return None
    if _is_bare_magnitude(match) and unit in _SLOGAN_UNITS:
        return SLOGAN  # 千名干部结对帮扶, 百日攻坚, 万人助万企
    if written == "个" and folded[end : end + 1] == "字":
        return SLOGAN  # “增收益、防风险、优结构、抓转型”十二个字: a slogan's length
    if written in ("年", "天", "日") and _CAMPAIGN_AFTER.match(folded, end):
        return SLOGAN  # 治本攻坚三年行动, 百日攻坚: a campaign named by its length
    if written in ("个", "点", "方面") and _SPEECH_BEFORE.search(folded, start - 8, start):
        value = numerals.parse_number(number)
        if value is not None and value <= 10 and (written == "方面" or _SPEECH_AFTER.match(folded, end)):
            return SPEECH
    return None


_NAMING_UNITS = frozenset("届 次 条 个".split())  # the units a number in a name takes (十八届, 四次会议, 41条)


def _is_bare_magnitude(match: re.Match[str], *, single: bool = False) -> bool:
    """百, 千, 万, 亿 (or 百万, 千亿) with no marker. A single one before a unit names the unit (万元), a round
    magnitude before a person or place names a campaign (千名干部); 千万元 is an amount."""
    markers = ("pre", "vpre", "apx", "ord", "post", "cur", "mult2")
    magnitudes = _SINGLE_MAGNITUDES if single else _MAGNITUDES
    return match["num"] in magnitudes and not any(match[group] for group in markers)


_SINGLE_MAGNITUDES = frozenset("百 千 万 亿".split())
_MAGNITUDES = _SINGLE_MAGNITUDES | frozenset("十万 百万 千万 百亿 千亿 万亿".split())


def _has_break(text: str) -> bool:
    return any(char in "，。；、,;\n" for char in text)


def _read_unit(
    match: re.Match[str], folded: str, arabic: bool, end: int, cur: str | None, written: str | None, word: str | None
) -> tuple[str, int]:
    """The canonical unit a number counts, and where the figure ends; ("", end of number) when it counts nothing."""
    if cur:
        currency = units.CURRENCY_PREFIXES[cur]
        if written in ("元", "美元") or (word or "").lower() in units.ENGLISH_UNITS:
            return currency, end
        return currency, _number_end(match)
    if written:
        unit_end = match.end("unit")
        after = folded[unit_end : unit_end + 1]
        if after and after in units.NOT_UNIT_BEFORE.get(written, ""):
            return "", match.start("unit")
        weak = not arabic and written in units.WEAK_UNITS and after not in units.WORD_ENDINGS
        if weak and after and _is_cjk(after):
            return "", match.start("unit")
        return units.canonical_unit(written), end
    if word:
        lowered = word.lower()
        if lowered in units.ENGLISH_UNITS:
            return units.ENGLISH_UNITS[lowered], end
        if lowered in _ENGLISH_STOPWORDS or not arabic:
            return "", _number_end(match)
        return _singular(lowered), end
    return "", _number_end(match)


def _number_end(match: re.Match[str]) -> int:
    """Where the number (with its multipliers and 余/多) ends: where its unit, English unit or 以上 begins."""
    for group, back in (("unit", 0), ("enunit", 1), ("post", 0)):
        start = match.start(group)
        if start >= 0:
            return start - back
    return match.end()


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


_ONE = Decimal(1)


def _scale(mult: str | None, scale_word: str | None, mult2: str | None, arabic: bool) -> Decimal | None:
    """万/亿/千 after a number, an English scale word, and 万/亿 after 余/多: what the number is multiplied by."""
    if not (mult or scale_word or mult2):
        return _ONE
    factor = 1
    if mult:
        if not arabic:
            return None
        multiplier = numerals.parse_multiplier(mult)
        if multiplier is None:
            return None
        factor = multiplier
    if scale_word:
        factor *= numerals.ENGLISH_SCALES[scale_word]
    if mult2:  # 20多万元, 二十多万元, 3000余万元: the approximation sits inside the amount
        multiplier = numerals.parse_multiplier(mult2)
        if multiplier is None:
            return None
        factor *= multiplier
    return Decimal(factor)


def _read_vague(match: re.Match[str], text: str, unit: str, end: int) -> Figure | None:
    """数千名, 十几个, 上万人: amounts a reader can check by their words, though they have no single value."""
    start = match.start()
    written = (match["vpre"] or "") + match["num"]
    if (
        not unit
        or match["num2"]
        or match["mult"]
        or match["mult2"]
        or match["ord"]
        or not _VAGUE.fullmatch(match["num"])
    ):
        if match["vpre"] and numerals.parse_number(match["num"]) is not None and unit:
            start = match.start("num")  # 上 was not part of the figure: 上3个 is not vague
            value = numerals.parse_number(match["num"])
            return Figure(text[start:end], start, end, "number", unit, value)
        return None
    if not match["vpre"] and "几" not in written:
        return None
    approx = _APPROX.get(match["pre"] or "", "")
    return Figure(text[start:end], start, end, "vague", unit, None, approx, detail=(written,))


# Words before a rank: 排名第一, 名列全市第一, 全省第三, 居全国第二位, 进入全省前十.
_NOT_AFTER_DA = frozenset("队学院道街会桥楼厦")
_ORDINAL = "第[一二三四五六七八九十\\d]{1,3}"
_RANK_LISTED = re.compile(
    rf"(?:排名|名列|位列|位居|居于|居|列)[^，。；,;\n]{{0,6}}{_ORDINAL}(?:[、和及与]{_ORDINAL})*[、和及与]$"
)
_RANK_BEFORE = re.compile(
    r"(?:排名|排位|排序|排在|名列|位列|位居|居于|居|列|荣获|获得|夺得|取得|获|"
    r"全国|全省|全市|全区|全县|全州|全盟|全旗|全系统|全行业|省内|市内|区内|县内|同类|同行业|同级|考核|测评|评比|综合)"
    r"[^，。；、,;\n]{0,6}$"
)


def _rank_before(folded: str, start: int) -> bool:
    """Whether a rank's words end just before `start` (where its 第 or 前 stands), or a rank does, joined to it as
    a list (依次位居第二、第三和第四)."""
    if _RANK_BEFORE.search(folded, max(0, start - 12), start):
        return True
    return folded[start - 1 : start] in "、和及与" and bool(_RANK_LISTED.search(folded, max(0, start - 40), start))


def _read_rank(match: re.Match[str], folded: str, text: str, end: int) -> Figure | None:
    """第一 or 前三 after a rank's words, ending a word: 排名第一, 全省第三, 进入全省前十."""
    start = match.start()
    top = not match["ord"] and folded[start - 1 : start] == "前"
    if not (match["ord"] or top) or match["num2"] or match["mult"] or match["mult2"] or match["pre"] or match["apx"]:
        return None
    after = folded[end : end + 1]
    if match["ord"] and after == "大" and folded[end + 1 : end + 2] not in _NOT_AFTER_DA:
        end += 1  # 第二大贸易伙伴: second largest, a rank (第二大队 is a name)
    elif after and _is_cjk(after) and after not in "的和与及、":
        return None  # 第一产业, 第一书记, 全省第一方阵
    value = numerals.parse_number(match["num"])
    if value is None or not 0 < value <= 1000:
        return None
    if top:
        start -= 1
    bracketed = folded[start - 1 : start] in "（(" and folded[end : end + 1] in "）)"  # 湖北（第二）: a rank
    if not (bracketed or _rank_before(folded, start) or folded[end - 1 : end] == "大"):
        return None
    return Figure(text[start:end], start, end, "number", "前…名" if top else "第…名", value, ordinal=not top)


def _read_bare(
    match: re.Match[str], folded: str, text: str, arabic: bool, scale: Decimal, end: int
) -> Figure | Ignored | _Item | None:
    """A number with nothing after it that it counts: a year, a count in English prose, a member of a list whose
    unit comes last (12、15和18万元), or (mostly) numbering."""
    start = match.start()
    number = match["num"]
    if match["ord"] or match["pre"] in ("摄氏", "零下"):
        return None
    if match["num2"]:
        if number[0].isdigit() and (number[0] == "0" or len(number + match["num2"]) >= 8):
            return Ignored(text[start:end], start, end, TELEPHONE)  # 0731-8888888
        return None
    if not arabic:
        value = numerals.parse_number(number)
        if value is None or match["pre"] or match["vpre"] or match["apx"] or match["cur"]:
            return None
        return _Item(start, end, None, scale, bare=True, cjk=True)  # 三、五和八个: only a list gives it a unit
    value = numerals.parse_arabic(number)
    if value is None:
        return None
    reason = _bare_reason(folded, match.start("num"), match.end("num"))
    if reason is not None:
        return Ignored(text[match.start("num") : match.end("num")], match.start("num"), match.end("num"), reason)
    plain = number.isdigit()
    if plain and scale == 1 and not match["apx"] and len(number) == 4 and 1900 <= int(number) <= 2100:
        year = Figure(text[start:end], start, end, "date", "date", None, detail=(int(number), None, None, ""))
        return _Item(start, end, year, bare=True)
    if plain and (len(number) >= 7 or (len(number) > 1 and number[0] == "0")):
        return Ignored(text[start:end], start, end, TELEPHONE)
    approx = _APPROX.get(match["pre"] or "", "") or _APPROX.get(match["apx"] or "", "")
    figure = Figure(text[start:end], start, end, "number", "", value * scale, approx)
    return _Item(start, end, figure, scale, bare=True)


_CAPTION_BEFORE = re.compile(r"(?:图|表|注|附件|附表|附图|图表|公式|脚注|见)$")
_LIST_AHEAD = re.compile(r"\d{1,2}(?:、\d{1,2})*(?:和\d{1,2})?(?:月|日|号|个|名|人|次|家|项|户|期|场|所)")
_CODE_BEFORE = re.compile(r"(?:代码|编码|编号|代号|证号|账号|批准文号|注册号)[：:\s]*$")


def _bare_reason(folded: str, start: int, end: int) -> str | None:
    """Why a bare Arabic number is no figure: outline numbering, a caption, a hotline."""
    if _CODE_BEFORE.search(folded, max(0, start - 8), start):
        return CODE  # 公司代码：600823
    if _is_numbering(folded, start, end):
        return NUMBERING
    if folded[end : end + 1] == "号" and folded[end + 1 : end + 2] in units.NOT_UNIT_BEFORE["号"]:
        return NAME  # 1号线, 3号楼
    if _CAPTION_BEFORE.search(folded, max(0, start - 2), start):
        return CAPTION
    if end - start >= 3 and (
        _hotline_after(folded, end)
        or folded[max(0, start - 4) : start].endswith(("热线", "电话", "拨打"))
        or (_SERVICE_NUMBER.fullmatch(folded, start, end) and not folded[end : end + 1].isdigit())
    ):
        return TELEPHONE  # 12345热线, 拨打12328 (a number of three digits or more)
    return None


def _hotline_after(folded: str, end: int) -> bool:
    window = folded[end : end + 16]
    if not any(word in window for word in ("热线", "专线", "电话", "短号")):
        return False
    return _HOTLINE_AFTER.match(folded, end) is not None


def _is_numbering(folded: str, start: int, end: int) -> bool:
    """`1、` `2.` `(3)` at a line's start or after punctuation, `§4`, `5.1 总则`, `Section 4`: outline numbering."""
    before, whole = _before_on_line(folded, start)
    blank = whole and not before.strip(" \t#->*+")
    after = folded[end] if end < len(folded) else ""
    listed = before[-1:] == "、" and before[-2:-1].isdigit()  # 12、15、18万元: a list's member, not a number
    listed = listed or (after == "、" and bool(_LIST_AHEAD.match(folded, end + 1)))  # 4、5、6月份
    whole = "." not in folded[start:end]
    opens = blank or (bool(before) and before[-1] in _PUNCTUATION_BEFORE)
    if after in _NUMBERING_AFTER and whole and not listed and opens:
        return after != "." or end + 1 >= len(folded) or not folded[end + 1].isdigit()
    if before[-1:] in ("(", "（") and after in (")", "）"):
        return True
    if before.endswith("§") or before.endswith("§ "):
        return True
    if "." in folded[start:end] and blank and (after in " \t" or _is_cjk(after)):
        return True  # 5.1 总体情况: a section number opening its line
    words = before.rstrip(". ").rsplit(maxsplit=1)
    return bool(words) and words[-1].lower().rstrip(".") in _NUMBERING_WORDS


def _read_range(match: re.Match[str], text: str, unit: str, scale: Decimal, approx: str, end: int) -> Figure | None:
    start = match.start()
    low, high = numerals.parse_number(match["num"]), numerals.parse_number(match["num2"])
    if low is None or high is None or low >= high:
        return None
    if unit == "年" and scale == 1 and _are_years(low, high):
        unit = "date"  # 2020—2022年: years, not a count of them
    elif unit == "月" and scale == 1 and not approx and all(v == int(v) and 1 <= v <= 12 for v in (low, high)):
        unit = "date"  # 1—5月: the months of a period, not five months
    return Figure(text[start:end], start, end, "range", unit, None, approx, detail=(low * scale, high * scale))


def _are_years(*values: Decimal) -> bool:
    return all(value == int(value) and 1900 <= value <= 2100 for value in values)


_JOIN_STARTS = frozenset("、和与及以或,，")

# Joining a list whose unit comes last: 12、15和18万元, 2.16和1.66个百分点. A comma joins only after 分别.
_LIST_JOINS = frozenset(["、", "和", "与", "及", "以及", "或", "、和"])
_COMMA_JOINS = frozenset([",", "，"])
_LISTED = ("number", "date")


def _share_list_units(items: list[_Item], folded: str, text: str) -> list[Figure]:
    """Give the members of a list the unit (and 万/亿) written once after its last member."""
    figures = [item.figure for item in items]
    for last, item in enumerate(items):
        figure = item.figure
        if figure is None or not figure.unit or figure.ordinal or figure.unit == ":" or figure.kind not in _LISTED:
            continue
        if re.match(r"0\d", figure.text):
            continue  # 323、062万元 is a typo for a decimal point, not a list
        members: list[int] = []
        edge, comma, k = item.start, False, last - 1
        while k >= 0 and figures[k] is items[k].figure:
            member = items[k]
            join = folded[member.end : edge].strip(" ")
            if join not in _LIST_JOINS and join not in _COMMA_JOINS:
                break
            if not (member.bare or _unit_begins(member.figure, figure)):
                break
            members.append(k)
            comma = comma or join in _COMMA_JOINS or member.cjk
            edge, k = member.start, k - 1
        if not members or (comma and "分别" not in folded[max(0, edge - 12) : edge]):
            continue
        for k in members:
            figures[k] = _member(items[k], figure, item.scale, text)
    return [figure for figure in figures if figure is not None]


def _unit_begins(member: Figure | None, last: Figure) -> bool:
    """0.6个和1.1个百分点, 3个、5个月: the member's unit is the start of the last's."""
    return (
        member is not None
        and member.kind == "number"
        and bool(member.unit)
        and last.unit != member.unit
        and last.unit.startswith(member.unit)
    )


def _member(item: _Item, last: Figure, scale: Decimal, text: str) -> Figure | None:
    """A list member read with the unit of the list's last figure."""
    written = text[item.start : item.end]
    value = numerals.parse_number(written)
    if item.figure is not None and item.figure.kind == "number":
        value = item.figure.value
        if item.figure.unit:  # 0.6个 of 0.6个和1.1个百分点: its number, the list's unit
            return Figure(written, item.start, item.end, "number", last.unit, value)
    if value is None:
        return None
    if last.kind == "date":
        year, month, day, _ = last.detail
        whole = int(value)
        if value != whole:
            return None
        if day is not None and 1 <= whole <= 31:
            parts: tuple[object, ...] = (year, month, whole, "")
        elif day is None and month is not None and 1 <= whole <= 12:
            parts = (year, whole, None, "")
        else:
            return None
        return Figure(written, item.start, item.end, "date", "date", None, detail=parts)
    if item.scale == 1:
        value *= scale  # 12、15和18万元: every member is 万元
    return Figure(written, item.start, item.end, last.kind, last.unit, value)
