"""PDF drafts that cannot be checked say so: a scan (no text layer), a damaged file, a password; a PDF with some
scanned pages names them. (Reading real PDFs LibreOffice rendered: tests/documents/test_render.py.)"""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest

from drafter.documents.docx_writer import DocxLayout, docx_bytes
from drafter.documents.drafts import read_draft
from drafter.documents.pdf import read_pdf
from drafter.errors import DraftError
from tests.office import convert

PASSWORD = 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":' \
           '{"type":"string","value":"secret"}}'  # fmt: skip


def _blank_pdf(pages: int = 1) -> bytes:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def test_a_scan_without_a_text_layer_is_an_error_not_an_empty_pass(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_blank_pdf(2))
    with pytest.raises(DraftError, match=r"scan.pdf: the PDF has no text layer \(a scan\?\)") as caught:
        read_draft(path)
    assert "OCR" in caught.value.hint


def test_damaged_and_password_protected_pdfs_say_so(tmp_path):
    with pytest.raises(DraftError, match="the PDF file is damaged"):
        read_pdf(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<", "cut.pdf")
    source = tmp_path / "draft.docx"
    source.write_bytes(docx_bytes("# 总结\n\n走访困难职工2848户。\n", DocxLayout()))
    (locked,) = convert([source], PASSWORD, tmp_path)
    with pytest.raises(DraftError, match="password-protected") as caught:
        read_draft(locked)
    assert "original Word file" in caught.value.hint


def test_pages_without_text_are_named(tmp_path):
    source = tmp_path / "draft.docx"
    source.write_bytes(docx_bytes("# 总结\n\n走访困难职工2848户。\n", DocxLayout()))
    (rendered,) = convert([source], "pdf", tmp_path)
    pdf = pdfium.PdfDocument(rendered.read_bytes())
    pdf.new_page(595, 842)  # a scanned page after the text
    buffer = io.BytesIO()
    pdf.save(buffer)
    draft = read_pdf(buffer.getvalue(), "mixed.pdf")
    assert "走访困难职工2848户。" in draft.text
    assert [note.text("zh") for note in draft.notes] == [
        "PDF 第 2 页没有文字层（可能是扫描页），这些页上的数字没有核对"
    ]


def _chars(text: str, x: float, top: float, size: float = 16, step: float | None = None) -> list[dict]:
    """Characters as pdfplumber gives them: one cell a character (digits half as wide), left to right."""
    out = []
    for char in text:
        width = size / 2 if char.isascii() else size
        out.append({"text": char, "x0": x, "x1": x + width, "top": top, "size": size})
        x += step or width
    return out


def test_a_table_row_or_two_columns_are_never_joined_into_one_figure():
    """「…困难职工2848」 in one cell and 「户均慰问金500元」 in the next stand at the same height: read as one line
    they would make 2848户 — a false pass. A gap wider than half a character separates them."""
    from drafter.documents.pdf import _assemble, _lines

    row = _chars("走访慰问困难职工2848", 80, 100) + _chars("户均慰问金500元", 80 + 8 * 16 + 32 + 12, 100)
    wrapped = _chars("人次", 80, 129)
    lines = _lines(row + wrapped)
    assert [line.text for line in lines] == ["走访慰问困难职工2848\t户均慰问金500元", "人次"]
    assert lines[0].split and not lines[1].split
    assert _assemble([(842, lines)]).text == "走访慰问困难职工2848\t户均慰问金500元\n人次\n"
    spaced = _lines(_chars("发放慰问金323.062", 80, 100) + _chars("万元", 80 + 5 * 16 + 7 * 8 + 4, 100))
    assert [line.text for line in spaced] == ["发放慰问金323.062万元"]  # a quarter character: the same text
    english = _lines(_chars("2,848", 80, 100) + _chars("households", 80 + 5 * 8 + 5, 100))
    assert [line.text for line in english] == ["2,848 households"]


def test_only_what_is_shaped_like_a_page_number_is_left_out():
    from drafter.documents.pdf import _is_page_number, _Line

    def line(text: str, top: float) -> _Line:
        return _Line(text, 280, 300, top, 14)

    assert _is_page_number(line("— 3 —", 800), 842, 3) and _is_page_number(line("第 3 页 共 9 页", 30), 842, 3)
    assert _is_page_number(line("3", 800), 842, 3) and _is_page_number(line("- 12 -", 800), 842, 3)
    assert not _is_page_number(line("2884", 800), 842, 3)  # bare digits that are not this page's number: a figure
    assert not _is_page_number(line("— 3 —", 400), 842, 3)  # in the middle of the page: text
