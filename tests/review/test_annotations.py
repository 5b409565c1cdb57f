"""`check --annotate`: a copy of the reviewer's Word file with a comment on each problem figure, authored
"drafter", and nothing else changed; LibreOffice shows the comments."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from pdfminer.pdftypes import resolve1
from pdfminer.utils import decode_text

from drafter.cli import run
from drafter.documents.docx_writer import DocxLayout, docx_bytes
from drafter.documents.word import read_docx
from tests.office import convert
from tests.runner import CliRunner

ROOT = Path(__file__).resolve().parent.parent.parent
UNION = ROOT / "fixtures" / "union-2023h1"
EXPECTED = [
    "与事实不符：事实为2848户（主要工作第1条）",
    "事实中的10个在稿件中缺失（主要工作第5条）",
    "与事实不符：事实为95名（主要工作第5条）",
    "与事实不符：事实为174户（主要工作第9条）",
    "与事实不符：事实为147486元（主要工作第9条）",
    "与事实不符：事实为9万元（主要工作第10条）",
    "稿件中的56场没有出处",
]
ALTERED = {"2848户": "2884户", "95名": "59名", "174户": "147486户", "147486元": "174元", "9万元": "90万元"}
NOTES_PDF = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'


def _annotated(tmp_path: Path) -> tuple[Path, Path]:
    draft = tmp_path / "总结.docx"
    draft.write_bytes(docx_bytes((UNION / "draft-errors.md").read_text(encoding="utf-8"), DocxLayout()))
    out = tmp_path / "总结-批注.docx"
    result = CliRunner().invoke(run, ["check", "--facts", str(UNION / "facts.md"), str(draft), "--annotate", str(out)])
    assert result.exit_code == 1, result.output  # the verdict's exit code, as without --annotate
    assert "已写入带批注的副本" in result.stderr and "（7 条批注）" in result.stderr
    return draft, out


def test_each_problem_gets_a_comment_on_its_figure(tmp_path):
    _, out = _annotated(tmp_path)
    document = docx.Document(str(out))
    comments = list(document.comments)
    assert sorted(comment.text for comment in comments) == sorted(EXPECTED)
    assert {comment.author for comment in comments} == {"drafter"}
    body = document.element.body
    starts = body.findall(f".//{qn('w:commentRangeStart')}")
    assert len(starts) == len(EXPECTED)
    for start in starts:  # each range holds its figure's run, not the whole paragraph's
        identifier = start.get(qn("w:id"))
        covered = ""
        for sibling in start.itersiblings():
            if sibling.tag == qn("w:commentRangeEnd") and sibling.get(qn("w:id")) == identifier:
                break
            covered += "".join(t.text or "" for t in sibling.iter(qn("w:t")))
        text = next(comment.text for comment in comments if str(comment.comment_id) == identifier)
        for fact, draft in ALTERED.items():
            if text.startswith(f"与事实不符：事实为{fact}（"):
                assert covered == draft, (text, covered)  # the figure alone: its run was split at its edges
        if "56场" in text:
            assert covered == "56场"
        if "缺失" in text:
            assert "4个先进单位" in covered  # the paragraph of the fact's other figures


def test_nothing_else_in_the_file_changes(tmp_path):
    draft, out = _annotated(tmp_path)
    before, after = draft.read_bytes(), out.read_bytes()
    assert read_docx(before, "a").text == read_docx(after, "b").text
    with zipfile.ZipFile(io.BytesIO(before)) as a, zipfile.ZipFile(io.BytesIO(after)) as b:
        assert a.read("word/styles.xml") == b.read("word/styles.xml")
        assert set(b.namelist()) - set(a.namelist()) == {"word/comments.xml"}


def test_libreoffice_shows_the_comments(tmp_path):
    _, out = _annotated(tmp_path)
    (pdf,) = convert([out], NOTES_PDF, tmp_path / "rendered")
    import pdfplumber

    shown = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            for reference in resolve1(page.page_obj.annots) or []:
                annotation = resolve1(reference)
                if annotation.get("Contents"):
                    shown.append(decode_text(annotation["Contents"]))
    assert sorted(shown) == sorted(EXPECTED)


def test_annotate_needs_a_word_draft(tmp_path):
    result = CliRunner().invoke(run, ["check", "--facts", str(UNION / "facts.md"), str(UNION / "draft-errors.md"),
                                      "--annotate", str(tmp_path / "x.docx")])  # fmt: skip
    assert result.exit_code == 2 and "--annotate 需要 Word 草稿（.docx）" in result.stderr
    draft = tmp_path / "d.docx"
    draft.write_bytes(docx_bytes("走访2848户。\n", DocxLayout()))
    same = CliRunner().invoke(run, ["check", "--facts", str(UNION / "facts.md"), str(draft), "--annotate", str(draft)])
    assert same.exit_code == 2 and not list(tmp_path.glob("*.tmp"))
