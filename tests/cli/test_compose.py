"""`drafter compose` end to end: drafter's HTTP client over real HTTP to a scripted server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from drafter.cli import run
from drafter.drafting.resume import read_state
from tests.conftest import (
    DRAFTER_WITH_CTRL_C,
    ROOT,
    SECRET_KEY,
    faithful,
    is_repair,
    section_facts,
    section_title,
)
from tests.runner import CliRunner
from tests.scripted_server import Reply

runner = CliRunner()


def compose(*args):
    return runner.invoke(run, ["compose", *[str(a) for a in args]], catch_exceptions=False)


def drop(figure, body):
    """A model that loses `figure` (e.g. 2848户) on its first try, and gets it right when sent back."""
    text = faithful(body)
    return text if is_repair(body) else text.replace(figure, "")


def test_faithful_model_passes_first_time(server, union_facts, tmp_path):
    result = compose("--facts", union_facts, "--out", tmp_path / "draft.md", "--report", tmp_path / "report.json")
    assert result.exit_code == 0, result.output
    assert "通过：所有数字与事实一致" in result.stdout
    draft = (tmp_path / "draft.md").read_text(encoding="utf-8")
    assert draft.startswith("# 局工会2023年上半年工作总结\n")
    assert "## 一、主要工作" in draft and "## 二、存在问题" in draft and "## 三、下一步工作" in draft
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["ok"] is True and report["counts"]["figures"] == 41 and report["counts"]["exact"] == 41
    chats = server.chat_requests()
    assert len(chats) == 3 and all(r.body["stream"] for r in chats)
    assert all(r.body["stream_options"] == {"include_usage": True} for r in chats)
    assert all(r.headers["authorization"] == f"Bearer {SECRET_KEY}" for r in chats)


def test_a_missing_figure_sends_exactly_that_section_back_once(server, union_facts, tmp_path):
    server.responder = lambda body: drop("2848户", body) if section_title(body) == "主要工作" else faithful(body)
    result = compose("--facts", union_facts, "--out", tmp_path / "draft.md")
    assert result.exit_code == 0, result.output
    chats = server.chat_requests()
    repairs = [r for r in chats if is_repair(r.body)]
    assert len(chats) == 4 and len(repairs) == 1
    [repair] = repairs
    assert section_title(repair.body) == "主要工作"
    assert "（事实：元旦春节送温暖，发放慰问金323.062万元，走访慰问困难职工2848户" in repair.last
    assert "- 缺少“2848户”，请照原样写入。" in repair.last
    assert "上一稿：\n\n元旦春节送温暖，发放慰问金323.062万元，走访慰问困难职工，" in repair.last
    assert "↻ 主要工作: 第1次返修" in result.stderr
    assert "2848户" in (tmp_path / "draft.md").read_text(encoding="utf-8")


def test_an_altered_figure_is_named_with_what_it_must_be(server, union_facts, tmp_path):
    def altered(body):
        text = faithful(body)
        return text if is_repair(body) else text.replace("71800元", "71000元")

    server.responder = altered
    assert compose("--facts", union_facts, "--out", tmp_path / "d.md", "--no-fix-figures").exit_code == 0
    [repair] = [r for r in server.chat_requests() if is_repair(r.body)]
    assert "“71000元”不对，应为“71800元”" in repair.last


def test_an_altered_figure_drafter_is_sure_of_is_fixed_in_place_at_no_cost(server, union_facts, tmp_path):
    """「…捐款71000元」 where the fact says 71800元: drafter writes the fact's figure itself, asks nothing more,
    and says so — in the terminal and in the report's fixes."""
    server.responder = lambda body: faithful(body).replace("71800元", "71000元").replace("2848户", "2884户")
    result = compose("--facts", union_facts, "--out", tmp_path / "d.md", "--report", tmp_path / "r.json")
    assert result.exit_code == 0, result.output
    assert not [r for r in server.chat_requests() if is_repair(r.body)]
    draft = (tmp_path / "d.md").read_text(encoding="utf-8")
    assert "71800元" in draft and "2848户" in draft and "71000元" not in draft
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    fixes = [(f["section"], f["from"], f["to"]) for f in report["fixes"]]
    assert fixes == [("主要工作", "2884户", "2848户"), ("主要工作", "71000元", "71800元")]
    assert all(draft.splitlines()[f["line"] - 1].count(f["to"]) for f in report["fixes"])
    assert "drafter 已直接改正 2 个可以确定的数字" in result.stdout


def test_figures_still_wrong_after_the_repairs_exit_1_with_a_marked_draft(server, union_facts, tmp_path):
    server.responder = lambda body: faithful(body).replace("95名", "")
    result = compose("--facts", union_facts, "--out", tmp_path / "draft.md", "--max-repairs", 1)
    assert result.exit_code == 1
    draft = (tmp_path / "draft.md").read_text(encoding="utf-8")
    assert draft.splitlines()[2].startswith("> 注意：本稿的数字核对未通过")
    assert "未通过：0 个数字被改动，1 个数字缺失" in result.stdout
    assert len([r for r in server.chat_requests() if is_repair(r.body)]) == 1  # only 主要工作, once


@pytest.mark.parametrize(
    "failure",
    [
        Reply(status=429, retry_after=0.01, error="Rate limit reached"),
        Reply(status=500, error="upstream exploded"),
        Reply(status=503, error="overloaded"),
        Reply(delay=3.0),  # past the 2 s timeout
        Reply(text="元旦春节送温暖，发放慰问金323.062万元，走访慰问困难职工", cut_after=2),  # stream cut mid-way
    ],
    ids=["429", "500", "503", "timeout", "cut-stream"],
)
def test_transient_failures_are_retried(server, union_facts, tmp_path, failure):
    server.queue(failure)
    result = compose("--facts", union_facts, "--out", tmp_path / "d.md", "--jobs", 1)
    assert result.exit_code == 0, result.output
    assert len(server.chat_requests()) == 4  # three sections, one of them asked twice
    assert "重试" in result.stderr


def test_finish_reason_length_is_repaired(server, union_facts, tmp_path):
    def cut_off(body):
        if section_title(body) == "存在问题" and not is_repair(body):
            return Reply("对施工局和工程项目部工会工作了解不够", finish_reason="length")
        return faithful(body)

    server.responder = cut_off
    assert compose("--facts", union_facts, "--out", tmp_path / "d.md").exit_code == 0
    [repair] = [r for r in server.chat_requests() if is_repair(r.body)]
    assert "- 没有写完就被截断了，请写得更简洁。" in repair.last
    assert "上一稿" not in repair.last  # a cut-off answer is not sent back: the section is asked afresh


def test_endpoint_refusing_stream_options_falls_back_and_counts_tokens_itself(server, union_facts, tmp_path):
    server.reject_stream_options = True
    result = compose("--facts", union_facts, "--out", tmp_path / "d.md", "--jobs", 1)
    assert result.exit_code == 0, result.output
    chats = server.chat_requests()
    assert "stream_options" in chats[0].body and all("stream_options" not in r.body for r in chats[1:])
    assert "≈" in result.stdout  # test-model is unknown to tiktoken: the counts are labelled estimates


def test_unreachable_endpoint_exits_3_naming_it(server, union_facts, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    result = compose("--facts", union_facts, "--out", tmp_path / "d.md")
    assert result.exit_code == 3
    assert "drafter: 错误：http://127.0.0.1:9/v1: 无法连接" in result.stderr
    assert "drafter doctor" in result.stderr
    # the failure comes first and alone: no figure table, no draft of placeholders, the facts are safe
    assert result.stdout == ""
    assert "没有生成任何部分，因此没有写出草稿；事实文件" in result.stderr and "没有改动" in result.stderr
    assert not (tmp_path / "d.md").exists()


def test_a_model_failure_after_some_sections_keeps_them_and_says_the_failure_first(server, union_facts, tmp_path):
    """When some sections were drafted, the draft is written with them (and placeholders for the rest), and the
    failure is said before the report."""
    answered = []

    def first_only(body):
        answered.append(body)
        return faithful(body) if len(answered) == 1 else Reply(status=500)

    server.responder = first_only
    result = compose("--facts", union_facts, "--out", tmp_path / "d.md", "--jobs", 1)
    assert result.exit_code == 3, result.output
    draft = (tmp_path / "d.md").read_text("utf-8")
    assert "（本部分尚未生成。重新运行 drafter compose 将继续生成。）" in draft and "323.062万元" in draft
    assert result.stderr.splitlines()[-2].startswith("drafter: 错误：")  # the failure, after the progress lines
    assert "存在问题（未完成）" in result.stdout  # the report of what was drafted follows


def test_rejected_key_exits_3_without_retrying(server, union_facts, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-rejected")
    result = compose("--facts", union_facts, "--out", tmp_path / "d.md", "--jobs", 1)
    assert result.exit_code == 3
    assert "API 密钥被拒绝（401）" in result.stderr
    assert "请检查 OPENAI_API_KEY" in result.stderr
    assert len(server.chat_requests()) == 3  # once per section, no retries
    assert "sk-rejected" not in result.output


def test_model_failure_keeps_finished_sections_and_the_rerun_drafts_only_the_rest(server, union_facts, tmp_path):
    def one_broken(body):
        if section_title(body) == "存在问题":
            return Reply(status=500, error="down")
        return faithful(body)

    server.responder = one_broken
    first = compose("--facts", union_facts, "--out", tmp_path / "d.md")
    assert first.exit_code == 3
    assert "服务器错误（500）" in first.stderr
    assert len(server.chat_requests()) == 2 + 3  # two sections fine; one tried three times (retries = 2)
    server.requests.clear()
    server.responder = faithful
    second = compose("--facts", union_facts, "--out", tmp_path / "d.md")
    assert second.exit_code == 0, second.output
    assert [section_title(r.body) for r in server.chat_requests()] == ["存在问题"]
    assert "沿用上次的结果" in second.stderr
    assert (tmp_path / "d.md.~1~").exists()  # the partial draft was kept, not overwritten


def test_changed_facts_redraft_only_their_section(server, union_facts, tmp_path):
    assert compose("--facts", union_facts, "--out", tmp_path / "d.md").exit_code == 0
    server.requests.clear()
    text = union_facts.read_text(encoding="utf-8").replace("- 改制公司职工民主管理发展不平衡", "- 改制公司发展不平衡")
    union_facts.write_text(text, encoding="utf-8")
    assert compose("--facts", union_facts, "--out", tmp_path / "d.md").exit_code == 0
    assert [section_title(r.body) for r in server.chat_requests()] == ["存在问题"]
    server.requests.clear()
    assert compose("--facts", union_facts, "--out", tmp_path / "d.md", "--fresh").exit_code == 0
    assert len(server.chat_requests()) == 3


def test_sections_are_drafted_concurrently(server, union_facts, tmp_path):
    server.latency = 0.3
    assert compose("--facts", union_facts, "--out", tmp_path / "d.md", "--jobs", 3).exit_code == 0
    assert server.max_in_flight == 3
    server.requests.clear()
    server.max_in_flight = 0
    assert compose("--facts", union_facts, "--out", tmp_path / "e.md", "--jobs", 1).exit_code == 0
    assert server.max_in_flight == 1


def test_writer_braces_reach_the_model_literally(server, tmp_path):
    facts = tmp_path / "facts.md"
    facts.write_text("## 主要工作\n- 模板写法{{ 7*7 }}与{% if x %}原样保留，走访2848户\n", "utf-8")
    assert compose("--facts", facts, "--out", tmp_path / "d.md").exit_code == 0
    [request] = server.chat_requests()
    assert "\n模板写法{{ 7*7 }}与{% if x %}原样保留，走访2848户\n" in request.last


def test_lock_figures_puts_in_the_exact_figures(server, union_facts, tmp_path):
    def placeholders(body):
        facts = section_facts(body)
        if section_title(body) == "主要工作" and not is_repair(body):
            facts = [fact.replace("[F2]", "") for fact in facts]  # loses a placeholder first time
        return "。".join(facts) + "。"

    server.responder = placeholders
    result = compose("--facts", union_facts, "--out", tmp_path / "d.md", "--lock-figures")
    assert result.exit_code == 0, result.output
    [first] = [r.last for r in server.chat_requests() if section_title(r.body) == "主要工作" and not is_repair(r.body)]
    assert "\n元旦春节送温暖，发放慰问金[F1]，走访慰问困难职工[F2]，慰问[F3]离退休职工家属\n" in first
    assert "323.062万元" not in first
    [repair] = [r for r in server.chat_requests() if is_repair(r.body)]
    assert "没有写出记号 [F2]" in repair.last
    draft = (tmp_path / "d.md").read_text(encoding="utf-8")
    assert "[F" not in draft and "走访慰问困难职工2848户" in draft


def test_cache_answers_identical_requests(server, union_facts, tmp_path):
    assert compose("--facts", union_facts, "--out", tmp_path / "d.md").exit_code == 0
    server.requests.clear()
    result = compose("--facts", union_facts, "--out", tmp_path / "e.md", "--fresh", "--cache")
    assert result.exit_code == 0
    assert server.chat_requests() == []


def test_token_budget_stops_requests(server, union_facts, tmp_path):
    result = compose("--facts", union_facts, "--out", tmp_path / "d.md", "--max-tokens-total", 900, "--jobs", 1)
    assert result.exit_code == 1
    assert "已达到 --max-tokens-total 上限" in result.stdout
    assert len(server.chat_requests()) < 3


def test_dry_run_renders_every_prompt_and_calls_nothing(server, union_facts):
    result = compose("--facts", union_facts, "--dry-run")
    assert result.exit_code == 0, result.output
    assert server.requests == []
    assert "撰写“主要工作”部分的正文" in result.stdout
    assert "上下文预算" in result.stdout and "仅预览，未调用任何模型。" in result.stdout


def test_no_endpoint_means_offline_and_says_so(union_facts, tmp_path):
    result = compose("--facts", union_facts, "--out", tmp_path / "d.md", "--no-log")
    assert result.exit_code == 0
    assert "未使用语言模型" in result.stdout
    assert "（一）元旦春节送温暖，发放慰问金323.062万元" in (tmp_path / "d.md").read_text(encoding="utf-8")


def test_english_pack_offline(tmp_path):
    facts = ROOT / "fixtures" / "english-2023h1" / "facts.md"
    result = compose("--facts", facts, "--out", tmp_path / "d.md", "--no-log")
    assert result.exit_code == 0
    draft = (tmp_path / "d.md").read_text(encoding="utf-8")
    assert "## 1. Main work" in draft and "No language model was used" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "poem"], "没有“poem”这个文种（提示词包有：union-work-summary, work-summary, work-summary-en）"),
        (["--profile", "nope"], "unknown profile 'nope'"),
        (["--prompts", "/nonexistent/packs"], "/nonexistent/packs: no such prompts directory"),
    ],
)
def test_bad_choices_exit_2(union_facts, args, message):
    result = compose("--facts", union_facts, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_facts_file_without_facts_exits_2(tmp_path):
    facts = tmp_path / "facts.md"
    facts.write_text("---\ntitle: 空\n---\n## 主要工作\n", "utf-8")
    result = compose("--facts", facts)
    assert result.exit_code == 2
    assert f"{facts}: 没有可以起草的事实" in result.stderr  # the title is Chinese: so is the message


def test_an_empty_answer_is_sent_back(server, union_facts, tmp_path):
    server.responder = lambda body: faithful(body) if is_repair(body) or section_title(body) != "存在问题" else ""
    assert compose("--facts", union_facts, "--out", tmp_path / "d.md").exit_code == 0
    [repair] = [r for r in server.chat_requests() if is_repair(r.body)]
    assert "- 没有写出任何正文。" in repair.last and "请根据事实重新撰写“存在问题”部分的正文" in repair.last


def test_missing_facts_option_is_a_usage_error():
    assert runner.invoke(run, ["compose"]).exit_code == 2


def test_user_pack_with_an_undefined_variable_names_template_and_variable(union_facts, tmp_path):
    pack = tmp_path / "packs" / "my-summary"
    pack.mkdir(parents=True)
    (pack / "pack.toml").write_text(
        'name = "my-summary"\ntitle = "我的总结"\nlanguage = "zh"\nextends = "work-summary"\n'
        '[generic]\nguidance = "写"\n',
        encoding="utf-8",
    )
    (pack / "offline.j2").write_text("{{ section.nonexistent }}", encoding="utf-8")
    result = compose("--facts", union_facts, "--prompts", tmp_path / "packs", "--kind", "my-summary", "--no-log")
    assert result.exit_code == 2
    assert "prompt pack 'my-summary', template offline.j2:" in result.stderr
    assert "'nonexistent'" in result.stderr


def test_the_api_key_is_in_no_file_drafter_writes(server, union_facts, tmp_path, isolated):
    server.responder = lambda body: drop("2848户", body)
    assert compose("--facts", union_facts, "--out", tmp_path / "d.md", "--report", tmp_path / "r.json").exit_code == 0
    runner.invoke(run, ["logs", "show", "1", "--full"])
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name == "logs.db" for p in written) and any(p.name.endswith(".drafter.json") for p in written)
    for path in written:
        assert SECRET_KEY.encode() not in path.read_bytes(), path


def test_logs_list_and_show(server, union_facts, tmp_path):
    assert compose("--facts", union_facts, "--out", tmp_path / "d.md").exit_code == 0
    listing = runner.invoke(run, ["logs"])
    assert listing.exit_code == 0
    assert (
        "test-model" in listing.stdout
        and "facts.md" in listing.stdout
        and listing.stdout.splitlines()[1].split()[0] == "1"
    )
    shown = runner.invoke(run, ["logs", "show", "1", "--full"])
    assert shown.exit_code == 0
    assert "主要工作" in shown.stdout and "[response]" in shown.stdout
    assert runner.invoke(run, ["logs", "show", "99"]).exit_code == 2


def test_no_log_writes_no_database(server, union_facts, tmp_path, isolated):
    assert compose("--facts", union_facts, "--out", tmp_path / "d.md", "--no-log").exit_code == 0
    assert not (isolated / "data" / "logs.db").exists()


def test_an_interrupted_run_loses_nothing_already_drafted(server, union_facts, tmp_path, isolated):
    """Ctrl-C while one section hangs: the finished sections are on disk, and the rerun asks only for the rest."""
    server.responder = lambda body: (
        Reply(faithful(body), delay=30) if section_title(body) == "主要工作" else faithful(body)
    )
    environment = {**os.environ, "DRAFTER_HOME": str(isolated)}
    command = ["compose", "--facts", str(union_facts), "--out", str(tmp_path / "d.md")]
    process = subprocess.Popen(
        [sys.executable, "-c", DRAFTER_WITH_CTRL_C, *command],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment, cwd=tmp_path,
    )  # fmt: skip
    state = tmp_path / ".d.md.drafter.json"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (not state.exists() or len(read_state(state)) < 2):
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr.decode()
    assert "interrupted" in stderr.decode()
    assert len(read_state(state)) == 2
    server.requests.clear()
    server.responder = faithful
    assert compose("--facts", union_facts, "--out", tmp_path / "d.md").exit_code == 0
    assert [section_title(r.body) for r in server.chat_requests()] == ["主要工作"]


def test_existing_draft_is_kept_as_a_numbered_backup(union_facts, tmp_path):
    out = tmp_path / "d.md"
    out.write_text("我手改过的稿子\n", encoding="utf-8")
    result = compose("--facts", union_facts, "--out", out, "--no-log")
    assert result.exit_code == 0
    assert (tmp_path / "d.md.~1~").read_text(encoding="utf-8") == "我手改过的稿子\n"
    assert "原稿备份" in result.stdout


def test_default_output_path_is_beside_the_facts(union_facts, tmp_path):
    assert compose("--facts", union_facts, "--no-log").exit_code == 0
    assert (tmp_path / "facts.draft.md").exists()


def test_a_section_cut_off_on_every_attempt_fails_the_run_though_its_figures_are_there(server, union_facts, tmp_path):
    """All figures present is not enough: the kept text was cut off, so the run is not ok — in the exit code, the
    draft's warning, the verdict, the sections table and the JSON alike."""

    def always_cut(body):
        text = faithful(body)
        return Reply(text, finish_reason="length") if section_title(body) == "存在问题" else text

    server.responder = always_cut
    result = compose(
        "--facts", union_facts, "--out", tmp_path / "draft.md", "--report", tmp_path / "r.json", "--max-repairs", 1
    )
    assert result.exit_code == 1, result.output
    draft = (tmp_path / "draft.md").read_text(encoding="utf-8")
    assert draft.splitlines()[2].startswith("> 注意：本稿的数字核对未通过")
    assert "通过：所有数字与事实一致" not in result.stdout
    assert "未通过：以下部分的正文仍有问题：存在问题（输出被截断）" in result.stdout
    assert "输出被截断" in result.stdout.split("各部分")[1]  # the sections table says the same
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["ok"] is False and report["counts"]["missing"] == report["counts"]["altered"] == 0
    sections = {s["title"]: s for s in report["sections"]}
    assert sections["存在问题"]["ok"] is False and sections["主要工作"]["ok"] is True
    assert sections["存在问题"]["problems"] == [{"kind": "truncated", "figure": "", "fact": "", "found": ""}]


def test_an_empty_answer_fails_the_run(server, union_facts, tmp_path):
    server.responder = lambda body: "" if section_title(body) == "下一步工作" else faithful(body)
    result = compose("--facts", union_facts, "--out", tmp_path / "draft.md", "--max-repairs", 1)
    assert result.exit_code == 1
    assert "下一步工作（没有正文）" in result.stdout


def test_on_resume_only_sections_that_passed_are_reused(server, union_facts, tmp_path):
    server.responder = lambda body: faithful(body).replace("95名", "")
    assert compose("--facts", union_facts, "--out", tmp_path / "draft.md", "--max-repairs", 0).exit_code == 1
    first = len(server.chat_requests())
    server.responder = faithful
    result = compose("--facts", union_facts, "--out", tmp_path / "draft.md", "--max-repairs", 0)
    assert result.exit_code == 0, result.output
    again = server.chat_requests()[first:]
    assert [section_title(r.body) for r in again] == ["主要工作"]  # the failed section only, without --fresh
    assert "95名" in (tmp_path / "draft.md").read_text(encoding="utf-8")


def test_an_answer_that_loops_is_stopped_while_it_streams_and_the_section_asked_afresh(server, union_facts, tmp_path):
    """A model repeating one line is cut off after a few repeats (saving the rest of its budget), and the section
    is asked again from the facts — not sent back with the junk."""
    looping = "坚持落实民主管理各项制度。\n" + "\n".join(f"{n}. 千方百计为职工开辟再就业渠道" for n in range(1, 200))
    server.chunk_delay = 0.002
    server.responder = lambda body: (
        looping if section_title(body) == "下一步工作" and not is_repair(body) else faithful(body)
    )
    result = compose("--facts", union_facts, "--out", tmp_path / "d.md", "--report", tmp_path / "r.json")
    assert result.exit_code == 0, result.output
    assert server.streams_abandoned >= 1
    [repair] = [r for r in server.chat_requests() if is_repair(r.body)]
    assert section_title(repair.body) == "下一步工作"
    assert "上一稿" not in repair.last and "- 内容在重复" in repair.last
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    [section] = [s for s in report["sections"] if s["title"] == "下一步工作"]
    assert "repetition" in section["attempts"][0]["problems"]
    assert section["attempts"][0]["completion_tokens"] < len(looping) / 4


def test_an_endpoint_echoing_itself_and_its_prompt_never_ends_green(server, union_facts, tmp_path):
    """The answer six times over, then the system prompt: every figure is there, and the run still fails."""
    server.responder = lambda body: (faithful(body) + "\n") * 6 + body["messages"][0]["content"]
    result = compose("--facts", union_facts, "--out", tmp_path / "d.md", "--report", tmp_path / "r.json")
    assert result.exit_code == 1, result.output
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["ok"] is False
    kinds = {p["kind"] for s in report["sections"] for p in s["problems"]}
    assert kinds & {"repetition", "prompt-echo"}
    assert (tmp_path / "d.md").read_text(encoding="utf-8").splitlines()[2].startswith("> 注意")


def test_each_answer_has_a_budget_from_its_facts(server, union_facts, tmp_path):
    from drafter.documents.facts import read_facts
    from drafter.drafting.packs import load_pack
    from drafter.drafting.pipeline import ANSWER_BASE_TOKENS, ANSWER_FACTS_FACTOR, answer_budget
    from drafter.drafting.prompting import plan_sections

    assert compose("--facts", union_facts, "--out", tmp_path / "d.md").exit_code == 0
    plans = {p.title: p for p in plan_sections(read_facts(union_facts), load_pack("union-work-summary"))}
    for request in server.chat_requests():
        plan = plans[section_title(request.body)]
        assert request.body["max_tokens"] == answer_budget(plan, 1200)
    # three short facts: a few hundred tokens, not the 1,200 a looping model would otherwise spend
    assert answer_budget(plans["存在问题"], 1200) == ANSWER_BASE_TOKENS + ANSWER_FACTS_FACTOR * 92 < 600
    assert answer_budget(plans["主要工作"], 1200) == 1200  # sixteen facts: the pack's cap


def test_a_request_that_overflows_the_context_names_the_cause(server, union_facts, tmp_path):
    server.responder = lambda body: Reply(
        status=400, error="This model's maximum context length is 2048 tokens. However, you requested 2301 tokens."
    )
    result = compose("--facts", union_facts, "--out", tmp_path / "d.md", "--jobs", 1)
    assert result.exit_code == 3
    assert "请求超出了模型的上下文窗口（2048 token）" in result.stderr
    assert "减少这一部分的事实" in result.stderr and "检查模型名称" not in result.stderr


def test_a_known_context_window_shapes_each_request(server, union_facts, tmp_path, isolated):
    from tests.conftest import user_config

    user_config(isolated, "timeout = 2\nbackoff = 0.01\nretries = 2\ncontext_window = 1500\n")
    assert compose("--facts", union_facts, "--out", tmp_path / "d.md").exit_code == 0
    [main] = [r for r in server.chat_requests() if section_title(r.body) == "主要工作"]
    assert main.body["max_tokens"] < 1200  # what room is left beside the prompt
    user_config(isolated, "timeout = 2\nbackoff = 0.01\nretries = 2\ncontext_window = 300\n")
    server.requests.clear()
    result = compose("--facts", union_facts, "--out", tmp_path / "e.md", "--jobs", 1)
    assert result.exit_code == 3
    assert "本部分的提示词已占满模型的上下文窗口（300 token）" in result.stderr
    assert [r for r in server.chat_requests() if section_title(r.body) == "主要工作"] == []  # never sent


def test_a_skipped_section_is_left_out_of_the_draft_and_its_figures_are_not_looked_for(tmp_path):
    facts = tmp_path / "facts.md"
    facts.write_text("## 主要工作\n- 走访困难职工2848户\n## 工作亮点\n<!-- 跳过 -->\n- 获评先进集体3次\n", "utf-8")
    result = compose("--facts", facts, "--out", tmp_path / "d.md", "--model", "offline")
    assert result.exit_code == 0, result.output
    draft = (tmp_path / "d.md").read_text("utf-8")
    assert "2848户" in draft and "工作亮点" not in draft and "3次" not in draft
    assert "没有事实、未生成：工作亮点" in result.stdout
