"""What the views share: rich tables in drafter's style, the colour of each status, a figure shown in its clause."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.figures import ALTERED, EQUIVALENT, EXACT, MISSING

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text


STYLES = {EXACT: "green", EQUIVALENT: "cyan", ALTERED: "bold red", MISSING: "bold red", "unsupported": "yellow"}


def new_table(title: str, columns: list[str], **options: object) -> Table:
    from rich.table import Table

    table = Table(title=title or None, title_justify="left", title_style="bold", **options)  # type: ignore[arg-type]
    for column in columns:
        table.add_column(column)
    return table


def fact_edges(facts: list[str]) -> list[tuple[bool, bool]]:
    """For rows grouped by fact: whether each row is the first of its fact (shows it) and the last (ends a band)."""
    return [
        (index == 0 or facts[index - 1] != fact, index + 1 == len(facts) or facts[index + 1] != fact)
        for index, fact in enumerate(facts)
    ]


def snippet(clause: str, figure: str, style: str) -> Text:
    """The clause around a found figure, the figure itself highlighted."""
    from rich.text import Text

    clause = clause.strip()
    head, found, tail = clause.partition(figure)
    if not found:
        return Text(clause)
    return Text.assemble(head[-16:], (figure, style), tail[:12])
