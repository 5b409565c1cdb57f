"""Checking a draft against a facts file: the writer's figures, the draft's figures, the report."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.documents.facts import FactsDocument
from drafter.errors import FactsError
from drafter.figures import Expected, FigureReport, Known, extract_figures, match_figures
from drafter.messages import phrase


@dataclass(frozen=True, slots=True)
class FactFigure:
    """A figure in the facts file, where the writer wrote it."""

    expected: Expected
    line: int
    column: int


def fact_figures(document: FactsDocument) -> list[FactFigure]:
    """Every figure of every fact, in the writer's order: what compose must keep and check will look for."""
    out = []
    for section in document.sections:
        if section.skipped:
            continue  # the writer left it out of the draft: its figures are not looked for
        for fact in section.facts:
            for figure in extract_figures(fact.text):
                line, column = fact.where(figure.start)
                out.append(FactFigure(Expected(figure, section.title, fact.text), line, column))
    return out


def known_figures(document: FactsDocument) -> list[Known]:
    """Figures in the front matter and headings (title, period): a draft may repeat them (see `Known`)."""
    texts = [*document.meta.values(), *(section.title for section in document.sections)]
    return [Known(figure, text) for text in texts for figure in extract_figures(text)]


def check_draft(document: FactsDocument, draft: str) -> FigureReport:
    """The figure-consistency report of `draft` against the facts in `document`."""
    expected = [item.expected for item in fact_figures(document)]
    return match_figures(expected, draft, known_figures(document))


def require_figures(document: FactsDocument) -> FactsDocument:
    """A facts file to check against must give at least one figure: else every draft would pass, which is a lie."""
    if not any(section.facts and not section.skipped for section in document.sections):
        raise FactsError(document.path, None, phrase("nothing_to_check"), phrase("nothing_to_check_hint"))
    if not fact_figures(document):
        raise FactsError(document.path, None, phrase("no_figures_to_check"), phrase("nothing_to_check_hint"))
    return document
