"""Is a section's answer prose? Deterministic checks for what small and looping models do when they fail: repeat
themselves, echo the prompt, list figures instead of writing sentences, or answer in another language.

Every threshold here is documented in the README and tested both ways: on answers recorded from SmolLM2
(fixtures/model-outputs/), which must be caught, and on good drafts (the faithful fixtures, the real-text corpus,
the seed samples), which must raise nothing — a false alarm costs a writer a repair and its tokens.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from drafter.drafting.problems import Problem, ProblemKind
from drafter.figures import Figure, extract_figures

# A sentence written twice is repetition when it has at least this many characters (Chinese) …
REPEATED_SENTENCE_CHARS = 10
# … or words (English).
REPEATED_SENTENCE_WORDS = 6
# A fact's figure written more than this many times over (and at least three more times) than the facts give it.
FIGURE_REPEAT_FACTOR = 2
# A unit of text repeated this many times in a row (numbers aside) is a loop: of at least LOOP_MIN_CHARS; a long
# unit (LOOP_LONG_CHARS or more) twice in a row already is (「1. 5月4日、9月14日、2床…」 then 「2. 5月4日、…」).
LOOP_REPEATS = 3
LOOP_MIN_CHARS = 6
LOOP_LONG_CHARS = 24
LOOP_MAX_CHARS = 300
# A phrase of the prompt's own wording this long, found in the answer, is an echo.
ECHO_MIN_CHARS = 8
ECHO_MIN_WORDS = 5
# A line with at least three figures whose words between them are at most this share of it is a list of
# figures, not a sentence (「5月4日、9月14日、2床、28000余元」); dense statistical prose keeps its words.
FIGURE_LIST_WORDS = 0.15
# An answer under this many characters with no sentence end is a heading, not a section.
HEADING_MAX_CHARS = 30
# A clause (between commas) of at least this many Chinese characters written this many times is a loop too.
REPEATED_CLAUSE_CHARS = 4
REPEATED_CLAUSE_TIMES = 3
# A fact is left out when under this share of its character pairs (or, in English, words) are in the answer.
# Faithful paraphrases keep at least 0.44 (the real-text corpus); a model rambling past its facts keeps ~0.
FACT_COVERAGE = 0.3
# A Chinese answer needs at least this share of Chinese among its letters; an English one at most this share.
CHINESE_SHARE = 0.5
ENGLISH_MAX_CHINESE_SHARE = 0.3

_SENTENCE_END = re.compile(r"[。！？!?；;\n]|(?<=[a-z0-9])\.(?=\s|$)")
_NUMBERING = re.compile(
    r"^\s*(?:\d{1,3}[.、)）]|[（(]?[一二三四五六七八九十]{1,3}[、)）]|[-*•·]|第[一二三四五六七八九十]+[，、])\s*"
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_LATIN = re.compile(r"[A-Za-z]")
_CLAUSE = re.compile(r"[，,。；;！？!?、：:\n]")
_WORD_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z]")
_TEMPLATE_LEFTOVERS = ("{{", "}}", "{%", "%}", "<<<", ">>>", "<|im_end|>", "<|im_start|>", "<|endoftext|>")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_PHRASE_BREAK = re.compile(r"[，,。；;：:！？!?（）()“”\"《》\n]|\s{2,}")


@dataclass(frozen=True)
class ProseContext:
    """What the prose check knows about a section: its language, the prompt's own words, the facts as listed."""

    language: str  # "zh" or "en"
    scaffolding: tuple[str, ...] = ()  # phrases of the pack's templates and guidance (see `scaffolding_phrases`)
    facts: tuple[str, ...] = ()
    given: dict[tuple[object, ...], int] = field(default_factory=dict)  # each fact figure's key: how often given


def prose_problems(text: str, context: ProseContext) -> list[Problem]:
    """The prose problems of `text`, each kind at most once (with what was found: the repeated sentence, the
    echoed phrase…)."""
    if not text.strip():
        return []
    checks = (_wrong_language, _only_a_heading, _echo, _repetition, _figure_list)
    problems = []
    for check in checks:
        found = check(text, context)
        if found is not None:
            problems.append(found)
    return problems + _omitted(text, context)


def _omitted(text: str, context: ProseContext) -> list[Problem]:
    """The facts the answer leaves out: nearly none of their words are in it."""
    written = _pairs(text, context.language)
    out = []
    for fact in context.facts:
        wanted = _pairs(fact, context.language)
        if len(wanted) >= 3 and len(wanted & written) < FACT_COVERAGE * len(wanted):
            out.append(Problem(ProblemKind.OMITTED, fact=fact))
    return out


def _pairs(text: str, language: str) -> set[str]:
    if language == "en":
        return {word.lower() for word in re.findall(r"[A-Za-z]{3,}", text)}
    return {a + b for chunk in _CJK_RUN.findall(text) for a, b in itertools.pairwise(chunk)}


def _wrong_language(text: str, context: ProseContext) -> Problem | None:
    chinese, latin = len(_CJK.findall(text)), len(_LATIN.findall(text))
    if chinese + latin < 10:
        return None
    share = chinese / (chinese + latin / 4)  # four Latin letters make about one word, as one character does
    if context.language == "zh" and share < CHINESE_SHARE:
        return Problem(ProblemKind.WRONG_LANGUAGE, found="English")
    if context.language == "en" and share > ENGLISH_MAX_CHINESE_SHARE:
        return Problem(ProblemKind.WRONG_LANGUAGE, found="中文")
    return None


def _only_a_heading(text: str, context: ProseContext) -> Problem | None:
    stripped = text.strip()
    if len(stripped) <= HEADING_MAX_CHARS and not re.search(r"[。！？!?.；;]", stripped) and "\n" not in stripped:
        return Problem(ProblemKind.NOT_PROSE, found=stripped)
    return None


def _echo(text: str, context: ProseContext) -> Problem | None:
    for leftover in _TEMPLATE_LEFTOVERS:
        if leftover in text and not any(leftover in fact for fact in context.facts):
            return Problem(ProblemKind.PROMPT_ECHO, found=leftover)
    for phrase in context.scaffolding:
        if phrase in text:
            return Problem(ProblemKind.PROMPT_ECHO, found=phrase)
    listed = [f"{number}. {fact}" for number, fact in enumerate(context.facts, 1)]
    copied = [line for line in text.splitlines() if line.strip() in listed]
    if len(copied) >= 2 and len(copied) * 2 >= len([line for line in text.splitlines() if line.strip()]):
        return Problem(ProblemKind.PROMPT_ECHO, found=copied[0].strip())
    return None


def _repetition(text: str, context: ProseContext) -> Problem | None:
    loop = loop_in(text)
    if loop is not None:
        return Problem(ProblemKind.REPETITION, found=loop)
    counts = Counter(sentence for sentence in _sentences(text) if _long_enough(sentence, context.language))
    repeated = [sentence for sentence, count in counts.items() if count > 1]
    if repeated:
        return Problem(ProblemKind.REPETITION, found=repeated[0])
    if context.language != "en":
        clauses = Counter(c.strip() for c in _CLAUSE.split(text) if len(_CJK.findall(c)) >= REPEATED_CLAUSE_CHARS)
        looping = [clause for clause, count in clauses.items() if count >= REPEATED_CLAUSE_TIMES]
        if looping:
            return Problem(ProblemKind.REPETITION, found=looping[0])
    written = Counter(figure.key for figure in extract_figures(text))
    for key, count in written.items():
        given = context.given.get(key, 0)
        if given and count > FIGURE_REPEAT_FACTOR * given and count >= given + 3:
            figure = next(f for f in extract_figures(text) if f.key == key)
            return Problem(ProblemKind.REPETITION, figure=figure.text, found=f"{figure.text} ×{count}")
    return None


def _figure_list(text: str, context: ProseContext) -> Problem | None:
    for line in text.splitlines():
        body = _NUMBERING.sub("", line).strip()
        figures = extract_figures(body)
        if len(figures) < 3:
            continue
        letters = len(_WORD_CHAR.findall(body)) - sum(len(_WORD_CHAR.findall(figure.text)) for figure in figures)
        if letters <= FIGURE_LIST_WORDS * len(body.replace(" ", "")):
            return Problem(ProblemKind.NOT_PROSE, found=_shorten(body))
    return None


def _sentences(text: str) -> list[str]:
    out = []
    for piece in _SENTENCE_END.split(text):
        sentence = _NUMBERING.sub("", piece).strip(" \t*#>-")
        if sentence:
            out.append(sentence)
    return out


def _long_enough(sentence: str, language: str) -> bool:
    if language == "en":
        return len(sentence.split()) >= REPEATED_SENTENCE_WORDS
    return len(_CJK.findall(sentence)) >= REPEATED_SENTENCE_CHARS


_DIGITS = re.compile(r"\d+")


def loop_in(text: str) -> str | None:
    """A run of text repeated LOOP_REPEATS times in a row at the end of `text` (numbers aside: 「1. X 2. X 3. X」
    loops), or None. Looks only at the tail, so it can run on a growing stream."""
    tail = _DIGITS.sub("0", text[-(LOOP_MAX_CHARS * LOOP_REPEATS + 40) :]).rstrip()
    for period in range(LOOP_MIN_CHARS, min(LOOP_MAX_CHARS, len(tail) // 2) + 1):
        unit = tail[-period:]
        repeats = 2 if period >= LOOP_LONG_CHARS else LOOP_REPEATS
        if len(tail) < period * repeats or not unit.strip():
            continue
        if all(tail[-period * (n + 1) : -period * n or None] == unit for n in range(repeats)):
            return _shorten(unit.strip())
    return None


class LoopWatch:
    """Watches an answer as it streams in, and says when it has begun to loop (checked every `every` characters)."""

    def __init__(self, every: int = 48) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._checked = 0
        self._every = every
        self.loop: str | None = None

    def feed(self, delta: str) -> bool:
        self._parts.append(delta)
        self._length += len(delta)
        if self._length - self._checked >= self._every:
            self._checked = self._length
            self.loop = loop_in("".join(self._parts))
        return self.loop is not None

    @property
    def text(self) -> str:
        return "".join(self._parts)


# Words only an instruction uses: a phrase of the prompt with one of these is scaffolding a draft never contains
# (「事实（逐条写入，不得遗漏）」); one without may be the genre's own language (「维护职工合法权益」), which a good
# draft writes too.
_INSTRUCTION_WORDS = re.compile(
    "请|不得|必须|不要|只输出|只写|写作|撰写|正文|事实|本部分|部分“|要求|指引|逐条|分条|原样|占位符|数字|标题|输出|"
    "示例|说明|问题：|上一次|改正|返修|段落|小标题"
)
_INSTRUCTION_WORDS_EN = re.compile(
    r"\b(?:write|fact|facts|section|figure|figures|output|do not|must|placeholder|body|heading|previous|correct|"
    r"exactly|paragraph|example|instructions?)\b",
    re.IGNORECASE,
)


def scaffolding_phrases(templates: Sequence[str], guidance: Sequence[str], language: str) -> tuple[str, ...]:
    """The instructions a pack adds around the facts (its templates' literal text and its guidance), long enough
    and worded as instructions, so that a draft could not contain one by chance: what a model copying its prompt
    writes back."""
    phrases: set[str] = set()
    instruction = _INSTRUCTION_WORDS_EN if language == "en" else _INSTRUCTION_WORDS
    for source in [*(_JINJA.sub("\n", template) for template in templates), *guidance]:
        for line in source.splitlines():
            for piece in _PHRASE_BREAK.split(line):
                piece = _NUMBERING.sub("", piece).strip(" \t-*")
                long_enough = (
                    len(piece.split()) >= ECHO_MIN_WORDS
                    if language == "en"
                    else len(_CJK.findall(piece)) >= ECHO_MIN_CHARS
                )
                if long_enough and instruction.search(piece):
                    phrases.add(piece)
            if instruction.search(line) and _ENDS_WITH_COLON.search(line.strip()):
                phrases.add(line.strip())  # 「事实（逐条写入，不得遗漏）：」, 「Facts (use every one):」
    return tuple(sorted(phrases, key=len, reverse=True))


_ENDS_WITH_COLON = re.compile(r"[:：]$")


def given_figures(figures: Sequence[Figure]) -> dict[tuple[object, ...], int]:
    return dict(Counter(figure.key for figure in figures))


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
