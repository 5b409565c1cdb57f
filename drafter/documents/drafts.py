"""Drafts as people give them for checking: Markdown or plain text, from a file or standard input."""

from __future__ import annotations

from drafter.documents.text import read_text


def read_draft(path: str) -> str:
    """A draft's text (`-`: standard input); every problem is a `DraftError` naming the file (and line)."""
    return read_text(path, "draft")
