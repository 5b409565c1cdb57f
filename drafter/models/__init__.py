"""Models behind one method: `execute(messages, max_tokens=, listener=) -> Completion`.

`open_model(settings)` picks the backend: `--model offline` (no model), `--model local:PATH.gguf` (llama.cpp
started by drafter), any other name (a model at the configured OpenAI-compatible endpoint). With nothing
configured, the default is offline.
"""

from __future__ import annotations

from drafter.config import Settings
from drafter.errors import ConfigError
from drafter.models.base import Completion, Listener, Message, Model, Policy, Silent

__all__ = ["Completion", "Listener", "Message", "Model", "Policy", "Silent", "model_choice", "open_model"]

OPENAI_DEFAULT_MODEL = "gpt-4o-mini"


def model_choice(settings: Settings) -> str:
    """The model the settings select: a name, 'offline' or 'local:PATH'."""
    if settings.model:
        return settings.model
    if not settings.endpoint_configured:
        return "offline"
    if settings.base_url is None:
        return OPENAI_DEFAULT_MODEL  # a key alone means OpenAI itself
    raise ConfigError(
        f"an endpoint is configured ({settings.base_url}) but no model is named",
        "name it with --model NAME, DRAFTER_MODEL, or model = in drafter.toml",
    )


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
    from drafter.tokens import context_window

    window, known = context_window(choice, settings.context_window)
    return OpenAIModel(
        choice,
        base_url=settings.base_url,
        api_key=settings.api_key,
        policy=policy,
        context_window=window if known else None,
    )
