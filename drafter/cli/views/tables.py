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


def snippet(clause: str, figure: str, style: str, width: int | None = None) -> Text:
    """The clause around a figure, the figure itself highlighted; cut to `width` cells around the figure (… where
    cut), so the figure is always shown whole."""
    from rich.cells import cell_len
    from rich.text import Text

    clause = clause.strip()
    head, found, tail = clause.partition(figure) if figure else (clause, "", "")
    if not found:
        return Text(fit(clause, width))
    if width is not None and cell_len(clause) > width:
        room = max(0, width - cell_len(figure))
        before = room * 2 // 3 if cell_len(tail) > room // 3 else room - cell_len(tail)
        head = _last_cells(head, before)
        tail = fit(tail, room - cell_len(head))
    return Text.assemble(head, (figure, style), tail)


def fit(text: str, width: int | None) -> str:
    """`text` in at most `width` cells, ending in … when cut."""
    from rich.cells import cell_len

    if width is None or cell_len(text) <= width:
        return text
    out = ""
    for char in text:
        if cell_len(out + char) > width - 1:
            break
        out += char
    return out + "…" if width > 0 else ""


def _last_cells(text: str, width: int) -> str:
    """The end of `text` in at most `width` cells, opening with … when cut."""
    from rich.cells import cell_len

    if cell_len(text) <= width:
        return text
    out = ""
    for char in reversed(text):
        if cell_len(char + out) > width - 1:
            break
        out = char + out
    return "…" + out if width > 0 else ""
