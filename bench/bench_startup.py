"""Benchmark: what a command costs as a whole process — start-up, a reviewer's batch, compose's first request.

Measured side by side in one run, medians, with drafter's bytecode compiled first (as `pip install` does; this
machine sets PYTHONDONTWRITEBYTECODE, which would make every run compile drafter's sources again):
- `drafter check` on a tiny pair, JSON, against `python -c pass` on the same interpreter (target <= 4x);
  `drafter --help` (target <= 0.1 s);
- 500 pairs in one `drafter check --batch` (target <= 2 s) against separate `drafter check` processes (20 run,
  the rest extrapolated);
- `drafter compose` against the scripted OpenAI-compatible server with no latency, 5 sections: when the first
  request reaches the server after launch (target <= 0.5 s), the whole run (target <= 0.8 s), and the process's
  peak memory (target <= 80 MB).
Run: .venv/bin/python bench/bench_startup.py
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_compose import SECTIONS  # noqa: E402  (the same five sections)
from tests.scripted_server import ScriptedServer  # noqa: E402

UNION = ROOT / "fixtures" / "union-2023h1"
DRAFTER = [sys.executable, "-m", "drafter"]


def environment(home: str) -> dict[str, str]:
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "drafter")], check=True)
    return {**os.environ, "DRAFTER_HOME": str(Path(home) / "drafter"), "LANG": "C.UTF-8"}


def seconds(command: list[str], env: dict[str, str], runs: int, cwd: Path | None = None) -> float:
    subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm the cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def batch_folder(folder: Path, pairs: int) -> Path:
    """`pairs` submissions: the union fixture's two drafts in turn, each its own file, and the list."""
    shutil.copy(UNION / "facts.md", folder / "facts.md")
    rows = ["facts,draft,单位"]
    for index in range(pairs):
        kind = "faithful" if index % 2 == 0 else "errors"
        shutil.copy(UNION / f"draft-{kind}.md", folder / f"d{index:03}.md")
        rows.append(f"facts.md,d{index:03}.md,单位{index}")
    (folder / "list.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder / "list.csv"


def compose_run(env: dict[str, str], folder: Path) -> tuple[float, float, float]:
    """(first request after launch, whole run, peak memory in MB) of one `drafter compose` process."""
    arrivals: list[float] = []

    def faithful(body: dict[str, Any]) -> str:
        arrivals.append(time.time())
        prompt = body["messages"][1]["content"]
        return next(fact for fact in SECTIONS.values() if fact in prompt) + "。"

    facts = folder / "facts.md"
    body = "".join(f"## {title}\n- {fact}\n\n" for title, fact in SECTIONS.items())
    facts.write_text(f"---\ntitle: 局工会2023年上半年工作总结\norganization: 局工会\nperiod: 2023年上半年\n---\n{body}",
                     encoding="utf-8")  # fmt: skip
    server = ScriptedServer(responder=faithful).start()
    try:
        run_env = {**env, "OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "sk-bench"}
        command = [*DRAFTER, "compose", "--facts", str(facts), "--model", "test-model", "--no-input", "--fresh",
                   "--no-log", "--jobs", "5", "--out", str(folder / "draft.md")]  # fmt: skip
        launched = time.time()
        process = subprocess.Popen(command, env=run_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        ended = time.time()
        process.returncode = os.waitstatus_to_exitcode(status)
        assert process.returncode == 0, process.returncode
    finally:
        server.stop()
    return min(arrivals) - launched, ended - launched, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--pairs", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = environment(home)
        bare = seconds([sys.executable, "-c", "pass"], env, args.runs)
        check = seconds([*DRAFTER, "check", "--facts", str(UNION / "facts.md"), str(UNION / "draft-faithful.md"),
                         "--format", "json"], env, args.runs)  # fmt: skip
        help_ = seconds([*DRAFTER, "--help"], env, args.runs)
        print(f"python -c pass:                 {bare * 1000:7.1f} ms")
        ratio = check / bare
        print(f"drafter check, tiny pair, JSON: {check * 1000:7.1f} ms   ({ratio:.1f}x python -c pass; target <= 4x)")
        print(f"drafter --help:                 {help_ * 1000:7.1f} ms   (target <= 100 ms)")

        folder = Path(home) / "batch"
        folder.mkdir()
        listing = batch_folder(folder, args.pairs)
        batch = seconds([*DRAFTER, "check", "--batch", str(listing), "--format", "jsonl"], env, 3)
        batch_one = seconds([*DRAFTER, "check", "--batch", str(listing), "--format", "jsonl", "--jobs", "1"], env, 3)
        sample = 20
        started = time.perf_counter()
        for index in range(sample):
            subprocess.run([*DRAFTER, "check", "--facts", str(folder / "facts.md"), str(folder / f"d{index:03}.md"),
                            "--format", "json"], env=env, stdout=subprocess.DEVNULL, check=False)  # fmt: skip
        separate = (time.perf_counter() - started) / sample * args.pairs
        print(f"{args.pairs} pairs, one --batch call:   {batch:7.2f} s    (--jobs 1: {batch_one:.2f} s; target <= 2 s)")
        print(f"{args.pairs} separate processes:        {separate:7.2f} s    (20 run, the rest extrapolated)")

        runs = [compose_run(env, Path(tempfile.mkdtemp(dir=home))) for _ in range(max(3, args.runs // 2))]
        first, whole, peak = (statistics.median(values) for values in zip(*runs, strict=True))
        print("drafter compose, 5 sections, scripted endpoint without latency:")
        print(f"  first request after launch:   {first:7.3f} s    (target <= 0.5 s)")
        print(f"  whole run:                    {whole:7.3f} s    (target <= 0.8 s)")
        print(f"  peak memory:                  {peak:7.1f} MB   (target <= 80 MB)")


if __name__ == "__main__":
    main()
