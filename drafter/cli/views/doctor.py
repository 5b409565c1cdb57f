"""`drafter doctor` for people: each check with its mark and what to do, in the system's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.models.doctor import Check

if TYPE_CHECKING:
    from rich.console import RenderableType


def doctor_table(checks: list[Check], language: str = "en") -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    marks = {"ok": ("✓", "green"), "warn": ("!", "yellow"), "fail": ("✗", "bold red"), "info": ("i", "cyan")}
    table = Table(show_header=False, box=None)
    for check in checks:
        mark, style = marks[check.status]
        title, said, hint = check.text(language)
        detail = Text(said)
        if hint:
            detail.append(f"\n→ {hint}", style="dim")
        table.add_row(Text(mark, style=style), Text(title, style="bold"), detail)
    return table
