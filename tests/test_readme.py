"""The README's commands are the truth: CI runs its test command verbatim, and every command is documented."""

import re
from pathlib import Path

import pytest

from drafter.cli.arguments import commands

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def shell_blocks():
    return re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)


def setup_commands():
    """The two one-line set-up commands (the other sh block is a tour of usage)."""
    starts = ("python3 -m venv .venv && ", "scripts/install-system-deps && python3 -m venv .venv && ")
    return [block for block in shell_blocks() if block.startswith(starts)]


def test_readme_has_exactly_two_setup_commands():
    main, tests = setup_commands()
    assert "\n" not in main and "\n" not in tests
    assert "drafter compose" in main
    assert tests.endswith(".venv/bin/pytest") and "ruff check" in tests and "mypy" in tests


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert setup_commands()[1] in ci


def test_main_command_uses_files_that_exist():
    for path in re.findall(r"fixtures/\S+", setup_commands()[0]):
        assert (ROOT / path).is_file(), path


COMMANDS = commands("en")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_documented_with_its_help(name):
    command = COMMANDS[name]
    assert f"`drafter {name}" in README, name
    assert command.description in README
    for action in command._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert option in README, option
