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

from drafter.config import Settings, load_settings
from drafter.documents.facts import FactsDocument, language_text, read_facts, require_facts
from drafter.documents.files import (
    hold_lock,
    prepare_output,
    refuse_inputs_as_outputs,
    replace_keeping_backup,
    write_atomic,
)
from drafter.drafting.packs import Pack, load_pack
from drafter.drafting.pipeline import (
    ComposeListener,
    ComposeOptions,
    ComposeResult,
    PromptPreview,
    QuietListener,
    compose,
    preview_prompts,
)
from drafter.drafting.problems import Problem
from drafter.drafting.resume import SectionStore, state_path
from drafter.drafting.runlog import RunLog
from drafter.errors import EXIT_BUG, EXIT_FIGURES, EXIT_MODEL, EXIT_OK, DrafterError, DraftError, stop_code
from drafter.messages import phrase
from drafter.models import endpoint_of, model_choice, open_model
from drafter.models.tokens import context_window
from drafter.review.report import language_of, report_json

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
    wait: bool = False  # wait for another run writing the same draft, instead of stopping

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
    endpoint: str  # where a real run would send the facts (a URL, 'offline' or 'local:PATH')
    offline: bool
    context_window: int
    window_known: bool
    prompts: list[PromptPreview]


def choose_pack(document: FactsDocument, kind: str | None, prompts: tuple[Path, ...]) -> Pack:
    """`--kind`, else `kind:` in the front matter, else the default pack for the facts' language."""
    language = language_of(language_text(document))
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
    return Preview(pack, choice, endpoint_of(settings), offline, window, known, prompts)


def _failure_status(error: BaseException) -> tuple[str, int]:
    if isinstance(error, KeyboardInterrupt):
        return "interrupted", stop_code(error)
    if isinstance(error, DrafterError):
        return "failed", error.exit_code
    return "crashed", EXIT_BUG


def run_compose(request: ComposeRequest, listener: ComposeListener | None = None) -> ComposeRun:
    """Compose and write the draft (and the JSON report); a failed model still leaves what was drafted.

    Before any request: no output is an input, no other run holds the draft, every output can be written. While
    drafting, the run log and the resume state are best-effort. A draft that cannot be written (a full disk)
    comes back inside the `DraftError` (`unsaved`), never lost."""
    listener = listener or QuietListener()
    document = require_facts(read_facts(request.facts))
    settings = load_settings(request.settings_flags)
    pack = choose_pack(document, request.kind, request.prompts)
    outputs = {"--out": request.draft_path, **({"--report": request.report} if request.report else {})}
    refuse_inputs_as_outputs({"--facts": request.facts}, outputs)
    for warning in document.warnings:
        listener.notice(warning)

    def waiting(holder: str) -> None:
        listener.notice(phrase("waiting_for_lock", holder=holder))

    with hold_lock(request.draft_path, wait=request.wait, on_wait=waiting):
        for path in outputs.values():
            prepare_output(path)
        return _compose_locked(request, document, settings, pack, listener)


def _compose_locked(
    request: ComposeRequest, document: FactsDocument, settings: Settings, pack: Pack, listener: ComposeListener
) -> ComposeRun:
    started = time.monotonic()
    options = _options(request, settings)
    model = open_model(settings, jobs=options.jobs)
    runlog = None
    run_id = None
    try:
        listener.run_started(model.name, model.endpoint)
        runlog = _open_runlog(listener) if request.log else None
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
            if runlog is not None and run_id:
                status, code = _failure_status(error)
                runlog.finish_run(
                    run_id, status=status, exit_code=code, prompt_tokens=0, completion_tokens=0,
                    seconds=time.monotonic() - started, report=None,
                )  # fmt: skip
                runlog.close()
            raise
    finally:
        model.close()
    if store.failure is not None:
        listener.notice(phrase("state_unsaved", reason=store.failure.localized("en")[0]))
    report = compose_report_json(result)
    exit_code = EXIT_MODEL if result.failure else EXIT_OK if result.ok else EXIT_FIGURES
    try:
        backup = _write_draft(request, result.draft)
        if request.report is not None:
            write_atomic(request.report, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    finally:
        if runlog is not None:
            if run_id:
                status = "model failed" if result.failure else "ok" if result.ok else "figures wrong"
                runlog.finish_run(
                    run_id, status=status, exit_code=exit_code, prompt_tokens=result.prompt_tokens,
                    completion_tokens=result.completion_tokens, seconds=time.monotonic() - started, report=report,
                )  # fmt: skip
            runlog.close()
    return ComposeRun(result, request.facts, request.draft_path, request.report, backup, run_id, pack, exit_code)


def _write_draft(request: ComposeRequest, draft: str) -> Path | None:
    """Write the draft (keeping a backup of a different old one); if it cannot be written, the error carries it."""
    try:
        if request.overwrite:
            write_atomic(request.draft_path, draft)
            return None
        return replace_keeping_backup(request.draft_path, draft)
    except DraftError as error:
        error.unsaved = draft
        raise


def _open_runlog(listener: ComposeListener) -> RunLog | None:
    """The run log, or None (said once) when it cannot be opened: a log never stops a draft."""

    def failed(reason: str) -> None:
        listener.notice(phrase("runlog_off", reason=reason))

    try:
        return RunLog(on_failure=failed)
    except DrafterError as error:
        failed(error.message)
        return None
