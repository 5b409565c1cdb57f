"""A reviewer's batch: many drafts in one run, each exactly as `drafter check` alone would say."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.cli import run
from drafter.errors import EXIT_FIGURES, EXIT_INPUT, EXIT_OK
from drafter.review.batch import Pair, check_pairs, read_batch, worst_first
from tests.runner import CliRunner

FIXTURES = Path(__file__).parent.parent.parent / "fixtures"
BATCH_KEYS = ("facts_path", "draft_path", "columns", "exit_code", "warnings", "error")
runner = CliRunner(env={"COLUMNS": "120", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": "", "LANG": "zh_CN.UTF-8"})


@pytest.fixture
def submissions(tmp_path):
    """Twelve submissions from four units' fixtures (faithful and with errors), one missing, one not text, and
    one in GB18030 — laid out as a reviewer's folder with its list."""
    folder = tmp_path / "submissions"
    folder.mkdir()
    rows = ["facts,draft,单位"]
    for unit in ("union-2023h1", "county-bureau-2010", "land-bureau", "english-2023h1"):
        shutil.copy(FIXTURES / unit / "facts.md", folder / f"{unit}.facts.md")
        for kind in ("faithful", "errors"):
            shutil.copy(FIXTURES / unit / f"draft-{kind}.md", folder / f"{unit}-{kind}.md")
            rows.append(f"{unit}.facts.md,{unit}-{kind}.md,{unit}")
    text = (FIXTURES / "union-2023h1" / "draft-errors.md").read_text(encoding="utf-8")
    (folder / "gbk.md").write_bytes(text.encode("gb18030"))
    (folder / "binary.md").write_bytes(bytes(range(256)) * 4)
    rows += ["union-2023h1.facts.md,gbk.md,某局", "union-2023h1.facts.md,absent.md,某街道",
             "union-2023h1.facts.md,binary.md,某校", "union-2023h1.facts.md,union-2023h1-faithful.md,重报"]  # fmt: skip
    (folder / "list.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def alone(facts, draft):
    """What `drafter check --format json` says of one pair, run by itself."""
    result = runner.invoke(run, ["check", "--facts", str(facts), str(draft), "--format", "json"])
    return result.exit_code, (json.loads(result.stdout) if result.stdout else None), result.stderr


def test_every_pair_of_a_batch_is_what_a_separate_check_says(submissions):
    result = runner.invoke(run, ["check", "--batch", str(submissions / "list.csv"), "--format", "jsonl"])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 12
    for line in lines:
        code, report, stderr = alone(line["facts_path"], line["draft_path"])
        assert line["exit_code"] == code, line["draft_path"]
        if report is None:  # unreadable alone: the same message, and the batch went on
            assert line["error"]["message"] in stderr and "figures" not in line
        else:
            assert {key: value for key, value in line.items() if key not in BATCH_KEYS} == report
    assert [Path(line["draft_path"]).name for line in lines][-4:] == [
        "gbk.md",
        "absent.md",
        "binary.md",
        "union-2023h1-faithful.md",
    ]  # fmt: skip  (input order)
    assert lines[0]["columns"] == {"单位": "union-2023h1"}
    assert result.exit_code == EXIT_INPUT  # the worst of all: two could not be read
    assert result.stderr.strip().endswith("共 12 份草稿：5 份通过，5 份有数字问题，2 份无法核对")


def test_workers_give_the_same_lines_in_the_same_order(submissions):
    args = ["check", "--batch", str(submissions / "list.csv"), "--format", "jsonl"]
    one = subprocess.run([sys.executable, "-m", "drafter", *args, "--jobs", "1"], capture_output=True, text=True,
                         check=False)  # fmt: skip
    two = subprocess.run([sys.executable, "-m", "drafter", *args, "--jobs", "3"], capture_output=True, text=True,
                         check=False)  # fmt: skip
    assert one.returncode == two.returncode == EXIT_INPUT
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 12


def test_several_drafts_against_one_facts_file_and_the_worst_exit_code(tmp_path):
    union = FIXTURES / "union-2023h1"
    good = runner.invoke(run, ["check", "--facts", str(union / "facts.md"), str(union / "draft-faithful.md"),
                               str(union / "draft-faithful.md"), "--format", "json"])  # fmt: skip
    body = json.loads(good.stdout)
    assert good.exit_code == EXIT_OK
    assert body["summary"] == {"drafts": 2, "ok": 2, "problems": 0, "unreadable": 0, "exit_code": 0}
    mixed = runner.invoke(run, ["check", "--facts", str(union / "facts.md"), str(union / "draft-faithful.md"),
                                str(union / "draft-errors.md")])  # fmt: skip
    assert mixed.exit_code == EXIT_FIGURES


def test_the_table_puts_the_worst_first_and_counts_them(submissions):
    result = runner.invoke(run, ["check", "--batch", str(submissions / "list.csv")])
    out = result.stdout
    entries = [line for line in out.splitlines() if line.startswith(("✗ ", "✓ "))]
    assert entries[0] == "✗ absent.md · 某街道 · 事实 union-2023h1.facts.md"  # unreadable first, in input order
    assert entries[1].startswith("✗ binary.md · 某校")
    assert len(entries) == 7 and all("faithful" not in entry for entry in entries)  # passed: counted, not listed
    lines = out.splitlines()
    assert lines[lines.index(entries[0]) + 1] == "  没有这个草稿文件"  # what stopped it, under it
    assert "  未通过：5 个数字被改动，2 个数字缺失；另有 1 个数字在事实中找不到来源" in lines
    assert "  按 gb18030 编码读取（文件本身没有改动）" in lines  # how the GBK draft was read
    assert "共 12 份草稿：5 份通过，5 份有数字问题，2 份无法核对" in out and "--all 列出每一份" in out
    every = runner.invoke(run, ["check", "--batch", str(submissions / "list.csv"), "--all"])
    assert every.stdout.count("faithful.md") == 5 and "  Passed: every figure agrees with the facts" not in every.stdout
    assert every.stdout.count("  通过：所有数字与事实一致") == 5  # English facts too: the batch speaks one language


def test_a_spreadsheets_list_in_gb18030_with_chinese_headers_and_one_facts_file(tmp_path):
    union = FIXTURES / "union-2023h1"
    shutil.copy(union / "draft-faithful.md", tmp_path / "甲.md")
    shutil.copy(union / "draft-errors.md", tmp_path / "乙.md")
    (tmp_path / "清单.csv").write_bytes("草稿,单位\n甲.md,局工会\n乙.md,区总工会\n\n".encode("gb18030"))
    pairs = read_batch(str(tmp_path / "清单.csv"), str(union / "facts.md"))
    assert [(Path(p.draft).name, p.columns, p.row) for p in pairs] == [
        ("甲.md", {"单位": "局工会"}, 2), ("乙.md", {"单位": "区总工会"}, 3)]  # fmt: skip
    results = list(check_pairs(pairs, jobs=1, encoding=None, strict=False))
    assert [r.exit_code for r in results] == [EXIT_OK, EXIT_FIGURES]
    assert [Path(r.pair.draft).name for r in worst_first(results)] == ["乙.md", "甲.md"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--format", "markdown"], "--format markdown 一次只能用于一份草稿"),
        (["--annotate", "x.docx"], "--annotate 一次只能用于一份草稿"),
        (["-"], "核对多份草稿时不能从标准输入（-）读取"),
        (["--ignored"], "--ignored 一次只能用于一份草稿"),
    ],
)
def test_what_is_one_report_a_draft_is_refused_for_a_batch(args, says):
    union = FIXTURES / "union-2023h1"
    result = runner.invoke(run, ["check", "--facts", str(union / "facts.md"), str(union / "draft-faithful.md"),
                                 str(union / "draft-errors.md"), *args])  # fmt: skip
    assert result.exit_code == EXIT_INPUT and says in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("", "是空的"),
        ("name,file\na,b\n", "没有 facts 和 draft 两列"),
        ("facts,draft\n", "中没有要核对的草稿"),  # an empty list is no pass
    ],
)
def test_a_list_that_is_not_a_list_is_refused_before_anything_is_checked(tmp_path, content, says):
    (tmp_path / "list.csv").write_text(content, encoding="utf-8")
    result = runner.invoke(run, ["check", "--batch", str(tmp_path / "list.csv")])
    assert result.exit_code == EXIT_INPUT and says in result.stderr
    assert "facts,draft" in result.stderr  # and how a list is written


def test_a_row_without_its_draft_is_reported_and_the_batch_goes_on(tmp_path):
    union = FIXTURES / "union-2023h1"
    shutil.copy(union / "draft-faithful.md", tmp_path / "a.md")
    shutil.copy(union / "facts.md", tmp_path / "facts.md")
    (tmp_path / "list.csv").write_text("facts,draft\nfacts.md,\nfacts.md,a.md\n", encoding="utf-8")
    result = runner.invoke(run, ["check", "--batch", str(tmp_path / "list.csv"), "--format", "jsonl"])
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["exit_code"] == EXIT_INPUT and "第 2 行" in first["error"]["message"]
    assert second["exit_code"] == EXIT_OK and second["ok"] is True
    assert result.exit_code == EXIT_INPUT


def test_out_writes_the_batch_whole(tmp_path, submissions):
    out = tmp_path / "reports.jsonl"
    result = runner.invoke(run, ["check", "--batch", str(submissions / "list.csv"), "--format", "jsonl", "-o",
                                 str(out)])  # fmt: skip
    assert result.stdout == "" and len(out.read_text(encoding="utf-8").splitlines()) == 12
    assert not list(tmp_path.glob("*.tmp"))
    assert Pair("f", "d").columns == {}


def test_out_takes_the_format_from_the_files_name_and_refuses_what_a_batch_is_not(tmp_path, submissions):
    listing = str(submissions / "list.csv")
    assert runner.invoke(run, ["check", "--batch", listing, "-o", str(tmp_path / "r.json")]).exit_code == EXIT_INPUT
    body = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert body["summary"]["drafts"] == 12 and len(body["reports"]) == 12
    refused = runner.invoke(run, ["check", "--batch", listing, "-o", str(tmp_path / "r.html")])
    assert refused.exit_code == EXIT_INPUT and "只能写成 .json 或 .jsonl" in refused.stderr
    before = (submissions / "gbk.md").read_bytes()
    over = runner.invoke(run, ["check", "--batch", listing, "-o", str(submissions / "gbk.md"), "--format", "json"])
    assert over.exit_code == EXIT_INPUT and "gbk.md" in over.stderr  # never over a draft of the batch
    assert (submissions / "gbk.md").read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp")) and not list(submissions.glob(".*.tmp"))


def test_a_reader_that_goes_stops_the_output_not_the_verdict(tmp_path):
    """`drafter check --batch … | head`: the exit code is still the batch's, and the count still comes."""
    union = FIXTURES / "union-2023h1"
    drafts = []
    for index in range(40):  # far more than a pipe holds
        drafts.append(tmp_path / f"d{index}.md")
        shutil.copy(union / "draft-errors.md", drafts[-1])
    process = subprocess.Popen([sys.executable, "-m", "drafter", "check", "--facts", str(union / "facts.md"),
                                *map(str, drafts), "--format", "jsonl"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(100).startswith(b'{"facts_path"')
    process.stdout.close()
    error = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait() == EXIT_FIGURES, error
    assert "Traceback" not in error and "共 40 份草稿：0 份通过，40 份有数字问题" in error


def test_a_list_that_is_missing_is_named_a_list_and_a_dash_in_it_is_refused_on_its_row(tmp_path):
    missing = runner.invoke(run, ["check", "--batch", str(tmp_path / "nolist.csv")])
    assert missing.exit_code == EXIT_INPUT and "没有这个清单文件" in missing.stderr
    union = FIXTURES / "union-2023h1"
    shutil.copy(union / "facts.md", tmp_path / "facts.md")
    (tmp_path / "list.csv").write_text("facts,draft\nfacts.md,-\n-,a.md\n", encoding="utf-8")
    result = runner.invoke(run, ["check", "--batch", str(tmp_path / "list.csv"), "--format", "jsonl"])
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert "清单第 2 行写的是 -（标准输入）" in first["error"]["message"]
    assert "清单第 3 行写的是 -" in second["error"]["message"] and result.exit_code == EXIT_INPUT
