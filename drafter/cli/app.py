"""The `drafter` command: parses arguments (`arguments.py`), calls the core, prints, and picks the exit code.

Exit codes: 0 ok, 1 figures wrong, 2 usage or input error, 3 model failure, 4 a bug in drafter, 130 interrupted.

Each command is a function of the parsed arguments that returns its exit code; nothing is imported before a
command needs it, so that a lone `drafter check --format json` starts in a few tens of milliseconds.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

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
    UsageError,
    run_exit_code,
    speaking,
    stop_code,
)
from drafter.messages import Words, phrase, system_language

if TYPE_CHECKING:
    from argparse import Namespace

    from drafter.drafting.pipeline import DraftListener
    from drafter.drafting.service import ComposeRequest, ComposeRun, Prepared
    from drafter.messages import Phrase
    from drafter.review.batch import Checked


class Exit(Exception):
    """Leave the command with `code` (what had to be said is said)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def run(argv: Sequence[str] | None = None) -> int:
    """One `drafter` run: the exit code. Domain errors become a message in the writer's language, never a
    traceback; `DRAFTER_DEBUG=1` lets a bug's traceback through."""
    from drafter.cli.arguments import HelpShown, parse

    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        args = parse(argv, system_language())
        return COMMANDS[args.command](args)
    except HelpShown as shown:
        return shown.code
    except Exit as done:
        return done.code
    except DrafterError as error:
        return _report(error)
    except KeyboardInterrupt as stop:  # Ctrl-C, SIGTERM or SIGHUP outside a run (a run says more itself)
        _echo(f"drafter: {Words(system_language())['interrupted']}", err=True)  # not an error
        return stop_code(stop)
    except Exception as error:  # the CLI edge: a bug still gets a message, not a traceback
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        words = Words(system_language())
        _say(words("internal_error", detail=f"{type(error).__name__}: {error}"), words["internal_error_hint"],
             words.language)  # fmt: skip
        return EXIT_BUG


def main() -> None:
    """Console entry point."""
    sys.exit(run())


def _report(error: DrafterError) -> int:
    """A domain error as a message on stderr, in the writer's language, and its exit code."""
    language = _error_language(error)
    message, hint = error.localized(language)
    _say(message, hint, language)
    if isinstance(error, DraftError) and error.unsaved is not None:
        _echo(Words(language)["unsaved_draft"], err=True)
        _echo(error.unsaved)  # on standard output: the draft is not lost
    return error.exit_code


def _error_language(error: DrafterError) -> str:
    """The language the error was raised in (the facts'), else that of the file that failed, else the system's."""
    if error.language:
        return error.language
    if isinstance(error, FactsError):
        from drafter.documents.text import language_of_file

        return language_of_file(error.path) or system_language()
    return system_language()


# -- check ------------------------------------------------------------------------------------------------------


def check(args: Namespace) -> int:
    """`drafter check`: one draft with its full report, or a batch (several drafts, or `--batch LIST.csv`)."""
    drafts: list[str] = args.drafts
    if args.batch is None and not drafts:
        raise UsageError(phrase("usage_required", names="DRAFT"), phrase("usage_hint", command="drafter check"))
    if args.batch is None and args.facts is None:
        raise UsageError(phrase("usage_required", names="--facts"), phrase("usage_hint", command="drafter check"))
    if args.batch is not None or len(drafts) > 1 or args.format == "jsonl":
        return _check_batch(args)
    return _check_one(args, drafts[0])


def _check_one(args: Namespace, draft: str) -> int:
    from pathlib import Path

    from drafter.documents.drafts import read_draft
    from drafter.documents.facts import facts_language, read_facts
    from drafter.review.check import check_draft, require_figures

    if draft == "-" and args.facts == "-":
        raise UsageError(phrase("usage_both_stdin"), phrase("usage_hint", command="drafter check"))
    document = read_facts(args.facts)
    language = facts_language(document)
    _warn(document.warnings, language)
    chosen = args.format
    with speaking(language):
        require_figures(document)
        text = read_draft(draft, args.encoding)
        _warn(text.notes, language)
        report = check_draft(document, text.text)
        if args.annotate is not None:
            _annotate(draft, Path(args.annotate), report, document, text, language)
        if args.out is not None:
            from drafter.documents.files import write_atomic
            from drafter.review.report import report_format

            chosen = report_format(Path(args.out), None if chosen == "table" else chosen)
            write_atomic(Path(args.out), _report_text(chosen, report, document, text, language, args))
            _echo(Words(language)("report_written", path=args.out), err=True)
    if args.out is None and chosen == "table":  # (with --out the report went to the file; the exit code still tells)
        from drafter.cli.views.check import report_table

        shown = report_table(report, language, show_all=args.all, show_ignored=args.ignored, draft=text,
                             width=_console().width, strict=args.strict)  # fmt: skip
        _print_rich(shown)
    elif args.out is None:
        _echo(_report_text(chosen, report, document, text, language, args), nl=False)
    failed = not report.ok or (args.strict and bool(report.unsupported))
    return EXIT_FIGURES if failed else EXIT_OK


def _annotate(source: str, out: Any, report: Any, document: Any, draft: Any, language: str) -> None:
    """`--annotate`: a copy of the reviewer's .docx with a Word comment on each problem, nothing else changed."""
    from pathlib import Path

    from drafter.documents.files import refuse_inputs_as_outputs, write_atomic
    from drafter.documents.word import add_comments
    from drafter.review.annotations import comments_for

    if draft.kind != "docx" or source == "-":
        raise DraftError(phrase("annotate_not_docx"), phrase("annotate_not_docx_hint"), where=source)
    refuse_inputs_as_outputs({"DRAFT": Path(source)}, {"--annotate": out})
    data, count = add_comments(Path(source).read_bytes(), comments_for(report, document, draft, language))
    write_atomic(out, data)
    _echo(Words(language)("annotated", path=out, count=count), err=True)


def _report_text(chosen: str, report: Any, document: Any, draft: Any, language: str, args: Namespace) -> str:
    """The report as `chosen` ("json", "markdown", "html") says."""
    if chosen == "json":
        from drafter.review.report import report_json

        return json.dumps(report_json(report, draft, language), ensure_ascii=False, indent=2) + "\n"
    if chosen == "markdown":
        from drafter.review.report import report_markdown

        return report_markdown(report, language, show_ignored=args.ignored, draft=draft, strict=args.strict)
    from drafter.review.html import report_html

    return report_html(report, document, draft, language, strict=args.strict)


def _check_batch(args: Namespace) -> int:
    """Several drafts: each checked as alone, reported one a line (jsonl), all in one (json), or as a table of
    the drafts worst first; the exit code is the worst of them."""
    from pathlib import Path

    from drafter.review.batch import check_pairs, pairs_for, read_batch, tally

    if args.format in ("markdown", "html") or args.annotate is not None or args.ignored:
        option = "--annotate" if args.annotate else "--ignored" if args.ignored else f"--format {args.format}"
        raise UsageError(phrase("batch_one_report", option=option), phrase("batch_one_report_hint"))
    if args.batch is not None and args.drafts:
        raise UsageError(phrase("batch_and_drafts"), phrase("usage_hint", command="drafter check"))
    if "-" in args.drafts or args.facts == "-":
        raise UsageError(phrase("batch_no_stdin"), phrase("usage_hint", command="drafter check"))
    pairs = read_batch(args.batch, args.facts) if args.batch is not None else pairs_for(args.facts, args.drafts)
    chosen = args.format
    if args.out is not None:
        from drafter.documents.files import prepare_output, refuse_inputs_as_outputs

        chosen = _batch_format(Path(args.out), args.format)
        inputs = {f"DRAFT {number}": Path(pair.draft) for number, pair in enumerate(pairs, 1) if pair.draft}
        refuse_inputs_as_outputs({**({"--batch": Path(args.batch)} if args.batch else {}), **inputs},
                                 {"--out": Path(args.out)})  # fmt: skip
        prepare_output(Path(args.out))
    results = check_pairs(pairs, jobs=args.jobs, encoding=args.encoding, strict=args.strict)
    with _report_stream(args.out) as stream:
        done: list[Checked] = []
        for checked in results:  # a line as each draft is checked: a long batch shows its progress
            if chosen == "jsonl":
                _echo(json.dumps(checked.json(), ensure_ascii=False), file=stream)
            done.append(checked if chosen == "json" else checked.brief())
        summary = tally(done)
        if chosen == "json":
            body = {"reports": [checked.json() for checked in done], "summary": summary}
            _echo(json.dumps(body, ensure_ascii=False, indent=2), file=stream)
    words = Words(_most_common([checked.language for checked in done]) or system_language())
    if args.out is not None:
        _echo(words("report_written", path=args.out), err=True)
    if chosen == "table":
        from drafter.cli.views.check import batch_table

        _print_rich(batch_table(done, words.language, show_all=args.all, width=_console().width, strict=args.strict))
    else:
        _echo(words("batch_summary", **summary), err=True)
    return summary["exit_code"]


def _batch_format(out: Any, given: str) -> str:
    """A batch written to a file is JSON Lines or JSON: as `--format` says, else as the file's name says."""
    if given in ("json", "jsonl"):
        return given
    if out.suffix.lower() in (".json", ".jsonl"):
        return str(out.suffix.lower().lstrip("."))
    raise UsageError(phrase("batch_out_format", path=out), phrase("batch_out_format_hint"))


@contextlib.contextmanager
def _report_stream(out: str | None) -> Iterator[Any]:
    """Standard output, or a file that takes the name `out` when it is whole (never a half-written report)."""
    if out is None:
        yield sys.stdout
        return
    from pathlib import Path

    from drafter.documents.files import write_error

    partial = Path(out).with_name(f".{Path(out).name}.{os.getpid()}.tmp")
    try:
        with open(partial, "w", encoding="utf-8") as stream:
            yield stream
        os.replace(partial, out)
    except OSError as error:
        raise write_error(Path(out), error) from None
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


def _most_common(values: list[str]) -> str | None:
    return max(set(values), key=values.count) if values else None


# -- facts, compose, export -------------------------------------------------------------------------------------


def show_facts(args: Namespace) -> int:
    """`drafter facts`: the figures drafter finds in a facts file."""
    from drafter.documents.facts import facts_language, read_facts
    from drafter.review.check import fact_figures
    from drafter.review.report import facts_json

    document = read_facts(args.facts, args.encoding)
    language = facts_language(document)
    _warn(document.warnings, language)
    figures = fact_figures(document)
    if args.format == "json":
        _echo(json.dumps(facts_json(document.meta, figures), ensure_ascii=False, indent=2))
        return EXIT_OK
    from drafter.cli.views.check import facts_table

    _print_rich(facts_table(figures, args.facts, language))
    return EXIT_OK


def compose(args: Namespace) -> int:
    """`drafter compose`: the writer's session when there is a terminal and no facts file, then the run."""
    with _stop_on_signals():
        return _compose(args)


def _compose(args: Namespace) -> int:
    import datetime
    from pathlib import Path

    from drafter.cli.views.check import report_table
    from drafter.cli.views.compose import LiveProgress, ProgressPrinter, compose_summary, preview_renderables
    from drafter.drafting.service import ComposeRequest, new_facts_path, prepare, preview

    interactive = not (args.no_input or args.dry_run) and sys.stdin.isatty()
    if args.facts is None and not interactive:
        raise UsageError(phrase("usage_compose_facts"), phrase("usage_hint", command="drafter compose"))
    if args.facts == "-":
        raise UsageError(phrase("usage_compose_stdin"), phrase("usage_hint", command="drafter compose"))
    flags = {name: getattr(args, name) for name in ("model", "profile", "jobs", "max_repairs", "max_tokens", "timeout")}
    request = ComposeRequest(
        facts=Path(args.facts) if args.facts else new_facts_path(Path.cwd(), datetime.date.today()),
        out=Path(args.out) if args.out else None,
        report=Path(args.report) if args.report else None,
        kind=args.kind,
        prompts=tuple(Path(p) for p in args.prompts or ()),
        settings_flags=flags,
        lock_figures=args.lock_figures,
        strict=args.strict,
        allow_unsupported=args.allow_unsupported,
        fix_figures=not args.no_fix_figures,
        max_tokens_total=args.max_tokens_total,
        cache=args.cache,
        log=not args.no_log,
        fresh=args.fresh,
        wait=args.wait,
        today=datetime.date.today(),
        encoding=args.encoding,
        fonts=args.fonts,
        template=Path(args.template) if args.template else None,
    )
    if args.dry_run:
        shown = preview(prepare(request))
        _print_rich(preview_renderables(shown, shown.pack.language))
        return EXIT_OK
    if interactive:
        chosen = _interactive_session(request)
        if chosen is None:
            return EXIT_OK
        request = chosen
    prepared = prepare(request)
    with speaking(prepared.language):
        if interactive:
            with LiveProgress(_console(), prepared.pack.language, prepared.sections) as live:
                done = _compose_or_interrupted(prepared, live)
        else:
            done = _compose_or_interrupted(prepared, ProgressPrinter(_console(stderr=True), prepared.language))
    code = run_exit_code(done.status)
    if done.result.failure is not None:  # the model failed: that comes first, and alone when nothing was drafted
        message, hint = done.result.failure.localized(done.pack.language)
        _say(message, hint, done.pack.language)
        if not done.written:
            _echo(Words(done.pack.language)("model_failed_nothing_written", facts=done.facts_path), err=True)
            return code
    _print_rich(report_table(done.result.report, done.pack.language, with_verdict=False, width=_console().width))
    _print_rich(compose_summary(done, done.pack.language))
    return code


def _compose_or_interrupted(prepared: Prepared, listener: DraftListener) -> ComposeRun:
    from drafter.drafting.service import run_compose

    try:
        return run_compose(prepared, listener)
    except KeyboardInterrupt as stop:  # not an error: say what was kept and how to go on
        words = Words(prepared.language)
        _echo(words["interrupted_compose"], err=True)
        _echo(f"  {words('interrupted_compose_hint', path=prepared.request.draft_path)}", err=True)
        raise Exit(stop_code(stop)) from None


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
        # not an error; on a line of its own (the prompt that was answering has no newline yet)
        _echo(f"\ndrafter: {session.words('interrupted_session', path=path)}", err=True)
        raise Exit(EXIT_INTERRUPTED) from None
    if chosen is None:
        return None
    return dataclasses.replace(request, kind=result.pack.name, out=chosen[0], overwrite=chosen[1])


def export(args: Namespace) -> int:
    """`drafter export`: a Markdown draft as a Word 公文, its figures read back one for one."""
    from pathlib import Path

    from drafter.config import load_settings
    from drafter.documents.docx_writer import DocxLayout
    from drafter.documents.outputs import export_draft
    from drafter.documents.text import language_of_file

    if args.draft == "-" and args.out is None:
        raise UsageError(phrase("usage_export_out"), phrase("usage_hint", command="drafter export"))
    settings = load_settings({"fonts": args.fonts, "docx_template": args.template})
    template = Path(settings.docx_template) if settings.docx_template else None
    language = (language_of_file(args.draft) if args.draft != "-" else None) or system_language()
    with speaking(language):
        done = export_draft(args.draft, Path(args.out) if args.out else None,
                            DocxLayout(fonts=settings.fonts, template=template), args.encoding)  # fmt: skip
    words = Words(language)
    _echo(words("exported", path=done.path, figures=done.figures))
    if done.backup is not None:
        _echo(f"{words['path_backup']}: {done.backup}")
    return EXIT_OK


# -- prompts, logs, doctor --------------------------------------------------------------------------------------


def prompts_list(args: Namespace) -> int:
    from pathlib import Path

    from drafter.cli.views.packs import packs_table
    from drafter.drafting.packs import list_packs

    _print_rich([packs_table(list_packs([Path(p) for p in args.prompts or ()]), system_language())])
    return EXIT_OK


def prompts_show(args: Namespace) -> int:
    from pathlib import Path

    from drafter.cli.views.packs import pack_details
    from drafter.drafting.packs import TEMPLATES, load_pack

    pack = load_pack(args.kind, [Path(p) for p in args.prompts or ()])
    if args.template is None:
        _print_rich(pack_details(pack, system_language()))
        return EXIT_OK
    if args.template not in TEMPLATES:
        raise UsageError(phrase("usage_no_template", name=args.template),
                         phrase("usage_templates", names=", ".join(TEMPLATES)))  # fmt: skip
    _echo(pack.template_source(args.template), nl=False)
    return EXIT_OK


def logs_list(args: Namespace) -> int:
    from drafter.cli.views.logs import runs_table
    from drafter.drafting.runlog import RunLog, default_path

    language = system_language()
    if not default_path().exists():
        _echo(Words(language)("logs_none", path=default_path()))
        return EXIT_OK
    _print_rich([runs_table(RunLog().runs(args.limit), language)])
    return EXIT_OK


def logs_show(args: Namespace) -> int:
    from drafter.cli.views.logs import run_details
    from drafter.drafting.runlog import RunLog

    summary, requests, _ = RunLog().run(args.run_id)
    _print_rich(run_details(summary, requests, args.full, system_language()))
    return EXIT_OK


def doctor(args: Namespace) -> int:
    from drafter.cli.views.doctor import doctor_table
    from drafter.config import load_settings
    from drafter.errors import EXIT_MODEL
    from drafter.models.doctor import FAIL, run_checks

    checks = run_checks(load_settings({"model": args.model, "profile": args.profile}))
    _print_rich(doctor_table(checks, system_language(), _console().width))
    return EXIT_MODEL if any(check.status == FAIL for check in checks) else EXIT_OK


# -- printing ---------------------------------------------------------------------------------------------------


def _echo(text: str, *, err: bool = False, nl: bool = True, file: Any = None) -> None:
    """Print; a reader that has gone (`drafter check … | head`) stops the output, not the work: the exit code is
    still the verdict's."""
    stream = file or (sys.stderr if err else sys.stdout)
    try:
        stream.write(text + ("\n" if nl else ""))
        stream.flush()
    except BrokenPipeError:
        if stream is sys.stdout:
            _quiet_stdout()


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    class Quiet(Console):
        def on_broken_pipe(self) -> None:  # (rich's own exits with 1, which would pass for "figures wrong")
            self.quiet = True
            _quiet_stdout()

    return Quiet(highlight=False, no_color="NO_COLOR" in os.environ, stderr=stderr)


def _print_rich(renderables: list[Any]) -> None:
    console = _console()
    for renderable in renderables:
        console.print(renderable)


def _say(message: str, hint: str, language: str) -> None:
    """An error: `drafter: error: …` (`drafter: 错误：…`), and on the next line what to do."""
    _echo(f"drafter: {Words(language)['error_prefix']}{_secretless(message)}", err=True)
    if hint:
        _echo(f"  {_secretless(hint)}", err=True)


def _warn(warnings: tuple[Phrase, ...], language: str) -> None:
    for warning in warnings:
        _echo(f"drafter: {Words(language)['warning_prefix']}{warning.text(language)}", err=True)


def _secretless(text: str) -> str:
    """The last guard: no API key from the environment reaches the terminal, in any rendering."""
    from drafter.models.openai_backend import scrub

    for name, value in os.environ.items():
        if name.endswith("KEY") and len(value.strip()) >= 6:
            text = scrub(scrub(text, value), value.strip())
    return text


def _quiet_stdout() -> None:
    """After a broken pipe: standard output goes to /dev/null, so that later writes and Python's flush at exit
    say nothing."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[None]:
    """While composing, SIGTERM and SIGHUP stop the run as Ctrl-C does: what is finished is saved, and said so.
    (Only the main thread may set handlers; elsewhere, and afterwards, they stay as they were.)"""
    import signal

    names = [name for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    try:
        before = {name: signal.signal(getattr(signal, name), _on_signal) for name in names}
    except ValueError:  # not the main thread
        before = {}
    try:
        yield
    finally:
        for name, handler in before.items():
            signal.signal(getattr(signal, name), handler)


def _on_signal(signum: int, frame: object) -> None:
    import signal

    raise Stopped(EXIT_HANGUP if signum == getattr(signal, "SIGHUP", None) else EXIT_TERMINATED)


# Each command of the grammar (`arguments.py`) and the function that runs it.
COMMANDS: dict[str, Callable[[Namespace], int]] = {
    "check": check, "facts": show_facts, "compose": compose, "export": export, "doctor": doctor,
    "prompts list": prompts_list, "prompts show": prompts_show, "logs": logs_list, "logs show": logs_show,
}  # fmt: skip


if __name__ == "__main__":  # pragma: no cover
    main()
