"""Reading a file a writer calls text: UTF-8 (with or without a BOM), UTF-16 with a BOM (Windows Notepad's
"Unicode"), and GB18030/GBK (what Chinese Windows editors save) when the bytes are plausibly Chinese text in it;
or the encoding the writer names. Anything else is named for what it is — a Word or PDF file, binary data — so
the message says what to do rather than "not UTF-8".

GBK is decided safely: bytes that are not UTF-8 are read as GB18030 only when they decode whole and nearly every
character they give is in GB2312's common set. A UTF-8 file with a damaged byte, Big5 or Latin-1 text give
mostly rare characters that way and are refused with the line where decoding stopped.
"""

from __future__ import annotations

import codecs
import io
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
    "list": ("no_list_file", "check_path", "list_is_directory", "list_unreadable"),  # a batch's CSV
}


@dataclass(frozen=True, slots=True)
class Text:
    """A text file's text, and the encoding it was read in ("utf-8", "utf-16", "gb18030", or the one named)."""

    text: str
    encoding: str

    @property
    def note(self) -> Phrase | None:
        """What to tell the writer about how the file was read: only when it was not UTF-8."""
        return None if self.encoding in ("utf-8", "utf-16", "utf-32") else phrase("read_as", encoding=self.encoding)


def read_bytes(path: str | Path, kind: str) -> bytes:
    """The bytes of a file a person gave — `kind` "facts" or "draft"; `-` reads standard input. A missing file,
    a folder or an unreadable one is that kind's error (`FactsError`, `DraftError`)."""
    name = str(path)
    missing, missing_hint, folder, unreadable = _CANNOT_READ[kind]
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        _fail(kind, name, phrase(missing), phrase(missing_hint))
    except IsADirectoryError:
        _fail(kind, name, phrase(folder))
    except OSError as error:
        _fail(kind, name, phrase(unreadable, reason=error.strerror))


def _fail(kind: str, name: str, message: Phrase, hint: Phrase | str = "", line: int | None = None) -> NoReturn:
    name = "standard input" if name == "-" else name
    if kind == "facts":
        raise FactsError(name, line, message, hint)
    raise DraftError(message, hint, where=f"{name}:{line}" if line else name)


def read_text(path: str | Path, kind: str, encoding: str | None = None) -> Text:
    """The text of a file a person gave — `kind` "facts" or "draft"; `-` reads standard input; `encoding` forces
    one. Every problem is that kind's error (`FactsError`, `DraftError`) naming the file, and the line where it
    stops being text."""
    return text_of(read_bytes(path, kind), str(path), kind, encoding)


def text_of(data: bytes, name: str, kind: str, encoding: str | None = None) -> Text:
    """`data` as text (see `read_text`)."""
    text = decode(data, encoding)
    if isinstance(text, NotText):
        hint = text.hint
        if kind == "draft" and isinstance(hint, Phrase) and hint.key == "file_binary_hint":
            hint = phrase("draft_binary_hint")  # a draft may also be Word or PDF
        _fail(kind, name, text.problem, hint, text.line)
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


def decode(data: bytes, encoding: str | None = None) -> Text | NotText:
    """The text in `data` (in `encoding` when one is named), or why there is none."""
    if encoding is not None:
        return _decode_as(data, encoding)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Text(data.decode(name), name)
            except UnicodeDecodeError as error:
                return NotText(phrase("not_utf16"), phrase("not_utf8_hint"), _line(data, error.start, name))
    kind = container(data)
    if kind is not None:
        return NotText(phrase(f"file_{kind}"), phrase(f"file_{kind}_hint"))
    try:
        return Text(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        if b"\x00" in data[:8192]:
            return NotText(phrase("file_binary"), phrase("file_binary_hint"))
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            return NotText(phrase("not_utf8"), phrase("encoding_hint"), line)
        if not plausibly_chinese(text):
            return NotText(phrase("not_utf8"), phrase("encoding_hint"), line)
        return Text(text, "gb18030")


def _decode_as(data: bytes, encoding: str) -> Text | NotText:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return NotText(phrase("unknown_encoding", encoding=encoding), phrase("unknown_encoding_hint"))
    try:
        text = data.decode("utf-8-sig" if name == "utf-8" else name)
    except UnicodeDecodeError as error:
        return NotText(phrase("not_in_encoding", encoding=encoding), phrase("encoding_hint"),
                       data[: error.start].count(b"\n") + 1)  # fmt: skip
    return Text(text, "utf-8" if name == "utf-8" else encoding)


def plausibly_chinese(text: str) -> bool:
    """Does GB18030-decoded text read as Chinese? Nearly every character beyond ASCII is in GB2312 (the 6,763
    common characters and the full-width punctuation), and there are no control characters."""
    wide = [char for char in text if ord(char) > 0x7F]
    if not wide or any(ord(char) < 0x20 and char not in "\t\r\n\f" for char in text):
        return False
    common = sum(1 for char in wide if _in_gb2312(char))
    return common >= 0.95 * len(wide)


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def container(data: bytes) -> str | None:
    """'docx', 'xlsx', 'zip', 'pdf', 'doc' (old Office, WPS), 'encrypted' (an Office file with a password) or
    'rtf' when the bytes are such a file. A zip is told by its own list of names, not by its first bytes."""
    if data.startswith(b"PK\x03\x04"):
        import zipfile  # (here: a text draft is checked without it)

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                names = package.namelist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            head = data[:65536]  # a damaged zip: judged by what its head names
            return "docx" if b"word/" in head else "xlsx" if b"xl/" in head else "zip"
        return "docx" if any(n.startswith("word/") for n in names) else "xlsx" if any(
            n.startswith("xl/") for n in names) else "zip"  # fmt: skip
    kind = next((kind for magic, kind in _CONTAINERS if data.startswith(magic)), None)
    if kind == "doc" and "EncryptedPackage".encode("utf-16-le") in data[: 1 << 20]:
        return "encrypted"  # Word 2007+ with a password is an OLE file holding the encrypted package
    return kind


def best_guess(data: bytes) -> str:
    """The text as well as it can be read (for judging a message's language, never for checking): decoded, else
    as GBK, else the UTF-8 that is whole in it; nothing for a binary file."""
    text = decode(data)
    if isinstance(text, Text):
        return text.text
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
