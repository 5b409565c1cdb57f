"""What a section's answer can get wrong: one enumeration of kinds, one dataclass, and how much each weighs.

Each kind has its words in both languages (messages.py, `problem_<kind>`) and its branch in every pack's repair
template; a test renders every kind in every pack. The figure kinds come from the figure check; the others from
the prose check (`drafter.drafting.prose`) and from how the answer ended.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


class ProblemKind(StrEnum):
    MISSING = "missing"  # a fact's figure is not in the answer
    ALTERED = "altered"  # it stands there changed
    UNSUPPORTED = "unsupported"  # a figure no fact gives: an invention in a machine draft
    PLACEHOLDER_MISSING = "placeholder-missing"  # --lock-figures: a placeholder not used
    PLACEHOLDER_REPEATED = "placeholder-repeated"  # --lock-figures: one used twice
    TRUNCATED = "truncated"  # the answer was cut off at its token limit
    EMPTY = "empty"  # no text at all
    REPETITION = "repetition"  # a sentence repeated, a run looping, a figure written far more often than given
    PROMPT_ECHO = "prompt-echo"  # the prompt's own words, template leftovers, the facts copied as the prompt lists them
    NOT_PROSE = "not-prose"  # a bare list of figures, or only a heading
    WRONG_LANGUAGE = "wrong-language"  # a Chinese pack answered in English, or the reverse
    OMITTED = "omitted"  # a fact whose words are (nearly) absent from the answer


# The kinds about a figure (or a fact); the rest are about the answer as a whole (and send it back afresh).
FIGURE_KINDS = frozenset(
    {ProblemKind.MISSING, ProblemKind.ALTERED, ProblemKind.UNSUPPORTED, ProblemKind.OMITTED}
    | {ProblemKind.PLACEHOLDER_MISSING, ProblemKind.PLACEHOLDER_REPEATED}
)

# How bad each is when choosing the best of a section's attempts: an answer that is not prose, or says nothing,
# is worse than one missing a figure; a cut-off answer is worse than a figure altered.
WEIGHTS: dict[ProblemKind, int] = {
    ProblemKind.EMPTY: 100,
    ProblemKind.WRONG_LANGUAGE: 60,
    ProblemKind.NOT_PROSE: 50,
    ProblemKind.PROMPT_ECHO: 40,
    ProblemKind.REPETITION: 40,
    ProblemKind.OMITTED: 15,
    ProblemKind.TRUNCATED: 25,
    ProblemKind.MISSING: 10,
    ProblemKind.PLACEHOLDER_MISSING: 10,
    ProblemKind.ALTERED: 8,
    ProblemKind.PLACEHOLDER_REPEATED: 6,
    ProblemKind.UNSUPPORTED: 5,
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing a repair must fix: its kind, the fact's figure (or placeholder), the fact, what was found."""

    kind: ProblemKind
    figure: str = ""
    fact: str = ""
    found: str = ""

    def for_template(self) -> dict[str, str]:
        """Plain strings for the repair template (`status` is the kind's older name, kept for packs that use it)."""
        return {**{key: str(value) for key, value in asdict(self).items()}, "status": str(self.kind)}


def weight(problems: Iterable[Problem]) -> int:
    return sum(WEIGHTS[problem.kind] for problem in problems)


def needs_fresh_start(problems: Iterable[Problem]) -> bool:
    """Whether the answer is no base for a repair (cut off, looping, echoing, not prose): ask afresh instead."""
    return any(problem.kind not in FIGURE_KINDS for problem in problems)
