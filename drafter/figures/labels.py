"""Labels: the words that name what a figure counts, so that two figures of one unit can be told apart.

In 「第一产业增加值37.11亿元，增长4.5%；第二产业增加值339.85亿元，增长2.6%」 the label of 4.5% is the text since
the previous percentage in its sentence (「第一产业增加值37.11亿元，增长」), and in 「城镇和农村分别占47.9%和32.14%」
each member of the 分别 list takes its subject in order (城镇, 农村). A label is a set of character unigrams and
bigrams (and English words), compared only on the words that tell two facts apart.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from drafter.figures import units
from drafter.figures.extract import Figure

Label = frozenset[str]


class LabelText(NamedTuple):
    """A figure's labels, nearest first: the words since the previous figure (「、死亡」358人), since the previous
    figure of its unit (「第一产业增加值37.11亿元，增长」4.5%), and its sentence's topic (the words before the
    sentence's first figure). A member of a 分别 list takes its subject for the first two."""

    near: str
    own: str
    topic: str


_SENTENCE_BREAK = re.compile(r"[。；;！？!?\n]")
_CLAUSE_BREAK = re.compile(r"[，,。；;！？!?\n：:]")
_SUBJECT_JOIN = re.compile(r"[、和与及]|以及")
_LIST_COMMA = re.compile("、")
_POST_LIST = re.compile(r"的?(?:依次|分别)(?:是|为)")
# Figures that say when, not what: never the labels of a parallel list (较前五年分别上升…).
_TIMES = frozenset({"年", "个月", "月", "日", "天", "季度"}) | {
    f"date:{shape}" for shape in ("y", "m", "md", "d", "quarter")
}
_LIST_JOINS = frozenset(["、", "和", "与", "及", "以及", "或", ",", "，", "、和"])
_WORD = re.compile(r"[\u3400-\u9fff]+|[0-9]*[A-Za-z][A-Za-z0-9]*|[0-9][0-9.,]*[0-9]|[0-9]")
# Between 分别 and its first member, in its clause: a verb (为, 增长, 达到, 下降了) or a predicate
# (占签约项目总数和利用外资数的).
_MEMBER_LEAD = 24


# Between two members of a 分别 list: a join, or what the first counts and a join (2.5万名困难残疾人和2.1万名…).
_NAMED_JOIN = re.compile(r"[\u4e00-\u9fff]{1,10}(?:、|和|与|及|以及|，)")


def _subjects(text: str, start: int, at: int, count: int, *, reach: int = 1) -> list[str] | None:
    """The subjects of a 分别 list, in order: the clause before 分别 (or, with `reach`, one of the clauses before it
    that is no list of its own) naming `count` of them — the whole clause (「存款余额9024.82亿元、贷款余额…」), or
    its words before its first figure (「山东、四川、河南旅游收入均超过500亿元」) — split at 、 first
    (外商及港澳台商投资企业 is one subject), else at 和/与/及 too; each trimmed to the others' length, so that a
    predicate they share (…住院费用目录内基金支付比例) is not taken for the last one's."""
    ends = [at] + [m.start() for m in reversed(list(_CLAUSE_BREAK.finditer(text, start, at)))]
    for number, clause_end in enumerate(ends[:reach]):
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, start, clause_end)]
        clause = text[breaks[-1] if breaks else start : clause_end]
        if number and "分别" in clause:
            continue
        digit = _DIGITS.search(clause)
        for words in (clause, clause[: digit.start()] if digit and number else None):
            if not words:
                continue
            for splitter in (_LIST_COMMA, _SUBJECT_JOIN):
                items = [item.strip() for item in splitter.split(words) if item.strip()]
                if len(items) == count:
                    return _trimmed(items)
    return None


_DIGITS = re.compile(r"[0-9０-９]")


def _trimmed(items: list[str]) -> list[str]:
    inner = [len(item) for item in items[1:-1]] or [min(len(items[0]), len(items[-1]))]
    length = max(inner)
    return [items[0][-length:], *items[1:-1], items[-1][:length]]


def family(figure: Figure) -> str:
    """What two figures must share to be confused: their unit, or for dates their shape (month-day, year…)."""
    if figure.kind != "date":
        return units.unit_family(figure.unit)
    _, month, day, part = figure.detail
    if str(part).startswith("Q"):
        return "date:quarter"
    return "date:" + (("m" if month is not None else "") + ("d" if day is not None else "") or "y")


def features(text: str) -> Label:
    """Chinese characters and character bigrams, English words (lowercased) and numbers: a label's words, and the
    figures beside it (资产负债率76%, 同比增长 — the 76 tells it from 66.9's)."""
    out: set[str] = set()
    for chunk in _WORD.findall(text):
        if chunk.isascii():
            if len(chunk) > 1:
                out.add(chunk.lower())
        else:
            out.update(chunk)
            out.update(a + b for a, b in itertools.pairwise(chunk))
    return frozenset(out)


class Labeller:
    """Each figure's labels (`LabelText`), worked out a sentence at a time and only for the sentences asked about:
    the 分别 subject of a list member, else the words since the previous figure (of any unit, and of its own);
    and the topic of its sentence (前三批A线 in 「前三批A线以上103人，县目标71人，超出32人」)."""

    def __init__(self, text: str, figures: Sequence[Figure]) -> None:
        self._text = text
        self._figures = figures
        self._starts = [figure.start for figure in figures]
        self._sentences = [0] + [match.end() for match in _SENTENCE_BREAK.finditer(text)] + [len(text)]
        self._labels: dict[int, LabelText] = {}

    def __getitem__(self, index: int) -> LabelText:
        label = self._labels.get(index)
        if label is None:
            self._label_sentence(self._figures[index].start)
            label = self._labels[index]
        return label

    def _label_sentence(self, at: int) -> None:
        k = bisect_right(self._sentences, at) - 1
        start, end = self._sentences[k], self._sentences[k + 1]
        first, last = bisect_left(self._starts, start), bisect_left(self._starts, end)
        text, figures = self._text, self._figures
        own_from: dict[str, int] = {}  # family → where the text since its last figure begins
        before = start
        for index in range(first, last):
            figure = figures[index]
            kind = family(figure)
            begin = own_from.get(kind, start)
            topic = text[start : figures[first].start]
            self._labels[index] = LabelText(text[before : figure.start], text[begin : figure.start], topic)
            own_from[kind] = before = figure.end
        if "分别" in text[start:end]:
            self._label_lists(start, end, first, last)
        if "依次" in text[start:end] or "分别是" in text[start:end]:
            self._label_post_lists(start, end, first, last)

    def _label_lists(self, start: int, end: int, first: int, last: int) -> None:
        """The members of 「A和B分别为x和y」 are labelled A and B; without subjects, by the sentence's previous list
        (「税务、财政部门分别完成…，分别下降9.9%、10.7%」) or by the figures just before (a parallel list)."""
        text, figures, labels = self._text, self._figures, self._labels
        previous: list[int] = []  # the members of the last list labelled in this sentence
        for match in re.finditer("分别", text[start:end]):
            at, after = start + match.start(), start + match.end()
            head = bisect_left(self._starts, after, first, last)
            if head >= last or figures[head].start - after > _MEMBER_LEAD:
                continue
            if _CLAUSE_BREAK.search(text, after, figures[head].start):
                continue
            members = [head]
            while members[-1] + 1 < last:
                gap = text[figures[members[-1]].end : figures[members[-1] + 1].start].strip(" ")
                if gap not in _LIST_JOINS and not _NAMED_JOIN.fullmatch(gap):
                    break
                members.append(members[-1] + 1)
            if len(members) < 2:
                continue
            # Where the subjects are: the clause before 分别; the sentence's previous list; an earlier clause of
            # this sentence; the figures just before (a parallel list).
            chained = previous if len(previous) == len(members) else None
            items = _subjects(text, start, at, len(members))
            if not items and not chained:
                items = _subjects(text, start, at, len(members), reach=3)
            if items:
                for index, item in zip(members, items, strict=True):
                    labels[index] = labels[index]._replace(near=item, own=item)
            else:
                parallel = chained or self._parallel_list(first, head, len(members))
                if not parallel:
                    continue
                for index, other in zip(members, parallel, strict=True):
                    near = labels[other].near + figures[other].text  # the parallel figure, and what names it
                    labels[index] = labels[index]._replace(near=near, own=near)
            previous = members

    def _label_post_lists(self, start: int, end: int, first: int, last: int) -> None:
        """「增长23.7%、24%和24.9%的依次是A、B、C」: the subjects come after the list, in its order."""
        text, figures, labels = self._text, self._figures, self._labels
        for match in _POST_LIST.finditer(text, start, end):
            tail = bisect_left(self._starts, match.start(), first, last) - 1
            if tail < first or text[figures[tail].end : match.start()].strip():
                continue
            members = [tail]
            while members[0] - 1 >= first:
                gap = text[figures[members[0] - 1].end : figures[members[0]].start].strip(" ")
                if gap not in _LIST_JOINS:
                    break
                members.insert(0, members[0] - 1)
            stop = _SENTENCE_BREAK.search(text, match.end(), end)
            clause = text[match.end() : stop.start() if stop else end]
            for splitter in (_LIST_COMMA, _SUBJECT_JOIN):
                items = [item.strip() for item in splitter.split(clause) if item.strip()]
                if len(members) >= 2 and len(items) == len(members):
                    for index, item in zip(members, items, strict=True):
                        labels[index] = labels[index]._replace(near=item, own=item)
                    break

    def _parallel_list(self, first: int, head: int, count: int) -> list[int] | None:
        """「第一产业37.11亿元，第二产业339.85亿元，分别增长4.5%和2.6%」, 「事故610起、死亡358人、受伤437人，同比分别
        下降8.1%、6.3%、9.7%」: the figures just before the list, of other units, as many as its members."""
        kind = family(self._figures[head])
        counts = [i for i in range(first, head) if family(self._figures[i]) not in _TIMES]
        chosen = counts[-count:]
        if len(chosen) < count or any(family(self._figures[i]) == kind for i in chosen):
            return None
        return chosen
