"""The writer's interactive session: kind, front matter, then section by section the pack's questions, each
bullet's figures shown at once; a review screen; then drafting. Nothing typed is ever lost: every answer is in the
facts file (written atomically) before the next question is asked.

Progress lives in the facts file itself, so there is no hidden state: a section's heading is written when the
section starts (a skipped section stays as an empty heading). Resuming continues the last section in the file,
then asks the pack's sections not yet there.

The session talks to a `Terminal` (ask, say, show); `drafter.cli.terminal` is the real one, tests script their own.
"""

from __future__ import annotations

import datetime as _dt
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from drafter.documents.facts import (
    FactsDocument,
    Section,
    delete_fact,
    fact_positions,
    heading_title,
    move_fact,
    move_section,
    parse_facts,
    read_facts,
    render_facts,
    replace_fact,
    save_facts,
    skipping,
    with_fact,
    with_meta,
    with_section,
    without_last_fact,
    without_section,
)
from drafter.documents.files import write_atomic
from drafter.drafting.packs import DEFAULT_KIND, Pack, list_packs
from drafter.errors import DraftError, FactsError
from drafter.figures import Figure, extract_figures
from drafter.messages import Words

_ARABIC = re.compile(r"[0-9０-９][0-9０-９.,，．]*")


class Terminal(Protocol):
    """What the session needs from a terminal. `ask` raises EOFError when input is closed."""

    def ask(self, prompt: str, default: str = "") -> str: ...

    def say(self, text: str, style: str = "") -> None: ...

    def figures(self, words: Words, found: list[Figure], unrecognised: list[str]) -> None: ...

    def review(
        self, words: Words, document: FactsDocument, pack: Pack, *, commands: bool = True, page: int = 0
    ) -> int: ...  # shows page `page` of the facts (and the command hint where commands can be typed); the pages

    def prefilled(self, prompt: str, text: str) -> str: ...  # one line of input that starts as `text`, to edit

    def edit(self, path: Path) -> None: ...


@dataclass(frozen=True)
class SessionResult:
    document: FactsDocument
    pack: Pack
    confirmed: bool  # False: the writer quit at the review (everything is saved)


def default_period(today: _dt.date, language: str) -> str:
    """The period a summary written today most likely covers: January's is last year's, July's the half-year."""
    year, month = today.year, today.month
    if language == "zh":
        if month <= 2:
            return f"{year - 1}年"
        if month <= 4:
            return f"{year}年第一季度"
        if month <= 8:
            return f"{year}年上半年"
        return f"{year}年前三季度" if month <= 10 else f"{year}年"
    if month <= 2:
        return str(year - 1)
    if month <= 4:
        return f"the first quarter of {year}"
    if month <= 8:
        return f"the first half of {year}"
    return f"the first three quarters of {year}" if month <= 10 else str(year)


def default_title(organization: str, period: str, pack: Pack) -> str:
    """局工会 + 2023年上半年 + 工会工作总结, without saying 工会 twice: what the organization's name ends with is not
    repeated where the kind's title begins with it (局工会2023年上半年工作总结)."""
    if pack.language == "zh":
        title = pack.title
        for size in range(min(len(organization), len(title) - 2), 1, -1):
            if organization.endswith(title[:size]):
                title = title[size:]
                break
        return f"{organization}{period}{title}"
    return ", ".join(part for part in (f"{organization} {pack.title}".strip(), period) if part)


def unrecognised_numbers(text: str, figures: list[Figure]) -> list[str]:
    """Arabic numbers that are in no figure, and figures with no unit: what the writer may have mistyped."""
    covered = [(figure.start, figure.end) for figure in figures]
    out = [
        match[0].rstrip(".,，．")
        for match in _ARABIC.finditer(text)
        if not any(start <= match.start() < end for start, end in covered)
    ]
    return out + [figure.text for figure in figures if figure.kind == "number" and not figure.unit]


class Session:
    def __init__(
        self,
        path: Path,
        terminal: Terminal,
        *,
        kind: str | None = None,
        prompts: list[Path] | None = None,
        today: _dt.date | None = None,
    ) -> None:
        self.path = path
        self.terminal = terminal
        self.kind = kind
        self.prompts = prompts or []
        self.today = today or _dt.date.today()
        self.words = Words("zh")
        self.document = read_facts(path) if path.exists() else FactsDocument(str(path))

    def run(self) -> SessionResult:
        resumed = bool(self.document.meta or self.document.sections)
        self.terminal.say(self.words(("resume" if resumed else "start"), path=self.path), "bold")
        if resumed:
            self._keep_the_writers_layout()
        if resumed:  # what is there, without the review's commands: they cannot be typed here
            self.terminal.review(self.words, self.document, self._pack_or_default(), commands=False)
        pack = self._choose_kind()
        self.words = Words(pack.language)
        self._ask_front_matter(pack)
        self._ask_sections(pack)
        confirmed = self._review(pack)
        return SessionResult(self.document, pack, confirmed)

    # -- the steps ---------------------------------------------------------------------------------------------

    def _choose_kind(self) -> Pack:
        packs = list_packs(self.prompts)
        chosen = self.kind or self.document.meta.get("kind")
        pack = _pick(packs, chosen) if chosen else None
        if pack is not None:
            self.terminal.say(self.words("kind_is", title=pack.title, name=pack.name))
        else:
            if chosen:
                self.terminal.say(self.words("unknown_kind", kind=chosen), "red")
            for number, candidate in enumerate(packs, start=1):
                self.terminal.say(f"  {number}. {candidate.title} ({candidate.name}) — {candidate.description}")
            default = str(next(i for i, p in enumerate(packs, 1) if p.name == DEFAULT_KIND["zh"]))
            while (pack := _pick(packs, self.terminal.ask(self.words["ask_kind"], default).strip())) is None:
                self.terminal.say(self.words("bad_kind", count=len(packs)), "red")
        self._save(with_meta(self.document, "kind", pack.name))
        return pack

    def _ask_front_matter(self, pack: Pack) -> None:
        meta = self.document.meta
        if "organization" not in meta:
            organization = self.terminal.ask(self.words["ask_organization"]).strip()
            if not organization:  # not silently: once more, then it is left out, and said so
                organization = self.terminal.ask(self.words["ask_organization_again"]).strip()
                if not organization:
                    self.terminal.say(self.words["no_organization"], "yellow")
            self._save(with_meta(self.document, "organization", organization))
        if "period" not in self.document.meta:
            period = self.terminal.ask(self.words["ask_period"], default_period(self.today, pack.language)).strip()
            self._save(with_meta(self.document, "period", period))
        if not self.document.meta.get("title"):
            default = default_title(self.document.meta["organization"], self.document.meta["period"], pack)
            while not (title := self.terminal.ask(self.words["ask_title"], default).strip()):
                self.terminal.say(self.words["empty_title"], "red")
            self._save(with_meta(self.document, "title", title))

    def _ask_sections(self, pack: Pack) -> None:
        """The pack's sections not yet in the file, each at its place in the pack's order; on resume, the last
        section first (the writer may have stopped inside it). A file that already has every section of its pack
        goes straight to the review (where `a S` adds more): the writer reached it before (`q` saves and quits)."""
        present = [section.title for section in self.document.sections]
        if present and all(spec.title in present for spec in pack.sections):
            self.terminal.say(self.words["straight_to_review"])
            return
        if present:
            self._collect(pack, present[-1], resumed=True)
        order = [spec.title for spec in pack.sections]
        for spec in pack.sections:
            titles = [section.title for section in self.document.sections]
            if spec.title not in titles:
                later = [
                    i
                    for i, title in enumerate(titles)
                    if title in order and order.index(title) > order.index(spec.title)
                ]
                self._collect(pack, spec.title, at=later[0] if later else None)
        while typed := self.terminal.ask(self.words["ask_more_sections"]).strip():
            title = heading_title(typed)  # what the file will say: 「主要工作 ##」 is the heading 「主要工作」
            if not title:
                self.terminal.say(self.words["empty_title"], "red")
                continue
            if title in [section.title for section in self.document.sections]:
                self.terminal.say(self.words("section_exists", title=title), "red")
                continue
            self._collect(pack, title, custom=True)

    def _collect(
        self, pack: Pack, title: str, *, resumed: bool = False, custom: bool = False, at: int | None = None
    ) -> None:
        """Bullets for one section, one per line; a blank line ends it (and, as the first line, skips it)."""
        self._save(with_section(self.document, title, at))
        number = [section.title for section in self.document.sections].index(title) + 1
        self.terminal.say(f"\n{pack.heading(number, title)}", "bold")
        existing = self._section(title).facts
        if resumed and existing:
            self.terminal.say(self.words("continuing", count=len(existing)))
            for fact in existing:
                self.terminal.say(f"  - {fact.text}", "dim")
        else:
            for question in pack.spec_for(title).questions:
                self.terminal.say(f"  {question}", "cyan")
        self.terminal.say(self.words["bullet_help_added" if custom else "bullet_help"], "dim")  # what this accepts
        while True:
            line = self.terminal.ask("  -").strip()
            if line == "/undo":
                if self._section(title).facts:
                    self._save(without_last_fact(self.document, title))
                    self.terminal.say(self.words["undone"], "yellow")
                continue
            typed = self._section(title).facts
            if line == "/skip" and typed:  # one meaning: the section is skipped; what was typed stays in the file
                self._save(skipping(self.document, title))
                self.terminal.say(self.words("skipped_kept", count=len(typed)), "yellow")
                return
            if line == "/skip" or (not line and not typed and not custom):
                self.terminal.say(self.words["skipped_section"], "yellow")
                if custom:
                    index = [section.title for section in self.document.sections].index(title)
                    self._save(without_section(self.document, index))
                return
            if not line:
                if self._section(title).facts:
                    return
                self.terminal.say(self.words["heading_needs_facts"], "red")
                continue
            self._save(with_fact(skipping(self.document, title, False), title, line))
            figures = extract_figures(line)
            self.terminal.figures(self.words, figures, unrecognised_numbers(line, figures))

    def _review(self, pack: Pack) -> bool:
        """Show everything; edit, delete, add, reorder or open $EDITOR, undo; confirm to draft, or quit. What the
        last command did, or what was wrong with it, is said after the review, just above the prompt."""
        self.history: list[FactsDocument] = []
        self.notes: list[Callable[[], None]] = []  # what the last command did, shown after the next review
        page = 0
        while True:
            pages = self.terminal.review(self.words, self.document, pack, page=page)
            for note in self.notes:
                note()
            self.notes = []
            command = _canonical(self.terminal.ask(self.words["ask_review"]).strip())
            try:
                if command in ("", "y", "yes", "ok", "好", "是"):
                    if not any(section.facts for section in self.document.sections):
                        self._tell(self.words["no_facts_yet"], "red")
                        continue
                    return True
                if command in ("q", "quit"):
                    self.terminal.say(self.words("saved_quit", path=self.path))
                    return False
                if command in ("?", "？", "help", "h"):
                    self._tell(self.words["review_help"])
                    continue
                if command in ("p", "下一页", "翻页"):
                    page = (page + 1) % max(pages, 1)
                    continue
                self._review_command(command)
            except _BadCommand as problem:
                self._tell(str(problem) or self.words["review_help"], "red")

    def _tell(self, text: str, style: str = "") -> None:
        """Say it after the next review, just above the prompt."""
        self.notes.append(lambda: self.terminal.say(text, style))

    def _tell_figures(self, text: str) -> None:
        """The figures drafter reads in a fact, shown as while typing — after the next review."""
        figures = extract_figures(text)
        unrecognised = unrecognised_numbers(text, figures)
        self.notes.append(lambda: self.terminal.figures(self.words, figures, unrecognised))

    def _review_command(self, command: str) -> None:
        name, *args = command.split()
        positions = fact_positions(self.document)
        expected = _ARGUMENTS.get(name)
        if expected is None:
            raise _BadCommand(self.words("unknown_command", command=command))
        if len(args) != expected:
            raise _BadCommand(self.words(f"usage_{name}"))
        if name == "u":
            if not self.history:
                raise _BadCommand(self.words["nothing_to_undo"])
            self._save(self.history.pop())
            self._tell(self.words["review_undone"], "green")
            return
        before = self.document
        self._apply(name, args, positions)
        if self.document is not before:
            self.history.append(before)

    def _apply(self, name: str, args: list[str], positions: list[tuple[int, int]]) -> None:

        def fact(text: str) -> tuple[int, int]:
            if not text.isdigit() or not 1 <= int(text) <= len(positions):
                raise _BadCommand(self.words("bad_fact_number", text=text, count=len(positions)))
            return positions[int(text) - 1]

        def section(text: str) -> int:
            if not text.isdigit() or not 1 <= int(text) <= len(self.document.sections):
                raise _BadCommand(self.words("bad_section_number", text=text, count=len(self.document.sections)))
            return int(text) - 1

        if name == "e":
            where = fact(args[0])
            old = self.document.sections[where[0]].facts[where[1]].text
            new = self.terminal.prefilled(self.words["ask_new_text"], old).strip()
            if new and new != old:
                self._save(replace_fact(self.document, where, new))
                self._tell(self.words("edited", number=args[0]), "green")
                self._tell_figures(new)
        elif name == "d":
            where = fact(args[0])
            deleted = self.document.sections[where[0]].facts[where[1]].text
            self._save(delete_fact(self.document, where))
            shown = deleted if len(deleted) <= 30 else deleted[:29] + "…"  # one line above the prompt
            self._tell(self.words("deleted", number=args[0], text=shown), "yellow")
        elif name == "a":
            title = self.document.sections[section(args[0])].title
            text = self.terminal.ask(self.words["ask_added_fact"]).strip()
            if text:
                self._save(with_fact(self.document, title, text))
                self._tell(self.words("added", title=title), "green")
                self._tell_figures(text)
        elif name == "mv":
            self._save(move_fact(self.document, fact(args[0]), fact(args[1])))
        elif name == "s":
            self._save(move_section(self.document, section(args[0]), section(args[1])))
        else:
            self._edit_in_editor()

    def _edit_in_editor(self) -> None:
        """$EDITOR on the facts file; a file that no longer parses is never thrown away."""
        before = self.path.read_text(encoding="utf-8")
        while True:
            self.terminal.edit(self.path)
            try:
                self.document = read_facts(self.path)
                return
            except FactsError as error:
                self.terminal.say(": ".join(filter(None, error.localized(self.words.language))), "red")
                answer = self.terminal.ask(self.words["ask_after_bad_edit"], "e").strip().lower()
                if answer != "r":
                    continue
                rejected = self.path.with_name(f"{self.path.stem}.rejected{self.path.suffix}")
                write_atomic(rejected, self.path.read_text(encoding="utf-8"))
                write_atomic(self.path, before)
                self.document = parse_facts(before, str(self.path))
                self.terminal.say(self.words("edit_reverted", path=rejected), "yellow")
                return

    # -- helpers -----------------------------------------------------------------------------------------------

    def _keep_the_writers_layout(self) -> None:
        """Saving writes the facts in drafter's own layout (a continuation joined to its fact, comments gone).
        When that would change the writer's file, keep it as it was, beside it, and say so before anything is
        written: what the writer typed is never rewritten silently."""
        try:
            original = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return
        if render_facts(self.document) == original:
            return
        kept = self.path.with_name(f"{self.path.stem}.orig{self.path.suffix}")
        if not kept.exists():
            write_atomic(kept, original)
        self.terminal.say(self.words("layout_changed", path=self.path, kept=kept), "yellow")

    def _save(self, document: FactsDocument) -> None:
        """Write what was typed before the next question. A write that fails (a full disk) is said, and offered
        again until it succeeds; a writer who gives up gets the unsaved facts on the screen, to copy."""
        while True:
            try:
                self.document = save_facts(document, self.path)
                return
            except DraftError as error:
                self.terminal.say(": ".join(filter(None, error.localized(self.words.language))), "red")
                if self.terminal.ask(self.words["ask_save_again"], "r").strip().lower() in ("q", "quit"):
                    self.terminal.say(self.words["unsaved_facts"], "yellow")
                    self.terminal.say(render_facts(document))
                    raise

    def _section(self, title: str) -> Section:
        return next(section for section in self.document.sections if section.title == title)

    def _pack_or_default(self) -> Pack:
        packs = {pack.name: pack for pack in list_packs(self.prompts)}
        return packs.get(self.kind or self.document.meta.get("kind", ""), packs[DEFAULT_KIND["zh"]])


class _BadCommand(Exception):
    pass


# The review's commands and how many numbers each takes: the one list (help, usage messages and parsing).
_ARGUMENTS = {"e": 1, "d": 1, "a": 1, "mv": 2, "s": 2, "ed": 0, "u": 0}
# The words a writer will guess for them.
_ALIASES = {"修改": "e", "编辑": "e", "改": "e", "删除": "d", "删": "d", "添加": "a", "增加": "a", "加": "a",
            "移动": "mv", "移": "mv", "部分": "s", "调整": "s", "编辑器": "ed", "撤销": "u", "撤回": "u",
            "undo": "u", "退出": "q", "保存退出": "q", "帮助": "?", "确认": "y"}  # fmt: skip


def _canonical(command: str) -> str:
    """A command as the review reads it: 「删除 3」, 「删除3」 and 「d3」 are all 「d 3」; full-width digits too."""
    command = command.translate(str.maketrans("０１２３４５６７８９　", "0123456789 ")).strip()
    found = re.match(r"^([^\d\s]+)\s*(.*)$", command)
    if not found:
        return command
    name, rest = found[1], found[2]
    name = _ALIASES.get(name, name)
    return f"{name} {rest}".strip()


def _pick(packs: list[Pack], answer: str) -> Pack | None:
    """A pack by its number in the list, its name, its title (工会工作总结), or an unambiguous beginning of either."""
    if answer.isdigit() and 1 <= int(answer) <= len(packs):
        return packs[int(answer) - 1]
    exact = [pack for pack in packs if answer in (pack.name, pack.title)]
    if exact:
        return exact[0]
    started = [pack for pack in packs if answer and (pack.name.startswith(answer) or pack.title.startswith(answer))]
    return started[0] if len(started) == 1 else None


def choose_draft_path(terminal: Terminal, words: Words, path: Path) -> tuple[Path, bool] | None:
    """An existing draft is never overwritten silently: back it up (the default), overwrite, rename, or stop.
    Returns the path and whether to overwrite without a backup, or None to stop."""
    while path.exists():
        answer = terminal.ask(words("draft_exists", path=path), "b").strip().lower()
        if answer == "b":
            return path, False
        if answer == "o":
            return path, True
        if answer == "q":
            return None
        if answer == "n":
            path = Path(terminal.ask(words["ask_new_draft_path"], str(_next_free(path))).strip())
            continue
        terminal.say(words("bad_choice", choices="b/o/n/q"), "red")
    return path, False


def _next_free(path: Path) -> Path:
    number = 2
    while (candidate := path.with_name(f"{path.stem}-{number}{path.suffix}")).exists():
        number += 1
    return candidate


def editor_command(environ: dict[str, str], path: Path) -> list[str]:
    """The writer's editor: $VISUAL, then $EDITOR, then a sensible default for the platform."""
    import os
    import shutil

    chosen = environ.get("VISUAL") or environ.get("EDITOR")
    if chosen:
        return [*shlex.split(chosen), str(path)]
    if os.name == "nt":
        return ["notepad", str(path)]
    for candidate in ("sensible-editor", "nano", "vi"):
        if shutil.which(candidate):
            return [candidate, str(path)]
    return ["vi", str(path)]
