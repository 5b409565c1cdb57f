"""Start-up: a command imports only what it needs. `drafter check --format json` is mostly start-up on a small
pair, so the heavy libraries of the other commands (and their helpers) must stay out of it; `python -X importtime`
names every module a run imports, the way bench/bench_startup.py measures it."""

import subprocess
import sys
from pathlib import Path

import pytest

UNION = Path(__file__).parent.parent.parent / "fixtures" / "union-2023h1"
HEAVY = ("pydantic", "openai", "httpx", "rich", "sqlite3", "jinja2", "typer", "tiktoken", "docx", "pdfplumber",
         "drafter.drafting", "drafter.models")  # fmt: skip


def imported(*args):
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "drafter", *args], capture_output=True,
                          text=True, check=False)  # fmt: skip
    modules = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "drafter.cli.app" in modules  # the measure itself works
    return done.returncode, modules


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--facts", str(UNION / "facts.md"), str(UNION / "draft-faithful.md"), "--format", "json"],
        ["check", "--facts", str(UNION / "facts.md"), str(UNION / "draft-errors.md"), str(UNION / "draft-faithful.md"),
         "--format", "jsonl"],
        ["--help"],
        ["check", "--help"],
    ],
    ids=["check json", "batch jsonl", "help", "check help"],
)  # fmt: skip
def test_check_and_help_import_none_of_the_heavy_libraries(args):
    code, modules = imported(*args)
    assert code in (0, 1)
    heavy = sorted(module for module in modules if module.split(".")[0] in HEAVY or module.startswith(HEAVY))
    assert heavy == []


def test_the_table_for_people_needs_rich_and_gets_it():
    code, modules = imported("check", "--facts", str(UNION / "facts.md"), str(UNION / "draft-errors.md"))
    assert code == 1 and "rich.console" in modules and "openai" not in modules
