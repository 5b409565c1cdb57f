"""Reading a draft to check: a file or standard input, in the encodings Windows editors save, and every way it can
fail named; places map the text back to the file."""

import pytest

from drafter.documents.drafts import Draft, DraftBuilder, Place, heading_label, heading_level, read_draft
from drafter.documents.text import decode, plausibly_chinese
from drafter.errors import DraftError

TEXT = "一、主要工作\n发放慰问金323.062万元，走访困难职工2848户。\n"


def test_read_draft_errors(tmp_path):
    with pytest.raises(DraftError, match="no such draft file"):
        read_draft(str(tmp_path / "absent.md"))
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"ok\n\xff\xfe")
    with pytest.raises(DraftError, match=r"bad.md:2: is not UTF-8 text"):
        read_draft(str(bad))


@pytest.mark.parametrize(
    ("encoding", "bom", "read_as"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8"),
        ("utf-16-le", b"\xff\xfe", "utf-16"),
        ("utf-16-be", b"\xfe\xff", "utf-16"),
        ("gbk", b"", "gb18030"),
        ("gb18030", b"", "gb18030"),
    ],
)
def test_text_drafts_in_the_encodings_writers_save(tmp_path, encoding, bom, read_as):
    path = tmp_path / "draft.txt"
    path.write_bytes(bom + TEXT.encode(encoding))
    draft = read_draft(path)
    assert draft.text == TEXT
    assert draft.kind == "text" and draft.place(2, 3) is None
    notes = [note.text("zh") for note in draft.notes]
    assert notes == ([] if read_as != "gb18030" else ["按 gb18030 编码读取（文件本身没有改动）"])


def test_gbk_is_decided_safely():
    """Bytes that are not UTF-8 are GBK only when nearly every character they give is a common one."""
    assert plausibly_chinese("发放慰问金323.062万元")
    big5 = "走訪困難職工2848戶，發放慰問金".encode("big5")
    assert not plausibly_chinese(big5.decode("gb18030", errors="replace"))
    damaged = "发放慰问金".encode() + "走访".encode("gbk")  # UTF-8 with a GBK tail
    found = decode(damaged)
    assert not hasattr(found, "encoding") and found.problem.key == "not_utf8"
    latin = "Café crème 2848".encode("latin-1")
    assert decode(latin).problem.key == "not_utf8"


def test_an_encoding_can_be_named(tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes("走訪困難職工2848戶".encode("big5"))
    assert read_draft(path, "big5").text == "走訪困難職工2848戶"
    with pytest.raises(DraftError, match="there is no encoding called 'klingon'"):
        read_draft(path, "klingon")
    with pytest.raises(DraftError, match=r"big5.txt:1: is not utf-8 text") as caught:
        read_draft(path, "utf-8")
    assert "--encoding" in caught.value.hint


def test_places_map_lines_and_columns_back_to_the_file():
    out = DraftBuilder()
    out.write("# ")
    out.line("标题", Place(paragraph=1))
    out.write("甲\t", Place(cell="T1R1C1"))
    out.write("2848户", Place(cell="T1R1C2"))
    out.write("\n")
    out.line("发放3万元", Place(page=2, page_line=7))
    draft = out.build("docx")
    assert draft.text == "# 标题\n甲\t2848户\n发放3万元\n"
    assert draft.place(1, 3) == Place(paragraph=1)
    assert draft.place(2, 1).cell == "T1R1C1"
    assert draft.place(2, 3).cell == "T1R1C2"
    assert draft.place(3, 3) == Place(page=2, page_line=7)
    assert Place(page=2, page_line=7).json() == {"page": 2, "page_line": 7}
    assert Place(paragraph=4, headings=("一、主要工作",)).json() == {"paragraph": 4, "headings": ["一、主要工作"]}
    assert Draft("text").place(1, 1) is None


def test_genre_headings():
    assert heading_level("一、主要工作") == 1
    assert heading_level("（三）加强队伍建设。全年培训120人次") == 2
    assert heading_level("1.组织建设") is None and heading_level("一是加强") is None
    assert heading_label("（三）加强队伍建设。全年培训120人次") == "（三）加强队伍建设"
    assert heading_label("一、认真履行工会各项职能维护职工合法权益") == "一、认真履行工会各项职能维护职…"
