"""What the views share: rich tables in drafter's style, the colour of each status, a figure shown in its clause."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.figures import ALTERED, EQUIVALENT, EXACT, MISSING

if TYPE_CHECKING:
    from rich.table import Table


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


Pieces = list[tuple[str, str]]  # text and its rich style ("" for none)


def pieces(clause: str, figure: str, style: str, width: int | None = None) -> Pieces:
    """The clause around a figure, the figure itself in `style`; cut to `width` cells around the figure (… where
    cut), so the figure is always shown whole. "—" for no clause."""
    from rich.cells import cell_len

    clause = clause.strip() or "—"
    head, found, tail = clause.partition(figure) if figure else (clause, "", "")
    if not found:
        return [(fit(clause, width), "")]
    if width is not None and cell_len(clause) > width:
        room = max(0, width - cell_len(figure))
        before = room * 2 // 3 if cell_len(tail) > room // 3 else room - cell_len(tail)
        head = _last_cells(head, before)
        tail = fit(tail, room - cell_len(head))
    return [(head, ""), (figure, style), (tail, "")]


def fit(text: str, width: int | None) -> str:
    """`text` in at most `width` cells, ending in … when cut."""
    from rich.cells import cell_len

    if width is None or cell_len(text) <= width:
        return text
    used, end = 0, 0
    for end, char in enumerate(text):  # noqa: B007 (end is read after the loop)
        used += cell_len(char)
        if used > width - 1:
            break
    return text[:end] + "…" if width > 0 else ""


def _last_cells(text: str, width: int) -> str:
    """The end of `text` in at most `width` cells, opening with … when cut."""
    from rich.cells import cell_len

    if cell_len(text) <= width:
        return text
    used, start = 0, len(text)
    for start in range(len(text) - 1, -1, -1):
        used += cell_len(text[start])
        if used > width - 1:
            start += 1
            break
    return "…" + text[start:] if width > 0 else ""
