"""Debian's Chromium, driven by Playwright's Python package through its executable path: no browser is ever
downloaded (Playwright's own browser installer is never used). A missing Chromium fails the test, never skips it:
`scripts/install-system-deps` installs it, and the README's test command runs that."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

# Chromium as root in a sandbox-less container, and nothing that reaches for Google's hosts at start.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("Chromium is missing: run scripts/install-system-deps (the README's test command does)")
    return found


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
