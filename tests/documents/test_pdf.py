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
