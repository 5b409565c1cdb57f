"""Reading a file a writer calls text: UTF-8 (with or without a BOM) or UTF-16 with a BOM (Windows Notepad's
"Unicode") is read; anything else is named for what it is — a Word or PDF file, GBK text, binary data — so the
message says what to do rather than "not UTF-8".
"""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from drafter.errors import DraftError, FactsError
from drafter.messages import Phrase, phrase

# What each kind of file is called when it cannot be read: missing (and its hint), a folder, unreadable.
_CANNOT_READ = {
    "facts": ("no_facts_file", "no_facts_file_hint", "facts_is_directory", "facts_unreadable"),
    "draft": ("no_draft_file", "check_path", "draft_is_directory", "draft_unreadable"),
}


def read_text(path: str | Path, kind: str) -> str:
    """The text of a file a person gave — `kind` "facts" or "draft"; `-` reads standard input. Every problem is
    that kind's error (`FactsError`, `DraftError`) naming the file, and the line where it stops being text."""
    name = str(path)
    missing, missing_hint, folder, unreadable = _CANNOT_READ[kind]

    def fail(message: Phrase, hint: Phrase | str = "", line: int | None = None) -> NoReturn:
        if kind == "facts":
            raise FactsError(name, line, message, hint)
        raise DraftError(message, hint, where=f"{name}:{line}" if line else name)

    if name == "-":
        name = "standard input"
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            fail(phrase(missing), phrase(missing_hint))
        except IsADirectoryError:
            fail(phrase(folder))
        except OSError as error:
            fail(phrase(unreadable, reason=error.strerror))
    text = decode(data)
    if isinstance(text, NotText):
        fail(text.problem, text.hint, text.line)
    return text


@dataclass(frozen=True, slots=True)
class NotText:
    """Why bytes are not text drafter reads, what to do, and the line where decoding failed (when it is text)."""

    problem: Phrase
    hint: Phrase
    line: int | None = None


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
_CONTAINERS = ((b"%PDF", "pdf"), (b"\xd0\xcf\x11\xe0", "doc"), (b"{\\rtf", "rtf"))


def decode(data: bytes) -> str | NotText:
    """The text in `data`, or why there is none."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                return NotText(phrase("not_utf16"), phrase("not_utf8_hint"), _line(data, error.start, encoding))
    kind = container(data)
    if kind is not None:
        return NotText(phrase(f"file_{kind}"), phrase(f"file_{kind}_hint"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        if b"\x00" in data[:8192]:
            return NotText(phrase("file_binary"), phrase("file_binary_hint"))
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            return NotText(phrase("not_utf8"), phrase("not_utf8_hint"), line)
        return NotText(phrase("file_gbk"), phrase("file_gbk_hint"), line)


def container(data: bytes) -> str | None:
    """'docx', 'xlsx', 'zip', 'pdf', 'doc' (old Office, WPS) or 'rtf' when the bytes are such a file."""
    if data.startswith(b"PK\x03\x04"):
        head = data[:65536]
        return "docx" if b"word/" in head else "xlsx" if b"xl/" in head else "zip"
    return next((kind for magic, kind in _CONTAINERS if data.startswith(magic)), None)


def best_guess(data: bytes) -> str:
    """The text as well as it can be read (for judging a message's language, never for checking): decoded, else
    as GBK, else the UTF-8 that is whole in it; nothing for a binary file."""
    text = decode(data)
    if isinstance(text, str):
        return text
    if b"\x00" in data[:8192] or container(data):
        return ""
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="ignore")


def _line(data: bytes, offset: int, encoding: str) -> int:
    return data[:offset].decode(encoding, errors="replace").count("\n") + 1


def language_of_file(path: str) -> str | None:
    """The language of a file's text as well as it can be read (its first 64 KB), or None without text."""
    from drafter.messages import language_of

    try:
        with open(path, "rb") as handle:
            head = handle.read(65536)
    except OSError:
        return None
    if len(head) == 65536:
        head = head.rpartition(b"\n")[0] or head  # whole lines: no character cut in half
    text = best_guess(head)
    return language_of(text) if text.strip() else None
