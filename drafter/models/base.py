"""The one-method model interface: `execute(messages) -> Completion`, streaming text to a listener."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from drafter.messages import Phrase

Message = dict[str, str]

OPENAI_URL = "https://api.openai.com/v1"  # where a named OpenAI model goes when no base_url is set


@dataclass(frozen=True, slots=True)
class Policy:
    """How requests are made: patience, retries, sampling, streaming, and (llama.cpp only) a repeat penalty and
    the strings that end an answer."""

    timeout: float = 60.0
    retries: int = 2
    backoff: float = 1.0
    temperature: float | None = 0.3
    stream: bool = True
    repeat_penalty: float | None = None
    stop: tuple[str, ...] = ()


DEFAULT_POLICY = Policy()


@dataclass(frozen=True, slots=True)
class Completion:
    """A model's answer, and what it cost."""

    text: str
    finish_reason: str | None  # "stop", "length", …
    prompt_tokens: int | None = None  # from the API's usage; None when the endpoint gave none
    completion_tokens: int | None = None
    seconds: float = 0.0

    @property
    def truncated(self) -> bool:
        return self.finish_reason == "length"


class Listener:
    """Hears a request as it goes: streamed text, and retries (the text so far is then void). This one hears
    nothing; listeners that want to hear override what they need."""

    def text(self, delta: str) -> None:
        pass

    def retry(self, reason: Phrase, wait: float) -> None:
        pass


class Model(Protocol):
    name: str  # the model as the endpoint knows it
    endpoint: str  # where requests go, for messages: a base URL, "offline", "local:PATH"
    offline: bool  # True: no model; the pipeline renders the pack's offline template instead of asking
    context_window: int | None  # tokens of prompt + answer it takes, when known (learned from an overflow)

    def execute(self, messages: list[Message], *, max_tokens: int | None, listener: Listener) -> Completion: ...

    def close(self) -> None: ...
