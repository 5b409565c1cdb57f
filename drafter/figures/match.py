"""Matching the writer's figures against a draft: each gets exact, equivalent, altered or missing; draft figures
nobody gave are unsupported.

Matching is one-to-one (a figure given twice must be found twice) and context-aware: among equal candidates the
one whose surroundings share the most words with the fact wins, and a changed figure is reported as *altered* only
when a figure of the same unit stands where the fact's words do.
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from drafter.figures import units
from drafter.figures.extract import Figure, Key, extract_figures

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


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A figure found in the draft, with its 1-based line and column (in characters)."""

    figure: Figure
    line: int
    column: int
    section: str = ""
    context: str = ""
    clause: str = ""


@dataclass(slots=True)
class FigureResult:
    expected: Expected
    status: str
    found: list[Occurrence] = field(default_factory=list)


@dataclass(slots=True)
class FigureReport:
    """The figure-consistency report: every expected figure's status, and the draft's unsupported figures."""

    figures: list[FigureResult]
    unsupported: list[Occurrence]

    @property
    def ok(self) -> bool:
        return all(result.status in (EXACT, EQUIVALENT) for result in self.figures)

    @property
    def counts(self) -> dict[str, int]:
        counts = {status: 0 for status in STATUSES}
        for result in self.figures:
            counts[result.status] += 1
        return {"figures": len(self.figures), **counts, "unsupported": len(self.unsupported)}


def match_figures(expected: Sequence[Expected], draft: str, known: Iterable[Figure] = ()) -> FigureReport:
    """Check every expected figure against `draft`; `known` figures (title, period) are never unsupported."""
    occurrences = locate(draft, extract_figures(draft))
    contexts = [_FactContext(item) for item in expected]
    results = [FigureResult(item, MISSING) for item in expected]
    taken: set[int] = set()

    _assign_equal(contexts, occurrences, results, taken)
    _attach_repeats(contexts, occurrences, results, taken)
    _assign_altered(contexts, occurrences, results, taken)

    for result in results:
        result.found.sort(key=lambda occurrence: occurrence.figure.start)
    known_keys = {figure.key for figure in known}
    unsupported = [
        occurrence
        for index, occurrence in enumerate(occurrences)
        if index not in taken and occurrence.figure.key not in known_keys
    ]
    return FigureReport(results, unsupported)


def locate(text: str, figures: Sequence[Figure]) -> list[Occurrence]:
    """Give each figure its line, column, section heading and a short context snippet."""
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
    headings = [(match.start(), _heading_title(match[0])) for match in _HEADING.finditer(text)]
    heading_starts = [start for start, _ in headings]
    out = []
    for figure in figures:
        line = bisect_right(line_starts, figure.start)
        index = bisect_right(heading_starts, figure.start) - 1
        section = headings[index][1] if index >= 0 else ""
        line_start = line_starts[line - 1]
        context = text[max(line_start, figure.start - _WINDOW_BEFORE) : figure.end + _WINDOW_AFTER]
        column = figure.start - line_start + 1
        out.append(Occurrence(figure, line, column, section, context.split("\n")[0], _clause(text, figure)))
    return out


def _clause(text: str, figure: Figure) -> str:
    """The clause a figure stands in: between the nearest breaks (，、；。) on either side."""
    before = text[max(0, figure.start - _WINDOW_BEFORE) : figure.start]
    after = text[figure.end : figure.end + _WINDOW_BEFORE]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    head = before[breaks[-1].end() :] if breaks else before
    end = _CLAUSE_BREAK.search(after)
    return head + figure.text + (after[: end.start()] if end else after)


# Draft section headings: Markdown `#` lines, and 一、/ 二、 lines of the genre.
_HEADING = re.compile(r"^(?:#{1,6}[ \t]+.+|[一二三四五六七八九十]{1,3}[、.．][^\n]{1,40})$", re.MULTILINE)
_HEADING_NUMBER = re.compile(r"^(?:#{1,6}[ \t]+)?(?:[一二三四五六七八九十]{1,3}[、.．]|\d+[.、]\s*)?")


def _heading_title(line: str) -> str:
    return _HEADING_NUMBER.sub("", line).strip()


_WORD = re.compile(r"[\u3400-\u9fff]+|[A-Za-z]{3,}")


def words(text: str) -> frozenset[str]:
    """Context features: Chinese character bigrams and English words, lowercased."""
    out: set[str] = set()
    for chunk in _WORD.findall(text):
        if chunk.isascii():
            out.add(chunk.lower())
        else:
            out.update(map(operator.add, chunk, chunk[1:]))
    return frozenset(out)


# Per draft occurrence (by id): the words of its clause, of its wider context, and of its section heading.
_FeatureCache = dict[int, tuple[frozenset[str], frozenset[str], frozenset[str]]]

_CLAUSE_BREAK = re.compile(r"[，,；;。、！？!?\n]")


class _FactContext:
    """What surrounds an expected figure in its fact: its own clause, and the whole fact."""

    __slots__ = ("clause", "fact", "section")

    def __init__(self, expected: Expected) -> None:
        fact, figure = expected.fact, expected.figure
        starts = [0] + [match.end() for match in _CLAUSE_BREAK.finditer(fact)]
        ends = [match.start() for match in _CLAUSE_BREAK.finditer(fact)] + [len(fact)]
        index = bisect_right(starts, figure.start) - 1
        clause = fact[starts[index] : ends[index]] if 0 <= figure.start < len(fact) else fact
        self.clause = words(clause)
        self.fact = words(fact)
        self.section = words(expected.section)

    def score(self, occurrence: Occurrence, cache: _FeatureCache) -> int:
        key = id(occurrence)
        features = cache.get(key)
        if features is None:
            features = cache[key] = (words(occurrence.clause), words(occurrence.context), words(occurrence.section))
        clause, around, section = features
        score = 2 * len(self.clause & clause) + len(self.fact & around)
        if self.section & section:
            score += 2
        return score


def _assign_equal(
    contexts: list[_FactContext], occurrences: list[Occurrence], results: list[FigureResult], taken: set[int]
) -> None:
    """Pair figures with the same key one to one, exact text first, then the best context."""
    by_key: dict[Key, list[int]] = {}
    for index, occurrence in enumerate(occurrences):
        by_key.setdefault(occurrence.figure.key, []).append(index)
    competing: dict[Key, int] = {}
    for result in results:
        competing[result.expected.figure.key] = competing.get(result.expected.figure.key, 0) + 1
    cache: _FeatureCache = {}
    pairs = []
    for e, result in enumerate(results):
        figure = result.expected.figure
        compete = competing[figure.key] > 1  # context decides only between facts that give the same figure
        for d in by_key.get(figure.key, []):
            tier = 0 if _same_text(occurrences[d].figure.text, figure.text) else 1
            score = contexts[e].score(occurrences[d], cache) if compete else 0
            pairs.append((tier, -score, e, d))
    done: set[int] = set()
    for tier, _, e, d in sorted(pairs):
        if e in done or d in taken:
            continue
        done.add(e)
        taken.add(d)
        results[e].status = EXACT if tier == 0 else EQUIVALENT
        results[e].found.append(occurrences[d])


def _attach_repeats(
    contexts: list[_FactContext], occurrences: list[Occurrence], results: list[FigureResult], taken: set[int]
) -> None:
    """A given figure written twice in the draft is not an invention: list the repeat under its fact."""
    matched: dict[Key, list[int]] = {}
    for e, result in enumerate(results):
        if result.found:
            matched.setdefault(result.expected.figure.key, []).append(e)
    cache: _FeatureCache = {}
    for d, occurrence in enumerate(occurrences):
        owners = matched.get(occurrence.figure.key)
        if d in taken or not owners:
            continue
        best = owners[0] if len(owners) == 1 else max(owners, key=lambda e: contexts[e].score(occurrence, cache))
        results[best].found.append(occurrence)
        taken.add(d)


def _assign_altered(
    contexts: list[_FactContext], occurrences: list[Occurrence], results: list[FigureResult], taken: set[int]
) -> None:
    """A missing figure whose place in the draft holds another figure of the same unit was altered."""
    cache: _FeatureCache = {}
    by_unit: dict[str, list[int]] = {}
    for d, occurrence in enumerate(occurrences):
        if d not in taken:
            by_unit.setdefault(_unit_of(occurrence.figure), []).append(d)
    pairs = []
    for e, result in enumerate(results):
        if result.found:
            continue
        figure = result.expected.figure
        for d in by_unit.get(_unit_of(figure), []):
            score = contexts[e].score(occurrences[d], cache) + _digit_likeness(figure, occurrences[d].figure)
            if score >= _ALTERED_MIN_SCORE:
                pairs.append((-score, e, d))
    for _, e, d in sorted(pairs):
        if results[e].found or d in taken:
            continue
        taken.add(d)
        results[e].status = ALTERED
        results[e].found.append(occurrences[d])


def _unit_of(figure: Figure) -> str:
    return units.unit_family(figure.unit)


def _same_text(a: str, b: str) -> bool:
    return a.replace(" ", "") == b.replace(" ", "")


def _digit_likeness(a: Figure, b: Figure) -> int:
    """3 for the same digits in another order or scale (2848/2884, 3.5万/35万), 2 for one digit changed."""
    da, db = _digits(a), _digits(b)
    if not da or not db:
        return 0
    if sorted(da) == sorted(db):
        return 3
    if len(da) == len(db) and sum(x != y for x, y in zip(da, db, strict=True)) == 1:
        return 2
    return 0


def _digits(figure: Figure) -> str:
    if figure.value is None:
        return "".join(str(part) for part in figure.detail if isinstance(part, int | Decimal))
    digits = "".join(str(d) for d in figure.value.normalize().as_tuple().digits)
    return digits.rstrip("0") or "0"
