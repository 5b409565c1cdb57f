"""The `local` backend: a llama.cpp server drafter starts and stops itself (the `xllamacpp` wheel, no compiler),
serving a GGUF file the user names. It speaks the OpenAI protocol, so the model is the `openai` backend pointed at
it. Install with `pip install 'drafter-cli[local]'`."""

from __future__ import annotations

import gc
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from drafter.errors import ModelError
from drafter.messages import phrase
from drafter.models.base import DEFAULT_POLICY, Completion, Listener, Message, Policy
from drafter.models.openai_backend import OpenAIModel

# Sampling for the small models one runs locally: left alone, llama.cpp applies no repeat penalty and a small model
# loops; it may also write a chat template's end token as text (a GGUF without a template falls back to ChatML).
LOCAL_REPEAT_PENALTY = 1.3
LOCAL_STOP = ("<|im_end|>", "<|endoftext|>", "<|im_start|>", "<<<", ">>>")


def local_threads(cpus: int | None, configured: int | None = None) -> int:
    """llama.cpp's threads: every core of an idle machine (SmolLM2 on 2 cores: 67 s for the county fixture, 107 s
    with one thread); on a machine busy with other work, all cores collapse (2 tokens/s) — set `threads = 1`."""
    return configured or max(1, min(cpus or 1, 8))


class LocalModel:
    offline = False

    def __init__(
        self,
        path: str,
        *,
        parallel: int = 2,
        context: int = 4096,
        threads: int | None = None,
        policy: Policy = DEFAULT_POLICY,
    ) -> None:
        self.name = str(Path(path).expanduser())
        self.endpoint = f"local:{self.name}"
        self.context_window: int | None = context
        if not Path(self.name).is_file():
            raise ModelError(self.endpoint, phrase("no_model_file"), phrase("no_model_file_hint"))
        try:
            import xllamacpp
        except ImportError:
            raise ModelError(self.endpoint, phrase("local_not_installed"), phrase("local_not_installed_hint")) from None
        params = xllamacpp.CommonParams()
        params.model.path = self.name
        params.hostnames = ["127.0.0.1"]
        params.port = 0  # any free port
        params.offline = True  # never download anything
        params.verbosity = -1
        params.ui = False
        params.n_parallel = max(1, parallel)
        params.n_ctx = context * params.n_parallel  # llama.cpp splits the context between its slots
        params.cpuparams.n_threads = local_threads(os.cpu_count(), threads)
        params.cpuparams_batch.n_threads = params.cpuparams.n_threads
        try:
            self._server: Any = xllamacpp.Server(params)
        except Exception as error:  # the extension raises plain RuntimeError/ValueError on a bad file
            failed = phrase("local_load_failed", detail=str(error))
            raise ModelError(self.endpoint, failed, phrase("check_file")) from None
        self.address = self._server.listening_address
        sampling = replace(
            policy,
            repeat_penalty=LOCAL_REPEAT_PENALTY if policy.repeat_penalty is None else policy.repeat_penalty,
            stop=policy.stop or LOCAL_STOP,
        )
        self._client = OpenAIModel(
            self.name, base_url=f"{self.address}/v1", api_key="local", policy=sampling, context_window=context
        )

    def execute(self, messages: list[Message], *, max_tokens: int | None, listener: Listener) -> Completion:
        return self._client.execute(messages, max_tokens=max_tokens, listener=listener)

    def close(self) -> None:
        self._client.close()
        del self._server  # the server stops when its object is destroyed
        gc.collect()
