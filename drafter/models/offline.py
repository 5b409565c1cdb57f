"""The offline backend: no model at all. The pipeline renders the pack's plain phrasing of the facts
(`offline.j2`) and this backend hands it back as the section's text."""

from __future__ import annotations

from drafter.models.base import Completion, Listener, Message


class OfflineModel:
    name = "offline"
    endpoint = "offline"
    offline = True
    context_window: int | None = None

    def execute(self, messages: list[Message], *, max_tokens: int | None, listener: Listener) -> Completion:
        text = messages[-1]["content"]
        listener.text(text)
        return Completion(text, "stop", 0, 0)

    def close(self) -> None:
        pass
