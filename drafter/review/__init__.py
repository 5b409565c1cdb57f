"""Checking a draft against the facts, and the report as data and in its formats (JSON, Markdown)."""
