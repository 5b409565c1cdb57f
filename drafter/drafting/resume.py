"""What a compose run keeps between runs: each finished section, so that running again after a failure or an
interruption re-drafts only what is missing. Stored beside the draft as `.NAME.drafter.json`, written
atomically after every section.

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

from drafter.documents.files import write_atomic
from drafter.errors import DraftError

STATE_VERSION = 1


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
        self._sections: dict[str, dict[str, Any]] = {} if fresh else self._load()

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return {}  # no state, or a damaged one: draft everything again
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            return {}
        sections = data.get("sections")
        return sections if isinstance(sections, dict) else {}

    def get(self, key: str) -> SavedSection | None:
        with self._lock:
            entry = self._sections.get(key)
        return _saved(entry)

    def put(self, key: str, section: SavedSection) -> None:
        with self._lock:
            self._sections[key] = asdict(section)
            payload = json.dumps({"version": STATE_VERSION, "sections": self._sections}, ensure_ascii=False)
            try:
                write_atomic(self.path, payload)
            except DraftError as error:
                self.failure = error


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
