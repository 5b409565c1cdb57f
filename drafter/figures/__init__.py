"""The figure engine: find figures in text, read their numerals and units, match a draft against the facts.

It imports nothing from the CLI, the model code or rich; compose and check both call it.
"""

from __future__ import annotations

from drafter.figures.extract import Figure, extract_figures
from drafter.figures.match import (
    ALTERED,
    EQUIVALENT,
    EXACT,
    MISSING,
    STATUSES,
    Expected,
    FigureReport,
    FigureResult,
    Known,
    Occurrence,
    match_figures,
)

__all__ = [
    "ALTERED",
    "EQUIVALENT",
    "EXACT",
    "MISSING",
    "STATUSES",
    "Expected",
    "Figure",
    "FigureReport",
    "FigureResult",
    "Known",
    "Occurrence",
    "extract_figures",
    "match_figures",
]
