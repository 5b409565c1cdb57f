"""The compose command's service. `prepare` reads what a run needs once (the facts, the settings, the pack, the
sections, the language) and refuses outputs that are inputs; `run_compose` runs it (one run per draft, every
output checked before the first request, the pipeline with the run log listening, the files written) and says
how it ended; `preview` renders the prompts of a dry run. The CLI shows what it gets back; nothing here prints.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.config import Settings, load_settings
from drafter.documents.docx_writer import DocxLayout, signing_date
from drafter.documents.drafts import Draft
from drafter.documents.facts import FactsDocument, facts_language, read_facts, require_facts
from drafter.documents.files import (
    hold_lock,
    prepare_output,
    refuse_inputs_as_outputs,
    replace_keeping_backup,
    write_atomic,
)
from drafter.documents.outputs import check_layout, draft_bytes
from drafter.drafting.packs import DEFAULT_KIND, Pack, load_pack
from drafter.drafting.pipeline import (
    DraftListener,
    DraftOptions,
    DraftResult,
    Listeners,
    PromptPreview,
    draft_document,
    preview_prompts,
)
from drafter.drafting.problems import Problem
from drafter.drafting.prompting import SectionPlan, plan_sections
from drafter.drafting.resume import SectionStore, state_path
from drafter.drafting.runlog import RunLog
from drafter.errors import DrafterError, DraftError, run_exit_code, speaking
from drafter.messages import phrase
from drafter.models import endpoint_of, model_choice, open_model
from drafter.models.tokens import context_window
from drafter.review.report import report_format, report_json, report_markdown


@dataclass(frozen=True)
class ComposeRequest:
    facts: Path
    out: Path | None = None
    report: Path | None = None
    kind: str | None = None
    prompts: tuple[Path, ...] = ()
    settings_flags: dict[str, Any] = field(default_factory=dict)  # model, profile, jobs, max_repairs, max_tokens…
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
    today: dt.date | None = None  # the 成文日期 when the facts give no `date` (None: no 落款 date from today)
    encoding: str | None = None  # the facts file's, when it cannot be decided
    fonts: str | None = None  # the .docx font profile (None: the settings')
    template: Path | None = None  # a unit's own .docx template

    @property
    def draft_path(self) -> Path:
        return self.out or self.facts.with_name(f"{self.facts.stem}.draft.md")


def new_facts_path(directory: Path, today: dt.date) -> Path:
    """Where a session started without --facts keeps its facts: facts-2026-11-25.md (or -2, -3 …)."""
    path = directory / f"facts-{today.isoformat()}.md"
    number = 2
    while path.exists():
        path = directory / f"facts-{today.isoformat()}-{number}.md"
        number += 1
    return path


@dataclass(frozen=True)
class Prepared:
    """A run before its first request: everything read once, and the sections it will draft."""

    request: ComposeRequest
    document: FactsDocument
    settings: Settings
    pack: Pack
    plans: tuple[SectionPlan, ...]
    language: str  # of the facts: what the run's messages speak

    @property
    def sections(self) -> list[tuple[str, str]]:
        """(title, heading) of each section to draft, in order."""
        return [(plan.title, plan.heading) for plan in self.plans]


@dataclass
class ComposeRun:
    result: DraftResult
    facts_path: Path
    draft_path: Path
    report_path: Path | None
    backup: Path | None
    run_id: int | None
    pack: Pack
    status: str  # "ok", "figures wrong" or "model failed"; errors.run_exit_code gives its exit code
    written: bool = True  # False when the model failed before any section: no draft of placeholders is written


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
    chosen = kind or document.meta.get("kind") or DEFAULT_KIND[facts_language(document)]
    return load_pack(chosen, list(prompts))


def prepare(request: ComposeRequest) -> Prepared:
    """Read the facts (once), the settings and the pack; refuse an output that is an input."""
    document = read_facts(request.facts, request.encoding)
    language = facts_language(document)
    with speaking(language):
        require_facts(document)
        settings = load_settings(request.settings_flags)
        pack = choose_pack(document, request.kind, request.prompts)
        refuse_inputs_as_outputs({"--facts": request.facts}, _outputs(request))
        check_layout(request.draft_path, _layout(request, settings, pack))
        plans = tuple(plan_sections(document, pack))
    return Prepared(request, document, settings, pack, plans, language)


def _layout(request: ComposeRequest, settings: Settings, pack: Pack) -> DocxLayout:
    template = request.template or (Path(settings.docx_template) if settings.docx_template else None)
    return DocxLayout(pack.language, request.fonts or settings.fonts, template)


def _outputs(request: ComposeRequest) -> dict[str, Path]:
    return {"--out": request.draft_path, **({"--report": request.report} if request.report else {})}


def _options(prepared: Prepared) -> DraftOptions:
    request, settings = prepared.request, prepared.settings
    return DraftOptions(
        jobs=settings.jobs,
        max_repairs=settings.max_repairs,
        lock_figures=request.lock_figures,
        strict=request.strict,
        allow_unsupported=request.allow_unsupported,
        fix_figures=request.fix_figures,
        max_tokens=settings.max_tokens,
        max_tokens_total=request.max_tokens_total,
        sign_off=sign_off(prepared.document, request.today, prepared.pack.language),
    )


def sign_off(document: FactsDocument, today: dt.date | None, language: str) -> tuple[str, str] | None:
    """落款 and 成文日期 when the facts name the organization: the front matter's `date`, else `today`."""
    organization = document.meta.get("organization", "").strip()
    date = signing_date(document.meta.get("date"), today, language)
    return (organization, date) if organization and date else None


def compose_report_json(result: DraftResult) -> dict[str, Any]:
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


def preview(prepared: Prepared) -> Preview:
    """`--dry-run`: every prompt rendered and counted, the context budget; no model is opened or called."""
    settings = prepared.settings
    choice = model_choice(settings)
    offline = choice == "offline"
    window, known = context_window(choice, settings.context_window)
    options = _options(prepared)
    prompts = preview_prompts(prepared.document, prepared.pack, choice, options, offline=offline)
    return Preview(prepared.pack, choice, endpoint_of(settings), offline, window, known, prompts)


def run_compose(prepared: Prepared, listener: DraftListener | None = None) -> ComposeRun:
    """Draft and write the draft (and the JSON report); a failed model still leaves what was drafted.

    Before any request: no other run holds the draft, every output can be written. While drafting, the run log
    and the resume state are best-effort. A draft that cannot be written (a full disk) comes back inside the
    `DraftError` (`unsaved`), never lost."""
    listener = listener or DraftListener()
    request = prepared.request
    for warning in prepared.document.warnings:
        listener.notice(warning)

    def waiting(holder: str) -> None:
        listener.notice(phrase("waiting_for_lock", holder=holder))

    with hold_lock(request.draft_path, wait=request.wait, on_wait=waiting):
        for path in _outputs(request).values():
            prepare_output(path)
        return _run_locked(prepared, listener)


def _run_locked(prepared: Prepared, listener: DraftListener) -> ComposeRun:
    started = time.monotonic()
    request, document, pack = prepared.request, prepared.document, prepared.pack
    options = _options(prepared)
    model = open_model(prepared.settings, jobs=options.jobs)
    runlog = None
    run_id = None
    try:
        listener.run_started(model.name, model.endpoint)
        runlog = _open_runlog(listener) if request.log else None
        hearing = listener
        if runlog is not None:
            run_id = runlog.start_run(
                facts=str(request.facts), kind=pack.name, model=model.name, endpoint=model.endpoint,
                options={**dataclasses.asdict(options), "cache": request.cache},
            )  # fmt: skip
            hearing = Listeners(listener, runlog.listener(run_id))
        store = SectionStore(state_path(request.draft_path), fresh=request.fresh)
        cache = runlog if request.cache else None
        try:
            result = draft_document(document, pack, model, options, listener=hearing, store=store, cache=cache)
        except BaseException as error:
            if runlog is not None and run_id:
                status = "interrupted" if isinstance(error, KeyboardInterrupt) else "failed"
                status = status if isinstance(error, KeyboardInterrupt | DrafterError) else "crashed"
                runlog.finish_run(
                    run_id, status=status, exit_code=run_exit_code(status, error), prompt_tokens=0,
                    completion_tokens=0, seconds=time.monotonic() - started, report=None,
                )  # fmt: skip
                runlog.close()
            raise
    finally:
        model.close()
    if store.failure is not None:
        listener.notice(phrase("state_unsaved", reason=store.failure.localized("en")[0]))
    report = compose_report_json(result)
    status = "model failed" if result.failure else "ok" if result.ok else "figures wrong"
    written = result.failure is None or any(outcome.text is not None for outcome in result.sections)
    backup = None
    try:
        if written:
            backup = _write_draft(request, result.draft, _layout(request, prepared.settings, pack))
            if request.report is not None:
                write_atomic(request.report, _report_file(request.report, report, result, prepared))
    finally:
        if runlog is not None:
            if run_id:
                runlog.finish_run(
                    run_id, status=status, exit_code=run_exit_code(status), prompt_tokens=result.prompt_tokens,
                    completion_tokens=result.completion_tokens, seconds=time.monotonic() - started, report=report,
                )  # fmt: skip
            runlog.close()
    return ComposeRun(result, request.facts, request.draft_path, request.report, backup, run_id, pack, status, written)


def _report_file(path: Path, report: dict[str, Any], result: DraftResult, prepared: Prepared) -> str:
    """`--report` in the format its extension names: the review page (.html), Markdown (.md), else the JSON."""
    chosen = report_format(path, "json")
    language = prepared.pack.language
    if chosen == "html":
        from drafter.review.html import report_html

        return report_html(result.report, prepared.document, Draft(result.draft), language)
    if chosen == "markdown":
        return report_markdown(result.report, language)
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _write_draft(request: ComposeRequest, draft: str, layout: DocxLayout) -> Path | None:
    """Write the draft in its file's format (keeping a backup of a different old one); if it cannot be written,
    the error carries it."""
    try:
        data = draft_bytes(draft, request.draft_path, layout)
        if request.overwrite:
            write_atomic(request.draft_path, data)
            return None
        return replace_keeping_backup(request.draft_path, data)
    except DraftError as error:
        error.unsaved = draft
        raise


def _open_runlog(listener: DraftListener) -> RunLog | None:
    """The run log, or None (said once) when it cannot be opened: a log never stops a draft."""

    def failed(reason: str) -> None:
        listener.notice(phrase("runlog_off", reason=reason))

    try:
        return RunLog(on_failure=failed)
    except DrafterError as error:
        failed(error.message)
        return None
