"""Matching the writer's figures against a draft: each gets exact, equivalent, altered or missing; draft figures
nobody gave are unsupported.

Matching is one-to-one (a figure given twice must be found twice) and context-aware: among equal candidates the
one whose surroundings share the most words with the fact wins, and a changed figure is reported as *altered* only
when a figure of the same unit stands where the fact's words do.
"""

from __future__ import annotations

import calendar
import operator
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from drafter.figures import numerals
from drafter.figures.extract import DATE_LINE, PERIOD_NAME, Figure, Ignored, Key, scan
from drafter.figures.labels import Label, Labeller, family, features

EXACT, EQUIVALENT, ALTERED, MISSING = "exact", "equivalent", "altered", "missing"
STATUSES = (EXACT, EQUIVALENT, ALTERED, MISSING)

# How far around a draft figure its context reaches, in characters.
_WINDOW_BEFORE, _WINDOW_AFTER = 24, 12
# An altered figure needs this much evidence: shared context words, same section, similar digits.
_ALTERED_MIN_SCORE = 4


@dataclass(frozen=True, slots=True)
class Expected:
    """A figure the writer gave, with the fact and section it came from."""

    figure: Figure
    section: str
    fact: str

    @property
    def clause(self) -> str:
        """The clause of the fact the figure stands in — the words that tell it from the fact's other figures
        (表彰4个先进单位、10个先进处室: 「10个先进处室」) — or the whole fact when the figure is not in it."""
        start, end = self.figure.start, self.figure.end
        if self.fact[start:end] != self.figure.text:
            return self.fact
        return clause_around(self.fact, start, end)


def clause_around(text: str, start: int, end: int) -> str:
    """`text[start:end]` with the rest of its clause: up to 24 characters before it and everything after it, each
    cut at the nearest break (，、；。)."""
    before, after = text[max(0, start - _WINDOW_BEFORE) : start], text[end:]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    head = before[breaks[-1].end() :] if breaks else before
    stop = _CLAUSE_BREAK.search(after)
    return head + text[start:end] + (after[: stop.start()] if stop else after)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A figure found in the draft, with its 1-based line and column (in characters), its section heading, and
    the text around it on its line (`near`, with the figure at `offset`)."""

    figure: Figure
    line: int
    column: int
    section: str = ""
    near: str = ""
    offset: int = 0

    @property
    def context(self) -> str:
        """A short snippet: up to 24 characters before the figure and 12 after, within its line."""
        return self.near[max(0, self.offset - _WINDOW_BEFORE) : self.offset + len(self.figure.text) + _WINDOW_AFTER]

    @property
    def sentence(self) -> str:
        """The words around the figure within its sentence (up to 24 characters before, 12 after)."""
        end = self.offset + len(self.figure.text)
        before = self.near[max(0, self.offset - _WINDOW_BEFORE) : self.offset]
        after = self.near[end : end + _WINDOW_AFTER]
        breaks = list(_SENTENCE_BREAK.finditer(before))
        head = before[breaks[-1].end() :] if breaks else before
        stop = _SENTENCE_BREAK.search(after)
        return head + self.figure.text + (after[: stop.start()] if stop else after)

    @property
    def clause(self) -> str:
        """The clause the figure stands in: between the nearest breaks (，、；。) on either side."""
        return clause_around(self.near, self.offset, self.offset + len(self.figure.text))


@dataclass(frozen=True, slots=True)
class Known:
    """A figure the writer gave outside the facts (in the title, the period or a heading), with that text: a draft
    may repeat it — a date or a year anywhere, a count only beside the words it came with (两项补贴)."""

    figure: Figure
    source: str = ""


@dataclass(frozen=True, slots=True)
class IgnoredNumber:
    """A number in the draft judged not to be a figure, with its line, column and the reason."""

    number: Ignored
    line: int
    column: int


@dataclass(slots=True)
class FigureResult:
    expected: Expected
    status: str
    found: list[Occurrence] = field(default_factory=list)
    swapped: bool = False  # altered because it and another figure of its unit stand in each other's places


@dataclass(slots=True)
class FigureReport:
    """The figure-consistency report: every expected figure's status, and the draft's unsupported figures."""

    figures: list[FigureResult]
    unsupported: list[Occurrence]
    ignored: list[IgnoredNumber] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(result.status in (EXACT, EQUIVALENT) for result in self.figures)

    @property
    def counts(self) -> dict[str, int]:
        counts = {status: 0 for status in STATUSES}
        for result in self.figures:
            counts[result.status] += 1
        return {"figures": len(self.figures), **counts, "unsupported": len(self.unsupported)}


def match_figures(expected: Sequence[Expected], draft: str, known: Iterable[Figure | Known] = ()) -> FigureReport:
    """Check every expected figure against `draft`; `known` figures (title, period, headings) are not unsupported."""
    given = [item if isinstance(item, Known) else Known(item) for item in known]
    known_figures = [item.figure for item in given]
    found = scan(draft)
    occurrences = locate(draft, found.figures)
    years = _document_years(known_figures, expected)
    memo = _FactMemo()
    contexts = [_FactContext(item, memo) for item in expected]
    results = [FigureResult(item, MISSING) for item in expected]
    title = _title_figures(draft, occurrences)
    taken: set[int] = set(title)  # the draft's own title answers for a fact only when its body has no word of it

    keys = [_match_key(occurrence.figure, years) for occurrence in occurrences]
    _assign_equal(contexts, occurrences, keys, results, taken, years)
    _undo_swaps(expected, draft, results, occurrences)
    _mark_reversed_trends(results)
    _assign_unit_added(contexts, occurrences, results, taken)
    _assign_altered(contexts, occurrences, results, taken, years)
    _assign_from_title(occurrences, keys, results, title)
    taken -= {index for index in title if not any(occurrences[index] in r.found for r in results)}
    _attach_repeats(contexts, occurrences, keys, results, taken, years)

    for result in results:
        result.found.sort(key=lambda occurrence: occurrence.figure.start)
    is_known = _KnownFigures(given, years)
    line_starts = _line_starts(draft)
    unsupported, ignored = [], [_ignored_number(line_starts, number) for number in found.ignored]
    for index, occurrence in enumerate(occurrences):
        if index in taken or is_known(occurrence, keys[index]):
            continue
        reason = _aside_reason(occurrence, draft)
        if reason is None:
            unsupported.append(occurrence)
        else:
            figure = occurrence.figure
            number = Ignored(figure.text, figure.start, figure.end, reason)
            ignored.append(IgnoredNumber(number, occurrence.line, occurrence.column))
    ignored.sort(key=lambda item: item.number.start)
    return FigureReport(results, unsupported, ignored)


def _title_figures(draft: str, occurrences: list[Occurrence]) -> set[int]:
    """The figures of the draft's title line (a level-1 heading opening it): 某县2024年1—5月财政收支情况."""
    first = next((number for number, line in enumerate(draft.splitlines(), 1) if line.strip()), 0)
    if not draft.lstrip().startswith("# "):
        return set()
    return {index for index, occurrence in enumerate(occurrences) if occurrence.line == first}


def _assign_from_title(
    occurrences: list[Occurrence], keys: list[Key], results: list[FigureResult], title: set[int]
) -> None:
    """A fact's figure the body neither states nor alters, but the title does (1—5月 in the title of a
    1—5月 report), is found there."""
    free = set(title)
    for result in results:
        if result.found:
            continue
        key = _match_key(result.expected.figure, frozenset())
        for index in sorted(free):
            if keys[index] == key or occurrences[index].figure.key == result.expected.figure.key:
                same = _same_text(occurrences[index].figure.text, result.expected.figure.text)
                result.status = EXACT if same else EQUIVALENT
                result.found.append(occurrences[index])
                free.discard(index)
                break


class _KnownFigures:
    """Whether a draft figure is one the writer gave outside the facts: a date of the title or period (or a year
    they span, or their length: 五年间 in a 2016—2020年 document), or a heading's count beside its words."""

    def __init__(self, given: list[Known], years: frozenset[int]) -> None:
        self._years = years
        self._anywhere: set[Key] = set()
        self._beside: dict[Key, list[frozenset[str]]] = {}
        for item in given:
            figure = item.figure
            if figure.kind == "date" or figure.unit == "date" or not item.source:
                self._anywhere |= {figure.key, _match_key(figure, years)}
            else:
                self._beside.setdefault(figure.key, []).append(bigrams(item.source))
        spanned = _known_years([item.figure for item in given])
        self._anywhere |= {("date", "date", False, "", None, (year, None, None, "")) for year in spanned}
        self._anywhere |= {("date", "date", False, "", None, (None, *end, "")) for end in _period_ends(given)}
        if len(spanned) > 1 and max(spanned) - min(spanned) + 1 == len(spanned):
            self._anywhere.add(("number", "年", False, "", Decimal(len(spanned)), ()))

    def __call__(self, occurrence: Occurrence, key: Key) -> bool:
        figure = occurrence.figure
        if key in self._anywhere or (figure.kind == "date" and figure.key in self._anywhere):
            return True
        sources = self._beside.get(key, [])
        return any(_shares_a_word(source, occurrence.sentence) for source in sources)


def _period_ends(given: list[Known]) -> set[tuple[int, int]]:
    """The (month, day) a period given in the title or front matter ends on, which a draft may name (截至6月末 in a
    上半年 report, 截至9月末 in a 前三季度 one)."""
    ends: set[tuple[int, int]] = set()
    for item in given:
        figure = item.figure
        if figure.kind == "date" and str(figure.detail[3]).startswith("Q"):
            quarter = int(str(figure.detail[3])[-1])
            ends.add((3 * quarter, calendar.monthrange(2001, 3 * quarter)[1]))
        elif figure.kind == "range" and figure.unit == "date" and isinstance(figure.detail[1], Decimal):
            month = int(figure.detail[1])  # 1—5月 (a range of years, 2020—2022年, ends no month)
            if month <= 12:
                ends.add((month, calendar.monthrange(2001, month)[1]))
        if "上半年" in item.source:
            ends.add((6, 30))
        if figure.kind == "date" and figure.detail[1:3] == (None, None) and not figure.detail[3]:
            ends.add((12, 31))  # a year's report: 截至12月末
    return ends


def _document_years(known: Sequence[Figure], expected: Sequence[Expected]) -> frozenset[int]:
    """The years a document is about: those of its title and period, else those its facts name."""
    for figures in (known, [item.figure for item in expected]):
        years = frozenset(_known_years(figures))
        if years:
            return years
    return frozenset()


def _known_years(known: Sequence[Figure]) -> set[int]:
    """The years the title and period name (2025年一季度, 2012—2016年): a draft may name each alone."""
    years: set[int] = set()
    for figure in known:
        if figure.kind == "date" and isinstance(figure.detail[0], int):
            years.add(figure.detail[0])
        elif figure.kind == "range" and figure.unit in ("年", "date"):
            low, high = figure.detail
            if isinstance(low, Decimal) and isinstance(high, Decimal) and 1900 <= low < high <= 2100:
                years.update(range(int(low), int(high) + 1))
    return years


def _match_key(figure: Figure, years: frozenset[int]) -> Key:
    """A date within the document's year matches the same date written without it: 6月30日 = 2011年6月30日."""
    if figure.kind != "date" or figure.detail[0] is None:
        return figure.key
    year, month, day, part = figure.detail
    if month is None and not str(part).startswith("Q"):
        return figure.key  # a year alone is its own figure
    if years and year not in years:
        return figure.key
    return (*figure.key[:-1], (None, month, day, part))


def _aside_reason(occurrence: Occurrence, draft: str) -> str | None:
    """Why a figure no fact gives is still no claim to check: a period's name (一季度, 年末), a date under the
    signature."""
    figure = occurrence.figure
    if figure.kind != "date":
        return None
    if str(figure.detail[3]).startswith("Q") or figure.text in ("年末", "年底"):
        return PERIOD_NAME
    floor, ceiling = max(0, figure.start - 40), min(len(draft), figure.end + 40)  # a date line is short
    line_start = draft.rfind("\n", floor, figure.start) + 1 or floor
    line_end = draft.find("\n", figure.end, ceiling)
    line = draft[line_start : ceiling if line_end < 0 else line_end]
    if (line_start == 0 or draft[line_start - 1] == "\n") and line.strip(" \t#>*-") == figure.text:
        return DATE_LINE
    return None


def _ignored_number(line_starts: list[int], number: Ignored) -> IgnoredNumber:
    line = bisect_right(line_starts, number.start)
    return IgnoredNumber(number, line, number.start - line_starts[line - 1] + 1)


def _line_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in re.finditer("\n", text)]


def locate(text: str, figures: Sequence[Figure]) -> list[Occurrence]:
    """Give each figure its line, column, section heading and a short context snippet."""
    line_starts = _line_starts(text)
    headings = [(match.start(), _heading_title(match[0])) for match in _HEADING.finditer(text)]
    heading_starts = [start for start, _ in headings]
    out = []
    for figure in figures:
        line = bisect_right(line_starts, figure.start)
        index = bisect_right(heading_starts, figure.start) - 1
        section = headings[index][1] if index >= 0 else ""
        line_start = line_starts[line - 1]
        line_end = line_starts[line] - 1 if line < len(line_starts) else len(text)
        begin = max(line_start, figure.start - _WINDOW_BEFORE)
        near = text[begin : min(line_end, figure.end + _WINDOW_BEFORE)]
        out.append(Occurrence(figure, line, figure.start - line_start + 1, section, near, figure.start - begin))
    return out


# Draft section headings: Markdown `#` lines, and 一、/ 二、 lines of the genre.
_HEADING = re.compile(r"^(?:#{1,6}[ \t]+.+|[一二三四五六七八九十]{1,3}[、.．][^\n]{1,40})$", re.MULTILINE)
_HEADING_NUMBER = re.compile(r"^(?:#{1,6}[ \t]+)?(?:[一二三四五六七八九十]{1,3}[、.．]|\d+[.、]\s*)?")


def _heading_title(line: str) -> str:
    return _HEADING_NUMBER.sub("", line).strip()


_WORD = re.compile(r"[\u3400-\u9fff]+|[A-Za-z]{3,}")


def bigrams(text: str) -> frozenset[str]:
    """Context features: Chinese character bigrams and English words, lowercased."""
    out: set[str] = set()
    for chunk in _WORD.findall(text):
        if chunk.isascii():
            out.add(chunk.lower())
        else:
            out.update(map(operator.add, chunk, chunk[1:]))
    return frozenset(out)


_CLAUSE_BREAK = re.compile(r"[，,；;。、！？!?\n]")
_SENTENCE_BREAK = re.compile(r"[；;。！？!?\n]")


class _FactMemo:
    """Per fact text, once: where its clauses start and end, and its words (a fact of a thousand figures is split
    once, not once per figure)."""

    def __init__(self) -> None:
        self._facts: dict[str, tuple[list[int], list[int], frozenset[str]]] = {}
        self._words: dict[str, frozenset[str]] = {}

    def of(self, fact: str) -> tuple[list[int], list[int], frozenset[str]]:
        if fact not in self._facts:
            breaks = list(_CLAUSE_BREAK.finditer(fact))
            starts = [0] + [match.end() for match in breaks]
            ends = [match.start() for match in breaks] + [len(fact)]
            self._facts[fact] = (starts, ends, self.bigrams(fact))
        return self._facts[fact]

    def bigrams(self, text: str) -> frozenset[str]:
        if text not in self._words:
            self._words[text] = bigrams(text)
        return self._words[text]


class _FactContext:
    """What surrounds an expected figure in its fact: its own clause, and the whole fact."""

    __slots__ = ("clause", "fact", "section")

    def __init__(self, expected: Expected, facts: _FactMemo) -> None:
        fact, figure = expected.fact, expected.figure
        starts, ends, fact_words = facts.of(fact)
        index = bisect_right(starts, figure.start) - 1
        self.clause = bigrams(fact[starts[index] : ends[index]]) if 0 <= figure.start < len(fact) else fact_words
        self.fact = fact_words
        self.section = facts.bigrams(expected.section)

    def score(self, occurrence: Occurrence, cache: _FeatureCache) -> int:
        score = 2 * len(self.clause & cache.clause(occurrence)) + len(self.fact & cache.around(occurrence))
        if self.section & cache.section(occurrence):
            score += 2
        return score

    def place_score(self, occurrence: Occurrence, cache: _FeatureCache) -> int:
        """The part of `score` that needs no wide context: the clause's words and the section."""
        score = 2 * len(self.clause & cache.clause(occurrence))
        if self.section & cache.section(occurrence):
            score += 2
        return score

    def shares_clause(self, occurrence: Occurrence) -> bool:
        """Whether the figure's own clause and the draft figure's clause share a word."""
        return _shares_a_word(self.clause, occurrence.clause)

    def shares_context(self, occurrence: Occurrence) -> bool:
        """Whether the fact and the words around the draft figure, in its sentence, share a word."""
        return _shares_a_word(self.fact, occurrence.sentence)


def _shares_a_word(known: frozenset[str], text: str) -> bool:
    """`bool(known & bigrams(text))`, stopping at the first shared word."""
    for chunk in _WORD.findall(text):
        if chunk.isascii():
            if chunk.lower() in known:
                return True
            continue
        for pair in map(operator.add, chunk, chunk[1:]):
            if pair in known:
                return True
    return False


class _FeatureCache:
    """The words of a draft figure's clause, surroundings and section, each computed once and only when asked."""

    def __init__(self) -> None:
        self._clause: dict[int, frozenset[str]] = {}
        self._around: dict[int, frozenset[str]] = {}
        self._sections: dict[str, frozenset[str]] = {}

    def clause(self, occurrence: Occurrence) -> frozenset[str]:
        found = self._clause.get(id(occurrence))
        if found is None:
            found = self._clause[id(occurrence)] = bigrams(occurrence.clause)
        return found

    def around(self, occurrence: Occurrence) -> frozenset[str]:
        found = self._around.get(id(occurrence))
        if found is None:
            found = self._around[id(occurrence)] = bigrams(occurrence.context)
        return found

    def section(self, occurrence: Occurrence) -> frozenset[str]:
        found = self._sections.get(occurrence.section)
        if found is None:
            found = self._sections[occurrence.section] = bigrams(occurrence.section)
        return found


def _assign_equal(
    contexts: list[_FactContext],
    occurrences: list[Occurrence],
    occurrence_keys: list[Key],
    results: list[FigureResult],
    taken: set[int],
    years: frozenset[int],
) -> None:
    """Pair figures with the same key one to one: where there is a choice, the place whose words are the fact's;
    then the same text before another notation."""
    by_key: dict[Key, list[int]] = {}
    for index, key in enumerate(occurrence_keys):
        by_key.setdefault(key, []).append(index)
    competing: dict[Key, int] = {}
    keys = [_match_key(result.expected.figure, years) for result in results]
    for key in keys:
        competing[key] = competing.get(key, 0) + 1
    cache = _FeatureCache()
    pairs = []
    crowded: dict[Key, list[int]] = {}
    for e, result in enumerate(results):
        figure = result.expected.figure
        places = by_key.get(keys[e], [])
        if competing[keys[e]] * len(places) > _MAX_PAIRS:
            crowded.setdefault(keys[e], []).append(e)
            continue
        # Context decides only where there is a choice: facts giving the same figure, or more places than facts.
        facts_compete = competing[keys[e]] > 1
        places_compete = len(places) > 1
        for d in places:
            tier = 0 if _same_text(occurrences[d].figure.text, figure.text) else 1
            if facts_compete:
                score = contexts[e].score(occurrences[d], cache)
            elif places_compete:  # one fact, several places: the one in its clause is its place, the rest repeats
                score = contexts[e].place_score(occurrences[d], cache)
            else:
                score = 0
            pairs.append((-score, tier, e, d))  # the place first (its words), then the same text
    done: set[int] = set()
    for _, tier, e, d in sorted(pairs):
        if e in done or d in taken:
            continue
        done.add(e)
        taken.add(d)
        results[e].status = EXACT if tier == 0 else EQUIVALENT
        results[e].found.append(occurrences[d])
    for key, facts in crowded.items():  # hundreds of facts giving one figure, in hundreds of places: in order
        free = (d for d in by_key[key] if d not in taken)
        for e, d in zip(facts, free, strict=False):
            taken.add(d)
            same = _same_text(occurrences[d].figure.text, results[e].expected.figure.text)
            results[e].status = EXACT if same else EQUIVALENT
            results[e].found.append(occurrences[d])


# Above this many (fact, place) pairs for one figure, context is not weighed pair by pair: the figure's facts take
# its places in order. Real texts stay far below it (a figure given by 3 facts, written in 5 places: 15 pairs).
_MAX_PAIRS = 4096
_CROWD_WINDOW = 32


def _in_crowd(candidates: list[int], rank: int, peers: int) -> list[int]:
    """The candidates one of `peers` facts weighs: all of them, unless fact × candidate pairs would pass
    `_MAX_PAIRS` — then those around the place its rank among its peers points at, so the work stays linear."""
    if peers * len(candidates) <= _MAX_PAIRS:
        return candidates
    centre = rank * len(candidates) // peers
    return candidates[max(0, centre - _CROWD_WINDOW // 2) : centre + _CROWD_WINDOW // 2]


def _attach_repeats(
    contexts: list[_FactContext],
    occurrences: list[Occurrence],
    occurrence_keys: list[Key],
    results: list[FigureResult],
    taken: set[int],
    years: frozenset[int],
) -> None:
    """A given figure written twice in the draft is not an invention: list the repeat under its fact, when the
    words around the repeat share something with that fact (3人 in a sentence about another matter is new)."""
    matched: dict[Key, list[int]] = {}
    for e, result in enumerate(results):
        if result.status in (EXACT, EQUIVALENT):
            matched.setdefault(_match_key(result.expected.figure, years), []).append(e)
    cache = _FeatureCache()
    places: dict[Key, list[int]] = {}
    for d, key in enumerate(occurrence_keys):
        if d not in taken and key in matched:
            places.setdefault(key, []).append(d)
    for key, ds in places.items():
        for i, d in enumerate(ds):
            if _attach_repeat(contexts, results, occurrences[d], _in_crowd(matched[key], i, len(ds)), cache):
                taken.add(d)


def _attach_repeat(
    contexts: list[_FactContext],
    results: list[FigureResult],
    occurrence: Occurrence,
    owners: list[int],
    cache: _FeatureCache,
) -> bool:
    """List one repeat under the fact it most likely repeats, if its sentence shares a word with that fact."""
    if not owners:
        return False
    best = owners[0] if len(owners) == 1 else max(owners, key=lambda e: contexts[e].score(occurrence, cache))
    if not contexts[best].shares_context(occurrence):
        return False
    results[best].found.append(occurrence)
    return True


def _assign_unit_added(
    contexts: list[_FactContext], occurrences: list[Occurrence], results: list[FigureResult], taken: set[int]
) -> None:
    """A fact's number without a unit (解决1.12万贫困人口, 迈过千亿大关) is equivalent to the same number with
    one in its clause (11200名贫困人口, 千亿元大关): the draft named what the writer left implicit."""
    cache = _FeatureCache()
    for e, result in enumerate(results):
        figure = result.expected.figure
        if result.found or figure.unit or figure.kind != "number" or figure.value is None:
            continue
        candidates = [
            d
            for d, occurrence in enumerate(occurrences)
            if d not in taken
            and occurrence.figure.kind == "number"
            and (occurrence.figure.value, occurrence.figure.approx) == (figure.value, figure.approx)
            and contexts[e].shares_clause(occurrence)
        ]
        if candidates:
            best = max(candidates, key=lambda d: contexts[e].score(occurrences[d], cache))
            taken.add(best)
            result.status = EQUIVALENT
            result.found.append(occurrences[best])


def _assign_altered(
    contexts: list[_FactContext],
    occurrences: list[Occurrence],
    results: list[FigureResult],
    taken: set[int],
    years: frozenset[int],
) -> None:
    """A missing figure whose place in the draft holds another figure of the same unit (a date with a date of
    the same shape), or the same number with another unit (9.6个百分点 → 9.6%), was altered.

    The place is the figure's own clause — a shared word there, or digits alike (2848 → 2884) — or, for a date or
    the same number with another unit, its sentence; so a deleted figure is not paired with an unrelated new one
    elsewhere in its section."""
    missing = [result.expected.figure for result in results if not result.found]
    if not missing:
        return
    families, numbers = {_unit_of(figure) for figure in missing}, {_number_of(figure) for figure in missing}
    cache = _FeatureCache()
    by_unit: dict[str, list[int]] = {}
    by_digits: dict[str, list[int]] = {}  # 4.6亿元 and 4.6%, 上万家次 and 上万家: the same number
    for d, occurrence in enumerate(occurrences):
        if d in taken:
            continue
        figure = occurrence.figure
        unit = _unit_of(figure)
        if unit in families:
            by_unit.setdefault(unit, []).append(d)
        if figure.value is not None or figure.kind == "vague":
            number = _number_of(figure)
            if number in numbers:
                by_digits.setdefault(number, []).append(d)
    peers: dict[str, list[int]] = {}  # the missing figures of each unit, in the writer's order
    for e, result in enumerate(results):
        if not result.found:
            peers.setdefault(_unit_of(result.expected.figure), []).append(e)
    rank = {e: (i, len(group)) for group in peers.values() for i, e in enumerate(group)}
    pairs = []
    for e, result in enumerate(results):
        if result.found:
            continue
        figure, context = result.expected.figure, contexts[e]
        dated = figure.kind == "date" or figure.unit == "date"
        for d in _in_crowd(by_unit.get(_unit_of(figure), []), *rank[e]):
            likeness = _digit_likeness(figure, occurrences[d].figure)
            near = context.shares_context(occurrences[d]) if dated else context.shares_clause(occurrences[d])
            if likeness < 2 and not near:
                continue
            score = context.score(occurrences[d], cache) + likeness
            if score >= _ALTERED_MIN_SCORE:
                pairs.append((-score, e, d))
        for d in _in_crowd(by_digits.get(_number_of(figure), []), *rank[e]) if _number_of(figure) else []:
            if _unit_of(occurrences[d].figure) != _unit_of(figure) and context.shares_context(occurrences[d]):
                score = context.score(occurrences[d], cache) + 3
                if score >= _ALTERED_MIN_SCORE:
                    pairs.append((-score, e, d))
    for _, e, d in sorted(pairs):
        if results[e].found or d in taken:
            continue
        taken.add(d)
        results[e].status = ALTERED
        results[e].found.append(occurrences[d])


def _unit_of(figure: Figure) -> str:
    """What an altered figure must share with the fact's: its unit, or for a date its shape (6月30日 with
    2011年6月29日, never 25日 with 2017年)."""
    return family(figure)


Labels = tuple[Label, Label, Label]  # the words nearest a figure, of its own label, and of its topic


def _fact_labels(expected: Sequence[Expected]) -> list[Labels]:
    """Per expected figure: its labels' words (the topic is the whole fact's), each with its section's."""
    out: list[Labels] = [(frozenset(), frozenset(), frozenset())] * len(expected)
    facts: dict[tuple[str, str], list[int]] = {}
    for e, item in enumerate(expected):
        facts.setdefault((item.section, item.fact), []).append(e)
    for (section, fact), members in facts.items():
        members.sort(key=lambda e: expected[e].figure.start)
        heading = features(section)
        topic = features(fact[: expected[members[0]].figure.start]) | heading  # what the whole fact is about
        labeller = Labeller(fact, [expected[e].figure for e in members])
        for i, e in enumerate(members):
            label = labeller[i]
            out[e] = (features(label.near) | heading, features(label.own) | heading, topic)
    return out


class _DraftLabels:
    """Per draft figure and tier, on demand: the words nearest it, of its own label, and every word that may name
    it (its sentence's topic too), each with its section's. Only the places of figures that might be swapped are
    asked for, and only at the tiers their facts need."""

    def __init__(self, draft: str, occurrences: list[Occurrence]) -> None:
        self._occurrences = occurrences
        self._texts = Labeller(draft, [occurrence.figure for occurrence in occurrences])
        self._cache: dict[tuple[int, int], Label] = {}
        self._headings: dict[str, Label] = {}

    def at(self, d: int, tier: int) -> Label:
        label = self._cache.get((d, tier))
        if label is None:
            section = self._occurrences[d].section
            heading = self._headings.get(section)
            if heading is None:
                heading = self._headings[section] = features(section)
            texts = self._texts[d]
            if tier == 0:
                label = features(texts.near) | heading
            elif tier == 1:
                label = features(texts.own) | heading
            else:
                label = self.at(d, 1) | features(texts.topic)
            self._cache[(d, tier)] = label
        return label


def _mark_reversed_trends(results: list[FigureResult]) -> None:
    """「同比下降12.1%」 written 「同比增长12.1%」: the same figure, measuring the opposite change, is altered."""
    for result in results:
        if result.status in (EXACT, EQUIVALENT) and result.found:
            expected, found = result.expected.figure.trend, result.found[0].figure.trend
            if expected and found and expected != found:
                result.status = ALTERED


def _undo_swaps(
    expected: Sequence[Expected], draft: str, results: list[FigureResult], occurrences: list[Occurrence]
) -> None:
    """Two figures of one unit each found where the other's words are were swapped: both are altered.

    Each figure's label is the words naming what it counts (the text since the previous figure of its unit in
    its sentence, or its subject in a 分别 list); only the words that tell the two facts apart count, and
    both figures must sit better in the other's place, so that rewording alone never raises a swap.
    """
    groups: dict[tuple[str, str], list[int]] = {}
    for e, result in enumerate(results):
        if result.status in (EXACT, EQUIVALENT):
            groups.setdefault((result.expected.section, _unit_of(result.expected.figure)), []).append(e)
    if all(len(members) < 2 for members in groups.values()):
        return
    fact_side, draft_side = _fact_labels(expected), _DraftLabels(draft, occurrences)
    index_of = {id(occurrence): d for d, occurrence in enumerate(occurrences)}
    for members in groups.values():
        if len(members) > _MAX_SWAP_GROUP:
            continue
        for i, e in enumerate(members):
            for f in members[i + 1 :]:
                a, b = results[e], results[f]
                if a.status not in (EXACT, EQUIVALENT) or b.status not in (EXACT, EQUIVALENT):
                    continue
                if a.expected.figure.key == b.expected.figure.key:
                    continue
                da, db = index_of[id(a.found[0])], index_of[id(b.found[0])]
                if _swapped(fact_side[e], fact_side[f], draft_side, da, db):
                    a.status = b.status = ALTERED
                    a.found, b.found = [b.found[0]], [a.found[0]]
                    a.swapped = b.swapped = True


def _swapped(fact_a: Labels, fact_b: Labels, draft: _DraftLabels, da: int, db: int) -> bool:
    """Whether the words telling fact figures a and b apart name b's place in the draft for a, and a's for b.

    First the nearest words; where they do not tell the two apart, or the draft uses none of their telling
    words, the figures' own labels; then the topics of their facts (前三批A线 / 大专线, 存款 / 贷款) against the
    own labels of the places, and last against all the words around each place."""
    for fact_tier, draft_tier in _TIERS:
        only_a, only_b = fact_a[fact_tier] - fact_b[fact_tier], fact_b[fact_tier] - fact_a[fact_tier]
        if not (only_a and only_b):
            continue  # both must have words of their own: one-sided evidence raised false swaps on held-out texts
        words_a, words_b = draft.at(da, draft_tier), draft.at(db, draft_tier)
        if not (only_a | only_b) & (words_a | words_b):
            continue
        return len(only_a & words_b) > len(only_a & words_a) and len(only_b & words_a) > len(only_b & words_b)
    return False


# (the fact's label, the draft's label) compared in turn: nearest, own, topic with own, topic with everything.
_TIERS = ((0, 0), (1, 1), (2, 1), (2, 2))


# Swaps are looked for among at most this many figures of one unit in one section (pairs grow as its square).
_MAX_SWAP_GROUP = 60


def _same_text(a: str, b: str) -> bool:
    return a.replace(" ", "") == b.replace(" ", "")


def _digit_likeness(a: Figure, b: Figure) -> int:
    """3 for the same digits in another order or scale (2848/2884, 3.5万/35万), 2 for one digit changed."""
    if a.kind == b.kind == "date":  # compare the parts both give: 12月28日 with 2011年12月18日
        pairs = [(x, y) for x, y in zip(a.detail[:3], b.detail[:3], strict=True) if x is not None and y is not None]
        da, db = "".join(str(x) for x, _ in pairs), "".join(str(y) for _, y in pairs)
    else:
        da, db = _digits(a), _digits(b)
    if not da or not db:
        return 0
    if sorted(da) == sorted(db):
        return 3
    if len(da) == len(db) and sum(x != y for x, y in zip(da, db, strict=True)) == 1:
        return 2
    if a.value is not None and b.value is not None and (_rounds_to(a.value, b.value) or _rounds_to(b.value, a.value)):
        return 2  # 28.45% → 28.5%, 37.11亿元 → 37亿元
    return 0


def _rounds_to(precise: Decimal, rounded: Decimal) -> bool:
    exponent = rounded.normalize().as_tuple().exponent
    if not isinstance(exponent, int) or precise == rounded:
        return False
    return precise.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP) == rounded


def _number_of(figure: Figure) -> str:
    """The number as written, whatever it counts: 4.6亿元 and 4.6% give 46, 上万家次 and 上万家 give 上万."""
    if figure.kind == "vague":
        return str(figure.detail[0])
    if figure.value is None:
        return ""
    written = "".join(char for char in numerals.fold(figure.text) if char in "0123456789").rstrip("0")
    return written or _digits(figure)


def _digits(figure: Figure) -> str:
    if figure.value is None:
        return "".join(str(part) for part in figure.detail if isinstance(part, int | Decimal))
    digits = "".join(str(d) for d in figure.value.normalize().as_tuple().digits)
    return digits.rstrip("0") or "0"
