"""Reading a GGUF file's metadata (what `drafter doctor` reports about a local model): the key-value header that
precedes the tensors. Only the values asked for are decoded; everything else, the vocabulary included, is skipped.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any, BinaryIO

_SCALARS = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}
_STRING, _ARRAY = 8, 9


class GGUFError(ValueError):
    pass


def read_metadata(path: str | Path, wanted: set[str]) -> dict[str, Any]:
    """The metadata values named in `wanted` that the file holds."""
    with Path(path).open("rb") as stream:
        if stream.read(4) != b"GGUF":
            raise GGUFError("not a GGUF file")
        version = _unpack(stream, "I")
        if version < 2:
            raise GGUFError(f"GGUF version {version} is too old")
        _unpack(stream, "Q")  # tensor count
        count = _unpack(stream, "Q")
        found: dict[str, Any] = {}
        for _ in range(count):
            key = _string(stream)
            kind = _unpack(stream, "I")
            if key in wanted:
                found[key] = _value(stream, kind)
                if len(found) == len(wanted):
                    break
            else:
                _skip(stream, kind)
        return found


def _unpack(stream: BinaryIO, code: str) -> Any:
    size = struct.calcsize("<" + code)
    data = stream.read(size)
    if len(data) != size:
        raise GGUFError("the file ends inside its metadata")
    return struct.unpack("<" + code, data)[0]


def _string(stream: BinaryIO) -> str:
    length = _unpack(stream, "Q")
    if length > 1 << 26:
        raise GGUFError("a metadata string is implausibly long")
    return stream.read(length).decode("utf-8", errors="replace")


def _value(stream: BinaryIO, kind: int) -> Any:
    if kind == _STRING:
        return _string(stream)
    if kind == _ARRAY:
        item, count = _unpack(stream, "I"), _unpack(stream, "Q")
        return [_value(stream, item) for _ in range(count)]
    if kind in _SCALARS:
        return _unpack(stream, _SCALARS[kind])
    raise GGUFError(f"unknown metadata type {kind}")


def _skip(stream: BinaryIO, kind: int) -> None:
    if kind == _STRING:
        stream.seek(_unpack(stream, "Q"), 1)
    elif kind == _ARRAY:
        item, count = _unpack(stream, "I"), _unpack(stream, "Q")
        if item in _SCALARS:
            stream.seek(struct.calcsize("<" + _SCALARS[item]) * count, 1)
        else:
            for _ in range(count):
                _skip(stream, item)
    elif kind in _SCALARS:
        stream.seek(struct.calcsize("<" + _SCALARS[kind]), 1)
    else:
        raise GGUFError(f"unknown metadata type {kind}")
