"""Score `drafter check` on the real-text corpus (fixtures/real/): what a reviewer would sign, figure by figure.

Each passage folder holds `facts.md`, a faithful draft, drafts with planted errors and `expected.toml` (the truth a
careful reviewer would defend: every figure the writer means, and per draft what was altered, deleted or invented).

    python bench/score_real.py [FOLDER…] [--json] [--verbose]

Prints, over the corpus: cases passed, false alarms (a right figure reported wrong), missed errors (a wrong figure
reported right, an invention not reported), noise in `unsupported` (entries that are no invention), and writer's
figures not read. `--json` prints the same as one object (tests/review/test_real_corpus.py reads it).
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from drafter.documents.facts import read_facts
from drafter.figures import ALTERED, EQUIVALENT, EXACT, MISSING
from drafter.review.check import check_draft, fact_figures

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "real"


@dataclass
class Score:
    passages: int = 0
    cases: int = 0
    passed: int = 0
    false_alarms: int = 0
    missed_errors: int = 0
    missed_inventions: int = 0
    mislabelled: int = 0  # an error caught under the other name (altered reported missing, or the reverse)
    noise: int = 0
    not_read: int = 0
    problems: list[str] = field(default_factory=list)


def _entry_spans(facts_text: str, entries: list[str], where: str, score: Score) -> dict[str, tuple[int, int]]:
    """Each `figures` entry (with #n for its n-th time) → its span in the facts file, found in order."""
    spans: dict[str, tuple[int, int]] = {}
    seen: dict[str, int] = {}
    position = 0
    for entry in entries:
        text = entry.split("#")[0]
        seen[text] = seen.get(text, 0) + 1
        name = text if seen[text] == 1 else f"{text}#{seen[text]}"
        at = facts_text.find(text, position)
        if at < 0:
            score.problems.append(f"{where}: figure {entry!r} not found in facts.md after offset {position}")
            continue
        spans[name] = (at, at + len(text))
        position = at + len(text)
    return spans


def _facts_only(text: str) -> str:
    """The facts file with its front matter and headings blanked out (same length): figures are in the bullets."""
    lines = text.split("\n")
    front = lines[0].strip() == "---"
    out = []
    for index, line in enumerate(lines):
        if front and index > 0 and line.strip() == "---":
            front = False
            out.append(" " * len(line))
        elif front or line.lstrip().startswith("#"):
            out.append(" " * len(line))
        else:
            out.append(line)
    return "\n".join(out)


def _offset(text: str, line: int, column: int) -> int:
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    return starts[line - 1] + column - 1


def score_passage(folder: Path, score: Score) -> None:
    where = folder.name
    truth = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
    facts_path = folder / "facts.md"
    facts_text = facts_path.read_text(encoding="utf-8")
    document = read_facts(facts_path)
    spans = _entry_spans(_facts_only(facts_text), truth["figures"], where, score)
    read = [
        (_offset(facts_text, item.line, item.column), len(item.expected.figure.text), index)
        for index, item in enumerate(fact_figures(document))
    ]
    readings: dict[str, list[int]] = {}  # entry → the fact figures drafter reads inside it (1月5日至25日: two)
    for name, (start, end) in spans.items():
        inside = [index for s, n, index in read if s < end and start < s + n]
        if not inside:
            score.not_read += 1
            score.problems.append(f"{where}: the writer's figure {name!r} is not read")
            continue
        readings[name] = inside
    score.passages += 1
    for draft_name, expected in truth.get("drafts", {}).items():
        score.cases += 1
        before = (score.false_alarms, score.missed_errors, score.missed_inventions, score.mislabelled, score.noise)
        text = (folder / draft_name).read_text(encoding="utf-8")
        report = check_draft(document, text)
        altered, missing = expected.get("altered", {}), set(expected.get("missing", []))
        for name, inside in readings.items():
            results = [report.figures[index] for index in inside]
            want = ALTERED if name in altered else MISSING if name in missing else "ok"
            statuses = {result.status for result in results}
            got = MISSING if statuses == {MISSING} else ALTERED if statuses - {EXACT, EQUIVALENT} else "ok"
            found = ", ".join(o.figure.text for result in results for o in result.found)
            case = f"{where}/{draft_name}: {name}"
            if want == "ok" and got != "ok":
                score.false_alarms += 1
                score.problems.append(f"{case} is right but reported {got} (found: {found or '—'})")
            elif want != "ok" and got == "ok":
                score.missed_errors += 1
                score.problems.append(f"{case} is {want} but reported {got} (found: {found})")
            elif want != got:
                score.mislabelled += 1
                score.problems.append(f"{case} is {want} but reported {got} (found: {found or '—'})")
        unsupported = [o.figure.text for o in report.unsupported]
        for invented in expected.get("invented", []):
            hit = next((u for u in unsupported if invented in u or u in invented), None)
            if hit is None:
                score.missed_inventions += 1
                score.problems.append(f"{where}/{draft_name}: invented {invented!r} not reported")
            else:
                unsupported.remove(hit)
        for entry in unsupported:
            score.noise += 1
            score.problems.append(f"{where}/{draft_name}: noise in unsupported: {entry!r}")
        after = (score.false_alarms, score.missed_errors, score.missed_inventions, score.mislabelled, score.noise)
        score.passed += after == before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    folders = args.folders or sorted(path for path in CORPUS.iterdir() if (path / "expected.toml").is_file())
    score = Score()
    for folder in folders:
        score_passage(folder, score)
    if args.json:
        print(json.dumps(asdict(score), ensure_ascii=False, indent=2))
        return 0
    if args.verbose:
        print("\n".join(score.problems))
        print()
    print(f"passages {score.passages}, cases passed {score.passed}/{score.cases}")
    print(f"false alarms {score.false_alarms}, missed errors {score.missed_errors}, "
          f"missed inventions {score.missed_inventions}, mislabelled {score.mislabelled}")  # fmt: skip
    print(f"noise in unsupported {score.noise} ({score.noise / max(1, score.passages):.2f} per passage), "
          f"writer's figures not read {score.not_read}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
