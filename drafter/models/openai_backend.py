"""The `openai` backend: Chat Completions through the openai SDK, against any OpenAI-compatible endpoint
(OpenAI, DeepSeek, Qwen/DashScope, Moonshot, vLLM, Ollama, llama.cpp).

One retry policy, ours: the SDK's own retries are off (`max_retries=0`). 429, 5xx, timeouts, refused
connections and streams cut before their end are retried with exponential backoff (honouring Retry-After);
a rejected key, an unknown model or a bad request are not. Parameters an endpoint refuses (`stream_options`,
`max_tokens`, `temperature`) are adapted once and remembered.
"""

from __future__ import annotations

import functools
import json
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from drafter.errors import ContextOverflow, ModelError
from drafter.messages import Phrase, phrase
from drafter.models.base import DEFAULT_POLICY, OPENAI_URL, Completion, Listener, Message, Policy

if TYPE_CHECKING:
    import openai

MAX_RETRY_AFTER = 60.0
T = TypeVar("T")


class _Retryable(Exception):
    def __init__(self, reason: Phrase, wait: float | None = None) -> None:
        super().__init__(str(reason))
        self.reason = reason
        self.wait = wait


class OpenAIModel:
    offline = False

    def __init__(
        self,
        name: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        policy: Policy = DEFAULT_POLICY,
        context_window: int | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        import openai

        self.name = name
        self.context_window = context_window
        self.endpoint = (base_url or OPENAI_URL).rstrip("/")
        self._key = api_key or ""
        self._client = openai.OpenAI(
            api_key=api_key or "no-key",  # local servers want none, the SDK wants one
            base_url=self.endpoint,
            timeout=openai.Timeout(policy.timeout, connect=min(policy.timeout, 10.0)),
            max_retries=0,
        )
        self._timeout = policy.timeout
        self._retries = policy.retries
        self._backoff = policy.backoff
        self._sleep = sleep
        self._params: dict[str, Any] = {} if policy.temperature is None else {"temperature": policy.temperature}
        if policy.stop:
            self._params["stop"] = list(policy.stop)
        if policy.repeat_penalty is not None:  # llama.cpp's own sampling parameters
            self._params["extra_body"] = {"repeat_penalty": policy.repeat_penalty, "repeat_last_n": 128}
        self._stream = policy.stream
        self._stream_usage = True
        self._token_param = "max_tokens"

    def execute(self, messages: list[Message], *, max_tokens: int | None, listener: Listener) -> Completion:
        started = time.monotonic()
        completion = self._with_retries(lambda: self._request(messages, max_tokens, listener), listener)
        return Completion(
            completion.text,
            completion.finish_reason,
            completion.prompt_tokens,
            completion.completion_tokens,
            time.monotonic() - started,
        )

    def _with_retries(self, request: Callable[[], T], listener: Listener) -> T:
        """The one retry policy: exponential backoff from `backoff` seconds, or what Retry-After says."""
        attempt = 0
        while True:
            attempt += 1
            try:
                return request()
            except _Retryable as problem:
                if attempt > self._retries:
                    gave_up = (
                        phrase("gave_up", reason=problem.reason, attempts=attempt)
                        if attempt > 1
                        else phrase("gave_up_once", reason=problem.reason)
                    )
                    raise ModelError(self.endpoint, gave_up, phrase("gave_up_hint")) from None
                wait = problem.wait if problem.wait is not None else self._backoff * 2 ** (attempt - 1)
                listener.retry(problem.reason, wait)
                self._sleep(wait)

    def close(self) -> None:
        self._client.close()

    @property
    def stream_usage(self) -> bool:
        """False once the endpoint has refused `stream_options` (usage is then counted with tiktoken)."""
        return self._stream_usage

    def list_models(self) -> list[str]:
        """The models the endpoint lists (for `drafter doctor`)."""
        return self._with_retries(
            lambda: self._call(lambda: [model.id for model in self._client.models.list()]), Listener()
        )

    def _request(self, messages: list[Message], max_tokens: int | None, listener: Listener) -> Completion:
        while True:
            kwargs: dict[str, Any] = {"model": self.name, "messages": messages, **self._params}
            if max_tokens:
                kwargs[self._token_param] = max_tokens
            send = self._streamed if self._stream else self._whole
            try:
                return self._call(functools.partial(send, kwargs, listener))
            except _Refused as refused:
                overflow = _context_overflow(refused.message)
                if overflow is not None:
                    window = overflow or self.context_window
                    self.context_window = window
                    overflowed = phrase("context_overflow", window=window or "?")
                    hint = phrase("context_overflow_hint")
                    raise ContextOverflow(self.endpoint, overflowed, hint, window=window) from None
                if not self._adapt(refused.message):
                    refusal = phrase("request_refused", detail=refused.message)
                    raise ModelError(self.endpoint, refusal, phrase("request_refused_hint")) from None

    def _adapt(self, message: str) -> bool:
        """Drop or rename a parameter the endpoint refused; False when there is nothing left to adapt."""
        lowered = message.lower()
        if self._stream and self._stream_usage and "stream_options" in lowered:
            self._stream_usage = False
        elif self._token_param == "max_tokens" and "max_tokens" in lowered and "max_completion_tokens" in lowered:
            self._token_param = "max_completion_tokens"
        elif "temperature" in lowered and "temperature" in self._params:
            del self._params["temperature"]
        elif self._stream and "stream" in lowered and "support" in lowered:
            self._stream = False
        else:
            return False
        return True

    def _streamed(self, kwargs: dict[str, Any], listener: Listener) -> Completion:
        if self._stream_usage:
            kwargs["stream_options"] = {"include_usage": True}
        parts: list[str] = []
        size = 0
        cap = _answer_cap(kwargs.get(self._token_param))
        finish: str | None = None
        usage = None
        deadline = time.monotonic() + self._timeout
        with self._client.chat.completions.create(**kwargs, stream=True) as stream:
            for chunk in stream:
                if time.monotonic() > deadline:  # a trickle: each read in time, the whole far too slow
                    raise _Retryable(phrase("retry_deadline", seconds=f"{self._timeout:g}"))
                if chunk.usage is not None:
                    usage = chunk.usage
                for choice in chunk.choices:
                    delta = choice.delta.content if choice.delta else None
                    if delta:
                        parts.append(delta)
                        size += len(delta)
                        listener.text(delta)
                    if choice.finish_reason:
                        finish = choice.finish_reason
                if size > cap:
                    finish = "length"  # far past its budget: an endpoint ignoring max_tokens
                    break
        if finish is None:
            raise _Retryable(phrase("retry_cut"))
        return Completion(
            "".join(parts),
            finish,
            usage.prompt_tokens if usage else None,
            usage.completion_tokens if usage else None,
        )

    def _whole(self, kwargs: dict[str, Any], listener: Listener) -> Completion:
        response = self._client.chat.completions.create(**kwargs)
        if not response.choices:
            raise _Retryable(phrase("retry_no_choices"))
        choice = response.choices[0]
        text = choice.message.content or ""
        finish = choice.finish_reason
        cap = _answer_cap(kwargs.get(self._token_param))
        if len(text) > cap:
            text, finish = text[:cap], "length"  # far past its budget: an endpoint ignoring max_tokens
        listener.text(text)
        usage = response.usage
        return Completion(
            text,
            finish,
            usage.prompt_tokens if usage else None,
            usage.completion_tokens if usage else None,
        )

    def _call(self, request: Callable[[], T]) -> T:
        """Run one HTTP exchange, sorting the SDK's errors into retryable, refused and fatal."""
        import openai

        try:
            return request()
        except (json.JSONDecodeError, UnicodeDecodeError) as error:  # a reply that is not JSON, or not UTF-8
            raise _Retryable(phrase("retry_bad_reply", detail=self._scrub(type(error).__name__))) from None
        except openai.APIResponseValidationError as error:
            raise _Retryable(phrase("retry_bad_reply", detail=self._scrub(str(error)[:200]))) from None
        except openai.APITimeoutError:
            raise _Retryable(phrase("retry_timeout", seconds=f"{self._timeout:g}")) from None
        except openai.APIConnectionError as error:
            cause = error.__cause__
            if cause is not None and "protocol" in type(cause).__name__.lower():
                raise _Retryable(phrase("retry_not_http", detail=self._scrub(str(cause)))) from None
            raise _Retryable(phrase("retry_connect", detail=self._scrub(str(cause or error)))) from None
        except openai.AuthenticationError:
            raise ModelError(self.endpoint, phrase("key_rejected"), phrase("key_rejected_hint")) from None
        except openai.PermissionDeniedError as error:
            denied = phrase("access_denied", detail=self._detail(error))
            raise ModelError(self.endpoint, denied, phrase("access_denied_hint")) from None
        except openai.NotFoundError as error:
            missing = phrase("model_not_found", model=self.name, detail=self._detail(error))
            raise ModelError(self.endpoint, missing, phrase("model_not_found_hint")) from None
        except openai.RateLimitError as error:
            raise _Retryable(phrase("retry_rate", detail=self._detail(error)), _retry_after(error)) from None
        except openai.InternalServerError as error:
            reason = phrase("retry_server", status=error.status_code, detail=self._detail(error))
            raise _Retryable(reason, _retry_after(error)) from None
        except (openai.BadRequestError, openai.UnprocessableEntityError) as error:
            raise _Refused(self._detail(error)) from None
        except openai.APIStatusError as error:
            failed = phrase("http_error", status=error.status_code, detail=self._detail(error))
            raise ModelError(self.endpoint, failed) from None
        except openai.APIError as error:  # an error event inside a stream
            raise _Retryable(phrase("retry_stream_error", detail=self._scrub(error.message))) from None

    def _detail(self, error: openai.APIStatusError) -> str:
        body = error.body
        message = body.get("message") if isinstance(body, dict) else None
        if isinstance(body, dict) and isinstance(body.get("error"), dict):
            message = body["error"].get("message")
        text = str(message or error.message or "")
        return self._scrub(" ".join(text.split())[:300])

    def _scrub(self, text: str) -> str:
        """Keys never appear in a message, even when an endpoint echoes one back (`scrub`)."""
        return scrub(text, self._key)


_CONTEXT_WORDS = re.compile(
    r"context (?:length|size|window)|maximum context|too many tokens|prompt is too long|exceeds? the (?:available )?"
    r"context|n_ctx|context_length_exceeded",
    re.IGNORECASE,
)
_WINDOW_NUMBER = re.compile(r"(?:context (?:length|size|window)|n_ctx|maximum)[^0-9]{0,40}?(\d{3,7})", re.IGNORECASE)


def _context_overflow(message: str) -> int | None:
    """0 when `message` says a request exceeds the context without naming its size, the size when it does, None
    when it is about something else."""
    if not _CONTEXT_WORDS.search(message):
        return None
    size = _WINDOW_NUMBER.search(message)
    return int(size[1]) if size else 0


class _Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# An answer far past its token budget (an endpoint ignoring max_tokens) is cut: characters per token allowed.
ANSWER_CHARS_PER_TOKEN = 8
ANSWER_CAP_WITHOUT_BUDGET = 200_000


def _answer_cap(max_tokens: object) -> int:
    return max_tokens * ANSWER_CHARS_PER_TOKEN if isinstance(max_tokens, int) else ANSWER_CAP_WITHOUT_BUDGET


def scrub(text: str, secret: str) -> str:
    """`text` without `secret` in any rendering a message, log or file could hold: as is, escaped as Python or
    JSON escape it, and URL-encoded."""
    if len(secret) < 6:
        return text
    from urllib.parse import quote, quote_plus

    renderings = {secret, repr(secret)[1:-1], json.dumps(secret)[1:-1], quote(secret, safe=""), quote_plus(secret)}
    renderings |= {rendering.encode("unicode_escape").decode("ascii") for rendering in list(renderings)}
    for rendering in sorted(renderings, key=len, reverse=True):
        text = text.replace(rendering, "***")
    return text


def _retry_after(error: openai.APIStatusError) -> float | None:
    value = error.response.headers.get("retry-after") if error.response is not None else None
    try:
        return min(float(value), MAX_RETRY_AFTER) if value is not None else None
    except ValueError:
        return None
