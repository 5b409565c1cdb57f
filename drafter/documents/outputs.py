"""Writing a draft in the format its file name asks for: Markdown as drafter writes it, or Word.

A Word file is read back before it is written, and its figures must be the Markdown's, one for one: an export
can never lose, add or change a figure. (Only a 成文日期's leading zeros are dropped, as GB/T 9704 says.)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from drafter.documents.docx_writer import DocxLayout, date_text, docx_bytes
from drafter.errors import DraftError
from drafter.figures import extract_figures
from drafter.messages import phrase

# Every format a draft can be written in, by file extension: the one list.
FORMATS = {".md": "markdown", ".markdown": "markdown", ".txt": "markdown", ".docx": "docx"}


def output_format(path: Path) -> str:
    """The format of a draft written to `path`, by its extension ("markdown" or "docx"); a name without one is
    Markdown. Another extension is a `DraftError` naming the choices: a writer asking for .pdf or .doc must not
    get Markdown under that name."""
    found = FORMATS.get(path.suffix.lower()) if path.suffix else "markdown"
    if found is None:
        choices = ", ".join(FORMATS)
        raise DraftError(phrase("unknown_draft_format", suffix=path.suffix or "—", choices=choices),
                         phrase("unknown_draft_format_hint", choices=choices), where=str(path))  # fmt: skip
    return found


def check_layout(path: Path, layout: DocxLayout) -> None:
    """Before any request: a .docx output's font profile exists and its template opens."""
    if output_format(path) == "docx":
        docx_bytes("# —\n", layout)


def draft_bytes(markdown: str, path: Path, layout: DocxLayout) -> bytes:
    """The file's bytes for a draft written to `path`; a Word file whose figures are not the draft's is a
    `DraftError` (the Markdown is kept in it, `unsaved`, never lost)."""
    if output_format(path) == "markdown":
        return markdown.encode("utf-8")
    data = docx_bytes(markdown, layout)
    verify_figures(markdown, data, str(path), _template_text(layout.template))
    return data


def _template_text(template: Path | None) -> str:
    """What a unit's template itself says (its 红头's 发文字号, a 版记's date): it stands in the file beside the
    draft, and its figures are the template's, not the draft's."""
    if template is None:
        return ""
    from drafter.documents.word import read_docx

    text = read_docx(template.read_bytes(), str(template)).text
    return "\n".join(line for line in text.splitlines() if line.strip() not in ("{{正文}}", "{{body}}"))


def verify_figures(markdown: str, data: bytes, name: str, template: str = "") -> None:
    """The Word file's figures, read back as a reviewer's `drafter check` reads them, are the Markdown's (and
    the template's own, when there is one)."""
    from drafter.documents.word import read_docx

    written = _figures(read_docx(data, name).text)
    plain = re.sub(r"\*\*|__|`", "", markdown)
    given = _figures("\n".join(date_text(line.strip()) for line in plain.splitlines())) + _figures(template)
    if written != given:
        lost = ", ".join(sorted((given - written).elements())) or "—"
        added = ", ".join(sorted((written - given).elements())) or "—"
        error = DraftError(phrase("export_changed_figures", lost=lost, added=added), phrase("export_bug_hint"),
                           where=name)  # fmt: skip
        error.unsaved = markdown
        raise error


def _figures(text: str) -> Counter[str]:
    return Counter(figure.text for figure in extract_figures(text))


@dataclass(frozen=True)
class Exported:
    path: Path
    figures: int  # in the draft, and each the same in the file
    backup: Path | None  # a different file that stood at `path`, kept


def export_draft(source: str, out: Path | None, layout: DocxLayout, encoding: str | None = None) -> Exported:
    """`drafter export`: a Markdown draft (`-`: standard input, with `out`) written as Word — to `out`, else
    beside it as .docx — with its figures verified; a different file already there is kept as a backup."""
    from drafter.documents.drafts import read_draft
    from drafter.documents.files import prepare_output, refuse_inputs_as_outputs, replace_keeping_backup
    from drafter.messages import language_of

    draft = read_draft(source, encoding)
    if draft.kind != "text":
        raise DraftError(phrase("export_not_markdown"), phrase("export_not_markdown_hint"), where=source)
    path = out or Path(source).with_suffix(".docx")
    refuse_inputs_as_outputs({"DRAFT": Path(source)}, {"--out": path})
    prepare_output(path)
    data = draft_bytes(draft.text, path, replace(layout, language=language_of(draft.text)))
    return Exported(path, sum(_figures(draft.text).values()), replace_keeping_backup(path, data))
