"""Reading Word files as a reviewer sees them: tracked changes accepted, tables in document order, the structure as
headings, and every place a figure stands named (¶N and heading path, T1R2C3)."""

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from drafter.documents.drafts import read_draft
from drafter.documents.word import read_docx
from drafter.errors import DraftError

W = nsdecls("w")
_ENTITY = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'  # no XXE


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _tracked(paragraph, inserted: str, deleted: str) -> None:
    """Append an insertion and a deletion, as Word writes them with Track Changes on."""
    paragraph._p.append(parse_xml(f'<w:ins {W} w:id="1" w:author="审核人"><w:r><w:t>{inserted}</w:t></w:r></w:ins>'))
    paragraph._p.append(
        parse_xml(f'<w:del {W} w:id="2" w:author="审核人"><w:r><w:delText>{deleted}</w:delText></w:r></w:del>')
    )


def test_tracked_changes_are_read_as_accepted_where_python_docx_loses_the_insertion():
    document = docx.Document()
    paragraph = document.add_paragraph("走访慰问困难职工")
    _tracked(paragraph, "2848户", "2000户")
    paragraph.add_run("，发放慰问金323.062万元。")
    moved = document.add_paragraph("")
    moved._p.append(parse_xml(f'<w:moveFrom {W} w:id="3" w:author="x"><w:r><w:t>捐款71800元</w:t></w:r></w:moveFrom>'))
    moved._p.append(parse_xml(f'<w:moveTo {W} w:id="4" w:author="x"><w:r><w:t>捐款71800元</w:t></w:r></w:moveTo>'))
    assert paragraph.text == "走访慰问困难职工，发放慰问金323.062万元。"  # python-docx: the inserted figure is gone
    draft = read_docx(_saved(document), "d.docx")
    assert draft.text == "走访慰问困难职工2848户，发放慰问金323.062万元。\n捐款71800元\n"
    assert [note.text("zh") for note in draft.notes] == ["文件中有 4 处修订，按全部接受修订后的文字核对"]


def test_hidden_text_field_codes_and_text_box_fallbacks_are_not_read_twice_or_at_all():
    document = docx.Document()
    paragraph = document.add_paragraph("共")
    hidden = paragraph.add_run("9999")
    hidden.font.hidden = True
    paragraph.add_run("2848户；第")
    paragraph._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {W}><w:instrText xml:space="preserve"> PAGE 42 </w:instrText></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>'))
    paragraph._p.append(parse_xml(f"<w:r {W}><w:t>3</w:t></w:r>"))
    paragraph._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'))
    paragraph.add_run("页")
    box = document.add_paragraph("见右侧")
    box._p.append(
        parse_xml(
            f'<mc:AlternateContent {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            f'<mc:Choice Requires="wps"><w:r><w:t>[</w:t></w:r><w:r><w:txbxContent><w:p><w:r><w:t>培训120人次</w:t>'
            f"</w:r></w:p></w:txbxContent></w:r></mc:Choice>"
            f"<mc:Fallback><w:r><w:txbxContent><w:p><w:r><w:t>培训120人次</w:t></w:r></w:p></w:txbxContent></w:r>"
            f"</mc:Fallback></mc:AlternateContent>"
        )
    )
    text = read_docx(_saved(document), "d.docx").text
    assert text == "共2848户；第3页\n见右侧[\n培训120人次\n"


def test_tables_in_document_order_with_their_cells_named():
    document = docx.Document()
    document.add_paragraph("一、主要工作")
    document.add_paragraph("全年工作情况见下表。")
    table = document.add_table(rows=3, cols=3)
    for row, cells in enumerate([("项目", "数量", "金额"), ("走访", "2848户", "323.062万元"), ("合计", "", "")]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    merged = table.cell(2, 1).merge(table.cell(2, 2))
    merged.text = "捐款71800元"
    document.add_paragraph("二、存在问题")
    draft = read_docx(_saved(document), "d.docx")
    lines = draft.text.splitlines()
    assert lines == ["一、主要工作", "全年工作情况见下表。", "项目\t数量\t金额", "走访\t2848户\t323.062万元",
                     "合计\t捐款71800元", "二、存在问题"]  # fmt: skip
    assert draft.place(4, lines[3].index("2848") + 1).cell == "T1R2C2"
    assert draft.place(4, lines[3].index("323") + 1).cell == "T1R2C3"
    assert draft.place(5, lines[4].index("71800") + 1).cell == "T1R3C2"  # a merged cell: by its first column
    assert draft.place(4, 1).headings == ("一、主要工作",)
    assert draft.place(6, 1).paragraph == 3  # table cells are not counted as paragraphs


def test_headings_by_style_and_by_the_genres_numbers_make_the_place():
    document = docx.Document()
    document.add_paragraph("局工会2023年上半年工作总结", style="Title")
    document.add_paragraph("Overview", style="Heading 1")
    document.add_paragraph("一、主要工作")
    document.add_paragraph("（一）强化思想引领。全年组织学习42场。")
    document.add_paragraph("走访慰问困难职工2848户。")
    document.add_paragraph("二、存在问题")
    document.add_paragraph("指导较少。")
    draft = read_docx(_saved(document), "d.docx")
    assert draft.text.splitlines()[:3] == ["# 局工会2023年上半年工作总结", "## Overview", "一、主要工作"]
    place = draft.place(5, 3)
    assert place.paragraph == 5 and place.headings == ("一、主要工作", "（一）强化思想引领")
    assert draft.place(7, 1).headings == ("二、存在问题",)


def test_a_centred_first_paragraph_is_the_title():
    document = docx.Document()
    document.add_paragraph("某县2024年1—5月财政收支情况").alignment = 1
    document.add_paragraph("全县一般公共预算收入12.5亿元。")
    assert read_docx(_saved(document), "d.docx").text.startswith("# 某县2024年1—5月财政收支情况\n")


def test_a_word_file_is_read_by_what_it_is_not_by_its_name(tmp_path):
    document = docx.Document()
    document.add_paragraph("走访2848户")
    path = tmp_path / "draft.txt"
    path.write_bytes(_saved(document))
    draft = read_draft(path)
    assert (draft.kind, draft.text) == ("docx", "走访2848户\n")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut off
        lambda data: _without(data, "word/document.xml"),
        lambda data: _replaced(data, "word/document.xml", b"<w:document><unclosed>"),
        lambda data: _replaced(data, "word/document.xml", _ENTITY),
    ],
)
def test_a_damaged_word_file_says_so(damage):
    document = docx.Document()
    document.add_paragraph("走访2848户")
    with pytest.raises(DraftError, match="the Word file is damaged") as caught:
        read_docx(damage(_saved(document)), "d.docx")
    assert "save it again as .docx" in caught.value.hint


def _without(data: bytes, part: str) -> bytes:
    return _replaced(data, part, None)


def _replaced(data: bytes, part: str, content: bytes | None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != part:
                target.writestr(info, source.read(info))
            elif content is not None:
                target.writestr(info, content)
    return out.getvalue()
