"""`drafter logs` for people: the runs, and one run's requests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.cli.views.tables import new_table
from drafter.drafting.requests import RequestRecord
from drafter.drafting.runlog import RunSummary

if TYPE_CHECKING:
    from rich.console import RenderableType


def runs_table(runs: list[RunSummary]) -> RenderableType:
    """Recent runs, one line each (80 columns); `drafter logs show ID` has the rest."""
    from pathlib import Path

    table = new_table("", ["id", "started (UTC)", "facts", "model", "status", "tokens"], box=None)
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
