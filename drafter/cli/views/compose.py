"""`drafter compose` for people: where the facts go, progress as it happens (a line per event, or the live
view in a terminal), the dry run's prompts and budget, the summary and the verdict."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.cli.views.tables import new_table
from drafter.drafting.pipeline import Attempt, DraftListener, SectionOutcome
from drafter.drafting.problems import FIGURE_KINDS, Problem
from drafter.messages import Phrase, Words
from drafter.review.report import verdict

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from drafter.drafting.service import ComposeRun, Preview


class ProgressPrinter(DraftListener):
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
    table = new_table(words["sections"], [words[c] for c in columns])
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
    if run.run_id is not None and any(outcome.attempts for outcome in result.sections) and not result.offline:
        paths.append(("path_log", f"drafter logs show {run.run_id}"))  # only where the log has requests to show
    out += [Text.assemble((f"{words[label]}: ", "bold"), value) for label, value in paths]
    out.append(Text(compose_verdict(run, words), style="bold green" if result.ok else "bold red"))
    out.append(Text(words["next_steps"], style="dim"))
    facts, draft = _short(run.facts_path), _short(run.draft_path)
    out.append(Text(f"  drafter check --facts {facts} {draft}", style="dim"))
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
    table = new_table(words["budget_title"], [words[c] for c in columns])
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


def run_header(model: str, endpoint: str, words: Words) -> str:
    """「模型 deepseek-chat @ https://api.deepseek.com/v1」: where the facts go, said before they go."""
    if model == "offline":
        return words["header_offline"]
    if endpoint.startswith("local:"):
        return words("header_local", model=model)
    return words("header_model", model=model, endpoint=endpoint)


class LiveProgress(DraftListener):
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
        table = new_table("", [], box=None, padding=(0, 1), expand=True)
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


def _short(path: Path) -> str:
    """A path as short as it can be pasted: relative to the current folder when it is inside it, quoted for the
    shell when it needs it."""
    import os
    import shlex

    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        shown = str(path)
    if shown.startswith(".." + os.sep + ".."):
        shown = str(path)
    return shlex.quote(shown)
