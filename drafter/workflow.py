"""A whole `drafter compose` run, end to end: settings, pack, model, run log, compose, files written.

The CLI gives a `ComposeRequest` and prints the `ComposeRun` it gets back; this module prints nothing.
"""

from __future__ import annotations

import dataclasses
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.compose import ComposeListener, ComposeOptions, ComposeResult, PromptPreview, compose, preview_prompts
from drafter.config import Settings, load_settings
from drafter.errors import EXIT_BUG, EXIT_FIGURES, EXIT_INTERRUPTED, EXIT_MODEL, EXIT_OK, DrafterError
from drafter.facts import FactsDocument, facts_text, read_facts, require_facts
from drafter.files import replace_keeping_backup, write_atomic
from drafter.models import model_choice, open_model
from drafter.packs import Pack, load_pack
from drafter.problems import Problem
from drafter.report import language_of, report_json
from drafter.resume import SectionStore, state_path
from drafter.runlog import RunLog
from drafter.tokens import context_window

DEFAULT_KIND = {"zh": "work-summary", "en": "work-summary-en"}


@dataclass(frozen=True)
class ComposeRequest:
    facts: Path
    out: Path | None = None
    report: Path | None = None
    kind: str | None = None
    prompts: tuple[Path, ...] = ()
    settings_flags: dict[str, Any] = field(default_factory=dict)  # model, profile, jobs, max_repairs, max_tokens
    lock_figures: bool = False
    strict: bool = False
    allow_unsupported: bool = False
    fix_figures: bool = True
    max_tokens_total: int | None = None
    cache: bool = False
    log: bool = True
    fresh: bool = False
    overwrite: bool = False  # replace an existing draft without keeping a numbered backup

    @property
    def draft_path(self) -> Path:
        return self.out or self.facts.with_name(f"{self.facts.stem}.draft.md")


@dataclass
class ComposeRun:
    result: ComposeResult
    facts_path: Path
    draft_path: Path
    report_path: Path | None
    backup: Path | None
    run_id: int | None
    pack: Pack
    exit_code: int


@dataclass
class Preview:
    pack: Pack
    model: str
    offline: bool
    context_window: int
    window_known: bool
    prompts: list[PromptPreview]


def choose_pack(document: FactsDocument, kind: str | None, prompts: tuple[Path, ...]) -> Pack:
    """`--kind`, else `kind:` in the front matter, else the default pack for the facts' language."""
    language = language_of(facts_text(document) or document.title)
    chosen = kind or document.meta.get("kind") or DEFAULT_KIND[language]
    return load_pack(chosen, list(prompts))


def _options(request: ComposeRequest, settings: Settings) -> ComposeOptions:
    return ComposeOptions(
        jobs=settings.jobs,
        max_repairs=settings.max_repairs,
        lock_figures=request.lock_figures,
        strict=request.strict,
        allow_unsupported=request.allow_unsupported,
        fix_figures=request.fix_figures,
        max_tokens=settings.max_tokens,
        max_tokens_total=request.max_tokens_total,
        cache=request.cache,
    )


def compose_report_json(result: ComposeResult) -> dict[str, Any]:
    """The figure report of the draft (the `drafter check` contract), whose `ok` is the run's one verdict, and per
    section whether its text passed and what is still wrong with it."""
    return {
        **report_json(result.report),
        "ok": result.ok,
        "sections": [
            {
                "title": outcome.plan.title,
                "heading": outcome.plan.heading,
                "ok": outcome.ok and outcome.text is not None,
                "reused": outcome.reused,
                "attempts": [
                    {
                        "purpose": attempt.purpose,
                        "problems": [str(problem.kind) for problem in attempt.problems],
                        "prompt_tokens": attempt.prompt_tokens,
                        "completion_tokens": attempt.completion_tokens,
                    }
                    for attempt in outcome.attempts
                ],
                "problems": [_problem_json(problem) for problem in outcome.problems],
            }
            for outcome in result.sections
        ],
        "fixes": [
            {"section": fix.section, "from": fix.wrong, "to": fix.right, "line": fix.line} for fix in result.fixes
        ],
    }


def _problem_json(problem: Problem) -> dict[str, str]:
    return {"kind": str(problem.kind), "figure": problem.figure, "fact": problem.fact, "found": problem.found}


def preview(request: ComposeRequest) -> Preview:
    """`--dry-run`: every prompt rendered and counted, the context budget; no model is opened or called."""
    document = require_facts(read_facts(request.facts))
    settings = load_settings(request.settings_flags)
    pack = choose_pack(document, request.kind, request.prompts)
    choice = model_choice(settings)
    offline = choice == "offline"
    window, known = context_window(choice, settings.context_window)
    prompts = preview_prompts(document, pack, choice, _options(request, settings), offline=offline)
    return Preview(pack, choice, offline, window, known, prompts)


def _failure_status(error: BaseException) -> tuple[str, int]:
    if isinstance(error, KeyboardInterrupt):
        return "interrupted", EXIT_INTERRUPTED
    if isinstance(error, DrafterError):
        return "failed", error.exit_code
    return "crashed", EXIT_BUG


def run_compose(request: ComposeRequest, listener: ComposeListener | None = None) -> ComposeRun:
    """Compose and write the draft (and the JSON report); a failed model still leaves what was drafted."""
    started = time.monotonic()
    document = require_facts(read_facts(request.facts))
    settings = load_settings(request.settings_flags)
    pack = choose_pack(document, request.kind, request.prompts)
    options = _options(request, settings)
    model = open_model(settings, jobs=options.jobs)
    runlog = None
    run_id = None
    try:
        runlog = RunLog() if request.log else None
        if runlog is not None:
            run_id = runlog.start_run(
                facts=str(request.facts), kind=pack.name, model=model.name, endpoint=model.endpoint,
                options=dataclasses.asdict(options),
            )  # fmt: skip
        store = SectionStore(state_path(request.draft_path), fresh=request.fresh)
        try:
            result = compose(
                document, pack, model, options, listener=listener, store=store, runlog=runlog, run_id=run_id or 0
            )
        except BaseException as error:
            if runlog is not None and run_id is not None:
                status, code = _failure_status(error)
                runlog.finish_run(
                    run_id, status=status, exit_code=code, prompt_tokens=0, completion_tokens=0,
                    seconds=time.monotonic() - started, report=None,
                )  # fmt: skip
                runlog.close()
            raise
    finally:
        model.close()
    backup = None
    if request.overwrite:
        write_atomic(request.draft_path, result.draft)
    else:
        backup = replace_keeping_backup(request.draft_path, result.draft)
    report = compose_report_json(result)
    if request.report is not None:
        write_atomic(request.report, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    exit_code = EXIT_MODEL if result.failure else EXIT_OK if result.ok else EXIT_FIGURES
    if runlog is not None and run_id is not None:
        status = "model failed" if result.failure else "ok" if result.ok else "figures wrong"
        runlog.finish_run(
            run_id, status=status, exit_code=exit_code, prompt_tokens=result.prompt_tokens,
            completion_tokens=result.completion_tokens, seconds=time.monotonic() - started, report=report,
        )  # fmt: skip
        runlog.close()
    return ComposeRun(
        result,
        request.facts,
        request.draft_path,
        request.report,
        backup,
        run_id,
        pack,
        exit_code,
    )
