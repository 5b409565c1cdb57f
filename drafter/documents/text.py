"""Reading a file a writer calls text: UTF-8 (with or without a BOM) or UTF-16 with a BOM (Windows Notepad's
"Unicode") is read; anything else is named for what it is — a Word or PDF file, GBK text, binary data — so the
message says what to do rather than "not UTF-8".
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from drafter.messages import Phrase, phrase


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
    from pathlib import Path

    from drafter.messages import language_of

    try:
        text = best_guess(Path(path).read_bytes()[:65536].rpartition(b"\n")[0] or Path(path).read_bytes()[:65536])
    except OSError:
        return None
    return language_of(text) if text.strip() else None
