"""The Word writer, read back with python-docx and from the XML: the GB/T 9704 page, grid, fonts in every slot,
zh-CN, sizes, heading styles, the PAGE field in odd and even footers, the 落款 and 成文日期; English drafts, the
plain font profile, a unit's template; the same draft gives the same bytes."""

import datetime as dt
import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from drafter.documents.docx_writer import Block, DocxLayout, blocks_of, docx_bytes, signing_date
from drafter.documents.word import read_docx
from drafter.errors import DraftError

DRAFT = """# 局工会2023年上半年工作总结

2023年上半年，局工会扎实推进各项工作。

## 一、主要工作

（一）强化思想引领。全年组织学习42场，**走访**慰问困难职工2848户。

（二）职代会期间组织职工代表捐款71800元。

### （三）民主管理

1.提案工作。整理提案14份。

## 二、存在问题

指导较少。

局工会

2023年07月05日
"""


def _document(markdown: str = DRAFT, **layout) -> docx.document.Document:
    return docx.Document(io.BytesIO(docx_bytes(markdown, DocxLayout(**layout))))


def _fonts(rpr) -> dict[str, str]:
    fonts = rpr.find(qn("w:rFonts"))
    return {slot: fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")}


def test_blocks_of_a_markdown_draft():
    blocks = blocks_of(DRAFT)
    assert blocks[0] == Block("title", "局工会2023年上半年工作总结")
    assert Block("heading", "一、主要工作", 1) in blocks and Block("heading", "（三）民主管理", 2) in blocks
    assert Block("text", "（一）强化思想引领。全年组织学习42场，走访慰问困难职工2848户。") in blocks  # ** dropped
    assert blocks[-2:] == [Block("organization", "局工会"), Block("date", "2023年7月5日")]
    assert blocks_of("# T\n\n> 注意：未通过\n\n- 走访2848户\n- 捐款3万元\n")[1:] == [
        Block("warning", "注意：未通过"), Block("text", "走访2848户"), Block("text", "捐款3万元")]  # fmt: skip
    assert blocks_of("We visited\n2,848 households.\n")[0] == Block("text", "We visited 2,848 households.")
    assert blocks_of("走访2848户。\n\n局工会，2023年\n\n2023年7月5日\n")[-1] == Block("text", "2023年7月5日")


def test_the_page_is_gbt_9704():
    section = _document().sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin, section.bottom_margin,
             section.left_margin, section.right_margin)  # fmt: skip
    assert [round(size.mm, 1) for size in sizes] == [210, 297, 37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"  # 225 mm / 22 lines
    assert Mm(225).pt >= 22 * 579 / 20  # 22 lines fit the 版心
    normal = _document().styles["Normal"]
    spacing = normal.element.pPr.find(qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("579", "exact")
    squeeze = int(normal.element.rPr.find(qn("w:spacing")).get(qn("w:val")))
    width = Mm(156).pt
    assert 28 * (16 + squeeze / 20) <= width < 29 * (16 + squeeze / 20)  # 28 characters of 3号 a line


def test_fonts_are_set_in_every_slot_with_zh_cn_and_no_theme_fonts():
    document = _document()
    styles = document.styles
    expected = {"Title": ("方正小标宋简体", 22), "Normal": ("仿宋_GB2312", 16), "Heading 1": ("黑体", 16),
                "Heading 2": ("楷体_GB2312", 16)}  # fmt: skip
    for name, (east_asia, size) in expected.items():
        rpr = styles[name].element.rPr
        assert _fonts(rpr) == {"ascii": "Times New Roman", "hAnsi": "Times New Roman", "eastAsia": east_asia,
                               "cs": "Times New Roman"}, name  # fmt: skip
        assert styles[name].font.size == Pt(size) and not styles[name].font.bold
        assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    xml = document.styles.element.xml
    assert "Theme=" not in xml.split("</w:docDefaults>")[0]  # the defaults name no theme font (ＭＳ 明朝)
    assert document.settings.element.find(qn("w:themeFontLang")).get(qn("w:eastAsia")) == "zh-CN"
    indent = styles["Normal"].element.pPr.find(qn("w:ind"))
    assert indent.get(qn("w:firstLineChars")) == "200"  # 左空二字
    assert styles["Title"].paragraph_format.alignment == 1


def test_paragraphs_take_their_styles_and_a_run_in_heading_its_font():
    document = _document()
    by_text = {p.text: p for p in document.paragraphs}
    assert by_text["局工会2023年上半年工作总结"].style.name == "Title"
    assert by_text["一、主要工作"].style.name == "Heading 1"
    assert by_text["（三）民主管理"].style.name == "Heading 2"
    run_in = by_text["（一）强化思想引领。全年组织学习42场，走访慰问困难职工2848户。"]
    assert run_in.style.name == "Normal" and run_in.runs[0].text == "（一）强化思想引领。"
    assert _fonts(run_in.runs[0]._r.rPr)["eastAsia"] == "楷体_GB2312"
    assert by_text["（二）职代会期间组织职工代表捐款71800元。"].runs[0].font.name is None  # one sentence: body
    assert by_text["1.提案工作。整理提案14份。"].style.name == "Normal"  # levels 3–4 are in 仿宋


def test_page_numbers_odd_right_even_left_one_character_in():
    document = _document()
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, align, side in ((section.footer, "right", "right"), (section.even_page_footer, "left", "left")):
        paragraph = footer.paragraphs[0]
        xml = paragraph._p.xml
        assert " PAGE " in xml and 'w:fldCharType="begin"' in xml
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert paragraph._p.pPr.find(qn("w:jc")).get(qn("w:val")) == align
        assert paragraph._p.pPr.find(qn("w:ind")).get(qn(f"w:{side}")) == str(14 * 20)  # one 4号 character
        run = paragraph.runs[1]
        assert run.font.size == Pt(14) and _fonts(run._r.rPr)["ascii"] == "宋体"
    # the number's line (14 pt) has its top 7 mm below the 版心
    assert abs(Mm(35 - 7).emu - Pt(14).emu - section.footer_distance) < Mm(0.1).emu


def test_sign_off_as_section_7_3_5_2():
    document = _document()
    organization, date = document.paragraphs[-2], document.paragraphs[-1]
    assert document.paragraphs[-3].text == ""  # 正文下空一行
    assert (organization.text, date.text) == ("局工会", "2023年7月5日")
    char = 16 - 0.3
    right = {p.text: int(p._p.pPr.find(qn("w:ind")).get(qn("w:right"))) / 20 / char for p in (organization, date)}
    # The date (6 characters: digits are half) is longer than 局工会: it stands two from the right, and the
    # organization moves left so that the date starts two characters right of the organization's start.
    assert right["2023年7月5日"] == pytest.approx(2, abs=0.01)
    assert right["局工会"] == pytest.approx(2 + 6 + 2 - 3, abs=0.01)
    long_name = _document("正文。\n\n某某市某某区人民政府办公室机关工会委员会\n\n2024年7月5日\n")
    name, when = long_name.paragraphs[-2:]
    indents = [int(p._p.pPr.find(qn("w:ind")).get(qn("w:right"))) / 20 / char for p in (name, when)]
    assert indents[0] == pytest.approx(2, abs=0.01)  # the organization two from the right
    assert indents[1] == pytest.approx(2 + 20 - 2 - 6, abs=0.01)  # the date starts two right of its start


def test_signing_date():
    today = dt.date(2026, 11, 26)
    assert signing_date(None, today, "zh") == "2026年11月26日"
    assert signing_date("2024-07-05", today, "zh") == "2024年7月5日"
    assert signing_date("2024年07月05日", today, "zh") == "2024年7月5日"
    assert signing_date("2024.7.5", today, "en") == "July 5, 2024"
    assert signing_date("2024-02-30", today, "zh") == "2024-02-30"  # not a date: kept as written
    assert signing_date("二〇二四年七月", today, "zh") == "二〇二四年七月"


def test_plain_fonts_and_an_unknown_profile():
    styles = _document(fonts="plain").styles
    assert _fonts(styles["Normal"].element.rPr)["eastAsia"] == "仿宋"
    assert _fonts(styles["Title"].element.rPr)["eastAsia"] == "宋体"
    with pytest.raises(DraftError, match="no font profile called 'fancy'"):
        docx_bytes(DRAFT, DocxLayout(fonts="fancy"))


def test_english_drafts_get_a_plain_layout():
    document = _document("# Staff Union Work Summary\n\n## 1. Main work\n\nWe visited 2,848 households.\n\n"
                         "Staff Union\n\nJuly 5, 2024\n", language="en")  # fmt: skip
    section = document.sections[0]
    assert round(section.left_margin.mm) == 25
    assert document.styles["Normal"].font.size == Pt(12)
    assert _fonts(document.styles["Normal"].element.rPr)["eastAsia"] == "Times New Roman"
    assert document.styles["Title"].font.bold
    assert [p.text for p in document.paragraphs][-2:] == ["Staff Union", "July 5, 2024"]
    assert document.paragraphs[-1].alignment == 2
    assert not document.settings.odd_and_even_pages_header_footer


def test_a_units_template_keeps_its_red_header_and_takes_the_draft_where_it_says(tmp_path):
    template = docx.Document()
    header = template.add_paragraph("某某市总工会")
    header.runs[0].font.size = Pt(36)
    template.add_paragraph("{{正文}}")
    template.add_paragraph("抄送：各区县工会")
    template.sections[0].left_margin = Mm(30)
    path = tmp_path / "unit.docx"
    template.save(path)
    document = _document(template=path)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "某某市总工会" and texts[-1] == "抄送：各区县工会" and "{{正文}}" not in texts
    assert texts[1] == "局工会2023年上半年工作总结" and document.paragraphs[1].style.name == "Title"
    assert round(document.sections[0].left_margin.mm) == 30  # the unit's page setup, not the built-in one
    appended = _document(template=_saved_template(tmp_path))
    assert [p.text for p in appended.paragraphs][:2] == ["红头", "局工会2023年上半年工作总结"]
    with pytest.raises(DraftError, match="cannot be opened as a Word template"):
        docx_bytes(DRAFT, DocxLayout(template=tmp_path / "missing.docx"))


def _saved_template(tmp_path):
    template = docx.Document()
    template.add_paragraph("红头")
    path = tmp_path / "plain-unit.docx"
    template.save(path)
    return path


def test_the_same_draft_gives_the_same_bytes_and_reads_back_whole():
    first = docx_bytes(DRAFT, DocxLayout())
    assert first == docx_bytes(DRAFT, DocxLayout())
    text = read_docx(first, "d.docx").text
    assert "走访慰问困难职工2848户" in text and "2023年7月5日" in text and text.startswith("# 局工会")
