"""The real terminal for the interactive session: rich output, line input, the writer's $EDITOR."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.cli.session import editor_command
from drafter.documents.facts import FactsDocument
from drafter.drafting.packs import Pack
from drafter.figures import Figure, extract_figures
from drafter.messages import Words

if TYPE_CHECKING:
    from rich.console import Console


class RichTerminal:
    def __init__(self, console: Console) -> None:
        self.console = console

    def ask(self, prompt: str, default: str = "") -> str:
        """One line of input; Enter gives the default. EOFError (input closed) reaches the caller."""
        from rich.text import Text

        shown = Text(prompt, style="bold")
        if default:
            shown.append(f" [{default}]", style="dim")
        shown.append(" ")
        answer = self.console.input(shown)
        return answer if answer.strip() else default

    def say(self, text: str, style: str = "") -> None:
        from rich.text import Text

        self.console.print(Text(text, style=style))

    def figures(self, words: Words, found: list[Figure], unrecognised: list[str]) -> None:
        if found:
            shown = words["figure_separator"].join(figure.text for figure in found)
            self.say(words("recognised", figures=shown), "green")
        elif not unrecognised:
            self.say(words["no_figures"], "dim")
        if unrecognised:
            self.say(words("unrecognised", numbers="、".join(f"“{n}”" for n in unrecognised)), "yellow")

    def review(self, words: Words, document: FactsDocument, pack: Pack) -> None:
        from rich.rule import Rule
        from rich.text import Text

        meta = document.meta
        self.console.print(Rule(words["review_title"]))
        heading = " · ".join(value for value in (meta.get("organization"), meta.get("period"), pack.title) if value)
        self.console.print(Text.assemble((f"《{meta.get('title', '')}》 ", "bold"), heading))
        number = 0
        figures = 0
        for index, section in enumerate(document.sections, start=1):
            skipped = "" if section.facts else words["review_skipped"]
            self.console.print(Text(f"{pack.heading(index, section.title)}{skipped}", style="bold"))
            for fact in section.facts:
                number += 1
                self.console.print(Text(f"  {number:>2}. {fact.text}"))
                found = extract_figures(fact.text)
                figures += len(found)
                if found:
                    shown = words["figure_separator"].join(figure.text for figure in found)
                    self.console.print(Text(f"      {words['review_figures']}{shown}", style="green"))
        self.console.print(Text(words("review_totals", facts=number, figures=figures), style="bold"))
        self.console.print(Text(words["review_help"], style="dim"))

    def edit(self, path: Path) -> None:
        subprocess.run(editor_command(dict(os.environ), path), check=False)
