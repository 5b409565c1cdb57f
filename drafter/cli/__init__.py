"""The command line: the Typer app and its commands (`app.py`), the views of each command, the writer's session."""

from drafter.cli.app import app, main

__all__ = ["app", "main"]
