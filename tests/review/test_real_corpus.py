"""The real-text corpus (fixtures/real/): passages in the shapes of real 统计公报, 政府工作报告, 工作总结, school,
company and budget reports, each with a faithful draft and drafts with the errors models make. Scored by
bench/score_real.py, run as a reviewer would run it; the goals are issue 7's."""

import json
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent
CORPUS = ROOT / "fixtures" / "real"


def test_the_corpus_is_varied():
    passages = sorted(CORPUS.glob("*/expected.toml"))
    sources = {tomllib.loads(path.read_text(encoding="utf-8"))["source"] for path in passages}
    assert len(passages) >= 15 and len(sources) >= 6


def test_every_case_is_judged_as_a_careful_reviewer_would():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "score_real.py"), "--json"], capture_output=True, text=True, check=True
    )
    score = json.loads(result.stdout)
    assert score["problems"] == []
    assert score["cases"] >= 3 * score["passages"] and score["passed"] == score["cases"]
    assert score["false_alarms"] == score["missed_errors"] == score["missed_inventions"] == 0
    assert score["not_read"] == 0
    assert score["noise"] <= score["passages"] / 5
