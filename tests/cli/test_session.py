"""The session's logic with a scripted terminal: what it asks, what it writes, and when."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafter.cli.session import (
    Session,
    choose_draft_path,
    default_period,
    default_title,
    unrecognised_numbers,
)
from drafter.documents.facts import read_facts
from drafter.drafting.packs import load_pack
from drafter.figures import extract_figures
from drafter.messages import Words
from tests.disks import Disk

TODAY = dt.date(2026, 11, 25)


class Script:
    """Answers questions in order, records everything shown, and checks the facts file at every question."""

    def __init__(self, answers, path: Path | None = None, editor=None):
        self.answers = list(answers)
        self.asked: list[str] = []
        self.shown: list[str] = []
        self.path = path
        self.on_disk: list[str] = []
        self.editor = editor

    def ask(self, prompt, default=""):
        self.asked.append(prompt)
        if self.path is not None and self.path.exists():
            self.on_disk.append(self.path.read_text(encoding="utf-8"))
        if not self.answers:
            raise EOFError
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer if answer.strip() else default

    def say(self, text, style=""):
        self.shown.append(text)

    def figures(self, words, found, unrecognised):
        self.shown.append(
            "FIGURES " + " · ".join(f.text for f in found) + (" ?" + ",".join(unrecognised) if unrecognised else "")
        )

    def review(self, words, document, pack, *, commands=True, page=0):
        shown = " | ".join(f"{s.title}:{len(s.facts)}" for s in document.sections)
        self.shown.append(("REVIEW " if commands else "SHOWN ") + shown)
        return 1

    def prefilled(self, prompt, text):
        return self.ask(prompt, text)

    def edit(self, path):
        self.editor(path)


NEW_SESSION = [
    "1",  # union-work-summary (packs are listed by name)
    "局工会",
    "",  # period: the default
    "",  # title: the default
    "元旦春节送温暖，发放慰问金323.062万元，走访困难职工2848户",
    "职代会期间捐款71800元",
    "",
    "",  # 工作成果: skipped
    "",  # 工作亮点: skipped
    "工会干部队伍建设薄弱",
    "",
    "",  # 下一步工作: skipped
    "",  # no more sections
    "",  # confirm
]


def test_a_new_session_writes_each_answer_before_the_next_question(tmp_path):
    path = tmp_path / "facts.md"
    terminal = Script(NEW_SESSION, path)
    result = Session(path, terminal, today=TODAY).run()
    assert result.confirmed and result.pack.name == "union-work-summary"
    assert path.read_text(encoding="utf-8") == (
        "---\ntitle: 局工会2026年工作总结\norganization: 局工会\nperiod: 2026年\nkind: union-work-summary\n---\n\n"
        "## 主要工作\n- 元旦春节送温暖，发放慰问金323.062万元，走访困难职工2848户\n- 职代会期间捐款71800元\n\n"
        "## 工作成果\n\n## 工作亮点\n\n## 存在问题\n- 工会干部队伍建设薄弱\n\n## 下一步工作\n"
    )
    # the answer to question n is on disk when question n+1 is asked
    assert "局工会" in terminal.on_disk[2] and "2848户" in terminal.on_disk[5] and "71800元" in terminal.on_disk[6]
    assert "FIGURES 323.062万元 · 2848户" in terminal.shown
    assert "FIGURES 71800元" in terminal.shown


def test_resume_shows_what_is_there_and_continues_the_last_section(tmp_path):
    path = tmp_path / "facts.md"
    first = Script([*NEW_SESSION[:5], KeyboardInterrupt()], path)
    with pytest.raises(KeyboardInterrupt):
        Session(path, first, today=TODAY).run()
    assert "323.062万元" in path.read_text(encoding="utf-8")
    second = Script(["职代会期间捐款71800元", "", "", "", "", "", "", ""], path)
    result = Session(path, second, today=TODAY).run()
    assert result.confirmed
    assert second.shown[0] == Words("zh")("resume", path=path)
    assert second.shown[1] == "SHOWN 主要工作:1"  # without the commands, which cannot be typed there
    assert not any("单位名称" in question for question in second.asked)  # front matter is not asked again
    document = read_facts(path)
    assert [f.text for f in document.sections[0].facts] == [
        "元旦春节送温暖，发放慰问金323.062万元，走访困难职工2848户",
        "职代会期间捐款71800元",
    ]
    assert [s.title for s in document.sections] == ["主要工作", "工作成果", "工作亮点", "存在问题", "下一步工作"]


def test_bad_input_gets_a_message_and_another_try(tmp_path):
    path = tmp_path / "facts.md"
    answers = ["9", "work", "工会", "局工会", "", "   ", "/undo"]  # kind 9, 'work' (two kinds begin so), then 工会…
    terminal = Script(answers, path)
    with pytest.raises(EOFError):
        Session(path, terminal, today=TODAY, kind=None).run()
    shown = "\n".join(terminal.shown)
    assert shown.count(Words("zh")("bad_kind", count=3)) == 2
    assert read_facts(path).meta["kind"] == "union-work-summary"


def test_an_empty_title_is_refused(tmp_path):
    path = tmp_path / "facts.md"
    path.write_text("---\nkind: work-summary\norganization: \nperiod: 2026年\n---\n", "utf-8")
    terminal = Script(["", "局工会2026年工作总结"], path)
    terminal.ask = _no_default(terminal.ask)
    with pytest.raises(EOFError):
        Session(path, terminal, today=TODAY).run()
    assert Words("zh")["empty_title"] in terminal.shown
    assert read_facts(path).meta["title"] == "局工会2026年工作总结"


def _no_default(ask):
    def without(prompt, default=""):
        return ask(prompt, "")

    return without


def test_a_custom_heading_needs_facts_or_skip(tmp_path):
    path = tmp_path / "facts.md"
    path.write_text(
        "---\ntitle: t\norganization: o\nperiod: p\nkind: work-summary\n---\n## 主要工作\n- 走访2848户\n", "utf-8"
    )
    answers = ["", "", "", "", "", "党建工作", "", "/skip", "宣传工作", "出简报35期", "", "", "q"]
    terminal = Script(answers, path)
    result = Session(path, terminal, today=TODAY).run()
    assert not result.confirmed
    assert Words("zh")["heading_needs_facts"] in terminal.shown
    titles = [s.title for s in read_facts(path).sections]
    assert "党建工作" not in titles and titles[-1] == "宣传工作"


def test_undo_removes_the_last_fact(tmp_path):
    path = tmp_path / "facts.md"
    path.write_text("---\ntitle: t\norganization: o\nperiod: p\nkind: work-summary\n---\n", "utf-8")
    answers = ["走访2848户", "捐款71800元", "/undo", "捐款71900元", ""]
    with pytest.raises(EOFError):
        Session(path, Script(answers, path), today=TODAY).run()
    assert [f.text for f in read_facts(path).sections[0].facts] == ["走访2848户", "捐款71900元"]


FULL = (
    "---\ntitle: t\norganization: o\nperiod: p\nkind: work-summary\n---\n"
    "## 主要工作\n- 甲1户\n- 乙2户\n## 存在问题\n- 丙\n"
)


@pytest.mark.parametrize(
    ("commands", "expected"),
    [
        (["d 2"], [("主要工作", ["甲1户"]), ("存在问题", ["丙"])]),
        (["e 1", "甲10户"], [("主要工作", ["甲10户", "乙2户"]), ("存在问题", ["丙"])]),
        (["a 4", "丁"], [("主要工作", ["甲1户", "乙2户"]), ("存在问题", ["丙", "丁"])]),  # 存在问题 is 4th
        (["mv 2 1"], [("主要工作", ["乙2户", "甲1户"]), ("存在问题", ["丙"])]),
        (["mv 3 1"], [("主要工作", ["丙", "甲1户", "乙2户"]), ("存在问题", [])]),
        (["s 4 1"], [("存在问题", ["丙"]), ("主要工作", ["甲1户", "乙2户"])]),
        (["d 9", "x 1", "?"], [("主要工作", ["甲1户", "乙2户"]), ("存在问题", ["丙"])]),
    ],
)
def test_review_commands(tmp_path, commands, expected):
    path = tmp_path / "facts.md"
    path.write_text(FULL, "utf-8")
    skip_sections = [
        "",
        "",
        "",
        "",
        "",
    ]  # continue 存在问题, then 工作成果, 工作亮点 (in the pack's order), 下一步工作, no more
    terminal = Script([*skip_sections, *commands, ""], path)
    assert Session(path, terminal, today=TODAY).run().confirmed
    document = read_facts(path)
    got = [(s.title, [f.text for f in s.facts]) for s in document.sections if s.title in ("主要工作", "存在问题")]
    assert got == expected


def test_bad_review_commands_say_what_is_allowed(tmp_path):
    path = tmp_path / "facts.md"
    path.write_text(FULL, "utf-8")
    terminal = Script(
        [
            "",
            "",
            "",
            "",
            "",
            "d 9",
            "s 0 1",
            "",
        ],
        path,
    )
    Session(path, terminal, today=TODAY).run()
    assert Words("zh")("bad_fact_number", text="9", count=3) in terminal.shown
    assert Words("zh")("bad_section_number", text="0", count=5) in terminal.shown


def test_confirming_without_facts_is_refused(tmp_path):
    path = tmp_path / "facts.md"
    path.write_text("---\ntitle: t\norganization: o\nperiod: p\nkind: work-summary\n---\n", "utf-8")
    terminal = Script(["", "", "", "", "", "", "", "q"], path)
    assert not Session(path, terminal, today=TODAY).run().confirmed
    assert Words("zh")["no_facts_yet"] in terminal.shown


def test_editor_round_trip_and_a_broken_edit_kept_aside(tmp_path):
    path = tmp_path / "facts.md"
    path.write_text(FULL, "utf-8")
    edits = iter([
        lambda p: p.write_text(p.read_text("utf-8").replace("甲1户", "甲100户"), "utf-8"),
        lambda p: p.write_text(p.read_text("utf-8") + "不是事实的一行\n", "utf-8"),
    ])  # fmt: skip
    terminal = Script(["", "", "", "", "", "ed", "ed", "r", ""], path, editor=lambda p: next(edits)(p))
    assert Session(path, terminal, today=TODAY).run().confirmed
    assert "甲100户" in path.read_text("utf-8") and "不是事实的一行" not in path.read_text("utf-8")
    rejected = tmp_path / "facts.rejected.md"
    assert "不是事实的一行" in rejected.read_text("utf-8")
    assert any("这一行应当是标题" in line for line in terminal.shown)


@pytest.mark.parametrize(
    ("day", "zh", "en"),
    [
        (dt.date(2026, 1, 10), "2025年", "2025"),
        (dt.date(2026, 4, 2), "2026年第一季度", "the first quarter of 2026"),
        (dt.date(2026, 7, 1), "2026年上半年", "the first half of 2026"),
        (dt.date(2026, 10, 8), "2026年前三季度", "the first three quarters of 2026"),
        (dt.date(2026, 12, 20), "2026年", "2026"),
    ],
)
def test_default_period_follows_the_calendar(day, zh, en):
    assert default_period(day, "zh") == zh and default_period(day, "en") == en


def test_default_titles():
    assert (
        default_title("局工会", "2026年", load_pack("union-work-summary")) == "局工会2026年工作总结"
    )  # not 工会 twice
    assert default_title("市教育局", "2026年", load_pack("union-work-summary")) == "市教育局2026年工会工作总结"
    assert default_title("Staff Union", "2026", load_pack("work-summary-en")) == "Staff Union Work Summary, 2026"
    assert default_title("", "2026年", load_pack("work-summary")) == "2026年工作总结"


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("走访困难职工2848户", []),
        ("提案12", ["12"]),  # a number without a unit
        ("慰问金323、062万元", ["323"]),  # the seed's typo
        ("走访2848 户", ["2848"]),
        ("一是加强学习", []),
    ],
)
def test_unrecognised_numbers_are_pointed_out(text, warned):
    assert unrecognised_numbers(text, extract_figures(text)) == warned


def test_an_existing_draft_is_never_overwritten_silently(tmp_path):
    draft = tmp_path / "d.md"
    words = Words("zh")
    assert choose_draft_path(Script([]), words, draft) == (draft, False)  # no draft yet: nothing asked
    draft.write_text("old")
    assert choose_draft_path(Script(["x", "b"]), words, draft) == (draft, False)
    assert choose_draft_path(Script(["o"]), words, draft) == (draft, True)
    assert choose_draft_path(Script(["q"]), words, draft) is None
    assert choose_draft_path(Script(["n", ""]), words, draft) == (tmp_path / "d-2.md", False)


def test_a_title_that_would_be_written_as_an_existing_heading_is_refused(tmp_path):
    """「主要工作 ##」 is the heading 「主要工作」 once written: a second section of that name would break the file."""
    path = tmp_path / "facts.md"
    path.write_text(
        "---\ntitle: t\norganization: o\nperiod: p\nkind: work-summary\n---\n## 主要工作\n- 走访2848户\n", "utf-8"
    )
    answers = ["", "", "", "", "", "主要工作 ##", "  主要工作  ", "宣传工作", "出简报35期", "", "", "q"]
    terminal = Script(answers, path)
    Session(path, terminal, today=TODAY).run()
    assert terminal.shown.count(Words("zh")("section_exists", title="主要工作")) == 2
    document = read_facts(path)
    assert not document.warnings
    assert [s.title for s in document.sections].count("主要工作") == 1


def test_an_answer_that_cannot_be_saved_is_kept_and_saved_when_there_is_room(tmp_path):
    """A full disk mid-session: the writer is told (「磁盘已满」), the answer stays in memory, and pressing Enter
    once there is room saves it — nothing typed is lost, nothing crashes."""
    disk = Disk(tmp_path / "disk")
    try:
        path = disk.folder / "facts.md"
        path.write_text("---\ntitle: t\norganization: o\nperiod: p\nkind: work-summary\n---\n## 主要工作\n", "utf-8")
        # the fact, Enter to save again, Enter to end the section, four sections skipped, no more, quit
        terminal = Script(["走访困难职工2848户", "", "", "", "", "", "", "", "q"], path)
        ask = terminal.ask

        def ask_and_meddle(prompt, default=""):
            if prompt == "  -" and not terminal.asked:  # the disk fills just before the first fact is saved
                disk.fill()
            if prompt == Words("zh")["ask_save_again"]:
                disk.free()
            return ask(prompt, default)

        terminal.ask = ask_and_meddle
        Session(path, terminal, today=TODAY).run()
        shown = "\n".join(terminal.shown)
        assert "磁盘已满" in shown
        assert Words("zh")["ask_save_again"] in terminal.asked
        assert [f.text for f in read_facts(path).sections[0].facts] == ["走访困难职工2848户"]
        assert not [p for p in disk.folder.iterdir() if p.name.endswith(".tmp")]
    finally:
        disk.close()


def _reviewed(tmp_path, commands: list[str]) -> tuple[Script, Path]:
    path = tmp_path / "facts.md"
    path.write_text("---\nkind: work-summary\norganization: 局工会\nperiod: 2026年\ntitle: 局工会2026年工作总结\n---\n"
                    "## 主要工作\n- 走访2848户\n- 捐款71800元\n- 表彰4个单位\n## 存在问题\n- 指导较少\n"
                    "## 工作成果\n## 工作亮点\n## 下一步工作\n", "utf-8")  # fmt: skip
    terminal = Script([*commands, "q"], path)  # every section is there: straight to the review
    Session(path, terminal, today=TODAY).run()
    return terminal, path


def test_review_commands_in_chinese_say_what_they_did_and_undo(tmp_path):
    terminal, path = _reviewed(tmp_path, ["删除 2", "撤销", "删除3", "修改 1", "走访2849户", "u"])
    shown = "\n".join(terminal.shown)
    assert "已删除第 2 条：捐款71800元（输入 u 撤销）" in shown and "已删除第 3 条：表彰4个单位（输入 u 撤销）" in shown
    assert shown.count("已撤销上一步。") == 2
    facts = [fact.text for fact in read_facts(path).sections[0].facts]
    assert facts == ["走访2848户", "捐款71800元"]  # 删除3 stands, 修改 1 was undone


def test_every_bad_review_command_is_answered_with_an_example(tmp_path):
    terminal, _ = _reviewed(tmp_path, ["xyz", "d", "mv 1", "删除 99", "ed 3", "u"])
    shown = "\n".join(terminal.shown)
    assert "不认识的命令“xyz”。例如：d 3 删除第 3 条" in shown
    assert "d 后面要写一条事实的编号，例如：d 3（删除第 3 条）" in shown
    assert "mv 后面要写两条事实的编号，例如：mv 5 2" in shown
    assert "没有第 99 条：事实编号是 1 到 4。" in shown
    assert "ed 后面不用写编号" in shown
    assert "没有可以撤销的操作。" in shown


def test_an_empty_organization_is_asked_again_then_left_out_and_said(tmp_path):
    path = tmp_path / "facts.md"
    terminal = Script(["2", "", ""], path)  # work-summary; organization blank twice
    with pytest.raises(EOFError):
        Session(path, terminal, today=TODAY).run()
    assert terminal.asked[1:3] == [Words("zh")["ask_organization"], Words("zh")["ask_organization_again"]]
    assert Words("zh")["no_organization"] in terminal.shown
    assert read_facts(path).meta["organization"] == ""


def test_resume_puts_missing_sections_in_the_packs_order(tmp_path):
    path = tmp_path / "facts.md"
    path.write_text(FULL, "utf-8")
    Session(path, Script(["", "", "", "", "", ""], path), today=TODAY).run()
    titles = [section.title for section in read_facts(path).sections]
    assert titles == ["主要工作", "工作成果", "工作亮点", "存在问题", "下一步工作"]  # not appended after 存在问题


def test_resume_never_rewrites_the_writers_layout_without_saying_so(tmp_path):
    path = tmp_path / "facts.md"
    typed = FULL.replace("- 乙2户\n", "- 乙2户，\n  其中困难职工1户\n<!-- 待补充 -->\n")
    path.write_text(typed, "utf-8")
    terminal = Script(["", "", "", "", "", "q"], path)
    Session(path, terminal, today=TODAY).run()
    kept = tmp_path / "facts.orig.md"
    assert kept.read_text("utf-8") == typed  # the file as the writer left it
    said = next(text for text in terminal.shown if text.startswith("注意：保存时"))
    assert str(kept) in said and "续行并入上一条" in said
    assert terminal.shown.index(said) < 2  # before anything was asked or written
    again = Script(["", "", "q"], path)
    Session(path, again, today=TODAY).run()
    assert not any(text.startswith("注意：保存时") for text in again.shown)  # drafter's own layout: nothing to say


def test_a_file_with_every_section_goes_straight_to_the_review(tmp_path):
    """`q` at the review saves and quits; the next run comes back to the review, not to the last section."""
    path = tmp_path / "facts.md"
    path.write_text(FULL + "## 工作成果\n## 工作亮点\n## 下一步工作\n", "utf-8")
    terminal = Script(["q"], path)
    Session(path, terminal, today=TODAY).run()
    assert terminal.asked == [Words("zh")["ask_review"]]
    assert "各部分都已填写，直接进入核对（a S 可以向第 S 部分继续添加）。" in terminal.shown


def test_skip_after_a_fact_skips_the_section_and_keeps_what_was_typed(tmp_path):
    path = tmp_path / "facts.md"
    path.write_text("---\nkind: work-summary\norganization: 局工会\nperiod: 2026年\ntitle: t\n---\n"
                    "## 主要工作\n- 走访2848户\n", "utf-8")  # fmt: skip
    terminal = Script(["", "获评先进3次", "/skip", "", "", "", "", "q"], path)
    Session(path, terminal, today=TODAY).run()
    document = read_facts(path)
    highlights = next(section for section in document.sections if section.title == "工作成果")
    assert highlights.skipped and [fact.text for fact in highlights.facts] == ["获评先进3次"]
    assert "<!-- 跳过 -->" in path.read_text("utf-8")
    assert any("已跳过本部分：已输入的 1 条保留在事实文件中，但不写入草稿" in text for text in terminal.shown)
