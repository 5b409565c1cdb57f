"""Reading Word files (`.docx`): the text of the body, paragraphs and tables in document order, as a reviewer
sees it with every tracked change accepted — inserted text in, deleted text out, moved text once.

Read straight from the package's XML (python-docx's `Paragraph.text` skips the runs inside `w:ins`, so an
inserted figure would be lost, and it has no tables in document order). Field codes, hidden text (`w:vanish`)
and the fallback copy of a text box (`mc:Fallback`) are left out; a text box's paragraphs follow the paragraph
that holds it. Headers, footers, footnotes and comments are not part of the draft.

Headings are found by their style (Title, Heading 1–9, 标题 N, or any style with an outline level) and by the
genre's numbering (一、 （一）): a title becomes a `#` line and a styled heading a `##`…`######` line of the text,
so the figure engine sees the document's structure as it does in Markdown.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from drafter.documents.drafts import Draft, DraftBuilder, Place, heading_label, heading_level, not_readable
from drafter.messages import Phrase, phrase

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_P, _TBL, _TR, _TC, _T, _R = _q("p"), _q("tbl"), _q("tr"), _q("tc"), _q("t"), _q("r")
_SKIPPED = {_q("del"), _q("moveFrom"), _q("delText"), _q("instrText"), _q("txbxContent"), _q("pPr"), _q("rPr"),
            f"{{{_MC}}}Fallback", _q("footnoteReference"), _q("endnoteReference"), _q("commentReference")}  # fmt: skip
_CONTAINERS = {_q("sdt"), _q("sdtContent"), _q("customXml"), _q("ins"), _q("moveTo"), _q("smartTag")}
_BREAKS = {_q("br"), _q("cr")}
_MAX_XML = 256 * 1024 * 1024  # a document.xml larger than this is not a work summary (nor safe to unpack)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


@dataclass(frozen=True, slots=True)
class _Style:
    level: int | None  # 0: title; 1–9: heading level
    centred: bool


def read_docx(data: bytes, name: str) -> Draft:
    """The draft in a `.docx` file's bytes; a damaged or unreadable file is a `DraftError` saying so."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            document = _part(package, "word/document.xml")
            styles = _part(package, "word/styles.xml", required=False)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, RuntimeError, ValueError, EOFError):
        raise not_readable(name, phrase("docx_damaged"), phrase("docx_damaged_hint")) from None
    if document is None:
        raise not_readable(name, phrase("docx_damaged"), phrase("docx_damaged_hint"))
    body = document.find(_q("body"))
    if body is None:
        raise not_readable(name, phrase("docx_damaged"), phrase("docx_damaged_hint"))
    reader = _Reader(_styles(styles))
    reader.blocks(body)
    notes: list[Phrase] = []
    if reader.changes:
        notes.append(phrase("tracked_changes", count=reader.changes))
    return reader.out.build("docx", tuple(notes))


def _part(package: zipfile.ZipFile, part: str, *, required: bool = True) -> etree._Element | None:
    try:
        info = package.getinfo(part)
    except KeyError:
        return None
    if info.file_size > _MAX_XML:
        raise ValueError(part)
    with package.open(info) as handle:
        return etree.fromstring(handle.read(_MAX_XML + 1), _PARSER)


def _styles(root: etree._Element | None) -> dict[str, _Style]:
    """Paragraph styles by id: heading level (from the outline level, else the name) and centring, inherited."""
    if root is None:
        return {}
    raw: dict[str, tuple[str | None, int | None, bool | None]] = {}
    for style in root.iter(_q("style")):
        if style.get(_q("type")) not in (None, "paragraph"):
            continue
        ident = style.get(_q("styleId")) or ""
        name = (_val(style.find(_q("name"))) or "").strip().lower()
        based = _val(style.find(_q("basedOn")))
        ppr = style.find(_q("pPr"))
        level = _outline(ppr)
        if name in ("title", "标题"):
            level = 0
        else:
            found = re.fullmatch(r"(?:heading|标题)\s*([1-9])", name)
            if found:
                level = int(found[1])
        raw[ident] = (based, level, _centred(ppr))

    def resolve(ident: str, depth: int = 0) -> _Style:
        based, level, centred = raw.get(ident, (None, None, None))
        if based and depth < 16 and (level is None or centred is None):
            parent = resolve(based, depth + 1)
            level = parent.level if level is None else level
            centred = parent.centred if centred is None else centred
        return _Style(level, bool(centred))

    return {ident: resolve(ident) for ident in raw}


def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(_q("val"))


def _outline(ppr: etree._Element | None) -> int | None:
    level = _val(ppr.find(_q("outlineLvl"))) if ppr is not None else None
    return int(level) + 1 if level and level.isdigit() and int(level) < 9 else None


def _centred(ppr: etree._Element | None) -> bool | None:
    jc = _val(ppr.find(_q("jc"))) if ppr is not None else None
    return None if jc is None else jc == "center"


class _Reader:
    def __init__(self, styles: dict[str, _Style]) -> None:
        self.styles = styles
        self.out = DraftBuilder()
        self.paragraphs = 0
        self.tables = 0
        self.headings: list[tuple[int, str]] = []
        self.changes = 0
        self.seen_body = False

    def blocks(self, parent: etree._Element) -> None:
        for child in parent:
            if child.tag == _P:
                self.paragraph(child)
            elif child.tag == _TBL:
                self.table(child)
            elif child.tag in _CONTAINERS:
                self.blocks(child)

    def paragraph(self, element: etree._Element) -> None:
        text, boxes = self.text(element)
        text = text.strip()
        if text:
            self.paragraphs += 1
            level = self.level(element, text)
            if level is not None and level > 0:
                self.headings[:] = [item for item in self.headings if item[0] < level]
                self.headings.append((level, heading_label(text)))
            place = Place(paragraph=self.paragraphs, headings=tuple(label for _, label in self.headings))
            prefix = "" if level is None or (level > 0 and not self.styled(element)) else "#" * (level + 1) + " "
            for line in text.split("\n"):
                self.out.write(prefix)
                self.out.line(line, place)
                prefix = ""
            self.seen_body = self.seen_body or level != 0
        for box in boxes:
            self.blocks(box)

    def level(self, element: etree._Element, text: str) -> int | None:
        """0 for the title, 1–9 for a heading, None for body text."""
        style = self.style(element)
        ppr = element.find(_q("pPr"))
        level = _outline(ppr) if ppr is not None else None
        if level is None and style is not None:
            level = style.level
        if level is None and not self.seen_body and "\n" not in text:
            centred = _centred(ppr)
            if centred or (centred is None and style is not None and style.centred):
                return 0  # a centred first paragraph: the 公文 title
        return heading_level(text) if level is None else level

    def styled(self, element: etree._Element) -> bool:
        ppr = element.find(_q("pPr"))
        return ppr is not None and (_outline(ppr) is not None or (self.style(element) or _Style(None, False)).level
                                    is not None)  # fmt: skip

    def style(self, element: etree._Element) -> _Style | None:
        ppr = element.find(_q("pPr"))
        ident = _val(ppr.find(_q("pStyle"))) if ppr is not None else None
        return self.styles.get(ident) if ident else None

    def text(self, element: etree._Element) -> tuple[str, list[etree._Element]]:
        """A paragraph's text with tracked changes accepted, and the text boxes it holds."""
        parts: list[str] = []
        boxes: list[etree._Element] = []

        def walk(node: etree._Element) -> None:
            for child in node:
                tag = child.tag
                if tag in _SKIPPED:
                    if tag == _q("txbxContent"):
                        boxes.append(child)
                    elif tag in (_q("del"), _q("moveFrom")):
                        self.changes += 1
                    continue
                if tag == _T:
                    parts.append(child.text or "")
                elif tag == _q("tab"):
                    parts.append("\t")
                elif tag in _BREAKS:
                    parts.append("\n")
                elif tag == _q("noBreakHyphen"):
                    parts.append("-")
                elif tag == _R and _hidden(child):
                    continue
                else:
                    if tag in (_q("ins"), _q("moveTo")):
                        self.changes += 1
                    walk(child)

        walk(element)
        return "".join(parts), boxes

    def table(self, element: etree._Element) -> None:
        self.tables += 1
        number = self.tables
        for row_number, row in enumerate(element.iter(_TR), 1):
            if _nearest_table(row) is not element:
                continue  # a nested table's row: read within its cell
            column = 1
            cells: list[tuple[str, Place]] = []
            for cell in row.iter(_TC):
                if _nearest_table(cell) is not element:
                    continue
                span = _val(cell.find(f"{_q('tcPr')}/{_q('gridSpan')}"))
                place = Place(cell=f"T{number}R{row_number}C{column}",
                              headings=tuple(label for _, label in self.headings))  # fmt: skip
                texts = [self.text(p)[0].strip() for p in cell.iter(_P)]
                cells.append(("\t".join(text for text in texts if text).replace("\n", " "), place))
                column += int(span) if span and span.isdigit() else 1
            if any(text for text, _ in cells):
                for index, (text, place) in enumerate(cells):
                    self.out.write("\t" if index else "")
                    self.out.write(text, place)
                self.out.write("\n")


def _nearest_table(node: etree._Element) -> etree._Element | None:
    parent = node.getparent()
    while parent is not None and parent.tag != _TBL:
        parent = parent.getparent()
    return parent


def _hidden(run: etree._Element) -> bool:
    vanish = run.find(f"{_q('rPr')}/{_q('vanish')}")
    return vanish is not None and vanish.get(_q("val"), "true") not in ("false", "0", "off")
