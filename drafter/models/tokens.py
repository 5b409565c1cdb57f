"""Token counts that never touch the network, nor the environment.

tiktoken downloads its encoding files on first use. drafter ships them (gzipped, in `drafter/data/tiktoken/`,
byte-identical to OpenAI's) and builds the encodings from them itself: each file is checked against the SHA-256
tiktoken pins for it, and given the split pattern and special tokens tiktoken gives it (tests/models/
test_tokens.py holds all three equal to tiktoken's own). Nothing is cached on disk and no variable is set. Models
tiktoken does not know (DeepSeek, Qwen, a local GGUF) get an estimate from the characters, labelled as such.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import threading
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tiktoken

# Each encoding as tiktoken_ext.openai_public defines it: the SHA-256 of its file, its split pattern, its special
# tokens.
ENCODINGS: dict[str, tuple[str, str, dict[str, int]]] = {
    "cl100k_base": (
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
        r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|"""
        r"""\s++$|\s*[\r\n]|\s+(?!\S)|\s""",
        {"<|endoftext|>": 100257, "<|fim_prefix|>": 100258, "<|fim_middle|>": 100259, "<|fim_suffix|>": 100260,
         "<|endofprompt|>": 100276},
    ),
    "o200k_base": (
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
        "|".join([
            r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
            r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
            r"""\p{N}{1,3}""",
            r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
            r"""\s*[\r\n]+""",
            r"""\s+(?!\S)""",
            r"""\s+""",
        ]),
        {"<|endoftext|>": 199999, "<|endofprompt|>": 200018},
    ),
}  # fmt: skip
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
    import tiktoken

    expected, pattern, special = ENCODINGS[name]
    data = bundled_file(name)
    if hashlib.sha256(data).hexdigest() != expected:
        raise RuntimeError(f"the bundled {name} file is damaged: reinstall drafter")
    ranks = {base64.b64decode(token): int(rank) for token, rank in (line.split() for line in data.splitlines() if line)}
    return tiktoken.Encoding(name, pat_str=pattern, mergeable_ranks=ranks, special_tokens=special)


def _encoding(name: str) -> tiktoken.Encoding:
    with _LOADING:  # section threads count tokens at once; the first load must happen once
        return _loaded(name)


def bundled_file(name: str) -> bytes:
    """An encoding's file as OpenAI publishes it, from inside the package."""
    return gzip.decompress((resources.files("drafter") / "data" / "tiktoken" / f"{name}.tiktoken.gz").read_bytes())


def load_encodings() -> list[str]:
    """Load every bundled encoding now (for `drafter doctor`); their names."""
    return [_encoding(name).name for name in ENCODINGS]


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
