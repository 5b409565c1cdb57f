import hashlib
import inspect
import os

import pytest
import tiktoken
import tiktoken.load
import tiktoken_ext.openai_public

from drafter.models import tokens


@pytest.fixture
def no_downloads(monkeypatch):
    """tiktoken may only read what drafter seeded: any fetch fails the test."""

    def refuse(blobpath):
        raise AssertionError(f"tiktoken tried to fetch {blobpath}")

    monkeypatch.setattr(tiktoken.load, "read_file", refuse)


def test_counts_need_no_network_and_touch_no_environment(no_downloads, monkeypatch):
    monkeypatch.delenv("TIKTOKEN_CACHE_DIR", raising=False)
    tokens._loaded.cache_clear()
    count = tokens.count_tokens("走访困难职工2848户，发放慰问金323.062万元", "gpt-4o")
    assert count.exact and count.encoding == "o200k_base" and count.tokens > 5
    assert str(tokens.count_tokens("hello world", "gpt-4")) == "2"
    assert "TIKTOKEN_CACHE_DIR" not in os.environ
    tokens._loaded.cache_clear()


def test_unknown_models_get_a_labelled_estimate(no_downloads):
    count = tokens.count_tokens("走访困难职工", "deepseek-chat")
    assert not count.exact and str(count).startswith("≈")


@pytest.mark.parametrize("name", list(tokens.ENCODINGS))
def test_drafters_encodings_are_tiktokens_own(name, tmp_path, monkeypatch):
    """The bundled file is the one tiktoken pins; the pattern and special tokens are the ones tiktoken gives it;
    and the two encode alike. tiktoken's own is built from its cache, seeded here with the bundled file."""
    expected, pattern, special = tokens.ENCODINGS[name]
    data = tokens.bundled_file(name)
    assert hashlib.sha256(data).hexdigest() == expected
    assert expected in inspect.getsource(tiktoken_ext.openai_public)
    url = f"https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
    (tmp_path / hashlib.sha1(url.encode()).hexdigest()).write_bytes(data)
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    theirs = tiktoken.Encoding(**tiktoken_ext.openai_public.ENCODING_CONSTRUCTORS[name]())
    ours = tokens._loaded(name)
    assert (ours._pat_str, ours._special_tokens) == (theirs._pat_str, theirs._special_tokens) == (pattern, special)
    text = "走访困难职工2848户，发放慰问金323.062万元 — households visited: 2,848."
    assert ours.encode(text) == theirs.encode(text)


def test_messages_are_counted_with_framing(no_downloads):
    messages = [{"role": "system", "content": "你好"}, {"role": "user", "content": "走访2848户"}]
    total = tokens.count_messages(messages, "gpt-4o")
    parts = sum(tokens.count_tokens(m["content"], "gpt-4o").tokens for m in messages)
    assert total.tokens == parts + 4 * 2 + 3


@pytest.mark.parametrize(
    ("model", "configured", "expected"),
    [
        ("gpt-4o-mini", None, (128_000, True)),
        ("deepseek-chat", None, (65_536, True)),
        ("qwen-plus", None, (32_768, True)),
        ("my-intranet-model", None, (8_192, False)),
        ("my-intranet-model", 32_000, (32_000, True)),
        ("local:/models/x.gguf", None, (4_096, True)),
    ],
)
def test_context_windows(model, configured, expected):
    assert tokens.context_window(model, configured) == expected
