"""Token counts that never touch the network.

tiktoken downloads its encoding files on first use. drafter ships them (gzipped, in `drafter/data/tiktoken/`,
byte-identical to OpenAI's: their sha256 is the hash tiktoken pins) and seeds tiktoken's cache with them, so
tiktoken loads them itself and checks them against its own pinned hash. Models tiktoken does not know (DeepSeek,
Qwen, a local GGUF) get an estimate with o200k_base, labelled as such.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import threading
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.config import cache_dir

if TYPE_CHECKING:
    import tiktoken

# The URL tiktoken fetches each encoding from: its cache file is named by the URL's sha1.
ENCODING_URLS = {
    "cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
    "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
}
ESTIMATE_ENCODING = "o200k_base"


@dataclass(frozen=True, slots=True)
class TokenCount:
    tokens: int
    exact: bool  # False: an estimate, the model's own tokenizer is unknown
    encoding: str

    def __str__(self) -> str:
        return f"{self.tokens}" if self.exact else f"≈{self.tokens}"


def encoding_for(model: str) -> tuple[str, bool]:
    """The tiktoken encoding for `model`, and whether it is the model's own (else an estimate)."""
    import tiktoken

    try:
        return tiktoken.encoding_name_for_model(model), True
    except KeyError:
        return ESTIMATE_ENCODING, False


def count_tokens(text: str, model: str) -> TokenCount:
    """Exact with the model's own encoding; for a model tiktoken does not know (DeepSeek, Qwen, a local GGUF), an
    estimate from the characters — loading an encoding (≈76 MB) for a guess is not worth it."""
    name, exact = encoding_for(model)
    if not exact:
        return TokenCount(estimate_tokens(text), False, "estimate")
    return TokenCount(len(_encoding(name).encode(text, disallowed_special=())), exact, name)


_CJK = re.compile(r"[\u3400-\u9fff]")


def estimate_tokens(text: str) -> int:
    """Tokens `text` may take, without loading an encoding: generous for Chinese (small models' tokenizers spend
    up to about 1.5 tokens on a character), a word's worth for every four other characters."""
    chinese = len(_CJK.findall(text))
    return int(chinese * 1.5 + (len(text) - chinese) / 4) + 1


def count_messages(messages: list[dict[str, str]], model: str) -> TokenCount:
    """Prompt tokens of a chat request: the messages' text plus a few tokens of framing each."""
    counts = [count_tokens(message["content"], model) for message in messages]
    first = counts[0] if counts else count_tokens("", model)
    return TokenCount(sum(c.tokens for c in counts) + 4 * len(counts) + 3, first.exact, first.encoding)


_LOADING = threading.Lock()


@cache
def _loaded(name: str) -> tiktoken.Encoding:
    seed_tiktoken_cache()
    import tiktoken

    return tiktoken.get_encoding(name)


def _encoding(name: str) -> tiktoken.Encoding:
    with _LOADING:  # section threads count tokens at once; the first load must happen once
        return _loaded(name)


def seed_tiktoken_cache() -> Path:
    """Put the bundled encoding files where tiktoken looks before it downloads; return that directory."""
    directory = Path(os.environ.get("TIKTOKEN_CACHE_DIR") or cache_dir() / "tiktoken")
    os.environ["TIKTOKEN_CACHE_DIR"] = str(directory)
    directory.mkdir(parents=True, exist_ok=True)
    bundled = resources.files("drafter") / "data" / "tiktoken"
    for name, url in ENCODING_URLS.items():
        target = directory / hashlib.sha1(url.encode()).hexdigest()
        if target.exists():
            continue  # tiktoken checks its hash when it reads it, and never trusts a bad copy
        data = gzip.decompress((bundled / f"{name}.tiktoken.gz").read_bytes())
        partial = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        partial.write_bytes(data)
        partial.replace(target)
    return directory


# Context windows of common models, by name prefix (longest first); others need `context_window =` in the config.
CONTEXT_WINDOWS = {
    "gpt-4.1": 1_047_576,
    "gpt-4o": 128_000,
    "gpt-4-turbo": 128_000,
    "gpt-4": 8_192,
    "gpt-3.5-turbo": 16_385,
    "o1": 200_000,
    "o3": 200_000,
    "o4-mini": 200_000,
    "gpt-5": 400_000,
    "deepseek": 65_536,
    "qwen-long": 1_000_000,
    "qwen": 32_768,
    "moonshot-v1-8k": 8_192,
    "moonshot-v1-32k": 32_768,
    "moonshot-v1-128k": 131_072,
    "glm-4": 128_000,
}
DEFAULT_CONTEXT_WINDOW = 8_192
LOCAL_CONTEXT_WINDOW = 4_096  # what drafter's local backend gives each slot


def context_window(model: str, configured: int | None = None) -> tuple[int, bool]:
    """The model's context window in tokens, and whether it is known (configured or in the table)."""
    if configured:
        return configured, True
    if model.startswith("local:"):
        return LOCAL_CONTEXT_WINDOW, True
    for prefix in sorted(CONTEXT_WINDOWS, key=len, reverse=True):
        if model.startswith(prefix):
            return CONTEXT_WINDOWS[prefix], True
    return DEFAULT_CONTEXT_WINDOW, False
