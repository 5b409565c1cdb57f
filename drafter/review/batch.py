"""A reviewer's batch: many drafts checked in one process (or a few), each exactly as `drafter check` alone would.

A batch is a list of `Pair`s — from `drafter check --facts F A B C`, or from a CSV with the header row `facts,draft`
(`read_batch`). `check_pairs` yields one `Checked` per pair, in input order: the pair's JSON report (the very dict
`drafter check --format json` prints for it), its exit code, or why it could not be read. One unreadable file
never stops the batch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from drafter.errors import EXIT_FIGURES, EXIT_INPUT, EXIT_OK, DrafterError, FactsError, UsageError
from drafter.messages import Phrase, phrase, system_language

# The CSV's columns (also accepted in Chinese, as a spreadsheet made by a writer may have them).
FACTS_COLUMNS = ("facts", "事实")
DRAFT_COLUMNS = ("draft", "草稿")

# Below this many pairs a batch runs in the one process: starting workers would cost more than it saves.
PAIRS_PER_WORKER = 64


@dataclass(frozen=True, slots=True)
class Pair:
    """One draft to check against one facts file; `columns` are the CSV row's other cells, carried through."""

    facts: str
    draft: str
    columns: dict[str, str] = field(default_factory=dict)
    row: int | None = None  # the CSV line it came from


@dataclass(frozen=True, slots=True)
class Checked:
    """What checking one pair gave: its report (as `report_json`), or the error that stopped it."""

    pair: Pair
    exit_code: int
    language: str
    report: dict[str, Any] | None = None
    problems: int = 0  # altered + missing (+ unsupported when strict): how bad, for the worst-first order
    warnings: tuple[str, ...] = ()
    error: tuple[str, str] | None = None  # (message, hint), in `language`
    failure: Phrase | str | None = None  # what stopped it, without the file's name (said in any language)

    def verdict(self, language: str, *, strict: bool = False) -> str:
        """The one-line verdict, or what stopped the check, in `language`."""
        if self.report is None:
            return self.failure.text(language) if isinstance(self.failure, Phrase) else self.failure or ""
        from drafter.review.report import verdict_line

        return verdict_line(self.report["ok"], self.report["counts"], language, strict=strict)

    def brief(self) -> Checked:
        """The same without the figures' lists (what a table and the count need): a batch of thousands streamed as
        lines keeps no more than this of each."""
        if self.report is None:
            return self
        kept: dict[str, Any] = {key: self.report[key] for key in ("ok", "counts", "draft") if key in self.report}
        return replace(self, report=kept)

    def json(self) -> dict[str, Any]:
        """One line of `--format jsonl`: the check's own report, and where it came from."""
        out: dict[str, Any] = {"facts_path": self.pair.facts, "draft_path": self.pair.draft}
        if self.pair.columns:
            out["columns"] = self.pair.columns
        out["exit_code"] = self.exit_code
        if self.warnings:
            out["warnings"] = list(self.warnings)
        if self.error is not None:
            out["error"] = {"message": self.error[0], "hint": self.error[1]}
        return {**out, **(self.report or {})}


def pairs_for(facts: str, drafts: Sequence[str]) -> list[Pair]:
    return [Pair(facts, draft) for draft in drafts]


def read_batch(path: str, facts: str | None = None) -> list[Pair]:
    """The pairs of a batch list: a CSV (UTF-8, or GB18030 as Excel saves it on a Chinese system) whose header row
    names `facts` and `draft` (more columns may follow). Paths are relative to the CSV's folder; with `facts`
    (`--facts`) the facts column may be left out, or a cell left empty."""
    import csv

    from drafter.documents.text import read_text

    text = read_text(path, "list").text
    rows = list(csv.reader(text.splitlines()))
    while rows and not any(cell.strip() for cell in rows[0]):
        rows.pop(0)
    if not rows:
        raise UsageError(phrase("batch_empty", path=path), phrase("batch_header_hint"))
    header = [cell.strip() for cell in rows[0]]
    lowered = [cell.lower() for cell in header]
    draft_at = _column(lowered, DRAFT_COLUMNS)
    facts_at = _column(lowered, FACTS_COLUMNS)
    if draft_at is None or (facts_at is None and facts is None):
        raise UsageError(phrase("batch_header", path=path, header=",".join(header)), phrase("batch_header_hint"))
    folder = Path(path).parent
    pairs = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [*row, *[""] * (len(header) - len(row))]
        given_facts = cells[facts_at].strip() if facts_at is not None else ""
        draft = cells[draft_at].strip()
        others = {name: cells[index] for index, name in enumerate(header) if index not in (draft_at, facts_at) and name}
        pairs.append(Pair(_beside(folder, given_facts) or facts or "", _beside(folder, draft), others, number))
    if not pairs:
        raise UsageError(phrase("batch_no_pairs", path=path), phrase("batch_header_hint"))
    return pairs


def _beside(folder: Path, cell: str) -> str:
    """A path in the list, relative to the list's folder ("-" kept as it is, to be refused on its row)."""
    return cell if cell in ("", "-") else str(folder / cell)


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    return next((index for index, cell in enumerate(header) if cell in names), None)


def check_pairs(pairs: Sequence[Pair], *, jobs: int | None, encoding: str | None, strict: bool) -> Iterator[Checked]:
    """Each pair checked, in input order; with more than one job, in worker processes."""
    from functools import partial

    work = partial(check_pair, encoding=encoding, strict=strict)
    chosen = jobs if jobs is not None else default_jobs(len(pairs))
    if chosen <= 1 or len(pairs) <= 1:
        yield from map(work, pairs)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=chosen, mp_context=context) as pool:
        yield from pool.map(work, pairs, chunksize=max(1, len(pairs) // (chosen * 8)))


def default_jobs(pairs: int) -> int:
    return max(1, min(os.cpu_count() or 1, pairs // PAIRS_PER_WORKER))


_facts: dict[tuple[str, float], Any] = {}  # per process: a batch checks many drafts against few facts files


def check_pair(pair: Pair, *, encoding: str | None = None, strict: bool = False) -> Checked:
    """One pair, exactly as `drafter check --format json` would check it; an error is the pair's result."""
    from drafter.documents.drafts import read_draft
    from drafter.review.check import check_draft
    from drafter.review.report import report_json

    language = system_language()
    try:
        if not pair.draft or not pair.facts:
            raise UsageError(phrase("batch_row_incomplete", row=pair.row or 0), phrase("batch_header_hint"))
        if "-" in (pair.draft, pair.facts):
            raise UsageError(phrase("batch_row_stdin", row=pair.row or 0), phrase("batch_header_hint"))
        document, language = _facts_of(pair.facts)
        draft = read_draft(pair.draft, encoding)
    except DrafterError as error:
        message, hint = error.localized(error.language or language)
        return Checked(pair, error.exit_code, language, error=(message, hint), failure=error.phrases(located=False)[0])
    report = check_draft(document, draft.text)
    counts = report.counts
    problems = counts["altered"] + counts["missing"] + (counts["unsupported"] if strict else 0)
    failed = not report.ok or (strict and bool(report.unsupported))
    return Checked(
        pair, EXIT_FIGURES if failed else EXIT_OK, language, report_json(report, draft, language), problems,
        tuple(warning.text(language) for warning in document.warnings),
    )  # fmt: skip


def _facts_of(path: str) -> tuple[Any, str]:
    """The facts document at `path` and its language, read once per process (an error, too, is remembered)."""
    from drafter.documents.facts import facts_language, read_facts
    from drafter.review.check import require_figures

    try:
        key = (path, os.stat(path).st_mtime)
    except OSError:
        key = (path, -1.0)
    if key not in _facts:
        try:
            document = read_facts(path)
            language = facts_language(document)
            require_figures(document)
            _facts[key] = (document, language)
        except FactsError as error:
            from drafter.documents.text import language_of_file

            error.language = error.language or language_of_file(path) or system_language()
            _facts[key] = error
    found = _facts[key]
    if isinstance(found, DrafterError):
        raise found
    return found  # type: ignore[no-any-return]


def worst_first(results: Iterable[Checked]) -> list[Checked]:
    """Unreadable first, then the drafts with the most problems, then the good ones; input order within each."""
    return sorted(results, key=lambda item: (item.exit_code != EXIT_INPUT, -item.problems, -item.exit_code))


def tally(results: Iterable[Checked]) -> dict[str, int]:
    """How many drafts passed, had problems, could not be read; and the batch's exit code (the worst)."""
    counts = {"drafts": 0, "ok": 0, "problems": 0, "unreadable": 0, "exit_code": EXIT_OK}
    for checked in results:
        counts["drafts"] += 1
        kind = {EXIT_OK: "ok", EXIT_FIGURES: "problems"}.get(checked.exit_code, "unreadable")
        counts[kind] += 1
        counts["exit_code"] = max(counts["exit_code"], checked.exit_code)
    return counts
