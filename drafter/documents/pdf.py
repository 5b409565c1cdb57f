"""Reading PDF files: the text layer, page by page, put back into paragraphs.

A PDF holds characters at positions, not paragraphs. Lines are rebuilt from the characters' positions; a line
that is indented, follows a short line, or opens with the genre's heading numbers (一、 （一）) starts a
paragraph, and the lines of one paragraph are joined without a break — so a figure the layout wrapped
(「400万」 at a line's end, 「元」 on the next) or spaced apart (「323.062 万元」 where the font changes) is one
figure again. A space is kept only between two Latin letters or digits (English words, two numbers in a row).
Page numbers (「— 1 —」) and running headers are left out. Each line keeps its page and its line on the page.

A PDF with no text layer (a scan) has nothing drafter can check: that is an error, never an empty pass; pages
without text in an otherwise readable PDF are named in a note.
"""

from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass
from typing import Any

from drafter.documents.drafts import Draft, DraftBuilder, Place, heading_label, heading_level, not_readable
from drafter.messages import Phrase, phrase

# A page number: digits with dashes or nothing around them, in the top or bottom margin.
_PAGE_NUMBER = re.compile(r"^[-—–－~·\s第页]*\d{1,4}[-—–－~·\s页/共\d]*$")
_MARGIN = 0.12  # of the page's height, top and bottom, where a page number may stand


@dataclass
class _Line:
    text: str  # a table row's cells, or two columns' lines, are separated by tabs
    x0: float
    x1: float
    top: float
    size: float
    split: bool = False  # it has gaps: never joined with the lines around it


def read_pdf(data: bytes, name: str) -> Draft:
    """The draft in a PDF's bytes; a damaged, encrypted or scanned PDF is a `DraftError` saying so."""
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [(page.height, _lines(page.chars)) for page in pdf.pages]
    except Exception as error:  # pdfminer raises many kinds; every one means the file cannot be read
        if "password" in f"{type(error).__name__} {error!r}".lower():
            raise not_readable(name, phrase("pdf_encrypted"), phrase("pdf_encrypted_hint")) from None
        raise not_readable(name, phrase("pdf_damaged"), phrase("pdf_damaged_hint")) from None
    if not any(lines for _, lines in pages):
        raise not_readable(name, phrase("pdf_no_text"), phrase("pdf_no_text_hint"))
    return _assemble(pages)


def _lines(chars: list[dict[str, Any]]) -> list[_Line]:
    """The page's characters grouped into lines, top to bottom, each read left to right."""
    rows: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if rows and abs(char["top"] - rows[-1][0]["top"]) <= 0.4 * max(char["size"], 1):
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        text = ""
        split = False
        previous: dict[str, Any] | None = None
        for char in row:
            glyph = char["text"]
            if glyph.isspace():
                continue
            if previous is not None:
                gap = (char["x0"] - previous["x1"]) / max(char["size"], 1)
                latin = _latin(previous["text"][-1]) and _latin(glyph[0])
                if gap > (1.5 if latin else 0.6):  # a table's next cell, or the next column: not the same text
                    text, split = text + "\t", True
                elif latin and gap > 0.2:
                    text += " "
            text += glyph
            previous = char
        if text:
            size = statistics.median(c["size"] for c in row)
            lines.append(_Line(text, row[0]["x0"], max(c["x1"] for c in row), row[0]["top"], size, split))
    return lines


def _latin(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "%.,;:)(-/'\"")


def _assemble(pages: list[tuple[float, list[_Line]]]) -> Draft:
    out = DraftBuilder()
    notes: list[Phrase] = []
    body = [line for _, lines in pages for line in lines]
    left = min(line.x0 for line in body)
    right = max(line.x1 for line in body)
    headings: list[tuple[int, str]] = []
    previous: _Line | None = None
    title_open = True  # centred lines opening the first page are the title, one `#` line
    empty = []
    for number, (height, lines) in enumerate(pages, 1):
        kept = [line for line in lines if not _is_page_number(line, height, number)]
        if not kept:
            empty.append(str(number))
        for page_line, line in enumerate(kept, 1):
            size = line.size or 12
            place = Place(page=number, page_line=page_line, headings=tuple(h for _, h in headings))
            centred = line.x0 > left + 2 * size and line.x1 < right - 2 * size and not line.split
            if title_open and centred:
                out.write("# " if previous is None else "")
                out.write(line.text, place)
                previous = line
                continue
            level = heading_level(line.text)
            starts = (
                previous is None
                or title_open
                or centred
                or level is not None
                or line.x0 > left + 0.8 * size
                or previous.x1 < right - 1.5 * size
                or line.split
                or previous.split
            )
            title_open = False
            if level is not None:
                headings[:] = [item for item in headings if item[0] < level]
                headings.append((level, heading_label(line.text)))
                place = Place(page=number, page_line=page_line, headings=tuple(h for _, h in headings))
            if starts and previous is not None:
                out.write("\n")
            elif previous is not None and _latin(previous.text[-1]) and _latin(line.text[0]):
                out.write(" ")
            out.write(line.text, place)
            previous = line
    out.write("\n")
    if empty:
        notes.append(phrase("pdf_pages_without_text", pages=", ".join(empty)))
    return out.build("pdf", tuple(notes))


def _is_page_number(line: _Line, height: float, page: int) -> bool:
    """A line alone in the top or bottom margin shaped like a page number: 「— 3 —」, 「- 3 -」, 「第 3 页」 —
    or bare digits only when they are this page's number (bare 2884 near the edge is a figure, kept)."""
    in_margin = line.top < _MARGIN * height or line.top > (1 - _MARGIN) * height
    if not in_margin or line.split or not _PAGE_NUMBER.match(line.text):
        return False
    return not line.text.strip().isdigit() or int(line.text.strip()) == page
