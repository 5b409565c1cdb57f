"""The command line's grammar: help and usage errors in the system's language, every option described in both."""

import subprocess
import sys
from pathlib import Path

import pytest

from drafter.cli import run
from drafter.cli.arguments import commands
from drafter.errors import EXIT_INPUT, EXIT_OK
from tests.runner import CliRunner

UNION = Path(__file__).parent.parent.parent / "fixtures" / "union-2023h1"
CHINESE = {"LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": "", "LANG": "zh_CN.UTF-8", "COLUMNS": "80"}
ENGLISH = {"LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": "", "LANG": "en_US.UTF-8", "COLUMNS": "80"}


@pytest.mark.parametrize("name", sorted(commands("zh")))
def test_every_command_and_option_is_described_in_chinese_and_in_english(name):
    chinese, english = commands("zh")[name], commands("en")[name]
    assert any("\u4e00" <= char <= "\u9fff" for char in chinese.description), name
    assert not any("\u4e00" <= char <= "\u9fff" for char in english.description.replace("公文", "")), name
    for mine, theirs in zip(chinese._actions, english._actions, strict=True):
        assert mine.option_strings == theirs.option_strings
        if mine.help:
            assert any("\u4e00" <= char <= "\u9fff" for char in mine.help), (name, mine.option_strings)
            assert theirs.help and theirs.help != mine.help, (name, theirs.option_strings)


def test_help_speaks_chinese_on_a_chinese_system():
    result = CliRunner(env=CHINESE).invoke(run, ["check", "--help"])
    assert result.exit_code == EXIT_OK
    lines = result.stdout.splitlines()
    assert lines[0].startswith("用法：drafter check")
    assert "参数：" in lines and "选项：" in lines  # headings end in a full-width colon
    assert "  -f, --facts FACTS     草稿必须与之一致的事实文件；- 表示从标准输入读取" in lines
    assert "退出码：0 数字全部一致或等值" in result.stdout.replace("\n", "")
    english = CliRunner(env=ENGLISH).invoke(run, ["check", "--help"])
    assert english.stdout.startswith("usage: drafter check") and "the facts file the draft must agree with" in (
        english.stdout
    )


def test_help_fits_the_terminal_counting_a_chinese_character_as_two_columns():
    for width in (60, 80, 100):
        for name in ("check", "compose", "export", "logs"):
            result = CliRunner(env={**CHINESE, "COLUMNS": str(width)}).invoke(run, [*name.split(), "--help"])
            for line in result.stdout.splitlines():
                cells = sum(2 if "\u2e80" <= char <= "\uffef" else 1 for char in line)
                assert cells <= width, (width, name, line)
                text = line.strip()
                assert not text or (text[0] not in "、。，；：！？）」" and text[-1] not in "（「"), (width, name, line)


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (["check", "--format", "xx", "d.md"], "--format 不能是 xx，可选：table, json, jsonl, markdown, html",
         "--format cannot be xx; choose from table, json, jsonl, markdown, html"),
        (["chek"], "没有 chek 这个命令；命令有：check, facts, compose",
         "there is no command chek; the commands are: check, facts, compose"),
        (["check", "--facts"], "--facts 后面要写一个值", "--facts needs a value"),
        (["check", "--fats", "x", "y"], "不认识 --fats", "unknown: --fats"),
        (["check", "d.md"], "缺少 --facts", "--facts must be given"),
        (["compose", "--jobs", "0", "--facts", "f.md"], "--jobs 至少是 1，而不是 0",
         "--jobs must be at least 1, not 0"),
        (["logs", "show", "x"], "ID 要写一个数，而不是 x", "ID takes a number, not x"),
        (["check", "--strict=3", "d.md"], "--strict 后面不能写值", "--strict takes no value"),
    ],
)  # fmt: skip
def test_usage_errors_say_what_is_wrong_in_the_writers_language_and_where_to_look(args, chinese, english):
    command = "drafter " + " ".join(a for a in args[:2] if a in ("check", "compose", "logs", "show"))
    for env, says, hint in ((CHINESE, f"错误：{chinese}", "查看用法"), (ENGLISH, f"error: {english}", "to see how")):
        result = CliRunner(env=env).invoke(run, args)
        assert result.exit_code == EXIT_INPUT, result.output
        assert result.stderr.startswith(f"drafter: {says}"), result.stderr
        assert f"{command.strip()} --help" in result.stderr and hint in result.stderr
        assert "Traceback" not in result.output and result.stdout == ""


def test_a_bare_drafter_or_group_shows_what_can_follow():
    for args in ([], ["prompts"]):
        result = CliRunner(env=CHINESE).invoke(run, args)
        assert result.exit_code == EXIT_INPUT and result.stdout.startswith("用法：drafter")
        assert "命令：" in result.stdout


def test_options_are_never_abbreviated():
    """`--fact` is not `--facts`: an abbreviation that a later option could make ambiguous is refused."""
    result = CliRunner(env=ENGLISH).invoke(run, ["check", "--fact", str(UNION / "facts.md"), "x.md"])
    assert result.exit_code == EXIT_INPUT and "unknown: --fact" in result.stderr


def test_the_installed_command_prints_help_and_version():
    help_text = subprocess.run([sys.executable, "-m", "drafter", "--help"], capture_output=True, text=True,
                               env={"PATH": "/usr/bin:/bin", "LANG": "zh_CN.UTF-8"}, check=False)  # fmt: skip
    assert help_text.returncode == 0 and "根据分条列出的事实起草中文工作总结" in help_text.stdout
    version = subprocess.run([sys.executable, "-m", "drafter", "--version"], capture_output=True, text=True,
                             check=False)  # fmt: skip
    assert version.returncode == 0 and version.stdout.startswith("drafter ")


def test_every_command_of_the_grammar_has_its_function_and_no_other():
    from drafter.cli.app import COMMANDS
    from drafter.cli.arguments import GROUPS

    assert set(commands("en")) - set(GROUPS) == set(COMMANDS)
