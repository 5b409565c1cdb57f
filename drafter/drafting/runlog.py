"""Every compose run logged in SQLite (`logs.db` in the user data directory): prompts, responses, model, tokens,
timings and the final report; never the API key. The same table serves `--cache`: an identical request (same
endpoint, model, messages and limits) that finished before is answered from it.

The log is best-effort: a write that fails (a full disk, a locked or damaged database) is reported once through
`on_failure` and every later write is skipped — a log never costs a writer the draft. A run whose process died
without finishing (kill -9, a power cut) is marked `interrupted` the next time the log is opened.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from drafter.config import data_dir
from drafter.drafting.pipeline import DraftListener
from drafter.drafting.requests import CachedAnswer, RequestRecord
from drafter.errors import InputError
from drafter.messages import phrase

SCHEMA_VERSION = 2
SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    facts TEXT NOT NULL,
    kind TEXT NOT NULL,
    model TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    options TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'running',
    exit_code INTEGER,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    seconds REAL,
    report TEXT,
    pid INTEGER,
    host TEXT
);
CREATE TABLE IF NOT EXISTS requests (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    created TEXT NOT NULL,
    section TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    purpose TEXT NOT NULL,
    model TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    messages TEXT NOT NULL,
    response TEXT,
    finish_reason TEXT,
    prompt_tokens INTEGER,
    completion_tokens INTEGER,
    tokens_from TEXT,
    seconds REAL,
    error TEXT,
    cache_key TEXT NOT NULL,
    cached INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS requests_by_cache_key ON requests(cache_key);
CREATE INDEX IF NOT EXISTS requests_by_run ON requests(run_id);
"""
REQUEST_COLUMNS = [field.name for field in fields(RequestRecord)]  # the requests table, past run_id and created
MIGRATIONS = {1: "ALTER TABLE runs ADD COLUMN pid INTEGER; ALTER TABLE runs ADD COLUMN host TEXT;"}


@dataclass(frozen=True, slots=True)
class RunSummary:
    id: int
    started: str
    facts: str
    kind: str
    model: str
    endpoint: str
    status: str
    exit_code: int | None
    prompt_tokens: int
    completion_tokens: int
    seconds: float | None


def default_path() -> Path:
    return data_dir() / "logs.db"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class RunLog:
    """The log database; safe to use from the section threads of one run."""

    def __init__(self, path: Path | None = None, *, on_failure: Callable[[str], None] | None = None) -> None:
        self.path = path or default_path()
        self.failure: str | None = None  # why writing stopped, once a write has failed
        self._on_failure = on_failure
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=10)
            self._db.execute("PRAGMA journal_mode=WAL")
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise InputError(f"{self.path}: written by a newer drafter", "upgrade drafter, or use --no-log")
            if version in MIGRATIONS and self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                self._db.executescript(MIGRATIONS[version])
            self._db.executescript(SCHEMA)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            self._mark_dead_runs()
        except (sqlite3.Error, OSError) as error:
            raise InputError(
                f"{self.path}: cannot open the run log ({error})", "use --no-log to run without it"
            ) from None

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    def _write(self, sql: str, parameters: tuple[Any, ...]) -> int:
        """Run one write; a failure is reported once and turns the log off. Returns the new row's id (0 if none)."""
        with self._lock:
            if self.failure is not None:
                return 0
            try:
                return int(self._db.execute(sql, parameters).lastrowid or 0)
            except sqlite3.Error as error:
                self.failure = reason = str(error)
        if self._on_failure is not None:
            self._on_failure(reason)
        return 0

    def _mark_dead_runs(self) -> None:
        """Runs left `running` by a process of this machine that no longer exists were interrupted."""
        host = socket.gethostname()
        rows = self._db.execute("SELECT id, pid, host FROM runs WHERE status = 'running'").fetchall()
        dead = [run_id for run_id, pid, run_host in rows if run_host in (host, None) and not _alive(pid)]
        for run_id in dead:
            self._db.execute("UPDATE runs SET status = 'interrupted' WHERE id = ? AND status = 'running'", (run_id,))

    def start_run(self, *, facts: str, kind: str, model: str, endpoint: str, options: dict[str, Any]) -> int:
        return self._write(
            """INSERT INTO runs (started, facts, kind, model, endpoint, options, pid, host)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                _now(), facts, kind, model, endpoint, json.dumps(options, ensure_ascii=False), os.getpid(),
                socket.gethostname(),
            ),
        )  # fmt: skip

    def record(self, run_id: int, request: RequestRecord) -> None:
        """Keep one request of a run: every field of the record, in the column of its name."""
        values = [getattr(request, name) for name in REQUEST_COLUMNS]
        values[REQUEST_COLUMNS.index("messages")] = json.dumps(request.messages, ensure_ascii=False)
        values[REQUEST_COLUMNS.index("cached")] = int(request.cached)
        columns = ", ".join(REQUEST_COLUMNS)
        marks = ", ".join("?" * (len(REQUEST_COLUMNS) + 2))
        self._write(f"INSERT INTO requests (run_id, created, {columns}) VALUES ({marks})", (run_id, _now(), *values))

    def listener(self, run_id: int) -> RunLogListener:
        """What the pipeline tells, kept under `run_id`."""
        return RunLogListener(self, run_id)

    def finish_run(
        self,
        run_id: int,
        *,
        status: str,
        exit_code: int,
        prompt_tokens: int,
        completion_tokens: int,
        seconds: float,
        report: dict[str, Any] | None,
    ) -> None:
        self._write(
            """UPDATE runs SET finished = ?, status = ?, exit_code = ?, prompt_tokens = ?,
               completion_tokens = ?, seconds = ?, report = ? WHERE id = ?""",
            (
                _now(), status, exit_code, prompt_tokens, completion_tokens, seconds,
                None if report is None else json.dumps(report, ensure_ascii=False), run_id,
            ),
        )  # fmt: skip

    def cached(self, key: str) -> CachedAnswer | None:
        """A finished, error-free answer to an identical request, if one was ever logged (none once it failed)."""
        with self._lock:
            if self.failure is not None:
                return None
            try:
                row = self._db.execute(
                    """SELECT response, finish_reason FROM requests WHERE cache_key = ? AND error IS NULL
                       AND response IS NOT NULL AND finish_reason = 'stop' ORDER BY id DESC LIMIT 1""",
                    (key,),
                ).fetchone()
            except sqlite3.Error:
                return None
        return CachedAnswer(row[0], row[1]) if row else None

    def runs(self, limit: int = 20) -> list[RunSummary]:
        with self._lock:
            rows = self._db.execute(
                """SELECT id, started, facts, kind, model, endpoint, status, exit_code, prompt_tokens,
                   completion_tokens, seconds FROM runs ORDER BY id DESC LIMIT ?""",
                (limit,),
            ).fetchall()
        return [RunSummary(*row) for row in rows]

    def run(self, run_id: int) -> tuple[RunSummary, list[RequestRecord], dict[str, Any] | None]:
        with self._lock:
            row = self._db.execute(
                """SELECT id, started, facts, kind, model, endpoint, status, exit_code, prompt_tokens,
                   completion_tokens, seconds, report FROM runs WHERE id = ?""",
                (run_id,),
            ).fetchone()
            if row is None:
                raise InputError(phrase("no_run", id=run_id, path=self.path), phrase("no_run_hint"))
            requests = self._db.execute(
                f"SELECT {', '.join(REQUEST_COLUMNS)} FROM requests WHERE run_id = ? ORDER BY id", (run_id,)
            ).fetchall()
        records = []
        for request in requests:
            values = dict(zip(REQUEST_COLUMNS, request, strict=True))
            values["messages"], values["cached"] = json.loads(values["messages"]), bool(values["cached"])
            records.append(RequestRecord(**values))
        return RunSummary(*row[:11]), records, (json.loads(row[11]) if row[11] else None)


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


class RunLogListener(DraftListener):
    """The run log as the pipeline's listener: every request it reports is kept."""

    def __init__(self, log: RunLog, run_id: int) -> None:
        self._log = log
        self._run_id = run_id

    def request_finished(self, record: RequestRecord) -> None:
        self._log.record(self._run_id, record)
