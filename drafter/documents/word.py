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
_SKIPPED = {
    _q("del"),
    _q("moveFrom"),
    _q("delText"),
    _q("instrText"),
    _q("txbxContent"),
    _q("pPr"),
    _q("rPr"),
    _q("rt"),
    f"{{{_MC}}}Fallback",
    _q("footnoteReference"),
    _q("endnoteReference"),
    _q("commentReference"),
}  # fmt: skip  (w:rt: a ruby annotation over the text, not the text)
_CONTAINERS = {_q("sdt"), _q("sdtContent"), _q("customXml"), _q("ins"), _q("moveTo"), _q("smartTag")}
_BREAKS = {_q("br"), _q("cr")}
_MAX_XML = 32 * 1024 * 1024  # a part larger than this unpacked is not a work summary (nor safe to unpack)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


@dataclass(frozen=True, slots=True)
class _Style:
    level: int | None  # 0: title; 1–9: heading level
    centred: bool
    hidden: bool | None  # its runs are hidden text (w:vanish), when the style says either way


_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_TOO_LARGE = "too large"


def read_docx(data: bytes, name: str) -> Draft:
    """The draft in a `.docx` file's bytes; a damaged, oversized or unreadable file is a `DraftError` saying so."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            main = _target(package, "_rels/.rels", "/officeDocument") or "word/document.xml"
            document = _part(package, main)
            folder, _, file = main.rpartition("/")
            styles_name = _target(package, f"{folder}/_rels/{file}.rels", "/styles")
            styles = _part(package, f"{folder}/{styles_name}") if styles_name else None
            outside = _text_outside_body(package)
    except ValueError as error:
        if str(error) == _TOO_LARGE:
            raise not_readable(name, phrase("docx_too_large"), phrase("docx_damaged_hint")) from None
        raise not_readable(name, phrase("docx_damaged"), phrase("docx_damaged_hint")) from None
    except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, RuntimeError, EOFError, KeyError):
        raise not_readable(name, phrase("docx_damaged"), phrase("docx_damaged_hint")) from None
    body = document.find(_q("body")) if document is not None else None
    if body is None:
        raise not_readable(name, phrase("docx_damaged"), phrase("docx_damaged_hint"))
    reader = _Reader(*_styles(styles))
    reader.blocks(body)
    notes: list[Phrase] = []
    if reader.changes:
        notes.append(phrase("tracked_changes", count=reader.changes))
    if outside:
        notes.append(phrase("docx_outside_body"))
    return reader.out.build("docx", tuple(notes))


def _target(package: zipfile.ZipFile, rels: str, kind: str) -> str | None:
    """The part a relationship of `kind` points at (the package's own rules, not a file name guessed)."""
    root = _part(package, rels)
    if root is None:
        return None
    for relationship in root.iter(_RELATIONSHIPS):
        if (relationship.get("Type") or "").endswith(kind) and relationship.get("TargetMode") != "External":
            return (relationship.get("Target") or "").lstrip("/") or None
    return None


def _part(package: zipfile.ZipFile, part: str) -> etree._Element | None:
    """A part's XML, or None when there is none; a part that unpacks larger than 32 MB is refused unread (a zip
    bomb declares a small size and inflates: the read stops at the limit either way)."""
    try:
        info = package.getinfo(part)
    except KeyError:
        return None
    if info.file_size > _MAX_XML:
        raise ValueError(_TOO_LARGE)
    with package.open(info) as handle:
        data = handle.read(_MAX_XML + 1)
    if len(data) > _MAX_XML:
        raise ValueError(_TOO_LARGE)
    return etree.fromstring(data, _PARSER)


def _text_outside_body(package: zipfile.ZipFile) -> bool:
    """Whether footnotes, endnotes or comments hold a figure-like digit: they are not checked, and a reviewer
    should know. (Headers and footers are left alone: page numbers and the unit's name live there.)"""
    for part in ("word/footnotes.xml", "word/endnotes.xml", "word/comments.xml"):
        root = _part(package, part)
        if root is not None and any(any(c.isdigit() for c in t.text or "") for t in root.iter(_T)):
            return True
    return False


def _styles(root: etree._Element | None) -> tuple[dict[str, _Style], dict[str, bool | None], bool]:
    """Paragraph styles by id (heading level from the outline level, else the name; centring; hidden text),
    character styles' hidden text by id, and whether the document's default hides text — all inherited."""
    if root is None:
        return {}, {}, False
    raw: dict[str, tuple[str | None, int | None, bool | None, bool | None]] = {}
    characters: dict[str, tuple[str | None, bool | None]] = {}
    for style in root.iter(_q("style")):
        ident = style.get(_q("styleId")) or ""
        based = _val(style.find(_q("basedOn")))
        hidden = _vanish(style.find(_q("rPr")))
        if style.get(_q("type")) == "character":
            characters[ident] = (based, hidden)
            continue
        if style.get(_q("type")) not in (None, "paragraph"):
            continue
        name = (_val(style.find(_q("name"))) or "").strip().lower()
        ppr = style.find(_q("pPr"))
        level = _outline(ppr)
        if name in ("title", "标题"):
            level = 0
        else:
            found = re.fullmatch(r"(?:heading|标题)\s*([1-9])", name)
            if found:
                level = int(found[1])
        raw[ident] = (based, level, _centred(ppr), hidden)

    def resolve(ident: str, depth: int = 0) -> _Style:
        based, level, centred, hidden = raw.get(ident, (None, None, None, None))
        if based and depth < 16 and None in (level, centred, hidden):
            parent = resolve(based, depth + 1)
            level = parent.level if level is None else level
            centred = parent.centred if centred is None else centred
            hidden = parent.hidden if hidden is None else hidden
        return _Style(level, bool(centred), hidden)

    def resolve_character(ident: str, depth: int = 0) -> bool | None:
        based, hidden = characters.get(ident, (None, None))
        return resolve_character(based, depth + 1) if hidden is None and based and depth < 16 else hidden

    default = root.find(f"{_q('docDefaults')}/{_q('rPrDefault')}/{_q('rPr')}")
    return ({ident: resolve(ident) for ident in raw}, {ident: resolve_character(ident) for ident in characters},
            bool(_vanish(default)))  # fmt: skip


def _vanish(rpr: etree._Element | None) -> bool | None:
    """w:vanish in run properties: True, False (turned off), or None (not said)."""
    vanish = rpr.find(_q("vanish")) if rpr is not None else None
    if vanish is None:
        return None
    return vanish.get(_q("val"), "true") not in ("false", "0", "off")


def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(_q("val"))


def _outline(ppr: etree._Element | None) -> int | None:
    level = _val(ppr.find(_q("outlineLvl"))) if ppr is not None else None
    return int(level) + 1 if level and level.isdigit() and int(level) < 9 else None


def _centred(ppr: etree._Element | None) -> bool | None:
    jc = _val(ppr.find(_q("jc"))) if ppr is not None else None
    return None if jc is None else jc == "center"


class _Reader:
    def __init__(self, styles: dict[str, _Style], characters: dict[str, bool | None], hidden: bool) -> None:
        self.styles = styles
        self.characters = characters
        self.hidden_default = hidden
        self.out = DraftBuilder()
        self.paragraphs = 0
        self.tables = 0
        self.headings: list[tuple[int, str]] = []
        self.changes = 0
        self.seen_body = False
        self.anchors: dict[str, etree._Element] = {}  # "¶3" or "T1R2C3": the element a place names

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
            self.anchors[f"¶{self.paragraphs}"] = element
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
        style = self.style(element)
        return ppr is not None and (_outline(ppr) is not None or (style is not None and style.level is not None))

    def style(self, element: etree._Element) -> _Style | None:
        ppr = element.find(_q("pPr"))
        ident = _val(ppr.find(_q("pStyle"))) if ppr is not None else None
        return self.styles.get(ident) if ident else None

    def text(self, element: etree._Element) -> tuple[str, list[etree._Element]]:
        """A paragraph's text with tracked changes accepted and hidden text left out, and its text boxes."""
        parts: list[str] = []
        boxes: list[etree._Element] = []
        style = self.style(element)
        paragraph_hidden = style.hidden if style is not None and style.hidden is not None else self.hidden_default

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
                elif tag == _R and self.hidden(child, paragraph_hidden):
                    continue
                else:
                    if tag in (_q("ins"), _q("moveTo")):
                        self.changes += 1
                    walk(child)

        walk(element)
        return "".join(parts), boxes

    def hidden(self, run: etree._Element, paragraph_hidden: bool) -> bool:
        """Hidden text: the run's own say, else its character style's, else the paragraph style's or default."""
        rpr = run.find(_q("rPr"))
        own = _vanish(rpr)
        if own is not None:
            return own
        character = _val(rpr.find(_q("rStyle"))) if rpr is not None else None
        by_style = self.characters.get(character) if character else None
        return by_style if by_style is not None else paragraph_hidden

    def table(self, element: etree._Element) -> None:
        self.tables += 1
        number = self.tables
        for row_number, row in enumerate(_children(element, "tr"), 1):
            column = 1
            cells: list[tuple[str, Place]] = []
            for cell in _children(row, "tc"):
                span = _val(cell.find(f"{_q('tcPr')}/{_q('gridSpan')}"))
                self.anchors[f"T{number}R{row_number}C{column}"] = cell
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


def _children(parent: etree._Element, tag: str) -> list[etree._Element]:
    """A table's own rows or a row's own cells, also inside content controls — never a nested table's."""
    return list(parent.xpath(f"./w:{tag} | ./w:sdt/w:sdtContent/w:{tag} | ./w:customXml/w:{tag}", namespaces={"w": _W}))


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment to anchor in a Word file: at `place` (a paragraph or a cell, as `read_docx` named it), on the
    `occurrence`-th (0-based) `anchor` text there — or on the whole paragraph when the text is not in it."""

    place: Place
    anchor: str
    occurrence: int
    text: str


def add_comments(data: bytes, comments: list[Comment], author: str = "drafter") -> tuple[bytes, int]:
    """A copy of a `.docx` file with `comments` added (Word comments, shown in the margin by Word, WPS and
    LibreOffice), everything else left as it was; and how many were anchored."""
    import docx
    from docx.text.run import Run

    document = docx.Document(io.BytesIO(data))
    styles = document.styles.element
    reader = _Reader(*_styles(styles))
    reader.blocks(document.element.body)
    added = 0
    for comment in comments:
        key = comment.place.cell or (f"¶{comment.place.paragraph}" if comment.place.paragraph else None)
        element = reader.anchors.get(key) if key else None
        if element is None:
            continue
        runs = _runs_holding(element, comment.anchor, comment.occurrence)
        if not runs:
            continue
        parent = document.paragraphs[0] if document.paragraphs else None
        document.add_comment([Run(run, parent) for run in runs], text=comment.text, author=author,  # type: ignore[arg-type]
                             initials="DR")  # fmt: skip
        added += 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), added


def _runs_holding(element: etree._Element, anchor: str, occurrence: int) -> list[etree._Element]:
    """The runs that hold exactly the `occurrence`-th (0-based) `anchor` in `element` — a run that holds more is
    split at the anchor's edges into runs of the same formatting, so a comment stands on the figure alone; all its
    runs when the text is not found there (the comment then stands on the whole paragraph or cell)."""
    runs = [run for run in element.iter(_R) if _run_text(run) and not _deleted(run, element)]
    text = "".join(_run_text(run) for run in runs)
    position = -1
    for _ in range(occurrence + 1):
        position = text.find(anchor, position + 1)
        if position < 0:
            break
    if position < 0 or not anchor:
        return runs[:1] + runs[-1:] if runs else []
    end = position + len(anchor)
    held, start = [], 0
    for run in runs:
        length = len(_run_text(run))
        if start < end and start + length > position:
            if start < position:
                rest = _split(run, position - start)
                if rest is not None:
                    run, start = rest, position
                    length = len(_run_text(run))
            if start + length > end:
                _split(run, end - start)
            held.append(run)
        start += length
    return held


def _split(run: etree._Element, at: int) -> etree._Element | None:
    """Split a run of one text element at `at`: it keeps the text before, a copy with the same properties takes
    the rest and is returned. A run of anything else is left whole (None)."""
    import copy

    texts = run.findall(_T)
    if len(texts) != 1 or any(child.tag not in (_T, _q("rPr")) for child in run):
        return None
    whole = texts[0].text or ""
    if not 0 < at < len(whole):
        return None
    rest = copy.deepcopy(run)
    texts[0].text = whole[:at]
    rest.find(_T).text = whole[at:]
    for piece in (texts[0], rest.find(_T)):
        piece.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.addnext(rest)
    return rest


def _run_text(run: etree._Element) -> str:
    return "".join(t.text or "" for t in run.iter(_T))


def _deleted(run: etree._Element, stop: etree._Element) -> bool:
    parent = run.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in (_q("del"), _q("moveFrom"), _q("txbxContent")):
            return True
        parent = parent.getparent()
    return False
