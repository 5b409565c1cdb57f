"""Writing the writer's files safely: atomically, never over an input, never two runs at once, and never over an
existing draft without a backup.

Every write goes to a temporary file in the same folder, is flushed to disk, and is renamed into place; if it
fails (a full disk, a read-only folder) the temporary file is removed and a `DraftError` says why — 「磁盘已满」
for a full disk — so the caller can keep what it meant to write and offer it again.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from drafter.errors import DraftError
from drafter.messages import Phrase, phrase

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


def write_error(path: Path, error: OSError) -> DraftError:
    """The writer's message for a file that could not be written."""
    message: Phrase
    if error.errno in _FULL:
        message, hint = phrase("disk_full"), phrase("disk_full_hint")
    elif error.errno == errno.EISDIR:
        message, hint = phrase("output_is_directory"), phrase("output_is_directory_hint")
    elif error.errno in _DENIED:
        message, hint = phrase("output_not_writable", reason=error.strerror), phrase("output_not_writable_hint")
    else:
        message, hint = phrase("write_failed", reason=error.strerror), phrase("output_not_writable_hint")
    return DraftError(message, hint, where=str(path))


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write a file so that a failure leaves the old content whole, and no temporary file behind."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise write_error(path, error) from None


def prepare_output(path: Path) -> None:
    """Before any paid work: the output is not a folder, and its folder exists (it is made if missing) and takes a
    new file. A problem is a `DraftError` now, not after the model has answered."""
    if path.is_dir():
        raise DraftError(phrase("output_is_directory"), phrase("output_is_directory_hint"), where=str(path))
    probe = path.with_name(f".{path.name}.{os.getpid()}.probe")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(probe, "wb") as handle:
            handle.write(b"drafter")
        probe.unlink()
    except OSError as error:
        with contextlib.suppress(OSError):
            probe.unlink()
        raise write_error(path, error) from None


def same_file(one: Path, other: Path) -> bool:
    """Whether two paths name one file: the same path, a link to it, or another spelling of it."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return one.resolve() == other.resolve()


def refuse_inputs_as_outputs(inputs: dict[str, Path], outputs: dict[str, Path]) -> None:
    """No output may be an input (`--out` the facts file replaces the writer's facts), nor another output.
    Keys name the paths as the user gave them, e.g. {"--facts": …}."""
    seen: dict[str, Path] = dict(inputs)
    for name, path in outputs.items():
        for other, taken in seen.items():
            if same_file(path, taken):
                raise DraftError(
                    phrase("output_is_input", output=name, other=other), phrase("output_is_input_hint"), where=str(path)
                )
        seen[name] = path


def lock_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.drafter.lock")


@contextlib.contextmanager
def hold_lock(output: Path, *, wait: bool = False, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """One run at a time on one output. A second run raises a `DraftError` naming the holder (its process and start
    time), or with `wait`, waits for it. The lock is the operating system's, so a run that dies frees it."""
    import fcntl

    path = lock_path(output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 — held until the run ends
    except OSError as error:
        raise write_error(path, error) from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(path)
            if not wait:
                raise DraftError(
                    phrase("draft_locked", holder=holder), phrase("draft_locked_hint"), where=str(output)
                ) from None
            if on_wait is not None:
                on_wait(holder)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()} {socket.gethostname()} {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the lock; the file stays, empty of meaning, for the next run


def _holder(path: Path) -> str:
    """Who holds a lock, as its file says: `pid 1234 @ host, 2026-11-26 10:00:00`."""
    try:
        pid, host, *started = path.read_text(encoding="utf-8").split()
    except (OSError, ValueError):
        return "?"
    return f"pid {pid} @ {host}, {' '.join(started)}"


def backup_path(path: Path) -> Path:
    """The next free numbered backup name: `draft.md.~1~`, `draft.md.~2~`, …"""
    number = 1
    while (candidate := path.with_name(f"{path.name}.~{number}~")).exists():
        number += 1
    return candidate


def replace_keeping_backup(path: Path, text: str | bytes) -> Path | None:
    """Write `text` to `path`; a different existing file is first kept as a numbered backup, which is returned."""
    backup = None
    data = text.encode("utf-8") if isinstance(text, str) else text
    if path.exists():
        with contextlib.suppress(OSError):
            if path.read_bytes() == data:
                return None
        backup = backup_path(path)
        try:
            os.link(path, backup)  # the old draft stays in place until the new one is written whole
        except OSError:
            try:
                backup.write_bytes(path.read_bytes())
            except OSError as error:
                with contextlib.suppress(OSError):
                    backup.unlink()
                raise write_error(backup, error) from None
    try:
        write_atomic(path, data)
    except DraftError:
        if backup is not None:
            with contextlib.suppress(OSError):
                backup.unlink()
        raise
    return backup
