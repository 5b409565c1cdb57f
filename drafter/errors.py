"""drafter's domain errors. Core code raises these; only the CLI turns them into a message and an exit code.

    DrafterError                 base; never raised itself
    ├── InputError               exit 2: something the user gave is wrong, and they can fix it
    │   ├── FactsError           a facts file is missing, unreadable or malformed (file:line)
    │   ├── DraftError           a draft cannot be read or written
    │   ├── ConfigError          a config file or setting is wrong (file, key)
    │   ├── UsageError           the command line itself is wrong (an unknown option, a missing value)
    │   └── PromptError          an unknown pack, a bad manifest, a template error (template, variable)
    └── ModelError               exit 3: the model could not be reached or failed (names the endpoint)
        └── ContextOverflow      a request does not fit the model's context window (`window`, when known)

Every error carries `hint`: what to do about it. Messages are `Phrase`s where a writer may meet them, so the
CLI can say them in the writer's language (`localized`); `message` and `hint` are the English text. No message
ever contains an API key.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from drafter.messages import Phrase

# Every exit code drafter gives, in one place; only the CLI turns errors into them.
EXIT_OK = 0
EXIT_FIGURES = 1  # figures wrong (the draft is written, marked), and only that
EXIT_INPUT = 2  # something the user gave is wrong, or a folder cannot be written
EXIT_MODEL = 3  # the model could not be reached or failed
EXIT_BUG = 4  # a bug in drafter: one line, and DRAFTER_DEBUG=1 for the traceback
EXIT_HANGUP = 129  # the terminal closed (SIGHUP)
EXIT_INTERRUPTED = 130  # Ctrl-C
EXIT_TERMINATED = 143  # SIGTERM


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP: drafter stops as it does on Ctrl-C (what is finished is saved), with the signal's code.

    A `KeyboardInterrupt`, so every place that handles Ctrl-C handles these too; `exit_code` says which it was."""

    def __init__(self, exit_code: int) -> None:
        super().__init__(exit_code)
        self.exit_code = exit_code


def stop_code(stop: KeyboardInterrupt) -> int:
    """The exit code of an interruption: Ctrl-C's 130, or the signal's."""
    return stop.exit_code if isinstance(stop, Stopped) else EXIT_INTERRUPTED


class DrafterError(Exception):
    """Base of every error drafter reports to the user; `hint` says what to do about it."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str | Phrase, hint: str | Phrase = "", *, where: str = "") -> None:
        self._message = message
        self._hint = hint
        self.where = where
        self.language: str | None = None  # the language of whoever it is told to, once known (the facts')
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.localized("en")[0]

    @property
    def hint(self) -> str:
        return self.localized("en")[1]

    def phrases(self, *, located: bool = True) -> tuple[Phrase | str, Phrase | str]:
        """The message (with where it happened, unless not `located`) and the hint, not yet in a language."""
        if located and self.where:
            return Phrase("located", {"where": self.where, "message": self._message}), self._hint
        return self._message, self._hint

    def localized(self, language: str) -> tuple[str, str]:
        """The message (with where it happened) and the hint, in `language` where they are phrases."""
        message, hint = (
            part.text(language) if isinstance(part, Phrase) else part for part in (self._message, self._hint)
        )
        return (f"{self.where}: {message}" if self.where else message), hint


@contextlib.contextmanager
def speaking(language: str) -> Iterator[None]:
    """Errors raised inside are to be said in `language` (the facts', once they are read), unless they know
    better already."""
    try:
        yield
    except DrafterError as error:
        error.language = error.language or language
        raise


class InputError(DrafterError):
    exit_code = EXIT_INPUT


class FactsError(InputError):
    """A facts file problem, located at `path:line` when a line is to blame."""

    def __init__(self, path: str, line: int | None, message: str | Phrase, hint: str | Phrase = "") -> None:
        super().__init__(message, hint, where=f"{path}:{line}" if line else path)
        self.path = path
        self.line = line


class DraftError(InputError):
    """A draft (or another output) cannot be read or written. `unsaved` holds text that could not be written, so
    the CLI can still give it to the writer."""

    unsaved: str | None = None


class ConfigError(InputError):
    pass


class PromptError(InputError):
    pass


class UsageError(InputError):
    pass


class ModelError(DrafterError):
    """The model failed: unreachable, key rejected, model unknown, stream cut after retries."""

    exit_code = EXIT_MODEL

    def __init__(self, endpoint: str, message: str | Phrase, hint: str | Phrase = "") -> None:
        super().__init__(message, hint, where=endpoint)
        self.endpoint = endpoint


class ContextOverflow(ModelError):
    """A request does not fit the model's context: the endpoint said so (with its window, when it names one), or
    drafter knows the window and the prompt alone would fill it."""

    def __init__(self, endpoint: str, message: str | Phrase, hint: str | Phrase = "", *, window: int | None) -> None:
        super().__init__(endpoint, message, hint)
        self.window = window


# How a compose run ended, and its exit code: the run log records both, the CLI exits with the code.
RUN_EXIT_CODES = {"ok": EXIT_OK, "figures wrong": EXIT_FIGURES, "model failed": EXIT_MODEL}


def run_exit_code(status: str, error: BaseException | None = None) -> int:
    """The exit code of a run that ended with `status`, or that `error` stopped (interrupted, failed, crashed)."""
    if isinstance(error, KeyboardInterrupt):
        return stop_code(error)
    if isinstance(error, DrafterError):
        return error.exit_code
    if error is not None:
        return EXIT_BUG
    return RUN_EXIT_CODES[status]
