"""The figure engine's work grows linearly with its input, on the shapes that once made it quadratic.

Measured without a clock (timings belong in bench/bench_scale.py): the number of function calls, Python and C,
counted by a profiler hook, and the peak of traced memory — both the same on every run and every machine. An
input four times longer may cost at most five times as much; a quadratic step would cost sixteen.
"""

from __future__ import annotations

import sys
import tracemalloc
from collections.abc import Callable

import pytest

from drafter.documents.facts import parse_facts
from drafter.review.check import check_draft

FACT = "## 主要工作\n- 走访困难职工2848户，发放慰问金323.062万元\n"


def _cost(work: Callable[[], object]) -> tuple[int, int]:
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    tracemalloc.start()
    sys.setprofile(count)
    try:
        work()
    finally:
        sys.setprofile(None)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return calls, peak


SHAPES: dict[str, Callable[[int], tuple[str, str]]] = {
    "1,1,1,…": lambda n: (FACT, ",".join(["1"] * (n // 2))),
    "1、1、…": lambda n: (FACT, "1、" * (n // 2)),
    "1 1 1 …": lambda n: (FACT, " ".join(["1"] * (n // 2))),
    "1,000,000…": lambda n: (FACT, "1" + ",000" * (n // 4) + ".5"),
    "1万1万…": lambda n: (FACT, "1万" * (n // 2)),
    "万万万…": lambda n: (FACT, "三" + "万" * n + "元"),
    "一个数字写在所有地方": lambda n: (
        "## 主要工作\n- " + "，".join(["走访困难职工2848户"] * (n // 10)) + "\n",
        "，".join(["走访困难职工2848户"] * (n // 10)),
    ),
    "一个数字全被改动": lambda n: (
        "## 主要工作\n- " + "，".join(["走访困难职工2848户"] * (n // 20)) + "\n",
        "，".join(["走访困难职工2849户"] * (n // 20)),
    ),
    "事实只给一次，草稿写了很多次": lambda n: (
        "## 主要工作\n- " + "，".join(["走访困难职工2848户"] * (n // 40)) + "\n",
        "，".join(["走访困难职工2848户"] * (n // 10)),
    ),
    "一条要点对照自己": lambda n: (
        "## 主要工作\n- " + "，".join(f"项目{i}投入{i * 7 + 3}万元" for i in range(n // 12)) + "\n",
        "，".join(f"项目{i}投入{i * 7 + 3}万元" for i in range(n // 12)),
    ),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_checking_grows_linearly(shape):
    costs = []
    for size in (2_000, 8_000):
        facts, draft = SHAPES[shape](size)
        document = parse_facts(facts)
        costs.append(_cost(lambda: check_draft(document, draft)))  # noqa: B023 — called at once
    (small_calls, small_peak), (large_calls, large_peak) = costs
    assert large_calls <= 5 * small_calls, f"{shape}: {small_calls} calls at 2k characters, {large_calls} at 8k"
    assert large_peak <= 5 * small_peak + 200_000, f"{shape}: {small_peak} bytes at 2k, {large_peak} at 8k"
