import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.errors import FactsError
from drafter.facts import Fact, FactsDocument, Section, parse_facts, read_facts, render_facts

EXAMPLE = """---
title: 局工会2023年上半年工作总结
organization: 局工会
period: 2023年上半年
kind: work-summary
---

## 主要工作
- 元旦春节送温暖，发放慰问金323.062万元，走访困难职工2848户
- 职代会期间职工代表捐款71800元

## 存在问题
- 工会干部队伍建设薄弱
"""


def test_the_issue_example():
    document = parse_facts(EXAMPLE, "facts.md")
    assert document.meta == {
        "title": "局工会2023年上半年工作总结",
        "organization": "局工会",
        "period": "2023年上半年",
        "kind": "work-summary",
    }
    assert [(s.title, s.line, [f.text for f in s.facts]) for s in document.sections] == [
        ("主要工作", 8, ["元旦春节送温暖，发放慰问金323.062万元，走访困难职工2848户", "职代会期间职工代表捐款71800元"]),
        ("存在问题", 12, ["工会干部队伍建设薄弱"]),
    ]
    assert document.sections[0].facts[1].line == 10


def test_bullets_numbers_continuations_and_no_front_matter():
    text = (
        "# 主要工作\n* 走访困难职工\n  2848户\n1. 捐款71800元\n2) 第二条\n"
        "+ plus bullet\n- English fact\n  continues here\n"
    )
    document = parse_facts(text)
    assert document.meta == {}
    assert [f.text for f in document.sections[0].facts] == [
        "走访困难职工2848户",  # Chinese continuation joins without a space
        "捐款71800元",
        "第二条",
        "plus bullet",
        "English fact continues here",
    ]


def test_positions_inside_continued_facts():
    document = parse_facts("## 主要工作\n- 走访困难职工\n    共2848户\n")
    fact = document.sections[0].facts[0]
    offset = fact.text.index("2848")
    assert fact.where(offset) == (3, 6)
    assert fact.where(0) == (2, 3)


def test_blank_lines_comments_and_an_empty_section():
    text = '---\n# a comment\ntitle: "引号"\n---\n\n## 主要工作\n<!-- 说明 -->\n- 甲\n\n  乙\n\n## 存在问题\n'
    document = parse_facts(text)
    assert document.meta == {"title": "引号"}
    assert [f.text for f in document.sections[0].facts] == ["甲乙"]
    assert document.sections[1].facts == ()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("---\ntitle: x\n", 1, "never closed"),
        ("---\ntitle x\n---\n", 2, "expected 'key: value'"),
        ("---\ntitle: a\ntitle: b\n---\n", 3, "given twice"),
        ("- 走访2848户\n", 1, "before any section heading"),
        ("## 主要工作\n-\n", 2, "empty fact"),
        ("## \n", 1, "heading has no title"),
        ("## 主要工作\n这一行既不是事实也不是标题\n", 2, "expected a heading"),
        ("## 主要工作\n- 甲\n## 主要工作\n", 3, "appears twice (first at line 1)"),
        ("## 主要工作\n  缩进但没有事实\n", 2, "expected a heading"),
    ],
)
def test_malformed_files_name_line_and_expectation(text, line, message):
    with pytest.raises(FactsError) as caught:
        parse_facts(text, "facts.md")
    assert caught.value.line == line
    assert caught.value.message.startswith(f"facts.md:{line}: ")
    assert message in caught.value.message


def test_read_errors(tmp_path):
    with pytest.raises(FactsError, match="no such facts file"):
        read_facts(tmp_path / "absent.md")
    with pytest.raises(FactsError, match="is a directory"):
        read_facts(tmp_path)
    bad = tmp_path / "gbk.md"
    bad.write_bytes("## 主要工作\n- 走访2848户\n".encode("gbk"))
    with pytest.raises(FactsError, match=r"gbk.md:1: is not UTF-8") as caught:
        read_facts(bad)
    assert "UTF-8" in caught.value.hint
    bom = tmp_path / "bom.md"
    bom.write_bytes("\ufeff## 主要工作\n- 走访2848户\n".encode())
    assert read_facts(bom).sections[0].title == "主要工作"


@settings(max_examples=300)
@given(st.text())
def test_parser_never_crashes(text):
    try:
        parse_facts(text)
    except FactsError as error:
        assert error.message.startswith("<facts>")


_line = (
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=30)
    .map(str.strip)
    .filter(lambda s: s and not s.startswith(("#", "-", "*", "+", "<!--")) and s[0].isalnum())
)


@settings(max_examples=200)
@given(st.lists(st.tuples(_line, st.lists(_line, max_size=4)), max_size=4, unique_by=lambda s: s[0]))
def test_render_then_parse_round_trips(sections):
    document = FactsDocument(
        "<facts>",
        {"title": "标题", "period": "2023年上半年"},
        tuple(Section(title, 0, tuple(Fact(text, 0) for text in facts)) for title, facts in sections),
    )
    parsed = parse_facts(render_facts(document))
    assert parsed.meta == document.meta
    assert [(s.title, [f.text for f in s.facts]) for s in parsed.sections] == sections
