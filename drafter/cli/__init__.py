"""The command line: its grammar (`arguments.py`), the commands (`app.py`), their views, the writer's session."""

from drafter.cli.app import main, run

__all__ = ["main", "run"]
