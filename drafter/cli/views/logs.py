"""`drafter logs` for people: the runs, and one run's requests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.cli.views.tables import new_table
from drafter.drafting.requests import RequestRecord
from drafter.drafting.runlog import RunSummary
from drafter.messages import Words

if TYPE_CHECKING:
    from rich.console import RenderableType


def local_time(stamp: str) -> str:
    """A logged time (UTC, ISO 8601) as the writer's clock shows it: 2026-11-26 22:05."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def run_status(status: str, words: Words) -> str:
    key = f"run_{status.replace(' ', '_')}"
    try:
        return words[key]
    except KeyError:
        return status


def runs_table(runs: list[RunSummary], language: str = "en") -> RenderableType:
    """Recent runs, one line each (80 columns), in the writer's language and local time."""
    from pathlib import Path

    words = Words(language)
    columns = [words[f"logs_{name}"] for name in ("id", "started", "facts", "model", "status", "tokens")]
    table = new_table("", columns, box=None)
    for run in runs:
        table.add_row(
            str(run.id), local_time(run.started), Path(run.facts).name, Path(run.model).name,
            run_status(run.status, words), str(run.prompt_tokens + run.completion_tokens),
        )  # fmt: skip
    return table


def run_details(
    run: RunSummary, requests: list[RequestRecord], full: bool, language: str = "en"
) -> list[RenderableType]:
    from rich.panel import Panel
    from rich.text import Text

    words = Words(language)
    seconds = "" if run.seconds is None else f" · {run.seconds:.1f} s"
    exit_code = "" if run.exit_code is None else f" (exit {run.exit_code})"
    heading = (
        f"{words('logs_run', id=run.id)} · {local_time(run.started)} · {run.facts} · {run.kind} · "
        f"{run.model} @ {run.endpoint} · {run_status(run.status, words)}{exit_code}{seconds}"
    )
    out: list[RenderableType] = [Text(heading, style="bold")]
    columns = ["section", "attempt", "purpose", "prompt", "output", "tokens from", "seconds", "result"]
    table = new_table("", columns)
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
