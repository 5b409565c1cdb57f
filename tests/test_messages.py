"""One message catalogue (drafter/messages.py): every message in both languages, with the same placeholders, so
no writer ever meets an empty line or a KeyError in either language."""

from __future__ import annotations

import string

import pytest

from drafter.messages import MESSAGES, Words


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_exists_in_both_languages_with_the_same_placeholders(key):
    chinese, english = MESSAGES[key]
    assert chinese.strip() and english.strip(), key
    assert _placeholders(chinese) == _placeholders(english), key


def test_the_log_speaks_the_writers_language_in_local_time(isolated, monkeypatch):
    from drafter.cli import run as drafter
    from drafter.drafting.runlog import RunLog
    from tests.runner import CliRunner

    log = RunLog()
    logged = log.start_run(facts="/tmp/facts.md", kind="work-summary", model="m", endpoint="offline", options={})
    log.finish_run(logged, status="figures wrong", exit_code=1, prompt_tokens=0, completion_tokens=0, seconds=1.0,
                   report=None)  # fmt: skip
    log.close()
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    import time

    time.tzset()
    try:
        result = CliRunner().invoke(drafter, ["logs"])
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert result.exit_code == 0, result.output
    assert "开始时间" in result.stdout and "数字有误" in result.stdout
    started = RunLog().runs(1)[0].started  # UTC, as logged
    from datetime import datetime, timedelta

    shanghai = (datetime.fromisoformat(started) + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")
    assert shanghai in result.stdout  # the writer's clock, not UTC
    assert Words("zh")("logs_run", id=1) == "第 1 次运行"


def test_prompts_speak_the_systems_language(monkeypatch):
    from drafter.cli import run
    from tests.runner import CliRunner

    runner = CliRunner(env={"COLUMNS": "120"})
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    listed = runner.invoke(run, ["prompts", "list"])
    assert listed.exit_code == 0 and "提示词包" in listed.stdout and "写作要求" not in listed.stdout
    shown = runner.invoke(run, ["prompts", "show", "union-work-summary"])
    assert "写作要求" in shown.stdout and "模板：" in shown.stdout and "（继承" in shown.stdout
    monkeypatch.setenv("LANG", "C")
    monkeypatch.delenv("LC_ALL", raising=False)
    assert "Prompt packs" in runner.invoke(run, ["prompts", "list"]).stdout


def test_what_a_chinese_system_meets_outside_a_run_is_chinese(monkeypatch, isolated):
    """Errors with no facts to take the language from (an unknown run, an unknown pack) and the packs' sources
    speak the system's language too."""
    from drafter.cli import run
    from tests.runner import CliRunner

    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    runner = CliRunner(env={"COLUMNS": "120"})
    (isolated / "data").mkdir(parents=True, exist_ok=True)
    listed = runner.invoke(run, ["prompts", "list"])
    assert "内置" in listed.stdout and "built-in" not in listed.stdout
    unknown = runner.invoke(run, ["prompts", "show", "poem"])
    assert unknown.exit_code == 2 and "没有“poem”这个文种" in unknown.stderr and "--kind" in unknown.stderr
    from drafter.drafting.runlog import RunLog

    RunLog().close()  # a log with no runs
    missing = runner.invoke(run, ["logs", "show", "999"])
    assert missing.exit_code == 2 and "中没有第 999 次运行" in missing.stderr and "drafter logs 列出" in missing.stderr
