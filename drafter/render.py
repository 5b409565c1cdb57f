"""Rich renderables for people: the figure-consistency table and the facts' figures. Imports rich lazily."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.check import FactFigure
from drafter.figures import ALTERED, EQUIVALENT, EXACT, MISSING, FigureReport
from drafter.report import LABELS, json_value, verdict

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

STYLES = {EXACT: "green", EQUIVALENT: "cyan", ALTERED: "bold red", MISSING: "bold red", "unsupported": "yellow"}


def report_table(report: FigureReport, language: str) -> list[RenderableType]:
    """Per section, each figure with its status, where it stands in the draft and what surrounds it."""
    from rich.table import Table
    from rich.text import Text

    words = LABELS[language]
    out: list[RenderableType] = []
    table = None
    section = None
    fact = None
    results = report.figures
    for index, result in enumerate(results):
        if result.expected.section != section or table is None:
            section = result.expected.section
            table = Table(title=section, title_justify="left", title_style="bold")
            table.add_column(words["figure"], no_wrap=True)
            table.add_column(words["status"], no_wrap=True)
            table.add_column(words["where"], no_wrap=True)
            table.add_column(words["context"], overflow="fold", ratio=1)
            table.add_column(words["fact"], overflow="fold", ratio=1, style="dim")
            out.append(table)
            fact = None
        status = result.status
        first = result.found[0] if result.found else None
        context = Text()
        if first is not None:
            context.append(_snippet(first.clause, first.figure.text, STYLES[status]))
        new_fact = result.expected.fact != fact
        fact = result.expected.fact
        table.add_row(
            result.expected.figure.text,
            Text(words[status], style=STYLES[status]),
            ", ".join(f"{o.line}:{o.column}" for o in result.found) or "—",
            context,
            fact if new_fact else "",
            end_section=index + 1 == len(results) or results[index + 1].expected.fact != fact,
        )
    if report.unsupported:
        extra = Table(title=words["unsupported_title"], title_justify="left", title_style="yellow")
        extra.add_column(words["figure"], no_wrap=True, style="yellow")
        extra.add_column(words["where"], no_wrap=True)
        extra.add_column(words["context"], overflow="fold")
        for occurrence in report.unsupported:
            extra.add_row(
                occurrence.figure.text,
                f"{occurrence.line}:{occurrence.column}",
                _snippet(occurrence.clause, occurrence.figure.text, "yellow"),
            )
        out.append(extra)
    style = "bold green" if report.ok else "bold red"
    out.append(Text(verdict(report, language), style=style))
    return out


def _snippet(clause: str, figure: str, style: str) -> Text:
    """The clause around a found figure, the figure itself highlighted."""
    from rich.text import Text

    clause = clause.strip()
    head, found, tail = clause.partition(figure)
    if not found:
        return Text(clause)
    return Text.assemble(head[-16:], (figure, style), tail[:12])


def facts_table(figures: list[FactFigure], path: str, language: str) -> list[RenderableType]:
    """The figures the engine found in a facts file, section by section, so a writer sees what will be checked."""
    from rich.table import Table
    from rich.text import Text

    words = LABELS[language]
    if not figures:
        return [Text(words["none"], style="yellow")]
    out: list[RenderableType] = []
    table = None
    section = None
    for index, item in enumerate(figures):
        expected = item.expected
        new_fact = index == 0 or figures[index - 1].expected.fact != expected.fact
        if expected.section != section or table is None:
            section = expected.section
            table = Table(title=f"{path} · {section}", title_justify="left", title_style="bold")
            for column in (words["figure"], words["value"], words["unit"], words["line"]):
                table.add_column(column, no_wrap=True)
            table.add_column(words["fact"], overflow="fold", style="dim")
            out.append(table)
        value = json_value(expected.figure.value)
        last_of_fact = index + 1 == len(figures) or figures[index + 1].expected.fact != expected.fact
        table.add_row(
            expected.figure.text,
            "—" if value is None else f"{value:,}",
            expected.figure.unit or "—",
            f"{item.line}:{item.column}",
            expected.fact if new_fact else "",
            end_section=last_of_fact,
        )
    out.append(Text(words["count"].format(count=len(figures)), style="bold"))
    return out
