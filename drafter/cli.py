"""The `drafter` command: parses arguments, calls the core, prints, and picks the exit code.

Exit codes: 0 ok, 1 figures wrong, 2 usage or input error, 3 model failure, 4 a bug in drafter, 130 interrupted.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer

from drafter import __version__
from drafter.errors import EXIT_FIGURES, EXIT_OK, DrafterError

EXIT_BUG = 4
EXIT_INTERRUPTED = 130

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


def _reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn drafter's domain errors into a message on stderr and their exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except DrafterError as error:
            _fail(error.message, error.hint, error.exit_code)

    return wrapper


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


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
        str, typer.Argument(metavar="DRAFT", help="The draft to check (Markdown or text); - reads standard input.")
    ],
    facts: Annotated[
        str, typer.Option("--facts", "-f", metavar="FACTS", help="The facts file the draft must agree with.")
    ],
    format: Annotated[ReportFormat, typer.Option("--format", help="table, json or markdown.")] = (ReportFormat.table),
    strict: Annotated[bool, typer.Option("--strict", help="Also fail when the draft has unsupported figures.")] = (
        False
    ),
) -> None:
    """Check a draft's figures against the facts: each exact, equivalent, altered or missing.

    Exit 0 when every figure is exact or equivalent, 1 when any is altered or missing (with --strict also when
    the draft has figures no fact gives), 2 for usage or input errors.
    """
    from drafter.check import check_draft, read_draft
    from drafter.facts import read_facts
    from drafter.report import language_of, report_json, report_markdown

    document = read_facts(facts)
    report = check_draft(document, read_draft(draft))
    language = language_of(" ".join(fact.text for section in document.sections for fact in section.facts))
    if format is ReportFormat.json:
        _print_json(report_json(report))
    elif format is ReportFormat.markdown:
        typer.echo(report_markdown(report, language), nl=False)
    else:
        from drafter.render import report_table

        _print_rich(report_table(report, language))
    failed = not report.ok or (strict and bool(report.unsupported))
    raise typer.Exit(EXIT_FIGURES if failed else EXIT_OK)


@app.command("facts")
@_reports_errors
def show_facts(
    facts: Annotated[str, typer.Argument(metavar="FACTS", help="The facts file to read.")],
    format: Annotated[FactsFormat, typer.Option("--format", help="table or json.")] = FactsFormat.table,
) -> None:
    """Show the figures drafter finds in a facts file: exactly what `drafter check` will look for."""
    from drafter.check import fact_figures
    from drafter.facts import read_facts
    from drafter.report import facts_json, language_of

    document = read_facts(facts)
    figures = fact_figures(document)
    if format is FactsFormat.json:
        _print_json(facts_json(document.meta, figures))
        return
    from drafter.render import facts_table

    language = language_of(" ".join(fact.text for section in document.sections for fact in section.facts))
    _print_rich(facts_table(figures, facts, language))


def _print_json(data: dict[str, Any]) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _print_rich(renderables: list[Any]) -> None:
    from rich.console import Console

    console = Console(highlight=False, no_color="NO_COLOR" in os.environ)
    for renderable in renderables:
        console.print(renderable)


def _fail(message: str, hint: str, code: int) -> NoReturn:
    typer.echo(f"drafter: error: {message}", err=True)
    if hint:
        typer.echo(f"  {hint}", err=True)
    raise typer.Exit(code)


def main() -> None:
    """Console entry point: domain errors become a message and an exit code, never a traceback."""
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        _fail("interrupted", "", EXIT_INTERRUPTED)
    except Exception as error:  # the CLI edge: a bug still gets a message, not a traceback
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        _fail(
            f"internal error: {type(error).__name__}: {error}",
            "this is a bug in drafter; run again with DRAFTER_DEBUG=1 to see the traceback and report it",
            EXIT_BUG,
        )


if __name__ == "__main__":  # pragma: no cover
    main()
