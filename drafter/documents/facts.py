"""The facts file: what a writer types and what compose and check read.

---
title: 局工会2023年上半年工作总结        ← optional front matter, `key: value` lines
---
## 主要工作                              ← a heading is a section, in the writer's order
- 发放慰问金323.062万元，走访困难职工2848户   ← `-`, `*`, `+` or `1.` starts a fact
  （其中春节期间1200户）                 ← an indented line continues it
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NoReturn

from drafter.documents.text import read_text
from drafter.errors import FactsError
from drafter.messages import Phrase, language_of, phrase


@dataclass(frozen=True, slots=True)
class Fact:
    """One bullet: its text (continuation lines joined) and where each piece of it came from in the file."""

    text: str
    line: int
    pieces: tuple[tuple[int, int, int], ...] = ()  # (offset in text, line, column) of each source line

    def where(self, offset: int) -> tuple[int, int]:
        """File line and column (1-based) of the character at `offset` in `text`."""
        line, column, base = self.line, 1, 0
        for start, piece_line, piece_column in self.pieces:
            if start > offset:
                break
            base, line, column = start, piece_line, piece_column
        return line, column + offset - base


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    line: int
    facts: tuple[Fact, ...] = ()
    skipped: bool = False  # the writer skipped it (`<!-- 跳过 -->` under its heading): kept, never drafted or checked


@dataclass(frozen=True, slots=True)
class FactsDocument:
    path: str
    meta: dict[str, str] = field(default_factory=dict)
    sections: tuple[Section, ...] = ()
    warnings: tuple[Phrase, ...] = ()  # what was read but may not be what the writer meant (a heading given twice)

    @property
    def title(self) -> str:
        return self.meta.get("title", "")


_HEADING = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_BULLET = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,3}[.)])(?:[ \t]+(.*))?$")
_META = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*[:：][ \t]*(.*)$")
_COMMENT = re.compile(r"^[ \t]*<!--.*-->[ \t]*$")
_SKIP = re.compile(r"^[ \t]*<!--[ \t]*(?:跳过|skip|skipped)[ \t]*-->[ \t]*$", re.IGNORECASE)
SKIP_MARK = "<!-- 跳过 -->"  # how the session marks a section the writer skipped


def read_facts(path: str | Path, encoding: str | None = None) -> FactsDocument:
    """Read and parse a facts file (`-`: standard input; `encoding` forces one); every problem is a `FactsError`
    naming the file (and line). A file read in another encoding than UTF-8 says so among its warnings."""
    name = "standard input" if str(path) == "-" else str(path)
    text = read_text(path, "facts", encoding)
    document = parse_facts(text.text, name)
    if text.note is None:
        return document
    return replace(document, warnings=(text.note, *document.warnings))


def parse_facts(text: str, path: str = "<facts>") -> FactsDocument:
    """Parse a facts file. A heading given twice is one section: its facts are merged, in file order, with a
    warning; every other problem is a `FactsError` at its line."""
    lines = text.removeprefix("\ufeff").splitlines()
    meta, body_start = _parse_front_matter(lines, path)
    sections: list[tuple[str, int, list[Fact]]] = []  # title, line, facts
    current: list[Fact] | None = None
    fact_parts: list[tuple[str, int, int]] = []  # text, line, column of the fact being read
    warnings: list[Phrase] = []

    def close_fact() -> None:
        if fact_parts and current is not None:
            current.append(_join(fact_parts))
        fact_parts.clear()

    skipped: set[str] = set()
    for number, line in enumerate(lines[body_start:], start=body_start + 1):
        if _SKIP.match(line) and sections:
            skipped.add(sections[-1][0])
            continue
        if not line.strip() or _COMMENT.match(line):
            continue  # a blank line does not end a fact: an indented line after it still continues it
        heading = _HEADING.match(line)
        if heading and not line[0].isspace():
            title = (heading[2] or "").strip()
            if not title:
                raise FactsError(path, number, phrase("heading_no_title"), phrase("heading_no_title_hint"))
            close_fact()
            earlier = next((section for section in sections if section[0] == title), None)
            if earlier is not None:
                warnings.append(phrase("section_merged", where=f"{path}:{number}", title=title, line=earlier[1]))
                current = earlier[2]
            else:
                current = []
                sections.append((title, number, current))
            continue
        bullet = _BULLET.match(line)
        if bullet:
            content = (bullet[2] or "").strip()
            if current is None:
                raise FactsError(path, number, phrase("fact_before_heading"), phrase("fact_before_heading_hint"))
            if not content:
                raise FactsError(path, number, phrase("empty_fact"), phrase("empty_fact_hint"))
            close_fact()
            fact_parts.append((content, number, bullet.start(2) + 1))
            continue
        if line[0] in " \t" and fact_parts:
            stripped = line.lstrip()
            fact_parts.append((stripped.rstrip(), number, len(line) - len(stripped) + 1))
            continue
        found = phrase("unexpected_line", found=line.strip()[:40])
        raise FactsError(path, number, found, phrase("unexpected_line_hint"))
    close_fact()
    found_sections = tuple(Section(title, line, tuple(facts), title in skipped) for title, line, facts in sections)
    return FactsDocument(path, meta, found_sections, tuple(warnings))


def heading_title(text: str) -> str:
    """What a title typed for a new section reads as once written as a heading (`主要工作 ##` is 「主要工作」)."""
    match = _HEADING.match(f"## {' '.join(text.split())}")
    return (match[2] or "").strip() if match else ""


def _parse_front_matter(lines: list[str], path: str) -> tuple[dict[str, str], int]:
    if not lines or lines[0].strip() != "---":
        return {}, 0
    meta: dict[str, str] = {}
    body: int | None = None
    for number, line in enumerate(lines[1:], start=2):
        stripped = line.strip()
        if stripped == "---":
            return meta, number
        if not stripped or stripped.startswith("#"):
            if stripped.startswith("##") and body is None:
                body = number  # a section heading, or a comment: if the front matter never closes, it was a heading
            continue
        match = _META.match(stripped)
        if not match and _BULLET.match(line):
            _unclosed(path, body or number)
        if not match:
            raise FactsError(path, number, phrase("bad_meta_line", found=stripped[:40]))
        key, value = match[1].lower(), match[2].strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if key in meta:
            raise FactsError(path, number, phrase("meta_twice", key=key))
        meta[key] = value
    _unclosed(path, body)


def _unclosed(path: str, body: int | None) -> NoReturn:
    """The front matter opened on line 1 never closes; `body` is where the facts seem to start."""
    if body is None:
        raise FactsError(path, 1, phrase("meta_unclosed"), phrase("meta_unclosed_hint"))
    raise FactsError(path, 1, phrase("meta_unclosed"), phrase("meta_unclosed_before_hint", line=body))


def _join(parts: list[tuple[str, int, int]]) -> Fact:
    """Join continuation lines: with a space between two words of Latin script, without one next to Chinese."""
    text = ""
    pieces: list[tuple[int, int, int]] = []
    for content, line, column in parts:
        if text and not (_is_cjk(text[-1]) or _is_cjk(content[0])):
            text += " "
        pieces.append((len(text), line, column))
        text += content
    return Fact(text, parts[0][1], tuple(pieces))


def _is_cjk(char: str) -> bool:
    return "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"


def facts_text(document: FactsDocument) -> str:
    """Every fact's text, joined: what the document's language is judged by."""
    return " ".join(fact.text for section in document.sections for fact in section.facts)


def facts_language(document: FactsDocument) -> str:
    """The document's language ("zh" or "en"), judged by its facts, else its title and headings: what its reports,
    messages and pack speak."""
    text = facts_text(document) or " ".join([document.title, *(section.title for section in document.sections)])
    return language_of(text)


def require_facts(document: FactsDocument) -> FactsDocument:
    """A document to draft from must have at least one fact (in a section not skipped)."""
    if not any(section.facts and not section.skipped for section in document.sections):
        raise FactsError(document.path, None, phrase("no_facts"), phrase("no_facts_hint"))
    return document


def render_facts(document: FactsDocument) -> str:
    """Write a document back as a facts file; `parse_facts(render_facts(d))` gives `d`'s content again."""
    out: list[str] = []
    if document.meta:
        order = {key: index for index, key in enumerate(("title", "organization", "period", "kind"))}
        keys = sorted(document.meta, key=lambda key: order.get(key, len(order)))
        out += ["---", *(f"{key}: {_meta_value(document.meta[key])}" for key in keys), "---", ""]
    for section in document.sections:
        mark = [SKIP_MARK] if section.skipped else []
        out += [f"## {section.title}", *mark, *(f"- {fact.text}" for fact in section.facts), ""]
    return "\n".join(out)


def _meta_value(value: str) -> str:
    """A value as the front matter must spell it to read back the same: quoted when it is itself in quotes."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return f"'{value}'" if value[0] == '"' else f'"{value}"'
    return value


# Editing, for the interactive session: each function returns a new document; `save_facts` writes it atomically.


def with_meta(document: FactsDocument, key: str, value: str) -> FactsDocument:
    return replace(document, meta={**document.meta, key: value})


def with_section(document: FactsDocument, title: str, at: int | None = None) -> FactsDocument:
    """The document with a section of that title (added at index `at`, else at the end, when it is new)."""
    if any(section.title == title for section in document.sections):
        return document
    sections = list(document.sections)
    sections.insert(len(sections) if at is None else at, Section(title, 0))
    return replace(document, sections=tuple(sections))


def skipping(document: FactsDocument, title: str, skipped: bool = True) -> FactsDocument:
    """The document with that section marked skipped (or not): its facts stay, compose leaves it out."""
    sections = tuple(replace(s, skipped=skipped) if s.title == title else s for s in document.sections)
    return replace(document, sections=sections)


def without_section(document: FactsDocument, index: int) -> FactsDocument:
    sections = list(document.sections)
    del sections[index]
    return replace(document, sections=tuple(sections))


def with_fact(document: FactsDocument, title: str, text: str) -> FactsDocument:
    """Append a fact to the section of that title (creating the section if needed)."""
    document = with_section(document, title)
    return _map_section(document, title, lambda facts: [*facts, Fact(_one_line(text), 0)])


def without_last_fact(document: FactsDocument, title: str) -> FactsDocument:
    return _map_section(document, title, lambda facts: facts[:-1])


def fact_positions(document: FactsDocument) -> list[tuple[int, int]]:
    """(section index, fact index) of every fact, in reading order: fact N is `positions[N - 1]`."""
    return [(s, f) for s, section in enumerate(document.sections) for f in range(len(section.facts))]


def replace_fact(document: FactsDocument, position: tuple[int, int], text: str) -> FactsDocument:
    section_index, fact_index = position
    facts = list(document.sections[section_index].facts)
    facts[fact_index] = Fact(_one_line(text), 0)
    return _with_facts(document, section_index, facts)


def delete_fact(document: FactsDocument, position: tuple[int, int]) -> FactsDocument:
    section_index, fact_index = position
    facts = list(document.sections[section_index].facts)
    del facts[fact_index]
    return _with_facts(document, section_index, facts)


def move_fact(document: FactsDocument, source: tuple[int, int], target: tuple[int, int]) -> FactsDocument:
    """Move the fact at `source` to stand before the fact now at `target` (in that fact's section)."""
    fact = document.sections[source[0]].facts[source[1]]
    target_fact = document.sections[target[0]].facts[target[1]]
    document = delete_fact(document, source)
    section_index = target[0]
    facts = list(document.sections[section_index].facts)
    facts.insert(next(i for i, f in enumerate(facts) if f is target_fact), fact)
    return _with_facts(document, section_index, facts)


def move_section(document: FactsDocument, source: int, target: int) -> FactsDocument:
    sections = list(document.sections)
    sections.insert(target, sections.pop(source))
    return replace(document, sections=tuple(sections))


def save_facts(document: FactsDocument, path: Path) -> FactsDocument:
    """Write the document atomically and read it back (so lines and columns are right again)."""
    from drafter.documents.files import write_atomic

    text = render_facts(document)
    saved = parse_facts(text, str(path))
    if _content(saved) != _content(document):
        raise FactsError(str(path), None, phrase("not_representable"), phrase("not_representable_hint"))
    write_atomic(path, text)
    return saved


def _content(document: FactsDocument) -> object:
    return document.meta, [(s.title, [f.text for f in s.facts]) for s in document.sections]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _with_facts(document: FactsDocument, index: int, facts: list[Fact]) -> FactsDocument:
    sections = list(document.sections)
    section = sections[index]
    sections[index] = Section(section.title, section.line, tuple(facts))
    return replace(document, sections=tuple(sections))


def _map_section(document: FactsDocument, title: str, change: Callable[[list[Fact]], list[Fact]]) -> FactsDocument:
    index = next(i for i, section in enumerate(document.sections) if section.title == title)
    return _with_facts(document, index, change(list(document.sections[index].facts)))
