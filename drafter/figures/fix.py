"""Correcting in place what the check leaves no doubt about: a figure altered where its fact's words are
(「走访困难职工2884户」 for 「走访困难职工2848户」), or two figures of one unit swapped. Missing and invented figures
are never "fixed": words would have to be written, which is the model's job.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.figures.labels import family
from drafter.figures.match import ALTERED, MISSING, FigureReport, FigureResult


@dataclass(frozen=True, slots=True)
class Fix:
    """One figure put right: where it stood (offsets in the text checked), what was there, what the fact says."""

    start: int
    end: int
    wrong: str
    right: str


def unambiguous_fixes(report: FigureReport) -> list[Fix]:
    """The altered figures that pair with exactly one fact figure: of the same unit (not a unit changed), and
    either swapped with another (the labels decided) or the only figure of that unit in its fact still wrong."""
    fixes = []
    for result in report.figures:
        if result.status != ALTERED or not result.found:
            continue
        found = result.found[0]
        if family(found.figure) != family(result.expected.figure) or found.figure.text == result.expected.figure.text:
            continue  # another unit, or the same figure with the change reversed (增长 for 下降): words to write
        if result.swapped or not _rivals(result, report.figures):
            fixes.append(Fix(found.figure.start, found.figure.end, found.figure.text, result.expected.figure.text))
    return fixes


def _rivals(result: FigureResult, results: list[FigureResult]) -> bool:
    """Whether another figure of the same fact and unit is wrong too: then which one was meant is not certain."""
    kind = family(result.expected.figure)
    return any(
        other is not result
        and other.expected.fact == result.expected.fact
        and other.status in (ALTERED, MISSING)
        and family(other.expected.figure) == kind
        for other in results
    )


def apply_fixes(text: str, fixes: list[Fix]) -> str:
    for fix in sorted(fixes, key=lambda fix: fix.start, reverse=True):
        text = text[: fix.start] + fix.right + text[fix.end :]
    return text
