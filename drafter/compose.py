"""Composing a draft: one prompt per section, drafted concurrently, every figure checked, and sections that lost
or changed a figure sent back, naming exactly which, until they pass or `max_repairs` is reached.

The result is plain data: the draft's Markdown, the figure report of the whole draft (the `drafter check`
contract), and per section its attempts and tokens. Nothing here prints; a listener hears progress.
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

from drafter.check import check_draft, known_figures
from drafter.errors import ModelError
from drafter.facts import FactsDocument
from drafter.figures import FigureReport, match_figures
from drafter.messages import Phrase, Words
from drafter.models import Completion, Message, Model
from drafter.packs import Pack
from drafter.prompting import (
    Problem,
    ProblemKind,
    SectionPlan,
    clean_section_text,
    draft_messages,
    figure_problems,
    plan_sections,
    repair_messages,
    template_context,
    unlock,
)
from drafter.resume import SavedSection, SectionStore, fingerprint
from drafter.runlog import RunLog, cache_key
from drafter.tokens import count_messages, count_tokens

MIN_USEFUL_TOKENS = 64


@dataclass(frozen=True)
class ComposeOptions:
    jobs: int = 4
    max_repairs: int = 2
    lock_figures: bool = False
    strict: bool = False  # also send back sections with figures no fact gives
    max_tokens: int | None = None  # per request; default: the pack's
    max_tokens_total: int | None = None  # across every attempt of every section
    cache: bool = False


@dataclass(slots=True)
class Attempt:
    purpose: str  # "draft" or "repair"
    problems: list[Problem]
    prompt_tokens: int
    completion_tokens: int
    tokens_from: str  # "api", "tiktoken", "estimate" or "cache"
    seconds: float
    truncated: bool


@dataclass(slots=True)
class SectionOutcome:
    plan: SectionPlan
    text: str | None = None
    ok: bool = False  # the text kept has no problem at all: every figure right, nothing cut off or empty
    problems: list[Problem] = field(default_factory=list)  # the kept text's problems
    attempts: list[Attempt] = field(default_factory=list)
    reused: bool = False
    error: ModelError | None = None
    budget_stopped: bool = False

    @property
    def prompt_tokens(self) -> int:
        return sum(a.prompt_tokens for a in self.attempts)

    @property
    def completion_tokens(self) -> int:
        return sum(a.completion_tokens for a in self.attempts)

    @property
    def estimated(self) -> bool:
        return any(a.tokens_from == "estimate" for a in self.attempts)

    @property
    def repairs(self) -> int:
        return sum(1 for a in self.attempts if a.purpose == "repair")


@dataclass(slots=True)
class ComposeResult:
    draft: str
    report: FigureReport
    sections: list[SectionOutcome]
    skipped: list[str]  # headings without facts
    model: str
    endpoint: str
    offline: bool
    failure: ModelError | None = None
    budget_exhausted: bool = False

    @property
    def ok(self) -> bool:
        """One verdict for the run: no model failure, every section drafted and without problems, and every figure
        of the assembled draft right. The exit code, the draft's warning, the summary and the JSON all use it."""
        return (
            self.failure is None
            and self.report.ok
            and all(outcome.ok and outcome.text is not None for outcome in self.sections)
        )

    @property
    def prompt_tokens(self) -> int:
        return sum(s.prompt_tokens for s in self.sections)

    @property
    def completion_tokens(self) -> int:
        return sum(s.completion_tokens for s in self.sections)

    @property
    def estimated(self) -> bool:
        return any(s.estimated for s in self.sections)


class ComposeListener(Protocol):
    def section_started(self, title: str, attempt: int, purpose: str) -> None: ...

    def section_text(self, title: str, delta: str) -> None: ...

    def section_retry(self, title: str, reason: Phrase, wait: float) -> None: ...

    def section_checked(self, title: str, attempt: Attempt) -> None: ...

    def section_finished(self, outcome: SectionOutcome) -> None: ...


class QuietListener:
    def section_started(self, title: str, attempt: int, purpose: str) -> None:
        pass

    def section_text(self, title: str, delta: str) -> None:
        pass

    def section_retry(self, title: str, reason: Phrase, wait: float) -> None:
        pass

    def section_checked(self, title: str, attempt: Attempt) -> None:
        pass

    def section_finished(self, outcome: SectionOutcome) -> None:
        pass


class TokenBudget:
    """`--max-tokens-total`: requests reserve prompt + output tokens before they go, and settle after."""

    def __init__(self, total: int | None) -> None:
        self.total = total
        self.spent = 0
        self._reserved = 0
        self._lock = threading.Lock()
        self.exhausted = False

    def reserve(self, prompt: int, wanted: int) -> int:
        """How many output tokens this request may ask for (0: the budget is spent)."""
        with self._lock:
            if self.total is None:
                self._reserved += prompt + wanted
                return wanted
            left = self.total - self.spent - self._reserved - prompt
            allowed = min(wanted, left)
            if allowed < MIN_USEFUL_TOKENS:
                self.exhausted = True
                return 0
            self._reserved += prompt + allowed
            return allowed

    def settle(self, reserved: int, used: int) -> None:
        with self._lock:
            self._reserved -= reserved
            self.spent += used


@dataclass
class _Run:
    """Everything the section threads share."""

    document: FactsDocument
    pack: Pack
    model: Model
    options: ComposeOptions
    listener: ComposeListener
    store: SectionStore | None
    runlog: RunLog | None
    run_id: int
    budget: TokenBudget
    known: list[Any]
    templates: str  # digest of the pack's templates: editing them drafts the sections again
    stop: threading.Event = field(default_factory=threading.Event)


def compose(
    document: FactsDocument,
    pack: Pack,
    model: Model,
    options: ComposeOptions,
    *,
    listener: ComposeListener | None = None,
    store: SectionStore | None = None,
    runlog: RunLog | None = None,
    run_id: int = 0,
) -> ComposeResult:
    """Draft every section with facts, check and repair its figures, and assemble the draft."""
    templates = [
        (directory / name).read_text(encoding="utf-8")
        for directory in pack.template_dirs
        for name in _TEMPLATE_FILES
        if (directory / name).is_file()
    ]
    run = _Run(
        document, pack, model, options, listener or QuietListener(), store, runlog, run_id,
        TokenBudget(options.max_tokens_total), known_figures(document), fingerprint(templates),
    )  # fmt: skip
    plans = plan_sections(document, pack, lock=options.lock_figures and not model.offline)
    outcomes = _draft_all(run, plans)
    failure = next((o.error for o in outcomes if o.error is not None), None)
    draft = assemble_draft(document, pack, outcomes)
    result = ComposeResult(
        draft=draft,
        report=check_draft(document, draft),
        sections=outcomes,
        skipped=[s.title for s in document.sections if not s.facts],
        model=model.name,
        endpoint=model.endpoint,
        offline=model.offline,
        failure=failure,
        budget_exhausted=run.budget.exhausted,
    )
    if not result.ok:
        result.draft = assemble_draft(document, pack, outcomes, warning=True)  # no figures in it: the report stands
    return result


def _draft_all(run: _Run, plans: list[SectionPlan]) -> list[SectionOutcome]:
    """Sections run concurrently, at most `jobs` at once, on daemon threads: an interruption (Ctrl-C) stops the
    run at once, and every section finished before it is already saved."""
    pending: queue.SimpleQueue[int] = queue.SimpleQueue()
    for index in range(len(plans)):
        pending.put(index)
    outcomes: list[SectionOutcome | None] = [None] * len(plans)
    failures: list[BaseException] = []

    def worker() -> None:
        while not run.stop.is_set():
            try:
                index = pending.get_nowait()
            except queue.Empty:
                return
            try:
                outcomes[index] = _draft_section(run, plans[index])
            except BaseException as error:  # handed to the main thread, which raises it
                failures.append(error)
                run.stop.set()

    threads = [
        threading.Thread(target=worker, name=f"section-{n}", daemon=True)
        for n in range(max(1, min(run.options.jobs, len(plans))))
    ]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(0.1)
    except BaseException:
        run.stop.set()
        raise
    if failures:
        raise failures[0]
    return [outcome for outcome in outcomes if outcome is not None]


def _section_key(run: _Run, plan: SectionPlan) -> str:
    return fingerprint(
        run.pack.name, run.templates, run.model.endpoint, run.model.name, run.options.lock_figures,
        run.options.strict, run.options.max_repairs, plan.heading, [f.text for f in plan.section.facts],
        run.document.meta,
    )  # fmt: skip


_TEMPLATE_FILES = ("system.j2", "section.j2", "repair.j2", "offline.j2")


def _draft_section(run: _Run, plan: SectionPlan) -> SectionOutcome:
    outcome = SectionOutcome(plan)
    key = _section_key(run, plan)
    saved = run.store.get(key) if run.store else None
    if saved is not None and saved.ok:  # a section that failed is drafted again, without --fresh
        outcome.text, outcome.ok, outcome.reused = saved.text, saved.ok, True
        run.listener.section_finished(outcome)
        return outcome
    lock = run.options.lock_figures and not run.model.offline
    context = template_context(run.document, run.pack, plan, lock=lock)
    messages = draft_messages(run.pack, context, offline=run.model.offline)
    best: tuple[int, str, list[Problem]] | None = None  # the attempt with the fewest problems, its text, them
    allowed = 1 if run.model.offline else run.options.max_repairs + 1  # the offline text is the facts themselves
    for attempt in range(1, allowed + 1):
        if run.stop.is_set():
            break
        purpose = "draft" if attempt == 1 else "repair"
        run.listener.section_started(plan.title, attempt, purpose)
        try:
            completion, tokens_from, prompt_tokens, completion_tokens = _ask(run, plan, attempt, purpose, messages)
        except _BudgetSpent:
            outcome.budget_stopped = True
            break
        except _Stopped:
            break
        except ModelError as error:
            outcome.error = error
            break
        raw = clean_section_text(completion.text, plan)
        text, problems = unlock(raw, plan) if lock else (raw, [])
        report = match_figures(list(plan.expected), text, run.known)
        problems = figure_problems(report, strict=run.options.strict) + problems
        if completion.truncated:
            problems.append(Problem(ProblemKind.TRUNCATED))
        if not text.strip():
            problems.append(Problem(ProblemKind.EMPTY))  # a section without figures would otherwise pass empty
        checked = Attempt(
            purpose, problems, prompt_tokens, completion_tokens, tokens_from, completion.seconds, completion.truncated
        )
        outcome.attempts.append(checked)
        run.listener.section_checked(plan.title, checked)
        if best is None or len(problems) <= best[0]:
            best = (len(problems), text, problems)
        if not problems:
            break
        messages = repair_messages(run.pack, context, raw, problems)
    if best is not None:
        outcome.text, outcome.ok, outcome.problems = best[1], best[0] == 0, best[2]
    finished = outcome.error is None and not outcome.budget_stopped and not run.stop.is_set()
    if finished and outcome.text is not None and run.store is not None:
        run.store.put(
            key,
            SavedSection(
                outcome.text, outcome.ok, len(outcome.attempts), outcome.prompt_tokens, outcome.completion_tokens
            ),
        )
    run.listener.section_finished(outcome)
    return outcome


class _BudgetSpent(Exception):
    pass


class _Stopped(Exception):
    """The run was interrupted: a streaming section stops reading."""


def _ask(
    run: _Run, plan: SectionPlan, attempt: int, purpose: str, messages: list[Message]
) -> tuple[Completion, str, int, int]:
    """One request (from the cache when allowed), within the token budget, logged."""
    model = run.model
    wanted = run.options.max_tokens or run.pack.max_tokens
    if model.offline:
        completion = model.execute(messages, max_tokens=None, listener=_SectionListener(run, plan.title))
        return completion, "api", 0, 0
    prompt_estimate = count_messages(messages, model.name)
    allowed = run.budget.reserve(prompt_estimate.tokens, wanted)
    if not allowed:
        raise _BudgetSpent
    key = cache_key(model.endpoint, model.name, messages, allowed)
    used = 0
    try:
        cached = run.runlog.cached(key) if run.options.cache and run.runlog else None
        if cached is not None:
            run.listener.section_text(plan.title, cached.text)
            completion = Completion(cached.text, cached.finish_reason)
            _log(run, plan, attempt, purpose, messages, key, completion, "cache", 0, 0, cached=True)
            return completion, "cache", 0, 0
        started = time.monotonic()
        try:
            completion = model.execute(messages, max_tokens=allowed, listener=_SectionListener(run, plan.title))
        except ModelError as error:
            _log(run, plan, attempt, purpose, messages, key, None, "", 0, 0, error=error.message,
                 seconds=time.monotonic() - started)  # fmt: skip
            raise
        if completion.prompt_tokens is not None and completion.completion_tokens is not None:
            tokens_from, prompt_tokens, completion_tokens = (
                "api",
                completion.prompt_tokens,
                completion.completion_tokens,
            )
        else:
            counted = count_tokens(completion.text, model.name)
            tokens_from = "tiktoken" if counted.exact else "estimate"
            prompt_tokens, completion_tokens = prompt_estimate.tokens, counted.tokens
        used = prompt_tokens + completion_tokens
        _log(run, plan, attempt, purpose, messages, key, completion, tokens_from, prompt_tokens, completion_tokens)
        return completion, tokens_from, prompt_tokens, completion_tokens
    finally:
        run.budget.settle(prompt_estimate.tokens + allowed, used)


def _log(
    run: _Run,
    plan: SectionPlan,
    attempt: int,
    purpose: str,
    messages: list[Message],
    key: str,
    completion: Completion | None,
    tokens_from: str,
    prompt_tokens: int,
    completion_tokens: int,
    *,
    cached: bool = False,
    error: str | None = None,
    seconds: float | None = None,
) -> None:
    if run.runlog is None:
        return
    run.runlog.record_request(
        run.run_id,
        section=plan.title,
        attempt=attempt,
        purpose=purpose,
        model=run.model.name,
        endpoint=run.model.endpoint,
        messages=messages,
        key=key,
        response=completion.text if completion else None,
        finish_reason=completion.finish_reason if completion else None,
        prompt_tokens=prompt_tokens if completion else None,
        completion_tokens=completion_tokens if completion else None,
        tokens_from=tokens_from or None,
        seconds=completion.seconds if completion else seconds,
        error=error,
        cached=cached,
    )


class _SectionListener:
    """Adapts the model's listener to the compose listener, naming the section."""

    def __init__(self, run: _Run, title: str) -> None:
        self._listener = run.listener
        self._title = title
        self._stop = run.stop

    def text(self, delta: str) -> None:
        if self._stop.is_set():
            raise _Stopped
        self._listener.section_text(self._title, delta)

    def retry(self, reason: Phrase, wait: float) -> None:
        self._listener.section_retry(self._title, reason, wait)


def assemble_draft(
    document: FactsDocument, pack: Pack, outcomes: list[SectionOutcome], *, warning: bool = False
) -> str:
    """The draft in the genre's shape: title, opening paragraph, numbered section headings and their text.

    A draft whose figures did not pass opens with a `warning` that carries no figures of its own.
    """
    words = Words(pack.language)
    parts = [f"# {document.meta.get('title') or pack.title}", ""]
    if warning:
        parts += [f"> {words['draft_warning']}", ""]
    if outcomes:
        context = template_context(document, pack, outcomes[0].plan, lock=False)
        parts += [pack.render("opening.j2", **context).strip(), ""]
    for outcome in outcomes:
        parts += [f"## {outcome.plan.heading}", ""]
        parts += [outcome.text if outcome.text is not None else words["section_missing"], ""]
    return "\n".join(parts).rstrip() + "\n"


@dataclass(frozen=True, slots=True)
class PromptPreview:
    """`--dry-run`: one section's messages, their size, and the output they may ask for."""

    heading: str
    messages: list[Message]
    prompt_tokens: int
    exact: bool
    max_tokens: int


def preview_prompts(
    document: FactsDocument, pack: Pack, model_name: str, options: ComposeOptions, *, offline: bool
) -> list[PromptPreview]:
    """Render every section's prompt as compose would, and count its tokens; nothing is sent anywhere."""
    lock = options.lock_figures and not offline
    out = []
    for plan in plan_sections(document, pack, lock=lock):
        context = template_context(document, pack, plan, lock=lock)
        messages = draft_messages(pack, context, offline=offline)
        count = count_messages(messages, model_name)
        out.append(
            PromptPreview(plan.heading, messages, count.tokens, count.exact, options.max_tokens or pack.max_tokens)
        )
    return out
