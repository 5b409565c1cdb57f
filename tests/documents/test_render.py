"""Word files drafter writes, rendered for real: LibreOffice headless turns them into PDF (with the fontconfig file
that maps the 公文 font names to Debian's fonts), pdfplumber measures the pages, and drafter reads the PDF back.

One LibreOffice run renders every file this module needs (about 3 s)."""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path

import docx
import pdfplumber
import pytest

from drafter.cli import run
from drafter.documents.docx_writer import DocxLayout, docx_bytes
from drafter.documents.drafts import read_draft
from tests.office import convert, fonts_of, png
from tests.runner import CliRunner

ROOT = Path(__file__).resolve().parent.parent.parent
UNION = ROOT / "fixtures" / "union-2023h1"
ENGLISH = ROOT / "fixtures" / "english-2023h1"
MM = 72 / 25.4  # points per millimetre

# A long paragraph of characters only (no punctuation, no digits): every full line holds exactly 28 of them.
FILLER = "工会组织深入基层走访慰问困难职工认真听取意见建议切实解决实际问题" * 40
# 23 characters, then a figure: 23 + 2 (indent) = 25, 「400」 is 1.5 more, 万 ends the line, 元 begins the next.
SPLIT = "为困难职工家庭办理医疗救助手续并联系有关部门落实帮扶资金共计"[:23] + "400万元，惠及职工家庭。"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("render")
    home = folder / "home"
    runner = CliRunner(env={"DRAFTER_HOME": str(home), "COLUMNS": "120", "NO_COLOR": "1"})
    files = {}
    for name, facts in (("union", UNION), ("english", ENGLISH)):
        files[name] = folder / f"{name}.docx"
        result = runner.invoke(run, ["compose", "--facts", str(facts / "facts.md"), "--out", str(files[name]),
                                     "--no-input", "--model", "offline", "--no-log"])  # fmt: skip
        assert result.exit_code == 0, result.output
    drafts = {
        "long": f"# 局工会工作总结\n\n{FILLER}\n\n{FILLER}\n",
        "split": f"# 局工会工作总结\n\n{SPLIT}\n",
        "spaced": "# 局工会工作总结\n\n## 一、主要工作\n\n（一）强化帮扶。发放慰问金323.062 万元，走访职工2848 户。\n",
    }
    for name, markdown in drafts.items():
        files[name] = folder / f"{name}.docx"
        files[name].write_bytes(docx_bytes(markdown, DocxLayout()))
    files["table"] = folder / "table.docx"
    table = docx.Document()
    cells = table.add_table(rows=1, cols=2).rows[0].cells
    cells[0].text, cells[1].text = "走访慰问困难职工2848\n人次", "户均慰问金500元"
    table.save(files["table"])
    pdfs = convert(list(files.values()), "pdf", folder)
    return {**{f"{name}.docx": path for name, path in files.items()}, **dict(zip(files, pdfs, strict=True))}


def _lines(page) -> list[tuple[float, float, float, float, str]]:
    """(x0, x1, top, bottom, text) of each line on a page, top to bottom."""
    rows: dict[int, list] = {}
    for char in page.chars:
        rows.setdefault(round(char["top"]), []).append(char)
    out = []
    for _, chars in sorted(rows.items()):
        chars.sort(key=lambda c: c["x0"])
        text = "".join(c["text"] for c in chars).strip()
        out.append((chars[0]["x0"], chars[-1]["x1"], chars[0]["top"], max(c["bottom"] for c in chars), text))
    return out


def test_a_full_page_has_22_lines_of_28_characters_inside_the_margins(rendered):
    with pdfplumber.open(rendered["long"]) as pdf:
        assert len(pdf.pages) >= 3
        page = pdf.pages[1]  # a full page of body text
        assert (round(page.width / MM), round(page.height / MM)) == (210, 297)
        lines = _lines(page)
    body, number = lines[:-1], lines[-1]
    assert len(body) == 22
    assert statistics.mode(len(text) for *_, text in body) == 28
    assert all(len(text) == 28 for *_, text in body[1:-1]), [len(text) for *_, text in body]
    left = min(x0 for x0, *_ in body) / MM
    right = max(x1 for _, x1, *_ in body) / MM
    top, bottom = body[0][2] / MM, body[-1][3] / MM
    assert left == pytest.approx(28, abs=0.5)  # 订口 28 mm
    assert right == pytest.approx(210 - 26, abs=1.0)  # 版心 156 mm wide
    assert 37 <= top <= 37 + 8  # 天头 37 mm: the first line's glyphs sit inside its 28.95 pt
    assert bottom <= 297 - 35 + 0.5  # the last line ends inside the 版心
    assert re.fullmatch(r"—\s*2\s*—", number[4])  # an even page: 「— 2 —」 on the left, one character in
    assert number[0] / MM == pytest.approx(28 + 14 / MM, abs=1.5)
    assert number[2] / MM == pytest.approx(297 - 35 + 7, abs=2.5)  # 7 mm below the 版心


def test_odd_pages_number_on_the_right(rendered):
    with pdfplumber.open(rendered["long"]) as pdf:
        *_, number = _lines(pdf.pages[2])
    assert re.fullmatch(r"—\s*3\s*—", number[4])
    assert number[1] / MM == pytest.approx(210 - 26 - 14 / MM, abs=1.5)


def test_the_gongwen_fonts_are_the_ones_on_the_page(rendered):
    fonts = fonts_of(rendered["union"]) + fonts_of(rendered["spaced"])  # the union's has no run-in heading
    for stand_in in ("BousungEG-Light-GB", "GBZenKai-Medium", "NotoSansCJK", "NotoSerifCJK", "LiberationSerif"):
        assert any(stand_in in font for font in fonts), (stand_in, fonts)  # 仿宋, 楷体, 黑体, 小标宋, Times
    assert not any("DejaVu" in font for font in fonts), fonts  # no font name fell through to the fallback


def test_compose_to_word_and_to_pdf_keeps_every_figure(rendered):
    runner = CliRunner(env={"COLUMNS": "120"})
    for draft in (rendered["union.docx"], rendered["union"]):
        result = runner.invoke(run, ["check", "--facts", str(UNION / "facts.md"), str(draft), "--format", "json"])
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        assert report["counts"]["exact"] == report["counts"]["figures"] == 41 and not report["unsupported"]
    result = runner.invoke(run, ["check", "--facts", str(ENGLISH / "facts.md"), str(rendered["english"])])
    assert result.exit_code == 0, result.output


def test_the_pdf_says_what_the_word_file_says_character_for_character(rendered):
    """No character is lost on the way to the page (LibreOffice once dropped a comma at a full line's end)."""
    for name in ("union", "long", "english"):
        word = read_draft(rendered[f"{name}.docx"]).text
        pdf = read_draft(rendered[name]).text
        assert re.sub(r"[\s#]", "", pdf) == re.sub(r"[\s#]", "", word), name


def test_places_in_a_pdf_are_pages_and_lines(rendered):
    runner = CliRunner(env={"COLUMNS": "120"})
    result = runner.invoke(run, ["check", "--facts", str(UNION / "facts.md"), str(rendered["union"]), "--format",
                                 "json"])  # fmt: skip
    figures = {figure["text"]: figure for figure in json.loads(result.stdout)["figures"]}
    first = figures["323.062万元"]["found"][0]
    assert (first["page"], first["headings"][0]) == (1, "一、主要工作")
    assert 3 <= first["page_line"] <= 11
    later = figures["106515元"]["found"][0]
    assert later["page"] == 2


def test_a_figure_the_layout_wraps_or_spaces_is_one_figure_again(rendered):
    with pdfplumber.open(rendered["split"]) as pdf:
        texts = [text for *_, text in _lines(pdf.pages[0])]
    assert any(text.endswith("400万") for text in texts), texts  # the page really splits it
    assert "400万元" in read_draft(rendered["split"]).text
    spaced = read_draft(rendered["spaced"]).text
    assert "323.062万元" in spaced and "2848户" in spaced


def test_a_page_a_person_can_look_at(rendered, tmp_path):
    picture = png(rendered["union"], 1, tmp_path / "page.png")
    data = picture.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 10_000


def test_a_table_on_the_page_does_not_join_its_cells_into_a_figure(rendered, tmp_path):
    """2848 at a cell's end and 户均 at the next cell's start stand side by side on the page: read as one line they
    would make 2848户, and a draft that says 2848人次 would pass."""
    facts = tmp_path / "facts.md"
    facts.write_text("## 主要工作\n- 走访慰问困难职工2848户\n- 户均慰问金500元\n", encoding="utf-8")
    runner = CliRunner(env={"COLUMNS": "120"})
    for draft in (rendered["table.docx"], rendered["table"]):
        result = runner.invoke(run, ["check", "--facts", str(facts), str(draft), "--format", "json"])
        assert result.exit_code == 1, (draft.name, result.output)
        statuses = {figure["text"]: figure["status"] for figure in json.loads(result.stdout)["figures"]}
        assert statuses["2848户"] != "exact" and statuses["500元"] == "exact", draft.name
