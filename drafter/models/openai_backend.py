"""The `openai` backend: Chat Completions against any OpenAI-compatible endpoint (OpenAI, DeepSeek,
Qwen/DashScope, Moonshot, vLLM, Ollama, llama.cpp), over `drafter.models.http` (the standard library: the openai
SDK took half a second to import before every run's first request).

One retry policy: 429, 5xx, timeouts, refused connections and streams cut before their end are retried with
exponential backoff (honouring Retry-After); a rejected key, an unknown model or a bad request are not. Parameters
an endpoint refuses (`stream_options`, `max_tokens`, `temperature`) are adapted once and remembered.
"""

from __future__ import annotations

import functools
import json
import re
import time
from collections.abc import Callable
from typing import Any, TypeVar

from drafter.errors import ContextOverflow, ModelError
from drafter.messages import Phrase, phrase
from drafter.models.base import DEFAULT_POLICY, OPENAI_URL, Completion, Listener, Message, Policy
from drafter.models.http import BadReply, Endpoint, HttpStatus, NotHttp

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
        self.name = name
        self.context_window = context_window
        self.endpoint = (base_url or OPENAI_URL).rstrip("/")
        self._key = api_key or ""
        self._client = Endpoint(self.endpoint, api_key or "no-key", policy.timeout)  # local servers want no key
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
        return self._with_retries(lambda: self._call(self._models), Listener())

    def _models(self) -> list[str]:
        listed = self._client.get("/models")
        data = listed.get("data") if isinstance(listed, dict) else None
        if not isinstance(data, list):
            raise BadReply("no list of models")
        return [str(model["id"]) for model in data if isinstance(model, dict) and "id" in model]

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
        events = self._client.stream("/chat/completions", _body(kwargs))
        try:
            for event in events:
                if time.monotonic() > deadline:  # a trickle: each read in time, the whole far too slow
                    raise _Retryable(phrase("retry_deadline", seconds=f"{self._timeout:g}"))
                if not isinstance(event, dict):
                    raise BadReply("an event that is not an object")
                if isinstance(event.get("error"), dict):  # an error event inside the stream
                    raise _Retryable(phrase("retry_stream_error", detail=self._scrub(_message(event["error"]))))
                if isinstance(event.get("usage"), dict):
                    usage = event["usage"]
                for choice in _choices(event):
                    delta = choice.get("delta") or {}
                    text = delta.get("content") if isinstance(delta, dict) else None
                    if isinstance(text, str) and text:
                        parts.append(text)
                        size += len(text)
                        listener.text(text)
                    if choice.get("finish_reason"):
                        finish = str(choice["finish_reason"])
                if size > cap:
                    finish = "length"  # far past its budget: an endpoint ignoring max_tokens
                    break
        finally:
            events.close()  # the connection with it, when the loop stops early
        if finish is None:
            raise _Retryable(phrase("retry_cut"))
        return Completion("".join(parts), finish, *_tokens(usage))

    def _whole(self, kwargs: dict[str, Any], listener: Listener) -> Completion:
        response = self._client.post("/chat/completions", _body(kwargs))
        choices = _choices(response) if isinstance(response, dict) else []
        if not choices:
            raise _Retryable(phrase("retry_no_choices"))
        choice = choices[0]
        message = choice.get("message")
        content = message.get("content") if isinstance(message, dict) else None
        text = content if isinstance(content, str) else ""
        finish = str(choice.get("finish_reason") or "stop")
        cap = _answer_cap(kwargs.get(self._token_param))
        if len(text) > cap:
            text, finish = text[:cap], "length"  # far past its budget: an endpoint ignoring max_tokens
        listener.text(text)
        return Completion(text, finish, *_tokens(response.get("usage")))

    def _call(self, request: Callable[[], T]) -> T:
        """Run one HTTP exchange, sorting what went wrong into retryable, refused and fatal."""
        try:
            return request()
        except BadReply as error:  # a reply that is not JSON, or not UTF-8, or not the API's shape
            raise _Retryable(phrase("retry_bad_reply", detail=self._scrub(str(error)[:200]))) from None
        except NotHttp as error:
            raise _Retryable(phrase("retry_not_http", detail=self._scrub(str(error)))) from None
        except TimeoutError:
            raise _Retryable(phrase("retry_timeout", seconds=f"{self._timeout:g}")) from None
        except HttpStatus as error:
            raise self._status_error(error) from None
        except OSError as error:
            detail = str(error) or type(error).__name__
            raise _Retryable(phrase("retry_connect", detail=self._scrub(detail))) from None

    def _status_error(self, error: HttpStatus) -> Exception:
        status, detail = error.status, self._detail(error)
        if status == 401:
            return ModelError(self.endpoint, phrase("key_rejected"), phrase("key_rejected_hint"))
        if status == 403:
            return ModelError(self.endpoint, phrase("access_denied", detail=detail), phrase("access_denied_hint"))
        if status == 404:
            missing = phrase("model_not_found", model=self.name, detail=detail)
            return ModelError(self.endpoint, missing, phrase("model_not_found_hint"))
        if status == 429:
            return _Retryable(phrase("retry_rate", detail=detail), _retry_after(error))
        if status >= 500:
            return _Retryable(phrase("retry_server", status=status, detail=detail), _retry_after(error))
        if status in (400, 422):
            return _Refused(detail)
        return ModelError(self.endpoint, phrase("http_error", status=status, detail=detail))

    def _detail(self, error: HttpStatus) -> str:
        body = error.json()
        message = body.get("message") if isinstance(body, dict) else None
        if isinstance(body, dict) and isinstance(body.get("error"), dict):
            message = body["error"].get("message")
        if isinstance(body, dict) and isinstance(body.get("error"), str):
            message = body["error"]
        text = str(message or error.body[:300].decode("utf-8", "replace") or f"HTTP {error.status}")
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


def _body(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The request's JSON: the parameters, with llama.cpp's own (`extra_body`) among them, as the SDK sent them."""
    body = {key: value for key, value in kwargs.items() if key != "extra_body"}
    return {**body, **kwargs.get("extra_body", {})}


def _choices(event: dict[str, Any]) -> list[dict[str, Any]]:
    choices = event.get("choices")
    if choices is None:
        return []
    if not isinstance(choices, list) or not all(isinstance(choice, dict) for choice in choices):
        raise BadReply("choices is not a list of objects")
    return choices


def _tokens(usage: object) -> tuple[int | None, int | None]:
    if not isinstance(usage, dict):
        return None, None
    prompt, completion = usage.get("prompt_tokens"), usage.get("completion_tokens")
    return (prompt if isinstance(prompt, int) else None), (completion if isinstance(completion, int) else None)


def _message(error: dict[str, Any]) -> str:
    return str(error.get("message") or error)


def _retry_after(error: HttpStatus) -> float | None:
    value = error.headers.get("retry-after")
    try:
        return min(float(value), MAX_RETRY_AFTER) if value is not None else None
    except ValueError:
        return None
