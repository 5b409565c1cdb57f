"""`drafter doctor` for people: each check with its mark and what to do, in the system's language, wrapped by
display width (a Chinese character takes two columns; a figure or a word is never broken)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.cli.lines import cells, wrap
from drafter.models.doctor import Check

if TYPE_CHECKING:
    from rich.console import RenderableType


MARKS = {"ok": ("✓", "green"), "warn": ("!", "yellow"), "fail": ("✗", "bold red"), "info": ("i", "cyan")}


def doctor_table(checks: list[Check], language: str = "en", width: int = 80) -> list[RenderableType]:
    from rich.text import Text

    said = [check.text(language) for check in checks]
    title_cells = max((cells(title) for title, _, _ in said), default=0)
    indent = " " * (title_cells + 5)
    out: list[RenderableType] = []
    for check, (title, detail, hint) in zip(checks, said, strict=True):
        mark, style = MARKS[check.status]
        lines = wrap(detail, width - len(indent)) or [""]
        first = Text.assemble(f" {mark} ", style=style)
        first.append(title + " " * (title_cells - cells(title) + 2), style="bold")
        first.append(lines[0])
        out.append(first)
        out += [Text(indent + line) for line in lines[1:]]
        out += [Text(f"{indent}→ {line}" if n == 0 else f"{indent}  {line}", style="dim")
                for n, line in enumerate(wrap(hint, width - len(indent) - 2))]  # fmt: skip
    return out
