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

    def prefilled(self, prompt: str, text: str) -> str:
        """One line of input that starts as `text`, for the writer to edit in place (readline, where there is one;
        elsewhere Enter keeps `text`)."""
        try:
            import readline
        except ImportError:  # Windows without pyreadline: the old text is the default instead
            return self.ask(prompt, text)

        readline.set_startup_hook(lambda: readline.insert_text(text))
        try:
            answer = input(f"{prompt}: ")
        finally:
            readline.set_startup_hook(None)
        return answer if answer.strip() else text

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

    def review(self, words: Words, document: FactsDocument, pack: Pack, *, commands: bool = True, page: int = 0) -> int:
        """A compact review that fits the terminal: a line a section with its count, a line a fact (shortened, its
        figures after it), paged when the facts need more lines than the terminal has; the command hint only
        where commands can be typed. Returns the number of pages."""
        from rich.cells import cell_len
        from rich.rule import Rule
        from rich.text import Text

        from drafter.cli.views.tables import fit

        meta = document.meta
        width = self.console.width
        lines: list[Text] = []
        number = figures = 0
        for index, section in enumerate(document.sections, start=1):
            count = words("review_count", count=len(section.facts)) if section.facts else ""
            count += words["review_skipped"] if section.skipped or not section.facts else ""
            lines.append(Text(f"{pack.heading(index, section.title)}{count}", style="bold"))
            for fact in section.facts:
                number += 1
                found = extract_figures(fact.text)
                figures += len(found)
                shown = words["figure_separator"].join(figure.text for figure in found)
                tail = f"  [{shown}]" if shown else ""
                head = f"  {number:>2}. "
                room = max(8, width - cell_len(head) - cell_len(tail) - 1)
                lines.append(Text.assemble(head, fit(fact.text, room), (tail, "green")))
        room = max(6, self.console.height - 8)  # the rule, the title, the totals, the hint, the notes, the prompt
        pages = max(1, -(-len(lines) // room))
        page = min(page, pages - 1)
        self.console.print(Rule(words["review_title"]))
        heading = " · ".join(value for value in (meta.get("organization"), meta.get("period"), pack.title) if value)
        self.console.print(Text.assemble((f"《{meta.get('title', '')}》 ", "bold"), heading))
        for line in lines[page * room : (page + 1) * room]:
            self.console.print(line, no_wrap=True, overflow="ellipsis")
        totals = words("review_totals", facts=number, figures=figures)
        if pages > 1:
            totals += words("review_page", page=page + 1, pages=pages)
        self.console.print(Text(totals, style="bold"))
        if commands:
            self.console.print(Text(words["review_hint"], style="dim"), no_wrap=True, overflow="ellipsis")
        return pages

    def edit(self, path: Path) -> None:
        subprocess.run(editor_command(dict(os.environ), path), check=False)
