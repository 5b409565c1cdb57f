import json
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.cli import run
from tests.runner import CliRunner

FIXTURES = Path(__file__).parent.parent.parent / "fixtures"
UNION = FIXTURES / "union-2023h1"
runner = CliRunner()


def drafter(*args, input=None):
    return runner.invoke(run, [str(arg) for arg in args], input=input, catch_exceptions=False)


def test_check_faithful_draft_exits_0_with_a_verdict():
    result = drafter("check", "--facts", UNION / "facts.md", UNION / "draft-faithful.md")
    assert result.exit_code == 0
    assert result.stdout == "通过：所有数字与事实一致\n34 个数字一致、7 个等值（--all 列出全部）\n"
    every = drafter("check", "--facts", UNION / "facts.md", UNION / "draft-faithful.md", "--all")
    assert "等值" in every.stdout and "主要工作" in every.stdout and "近1万名" in every.stdout


def test_check_draft_with_errors_exits_1_and_names_them():
    result = drafter("check", "--facts", UNION / "facts.md", UNION / "draft-errors.md")
    assert result.exit_code == 1
    assert "未通过：5 个数字被改动，2 个数字缺失；另有 1 个数字在事实中找不到来源" in result.stdout
    assert "2884户" in result.stdout and "56场" in result.stdout
    assert "其余 34 个数字一致、0 个等值（--all 列出全部）" in result.stdout


def test_the_table_shows_problems_first_with_clauses_and_never_breaks_a_figure():
    """What needs a person, in reading order, each with its clause in the draft and in the facts; a missing
    figure at its fact's other figures; nothing wraps, at any width (figures whole, clauses cut with …)."""
    wide = CliRunner(env={"COLUMNS": "100"}).invoke(
        run, ["check", "--facts", str(UNION / "facts.md"), str(UNION / "draft-errors.md")]
    )
    rows = [line for line in wide.stdout.splitlines() if line.startswith("│")]
    assert [row.split("│")[1].strip() for row in rows] == [
        "2848户 → 2884户", "10个", "95名 → 59名", "56场", "174户 → 147486户", "147486元 → 174元", "9万元 → 90万元",
        "13人次"]  # fmt: skip
    assert "│ 10个             │ 缺失   │ 附近：11:22 │" in wide.stdout  # where its fact's other figures are
    assert "10个先进处室" in wide.stdout  # the fact's clause, which tells this 10个 from the fact's other ones
    for width in (60, 72, 80, 120):
        result = CliRunner(env={"COLUMNS": str(width)}).invoke(
            run, ["check", "--facts", str(UNION / "facts.md"), str(UNION / "draft-errors.md"), "--all"]
        )
        table_lines = [line for line in result.stdout.splitlines() if line[:1] in "┏┃┡│└"]
        tables = sum(line.startswith("┏") for line in table_lines)
        assert len(table_lines) == 4 * tables + 8 + 41  # one line a row: nothing wraps
        assert all(len(line) <= width for line in table_lines)
        for figure in ("323.062万元", "147486元", "71800元"):
            assert figure in result.stdout, (width, figure)


def test_check_json_is_the_contract():
    result = drafter("check", "--facts", UNION / "facts.md", UNION / "draft-errors.md", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert set(report) == {"ok", "counts", "figures", "unsupported", "ignored", "draft"}
    assert report["draft"] == {"kind": "text", "notes": []}
    assert report["ok"] is False
    assert report["counts"] == {
        "figures": 41,
        "exact": 34,
        "equivalent": 0,
        "altered": 5,
        "missing": 2,
        "unsupported": 1,
    }
    first = report["figures"][0]
    assert first == {
        "text": "323.062万元",
        "value": 3230620,
        "unit": "元",
        "section": "主要工作",
        "fact": "元旦春节送温暖，发放慰问金323.062万元，走访慰问困难职工2848户，慰问近万名离退休职工家属",
        "status": "exact",
        "found": [{"text": "323.062万元", "line": 7, "column": 47}],
    }
    altered = report["figures"][1]
    assert (altered["text"], altered["status"], altered["found"]) == (
        "2848户",
        "altered",
        [{"text": "2884户", "line": 7, "column": 35}],
    )
    assert report["unsupported"] == [{"text": "56场", "value": 56, "unit": "场", "line": 13, "column": 99}]
    assert all(set(f) == {"text", "value", "unit", "section", "fact", "status", "found"} for f in report["figures"])


def test_numbers_that_are_no_figures_are_listed_with_their_reason(tmp_path):
    facts = tmp_path / "facts.md"
    facts.write_text("---\nperiod: 2023年\n---\n## 主要工作\n- 发放慰问金323.062万元\n", encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text("根据〔2023〕6号文件，党的二十届三中全会以来发放慰问金323.062万元。\n", encoding="utf-8")
    report = json.loads(drafter("check", "--facts", facts, draft, "--format", "json").stdout)
    assert report["ok"] is True and report["unsupported"] == []
    assert report["ignored"] == [
        {"text": "〔2023〕6号", "line": 1, "column": 3, "reason": "document-number"},
        {"text": "二十届", "line": 1, "column": 16, "reason": "meeting"},
    ]
    table = drafter("check", "--facts", facts, draft)
    assert (
        table.exit_code == 0 and "另有 2 个数不是需要核对的数字" in table.stdout and "〔2023〕6号" not in table.stdout
    )
    shown = drafter("check", "--facts", facts, draft, "--ignored")
    assert "〔2023〕6号" in shown.stdout and "文号" in shown.stdout and "会议名称中的届次" in shown.stdout
    markdown = drafter("check", "--facts", facts, draft, "--ignored", "--format", "markdown").stdout
    assert "| 〔2023〕6号 | 1:3 | 文号 |" in markdown


def test_json_values_for_percent_and_dates():
    result = drafter(
        "check", "--facts", FIXTURES / "english-2023h1" / "facts.md", FIXTURES / "english-2023h1" / "draft-faithful.md",
        "--format", "json",
    )  # fmt: skip
    figures = {f["text"]: f for f in json.loads(result.stdout)["figures"]}
    assert (figures["12.5 percent"]["value"], figures["12.5 percent"]["unit"]) == (12.5, "%")
    assert (figures["September 14"]["value"], figures["September 14"]["unit"]) == (None, "date")
    assert figures["$4.2 million"]["value"] == 4_200_000


def test_check_reads_the_draft_from_stdin_and_writes_markdown():
    draft = (UNION / "draft-faithful.md").read_text(encoding="utf-8")
    result = drafter("check", "--facts", UNION / "facts.md", "-", "--format", "markdown", input=draft)
    assert result.exit_code == 0
    assert result.stdout.startswith("**通过：所有数字与事实一致**")
    assert "| 2848户 | 一致 | 7:35 2848户 |" in result.stdout


def test_strict_fails_on_unsupported_figures(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text((UNION / "draft-faithful.md").read_text(encoding="utf-8") + "\n另开展活动56场。\n", "utf-8")
    assert drafter("check", "--facts", UNION / "facts.md", draft).exit_code == 0
    result = drafter("check", "--facts", UNION / "facts.md", draft, "--strict")
    assert result.exit_code == 1
    assert "56场" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--facts", "absent.md", UNION / "draft-faithful.md"], "absent.md: no such facts file"),
        (["check", "--facts", UNION / "facts.md", "absent.md"], "absent.md: 没有这个草稿文件"),  # the facts' language
        (["facts", "absent.md"], "absent.md: no such facts file"),
    ],
)
def test_input_errors_exit_2_with_a_message(args, message):
    result = drafter(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_malformed_facts_exit_2_naming_file_and_line(tmp_path):
    facts = tmp_path / "facts.md"
    facts.write_text("## 主要工作\n- 走访2848户\n随便写的一行\n", "utf-8")
    result = drafter("check", "--facts", facts, UNION / "draft-faithful.md")
    assert result.exit_code == 2
    assert f"{facts}:3: 这一行应当是标题（## 主要工作）、事实（- …）或缩进的续行，实际是：随便写的一行" in result.stderr
    assert "事实以“- ”开头" in result.stderr


def test_errors_in_english_facts_are_in_english(tmp_path):
    facts = tmp_path / "facts.md"
    facts.write_text("## Main work\n- Visited 2,848 households\nstray line\n", "utf-8")
    result = drafter("check", "--facts", facts, "absent.md")
    assert result.exit_code == 2
    assert f"{facts}:3: expected a heading ('## 主要工作'), a fact ('- …')" in result.stderr
    facts.write_text("## Main work\n- Visited 2,848 households\n", "utf-8")
    assert "absent.md: no such draft file" in drafter("check", "--facts", facts, "absent.md").stderr


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--facts", str(UNION / "facts.md"), "--format", "xml", "x"],
        ["check", str(UNION / "draft-faithful.md")],
        ["nonsense"],
    ],
)
def test_usage_errors_exit_2(args):
    assert runner.invoke(run, args).exit_code == 2


def test_facts_table_and_json():
    table = drafter("facts", UNION / "facts.md")
    assert table.exit_code == 0
    assert "323.062万元" in table.stdout and "3,230,620" in table.stdout and "共识别到 41 个数字" in table.stdout
    data = json.loads(drafter("facts", UNION / "facts.md", "--format", "json").stdout)
    assert data["meta"]["period"] == "2023年上半年"
    assert len(data["figures"]) == 41
    assert data["figures"][1] == {
        "text": "2848户",
        "value": 2848,
        "unit": "户",
        "section": "主要工作",
        "fact": "元旦春节送温暖，发放慰问金323.062万元，走访慰问困难职工2848户，慰问近万名离退休职工家属",
        "line": 9,
        "column": 34,
    }


def test_facts_without_figures_says_so(tmp_path):
    facts = tmp_path / "facts.md"
    facts.write_text("## 存在问题\n- 工会干部队伍建设薄弱\n", "utf-8")
    result = drafter("facts", facts)
    assert result.exit_code == 0
    assert "事实中没有识别到数字" in result.stdout


def test_version():
    result = drafter("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("drafter ")


def test_installed_command_runs_without_traceback(tmp_path):
    """The console script end to end, in a subprocess: error output is one message, never a traceback."""
    bad = tmp_path / "facts.md"
    bad.write_bytes(b"## \xe4\xb8\xbb\n- \xff\n")
    completed = subprocess.run(
        [sys.executable, "-m", "drafter", "check", "--facts", str(bad), str(UNION / "draft-faithful.md")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stderr.startswith(f"drafter: 错误：{bad}:2: 不是 UTF-8 编码的文本")
    assert "Traceback" not in completed.stderr


def _word(markdown: str, path: Path) -> Path:
    from drafter.documents.docx_writer import DocxLayout, docx_bytes

    path.write_bytes(docx_bytes(markdown, DocxLayout()))
    return path


def test_check_a_word_draft_names_paragraphs_headings_and_cells(tmp_path):
    faithful = (UNION / "draft-faithful.md").read_text(encoding="utf-8").replace("2848户", "2884户")
    draft = _word(faithful, tmp_path / "总结.docx")
    table = CliRunner(env={"COLUMNS": "120"}).invoke(run, ["check", "--facts", str(UNION / "facts.md"), str(draft)])
    assert table.exit_code == 1
    assert "│ 2848户 → 2884户 │ 被改动 │ ¶4 (一、 › （一）) │" in table.stdout
    report = json.loads(drafter("check", "--facts", UNION / "facts.md", draft, "--format", "json").stdout)
    altered = next(figure for figure in report["figures"] if figure["text"] == "2848户")
    found = altered["found"][0]
    assert altered["status"] == "altered" and found["text"] == "2884户"
    assert isinstance(found["paragraph"], int) and found["headings"][0].startswith("一、")
    assert report["draft"] == {"kind": "docx", "notes": []}
    markdown = drafter("check", "--facts", UNION / "facts.md", draft, "--format", "markdown").stdout
    assert f"¶{found['paragraph']} (一、" in markdown


def test_export_writes_word_verified_and_keeps_a_different_file(tmp_path):
    source = tmp_path / "总结.md"
    source.write_text((UNION / "draft-faithful.md").read_text(encoding="utf-8"), encoding="utf-8")
    first = drafter("export", source)
    assert first.exit_code == 0, first.output
    written = tmp_path / "总结.docx"
    assert "个数字，与草稿逐一相同" in first.stdout and written.read_bytes()[:2] == b"PK"
    again = drafter("export", source)  # the same draft: the same bytes, no backup
    assert again.exit_code == 0 and "原稿备份" not in again.stdout
    source.write_text(source.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    changed = drafter("export", source, "--fonts", "plain")
    assert changed.exit_code == 0 and "原稿备份" in changed.stdout
    check = drafter("check", "--facts", UNION / "facts.md", written)
    assert check.exit_code == 0, check.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--fonts", "fancy"], "没有叫“fancy”的字体方案"),
        (["--template", "missing.docx"], "无法作为 Word 模板打开"),
        (["--out", "总结.pdf"], "drafter 不会写 .pdf 格式的草稿"),
    ],
)
def test_export_refuses_what_it_cannot_do_with_exit_2(tmp_path, args, says):
    source = tmp_path / "总结.md"
    source.write_text("# 总结\n\n走访2848户。\n", encoding="utf-8")
    result = drafter("export", source, *args)
    assert result.exit_code == 2 and says in result.stderr
    assert not (tmp_path / "总结.docx").exists()


def test_export_takes_markdown_only_and_stdin_with_out(tmp_path):
    word = _word("# 总结\n\n走访2848户。\n", tmp_path / "a.docx")
    result = drafter("export", word, "--out", tmp_path / "b.docx")
    assert result.exit_code == 2 and "is not a Markdown draft" in result.stderr
    assert drafter("export", "-", input="走访2848户。\n").exit_code == 2
    piped = drafter("export", "-", "--out", tmp_path / "c.docx", input="# 总结\n\n走访2848户。\n")
    assert piped.exit_code == 0 and (tmp_path / "c.docx").is_file()


def test_compose_refuses_a_format_it_cannot_write_before_any_request(tmp_path):
    result = drafter("compose", "--facts", UNION / "facts.md", "--out", tmp_path / "总结.pdf", "--no-input")
    assert result.exit_code == 2 and "drafter 不会写 .pdf 格式的草稿" in result.stderr
    assert not list(tmp_path.iterdir())


def test_export_with_a_units_template_counts_the_templates_own_figures_as_its_own(tmp_path):
    import docx

    template = docx.Document()
    template.add_paragraph("局工〔2023〕6号")
    template.add_paragraph("{{正文}}")
    template.add_paragraph("局工会办公室　2023年7月5日印发（共印20份）")
    template.save(tmp_path / "unit.docx")
    source = tmp_path / "总结.md"
    source.write_text((UNION / "draft-faithful.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = drafter("export", source, "--template", tmp_path / "unit.docx")
    assert result.exit_code == 0, result.output
    check = drafter("check", "--facts", UNION / "facts.md", tmp_path / "总结.docx")
    assert check.exit_code == 0, check.output


def test_check_encoding_is_the_drafts_and_the_facts_are_decided(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_bytes((UNION / "draft-faithful.md").read_text(encoding="utf-8").encode("utf-16-le"))  # no BOM
    plain = drafter("check", "--facts", UNION / "facts.md", draft)
    assert plain.exit_code == 2
    named = drafter("check", "--facts", UNION / "facts.md", draft, "--encoding", "utf-16-le")
    assert named.exit_code == 0, named.output


def test_strict_says_not_ok_when_it_fails_on_an_invention(tmp_path):
    facts = tmp_path / "facts.md"
    facts.write_text("## 主要工作\n- 走访2848户\n", encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text("走访2848户，开展活动56场。\n", encoding="utf-8")
    lenient = drafter("check", "--facts", facts, draft)
    assert lenient.exit_code == 0 and lenient.stdout.startswith("需要核对的数字")
    assert "通过：所有数字与事实一致；另有 1 个数字在事实中找不到来源" in lenient.stdout
    strict = drafter("check", "--facts", facts, draft, "--strict")
    assert strict.exit_code == 1 and "未通过（--strict）：1 个数字在事实中找不到来源" in strict.stdout
    markdown = drafter("check", "--facts", facts, draft, "--strict", "--format", "markdown")
    assert markdown.stdout.startswith("**未通过（--strict）")
