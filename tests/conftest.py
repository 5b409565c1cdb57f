"""Every test runs with its own user directories and no network beyond 127.0.0.1 (llm's LLM_USER_PATH pattern)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.requests import view
from tests.scripted_server import ScriptedServer

ROOT = Path(__file__).parent.parent
FIXTURES = ROOT / "fixtures"
SECRET_KEY = "sk-test-5ecret-DO-NOT-LEAK-7f3a9"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Config, data and cache under tmp_path; no endpoint settings leak in from the developer's shell."""
    home = tmp_path / "drafter-home"
    monkeypatch.setenv("DRAFTER_HOME", str(home))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DRAFTER_MODEL", "DRAFTER_PROFILE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return home


@pytest.fixture(autouse=True)
def no_internet(monkeypatch):
    """Fail any connection that is not to this machine."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost") and not host.startswith("/"):
            raise OSError(f"test tried to reach {host}: tests never leave 127.0.0.1")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


# Runs `drafter` with Ctrl-C delivered as it is at a terminal. A background job (CI, `cmd &`) inherits SIGINT as
# ignored, and Python then installs no handler for it; a writer pressing Ctrl-C has the default.
DRAFTER_WITH_CTRL_C = (
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "sys.argv = ['drafter'] + sys.argv[1:]; runpy.run_module('drafter', run_name='__main__')"
)


def user_config(home: Path, text: str) -> Path:
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def section_facts(body) -> list[str]:
    """The facts of a request, as the model received them (read with the pack's own templates: tests/requests.py)."""
    return view(body).facts


def section_title(body) -> str:
    """The section a request is for."""
    return view(body).title


def is_repair(body) -> bool:
    """A repair is the section prompt again plus a third message with what to fix."""
    return view(body).repair


def faithful(body) -> str:
    """A perfect model: writes every fact, as given."""
    return "。".join(fact.rstrip("。") for fact in section_facts(body)) + "。"


@pytest.fixture
def server(isolated, monkeypatch):
    """A scripted endpoint on 127.0.0.1 that drafter is configured to use (faithful unless told otherwise)."""
    scripted = ScriptedServer(responder=faithful).start()
    monkeypatch.setenv("OPENAI_BASE_URL", scripted.url)
    monkeypatch.setenv("OPENAI_API_KEY", SECRET_KEY)
    monkeypatch.setenv("DRAFTER_MODEL", "test-model")
    user_config(isolated, "timeout = 2\nbackoff = 0.01\nretries = 2\n")
    yield scripted
    scripted.stop()


@pytest.fixture
def union_facts(tmp_path) -> Path:
    target = tmp_path / "facts.md"
    target.write_text((FIXTURES / "union-2023h1" / "facts.md").read_text(encoding="utf-8"), encoding="utf-8")
    return target
