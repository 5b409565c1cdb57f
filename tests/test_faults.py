"""The fault matrix: every fault a writer or an endpoint can cause, one row each — the fault, the exit code, the
message, how many requests were paid for, and, read back from disk, that nothing was lost: the facts unchanged,
no temporary file left, the key in no file. Faults that need a process of their own (signals, two runs at once,
a full disk) follow the table.

Real parts throughout: drafter's HTTP client to the scripted server on 127.0.0.1, a raw TCP server that
speaks no HTTP, the operating system's locks and signals, a tmpfs that really fills up.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from drafter.cli import run
from drafter.drafting.resume import read_state
from tests.conftest import DRAFTER_WITH_CTRL_C, FIXTURES, SECRET_KEY, faithful, section_title
from tests.disks import Disk, mount_tmpfs, unmount
from tests.runner import CliRunner
from tests.scripted_server import Reply

runner = CliRunner()
UNION = FIXTURES / "union-2023h1"


@dataclass
class Scene:
    """One row's world: a folder with the union facts in it, and the scripted endpoint."""

    tmp: Path
    server: object
    facts: Path
    original: bytes = b""
    monkeypatch: pytest.MonkeyPatch | None = None
    cleanup: list[Callable[[], object]] = field(default_factory=list)

    @property
    def out(self) -> Path:
        return self.tmp / "out" / "draft.md"


@dataclass
class Row:
    fault: str
    arrange: Callable[[Scene], list[str]]  # prepares the fault, returns the command line
    code: int
    says: str  # in the message (stderr), in the writer's language (the union facts are Chinese)
    requests: int | None = None  # chat requests the endpoint received: 0 = refused before paying
    after: Callable[[Scene], None] = field(default=lambda scene: None)  # what must be on disk


_BIG5_FACTS = "## 主要工作\n- 走訪困難職工2848戶，發放慰問金\n"


def _compose(scene: Scene, *extra: str | Path) -> list[str]:
    return ["compose", "--facts", str(scene.facts), "--no-input", *[str(e) for e in extra]]


def _env(scene: Scene, **values: str) -> None:
    assert scene.monkeypatch is not None
    for name, value in values.items():
        if value:
            scene.monkeypatch.setenv(name, value)
        else:
            scene.monkeypatch.delenv(name, raising=False)


def _answer(scene: Scene, responder: Callable[[dict], Reply | str]) -> None:
    scene.server.responder = responder  # type: ignore[attr-defined]


def _read_only_folder(scene: Scene) -> list[str]:
    """Read-only for real: a read-only tmpfs (root ignores permissions), else a folder without write permission."""
    folder = scene.tmp / "locked"
    folder.mkdir()
    if os.geteuid() == 0:
        mounted = mount_tmpfs(folder, "16k", "ro")
        assert mounted or Path("/sys").is_dir(), "no way to make a read-only folder as root"
        if mounted:
            scene.cleanup.append(lambda: unmount(folder))
        else:
            folder = Path("/sys")  # read-only to root as well in a container
    else:
        folder.chmod(0o555)
        scene.cleanup.append(lambda: folder.chmod(0o755))
    return _compose(scene, "--out", folder / "draft.md")


def _hand_edited_state(scene: Scene) -> list[str]:
    scene.out.parent.mkdir(parents=True)
    state = scene.out.with_name(".draft.md.drafter.json")
    state.write_text('{"version": 1, "sections": {"x": {"text": 5, "ok": "yes"}, "y": [1], "z": "?"}}', "utf-8")
    return _compose(scene, "--out", scene.out)


def _pack(scene: Scene, manifest: str, system: str | None = None) -> list[str]:
    folder = scene.tmp / "packs" / "mine"
    folder.mkdir(parents=True)
    (folder / "pack.toml").write_text(f'name = "mine"\ntitle = "t"\n{manifest}[generic]\nguidance = "g"\n', "utf-8")
    if system is not None:
        (folder / "system.j2").write_text(system, "utf-8")
    return _compose(scene, "--out", scene.out, "--prompts", scene.tmp / "packs", "--kind", "mine")


def _one_section(scene: Scene) -> None:
    """One section, and no retries (a project file in the working folder): one request is the whole run."""
    _facts(scene, "## 主要工作\n- 走访困难职工2848户，发放慰问金323.062万元\n".encode())
    (scene.tmp / "drafter.toml").write_text("retries = 0\n", "utf-8")


def _facts(scene: Scene, data: bytes) -> None:
    scene.facts.write_bytes(data)
    scene.original = data


def _draft_is_whole(scene: Scene) -> None:
    text = scene.out.read_text(encoding="utf-8")
    assert "323.062万元" in text and "2848户" in text


def _not_written(scene: Scene) -> None:
    assert not scene.out.exists()


def _nothing_written(scene: Scene) -> None:
    """A model that failed before any section leaves no draft of placeholders; the facts are untouched (checked
    for every row)."""
    assert not scene.out.exists()


def _written_to_new_folder(scene: Scene) -> None:
    assert (scene.tmp / "new" / "deeper" / "d.md").is_file()


def _small(scene: Scene) -> None:
    assert scene.out.stat().st_size < 200_000, "the answer was not capped"


def _merged(scene: Scene) -> None:
    text = scene.out.read_text(encoding="utf-8")
    assert "一、主要工作" in text and "二、" not in text and "2848户" in text and "3万元" in text


ROWS = [
    # the key
    Row("key saved on Windows (trailing \\r\\n)", lambda s: (_env(s, OPENAI_API_KEY=SECRET_KEY + "\r\n"),
        _compose(s, "--out", s.out))[1], 0, "", None, _draft_is_whole),
    Row("key with a non-ASCII character", lambda s: (_env(s, OPENAI_API_KEY=SECRET_KEY + "é"),
        _compose(s, "--out", s.out))[1], 2, "holds characters a key cannot hold", 0, _not_written),
    Row("key alone, no model, no endpoint", lambda s: (_env(s, OPENAI_BASE_URL="", DRAFTER_MODEL=""),
        _compose(s, "--out", s.out))[1], 2, "drafter sends facts only to a model you name", 0, _not_written),
    Row("non-OpenAI model without an endpoint", lambda s: (_env(s, OPENAI_BASE_URL="", DRAFTER_MODEL="qwen2.5-72b"),
        _compose(s, "--out", s.out))[1], 2, "the facts would go to OpenAI", 0, _not_written),
    # outputs
    Row("--out is the facts file", lambda s: _compose(s, "--out", s.facts), 2, "--out 与 --facts 是同一个文件", 0),
    Row("--report is the facts file", lambda s: _compose(s, "--out", s.out, "--report", s.facts), 2,
        "--report 与 --facts 是同一个文件", 0, _not_written),
    Row("--report is the draft", lambda s: _compose(s, "--out", s.out, "--report", s.out), 2,
        "--report 与 --out 是同一个文件", 0, _not_written),
    Row("--out is a link to the facts", lambda s: (os.symlink(s.facts, s.tmp / "link.md"),
        _compose(s, "--out", s.tmp / "link.md"))[1], 2, "是同一个文件", 0),
    Row("--out is a folder", lambda s: (s.out.mkdir(parents=True), _compose(s, "--out", s.out))[1], 2,
        "这是一个文件夹，不能作为输出文件", 0),
    Row("--report is a folder", lambda s: ((s.tmp / "r").mkdir(), _compose(s, "--out", s.out, "--report",
        s.tmp / "r"))[1], 2, "这是一个文件夹", 0, _not_written),
    Row("output folder is read-only", _read_only_folder, 2, "无法写入", 0),
    Row("output folder is missing", lambda s: _compose(s, "--out", s.tmp / "new" / "deeper" / "d.md"), 0, "", None,
        _written_to_new_folder),
    Row("state file edited by hand", _hand_edited_state, 0, "", 3, _draft_is_whole),
    Row("state file not JSON", lambda s: (s.out.parent.mkdir(parents=True), s.out.with_name(
        ".draft.md.drafter.json").write_text("[" * 100_000, "utf-8"), _compose(s, "--out", s.out))[2], 0, "", 3,
        _draft_is_whole),
    # the endpoint
    Row("reply is not JSON", lambda s: (_answer(s, lambda b: Reply(raw=b"<html>busy</html>")),
        _compose(s, "--out", s.out))[1], 3, "端点的回复无法读取", 9, _nothing_written),
    Row("reply is not UTF-8", lambda s: (_answer(s, lambda b: Reply(raw=b'{"choices": "\xff\xfe"}')),
        _compose(s, "--out", s.out))[1], 3, "端点的回复无法读取", 9, _nothing_written),
    Row("endpoint trickles a token every 0.3 s", lambda s: (setattr(s.server, "chunk_delay", 0.3),
        setattr(s.server, "chunk_size", 1), _one_section(s), _compose(s, "--out", s.out, "--timeout", "1"))[3], 3,
        "1 秒内没有答完", 1, _nothing_written),
    Row("answer of 1 MB for a budget of 300 tokens", lambda s: (_answer(s, lambda b: faithful(b) + "好" * 1_000_000),
        _compose(s, "--out", s.out, "--max-tokens", "300", "--max-repairs", "0"))[1], 1, "", 3, _small),
    Row("model writes 万 a thousand times", lambda s: (_answer(s, lambda b: faithful(b) + "三" + "万" * 1000 + "元"),
        _compose(s, "--out", s.out, "--max-repairs", "0"))[1], 1, "", 3),
    # packs
    Row("pack extends a path outside the packs", lambda s: _pack(s, 'extends = "../../outside/x"\n'), 2,
        "'extends' must be the name of one pack", 0),
    Row("pack with max_tokens = -5", lambda s: _pack(s, 'extends = "work-summary"\nmax_tokens = -5\n'), 2,
        "'max_tokens' must be a whole number from 16", 0),
    Row("template loops range(10**9)", lambda s: _pack(s, 'extends = "work-summary"\n',
        "{% for i in range(10**9) %}x{% endfor %}"), 2, "its loops take more than 100,000 steps", 0),
    Row("template divides by zero", lambda s: _pack(s, 'extends = "work-summary"\n', "{{ 1 / 0 }}"), 2,
        "template system.j2: division by zero", 0),
    # the facts
    Row("facts in GBK", lambda s: (_facts(s, "## 主要工作\n- 走访2848户\n".encode("gbk")),
        _compose(s, "--out", s.out))[1], 0, "按 gb18030 编码读取（文件本身没有改动）", 1),
    Row("facts in Big5 (not plausibly GBK)", lambda s: (_facts(s, _BIG5_FACTS.encode("big5")),
        _compose(s, "--out", s.out))[1], 2, "不是 UTF-8 编码的文本", 0),
    Row("facts with --encoding big5", lambda s: (_facts(s, "## 主要工作\n- 走訪困難職工2848戶\n".encode("big5")),
        _compose(s, "--out", s.out, "--encoding", "big5"))[1], 0, "按 big5 编码读取", 1),
    Row("facts with an unknown --encoding", lambda s: (_facts(s, "## 主要工作\n- 走访2848户\n".encode()),
        _compose(s, "--out", s.out, "--encoding", "klingon"))[1], 2, "klingon", 0),
    Row("facts in UTF-16 (Notepad's Unicode)", lambda s: (_facts(s, "## 主要工作\n- 走访2848户\n".encode("utf-16")),
        _compose(s, "--out", s.out))[1], 0, "", 1),
    # no text to judge the language by: the system's (a Chinese writer's machine says zh_CN)
    Row("facts are a Word file", lambda s: (_facts(s, b"PK\x03\x04\x14\x00\x06\x00word/document.xml"),
        _env(s, LANG="zh_CN.UTF-8"), _compose(s, "--out", s.out))[2], 2, "是 Word 文档（.docx）", 0),
    Row("facts are binary", lambda s: (_facts(s, b"\x7fELF\x02\x01\x01\x00\xff\xfe\x00"),
        _env(s, LANG="zh_CN.UTF-8"), _compose(s, "--out", s.out))[2], 2, "不是文本文件", 0),
    Row("facts are binary, English system", lambda s: (_facts(s, b"\x7fELF\x02\x01\x01\x00\xff\xfe\x00"),
        _env(s, LANG="en_GB.UTF-8", LC_ALL="", LC_MESSAGES="", LANGUAGE=""), _compose(s, "--out", s.out))[2], 2,
        "is not a text file", 0),
    Row("facts from standard input", lambda s: ["compose", "--facts", "-", "--no-input"], 2,
        "compose needs the facts in a file", 0),
    Row("front matter never closed", lambda s: (_facts(s, "---\ntitle: 总结\n\n## 主要工作\n- 走访2848户\n".encode()),
        _compose(s, "--out", s.out))[1], 2, "请在第 4 行之前加一行“---”", 0),
    Row("a heading given twice", lambda s: (_facts(s, "## 主要工作\n- 走访2848户\n## 主要工作\n- 发放3万元\n".encode()),
        _compose(s, "--out", s.out))[1], 0, "两处的事实已合并为一个部分", 1, _merged),
]  # fmt: skip


@pytest.mark.parametrize("row", ROWS, ids=[row.fault for row in ROWS])
def test_fault(row, server, union_facts, tmp_path, isolated, monkeypatch):
    scene = Scene(tmp_path, server, union_facts, union_facts.read_bytes(), monkeypatch)
    try:
        args = row.arrange(scene)
        result = runner.invoke(run, args, catch_exceptions=False)
    finally:
        for undo in scene.cleanup:
            undo()
    assert result.exit_code == row.code, result.output
    assert row.says in result.stderr
    assert "Traceback" not in result.output
    if row.requests is not None:
        assert len(server.chat_requests()) == row.requests
    row.after(scene)
    assert union_facts.read_bytes() == scene.original, "the facts file changed"
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert not [path for path in written if path.name.endswith((".tmp", ".probe"))], "a temporary file was left"
    for path in written:
        assert SECRET_KEY.encode() not in path.read_bytes(), path
    assert SECRET_KEY not in result.output


# -- faults that need processes of their own ----------------------------------------------------------------------


def _run(*args: str | Path, cwd: Path, **popen: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", DRAFTER_WITH_CTRL_C, *map(str, args)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, **popen,  # type: ignore[arg-type]
    )  # fmt: skip


def _wait_for(condition: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_second_run_on_the_same_draft_stops_naming_the_first_or_waits(server, union_facts, tmp_path):
    """Two runs at once never share a draft: the second says who holds it (exit 2), or with --wait runs after."""
    answered: list[int] = []

    def slow_first_run(body):  # the first run's three sections take long enough for both others to start
        answered.append(1)
        return Reply(faithful(body), delay=4.0 if len(answered) <= 3 else 0.2)

    server.responder = slow_first_run
    out = tmp_path / "d.md"
    first = _run("compose", "--facts", union_facts, "--out", out, "--no-input", cwd=tmp_path)
    _wait_for(lambda: len(server.chat_requests()) > 0)
    second = subprocess.run(
        [sys.executable, "-m", "drafter", "compose", "--facts", union_facts, "--out", out, "--no-input"],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert second.returncode == 2, second.stderr
    assert "另一个 drafter 正在写这份草稿（pid" in second.stderr and str(first.pid) in second.stderr
    assert "--wait" in second.stderr
    waiting = _run("compose", "--facts", union_facts, "--out", out, "--no-input", "--wait", "--fresh", cwd=tmp_path)
    _, first_stderr = first.communicate(timeout=60)
    assert first.returncode == 0, first_stderr.decode()
    _, stderr = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, stderr.decode()
    assert "等待它结束" in stderr.decode()
    assert "2848户" in out.read_text(encoding="utf-8")
    assert len(read_state(tmp_path / ".d.md.drafter.json")) == 3


@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_sigterm_and_sighup_stop_like_ctrl_c(server, union_facts, tmp_path, isolated, name, code):
    """Finished sections are saved, the run is logged as interrupted, the exit code is the signal's."""
    server.responder = lambda body: Reply(faithful(body), delay=30 if section_title(body) == "主要工作" else 0)
    out = tmp_path / "d.md"
    process = _run("compose", "--facts", union_facts, "--out", out, "--no-input", cwd=tmp_path)
    state = tmp_path / ".d.md.drafter.json"
    _wait_for(lambda: state.exists() and len(read_state(state)) >= 2)
    process.send_signal(getattr(signal, name))
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == code, stderr.decode()
    assert "已中断：已完成的部分都已保留" in stderr.decode() and "Traceback" not in stderr.decode()
    assert len(read_state(state)) >= 2
    with sqlite3.connect(isolated / "data" / "logs.db") as db:
        assert db.execute("SELECT status, exit_code FROM runs").fetchall() == [("interrupted", code)]


def test_a_run_killed_outright_is_marked_interrupted_when_next_seen(server, union_facts, tmp_path, isolated):
    server.responder = lambda body: Reply(faithful(body), delay=30)
    process = _run("compose", "--facts", union_facts, "--out", tmp_path / "d.md", "--no-input", cwd=tmp_path)
    _wait_for(lambda: len(server.chat_requests()) > 0)
    process.kill()
    process.communicate(timeout=30)
    listing = runner.invoke(run, ["logs"])
    assert listing.exit_code == 0
    with sqlite3.connect(isolated / "data" / "logs.db") as db:
        assert db.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]


def test_an_internal_error_is_one_line_and_exit_4(tmp_path):
    """A bug (here: a function made to fail) still reaches the writer as one line, never a traceback."""
    code = (
        "import sys, drafter.review.check as c\n"
        "def broken(*a, **k): raise ZeroDivisionError('boom')\n"
        "c.check_draft = broken\n"
        "sys.argv = ['drafter', 'check', '--facts', sys.argv[1], sys.argv[2]]\n"
        "from drafter.cli import main; main()\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code, str(UNION / "facts.md"), str(UNION / "draft-faithful.md")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert completed.returncode == 4
    assert completed.stderr.startswith("drafter: error: internal error: ZeroDivisionError: boom")
    assert "Traceback" not in completed.stderr and "DRAFTER_DEBUG=1" in completed.stderr


def test_a_reply_that_is_not_http_is_named_so(union_facts, tmp_path, monkeypatch):
    """An address pointing at another service (here one that greets like SSH) is not "cannot connect"."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def greet() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            connection.recv(65536)  # the request; then the answer of a service that is not HTTP
            connection.sendall(b"SSH-2.0-OpenSSH_9.2\r\nInvalid SSH identification string.\r\n")
            connection.shutdown(socket.SHUT_WR)
            connection.close()

    threading.Thread(target=greet, daemon=True).start()
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("DRAFTER_MODEL", "m")
    (tmp_path / "drafter.toml").write_text("retries = 0\ntimeout = 5\n", "utf-8")
    result = runner.invoke(run, ["compose", "--facts", str(union_facts), "--no-input", "--out", str(tmp_path / "d")])
    listener.close()
    assert result.exit_code == 3
    assert "端点的回复不是 HTTP" in result.stderr and "次）" not in result.stderr


@pytest.fixture
def full_disk(tmp_path):
    disk = Disk(tmp_path / "disk")
    yield disk
    disk.close()


def test_a_full_disk_loses_no_draft_and_leaves_no_partial_file(server, union_facts, tmp_path, full_disk):
    out = full_disk.folder / "draft.md"
    if full_disk.mounted:
        full_disk.fill(leave=8192)  # two pages: the lock and the probe, not the draft
    completed = full_disk.run_drafter(
        "compose", "--facts", union_facts, "--out", out, "--no-input", "--no-log", cwd=tmp_path, limit=1024
    )
    assert completed.returncode == 2, completed.stderr
    assert "磁盘已满" in completed.stderr and "Traceback" not in completed.stderr
    assert "草稿没有写入文件，全文如下" in completed.stderr
    assert "一、主要工作" in completed.stdout and "323.062万元" in completed.stdout, "the draft was not given back"
    assert not [p for p in full_disk.folder.iterdir() if p.name.endswith(".tmp")]
    assert not out.exists()


def test_a_full_disk_under_the_run_log_costs_no_draft(server, union_facts, tmp_path, isolated, full_disk):
    """The log is best-effort: when it cannot be written the run says so once and carries on."""
    data = isolated / "data"
    data.parent.mkdir(parents=True, exist_ok=True)
    if full_disk.mounted:
        data.symlink_to(full_disk.folder, target_is_directory=True)  # the log lives on the full disk
        full_disk.fill(leave=0)
    out = tmp_path / "d.md"
    completed = full_disk.run_drafter(
        "compose", "--facts", union_facts, "--out", out, "--no-input", cwd=tmp_path, limit=16_384
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr.count("运行日志无法写入") == 1
    assert "2848户" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("fault", "draft", "facts", "code", "says"),
    [
        ("draft is a damaged Word file", b"PK\x03\x04\x14\x00\x06\x00word/document.xml", None, 2,
         "Word 文件已损坏"),
        ("draft is a damaged PDF", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", None, 2, "PDF 文件已损坏"),
        ("draft in GBK", "走访困难职工2848户".encode("gbk"), None, 1, "按 gb18030 编码读取"),
        ("draft in Latin-1", "Caf\xe9 cr\xe8me 2848".encode("latin-1"), None, 2, "不是 UTF-8 编码的文本"),
        ("draft in UTF-16", "发放慰问金323.062万元，走访困难职工2848户".encode("utf-16"), None, 1, ""),
        ("facts without facts", b"x", "---\ntitle: 局工会总结\n---\n## 主要工作\n".encode(), 2, "没有事实，无法核对"),
        ("facts without figures", b"x", "## 主要工作\n- 做好服务\n".encode(), 2, "事实中没有数字，无法核对"),
        ("facts with a heading twice", "走访2848户，发放3万元".encode(),
         "## 甲\n- 走访2848户\n## 甲\n- 发放3万元\n".encode(), 0, "两处的事实已合并为一个部分"),
    ],
)  # fmt: skip
def test_check_faults(tmp_path, fault, draft, facts, code, says):
    (tmp_path / "draft").write_bytes(draft)
    facts_path = UNION / "facts.md"
    if facts is not None:
        facts_path = tmp_path / "facts.md"
        facts_path.write_bytes(facts)
    result = runner.invoke(run, ["check", "--facts", str(facts_path), str(tmp_path / "draft")])
    assert result.exit_code == code, result.output
    assert says in result.stderr
    assert "Traceback" not in result.output


def test_check_reads_the_facts_from_standard_input_but_not_both():
    facts = (UNION / "facts.md").read_text(encoding="utf-8")
    result = runner.invoke(run, ["check", "--facts", "-", str(UNION / "draft-faithful.md")], input=facts)
    assert result.exit_code == 0 and "通过：所有数字与事实一致" in result.stdout
    both = runner.invoke(run, ["check", "--facts", "-", "-"], input=facts)
    assert both.exit_code == 2 and "cannot both come from standard input" in both.stderr
