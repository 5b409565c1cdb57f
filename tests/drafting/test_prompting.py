import pytest

from drafter.documents.facts import parse_facts
from drafter.drafting.packs import load_pack
from drafter.drafting.problems import Problem, ProblemKind
from drafter.drafting.prompting import (
    clean_section_text,
    draft_messages,
    figure_problems,
    plan_sections,
    repair_messages,
    template_context,
    unlock,
)
from drafter.figures import extract_figures, match_figures

FACTS = """---
title: 局工会2023年上半年工作总结
organization: 局工会
period: 2023年上半年
---
## 主要工作
- 发放慰问金323.062万元，走访困难职工2848户
- 表彰先进处室10个、先进项目经理部10个

## 工作亮点

## 存在问题
- 工会干部队伍建设薄弱
"""


@pytest.fixture
def document():
    return parse_facts(FACTS)


@pytest.fixture
def pack():
    return load_pack("work-summary")


def test_sections_without_facts_are_left_out_and_numbering_follows(document, pack):
    plans = plan_sections(document, pack)
    assert [(p.number, p.heading) for p in plans] == [(1, "一、主要工作"), (2, "二、存在问题")]
    assert [e.figure.text for e in plans[0].expected] == ["323.062万元", "2848户", "10个", "10个"]


def test_section_prompt_gives_the_facts_as_its_second_paragraph_one_per_line(document, pack):
    """Little scaffolding for a model to copy: the request, then the facts as the writer wrote them, one per line
    (no numbering, no list of figures to keep). Tests read a request by this structure."""
    plan = plan_sections(document, pack)[0]
    messages = draft_messages(pack, template_context(document, pack, plan, lock=False), offline=False)
    assert [m["role"] for m in messages] == ["system", "user"]
    assert "为局工会撰写《局工会2023年上半年工作总结》" in messages[0]["content"]
    paragraphs = messages[1]["content"].split("\n\n")
    assert paragraphs[0].startswith("撰写“主要工作”部分的正文。")
    assert paragraphs[1].splitlines() == [
        "发放慰问金323.062万元，走访困难职工2848户",
        "表彰先进处室10个、先进项目经理部10个",
    ]
    assert "必须原样写出" not in messages[1]["content"] and "1. " not in messages[1]["content"]


def test_locked_prompt_hides_every_figure(document, pack):
    plan = plan_sections(document, pack, lock=True)[0]
    prompt = draft_messages(pack, template_context(document, pack, plan, lock=True), offline=False)[1]["content"]
    assert "\n发放慰问金[F1]，走访困难职工[F2]\n" in prompt
    assert "\n表彰先进处室[F3]、先进项目经理部[F4]\n" in prompt
    assert not any(figure.text in prompt for figure in extract_figures(FACTS))


@pytest.mark.parametrize(
    ("text", "filled", "problems"),
    [
        ("发放[F1]，走访[F2]，处室[F3]，项目部[F4]。", "发放323.062万元，走访2848户，处室10个，项目部10个。", []),
        ("发放【F1】，走访［ F2 ］，处室[F3]，项目部[F4]。", "发放323.062万元，走访2848户，处室10个，项目部10个。", []),
        (
            "发放[F1]，处室[F3]，项目部[F4]。",
            "发放323.062万元，处室10个，项目部10个。",
            [("placeholder-missing", "[F2]")],
        ),
        (
            "发放[F1][F1]，走访[F2]，处室[F3]，项目部[F4]，另[F9]。",
            "发放323.062万元323.062万元，走访2848户，处室10个，项目部10个，另。",
            [("unsupported", "[F9]"), ("placeholder-repeated", "[F1]")],
        ),
    ],
)
def test_unlock(document, pack, text, filled, problems):
    plan = plan_sections(document, pack, lock=True)[0]
    result, found = unlock(text, plan)
    assert result == filled
    assert [(p.kind, p.figure) for p in found] == problems


def test_repair_prompt_names_each_problem(document, pack):
    plan = plan_sections(document, pack)[0]
    report = match_figures(
        list(plan.expected), "发放慰问金323.062万元，走访困难职工2884户，表彰先进处室10个。另有56场。"
    )
    problems = figure_problems(report, strict=True)
    assert [(p.kind, p.figure, p.found) for p in problems] == [
        ("altered", "2848户", "2884户"),
        ("missing", "10个", ""),
        ("unsupported", "", "56场"),
    ]
    assert [p.kind for p in figure_problems(report, strict=False)] == ["altered", "missing"]
    context = template_context(document, pack, plan, lock=False)
    repair = repair_messages(pack, context, "上一稿", problems)[-1]["content"]
    assert repair.startswith("上一稿：\n\n上一稿\n\n请改正下列问题")
    # grouped by fact: each fact once, its problems under it; problems with no fact last
    assert (
        "（事实：发放慰问金323.062万元，走访困难职工2848户）\n- “2884户”不对，应为“2848户”。\n"
        "（事实：表彰先进处室10个、先进项目经理部10个）\n- 缺少“10个”，请照原样写入。\n"
        "（其他）\n- “56场”在事实中没有依据，请删去。"
    ) in repair
    fresh = repair_messages(pack, context, "", [Problem(ProblemKind.REPETITION, found="千方百计")])[-1]["content"]
    assert fresh.startswith("上一次的回答不能用：\n- 内容在重复（“千方百计”），每句话只写一次。")
    assert "上一稿" not in fresh and "请根据事实重新撰写“主要工作”部分的正文" in fresh


@pytest.mark.parametrize(
    "raw",
    [
        "正文第一段。\n\n正文第二段。",
        "```markdown\n正文第一段。\n\n正文第二段。\n```",
        "## 一、主要工作\n\n正文第一段。\n\n正文第二段。",
        "主要工作\n正文第一段。\n\n正文第二段。",
        "**一、主要工作**\n正文第一段。\n\n正文第二段。",
    ],
)
def test_clean_section_text_removes_fences_and_echoed_headings(document, pack, raw):
    plan = plan_sections(document, pack)[0]
    assert clean_section_text(raw, plan) == "正文第一段。\n\n正文第二段。"


def test_offline_text_is_the_facts(document, pack):
    plans = plan_sections(document, pack)
    texts = [draft_messages(pack, template_context(document, pack, p, lock=False), offline=True) for p in plans]
    assert texts[0] == [
        {
            "role": "user",
            "content": "一是发放慰问金323.062万元，走访困难职工2848户；二是表彰先进处室10个、先进项目经理部10个。\n",
        }
    ]
    assert match_figures(list(plans[0].expected), texts[0][0]["content"]).ok


def test_every_problem_kind_has_words_and_a_repair_branch_in_every_pack(document):
    """One enumeration of problem kinds; each has its message in both languages and its line in each pack's
    repair template (a kind a template forgets would be sent back without saying what is wrong)."""
    from drafter.drafting.packs import list_packs, load_pack
    from drafter.messages import MESSAGES

    for kind in ProblemKind:
        chinese, english = MESSAGES[f"problem_{kind}"]
        assert chinese and english
    for listed in list_packs([]):
        pack = load_pack(listed.name, [])
        [plan, *_] = plan_sections(document, pack)
        context = template_context(document, pack, plan, lock=False)
        for kind in ProblemKind:
            problem = Problem(
                kind, figure="[F1]" if "placeholder" in kind else "2848户", fact="走访2848户", found="2884户"
            )
            repair = repair_messages(pack, context, "上一稿", [problem])[-1]["content"]
            lines = [line for line in repair.splitlines() if line.startswith("- ")]
            assert len(lines) == 1, (pack.name, kind, repair)
