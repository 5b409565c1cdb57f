"""`drafter check` and `drafter facts` for people: the figure report and the facts' figures, as rich tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.cli.views.tables import STYLES, fact_edges, new_table, snippet
from drafter.figures import FigureReport
from drafter.messages import Words
from drafter.review.check import FactFigure
from drafter.review.report import json_value, verdict, where

if TYPE_CHECKING:
    from rich.console import RenderableType

    from drafter.documents.drafts import Draft


def report_table(
    report: FigureReport,
    language: str,
    *,
    show_ignored: bool = False,
    with_verdict: bool = True,
    draft: Draft | None = None,
) -> list[RenderableType]:
    """Per section, each figure with its status, where it stands in the draft and what surrounds it; then the
    figures no fact gives; with `show_ignored`, the numbers set aside as no figures and why."""
    from rich.text import Text

    words = Words(language)
    out: list[RenderableType] = []
    table = None
    section = None
    results = report.figures
    edges = fact_edges([result.expected.fact for result in results])
    for result, (opens_fact, closes_fact) in zip(results, edges, strict=True):
        if result.expected.section != section or table is None:
            section = result.expected.section
            table = new_table(section, [])
            table.add_column(words["figure"], no_wrap=True)
            table.add_column(words["status"], no_wrap=True)
            table.add_column(words["where"], no_wrap=True)
            table.add_column(words["context"], overflow="fold", ratio=1)
            table.add_column(words["fact"], overflow="fold", ratio=1, style="dim")
            out.append(table)
        status = result.status
        first = result.found[0] if result.found else None
        context = snippet(first.clause, first.figure.text, STYLES[status]) if first else Text()
        table.add_row(
            result.expected.figure.text,
            Text(words[status], style=STYLES[status]),
            ", ".join(where(o.line, o.column, draft, language) for o in result.found) or "—",
            context,
            result.expected.fact if opens_fact else "",
            end_section=closes_fact,
        )
    if report.unsupported:
        extra = new_table(words["unsupported_title"], [])
        extra.add_column(words["figure"], no_wrap=True, style="yellow")
        extra.add_column(words["where"], no_wrap=True)
        extra.add_column(words["context"], overflow="fold")
        for occurrence in report.unsupported:
            extra.add_row(
                occurrence.figure.text,
                where(occurrence.line, occurrence.column, draft, language),
                snippet(occurrence.clause, occurrence.figure.text, "yellow"),
            )
        out.append(extra)
    if show_ignored and report.ignored:
        aside = new_table(words["ignored_title"], [], style="dim")
        aside.add_column(words["figure"], no_wrap=True)
        aside.add_column(words["where"], no_wrap=True)
        aside.add_column(words["reason"], overflow="fold")
        for item in report.ignored:
            at = where(item.line, item.column, draft, language)
            aside.add_row(item.number.text, at, words[f"reason_{item.number.reason}"])
        out.append(aside)
    if with_verdict:
        out.append(Text(verdict(report, language), style="bold green" if report.ok else "bold red"))
    if report.ignored and not show_ignored:
        out.append(Text(words("ignored_note", ignored=len(report.ignored)), style="dim"))
    return out


def facts_table(figures: list[FactFigure], path: str, language: str) -> list[RenderableType]:
    """The figures the engine found in a facts file, section by section, so a writer sees what will be checked."""
    from rich.text import Text

    words = Words(language)
    if not figures:
        return [Text(words["none"], style="yellow")]
    out: list[RenderableType] = []
    table = None
    section = None
    edges = fact_edges([item.expected.fact for item in figures])
    for item, (opens_fact, closes_fact) in zip(figures, edges, strict=True):
        expected = item.expected
        if expected.section != section or table is None:
            section = expected.section
            table = new_table(f"{path} · {section}", [])
            for column in (words["figure"], words["value"], words["unit"], words["line"]):
                table.add_column(column, no_wrap=True)
            table.add_column(words["fact"], overflow="fold", style="dim")
            out.append(table)
        value = json_value(expected.figure.value)
        table.add_row(
            expected.figure.text,
            "—" if value is None else f"{value:,}",
            expected.figure.unit or "—",
            f"{item.line}:{item.column}",
            expected.fact if opens_fact else "",
            end_section=closes_fact,
        )
    out.append(Text(words("count", count=len(figures)), style="bold"))
    return out
