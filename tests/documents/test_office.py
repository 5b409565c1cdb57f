"""Old Word and WPS files (.doc, .wps) are read through LibreOffice when it is installed, and say how to save them
as .docx when it is not."""

from __future__ import annotations

import shutil

import pytest

from drafter.documents.docx_writer import DocxLayout, docx_bytes
from drafter.documents.drafts import read_draft
from drafter.errors import DraftError
from tests.office import convert

DRAFT = "# 局工会工作总结\n\n## 一、主要工作\n\n发放慰问金323.062万元，走访困难职工2848户。\n"


@pytest.fixture
def old_word(tmp_path):
    source = tmp_path / "draft.docx"
    source.write_bytes(docx_bytes(DRAFT, DocxLayout()))
    (doc,) = convert([source], "doc", tmp_path / "old")
    assert doc.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # an OLE file, as Word 97–2003 and WPS write
    return doc


def test_a_doc_or_wps_file_is_converted_and_read(old_word, tmp_path):
    draft = read_draft(old_word)
    assert draft.kind == "doc"
    assert "发放慰问金323.062万元，走访困难职工2848户。" in draft.text.splitlines()
    assert draft.place(3, 6).paragraph == 3
    assert [note.text("en") for note in draft.notes] == [
        "the old Word/WPS file was converted with LibreOffice to be checked"
    ]
    wps = tmp_path / "draft.wps"
    shutil.copy(old_word, wps)
    assert read_draft(wps).text == draft.text


def test_without_libreoffice_the_message_says_how_to_save_as_docx(old_word, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    with pytest.raises(DraftError, match="reading it needs LibreOffice, which is not installed") as caught:
        read_draft(old_word)
    assert "Save As a Word document (.docx)" in caught.value.hint
