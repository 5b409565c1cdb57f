"""drafter's domain errors. Core code raises these; only the CLI turns them into a message and an exit code.

    DrafterError                 base; never raised itself
    ├── InputError               exit 2: something the user gave is wrong, and they can fix it
    │   ├── FactsError           a facts file is missing, unreadable or malformed (file:line)
    │   ├── DraftError           a draft cannot be read or written
    │   ├── ConfigError          a config file or setting is wrong (file, key)
    │   └── PromptError          an unknown pack, a bad manifest, a template error (template, variable)
    └── ModelError               exit 3: the model could not be reached or failed (names the endpoint)

Every error carries `hint`: what to do about it. No message ever contains an API key.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FIGURES = 1
EXIT_INPUT = 2
EXIT_MODEL = 3


class DrafterError(Exception):
    """Base of every error drafter reports to the user; `hint` says what to do about it."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(DrafterError):
    exit_code = EXIT_INPUT


class FactsError(InputError):
    """A facts file problem, located at `path:line` when a line is to blame."""

    def __init__(self, path: str, line: int | None, message: str, hint: str = "") -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}", hint)
        self.path = path
        self.line = line


class DraftError(InputError):
    pass


class ConfigError(InputError):
    pass


class PromptError(InputError):
    pass


class ModelError(DrafterError):
    """The model failed: unreachable, key rejected, model unknown, stream cut after retries."""

    exit_code = EXIT_MODEL

    def __init__(self, endpoint: str, message: str, hint: str = "", *, retryable: bool = False) -> None:
        super().__init__(f"{endpoint}: {message}", hint)
        self.endpoint = endpoint
        self.retryable = retryable
