"""The section pipeline: one prompt per section, drafted concurrently, every answer checked (figures and prose),
certain figures fixed, and sections with problems sent back, naming exactly what, until they pass or
`max_repairs` is reached; then the draft assembled and checked whole.

The result is plain data: the draft's Markdown, the figure report of the whole draft (the `drafter check`
contract), and per section its attempts and tokens. Nothing here prints or keeps a log: a `DraftListener` hears
what happens — progress for the terminal, each request for the run log.
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from drafter.documents.facts import FactsDocument
from drafter.drafting.packs import TEMPLATES, Pack
from drafter.drafting.problems import Problem, ProblemKind, needs_fresh_start, weight
from drafter.drafting.prompting import (
    SectionPlan,
    clean_section_text,
    draft_messages,
    figure_problems,
    plan_sections,
    repair_messages,
    template_context,
    unlock,
)
from drafter.drafting.prose import LoopWatch, ProseContext, given_figures, prose_problems
from drafter.drafting.requests import AnswerCache, RequestRecord, cache_key
from drafter.drafting.resume import SavedSection, SectionStore, fingerprint
from drafter.errors import ContextOverflow, ModelError
from drafter.figures import FigureReport, match_figures
from drafter.figures.fix import Fix, apply_fixes, unambiguous_fixes
from drafter.messages import Phrase, Words, phrase
from drafter.models import Completion, Listener, Message, Model
from drafter.models.tokens import count_messages, count_tokens, estimate_tokens
from drafter.review.check import check_draft, known_figures

MIN_USEFUL_TOKENS = 64
# An answer's budget: a base, plus this many times the tokens its facts take (estimated), at most `max_tokens`.
# Prose runs two to three times the length of its facts; a model that rambles stops here, not at 1,200 tokens.
ANSWER_BASE_TOKENS = 100
ANSWER_FACTS_FACTOR = 3
# Room left in the context window beyond prompt + answer (the chat template's own tokens, estimates' error).
CONTEXT_MARGIN = 64


@dataclass(frozen=True)
class DraftOptions:
    jobs: int = 4
    max_repairs: int = 2
    lock_figures: bool = False
    strict: bool = False  # kept for scripts: figures no fact gives are sent back unless allow_unsupported
    allow_unsupported: bool = False  # keep figures no fact gives (a machine draft's are inventions by default)
    fix_figures: bool = True  # correct unambiguous altered figures in place, before asking again
    max_tokens: int | None = None  # per request, at most; default: the pack's
    max_tokens_total: int | None = None  # across every attempt of every section
    sign_off: tuple[str, str] | None = None  # 落款 and 成文日期 closing the draft: (organization, date)


@dataclass(slots=True)
class Attempt:
    purpose: str  # "draft" or "repair"
    problems: list[Problem]
    prompt_tokens: int
    completion_tokens: int
    tokens_from: str  # "api", "tiktoken", "estimate" or "cache"
    seconds: float
    truncated: bool


@dataclass(frozen=True, slots=True)
class SectionFix:
    """A figure drafter corrected in a section's text: the fact's figure put where an altered one stood."""

    wrong: str
    right: str
    offset: int  # where, in the section's text as kept


@dataclass(frozen=True, slots=True)
class DraftFix:
    """A figure drafter corrected, where a reader finds it in the draft: the section and the 1-based line."""

    section: str
    wrong: str
    right: str
    line: int


@dataclass(slots=True)
class SectionOutcome:
    plan: SectionPlan
    text: str | None = None
    ok: bool = False  # the text kept has no problem at all: every figure right, prose, nothing cut off or empty
    problems: list[Problem] = field(default_factory=list)  # the kept text's problems
    attempts: list[Attempt] = field(default_factory=list)
    fixes: list[SectionFix] = field(default_factory=list)  # of the kept text
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
class DraftResult:
    draft: str
    report: FigureReport
    sections: list[SectionOutcome]
    skipped: list[str]  # headings without facts
    model: str
    endpoint: str
    offline: bool
    failure: ModelError | None = None
    budget_exhausted: bool = False
    fixes: list[DraftFix] = field(default_factory=list)

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


class DraftListener:
    """What a draft run tells whoever listens: the terminal's progress, the run log. This one hears nothing;
    listeners override what they need."""

    def run_started(self, model: str, endpoint: str) -> None:
        """Before the first request: which model, and where the facts are about to go."""

    def notice(self, message: Phrase) -> None:
        """Something the writer should know that does not stop the run (a lock waited for, the log turned off)."""

    def section_started(self, title: str, attempt: int, purpose: str) -> None:
        """An attempt at a section begins: "draft" or "repair"."""

    def section_text(self, title: str, delta: str) -> None:
        """Text streaming in."""

    def section_retry(self, title: str, reason: Phrase, wait: float) -> None:
        """The request failed and is tried again after `wait` seconds; the text so far is void."""

    def request_finished(self, record: RequestRecord) -> None:
        """One request is over: answered, from the cache, or failed."""

    def section_checked(self, title: str, attempt: Attempt) -> None:
        """An attempt's answer was checked: its problems, if any."""

    def section_finished(self, outcome: SectionOutcome) -> None:
        """A section is done: kept from the last run, drafted, or given up."""


class Listeners(DraftListener):
    """Several listeners as one: each hears everything, in order."""

    def __init__(self, *listeners: DraftListener) -> None:
        self._listeners = listeners

    def run_started(self, model: str, endpoint: str) -> None:
        for listener in self._listeners:
            listener.run_started(model, endpoint)

    def notice(self, message: Phrase) -> None:
        for listener in self._listeners:
            listener.notice(message)

    def section_started(self, title: str, attempt: int, purpose: str) -> None:
        for listener in self._listeners:
            listener.section_started(title, attempt, purpose)

    def section_text(self, title: str, delta: str) -> None:
        for listener in self._listeners:
            listener.section_text(title, delta)

    def section_retry(self, title: str, reason: Phrase, wait: float) -> None:
        for listener in self._listeners:
            listener.section_retry(title, reason, wait)

    def request_finished(self, record: RequestRecord) -> None:
        for listener in self._listeners:
            listener.request_finished(record)

    def section_checked(self, title: str, attempt: Attempt) -> None:
        for listener in self._listeners:
            listener.section_checked(title, attempt)

    def section_finished(self, outcome: SectionOutcome) -> None:
        for listener in self._listeners:
            listener.section_finished(outcome)


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
    options: DraftOptions
    listener: DraftListener
    store: SectionStore | None
    cache: AnswerCache | None
    budget: TokenBudget
    known: list[Any]
    templates: str  # digest of the pack's templates: editing them drafts the sections again
    scaffolding: tuple[str, ...]  # the pack's own instructions, which an answer must not echo
    stop: threading.Event = field(default_factory=threading.Event)


def draft_document(
    document: FactsDocument,
    pack: Pack,
    model: Model,
    options: DraftOptions,
    *,
    listener: DraftListener | None = None,
    store: SectionStore | None = None,
    cache: AnswerCache | None = None,
) -> DraftResult:
    """Draft every section with facts, check and repair it, and assemble the draft. `store` keeps finished
    sections for a rerun; `cache`, when given, answers identical requests."""
    templates = [pack.template_source(name) for name in TEMPLATES]
    run = _Run(
        document, pack, model, options, listener or DraftListener(), store, cache,
        TokenBudget(options.max_tokens_total), known_figures(document), fingerprint(templates), pack.scaffolding(),
    )  # fmt: skip
    plans = plan_sections(document, pack, lock=options.lock_figures and not model.offline)
    outcomes = _draft_all(run, plans)
    failure = next((o.error for o in outcomes if o.error is not None), None)
    draft = assemble_draft(document, pack, outcomes, sign_off=options.sign_off, offline=model.offline)
    result = DraftResult(
        draft=draft,
        report=check_draft(document, draft),
        sections=outcomes,
        skipped=[s.title for s in document.sections if not s.facts or s.skipped],
        model=model.name,
        endpoint=model.endpoint,
        offline=model.offline,
        failure=failure,
        budget_exhausted=run.budget.exhausted,
    )
    if not result.ok:
        # The warning has no figures in it: the report stands.
        result.draft = assemble_draft(document, pack, outcomes, warning=True, sign_off=options.sign_off,
                                      offline=model.offline)  # fmt: skip
    result.fixes = _fixes_in_draft(result.draft, outcomes)
    return result


def _fixes_in_draft(draft: str, outcomes: list[SectionOutcome]) -> list[DraftFix]:
    out = []
    for outcome in outcomes:
        if not outcome.fixes or outcome.text is None:
            continue
        start = draft.find(outcome.text, draft.find(f"## {outcome.plan.heading}"))
        for fix in outcome.fixes:
            line = draft.count("\n", 0, start + fix.offset) + 1
            out.append(DraftFix(outcome.plan.title, fix.wrong, fix.right, line))
    return out


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


def _draft_section(run: _Run, plan: SectionPlan) -> SectionOutcome:
    """Ask, check (figures and prose), fix what is certain, and ask again with exactly what is wrong — afresh when
    the answer is no base to repair — until it passes or the repairs run out; keep the best attempt."""
    outcome = SectionOutcome(plan)
    key = _section_key(run, plan)
    saved = run.store.get(key) if run.store else None
    if saved is not None and saved.ok:  # a section that failed is drafted again, without --fresh
        outcome.text, outcome.ok, outcome.reused = saved.text, saved.ok, True
        run.listener.section_finished(outcome)
        return outcome
    lock = run.options.lock_figures and not run.model.offline
    context = template_context(run.document, run.pack, plan, lock=lock)
    first = draft_messages(run.pack, context, offline=run.model.offline)
    messages = first
    prose = ProseContext(
        run.pack.language, run.scaffolding, tuple(f.text for f in plan.section.facts),
        given_figures([item.figure for item in plan.expected]),
    )  # fmt: skip
    best: _Checked | None = None
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
        except ContextOverflow as error:
            if best is None:  # not even the first request fits: say so; otherwise keep the best attempt
                outcome.error = error
            break
        except ModelError as error:
            outcome.error = error
            break
        checked = _check(run, plan, completion, prose, lock)
        outcome.attempts.append(
            Attempt(purpose, checked.problems, prompt_tokens, completion_tokens, tokens_from, completion.seconds,
                    completion.truncated)
        )  # fmt: skip
        run.listener.section_checked(plan.title, outcome.attempts[-1])
        if best is None or checked.weight <= best.weight:
            best = checked
        if not checked.problems:
            break
        messages = _next_request(run, context, first, checked)
    if best is not None:
        outcome.text, outcome.ok, outcome.problems, outcome.fixes = (
            best.text,
            not best.problems,
            best.problems,
            best.fixes,
        )
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


@dataclass(frozen=True, slots=True)
class _Checked:
    """An answer, checked: its text (placeholders filled, certain figures fixed), what is still wrong, how much
    that weighs, the fixes made, and the raw answer (for a repair to quote)."""

    text: str
    problems: list[Problem]
    weight: int
    fixes: list[SectionFix]
    raw: str


def _check(run: _Run, plan: SectionPlan, completion: Completion, prose: ProseContext, lock: bool) -> _Checked:
    raw = clean_section_text(completion.text, plan)
    text, problems = unlock(raw, plan) if lock else (raw, [])
    report = match_figures(list(plan.expected), text, run.known)
    fixes: list[SectionFix] = []
    if run.options.fix_figures and not run.model.offline:
        certain = unambiguous_fixes(report)
        if certain:
            text = apply_fixes(text, certain)
            fixes = _fixes_in(text, certain)
            report = match_figures(list(plan.expected), text, run.known)
    invented = not run.options.allow_unsupported and not run.model.offline
    problems = figure_problems(report, strict=invented) + problems
    if not run.model.offline:
        problems += prose_problems(text, prose)
    if completion.finish_reason == LOOPING:
        problems.append(Problem(ProblemKind.REPETITION, found=completion.text[-40:]))
    elif completion.truncated:
        problems.append(Problem(ProblemKind.TRUNCATED))
    if not text.strip():
        problems.append(Problem(ProblemKind.EMPTY))  # a section without figures would otherwise pass empty
    problems = list(dict.fromkeys(problems))
    return _Checked(text, problems, weight(problems), fixes, raw)


def _fixes_in(text: str, fixes: list[Fix]) -> list[SectionFix]:
    """Where each fix's figure stands in the fixed text."""
    out, shift = [], 0
    for fix in sorted(fixes, key=lambda item: item.start):
        out.append(SectionFix(fix.wrong, fix.right, fix.start + shift))
        shift += len(fix.right) - len(fix.wrong)
    return out


def _next_request(run: _Run, context: dict[str, Any], first: list[Message], checked: _Checked) -> list[Message]:
    """A repair: the previous text and exactly what to fix, grouped by fact. An answer that is no base to repair
    (cut off, looping, echoing the prompt, not prose, another language) is not sent back: the section is asked
    afresh, with a note of what went wrong."""
    if needs_fresh_start(checked.problems):
        return repair_messages(run.pack, context, "", checked.problems)
    return repair_messages(run.pack, context, checked.raw, checked.problems)


def _section_key(run: _Run, plan: SectionPlan) -> str:
    return fingerprint(
        run.pack.name, run.templates, run.model.endpoint, run.model.name, run.options.lock_figures,
        run.options.strict, run.options.allow_unsupported, run.options.fix_figures, run.options.max_repairs,
        plan.heading, [f.text for f in plan.section.facts], run.document.meta,
    )  # fmt: skip


class _BudgetSpent(Exception):
    pass


class _Stopped(Exception):
    """The run was interrupted: a streaming section stops reading."""


class _Looping(Exception):
    """The answer streaming in has begun to loop: stop reading it (the rest of its budget is saved)."""


LOOPING = "loop"  # the finish reason drafter gives an answer it stopped because it looped


def answer_budget(plan: SectionPlan, cap: int) -> int:
    """How many tokens a section's answer may take: a base plus a multiple of its facts' tokens, at most `cap`."""
    facts = "\n".join(fact.text for fact in plan.section.facts)
    return min(cap, ANSWER_BASE_TOKENS + ANSWER_FACTS_FACTOR * estimate_tokens(facts))


def _ask(
    run: _Run, plan: SectionPlan, attempt: int, purpose: str, messages: list[Message]
) -> tuple[Completion, str, int, int]:
    """One request (from the cache when allowed), within the answer's budget, the run's token budget and the
    model's context window, stopped early if it loops; logged."""
    model = run.model
    cap = run.options.max_tokens or run.pack.max_tokens
    if model.offline:
        completion = model.execute(messages, max_tokens=None, listener=_SectionListener(run, plan.title))
        return completion, "api", 0, 0
    prompt_estimate = estimate_tokens("".join(message["content"] for message in messages)) + 8 * len(messages)
    wanted = _fit_context(model, prompt_estimate, answer_budget(plan, cap))
    allowed = run.budget.reserve(prompt_estimate, wanted)
    if not allowed:
        raise _BudgetSpent
    key = cache_key(model.endpoint, model.name, messages, allowed)
    used = 0
    try:
        cached = run.cache.cached(key) if run.cache is not None else None
        if cached is not None:
            run.listener.section_text(plan.title, cached.text)
            completion = Completion(cached.text, cached.finish_reason)
            _log(run, plan, attempt, purpose, messages, key, completion, "cache", 0, 0, cached=True)
            return completion, "cache", 0, 0
        started = time.monotonic()
        listener = _SectionListener(run, plan.title)
        try:
            completion = model.execute(messages, max_tokens=allowed, listener=listener)
        except _Looping:
            completion = Completion(listener.watch.text, LOOPING, seconds=time.monotonic() - started)
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
            prompt_tokens = count_messages(messages, model.name).tokens
            completion_tokens = counted.tokens
        used = prompt_tokens + completion_tokens
        _log(run, plan, attempt, purpose, messages, key, completion, tokens_from, prompt_tokens, completion_tokens)
        return completion, tokens_from, prompt_tokens, completion_tokens
    finally:
        run.budget.settle(prompt_estimate + allowed, used)


def _fit_context(model: Model, prompt: int, wanted: int) -> int:
    """The answer tokens that fit beside the prompt in the model's context window, when it is known."""
    window = model.context_window
    if not window:
        return wanted
    room = window - prompt - CONTEXT_MARGIN
    if room < MIN_USEFUL_TOKENS:
        raise ContextOverflow(
            model.endpoint, phrase("context_full", window=window), phrase("context_overflow_hint"), window=window
        )
    return min(wanted, room)


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
    answered = completion is not None
    run.listener.request_finished(
        RequestRecord(
            plan.title, attempt, purpose, run.model.name, run.model.endpoint, messages, key,
            response=completion.text if completion else None,
            finish_reason=completion.finish_reason if completion else None,
            prompt_tokens=prompt_tokens if answered else None,
            completion_tokens=completion_tokens if answered else None,
            tokens_from=tokens_from or None,
            seconds=completion.seconds if completion else seconds,
            error=error,
            cached=cached,
        )
    )  # fmt: skip


class _SectionListener(Listener):
    """Adapts the model's listener to the draft listener, naming the section; stops an answer that loops."""

    def __init__(self, run: _Run, title: str) -> None:
        self._listener = run.listener
        self._title = title
        self._stop = run.stop
        self.watch = LoopWatch()

    def text(self, delta: str) -> None:
        if self._stop.is_set():
            raise _Stopped
        self._listener.section_text(self._title, delta)
        if self.watch.feed(delta):
            raise _Looping

    def retry(self, reason: Phrase, wait: float) -> None:
        self.watch = LoopWatch()  # the text so far is void
        self._listener.section_retry(self._title, reason, wait)


def assemble_draft(
    document: FactsDocument,
    pack: Pack,
    outcomes: list[SectionOutcome],
    *,
    warning: bool = False,
    sign_off: tuple[str, str] | None = None,
    offline: bool = False,
) -> str:
    """The draft in the genre's shape: title, opening paragraph, numbered section headings and their text, and
    the 落款 (organization, then date, a paragraph each) when `sign_off` gives one.

    A draft whose figures did not pass opens with a `warning` that carries no figures of its own; an `offline`
    one (no model wrote it) says so, in the file itself.
    """
    words = Words(pack.language)
    parts = [f"# {document.meta.get('title') or pack.title}", ""]
    if warning:
        parts += [f"> {words['draft_warning']}", ""]
    if offline:
        parts += [f"> {words['draft_offline']}", ""]
    if outcomes:
        context = template_context(document, pack, outcomes[0].plan, lock=False)
        parts += [pack.render("opening.j2", **context).strip(), ""]
    for outcome in outcomes:
        parts += [f"## {outcome.plan.heading}", ""]
        parts += [outcome.text if outcome.text is not None else words["section_missing"], ""]
    if sign_off is not None:
        organization, date = sign_off
        parts += [organization, "", date]
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
    document: FactsDocument, pack: Pack, model_name: str, options: DraftOptions, *, offline: bool
) -> list[PromptPreview]:
    """Render every section's prompt as a run would, and count its tokens; nothing is sent anywhere."""
    lock = options.lock_figures and not offline
    out = []
    for plan in plan_sections(document, pack, lock=lock):
        context = template_context(document, pack, plan, lock=lock)
        messages = draft_messages(pack, context, offline=offline)
        count = count_messages(messages, model_name)
        budget = answer_budget(plan, options.max_tokens or pack.max_tokens)
        out.append(PromptPreview(plan.heading, messages, count.tokens, count.exact, budget))
    return out
