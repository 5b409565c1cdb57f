"""Models behind one method: `execute(messages, max_tokens=, listener=) -> Completion`.

`open_model(settings)` picks the backend: `--model offline` (no model), `--model local:PATH.gguf` (llama.cpp
started by drafter), any other name (a model at the configured OpenAI-compatible endpoint). With nothing
configured, the default is offline.

Facts go only where the user said. A key alone (OPENAI_API_KEY with no model and no base_url) chooses nothing:
it is an error that says how to choose. A model named without a base_url goes to OpenAI's own address, and
only when it is one of OpenAI's models (gpt-…, o1…, chatgpt-…); any other name without a base_url is an error,
since OpenAI would receive the facts of a request meant for another endpoint.
"""

from __future__ import annotations

import re

from drafter.config import Settings
from drafter.errors import ConfigError
from drafter.models.base import OPENAI_URL, Completion, Listener, Message, Model, Policy

__all__ = [
    "Completion", "Listener", "Message", "Model", "Policy", "endpoint_of", "model_choice", "open_model",
]  # fmt: skip

_OPENAI_MODEL = re.compile(r"(?:gpt-|chatgpt-|o\d)", re.IGNORECASE)


def model_choice(settings: Settings) -> str:
    """The model the settings select: a name, 'offline' or 'local:PATH'."""
    if settings.model:
        model = settings.model
        if model == "offline" or model.startswith("local:") or settings.base_url is not None:
            return model
        if _OPENAI_MODEL.match(model):
            return model  # OpenAI's own model, at OpenAI's own address (said before any request)
        raise ConfigError(
            f"model '{model}' is named ({settings.sources.get('model', 'settings')}) but no endpoint is: "
            f"without a base_url the facts would go to OpenAI ({OPENAI_URL})",
            "set the endpoint: OPENAI_BASE_URL=http://…/v1, or base_url = in drafter.toml",
        )
    if not settings.endpoint_configured:
        return "offline"
    if settings.base_url is None:
        raise ConfigError(
            f"an API key is set ({settings.sources.get('api_key', 'settings')}) but no model is named; drafter "
            "sends facts only to a model you name",
            f"name it: --model gpt-4o-mini sends the facts to OpenAI ({OPENAI_URL}); for another endpoint set "
            "OPENAI_BASE_URL too; --model offline drafts without a model",
        )
    raise ConfigError(
        f"an endpoint is configured ({settings.base_url}) but no model is named",
        "name it with --model NAME, DRAFTER_MODEL, or model = in drafter.toml",
    )


def endpoint_of(settings: Settings) -> str:
    """Where the selected model's requests go, as `Model.endpoint` will say: a URL, 'offline' or 'local:PATH'."""
    choice = model_choice(settings)
    if choice == "offline" or choice.startswith("local:"):
        return choice
    return (settings.base_url or OPENAI_URL).rstrip("/")


def open_model(settings: Settings, *, jobs: int = 1) -> Model:
    choice = model_choice(settings)
    if choice == "offline":
        from drafter.models.offline import OfflineModel

        return OfflineModel()
    policy = Policy(settings.timeout, settings.retries, settings.backoff, settings.temperature, settings.stream)
    if choice.startswith("local:"):
        from drafter.models.local import LocalModel

        context = settings.context_window or 4096
        path = choice.removeprefix("local:")
        return LocalModel(path, parallel=jobs, context=context, threads=settings.threads, policy=policy)
    from drafter.models.openai_backend import OpenAIModel
    from drafter.models.tokens import context_window

    window, known = context_window(choice, settings.context_window)
    return OpenAIModel(
        choice,
        base_url=settings.base_url,
        api_key=settings.api_key,
        policy=policy,
        context_window=window if known else None,
    )
