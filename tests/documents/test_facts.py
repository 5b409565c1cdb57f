import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.documents.facts import (
    Fact,
    FactsDocument,
    Section,
    heading_title,
    parse_facts,
    read_facts,
    render_facts,
    save_facts,
)
from drafter.errors import FactsError

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
    gbk = tmp_path / "gbk.md"
    gbk.write_bytes("## 主要工作\n- 走访2848户\n".encode("gbk"))
    document = read_facts(gbk)
    assert document.sections[0].facts[0].text == "走访2848户"
    assert [warning.text("en") for warning in document.warnings] == ["read as gb18030 (the file itself is not changed)"]
    bad = tmp_path / "broken.md"
    bad.write_bytes("## 主要工作\n- 走访".encode() + "2848户\n".encode("gbk"))  # UTF-8 with a GBK tail
    with pytest.raises(FactsError, match=r"broken.md:2: is not UTF-8 text") as caught:
        read_facts(bad)
    assert "--encoding" in caught.value.hint
    bom = tmp_path / "bom.md"
    bom.write_bytes("\ufeff## 主要工作\n- 走访2848户\n".encode())
    assert read_facts(bom).sections[0].title == "主要工作"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_unicode_files_with_a_byte_order_mark_are_read(tmp_path, encoding):
    """Windows Notepad's "Unicode" is UTF-16 with a BOM: it is text, and read as such."""
    path = tmp_path / "facts.md"
    bom = {"utf-16-be": "\ufeff"}.get(encoding, "")
    path.write_bytes(f"{bom}## 主要工作\n- 走访2848户\n".encode(encoding))
    assert read_facts(path).sections[0].facts[0].text == "走访2848户"


@pytest.mark.parametrize(
    ("data", "problem", "hint"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "is a Word document (.docx)", "Save As plain text"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is an old Word or WPS document", "Save As plain text"),
        (b"%PDF-1.7\n%\xe2\xe3", "is a PDF file", "original document"),
        (b"PK\x03\x04\x14\x00xl/workbook.xml", "is an Excel workbook", "bullet points"),
        (b"\x7fELF\x02\x01\x01\x00\x00\xff\xfe", "is not a text file", "Markdown or plain text"),
    ],
)
def test_files_that_are_not_text_are_named_for_what_they_are(tmp_path, data, problem, hint):
    path = tmp_path / "facts.md"
    path.write_bytes(data)
    with pytest.raises(FactsError) as caught:
        read_facts(path)
    assert caught.value.message.startswith(f"{path}: {problem}")
    assert hint in caught.value.hint
    assert "UTF-8 text" not in caught.value.message


def test_a_heading_given_twice_is_one_section_with_a_warning():
    document = parse_facts("## 主要工作\n- 甲1户\n## 存在问题\n- 乙\n## 主要工作\n- 丙2户\n", "f.md")
    assert [(s.title, [f.text for f in s.facts]) for s in document.sections] == [
        ("主要工作", ["甲1户", "丙2户"]),
        ("存在问题", ["乙"]),
    ]
    assert document.sections[0].facts[1].line == 6
    [warning] = document.warnings
    assert (
        warning.text("en")
        == "f.md:5: the heading '主要工作' was already given at line 1; the facts under both are read as one section"
    )
    assert "已合并" in warning.text("zh")


def test_unclosed_front_matter_is_reported_where_the_facts_begin():
    """Not as a bad `key: value` on the first bullet: the front matter never closed, and `---` goes before the
    first heading."""
    text = "---\ntitle: 总结\n\n## 主要工作\n- 走访2848户\n"
    with pytest.raises(FactsError) as caught:
        parse_facts(text, "f.md")
    assert caught.value.message == "f.md:1: the front matter opened with '---' is never closed"
    assert caught.value.hint == "add a '---' line before line 4 to close it"
    with pytest.raises(FactsError, match="never closed") as caught:
        parse_facts("---\ntitle: 总结\n- 走访2848户\n", "f.md")
    assert "before line 3" in caught.value.hint


def test_save_refuses_what_would_read_back_differently(tmp_path):
    document = FactsDocument(str(tmp_path / "f.md"), {}, (Section("主要工作 ##", 0, (Fact("走访2848户", 0),)),))
    with pytest.raises(FactsError, match="would read back differently"):
        save_facts(document, tmp_path / "f.md")
    assert not (tmp_path / "f.md").exists()
    quoted = FactsDocument(str(tmp_path / "g.md"), {"title": '"引号"', "period": "'单引号'"}, ())
    assert save_facts(quoted, tmp_path / "g.md").meta == quoted.meta
    assert heading_title("主要工作 ##") == "主要工作"
    assert heading_title("  存在   问题 ") == "存在 问题"


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


def test_a_skipped_section_keeps_its_facts_and_is_neither_drafted_nor_checked():
    from drafter.documents.facts import render_facts, skipping
    from drafter.drafting.packs import load_pack
    from drafter.drafting.prompting import plan_sections
    from drafter.review.check import fact_figures

    document = parse_facts("## 主要工作\n- 走访2848户\n## 工作亮点\n<!-- 跳过 -->\n- 获评先进3次\n")
    shape = [(s.title, s.skipped, [f.text for f in s.facts]) for s in document.sections]
    assert shape == [("主要工作", False, ["走访2848户"]), ("工作亮点", True, ["获评先进3次"])]
    again = parse_facts(render_facts(document))  # the mark is written back
    assert [(s.title, s.skipped, [f.text for f in s.facts]) for s in again.sections] == shape
    assert [plan.section.title for plan in plan_sections(document, load_pack("work-summary"))] == ["主要工作"]
    assert [item.expected.figure.text for item in fact_figures(document)] == ["2848户"]
    assert not skipping(document, "工作亮点", False).sections[1].skipped
    assert parse_facts("## 甲\n<!-- skip -->\n").sections[0].skipped  # the English word reads too
