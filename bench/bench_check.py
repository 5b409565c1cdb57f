"""Benchmark: drafter's figure extraction + matching against cn2an.transform on the same large draft.

The draft is the seed samples repeated to at least 300,000 characters; the facts are the union-2023h1 fixture
(whose figures come from the first sample). Prints best-of-N times, the ratio to cn2an, and how drafter's time
grows from 30k to 300k characters. Run: .venv/bin/python bench/bench_check.py  (needs `pip install -e '.[bench]'`)
"""

from __future__ import annotations

import argparse
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from drafter.documents.facts import read_facts
from drafter.figures import extract_figures
from drafter.review.check import check_draft

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "work-summary-samples.txt"
FALLBACK = ROOT / "fixtures" / "union-2023h1" / "draft-faithful.md"


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--size", type=int, default=300_000)
    args = parser.parse_args()

    source = SEED if SEED.exists() else FALLBACK
    seed = source.read_text(encoding="utf-8")
    big = seed * (args.size // len(seed) + 1)
    facts = read_facts(ROOT / "fixtures" / "union-2023h1" / "facts.md")
    print(f"text: {source.name} repeated to {len(big):,} characters; facts: union-2023h1 ({facts.path})")

    import cn2an

    warnings.simplefilter("ignore")  # cn2an warns on every set phrase it cannot read
    # Interleaved, best of each: a machine's passing load (a shared VM's) falls on both sides alike.
    ours = theirs = float("inf")
    for _ in range(args.runs):
        ours = min(ours, best_of(1, lambda: check_draft(facts, big)))
        theirs = min(theirs, best_of(1, lambda: cn2an.transform(big, "cn2an")))
    report = check_draft(facts, big)
    print(f"drafter check (extract + match): {ours * 1000:8.1f} ms  ({len(extract_figures(big)):,} figures)")
    print(f"cn2an.transform:                 {theirs * 1000:8.1f} ms")
    print(f"ratio drafter / cn2an:           {ours / theirs:8.3f}  (target <= 0.333)")
    print(f"report on the big draft: {report.counts}")

    print("\ngrowth (drafter check):")
    print(f"{'characters':>12} {'ms':>9} {'µs per 1k chars':>16}")
    for size in (30_000, 60_000, 120_000, 300_000):
        text = big[:size]
        seconds = best_of(args.runs, lambda text=text: check_draft(facts, text))
        print(f"{size:>12,} {seconds * 1000:>9.1f} {seconds / size * 1e9:>16.1f}")


if __name__ == "__main__":
    main()
