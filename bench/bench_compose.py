"""Benchmark: compose wall time against the scripted OpenAI-compatible server with a fixed per-request latency.

Measures one section alone, five sections concurrently (--jobs 5) and five one after another (--jobs 1), and CLI
start-up (`drafter --help` against `python -c pass`). Targets: five concurrent sections within 1.3x one section's
time; `drafter --help` under 0.3 s.   Run: .venv/bin/python bench/bench_compose.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.documents.facts import parse_facts  # noqa: E402
from drafter.drafting.packs import load_pack  # noqa: E402
from drafter.drafting.pipeline import DraftOptions, draft_document  # noqa: E402
from drafter.models import Policy  # noqa: E402
from drafter.models.openai_backend import OpenAIModel  # noqa: E402
from tests.scripted_server import ScriptedServer  # noqa: E402

SECTIONS = {
    "主要工作": "元旦春节送温暖，发放慰问金323.062万元，走访困难职工2848户",
    "工作成果": "局工会荣获全国能源化学系统先进工会称号，表彰先进个人95名",
    "工作亮点": "建立困难职工帮扶基金，职工捐款71800元",
    "存在问题": "工会干部队伍建设薄弱",
    "下一步工作": "做好帮扶基金启动工作，年内走访困难职工3000户以上",
}


def faithful(body: dict[str, Any]) -> str:
    """A perfect model: the fact of the section it is asked for, as given (the bench knows its facts)."""
    prompt = body["messages"][1]["content"]
    return next(fact for fact in SECTIONS.values() if fact in prompt) + "。"


def facts(count: int) -> str:
    body = "".join(f"## {title}\n- {fact}\n\n" for title, fact in list(SECTIONS.items())[:count])
    return f"---\ntitle: 局工会2023年上半年工作总结\norganization: 局工会\nperiod: 2023年上半年\n---\n{body}"


def compose_seconds(server: ScriptedServer, sections: int, jobs: int, runs: int) -> float:
    pack = load_pack("work-summary")
    document = parse_facts(facts(sections))
    times = []
    for _ in range(runs):
        model = OpenAIModel("test-model", base_url=server.url, api_key="sk-bench", policy=Policy(timeout=30))
        started = time.perf_counter()
        result = draft_document(document, pack, model, DraftOptions(jobs=jobs))
        times.append(time.perf_counter() - started)
        model.close()
        assert result.report.ok, result.report.counts
    return statistics.median(times)


def startup(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency", type=float, default=0.5, help="seconds the server waits before each answer")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as home:
        os.environ["DRAFTER_HOME"] = home
        server = ScriptedServer(responder=faithful, latency=args.latency).start()
        try:
            one = compose_seconds(server, 1, 1, args.runs)
            concurrent = compose_seconds(server, 5, 5, args.runs)
            serial = compose_seconds(server, 5, 1, args.runs)
        finally:
            server.stop()
    print(f"scripted server latency {args.latency:.2f} s per request; median of {args.runs} runs")
    print(f"1 section:                 {one:6.3f} s")
    print(f"5 sections, --jobs 5:      {concurrent:6.3f} s   ({concurrent / one:.2f}x one section; target <= 1.3x)")
    print(f"5 sections, --jobs 1:      {serial:6.3f} s   ({serial / one:.2f}x one section)")

    drafter = str(Path(sys.executable).with_name("drafter"))
    help_seconds = startup([drafter, "--help"], 10)
    bare = startup([sys.executable, "-c", "pass"], 10)
    print(f"drafter --help:            {help_seconds:6.3f} s   (target < 0.3 s)")
    print(f"python -c pass:            {bare:6.3f} s")


if __name__ == "__main__":
    main()
