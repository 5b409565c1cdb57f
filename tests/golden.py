"""What drafter prints and writes for every fixture, for a restructuring to prove it changed nothing.

`outputs()` runs the commands a user runs — `check` in every format, `facts`, an offline `compose` — on every
fixture and yields each output by name. `tests/test_golden.py` compares their SHA-256 with `tests/golden.json`.

    python -m tests.golden --write         # after a change that is meant to change outputs: record them anew
    python -m tests.golden --dump DIR      # every output as a file, to diff two trees' outputs
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tests.runner import CliRunner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
MANIFEST = Path(__file__).resolve().parent / "golden.json"
MAIN = ("union-2023h1", "county-bureau-2010", "land-bureau", "english-2023h1")


def _fixture_sets() -> list[Path]:
    return sorted(path.parent for path in FIXTURES.rglob("facts.md"))


def outputs() -> Iterator[tuple[str, bytes]]:
    from drafter.cli import run

    runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb"})
    with tempfile.TemporaryDirectory() as home:
        os.environ["DRAFTER_HOME"] = home
        for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DRAFTER_MODEL", "DRAFTER_PROFILE"):
            os.environ.pop(name, None)
        for folder in _fixture_sets():
            where = folder.relative_to(FIXTURES).as_posix()
            facts = str(folder / "facts.md")
            result = runner.invoke(run, ["facts", facts, "--format", "json"])
            yield f"{where}/facts.json", result.stdout.encode()
            drafts = sorted(path for path in folder.glob("*.md") if path.name != "facts.md")
            formats = ("json", "markdown", "table") if folder.name in MAIN else ("json", "markdown")
            for draft in drafts:
                for format in formats:
                    args = ["check", "--facts", facts, str(draft), "--format", format, "--ignored"]
                    if format == "json":
                        args.remove("--ignored")
                    result = runner.invoke(run, args)
                    yield f"{where}/{draft.stem}.{format}", f"{result.exit_code}\n{result.stdout}".encode()
            if folder.name in MAIN:
                out = Path(home) / f"{folder.name}.md"
                report = Path(home) / f"{folder.name}.json"
                command = ["compose", "--facts", facts, "--out", str(out), "--report", str(report), "--no-input"]
                result = runner.invoke(run, [*command, "--model", "offline", "--no-log", "--fresh"])
                yield f"{where}/compose.exit", str(result.exit_code).encode()
                yield f"{where}/compose.md", _undated(out.read_bytes())
                yield f"{where}/compose.json", _undated(report.read_bytes())


def _undated(data: bytes) -> bytes:
    """A draft's 成文日期 is today's when the facts give no date: recorded as <today>, so the digest holds."""
    today = dt.date.today()
    for written in (f"{today.year}年{today.month}月{today.day}日", f"{today:%B} {today.day}, {today.year}"):
        data = data.replace(written.encode(), b"<today>")
    return data


def digests() -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in outputs()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="record the outputs' digests in tests/golden.json")
    parser.add_argument("--dump", metavar="DIR", help="write every output into DIR")
    args = parser.parse_args()
    if args.dump:
        for name, data in outputs():
            target = Path(args.dump) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    if args.write:
        MANIFEST.write_text(json.dumps(digests(), indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
