"""Drafts as reviewers receive them: Markdown or plain text (any encoding `documents.text` reads), Word
(`.docx`; `.doc`/`.wps` through LibreOffice), or PDF with a text layer — from a file or standard input.

Every reader gives one thing, a `Draft`: the text drafter checks (one line a paragraph; headings as Markdown
`#` lines, so the figure engine sees the document's structure), and the places in the file that each stretch of
that text came from — a paragraph and its heading path, a table cell, a page and line — so a report can say
where a person looks.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.documents.text import container, read_bytes, text_of
from drafter.errors import DraftError
from drafter.messages import Phrase, phrase


@dataclass(frozen=True, slots=True)
class Place:
    """Where in a file a stretch of a draft's text stands, as a person finds it there."""

    paragraph: int | None = None  # .docx: the Nth paragraph with text in the body (tables not counted)
    headings: tuple[str, ...] = ()  # .docx/.pdf: the headings it stands under, outermost first
    cell: str | None = None  # .docx: a table cell, T1R2C3 (table, row, column; merged cells by their first)
    page: int | None = None  # .pdf
    page_line: int | None = None  # .pdf: the line on that page, counted from the top, page numbers left out

    def json(self) -> dict[str, Any]:
        """The fields that apply, for the JSON report (beside `line` and `column`)."""
        out: dict[str, Any] = {}
        if self.paragraph is not None:
            out["paragraph"] = self.paragraph
        if self.cell is not None:
            out["cell"] = self.cell
        if self.page is not None:
            out["page"] = self.page
            out["page_line"] = self.page_line
        if self.headings:
            out["headings"] = list(self.headings)
        return out


@dataclass(frozen=True)
class Draft:
    """A draft's text, what kind of file it came from, and where in the file each stretch of text stands."""

    text: str
    kind: str = "text"  # "text", "docx", "doc" (converted), "pdf"
    spans: tuple[tuple[int, Place], ...] = ()  # (offset in text, place) in offset order
    notes: tuple[Phrase, ...] = ()  # how it was read, when a reviewer should know (an encoding, tracked changes)

    def place(self, line: int, column: int) -> Place | None:
        """The place in the file of the text at `line`:`column` (1-based, in characters); None for text files."""
        if not self.spans:
            return None
        starts = self._line_starts
        offset = starts[min(line, len(starts)) - 1] + column - 1
        index = bisect.bisect_right(self._span_offsets, offset) - 1
        return self.spans[max(index, 0)][1]

    @functools.cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(index + 1 for index, char in enumerate(self.text) if char == "\n")]

    @functools.cached_property
    def _span_offsets(self) -> list[int]:
        return [offset for offset, _ in self.spans]


@dataclass
class DraftBuilder:
    """Text written piece by piece, each piece with the place it came from."""

    parts: list[str] = field(default_factory=list)
    spans: list[tuple[int, Place]] = field(default_factory=list)
    length: int = 0

    def write(self, text: str, place: Place | None = None) -> None:
        if place is not None and (not self.spans or self.spans[-1][1] != place):
            self.spans.append((self.length, place))
        self.parts.append(text)
        self.length += len(text)

    def line(self, text: str, place: Place | None = None) -> None:
        """A whole line (paragraph)."""
        self.write(text, place)
        self.write("\n")

    def build(self, kind: str, notes: tuple[Phrase, ...] = ()) -> Draft:
        return Draft("".join(self.parts), kind, tuple(self.spans), notes)


def read_draft(path: str | Path, encoding: str | None = None) -> Draft:
    """A draft (`-`: standard input) as text with places; every problem is a `DraftError` naming the file (and
    line). `encoding` applies to text files."""
    name = "standard input" if str(path) == "-" else str(path)
    data = read_bytes(path, "draft")
    kind = container(data)  # by what the file is, not by its name: a .docx saved as .txt is still Word
    if kind == "encrypted":
        raise not_readable(name, phrase("docx_encrypted"), phrase("docx_encrypted_hint"))
    if kind == "docx":
        from drafter.documents.word import read_docx

        return read_docx(data, name)
    if kind == "pdf":
        from drafter.documents.pdf import read_pdf

        return read_pdf(data, name)
    if kind in ("doc", "rtf"):  # old Word and WPS files are OLE containers, as .doc
        from drafter.documents.office import convert
        from drafter.documents.word import read_docx

        draft = read_docx(convert(data, name, f".{kind}", "docx"), name)
        return Draft(draft.text, "doc", draft.spans, (phrase("converted_with_libreoffice"), *draft.notes))
    text = text_of(data, name, "draft", encoding)
    return Draft(text.text, "text", (), (text.note,) if text.note else ())


def not_readable(name: str, message: Phrase, hint: Phrase | str = "") -> DraftError:
    """The one error a reader raises for a file it cannot read."""
    return DraftError(message, hint, where=name)


# The genre's heading numbers: 一、 opens a level-1 heading, （一） a level-2 one.
NUMBERED = r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])"
HEADING_NUMBER = re.compile(f"^{NUMBERED}")
_GENRE_LEVELS = (
    (re.compile(r"^[一二三四五六七八九十]{1,3}、"), 1),
    (re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]"), 2),
)
_HEADING_LABEL = 16  # characters of a heading shown in a place


def heading_level(text: str) -> int | None:
    """1 for a 一、 paragraph, 2 for a （一） one, None for others."""
    return next((level for pattern, level in _GENRE_LEVELS if pattern.match(text)), None)


def heading_label(text: str) -> str:
    """A heading as a place shows it: up to its first full stop, at most 16 characters."""
    head = re.split(r"[。：:]", text, maxsplit=1)[0].strip()
    return head if len(head) <= _HEADING_LABEL else head[: _HEADING_LABEL - 1] + "…"
