"""Running `drafter` in the test's own process, as a shell would: arguments, standard input, environment; its exit
code and what it wrote to standard output and error (as text, and interleaved in `output`)."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    exit_code: int
    stdout: str
    stderr: str
    output: str  # both, in the order they were written


class _Stream(io.TextIOBase):
    """A text stream that keeps what is written, and copies it into the run's interleaved output."""

    def __init__(self, both: list[str]) -> None:
        self.parts: list[str] = []
        self._both = both

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def write(self, text: str) -> int:
        self.parts.append(text)
        self._both.append(text)
        return len(text)

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True

    def value(self) -> str:
        return "".join(self.parts)


class CliRunner:
    def __init__(self, env: dict[str, str] | None = None) -> None:
        self.env = dict(env or {})

    def invoke(
        self,
        app: Callable[[Sequence[str]], int],
        args: Sequence[str],
        input: str | bytes | None = None,
        env: dict[str, str] | None = None,
        catch_exceptions: bool = True,
    ) -> Result:
        """`app(args)` with `input` on standard input; `catch_exceptions=False` lets a bug's traceback through
        (DRAFTER_DEBUG) instead of drafter's one-line message and exit 4."""
        changes = {**self.env, **(env or {})}
        if not catch_exceptions:
            changes["DRAFTER_DEBUG"] = "1"
        saved_env = {name: os.environ.get(name) for name in changes}
        saved_streams = sys.stdin, sys.stdout, sys.stderr
        both: list[str] = []
        out, err = _Stream(both), _Stream(both)
        data = input.encode("utf-8") if isinstance(input, str) else (input or b"")
        try:
            os.environ.update(changes)
            sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
            sys.stdout, sys.stderr = out, err  # type: ignore[assignment]
            code = app([str(arg) for arg in args])
        finally:
            sys.stdin, sys.stdout, sys.stderr = saved_streams
            for name, value in saved_env.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        return Result(code, out.value(), err.value(), "".join(both))
