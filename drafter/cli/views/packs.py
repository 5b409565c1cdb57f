"""`drafter prompts` for people: the packs, and one pack's sections and templates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.cli.views.tables import new_table
from drafter.drafting.packs import TEMPLATES, Pack
from drafter.messages import Words

if TYPE_CHECKING:
    from rich.console import RenderableType


def packs_table(packs: list[Pack], language: str = "en") -> RenderableType:
    """The packs, in the system's language."""
    words = Words(language)
    columns = [words[f"packs_{name}"] for name in ("kind", "title_column", "language", "sections", "source")]
    table = new_table(words["packs_title"], columns)
    for pack in packs:
        separator = Words(pack.language)["list_separator"]
        sections = separator.join(spec.title for spec in pack.sections)
        table.add_row(pack.name, pack.title, pack.language, sections, _source(pack.source, words))
    return table


def pack_details(pack: Pack, language: str = "en") -> list[RenderableType]:
    """One pack: its sections, their guidance and questions, and its templates, in the system's language."""
    from rich.text import Text

    words = Words(language)
    parents = ", ".join(str(directory) for directory in pack.template_dirs[1:])
    folder = words("packs_folder", path=pack.path) + (words("packs_extends", parents=parents) if parents else "")
    out: list[RenderableType] = [
        Text(f"{pack.name} — {pack.title} ({pack.language}, {_source(pack.source, words)})", style="bold"),
        Text(pack.description),
        Text(folder),
    ]
    columns = [words[f"packs_{name}"] for name in ("section", "aliases", "guidance", "questions")]
    table = new_table("", columns, show_lines=True)
    for spec in (*pack.sections, pack.generic):
        table.add_row(
            spec.title or words["packs_other"], " / ".join(spec.aliases), spec.guidance, "\n".join(spec.questions)
        )
    out.append(table)
    lines = [f"  {name}: {pack.template_file(name)}" for name in TEMPLATES]
    out.append(Text(words["packs_templates"] + "\n" + "\n".join(lines)))
    return out


def _source(source: str, words: Words) -> str:
    """Where a pack comes from: built in, or the folder it was found in."""
    return words["packs_built_in"] if source == "built-in" else source
