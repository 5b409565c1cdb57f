"""Reading Word files as a reviewer sees them: tracked changes accepted, tables in document order, the structure as
headings, and every place a figure stands named (¶N and heading path, T1R2C3)."""

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

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


def _styled(document, xml: str) -> None:
    document.styles.element.append(parse_xml(xml))


def test_text_hidden_by_a_style_or_by_default_is_not_read():
    """A figure a reader cannot see is not in the draft: hidden by the run, its character style, its paragraph
    style, or the document's defaults."""
    document = docx.Document()
    _styled(document, f'<w:style {W} w:type="character" w:styleId="Hid"><w:name w:val="Hid"/>'
                      f'<w:rPr><w:vanish/></w:rPr></w:style>')  # fmt: skip
    _styled(document, f'<w:style {W} w:type="paragraph" w:styleId="HidPara"><w:name w:val="HidPara"/>'
                      f'<w:rPr><w:vanish/></w:rPr></w:style>')  # fmt: skip
    paragraph = document.add_paragraph("走访")
    paragraph.add_run("2848户").style = document.styles["Hid"]
    paragraph.add_run("，捐款71800元")
    hidden_paragraph = document.add_paragraph("发放323.062万元")
    hidden_paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:pStyle {W} w:val="HidPara"/>'))
    shown = hidden_paragraph.add_run("，表彰4个单位")
    shown._r.get_or_add_rPr().append(parse_xml(f'<w:vanish {W} w:val="false"/>'))  # the run says: shown
    assert read_docx(_saved(document), "d.docx").text == "走访，捐款71800元\n，表彰4个单位\n"
    everything = docx.Document()
    everything.add_paragraph("走访2848户")
    defaults = everything.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    defaults.append(parse_xml(f"<w:vanish {W}/>"))
    assert read_docx(_saved(everything), "d.docx").text == ""


def test_the_main_part_is_the_one_the_package_names_and_ruby_text_is_not_read():
    document = docx.Document()
    document.add_paragraph("走访2884户")
    data = _saved(document)
    decoy = _replaced(_replaced(data, "_rels/.rels", _rels_to("word/main.xml")), "word/main.xml", None)
    decoy = _added(decoy, "word/main.xml", _part_of(data, "word/document.xml"))
    faithful = docx.Document()
    faithful.add_paragraph("走访2848户")
    decoy = _replaced(decoy, "word/document.xml", _part_of(_saved(faithful), "word/document.xml"))
    assert read_docx(decoy, "d.docx").text == "走访2884户\n"  # what Word opens, not the file named document.xml
    ruby = docx.Document()
    paragraph = ruby.add_paragraph("走访")
    paragraph._p.append(parse_xml(f"<w:r {W}><w:ruby><w:rt><w:r><w:t>2848</w:t></w:r></w:rt><w:rubyBase><w:r>"
                                  f"<w:t>二千八百四十八</w:t></w:r></w:rubyBase></w:ruby></w:r>"))  # fmt: skip
    assert read_docx(_saved(ruby), "d.docx").text == "走访二千八百四十八\n"


def test_nested_tables_do_not_shift_rows_and_notes_say_what_is_not_read():
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    inner = table.cell(0, 1).add_table(rows=2, cols=1)
    inner.cell(0, 0).text, inner.cell(1, 0).text = "甲", "乙"
    table.cell(2, 1).text = "2848户"
    draft = read_docx(_saved(document), "d.docx")
    line = next(number for number, text in enumerate(draft.text.splitlines(), 1) if "2848户" in text)
    assert draft.place(line, draft.text.splitlines()[line - 1].index("2848") + 1).cell == "T1R3C2"
    assert draft.notes == ()
    with_note = _added(_saved(document), "word/footnotes.xml",
                       f"<w:footnotes {W}><w:footnote w:id='1'><w:p><w:r><w:t>另有补助3万元</w:t></w:r></w:p>"
                       f"</w:footnote></w:footnotes>".encode())  # fmt: skip
    notes = [note.text("zh") for note in read_docx(with_note, "d.docx").notes]
    assert notes == ["脚注、尾注或批注中的数字没有核对（只核对正文和表格）"]


def test_a_zip_bomb_is_refused_unread_and_a_password_is_named(tmp_path):
    document = docx.Document()
    document.add_paragraph("走访2848户")
    bomb = _replaced(_saved(document), "word/document.xml", b"<w:document>" + b" " * (33 * 1024 * 1024))
    with pytest.raises(DraftError, match="unpacks to more than 32 MB"):
        read_docx(bomb, "bomb.docx")
    locked = tmp_path / "locked.docx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(DraftError, match="password-protected"):
        read_draft(locked)


def test_a_word_file_is_known_by_its_list_of_parts_not_its_first_bytes(tmp_path):
    document = docx.Document()
    document.add_paragraph("走访2848户")
    data = _saved(document)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        target.writestr("customXml/padding.xml", b"<x>" + b"a" * 70_000 + b"</x>")  # 70 KB before any word/ part
        for info in source.infolist():
            target.writestr(info, source.read(info))
    path = tmp_path / "d.docx"
    path.write_bytes(out.getvalue())
    assert read_draft(path).text == "走访2848户\n"


def _part_of(data: bytes, part: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(part)


def _added(data: bytes, part: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr(part, content)
    return out.getvalue()


def _rels_to(target: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/officeDocument" Target="{target}"/></Relationships>'
    ).encode()
