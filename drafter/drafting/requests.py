"""One request to a model, as the pipeline reports it and the run log keeps it: one record type, written and read
the same way, and the key by which an identical request can be answered again (`--cache`)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Protocol

from drafter.models import Message


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """What one request was and what came of it. The run log's `requests` table has exactly these columns."""

    section: str
    attempt: int
    purpose: str  # "draft" or "repair"
    model: str
    endpoint: str
    messages: list[Message]
    cache_key: str
    response: str | None = None
    finish_reason: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    tokens_from: str | None = None  # "api", "tiktoken", "estimate" or "cache"
    seconds: float | None = None
    error: str | None = None
    cached: bool = False


def cache_key(endpoint: str, model: str, messages: list[Message], max_tokens: int | None) -> str:
    """Identical requests (endpoint, model, messages and limit) have one key."""
    payload = json.dumps([endpoint, model, messages, max_tokens], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    text: str
    finish_reason: str | None


class AnswerCache(Protocol):
    """Where an identical request's finished answer may be found (the run log is one)."""

    def cached(self, key: str) -> CachedAnswer | None: ...
