"""What a compose run keeps between runs: each finished section, so that running again after a failure or an
interruption re-drafts only what is missing. Stored beside the draft as `.NAME.drafter.json`: a journal, one
JSON line a finished section after a header line — written whole (atomically) at a run's first section, with what
is kept from before, then appended to, one line a section (a run's cost stays linear in its sections). A line cut
short by a crash is skipped when read. (Version 1, one JSON document rewritten after every section, is still read.)

A section is reused only when its fingerprint matches: the same pack (and its templates), model, options,
heading and facts. Change any of them, or pass `--fresh`, and it is drafted again. A state file that was edited
by hand or damaged is read for what in it is still whole; the rest is drafted again.

Saving is best-effort: when the state cannot be written (a full disk) the sections stay in memory for this run,
`failure` says why, and the draft itself is still written.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from drafter.documents.files import write_atomic, write_error
from drafter.errors import DraftError

STATE_VERSION = 2


@dataclass(frozen=True, slots=True)
class SavedSection:
    text: str
    ok: bool
    attempts: int
    prompt_tokens: int
    completion_tokens: int


def state_path(draft: Path) -> Path:
    return draft.with_name(f".{draft.name}.drafter.json")


def fingerprint(*parts: object) -> str:
    payload = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


class SectionStore:
    """Finished sections by fingerprint; thread-safe, saved after every change."""

    def __init__(self, path: Path, *, fresh: bool = False) -> None:
        self.path = path
        self.failure: DraftError | None = None
        self._lock = threading.Lock()
        self._sections: dict[str, dict[str, Any]] = {} if fresh else read_state(path)
        self._started = False  # the journal is written whole once a run, then appended to

    def get(self, key: str) -> SavedSection | None:
        with self._lock:
            entry = self._sections.get(key)
        return _saved(entry)

    def put(self, key: str, section: SavedSection) -> None:
        with self._lock:
            self._sections[key] = asdict(section)
            try:
                if not self._started:
                    lines = [_line(name, entry) for name, entry in self._sections.items()]
                    write_atomic(self.path, "".join([json.dumps({"version": STATE_VERSION}) + "\n", *lines]))
                    self._started = True
                else:
                    with open(self.path, "a", encoding="utf-8") as journal:
                        journal.write(_line(key, self._sections[key]))
            except DraftError as error:
                self.failure = error
            except OSError as error:
                self.failure = write_error(self.path, error)


def read_state(path: Path) -> dict[str, dict[str, Any]]:
    """The sections a state file holds (a damaged or foreign file holds none; a cut line is skipped)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return {}  # no state, or not text: draft everything again
    lines = text.splitlines()
    try:
        header = json.loads(lines[0]) if lines else None
    except (ValueError, RecursionError):
        header = None
    if isinstance(header, dict) and header.get("version") == 1:  # the whole document of version 1
        whole = header.get("sections")
        return whole if isinstance(whole, dict) else {}
    if not isinstance(header, dict) or header.get("version") != STATE_VERSION:
        return {}
    sections: dict[str, dict[str, Any]] = {}
    for line in lines[1:]:
        try:
            entry = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(entry, dict) and isinstance(entry.get("key"), str) and isinstance(entry.get("section"), dict):
            sections[entry["key"]] = entry["section"]
    return sections


def _line(key: str, entry: dict[str, Any]) -> str:
    return json.dumps({"key": key, "section": entry}, ensure_ascii=False) + "\n"


_FIELDS = {"text": str, "ok": bool, "attempts": int, "prompt_tokens": int, "completion_tokens": int}


def _saved(entry: object) -> SavedSection | None:
    """A saved section, if the entry is one: every field present, of its type (a hand-edited file may differ)."""
    if not isinstance(entry, dict) or set(entry) != set(_FIELDS):
        return None
    for name, kind in _FIELDS.items():
        value = entry[name]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            return None
    return SavedSection(**entry)
