"""Writing a Markdown draft as Word: a 公文 laid out as GB/T 9704-2012 says, or a sober English document.

The 公文 layout (GB/T 9704-2012, checked against public copies of the standard's text; see the README):
- A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm: a 156 × 225 mm 版心 (§5.1, §5.2.1).
- 22 lines of 28 characters (§5.2.3): a line grid (`docGrid type="lines"`) and exact line spacing of 225 mm / 22
  = 28.95 pt; 28 characters of 3号 (16 pt) are 448 pt, wider than 156 mm (442 pt), so body text is set 0.3 pt
  tighter (15.7 pt a character: 28 fit, 29 do not). A character grid would do this in Word, but LibreOffice
  breaks it; and at exactly 0.25 pt LibreOffice's justification drops a comma that falls at a full line's end.
- Title 2号小标宋, centred, a blank line below it (§7.3.1); body 3号仿宋, paragraphs indented two characters
  (§7.3.3); 一、 headings 黑体, （一） headings 楷体, 1. and （1） 仿宋. A heading run into its paragraph
  (（一）强化引领。全年……) has only its first sentence in the heading's font.
- Digits and Latin letters in Times New Roman; every run font slot set (ascii, hAnsi, eastAsia, cs) and the East
  Asian language zh-CN, with the theme fonts removed (python-docx's default template otherwise resolves Chinese to a
  Japanese font).
- Page numbers 4号 half-width 宋体 「— 1 —」 (§7.5): odd pages on the right, even pages on the left, one character
  in; the line 7 mm below the 版心.
- 落款 and 成文日期 as §7.3.5.2 (a document without a seal): one blank line below the text, the organization two
  characters from the right, the date on the next line starting two characters right of the organization's first
  character — or, when the date is the longer, the date two characters from the right and the organization moved
  left to keep that step. The date in Arabic numerals, no leading zeros (§7.3.5.4).

A draft's last two paragraphs are its 落款 when the last is a date (2024年7月5日) and the one before it is short
and has no punctuation (an organization's name).

With a unit's own template (`template`), its page setup, header, footer and styles are used: the draft is
written with the styles Title, Heading 1, Heading 2 and Normal (added where the template lacks them), replacing
a paragraph that reads {{正文}} (or {{body}}) or else after what the template's body already holds (a 红头).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.documents.drafts import NUMBERED
from drafter.errors import DraftError
from drafter.messages import phrase

# Font profiles: (title, body, level-1 heading, level-2 heading, page numbers); Latin is Times New Roman.
FONT_PROFILES: dict[str, tuple[str, str, str, str, str]] = {
    "gb2312": ("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"),
    "plain": ("宋体", "仿宋", "黑体", "楷体", "宋体"),
}
DEFAULT_FONTS = "gb2312"
LATIN = "Times New Roman"

_MM = 36000  # EMU per millimetre
_PT = 20  # twentieths of a point (twips) per point
_BODY_PT = 16.0  # 3号
_TITLE_PT = 22.0  # 2号
_PAGE_NUMBER_PT = 14.0  # 4号
_LINE_PITCH = 579  # twips: 225 mm / 22 lines = 28.95 pt
_CHAR_SQUEEZE = -6  # twips (−0.3 pt): 28 characters in 156 mm
_CHAR = int((_BODY_PT + _CHAR_SQUEEZE / _PT) * _PT)  # one body character, in twips (314)

_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_ENGLISH_DATE = re.compile(r"^[A-Z][a-z]+ \d{1,2}, \d{4}$|^\d{1,2} [A-Z][a-z]+ \d{4}$|^\d{4}-\d{2}-\d{2}$")
_RUN_IN = re.compile(rf"^({NUMBERED}[^。！？\n]{{1,28}}[。！？])(?=.)", re.DOTALL)  # （一）强化引领。全年……
_STANDALONE = re.compile(rf"^{NUMBERED}[^。！？，；,;\n]{{1,28}}$")  # （一）强化思想引领


@dataclass(frozen=True)
class DocxLayout:
    """How a draft becomes Word: the language's layout, the 公文 font profile, a unit's template."""

    language: str = "zh"
    fonts: str = DEFAULT_FONTS
    template: Path | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of the draft: "title", "heading" (level 1–4), "text", "warning", "organization", "date"."""

    kind: str
    text: str
    level: int = 0


def blocks_of(markdown: str) -> list[Block]:
    """The draft's paragraphs, from the Markdown drafter writes (and most hand-written Markdown): `#` the title,
    `##`/`###` headings, `>` a warning, lines of a paragraph joined, inline emphasis marks dropped."""
    out: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(Block("text", "".join(_join(paragraph))))
            paragraph.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", line)
        if not line:
            flush()
        elif heading:
            flush()
            level = len(heading[1])
            text = _plain(heading[2])
            if level == 1 and not any(block.kind == "title" for block in out):
                out.append(Block("title", text))
            else:
                out.append(Block("heading", text, min(max(level - 1, 1), 4)))
        elif line.startswith(">"):
            flush()
            out.append(Block("warning", _plain(line.lstrip("> ").strip())))
        elif _DATE.match(line):
            flush()  # a date line alone: the 成文日期 under a 落款
            out.append(Block("text", line))
        elif re.match(r"^[-*+]\s+", line):
            flush()
            paragraph.append(_plain(re.sub(r"^[-*+]\s+", "", line)))
        else:
            paragraph.append(_plain(line))
    flush()
    return _signature(out)


def _join(lines: list[str]) -> list[str]:
    """Lines of one paragraph: joined directly in Chinese, with a space between Latin words."""
    out: list[str] = []
    for line in lines:
        if out and out[-1][-1:].isascii() and line[:1].isascii() and out[-1][-1:].isalnum():
            out.append(" ")
        out.append(line)
    return out


def _plain(text: str) -> str:
    return re.sub(r"(\*\*|__|`)", "", text)


def _signature(blocks: list[Block]) -> list[Block]:
    """The last two paragraphs as 落款 and 成文日期, when they are a name and a date."""
    if len(blocks) < 2:
        return blocks
    *body, name, date = blocks
    if date.kind != "text" or name.kind != "text" or not (_DATE.match(date.text) or _ENGLISH_DATE.match(date.text)):
        return blocks
    if len(name.text) > 30 or re.search(r"[。，；：,;:.!?！？]", name.text):
        return blocks
    return [*body, Block("organization", name.text), Block("date", date_text(date.text))]


def date_text(text: str) -> str:
    """成文日期 in Arabic numerals without leading zeros: 2024年07月05日 → 2024年7月5日."""
    found = _DATE.match(text)
    return f"{found[1]}年{int(found[2])}月{int(found[3])}日" if found else text


_MONTHS = "January February March April May June July August September October November December".split()


def signing_date(given: str | None, today: dt.date | None, language: str) -> str:
    """The 成文日期 line: the front matter's `date` (2024-07-05, 2024/7/5, 2024.7.5 or 2024年7月5日) in the genre's
    form, else `today` ("" when there is neither); a date drafter cannot read is kept as the writer wrote it."""
    day = today
    if given:
        found = re.fullmatch(r"\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?\s*", given)
        try:
            day = dt.date(int(found[1]), int(found[2]), int(found[3])) if found else None
        except ValueError:
            day = None
        if day is None:
            return given.strip()
    if day is None:
        return ""
    if language == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def docx_bytes(markdown: str, layout: DocxLayout) -> bytes:
    """The draft as a Word file's bytes."""
    import docx

    if layout.fonts not in FONT_PROFILES:
        raise DraftError(phrase("unknown_fonts", fonts=layout.fonts), phrase("unknown_fonts_hint"))
    blocks = blocks_of(markdown)
    if layout.template is not None:
        document = _open_template(layout.template)
        writer: _Writer = _TemplateWriter(document, layout)
    else:
        document = docx.Document()
        writer = _GongwenWriter(document, layout) if layout.language == "zh" else _EnglishWriter(document, layout)
    writer.setup()
    writer.write(blocks)
    buffer = io.BytesIO()
    document.save(buffer)
    return _reproducible(buffer.getvalue())


def _reproducible(data: bytes) -> bytes:
    """The same package with every entry dated 1980-01-01: the same draft gives the same bytes, so a rerun
    that changes nothing leaves the file (and makes no backup)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), source.read(info),
                            compress_type=zipfile.ZIP_DEFLATED)  # fmt: skip
    return out.getvalue()


def _open_template(path: Path) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise DraftError(phrase("bad_template", reason=reason), phrase("bad_template_hint"), where=str(path)) from None


# --- low-level XML helpers -------------------------------------------------------------------------------------


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _replace(parent: Any, tag: str, **attributes: str) -> Any:
    """Put a fresh `tag` child (with `attributes`) in `parent`, in place of any there was."""
    from docx.oxml.ns import qn

    for old in parent.findall(qn(tag)):
        parent.remove(old)
    element = _element(tag, **attributes)
    parent.append(element)
    return element


def _set_run_format(rpr: Any, east_asia: str, latin: str, size: float, *, bold: bool = False, squeeze: bool = False,
                    colour: str = "000000") -> None:  # fmt: skip
    """All four font slots, no theme fonts, the size, weight, colour and zh-CN — in schema order."""
    from docx.oxml.ns import qn

    for child in list(rpr):
        rpr.remove(child)
    rpr.append(_element("w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin, hint="eastAsia"))
    rpr.append(_element("w:b", val="1" if bold else "0"))
    rpr.append(_element("w:bCs", val="1" if bold else "0"))
    rpr.append(_element("w:i", val="0"))
    rpr.append(_element("w:color", val=colour))
    if squeeze:
        rpr.append(_element("w:spacing", val=str(_CHAR_SQUEEZE)))
    half_points = str(int(size * 2))
    rpr.append(_element("w:sz", val=half_points))
    rpr.append(_element("w:szCs", val=half_points))
    rpr.append(_element("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    assert rpr.find(qn("w:rFonts")) is not None


def _set_paragraph_format(
    ppr: Any,
    *,
    align: str = "both",
    first_line: int = 0,
    right: int = 0,
    left: int = 0,
    line: int = _LINE_PITCH,
    keep_next: bool = False,
    outline: int | None = None,
) -> None:
    """Exact line spacing on the grid, no space before or after, the indents (twips), the alignment."""
    for child in list(ppr):
        if child.tag.endswith("}pStyle") or child.tag.endswith("}numPr"):
            continue
        ppr.remove(child)
    if keep_next:
        ppr.append(_element("w:keepNext"))
    # No punctuation hanging past the margin: LibreOffice drops a hanging comma from the page altogether.
    ppr.append(_element("w:overflowPunct", val="0"))
    ppr.append(_element("w:snapToGrid", val="1"))
    ppr.append(_element("w:spacing", before="0", after="0", line=str(line), lineRule="exact"))
    indent = {"left": str(left), "right": str(right), "firstLine": str(first_line)}
    if first_line:
        indent["firstLineChars"] = str(first_line * 100 // _CHAR)
    ppr.append(_element("w:ind", **indent))
    ppr.append(_element("w:jc", val=align))
    if outline is not None:
        ppr.append(_element("w:outlineLvl", val=str(outline)))


def _style_parts(style: Any) -> tuple[Any, Any]:
    return style.element.get_or_add_pPr(), style.element.get_or_add_rPr()


def _text_width(text: str) -> float:
    """Width in body characters: half a character for ASCII (digits, Latin letters), one for the rest."""
    return sum(0.5 if char.isascii() else 1.0 for char in text)


def _page_number_field(paragraph: Any) -> None:
    """「— PAGE —」 with the number a field Word and LibreOffice fill in."""
    paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind is not None:
            run._r.append(_element("w:fldChar", fldCharType=kind))
        elif text == " PAGE ":
            instruction = _element("w:instrText")
            instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run._r.append(_element("w:t"))
            run._r[-1].text = text
    paragraph.add_run(" —")


class _Writer:
    def __init__(self, document: Any, layout: DocxLayout) -> None:
        self.document = document
        self.layout = layout
        self.fonts = FONT_PROFILES[layout.fonts]

    def setup(self) -> None:
        raise NotImplementedError

    def write(self, blocks: list[Block]) -> None:
        for block in blocks:
            getattr(self, f"block_{block.kind}")(block)

    def paragraph(self, text: str = "", style: str = "Normal") -> Any:
        return self.document.add_paragraph(text, style=style)

    def block_title(self, block: Block) -> None:
        self.paragraph(block.text, "Title")

    def block_heading(self, block: Block) -> None:
        self.paragraph(block.text, f"Heading {min(block.level, 2)}")

    def block_text(self, block: Block) -> None:
        self.paragraph(block.text)

    def block_warning(self, block: Block) -> None:
        run = self.paragraph().add_run(block.text)
        run.bold = True
        from docx.shared import RGBColor

        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)

    def block_organization(self, block: Block) -> None:
        self.paragraph()
        self.paragraph(block.text).alignment = 2  # right

    def block_date(self, block: Block) -> None:
        self.paragraph(block.text).alignment = 2


class _GongwenWriter(_Writer):
    """The built-in 公文 layout (the module's docstring)."""

    def setup(self) -> None:
        from docx.oxml.ns import qn

        title, body, level1, level2, numbers = self.fonts
        document = self.document
        section = document.sections[0]
        section.page_width, section.page_height = 210 * _MM, 297 * _MM
        section.top_margin, section.bottom_margin = 37 * _MM, 35 * _MM
        section.left_margin, section.right_margin = 28 * _MM, 26 * _MM
        section.header_distance = 15 * _MM
        # The page number's line (4号, exactly 14 pt high) has its top 7 mm below the 版心.
        section.footer_distance = int((35 - 7) * _MM - _PAGE_NUMBER_PT * 12700)
        sect_pr = section._sectPr
        _replace(sect_pr, "w:docGrid", type="lines", linePitch=str(_LINE_PITCH))

        settings = document.settings.element
        _replace(settings, "w:themeFontLang", val="en-US", eastAsia="zh-CN")
        defaults = document.styles.element.find(qn("w:docDefaults"))
        rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _set_run_format(rpr_default, body, LATIN, _BODY_PT)
        _set_paragraph_format(defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")))

        styles = document.styles
        normal_ppr, normal_rpr = _style_parts(styles["Normal"])
        _set_run_format(normal_rpr, body, LATIN, _BODY_PT, squeeze=True)
        _set_paragraph_format(normal_ppr, first_line=2 * _CHAR)
        title_ppr, title_rpr = _style_parts(styles["Title"])
        _set_run_format(title_rpr, title, LATIN, _TITLE_PT)
        _set_paragraph_format(title_ppr, align="center", keep_next=True)
        for level, font in ((1, level1), (2, level2)):
            ppr, rpr = _style_parts(styles[f"Heading {level}"])
            _set_run_format(rpr, font, LATIN, _BODY_PT, squeeze=True)
            _set_paragraph_format(ppr, first_line=2 * _CHAR, keep_next=True, outline=level - 1)

        document.settings.odd_and_even_pages_header_footer = True
        for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            ppr, rpr = paragraph._p.get_or_add_pPr(), None
            one = int(_PAGE_NUMBER_PT * _PT)  # 空一字: one 4号 character
            _set_paragraph_format(ppr, align="right" if odd else "left", right=one if odd else 0,
                                  left=0 if odd else one, line=one)  # fmt: skip
            _page_number_field(paragraph)
            for run in paragraph.runs:
                rpr = run._r.get_or_add_rPr()
                _set_run_format(rpr, numbers, numbers, _PAGE_NUMBER_PT)

    def block_title(self, block: Block) -> None:
        self.paragraph(block.text, "Title")
        self.paragraph()  # 标题下空一行

    def block_heading(self, block: Block) -> None:
        if block.level <= 2:
            self.paragraph(block.text, f"Heading {block.level}")
        else:
            self.paragraph(block.text)  # 1. and （1） are in the body's 仿宋

    def block_text(self, block: Block) -> None:
        """A numbered paragraph is a heading: whole when it is short and has no sentence in it, its first
        sentence when the heading is run into the text."""
        if _STANDALONE.match(block.text):
            level = 1 if "、" in block.text[:4] else 2
            self.paragraph(block.text, f"Heading {level}")
            return
        run_in = _RUN_IN.match(block.text)
        if run_in is None:
            self.paragraph(block.text)
            return
        head = run_in[1]
        level = 1 if "、" in head[:4] else 2
        paragraph = self.paragraph()
        run = paragraph.add_run(head)
        _set_run_format(run._r.get_or_add_rPr(), self.fonts[1 + level], LATIN, _BODY_PT, squeeze=True)
        paragraph.add_run(block.text[len(head) :])

    def block_warning(self, block: Block) -> None:
        paragraph = self.paragraph()
        run = paragraph.add_run(block.text)
        _set_run_format(run._r.get_or_add_rPr(), self.fonts[2], LATIN, _BODY_PT, squeeze=True, colour="C00000")

    def block_organization(self, block: Block) -> None:
        self.organization = block.text

    def block_date(self, block: Block) -> None:
        """§7.3.5.2: the organization two characters from the right, the date two characters right of its start;
        a longer date two characters from the right, the organization moved left to keep that step."""
        name = getattr(self, "organization", "")
        width_name, width_date = _text_width(name), _text_width(block.text)
        if width_name - 2 >= width_date:
            name_right, date_right = 2.0, 2 + (width_name - 2 - width_date)
        else:
            name_right, date_right = width_date + 4 - width_name, 2.0
        self.paragraph()  # 正文下空一行
        for text, right in ((name, name_right), (block.text, date_right)):
            paragraph = self.paragraph(text)
            _set_paragraph_format(paragraph._p.get_or_add_pPr(), align="right", right=round(right * _CHAR))


class _EnglishWriter(_Writer):
    """A sober English layout: A4, 25 mm margins, Times New Roman 12 pt, bold headings, centred page numbers."""

    def setup(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml.ns import qn
        from docx.shared import Pt

        document = self.document
        section = document.sections[0]
        section.page_width, section.page_height = 210 * _MM, 297 * _MM
        for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
            setattr(section, side, 25 * _MM)
        defaults = document.styles.element.find(qn("w:docDefaults"))
        _set_run_format(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), LATIN, LATIN, 12)
        styles = document.styles
        for name, size, bold in (("Normal", 12, False), ("Title", 16, True), ("Heading 1", 13, True),
                                 ("Heading 2", 12, True)):  # fmt: skip
            ppr, rpr = _style_parts(styles[name])
            _set_run_format(rpr, LATIN, LATIN, size, bold=bold)
            _set_paragraph_format(ppr, align="center" if name == "Title" else "left", line=int(size * 1.4 * _PT),
                                  keep_next=name != "Normal")  # fmt: skip
            ppr.find(qn("w:spacing")).set(qn("w:after"), str(8 * _PT if name == "Normal" else 6 * _PT))
            ppr.find(qn("w:spacing")).set(qn("w:before"), "0" if name in ("Normal", "Title") else str(12 * _PT))
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_number_field(paragraph)
        for run in paragraph.runs:
            run.font.size = Pt(11)
        paragraph.runs[0].text, paragraph.runs[-1].text = "", ""


class _TemplateWriter(_Writer):
    """A unit's template: its page setup, header and footer and styles; the draft where {{正文}} stands."""

    _MARKERS = ("{{正文}}", "{{body}}")

    def setup(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        styles = self.document.styles
        names = {style.name for style in styles}
        for name in ("Title", "Heading 1", "Heading 2"):
            if name not in names:
                styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = styles["Normal"]
        self.anchor = next((p for p in self.document.paragraphs if p.text.strip() in self._MARKERS), None)

    def paragraph(self, text: str = "", style: str = "Normal") -> Any:
        if self.anchor is None:
            return self.document.add_paragraph(text, style=style)
        return self.anchor.insert_paragraph_before(text, style=style)

    def write(self, blocks: list[Block]) -> None:
        super().write(blocks)
        if self.anchor is not None:
            self.anchor._p.getparent().remove(self.anchor._p)
