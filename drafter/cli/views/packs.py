"""`drafter prompts` for people: the packs, and one pack's sections and templates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.cli.views.tables import new_table
from drafter.drafting.packs import TEMPLATES, Pack
from drafter.messages import Words

if TYPE_CHECKING:
    from rich.console import RenderableType


def packs_table(packs: list[Pack]) -> RenderableType:
    table = new_table("Prompt packs", ["kind", "title", "language", "sections", "source"])
    for pack in packs:
        separator = Words(pack.language)["list_separator"]
        sections = separator.join(spec.title for spec in pack.sections)
        table.add_row(pack.name, pack.title, pack.language, sections, pack.source)
    return table


def pack_details(pack: Pack) -> list[RenderableType]:
    from rich.text import Text

    parents = ", ".join(str(directory) for directory in pack.template_dirs[1:])
    out: list[RenderableType] = [
        Text(f"{pack.name} — {pack.title} ({pack.language}, {pack.source})", style="bold"),
        Text(pack.description),
        Text(f"folder: {pack.path}" + (f" (extends {parents})" if parents else "")),
    ]
    table = new_table("", ["section", "aliases", "guidance", "questions"], show_lines=True)
    for spec in (*pack.sections, pack.generic):
        table.add_row(
            spec.title or "(other headings)", " / ".join(spec.aliases), spec.guidance, "\n".join(spec.questions)
        )
    out.append(table)
    lines = [f"  {name}: {pack.template_file(name)}" for name in TEMPLATES]
    out.append(Text("templates:\n" + "\n".join(lines)))
    return out
