"""Rich renderables for people: reports, compose progress and summary, packs, logs, doctor. Imports rich lazily.

Every word comes from `drafter.messages`, in the language of the facts (or the pack).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drafter.drafting.packs import TEMPLATES, Pack
from drafter.drafting.pipeline import Attempt, SectionOutcome
from drafter.drafting.problems import FIGURE_KINDS, Problem
from drafter.drafting.runlog import RequestRecord, RunSummary
from drafter.figures import ALTERED, EQUIVALENT, EXACT, MISSING, FigureReport
from drafter.messages import Phrase, Words
from drafter.models.doctor import Check
from drafter.review.check import FactFigure
from drafter.review.report import json_value, verdict

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

    from drafter.drafting.service import ComposeRun, Preview

STYLES = {EXACT: "green", EQUIVALENT: "cyan", ALTERED: "bold red", MISSING: "bold red", "unsupported": "yellow"}


def _table(title: str, columns: list[str], **options: object) -> Table:
    from rich.table import Table

    table = Table(title=title or None, title_justify="left", title_style="bold", **options)  # type: ignore[arg-type]
    for column in columns:
        table.add_column(column)
    return table


def report_table(
    report: FigureReport, language: str, *, show_ignored: bool = False, with_verdict: bool = True
) -> list[RenderableType]:
    """Per section, each figure with its status, where it stands in the draft and what surrounds it; then the
    figures no fact gives; with `show_ignored`, the numbers set aside as no figures and why."""
    from rich.text import Text

    words = Words(language)
    out: list[RenderableType] = []
    table = None
    section = None
    results = report.figures
    edges = _fact_edges([result.expected.fact for result in results])
    for result, (opens_fact, closes_fact) in zip(results, edges, strict=True):
        if result.expected.section != section or table is None:
            section = result.expected.section
            table = _table(section, [])
            table.add_column(words["figure"], no_wrap=True)
            table.add_column(words["status"], no_wrap=True)
            table.add_column(words["where"], no_wrap=True)
            table.add_column(words["context"], overflow="fold", ratio=1)
            table.add_column(words["fact"], overflow="fold", ratio=1, style="dim")
            out.append(table)
        status = result.status
        first = result.found[0] if result.found else None
        context = _snippet(first.clause, first.figure.text, STYLES[status]) if first else Text()
        table.add_row(
            result.expected.figure.text,
            Text(words[status], style=STYLES[status]),
            ", ".join(f"{o.line}:{o.column}" for o in result.found) or "—",
            context,
            result.expected.fact if opens_fact else "",
            end_section=closes_fact,
        )
    if report.unsupported:
        extra = _table(words["unsupported_title"], [])
        extra.add_column(words["figure"], no_wrap=True, style="yellow")
        extra.add_column(words["where"], no_wrap=True)
        extra.add_column(words["context"], overflow="fold")
        for occurrence in report.unsupported:
            extra.add_row(
                occurrence.figure.text,
                f"{occurrence.line}:{occurrence.column}",
                _snippet(occurrence.clause, occurrence.figure.text, "yellow"),
            )
        out.append(extra)
    if show_ignored and report.ignored:
        aside = _table(words["ignored_title"], [], style="dim")
        aside.add_column(words["figure"], no_wrap=True)
        aside.add_column(words["where"], no_wrap=True)
        aside.add_column(words["reason"], overflow="fold")
        for item in report.ignored:
            aside.add_row(item.number.text, f"{item.line}:{item.column}", words[f"reason_{item.number.reason}"])
        out.append(aside)
    if with_verdict:
        out.append(Text(verdict(report, language), style="bold green" if report.ok else "bold red"))
    if report.ignored and not show_ignored:
        out.append(Text(words("ignored_note", ignored=len(report.ignored)), style="dim"))
    return out


def _fact_edges(facts: list[str]) -> list[tuple[bool, bool]]:
    """For rows grouped by fact: whether each row is the first of its fact (shows it) and the last (ends a band)."""
    return [
        (index == 0 or facts[index - 1] != fact, index + 1 == len(facts) or facts[index + 1] != fact)
        for index, fact in enumerate(facts)
    ]


def _snippet(clause: str, figure: str, style: str) -> Text:
    """The clause around a found figure, the figure itself highlighted."""
    from rich.text import Text

    clause = clause.strip()
    head, found, tail = clause.partition(figure)
    if not found:
        return Text(clause)
    return Text.assemble(head[-16:], (figure, style), tail[:12])


def facts_table(figures: list[FactFigure], path: str, language: str) -> list[RenderableType]:
    """The figures the engine found in a facts file, section by section, so a writer sees what will be checked."""
    from rich.text import Text

    words = Words(language)
    if not figures:
        return [Text(words["none"], style="yellow")]
    out: list[RenderableType] = []
    table = None
    section = None
    edges = _fact_edges([item.expected.fact for item in figures])
    for item, (opens_fact, closes_fact) in zip(figures, edges, strict=True):
        expected = item.expected
        if expected.section != section or table is None:
            section = expected.section
            table = _table(f"{path} · {section}", [])
            for column in (words["figure"], words["value"], words["unit"], words["line"]):
                table.add_column(column, no_wrap=True)
            table.add_column(words["fact"], overflow="fold", style="dim")
            out.append(table)
        value = json_value(expected.figure.value)
        table.add_row(
            expected.figure.text,
            "—" if value is None else f"{value:,}",
            expected.figure.unit or "—",
            f"{item.line}:{item.column}",
            expected.fact if opens_fact else "",
            end_section=closes_fact,
        )
    out.append(Text(words("count", count=len(figures)), style="bold"))
    return out


class ProgressPrinter:
    """Per-section progress as it happens: drafting, each check, repairs, retries, failures."""

    def __init__(self, console: Console, language: str) -> None:
        self._console = console
        self._words = Words(language)

    def run_started(self, model: str, endpoint: str) -> None:
        self._console.print(run_header(model, endpoint, self._words), style="dim")

    def notice(self, message: Phrase) -> None:
        from rich.text import Text

        self._console.print(Text(f"! {message.text(self._words.language)}", style="yellow"))

    def section_started(self, title: str, attempt: int, purpose: str) -> None:
        if purpose == "draft":
            self._line("·", "dim", title, self._words["drafting"])
        else:
            self._line("↻", "yellow", title, self._words("repairing", number=attempt - 1))

    def section_text(self, title: str, delta: str) -> None:
        pass

    def section_retry(self, title: str, reason: Phrase, wait: float) -> None:
        self._line("…", "yellow", title, self._words("retrying", reason=reason.text(self._words.language), wait=wait))

    def section_checked(self, title: str, attempt: Attempt) -> None:
        problems = attempt.problems
        if not problems:
            self._line("✓", "green", title, self._words["figures_ok"])
            return
        shown = self._words["note_separator"].join(problem_text(p, self._words) for p in problems[:4])
        more = self._words("more", count=len(problems) - 4) if len(problems) > 4 else ""
        self._line("✗", "red", title, shown + more)

    def section_finished(self, outcome: SectionOutcome) -> None:
        title = outcome.plan.title
        if outcome.reused:
            self._line("✓", "green", title, self._words["kept"])
        elif outcome.error is not None:
            self._line("✗", "bold red", title, outcome.error.localized(self._words.language)[0])
        elif outcome.budget_stopped:
            self._line("✗", "bold red", title, self._words["budget_spent"])

    def _line(self, mark: str, style: str, title: str, text: str) -> None:
        from rich.text import Text

        self._console.print(Text.assemble((f"{mark} ", style), (title, "bold"), ": ", text))


def problem_text(problem: Problem, words: Words) -> str:
    return words(f"problem_{problem.kind}", figure=problem.figure, found=problem.found)


def compose_summary(run: ComposeRun, language: str) -> list[RenderableType]:
    """After the report table: each section's attempts and tokens, where the files went, what to do next."""
    from rich.text import Text

    words = Words(language)
    result = run.result
    out: list[RenderableType] = []
    if result.offline:
        out.append(Text(words["offline_notice"], style="bold yellow"))
    columns = ["col_section", "col_attempts", "col_repairs", "col_prompt", "col_output", "status"]
    table = _table(words["sections"], [words[c] for c in columns])
    for outcome in result.sections:
        approx = "≈" if outcome.estimated else ""
        state = _section_state(outcome, words)
        table.add_row(
            outcome.plan.heading, str(len(outcome.attempts)), str(outcome.repairs),
            f"{approx}{outcome.prompt_tokens}", f"{approx}{outcome.completion_tokens}", state,
        )  # fmt: skip
    approx = "≈" if result.estimated else ""
    table.add_row(words["total"], "", "", f"{approx}{result.prompt_tokens}", f"{approx}{result.completion_tokens}", "")
    out.append(table)
    if result.fixes:
        shown = words["list_separator"].join(words("fix_item", wrong=f.wrong, right=f.right) for f in result.fixes[:6])
        out.append(Text(words("fixes_made", count=len(result.fixes), fixes=shown), style="cyan"))
    if result.skipped:
        out.append(Text(words("skipped", titles=words["list_separator"].join(result.skipped)), style="yellow"))
    if result.budget_exhausted:
        out.append(Text(words["budget_reached"], style="red"))
    paths = [("path_draft", str(run.draft_path))]
    if run.backup:
        paths.append(("path_backup", str(run.backup)))
    if run.report_path:
        paths.append(("path_report", str(run.report_path)))
    if run.run_id is not None:
        paths.append(("path_log", f"drafter logs show {run.run_id}"))
    out += [Text.assemble((f"{words[label]}: ", "bold"), value) for label, value in paths]
    out.append(Text(compose_verdict(run, words), style="bold green" if result.ok else "bold red"))
    out.append(Text(words["next_steps"], style="dim"))
    out.append(Text(f"  drafter check --facts {run.facts_path} {run.draft_path}", style="dim"))
    return out


def _section_state(outcome: SectionOutcome, words: Words) -> Text:
    """One word for a section, the same the verdict uses: kept, model failed, ok, figures wrong, or its problem."""
    from rich.text import Text

    if outcome.reused:
        return Text(words["state_kept"], style="green")
    if outcome.error is not None:
        return Text(words["state_failed"], style="red")
    if outcome.ok:
        return Text(words["state_ok"], style="green")
    return Text(_failure_word(outcome, words), style="red")


def _failure_word(outcome: SectionOutcome, words: Words) -> str:
    if outcome.text is None:
        return words["state_unfinished"]
    if any(problem.kind in FIGURE_KINDS for problem in outcome.problems) or not outcome.problems:
        return words["state_wrong"]
    return problem_text(outcome.problems[0], words)


def compose_verdict(run: ComposeRun, words: Words) -> str:
    """The run's one verdict: the figure report's, or the sections that still have problems."""
    result = run.result
    if result.ok or not result.report.ok:
        return verdict(result.report, words.language)
    failed = [
        words("section_problem", title=o.plan.title, problem=_failure_word(o, words))
        for o in result.sections
        if not (o.ok and o.text is not None)
    ]
    return words("sections_failed", sections=words["list_separator"].join(failed))


def preview_renderables(preview: Preview, language: str) -> list[RenderableType]:
    """`--dry-run`: each rendered prompt, its token count, and the context budget."""
    from rich.panel import Panel
    from rich.text import Text

    words = Words(language)
    out: list[RenderableType] = []
    for prompt in preview.prompts:
        body = "\n\n".join(f"[{message['role']}]\n{message['content'].rstrip()}" for message in prompt.messages)
        out.append(Panel(Text(body), title=prompt.heading, title_align="left"))
    columns = ["col_section", "col_prompt", "col_limit", "col_total", "col_share"]
    table = _table(words["budget_title"], [words[c] for c in columns])
    for prompt in preview.prompts:
        total = prompt.prompt_tokens + prompt.max_tokens
        share = Text(f"{total / preview.context_window:.0%}", style="red" if total > preview.context_window else "")
        approx = "" if prompt.exact else "≈"
        table.add_row(prompt.heading, f"{approx}{prompt.prompt_tokens}", str(prompt.max_tokens), str(total), share)
    out.append(table)
    window = f"{preview.context_window:,}" + ("" if preview.window_known else words["window_unknown"])
    model = words["offline_model"] if preview.offline else preview.model
    out.append(Text(words("dry_run_line", model=model, pack=preview.pack.name, window=window)))
    out.append(Text(run_header(preview.model, preview.endpoint, words)))
    out.append(Text(words["dry_run_done"], style="dim"))
    return out


def packs_table(packs: list[Pack]) -> RenderableType:
    table = _table("Prompt packs", ["kind", "title", "language", "sections", "source"])
    for pack in packs:
        separator = Words(pack.language)["list_separator"]
        sections = separator.join(spec.title for spec in pack.sections)
        table.add_row(pack.name, pack.title, pack.language, sections, pack.source)
    return table


def pack_details(pack: Pack) -> list[RenderableType]:
    from rich.text import Text

    parents = ", ".join(str(directory) for directory in pack.template_dirs[1:])
    out: list[RenderableType] = [
        Text(f"{pack.name} — {pack.title} ({pack.language}, {pack.source})", style="bold"),
        Text(pack.description),
        Text(f"folder: {pack.path}" + (f" (extends {parents})" if parents else "")),
    ]
    table = _table("", ["section", "aliases", "guidance", "questions"], show_lines=True)
    for spec in (*pack.sections, pack.generic):
        table.add_row(
            spec.title or "(other headings)", " / ".join(spec.aliases), spec.guidance, "\n".join(spec.questions)
        )
    out.append(table)
    lines = [f"  {name}: {next(d / name for d in pack.template_dirs if (d / name).is_file())}" for name in TEMPLATES]
    out.append(Text("templates:\n" + "\n".join(lines)))
    return out


def runs_table(runs: list[RunSummary]) -> RenderableType:
    """Recent runs, one line each (80 columns); `drafter logs show ID` has the rest."""
    from pathlib import Path

    table = _table("", ["id", "started (UTC)", "facts", "model", "status", "tokens"], box=None)
    for run in runs:
        table.add_row(
            str(run.id), run.started[:16].replace("T", " "), Path(run.facts).name, Path(run.model).name,
            run.status, str(run.prompt_tokens + run.completion_tokens),
        )  # fmt: skip
    return table


def run_details(run: RunSummary, requests: list[RequestRecord], full: bool) -> list[RenderableType]:
    from rich.panel import Panel
    from rich.text import Text

    seconds = "" if run.seconds is None else f" · {run.seconds:.1f} s"
    exit_code = "" if run.exit_code is None else f" (exit {run.exit_code})"
    heading = (
        f"run {run.id} · {run.started} · {run.facts} · {run.kind} · {run.model} at {run.endpoint} · "
        f"{run.status}{exit_code}{seconds}"
    )
    out: list[RenderableType] = [Text(heading, style="bold")]
    columns = ["section", "attempt", "purpose", "prompt", "output", "tokens from", "seconds", "result"]
    table = _table("", columns)
    for request in requests:
        table.add_row(
            request.section, str(request.attempt), request.purpose + (" (cache)" if request.cached else ""),
            str(request.prompt_tokens or ""), str(request.completion_tokens or ""), request.tokens_from or "",
            "" if request.seconds is None else f"{request.seconds:.1f}", request.error or request.finish_reason or "",
        )  # fmt: skip
    out.append(table)
    if full:
        for request in requests:
            body = "\n\n".join(f"[{message['role']}]\n{message['content']}" for message in request.messages)
            body += f"\n\n[response]\n{request.response or request.error or ''}"
            title = f"{request.section} · {request.purpose} {request.attempt}"
            out.append(Panel(Text(body), title=title, title_align="left"))
    return out


def doctor_table(checks: list[Check]) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    marks = {"ok": ("✓", "green"), "warn": ("!", "yellow"), "fail": ("✗", "bold red"), "info": ("i", "cyan")}
    table = Table(show_header=False, box=None)
    for check in checks:
        mark, style = marks[check.status]
        detail = Text(check.detail)
        if check.hint:
            detail.append(f"\n→ {check.hint}", style="dim")
        table.add_row(Text(mark, style=style), Text(check.name, style="bold"), detail)
    return table


def run_header(model: str, endpoint: str, words: Words) -> str:
    """「模型 deepseek-chat @ https://api.deepseek.com/v1」: where the facts go, said before they go."""
    if model == "offline":
        return words["header_offline"]
    if endpoint.startswith("local:"):
        return words("header_local", model=model)
    return words("header_model", model=model, endpoint=endpoint)


class LiveProgress:
    """While drafting: one line per section with its state, tokens and the text streaming in; repairs and
    checks as they happen; the tokens spent so far. Safe to call from the section threads."""

    def __init__(self, console: Console, language: str, sections: list[tuple[str, str]]) -> None:
        """`sections`: (title, heading) of each section to draft, in order."""
        import threading

        self._console = console
        self._words = Words(language)
        self._lock = threading.Lock()
        self._rows = {title: _LiveRow(heading) for title, heading in sections}
        self._live: Any = None

    def __enter__(self) -> LiveProgress:
        from rich.live import Live

        self._live = Live(console=self._console, get_renderable=self._render, refresh_per_second=8, transient=False)
        self._live.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._live.stop()

    def run_started(self, model: str, endpoint: str) -> None:
        self._console.print(run_header(model, endpoint, self._words), style="dim")

    def notice(self, message: Phrase) -> None:
        from rich.text import Text

        self._console.print(Text(f"! {message.text(self._words.language)}", style="yellow"))

    def section_started(self, title: str, attempt: int, purpose: str) -> None:
        with self._lock:
            row = self._row(title)
            row.state = (
                self._words["live_drafting"]
                if purpose == "draft"
                else self._words("live_repairing", number=attempt - 1)
            )
            row.style = "cyan" if purpose == "draft" else "yellow"
            row.text = ""

    def section_text(self, title: str, delta: str) -> None:
        with self._lock:
            self._row(title).text += delta

    def section_retry(self, title: str, reason: Phrase, wait: float) -> None:
        with self._lock:
            row = self._row(title)
            row.state, row.style, row.text = self._words["live_retrying"], "yellow", reason.text(self._words.language)

    def section_checked(self, title: str, attempt: Attempt) -> None:
        with self._lock:
            row = self._row(title)
            row.tokens += attempt.prompt_tokens + attempt.completion_tokens
            row.estimated = row.estimated or attempt.tokens_from == "estimate"
            if attempt.problems:
                row.state, row.style = self._words["live_wrong"], "red"
                row.text = self._words["note_separator"].join(
                    problem_text(p, self._words) for p in attempt.problems[:3]
                )
            else:
                row.state, row.style = self._words["live_ok"], "green"

    def section_finished(self, outcome: SectionOutcome) -> None:
        with self._lock:
            row = self._row(outcome.plan.title)
            if outcome.reused:
                row.state, row.style = self._words["live_kept"], "green"
            elif outcome.error is not None:
                message = outcome.error.localized(self._words.language)[0]
                row.state, row.style, row.text = self._words["live_failed"], "bold red", message
            elif not outcome.ok:
                row.state, row.style = self._words["live_wrong"], "bold red"

    def _row(self, title: str) -> _LiveRow:
        return self._rows.setdefault(title, _LiveRow(title))

    def _render(self) -> RenderableType:
        from rich.console import Group
        from rich.text import Text

        with self._lock:
            rows = list(self._rows.values())
        table = _table("", [], box=None, padding=(0, 1), expand=True)
        table.add_column(self._words["col_section"], no_wrap=True, max_width=16)
        table.add_column(self._words["col_state"], no_wrap=True)
        table.add_column(self._words["col_tokens"], no_wrap=True, justify="right")
        table.add_column(self._words["col_text"], no_wrap=True, overflow="ellipsis", ratio=1)
        total = 0
        estimated = False
        for row in rows:
            total += row.tokens
            estimated = estimated or row.estimated
            tail = " ".join(row.text.split())[-60:]
            approx = "≈" if row.estimated else ""
            table.add_row(
                row.heading,
                Text(row.state or self._words["live_waiting"], style=row.style or "dim"),
                f"{approx}{row.tokens}" if row.tokens else "",
                Text(tail, style="dim"),
            )
        approx = "≈" if estimated else ""
        return Group(table, Text(self._words("live_tokens", tokens=f"{approx}{total}"), style="dim"))


class _LiveRow:
    __slots__ = ("estimated", "heading", "state", "style", "text", "tokens")

    def __init__(self, heading: str) -> None:
        self.heading = heading
        self.state = ""
        self.style = ""
        self.text = ""
        self.tokens = 0
        self.estimated = False
