"""The interactive `drafter compose` driven in a real pseudo-terminal (80 columns): what the writer sees, what is
written, Ctrl-C and resume, a closed terminal, the editor round trip, the live drafting against a model."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pexpect
import pytest

from drafter.documents.facts import read_facts
from tests.conftest import DRAFTER_WITH_CTRL_C, faithful, is_repair, section_title

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Writer:
    """A writer at an 80-column terminal."""

    def __init__(self, tmp_path: Path, *args: str, env: dict[str, str] | None = None, lines: int = 40) -> None:
        environment = {**os.environ, "COLUMNS": "80", "LINES": str(lines), "TERM": "xterm", **(env or {})}
        self.child = pexpect.spawn(
            sys.executable, ["-c", DRAFTER_WITH_CTRL_C, "compose", *args], cwd=str(tmp_path), env=environment,
            encoding="utf-8", dimensions=(lines, 80), timeout=30,
        )  # fmt: skip
        self.screen = ""

    def expect(self, pattern: str) -> None:
        self.child.expect(pattern)
        self.screen += (self.child.before or "") + (self.child.after or "")

    def answer(self, prompt: str, text: str) -> None:
        self.expect(prompt)
        self.child.sendline(text)

    def bullets(self, *lines: str) -> None:
        for line in (*lines, ""):
            self.answer(r"  - ", line)

    def to_review(self, skipped: int, command: str = "") -> None:
        """Skip the remaining `skipped` sections, add none, and give `command` at the review (Enter: confirm)."""
        for _ in range(skipped):
            self.bullets()
        self.answer("还要添加其他部分吗", "")
        self.answer("回车确认并开始起草", command)

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.screen += self.child.before or ""
        self.child.close()
        return self.child.exitstatus if self.child.exitstatus is not None else -(self.child.signalstatus or 0)

    @property
    def plain(self) -> str:
        return ANSI.sub("", self.screen)


def start_union_session(writer: Writer) -> None:
    writer.answer("选择文稿类型", "1")
    writer.answer("单位名称", "局工会")
    writer.answer("总结期间", "2023年上半年")
    writer.answer("标题", "")


@pytest.fixture
def offline(isolated):
    return {"DRAFTER_HOME": str(isolated), "NO_COLOR": "1"}


def test_a_full_session_with_the_offline_backend(tmp_path, offline):
    writer = Writer(tmp_path, "--facts", "facts.md", env=offline)
    start_union_session(writer)
    writer.bullets("元旦春节送温暖，发放慰问金323.062万元，走访困难职工2848户", "职代会期间职工代表捐款71800元，提案12")
    writer.bullets()  # 工作成果: skipped
    writer.bullets()  # 工作亮点: skipped
    writer.bullets("工会干部队伍建设薄弱")
    writer.bullets("加强工会干部队伍建设")
    writer.to_review(0)
    assert writer.finish() == 0
    screen = writer.plain
    assert "识别到：323.062万元 · 2848户" in screen
    assert "注意：“12” 没有被识别为带单位的数字" in screen
    assert "《局工会2023年上半年工作总结》" in screen and "共 4 条事实、4 个数字" in screen
    assert "通过：所有数字与事实一致" in screen and "未使用语言模型" in screen
    assert "drafter check --facts facts.md facts.draft.md" in screen
    assert not re.search(r"\x1b\[(3[0-7]|9[0-7]|38;)", writer.screen)  # NO_COLOR: no colours
    assert max(len(line) for line in screen.splitlines()) <= 80
    document = read_facts(tmp_path / "facts.md")
    assert document.meta == {
        "title": "局工会2023年上半年工作总结",
        "organization": "局工会",
        "period": "2023年上半年",
        "kind": "union-work-summary",
    }
    assert [(s.title, len(s.facts)) for s in document.sections] == [
        ("主要工作", 2), ("工作成果", 0), ("工作亮点", 0), ("存在问题", 1), ("下一步工作", 1),
    ]  # fmt: skip
    draft = (tmp_path / "facts.draft.md").read_text(encoding="utf-8")
    assert draft.startswith("# 局工会2023年上半年工作总结") and "2848户" in draft


def test_a_session_with_a_model_streams_checks_and_repairs(tmp_path, server, isolated):
    def drops_once(body):
        text = faithful(body)
        return text if is_repair(body) or section_title(body) != "主要工作" else text.replace("2848户", "")

    server.responder = drops_once
    writer = Writer(tmp_path, env={"DRAFTER_HOME": str(isolated)})
    start_union_session(writer)
    writer.bullets("元旦春节送温暖，发放慰问金323.062万元，走访困难职工2848户")
    writer.to_review(4)
    assert writer.finish() == 0
    screen = writer.plain
    assert "facts-" in screen  # started without --facts: a new dated facts file
    assert "通过：所有数字与事实一致" in screen and "已用 token" in screen
    assert [is_repair(r.body) for r in server.chat_requests()] == [False, True]
    [facts] = list(tmp_path.glob("facts-????-??-??.md"))
    assert "2848户" in facts.with_name(f"{facts.stem}.draft.md").read_text(encoding="utf-8")


def test_ctrl_c_mid_section_keeps_what_was_typed_and_the_session_resumes(tmp_path, offline):
    writer = Writer(tmp_path, "--facts", "facts.md", env=offline)
    start_union_session(writer)
    writer.answer(r"  - ", "元旦春节送温暖，发放慰问金323.062万元，走访困难职工2848户")
    writer.expect("识别到")
    writer.expect(r"  - ")
    writer.child.sendintr()
    assert writer.finish() == 130
    assert "drafter: 已中断。你输入的内容都已保存在 facts.md" in writer.plain and "错误" not in writer.plain
    assert [f.text for f in read_facts(tmp_path / "facts.md").sections[0].facts] == [
        "元旦春节送温暖，发放慰问金323.062万元，走访困难职工2848户"
    ]

    resumed = Writer(tmp_path, "--facts", "facts.md", env=offline)
    resumed.expect("继续编写 facts.md")
    resumed.expect("这一部分已有 1 条，可以继续输入")
    resumed.bullets("职代会期间职工代表捐款71800元")
    resumed.to_review(4, "q")
    assert resumed.finish() == 0
    assert "单位名称" not in resumed.plain
    facts = read_facts(tmp_path / "facts.md").sections[0].facts
    assert [f.text for f in facts] == [
        "元旦春节送温暖，发放慰问金323.062万元，走访困难职工2848户",
        "职代会期间职工代表捐款71800元",
    ]


def test_a_closed_terminal_loses_nothing(tmp_path, offline):
    writer = Writer(tmp_path, "--facts", "facts.md", env=offline)
    writer.answer("选择文稿类型", "1")
    writer.answer("单位名称", "局工会")
    writer.expect("总结期间")
    writer.child.sendeof()
    assert writer.finish() == 130
    assert read_facts(tmp_path / "facts.md").meta == {"organization": "局工会", "kind": "union-work-summary"}


def test_editor_round_trip(tmp_path, offline):
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "text = path.read_text('utf-8').replace('2848户', '2884户')\n"
        "path.write_text(text + '- 编辑器里加的一条100份\\n', 'utf-8')\n",
        encoding="utf-8",
    )
    facts = tmp_path / "facts.md"
    facts.write_text(
        "---\ntitle: 总结\norganization: 局工会\nperiod: 2023年\nkind: work-summary\n---\n"
        "## 主要工作\n- 走访困难职工2848户\n\n## 存在问题\n- 工会干部队伍建设薄弱\n",
        encoding="utf-8",
    )
    writer = Writer(tmp_path, "--facts", "facts.md", env={**offline, "EDITOR": f"{sys.executable} {editor}"})
    writer.expect("继续编写")
    writer.to_review(4, "ed")  # the last section, 存在问题, then 工作成果, 工作亮点, 下一步工作
    writer.expect("编辑器里加的一条100份")
    writer.answer("回车确认并开始起草", "")
    assert writer.finish() == 0
    assert "走访困难职工2884户" in writer.plain
    text = facts.read_text(encoding="utf-8")
    assert "2884户" in text and "编辑器里加的一条100份" in text


def test_an_existing_draft_is_asked_about(tmp_path, offline):
    facts = tmp_path / "facts.md"
    facts.write_text(
        "---\ntitle: 总结\norganization: o\nperiod: p\nkind: work-summary\n---\n## 下一步工作\n- 甲\n", "utf-8"
    )
    (tmp_path / "facts.draft.md").write_text("我改过的稿子\n", encoding="utf-8")
    writer = Writer(tmp_path, "--facts", "facts.md", env=offline)
    writer.to_review(5)  # 下一步工作, then the four pack sections not in the file
    writer.answer("已存在", "")  # default: keep a backup
    assert writer.finish() == 0
    assert (tmp_path / "facts.draft.md.~1~").read_text(encoding="utf-8") == "我改过的稿子\n"


def test_colour_without_no_color(tmp_path, isolated):
    writer = Writer(tmp_path, "--facts", "facts.md", env={"DRAFTER_HOME": str(isolated)})
    start_union_session(writer)
    writer.answer(r"  - ", "走访困难职工2848户")
    writer.expect("识别到")
    writer.child.sendintr()
    writer.finish()
    assert re.search(r"\x1b\[(3[0-7]|9[0-7]|38;)", writer.screen)


def test_not_a_terminal_never_asks(tmp_path, isolated):
    """stdin not a terminal (a script): compose never prompts, even with no --facts."""
    import subprocess

    completed = subprocess.run(
        [sys.executable, "-m", "drafter", "compose"], input="", capture_output=True, text=True, cwd=tmp_path,
        env={**os.environ, "DRAFTER_HOME": str(isolated)}, check=False,
    )  # fmt: skip
    assert completed.returncode == 2 and "--facts" in completed.stderr


SIXTEEN = "\n".join(f"- 第{n}项：走访困难职工{2800 + n}户，发放慰问金{n}.5万元，组织培训{n * 3}场次，覆盖全部基层单位"
                     for n in range(1, 17))  # fmt: skip


def test_the_review_fits_a_30_line_terminal_and_says_what_went_wrong_above_the_prompt(tmp_path, offline):
    """16 long facts: one line each, the last command's error right above the prompt, never scrolled away."""
    (tmp_path / "facts.md").write_text(
        "---\nkind: work-summary\norganization: 局工会\nperiod: 2026年\ntitle: 局工会2026年工作总结\n---\n"
        f"## 主要工作\n{SIXTEEN}\n## 工作成果\n## 工作亮点\n## 存在问题\n- 指导较少\n## 下一步工作\n- 加强指导\n",
        encoding="utf-8",
    )
    writer = Writer(tmp_path, "--facts", "facts.md", env=offline, lines=30)
    writer.answer("回车确认并开始起草", "xyz")  # every section is there: straight to the review
    writer.expect("回车确认并开始起草")
    review = writer.plain.rsplit("核对事实", 1)[1].splitlines()
    assert len(review) <= 30, len(review)
    assert "不认识的命令“xyz”。" in "\n".join(review[-6:])  # just above the prompt
    assert all(len(line) <= 80 for line in review)
    writer.child.sendline("删除 2")
    writer.expect("回车确认并开始起草")
    assert "已删除第 2 条：第2项" in writer.plain.rsplit("核对事实", 1)[1]
    writer.child.sendline("q")
    assert writer.finish() == 0


def test_edit_offers_the_old_text_to_change(tmp_path, offline):
    (tmp_path / "facts.md").write_text(
        "---\nkind: work-summary\norganization: 局工会\nperiod: 2026年\ntitle: 局工会2026年工作总结\n---\n"
        "## 主要工作\n- 走访困难职工2848户\n## 工作成果\n## 工作亮点\n## 存在问题\n## 下一步工作\n- 加强指导\n",
        encoding="utf-8",
    )
    writer = Writer(tmp_path, "--facts", "facts.md", env=offline)
    writer.answer("回车确认并开始起草", "e 1")
    writer.expect("新的内容")
    writer.child.sendline("，发放慰问金3万元")  # typed after the old text, which is already on the line
    writer.answer("回车确认并开始起草", "q")
    assert writer.finish() == 0
    facts = [fact.text for fact in read_facts(tmp_path / "facts.md").sections[0].facts]
    assert facts == ["走访困难职工2848户，发放慰问金3万元"]
