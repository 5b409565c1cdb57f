"""Benchmark: `drafter check` at a hostile scale, each case in a fresh process (time and peak memory).

Target (issue 9): any input of n characters in O(n log n) time and O(n) memory; a 10 MB draft against 1,000
facts under 10 s and 300 MB. The cases are the shapes that once grew quadratically: one figure given by
thousands of facts and written thousands of times, one bullet of thousands of figures checked against itself,
number runs that look like lists (`1,1,1,…`, `1、1、…`, `1 1 1 …`, `1,000,000…`), and the genre at scale (the
seed samples' facts, and a draft of the samples repeated to 10 MB).

Run: .venv/bin/python bench/bench_scale.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "work-summary-samples.txt"
FALLBACK = ROOT / "fixtures" / "union-2023h1" / "draft-faithful.md"


def _genre_facts(count: int) -> str:
    """`count` facts in the genre's shape, each with three figures, in ten sections."""
    lines = []
    for section in range(10):
        lines.append(f"## 第{section + 1}项工作")
        for i in range(count // 10):
            n = section * 1000 + i
            money = f"{n * 7 + 13}.{n % 100:02d}万元"
            lines.append(f"- 第{n}号项目投入资金{money}，惠及群众{n * 3 + 101}户，同比增长{n % 40 + 1}.{n % 9}%")
    return "\n".join(lines) + "\n"


def _genre_draft(size: int, facts: str) -> str:
    """The facts rewritten as prose, then the seed samples until `size` characters."""
    prose = [line[2:].replace("，惠及群众", "，共惠及群众") + "。" for line in facts.splitlines() if line[:2] == "- "]
    body = "".join(prose)
    source = SEED if SEED.exists() else FALLBACK
    filler = source.read_text(encoding="utf-8")
    repeats = max(1, (size - len(body)) // len(filler) + 1)
    return (body + "\n" + filler * repeats)[:size]


def _one_fact(text: str) -> str:
    return f"## 主要工作\n- {text}\n"


def _repeated(times: int, text: str = "走访困难职工2848户") -> str:
    return "，".join([text] * times)


def _projects(chars: int) -> str:
    return "，".join(f"项目{i}投入{i * 7 + 3}万元" for i in range(chars // 12))[:chars]


def _genre(quick: bool) -> tuple[str, str]:
    facts = _genre_facts(1000)
    return facts, _genre_draft(1_000_000 if quick else 10_000_000, facts)


ANY = _one_fact("走访困难职工2848户")
CASES: dict[str, Callable[[bool], tuple[str, str]]] = {
    "10 MB draft, 1,000 facts": _genre,
    "one figure: 4,000 facts × 4,000 places": lambda quick: (_one_fact(_repeated(4000)), _repeated(4000)),
    "one figure altered: 2,000 × 2,000": lambda quick: (
        _one_fact(_repeated(2000)),
        _repeated(2000, "走访困难职工2849户"),
    ),
    "one 100k-character bullet vs itself": lambda quick: (_one_fact(_projects(100_000)), _projects(100_000)),
    "1,1,1,… 1 MB": lambda quick: (ANY, ",".join(["1"] * 500_000)),
    "1、1、… 1 MB": lambda quick: (ANY, "1、" * 500_000),
    "1 1 1 … 1 MB": lambda quick: (ANY, " ".join(["1"] * 500_000)),
    "1,000,000… 1 MB": lambda quick: (ANY, "1" + ",000" * 250_000 + ".5"),
    "万万万… 1 MB": lambda quick: (ANY, "三" + "万" * 1_000_000 + "元"),
}


def _child(name: str, quick: bool) -> None:
    from drafter.documents.facts import parse_facts
    from drafter.review.check import check_draft

    facts, draft = CASES[name](quick)
    document = parse_facts(facts, "facts.md")
    start = time.perf_counter()
    report = check_draft(document, draft)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "chars": len(draft), "figures": len(report.figures)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a 1 MB genre draft instead of 10 MB")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.quick)
        return
    print(f"{'case':42s} {'chars':>11s} {'seconds':>8s} {'peak MB':>8s}")
    for name in CASES:
        command = [sys.executable, __file__, "--child", name, *(["--quick"] if args.quick else [])]
        result = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
        print(f"{name:42s} {result['chars']:>11,d} {result['seconds']:>8.2f} {result['peak_mb']:>8.0f}")


if __name__ == "__main__":
    main()
