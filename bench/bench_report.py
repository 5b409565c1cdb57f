"""Benchmark: the report formats of `drafter check` on a 1M-character draft, each in a fresh process.

Target (issue 12): `--format table` (problems first, the default) within 1.5× the JSON's time. The draft is the
genre at scale (1,000 facts of three figures, the seed samples repeated to 1,000,000 characters) with every 50th
fact's money altered, so the table has problems to show — and thousands of unsupported figures from the
samples, as a real reviewer's worst case would.

Run: .venv/bin/python bench/bench_report.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_scale import _genre_draft, _genre_facts  # noqa: E402

FORMATS = {
    "json": ["--format", "json"],
    "table (problems first)": [],
    "table --all": ["--all"],
    "markdown": ["--format", "markdown"],
    "html": ["--format", "html"],
}


def _altered(draft: str, facts: str) -> str:
    """Every 50th fact's money written one higher."""
    for number, line in enumerate(line for line in facts.splitlines() if line.startswith("- ")):
        if number % 50 == 0:
            money = line.split("投入资金")[1].split("万元")[0]
            whole, _, cents = money.partition(".")
            draft = draft.replace(f"投入资金{money}万元", f"投入资金{int(whole) + 1}.{cents}万元", 1)
    return draft


def _seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                       env={"COLUMNS": "120", "PATH": "/usr/bin:/bin", "HOME": "/tmp"})  # fmt: skip
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    facts = _genre_facts(1000)
    draft = _altered(_genre_draft(1_000_000, facts), facts)
    drafter = str(Path(sys.executable).with_name("drafter"))
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "facts.md").write_text(facts, encoding="utf-8")
        (Path(folder) / "draft.md").write_text(draft, encoding="utf-8")
        base = [drafter, "check", "--facts", f"{folder}/facts.md", f"{folder}/draft.md"]
        results = {name: _seconds([*base, *extra], args.runs) for name, extra in FORMATS.items()}
    print(f"{len(draft):,}-character draft, 1,000 facts; median of {args.runs} runs, each a fresh process")
    for name, seconds in results.items():
        print(f"{name:24} {seconds:6.2f} s   {seconds / results['json']:4.2f}× JSON")
    ratio = results["table (problems first)"] / results["json"]
    print(f"table / JSON: {ratio:.2f}× (target ≤ 1.5×)")


if __name__ == "__main__":
    main()
