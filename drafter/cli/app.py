"""The `drafter` command: parses arguments, calls the core, prints, and picks the exit code.

Exit codes: 0 ok, 1 figures wrong, 2 usage or input error, 3 model failure, 4 a bug in drafter, 130 interrupted.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer

from drafter import __version__
from drafter.errors import (
    EXIT_BUG,
    EXIT_FIGURES,
    EXIT_HANGUP,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    DrafterError,
    DraftError,
    FactsError,
    Stopped,
    run_exit_code,
    speaking,
    stop_code,
)

if TYPE_CHECKING:
    from drafter.drafting.pipeline import DraftListener
    from drafter.drafting.service import ComposeRequest, ComposeRun, Prepared
    from drafter.messages import Phrase

app = typer.Typer(
    name="drafter",
    help="Drafts Chinese work summaries from bullet-point facts, and guarantees the figures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)


P = ParamSpec("P")
R = TypeVar("R")


def _error_language(error: DrafterError) -> str:
    """The language the error was raised in (the facts'), else that of the file that failed, else the system's."""
    if error.language:
        return error.language
    if isinstance(error, FactsError):
        from drafter.documents.text import language_of_file

        return language_of_file(error.path) or _system_language()
    return _system_language()


def _system_language() -> str:
    import locale

    names = [os.environ.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")]
    names.append(locale.getlocale()[0] or "")
    return "zh" if any(n.lower().startswith("zh") or "chinese" in n.lower() for n in names) else "en"


def _reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn drafter's domain errors into a message on stderr, in the writer's language, and their exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except DrafterError as error:
            language = _error_language(error)
            message, hint = error.localized(language)
            _say(message, hint)
            if isinstance(error, DraftError) and error.unsaved is not None:
                from drafter.messages import Words

                typer.echo(Words(language)["unsaved_draft"], err=True)
                typer.echo(error.unsaved)  # on standard output: the draft is not lost
            raise typer.Exit(error.exit_code) from None

    return wrapper


_FONTS_HELP = "Fonts of a .docx draft: gb2312 (方正小标宋简体, 仿宋_GB2312…) or plain (宋体, 仿宋…) [gb2312]."
_TEMPLATE_HELP = "A unit's own .docx template (红头, styles, page setup) for a .docx draft."


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


class FactsFormat(StrEnum):
    table = "table"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"drafter {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Drafts Chinese work summaries from bullet-point facts, and guarantees the figures."""


@app.command()
@_reports_errors
def check(
    draft: Annotated[
        str,
        typer.Argument(
            metavar="DRAFT", help="The draft to check: Markdown or text, Word (.docx/.doc/.wps) or PDF; - reads stdin."
        ),
    ],
    facts: Annotated[
        str,
        typer.Option("--facts", "-f", metavar="FACTS", help="The facts file the draft must agree with; - reads stdin."),
    ],
    format: Annotated[ReportFormat, typer.Option("--format", help="table, json or markdown.")] = (ReportFormat.table),
    strict: Annotated[bool, typer.Option("--strict", help="Also fail when the draft has unsupported figures.")] = (
        False
    ),
    ignored: Annotated[
        bool, typer.Option("--ignored", help="Also list the numbers judged not to be figures, and why.")
    ] = False,
    all: Annotated[
        bool, typer.Option("--all", help="List every figure, not only those that need a look (table format).")
    ] = False,
    out: Annotated[
        str | None,
        typer.Option("--out", "-o", metavar="REPORT", help="Write the report to a file (.html, .json, .md)."),
    ] = None,
    annotate: Annotated[
        str | None,
        typer.Option(
            "--annotate", metavar="OUT.docx", help="Write a copy of a .docx draft with a comment on each problem."
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="The draft's encoding, when it is text, e.g. gb18030 [decided]."),
    ] = None,
) -> None:
    """Check a draft's figures against the facts: each exact, equivalent, altered or missing.

    Exit 0 when every figure is exact or equivalent, 1 when any is altered or missing (with --strict also when
    the draft has figures no fact gives), 2 for usage or input errors.
    """
    from pathlib import Path

    from drafter.documents.drafts import read_draft
    from drafter.documents.facts import read_facts
    from drafter.review.check import check_draft, require_figures
    from drafter.review.report import report_format

    if draft == "-" and facts == "-":
        raise typer.BadParameter("the draft and the facts cannot both come from standard input", param_hint="--facts")
    document = read_facts(facts)
    language = _language(document)
    _warn(document.warnings, language)
    with speaking(language):
        require_figures(document)
        text = read_draft(draft, encoding)
        _warn(text.notes, language)
        report = check_draft(document, text.text)
        if annotate is not None:
            _annotate(draft, Path(annotate), report, document, text, language)
        chosen = format.value
        if out is not None:
            from drafter.documents.files import write_atomic
            from drafter.messages import Words

            chosen = report_format(Path(out), None if format is ReportFormat.table else chosen)
            write_atomic(Path(out), _report_text(chosen, report, document, text, language, ignored, strict))
            typer.echo(Words(language)("report_written", path=out), err=True)
    if out is None and chosen == "table":  # (with --out the report went to the file; the exit code still tells)
        from drafter.cli.views.check import report_table

        width = _console().width
        shown = report_table(
            report, language, show_all=all, show_ignored=ignored, draft=text, width=width, strict=strict
        )
        _print_rich(shown)
    elif out is None:
        typer.echo(_report_text(chosen, report, document, text, language, ignored, strict), nl=False)
    failed = not report.ok or (strict and bool(report.unsupported))
    raise typer.Exit(EXIT_FIGURES if failed else EXIT_OK)


def _annotate(source: str, out: Any, report: Any, document: Any, draft: Any, language: str) -> None:
    """`--annotate`: a copy of the reviewer's .docx with a Word comment on each problem, nothing else changed."""
    from pathlib import Path

    from drafter.documents.files import refuse_inputs_as_outputs, write_atomic
    from drafter.documents.word import add_comments
    from drafter.errors import DraftError
    from drafter.messages import Words, phrase
    from drafter.review.annotations import comments_for

    if draft.kind != "docx" or source == "-":
        raise DraftError(phrase("annotate_not_docx"), phrase("annotate_not_docx_hint"), where=source)
    refuse_inputs_as_outputs({"DRAFT": Path(source)}, {"--annotate": out})
    data, count = add_comments(Path(source).read_bytes(), comments_for(report, document, draft, language))
    write_atomic(out, data)
    typer.echo(Words(language)("annotated", path=out, count=count), err=True)


def _report_text(
    chosen: str, report: Any, document: Any, draft: Any, language: str, ignored: bool, strict: bool
) -> str:
    """The report as `chosen` ("json", "markdown", "html") says."""
    if chosen == "json":
        from drafter.review.report import report_json

        return json.dumps(report_json(report, draft, language), ensure_ascii=False, indent=2) + "\n"
    if chosen == "markdown":
        from drafter.review.report import report_markdown

        return report_markdown(report, language, show_ignored=ignored, draft=draft, strict=strict)
    from drafter.review.html import report_html

    return report_html(report, document, draft, language, strict=strict)


@app.command("facts")
@_reports_errors
def show_facts(
    facts: Annotated[str, typer.Argument(metavar="FACTS", help="The facts file to read; - reads standard input.")],
    format: Annotated[FactsFormat, typer.Option("--format", help="table or json.")] = FactsFormat.table,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="The facts file's encoding, e.g. gb18030 [decided].")
    ] = None,
) -> None:
    """Show the figures drafter finds in a facts file: exactly what `drafter check` will look for."""
    from drafter.documents.facts import read_facts
    from drafter.review.check import fact_figures
    from drafter.review.report import facts_json

    document = read_facts(facts, encoding)
    language = _language(document)
    _warn(document.warnings, language)
    figures = fact_figures(document)
    if format is FactsFormat.json:
        _print_json(facts_json(document.meta, figures))
        return
    from drafter.cli.views.check import facts_table

    _print_rich(facts_table(figures, facts, language))


@app.command()
@_reports_errors
def compose(
    facts: Annotated[
        str | None, typer.Option("--facts", "-f", metavar="FACTS", help="The facts file to draft from.")
    ] = None,
    out: Annotated[
        str | None,
        typer.Option("--out", "-o", metavar="DRAFT", help="Where to write the draft: .md or .docx [FACTS.draft.md]."),
    ] = None,
    report: Annotated[
        str | None, typer.Option("--report", metavar="REPORT", help="Also write the JSON figure report here.")
    ] = None,
    fonts: Annotated[str | None, typer.Option("--fonts", help=_FONTS_HELP)] = None,
    template: Annotated[str | None, typer.Option("--template", metavar="UNIT.docx", help=_TEMPLATE_HELP)] = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="The facts file's encoding, e.g. gb18030 [decided].")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="Prompt pack (document kind); default: kind: in the facts.")
    ] = None,
    prompts: Annotated[
        list[str] | None, typer.Option("--prompts", metavar="DIR", help="A folder of your own prompt packs.")
    ] = None,
    model: Annotated[
        str | None, typer.Option("--model", "-m", help="Model at the endpoint, 'offline', or 'local:PATH.gguf'.")
    ] = None,
    profile: Annotated[str | None, typer.Option("--profile", help="A [profiles.NAME] of the config.")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Sections drafted at once [4].")] = None,
    max_repairs: Annotated[
        int | None, typer.Option("--max-repairs", min=0, help="Times a section with wrong figures is sent back [2].")
    ] = None,
    lock_figures: Annotated[
        bool, typer.Option("--lock-figures", help="The model writes placeholders; drafter puts in the figures.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Send back figures no fact gives, and fail on them (the default).")
    ] = False,
    allow_unsupported: Annotated[
        bool, typer.Option("--allow-unsupported", help="Keep figures no fact gives (they are reported, not fixed).")
    ] = False,
    no_fix_figures: Annotated[
        bool, typer.Option("--no-fix-figures", help="Do not correct unambiguous altered figures in place.")
    ] = False,
    max_tokens: Annotated[int | None, typer.Option("--max-tokens", min=1, help="Output tokens per request.")] = None,
    max_tokens_total: Annotated[
        int | None, typer.Option("--max-tokens-total", min=1, help="Cap on tokens across all attempts.")
    ] = None,
    cache: Annotated[bool, typer.Option("--cache", help="Answer identical requests from the run log.")] = False,
    no_log: Annotated[bool, typer.Option("--no-log", help="Do not record this run in the log.")] = False,
    fresh: Annotated[bool, typer.Option("--fresh", help="Draft every section again, ignoring the last run.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Render every prompt and count tokens; call nothing.")
    ] = False,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never ask anything (for scripts).")] = False,
    timeout: Annotated[
        float | None,
        typer.Option("--timeout", min=0.1, help="Seconds one request may take in all, streaming included [60]."),
    ] = None,
    wait: Annotated[
        bool, typer.Option("--wait", help="If another run is writing the same draft, wait for it instead of stopping.")
    ] = False,
) -> None:
    """Draft a work summary from a facts file, checking and repairing every figure.

    Exit 0 when every figure in the draft is right, 1 when some are still wrong (the draft is written anyway,
    marked), 2 for usage or input errors, 3 when the model could not be reached or failed (sections already
    drafted are kept: run again to continue).
    """
    import datetime
    from pathlib import Path

    from drafter.cli.views.check import report_table
    from drafter.cli.views.compose import LiveProgress, ProgressPrinter, compose_summary, preview_renderables
    from drafter.drafting.service import ComposeRequest, new_facts_path, prepare, preview

    interactive = not (no_input or dry_run) and sys.stdin.isatty()
    if facts is None and not interactive:
        raise typer.BadParameter("give the facts file: drafter compose --facts FACTS", param_hint="--facts")
    if facts == "-":
        raise typer.BadParameter(
            "compose needs the facts in a file (the draft and what a rerun reuses are kept beside it); save them to "
            "a file and give its name",
            param_hint="--facts",
        )
    flags = {
        "model": model, "profile": profile, "jobs": jobs, "max_repairs": max_repairs, "max_tokens": max_tokens,
        "timeout": timeout,
    }  # fmt: skip
    request = ComposeRequest(
        facts=Path(facts) if facts else new_facts_path(Path.cwd(), datetime.date.today()),
        out=Path(out) if out else None,
        report=Path(report) if report else None,
        kind=kind,
        prompts=tuple(Path(p) for p in prompts or ()),
        settings_flags=flags,
        lock_figures=lock_figures,
        strict=strict,
        allow_unsupported=allow_unsupported,
        fix_figures=not no_fix_figures,
        max_tokens_total=max_tokens_total,
        cache=cache,
        log=not no_log,
        fresh=fresh,
        wait=wait,
        today=datetime.date.today(),
        encoding=encoding,
        fonts=fonts,
        template=Path(template) if template else None,
    )
    if dry_run:
        shown = preview(prepare(request))
        _print_rich(preview_renderables(shown, shown.pack.language))
        return
    if interactive:
        chosen = _interactive_session(request)
        if chosen is None:
            raise typer.Exit(EXIT_OK)
        request = chosen
    prepared = prepare(request)
    with speaking(prepared.language):
        if interactive:
            with LiveProgress(_console(), prepared.pack.language, prepared.sections) as live:
                run = _compose_or_interrupted(prepared, live)
        else:
            run = _compose_or_interrupted(prepared, ProgressPrinter(_console(stderr=True), prepared.language))
    code = run_exit_code(run.status)
    if run.result.failure is not None:  # the model failed: that comes first, and alone when nothing was drafted
        message, hint = run.result.failure.localized(run.pack.language)
        _say(message, hint)
        if not run.written:
            from drafter.messages import Words

            typer.echo(Words(run.pack.language)("model_failed_nothing_written", facts=run.facts_path), err=True)
            raise typer.Exit(code)
    _print_rich(report_table(run.result.report, run.pack.language, with_verdict=False, width=_console().width))
    _print_rich(compose_summary(run, run.pack.language))
    raise typer.Exit(code)


def _compose_or_interrupted(prepared: Prepared, listener: DraftListener) -> ComposeRun:
    from drafter.drafting.service import run_compose
    from drafter.messages import Words

    try:
        return run_compose(prepared, listener)
    except KeyboardInterrupt as stop:  # not an error: say what was kept and how to go on
        words = Words(prepared.language)
        typer.echo(words["interrupted_compose"], err=True)
        typer.echo(f"  {words('interrupted_compose_hint', path=prepared.request.draft_path)}", err=True)
        raise typer.Exit(stop_code(stop)) from None


def _interactive_session(request: ComposeRequest) -> ComposeRequest | None:
    """The writer's session: facts asked and saved as typed, reviewed, confirmed; then where the draft goes.
    Returns the request to compose, or None when the writer stopped."""
    import dataclasses

    from drafter.cli.session import Session, choose_draft_path
    from drafter.cli.terminal import RichTerminal

    path = request.facts
    terminal = RichTerminal(_console())
    session = Session(path, terminal, kind=request.kind, prompts=list(request.prompts))
    try:
        result = session.run()
        if not result.confirmed:
            return None
        chosen = choose_draft_path(terminal, session.words, request.draft_path)
    except (KeyboardInterrupt, EOFError):
        _fail(session.words("interrupted_session", path=path), "", EXIT_INTERRUPTED)
    if chosen is None:
        return None
    return dataclasses.replace(request, kind=result.pack.name, out=chosen[0], overwrite=chosen[1])


@app.command()
@_reports_errors
def export(
    draft: Annotated[str, typer.Argument(metavar="DRAFT", help="A Markdown draft; - reads standard input.")],
    out: Annotated[
        str | None, typer.Option("--out", "-o", metavar="FILE.docx", help="Where to write it [DRAFT.docx].")
    ] = None,
    fonts: Annotated[str | None, typer.Option("--fonts", help=_FONTS_HELP)] = None,
    template: Annotated[str | None, typer.Option("--template", metavar="UNIT.docx", help=_TEMPLATE_HELP)] = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="The draft's encoding, e.g. gb18030 [decided].")
    ] = None,
) -> None:
    """Turn a Markdown draft into Word, laid out as a 公文 (GB/T 9704) — English drafts in a plain layout.

    The Word file is read back before it is written: its figures must be the draft's, one for one. Exit 0 when
    written, 2 for usage or input errors.
    """
    from pathlib import Path

    from drafter.config import load_settings
    from drafter.documents.docx_writer import DocxLayout
    from drafter.documents.outputs import export_draft
    from drafter.documents.text import language_of_file
    from drafter.messages import Words

    if draft == "-" and out is None:
        raise typer.BadParameter("give where to write it when the draft comes from standard input", param_hint="--out")
    settings = load_settings({"fonts": fonts, "docx_template": template})
    chosen = Path(settings.docx_template) if settings.docx_template else None
    language = (language_of_file(draft) if draft != "-" else None) or _system_language()
    with speaking(language):
        done = export_draft(draft, Path(out) if out else None, DocxLayout(fonts=settings.fonts, template=chosen),
                            encoding)  # fmt: skip
    words = Words(language)
    typer.echo(words("exported", path=done.path, figures=done.figures))
    if done.backup is not None:
        typer.echo(f"{words['path_backup']}: {done.backup}")


prompts_app = typer.Typer(help="The prompt packs: one per document kind.", no_args_is_help=True)
app.add_typer(prompts_app, name="prompts")


@prompts_app.command("list")
@_reports_errors
def prompts_list(
    prompts: Annotated[
        list[str] | None, typer.Option("--prompts", metavar="DIR", help="A folder of your own prompt packs.")
    ] = None,
) -> None:
    """List the prompt packs: built-in ones and those in --prompts folders."""
    from pathlib import Path

    from drafter.cli.views.packs import packs_table
    from drafter.drafting.packs import list_packs

    _print_rich([packs_table(list_packs([Path(p) for p in prompts or ()]), _system_language())])


@prompts_app.command("show")
@_reports_errors
def prompts_show(
    kind: Annotated[str, typer.Argument(metavar="KIND", help="The pack to show.")],
    template: Annotated[
        str | None, typer.Option("--template", "-t", help="Print this template's source (e.g. section.j2).")
    ] = None,
    prompts: Annotated[
        list[str] | None, typer.Option("--prompts", metavar="DIR", help="A folder of your own prompt packs.")
    ] = None,
) -> None:
    """Show a pack: its sections, guidance, questions and templates."""
    from pathlib import Path

    from drafter.cli.views.packs import pack_details
    from drafter.drafting.packs import TEMPLATES, load_pack
    from drafter.errors import PromptError

    pack = load_pack(kind, [Path(p) for p in prompts or ()])
    if template is None:
        _print_rich(pack_details(pack, _system_language()))
        return
    if template not in TEMPLATES:
        raise PromptError(f"no template '{template}'", f"templates: {', '.join(TEMPLATES)}")
    typer.echo(pack.template_source(template), nl=False)


logs_app = typer.Typer(help="The log of compose runs.", invoke_without_command=True)
app.add_typer(logs_app, name="logs")


@logs_app.callback()
@_reports_errors
def logs_list(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many runs to list.")] = 20,
) -> None:
    """List recent compose runs (newest first); `drafter logs show ID` shows one."""
    if ctx.invoked_subcommand is not None:
        return
    from drafter.cli.views.logs import runs_table
    from drafter.drafting.runlog import RunLog, default_path
    from drafter.messages import Words

    language = _system_language()
    if not default_path().exists():
        typer.echo(Words(language)("logs_none", path=default_path()))
        return
    log = RunLog()
    _print_rich([runs_table(log.runs(limit), language)])


@logs_app.command("show")
@_reports_errors
def logs_show(
    run_id: Annotated[int, typer.Argument(metavar="ID", help="The run, as `drafter logs` lists it.")],
    full: Annotated[bool, typer.Option("--full", help="Also print every prompt and response.")] = False,
) -> None:
    """Show one run: each request's section, attempt, tokens, timing and outcome."""
    from drafter.cli.views.logs import run_details
    from drafter.drafting.runlog import RunLog

    summary, requests, _ = RunLog().run(run_id)
    _print_rich(run_details(summary, requests, full, _system_language()))


@app.command()
@_reports_errors
def doctor(
    model: Annotated[str | None, typer.Option("--model", "-m", help="Check this model instead.")] = None,
    profile: Annotated[str | None, typer.Option("--profile", help="Check this profile.")] = None,
) -> None:
    """Check the configured endpoint: reachable, key accepted, model listed, streaming usage; say what to fix."""
    from drafter.cli.views.doctor import doctor_table
    from drafter.config import load_settings
    from drafter.errors import EXIT_MODEL
    from drafter.models.doctor import FAIL, run_checks

    checks = run_checks(load_settings({"model": model, "profile": profile}))
    _print_rich([doctor_table(checks)])
    raise typer.Exit(EXIT_MODEL if any(check.status == FAIL for check in checks) else EXIT_OK)


def _language(document: Any) -> str:
    from drafter.documents.facts import language_text
    from drafter.messages import language_of

    return language_of(language_text(document))


def _print_json(data: dict[str, Any]) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(highlight=False, no_color="NO_COLOR" in os.environ, stderr=stderr)


def _print_rich(renderables: list[Any]) -> None:
    console = _console()
    for renderable in renderables:
        console.print(renderable)


def _say(message: str, hint: str) -> None:
    typer.echo(f"drafter: error: {_secretless(message)}", err=True)
    if hint:
        typer.echo(f"  {_secretless(hint)}", err=True)


def _warn(warnings: tuple[Phrase, ...], language: str) -> None:
    for warning in warnings:
        typer.echo(f"drafter: warning: {warning.text(language)}", err=True)


def _fail(message: str, hint: str, code: int) -> NoReturn:
    _say(message, hint)
    raise typer.Exit(code)


def _secretless(text: str) -> str:
    """The last guard: no API key from the environment reaches the terminal, in any rendering."""
    from drafter.models.openai_backend import scrub

    for name, value in os.environ.items():
        if name.endswith("KEY") and len(value.strip()) >= 6:
            text = scrub(scrub(text, value), value.strip())
    return text


def _on_signal(signum: int, frame: object) -> None:
    import signal

    raise Stopped(EXIT_HANGUP if signum == getattr(signal, "SIGHUP", None) else EXIT_TERMINATED)


def main() -> None:
    """Console entry point: domain errors become a message and an exit code, never a traceback; SIGTERM and
    SIGHUP stop like Ctrl-C."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _on_signal)
    try:
        returned = app(standalone_mode=False)  # without standalone mode, typer returns an Exit's code
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.TyperException as error:  # usage errors: typer prints them as it would have in standalone mode
        show = getattr(error, "show", None)
        if callable(show):
            show()
        else:
            _say(error.format_message(), "")
        sys.exit(error.exit_code)
    except KeyboardInterrupt as stop:  # Ctrl-C, SIGTERM or SIGHUP outside a run (a run says more itself)
        from drafter.messages import Words

        _say(Words(_system_language())["interrupted"], "")
        sys.exit(stop_code(stop))
    except Exception as error:  # the CLI edge: a bug still gets a message, not a traceback
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        _say(
            f"internal error: {type(error).__name__}: {error}",
            "this is a bug in drafter; run again with DRAFTER_DEBUG=1 to see the traceback and report it",
        )
        sys.exit(EXIT_BUG)
    sys.exit(returned if isinstance(returned, int) else EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    main()
