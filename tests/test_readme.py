"""The README's commands are the truth: CI runs its test command verbatim, and every command is documented."""

import re
from pathlib import Path

import pytest
import typer

from drafter.cli import app

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def shell_blocks():
    return re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)


def test_readme_has_exactly_two_setup_commands():
    blocks = shell_blocks()
    assert len(blocks) == 2
    main, tests = blocks
    assert main.startswith("python3 -m venv .venv && ") and "drafter check" in main
    assert tests.startswith("python3 -m venv .venv && ") and tests.endswith(".venv/bin/pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert shell_blocks()[1] in ci


def test_main_command_uses_files_that_exist():
    for path in re.findall(r"fixtures/\S+", shell_blocks()[0]):
        assert (ROOT / path).is_file(), path


COMMANDS = typer.main.get_command(app).commands


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_documented_with_its_help(name):
    command = COMMANDS[name]
    assert f"### `drafter {name}" in README
    assert command.help.strip().splitlines()[0] in README
    for param in command.params:
        for option in param.opts:
            if option.startswith("--") and option != "--help":
                assert option in README, option
