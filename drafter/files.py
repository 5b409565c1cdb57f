"""Writing the writer's files safely: atomically, and never over an existing draft without a backup."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that a crash leaves either the old content or the new, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with open(partial, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def backup_path(path: Path) -> Path:
    """The next free numbered backup name: `draft.md.~1~`, `draft.md.~2~`, …"""
    number = 1
    while (candidate := path.with_name(f"{path.name}.~{number}~")).exists():
        number += 1
    return candidate


def replace_keeping_backup(path: Path, text: str) -> Path | None:
    """Write `text` to `path`; a different existing file is first kept as a numbered backup, which is returned."""
    backup = None
    if path.exists():
        if path.read_text(encoding="utf-8", errors="replace") == text:
            return None
        backup = backup_path(path)
        os.replace(path, backup)
    write_atomic(path, text)
    return backup
