"""The figure-consistency report as data: the JSON contract, Markdown for a review, and the words both use.

JSON (a contract other tools are built against):
    {"ok": bool,
     "counts": {"figures", "exact", "equivalent", "altered", "missing", "unsupported"},
     "figures": [{"text", "value", "unit", "section", "fact", "status", "found": [{"text", "line", "column"}]}],
     "unsupported": [{"text", "value", "unit", "line", "column"}],
     "ignored": [{"text", "line", "column", "reason"}],
     "draft": {"kind", "notes"}}   (from `drafter check`)
`value` is a number with 万/亿 applied, or null where there is no single number (dates, ranges, 数千).
`line` and `column` count in the text drafter read (for Word and PDF: a line a paragraph). Where the draft is a
Word or PDF file, each place also says where a person looks in the file: `paragraph` (the Nth paragraph with
text) and `headings` (the headings it stands under), or `cell` (T1R2C3: table, row, column), or `page` and
`page_line`. `draft.kind` is "text", "docx", "doc" or "pdf"; `draft.notes` say how it was read (an encoding,
tracked changes accepted, pages without text).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from drafter.documents.drafts import HEADING_NUMBER, Draft, Place
from drafter.errors import DraftError
from drafter.figures import ALTERED, MISSING, Figure, FigureReport, Occurrence
from drafter.messages import Words, phrase
from drafter.review.check import FactFigure

# The report formats a file can hold, by its extension: the one list (`check --out`, `compose --report`).
REPORT_SUFFIXES = {".json": "json", ".html": "html", ".htm": "html", ".md": "markdown"}


def report_format(path: Path, default: str | None = None) -> str:
    """The format of a report written to `path`, by its extension; `default` (or a `DraftError`) otherwise."""
    found = REPORT_SUFFIXES.get(path.suffix.lower(), default)
    if found is None:
        choices = ", ".join(REPORT_SUFFIXES)
        raise DraftError(phrase("unknown_report_format", suffix=path.suffix or "—", choices=choices),
                         phrase("unknown_draft_format_hint", choices=choices), where=str(path))  # fmt: skip
    return found


def json_value(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def figure_json(figure: Figure) -> dict[str, Any]:
    return {"text": figure.text, "value": json_value(figure.value), "unit": figure.unit}


def _at(line: int, column: int, draft: Draft | None) -> dict[str, Any]:
    place = draft.place(line, column) if draft is not None else None
    return {"line": line, "column": column, **(place.json() if place else {})}


def report_json(report: FigureReport, draft: Draft | None = None, language: str = "en") -> dict[str, Any]:
    """The report in the JSON contract's shape (ready for `json.dumps`); with the `draft` that was checked, the
    places in its file and how it was read (notes in `language`)."""
    out = {
        "ok": report.ok,
        "counts": report.counts,
        "figures": [
            {
                **figure_json(result.expected.figure),
                "section": result.expected.section,
                "fact": result.expected.fact,
                "status": result.status,
                "found": [
                    {"text": occurrence.figure.text, **_at(occurrence.line, occurrence.column, draft)}
                    for occurrence in result.found
                ],
            }
            for result in report.figures
        ],
        "unsupported": [
            {**figure_json(occurrence.figure), **_at(occurrence.line, occurrence.column, draft)}
            for occurrence in report.unsupported
        ],
        "ignored": [
            {"text": item.number.text, **_at(item.line, item.column, draft), "reason": item.number.reason}
            for item in report.ignored
        ],
    }
    if draft is not None:
        out["draft"] = {"kind": draft.kind, "notes": [note.text(language) for note in draft.notes]}
    return out


def where(line: int, column: int, draft: Draft | None, language: str) -> str:
    """Where a person looks for the text at `line`:`column`: the line and column of a text file; the paragraph
    (and its headings' numbers) or table cell of a Word file; the page and line of a PDF."""
    place = draft.place(line, column) if draft is not None else None
    if place is None:
        return f"{line}:{column}"
    return place_text(place, language)


def finding_place(item: Finding, draft: Draft | None, language: str) -> str:
    """Where to look for a finding; for a missing figure, near its fact's other figures (or "—": nowhere)."""
    if item.line is None or item.column is None:
        return "—"
    at = where(item.line, item.column, draft, language)
    return Words(language)("near_place", where=at) if item.near else at


def place_text(place: Place, language: str) -> str:
    words = Words(language)
    if place.page is not None:
        return words("at_page_line", page=place.page, line=place.page_line)
    head = place.cell or f"¶{place.paragraph}"
    path = " › ".join(_heading_number(heading) for heading in place.headings)
    return f"{head} ({path})" if path else head


def _heading_number(heading: str) -> str:
    """一、 of 一、主要工作; a heading without a number, its first few characters."""
    found = HEADING_NUMBER.match(heading)
    return found[0] if found else heading[:6] + ("…" if len(heading) > 6 else "")


@dataclass(frozen=True, slots=True)
class Finding:
    """What needs a person: a fact's figure altered or missing in the draft, or a draft figure no fact gives —
    with the clause on each side and where to look (for a missing figure: where its fact's other figures are)."""

    status: str  # "altered", "missing" or "unsupported"
    figure: str  # the fact's figure; the draft's for an unsupported one
    found: str  # the draft's figure ("" when missing)
    line: int | None  # where to look in the draft, or None (a missing figure whose fact is nowhere)
    column: int | None
    near: bool  # the place is the fact's other figures', not the figure's own
    draft_clause: str
    fact_clause: str
    section: str
    fact: str


def fact_places(report: FigureReport) -> dict[tuple[str, str], Occurrence]:
    """Where each fact (by section and text) first stands in the draft: its first figure found — where a person
    looks for one of its figures that is missing."""
    placed: dict[tuple[str, str], Occurrence] = {}
    for result in report.figures:
        if result.found:
            placed.setdefault((result.expected.section, result.expected.fact), result.found[0])
    return placed


def findings(report: FigureReport) -> list[Finding]:
    """The problems of a report in reading order (a missing figure at its fact's place, else last)."""
    placed = fact_places(report)
    out = []
    for result in report.figures:
        expected = result.expected
        if result.status == ALTERED:
            first = result.found[0]
            out.append(Finding(ALTERED, expected.figure.text, first.figure.text, first.line, first.column, False,
                               first.clause, expected.clause, expected.section, expected.fact))  # fmt: skip
        elif result.status == MISSING:
            other = placed.get((expected.section, expected.fact))
            line, column = (other.line, other.column) if other else (None, None)
            clause = other.clause if other else ""
            out.append(Finding(MISSING, expected.figure.text, "", line, column, True, clause, expected.clause,
                               expected.section, expected.fact))  # fmt: skip
    for occurrence in report.unsupported:
        out.append(Finding("unsupported", occurrence.figure.text, occurrence.figure.text, occurrence.line,
                           occurrence.column, False, occurrence.clause, "", occurrence.section, ""))  # fmt: skip
    return sorted(out, key=lambda f: (f.line is None, f.line or 0, f.column or 0))


def verdict(report: FigureReport, language: str, *, strict: bool = False) -> str:
    """One line: is the draft's every figure right, and if not, how many are wrong (with `strict`, a figure no
    fact gives fails the draft too, and the line says so)."""
    return verdict_line(report.ok, report.counts, language, strict=strict)


def verdict_line(ok: bool, counts: dict[str, int], language: str, *, strict: bool = False) -> str:
    """`verdict` from a report's `ok` and `counts` (as its JSON holds them)."""
    words = Words(language)
    if strict and ok and counts["unsupported"]:
        return words("bad_strict", **counts)
    line = words["ok"] if ok else words("bad", **counts)
    if counts["unsupported"]:
        line += words["note_separator"] + words("unsupported_note", **counts)
    return line


def report_markdown(
    report: FigureReport,
    language: str,
    *,
    show_ignored: bool = False,
    draft: Draft | None = None,
    strict: bool = False,
) -> str:
    """The report as Markdown for pasting into a review: the problems first, then every figure by section — one
    row each, with the clause it stands in (in the draft and in the facts), never the whole fact again."""
    words = Words(language)
    out = [f"**{verdict(report, language, strict=strict)}**", ""]
    problems = findings(report)
    if problems:
        out += ["", f"### {words['problems_title']}", ""]
        out += [_row(words["figure"], words["status"], words["where"], words["in_draft"], words["in_facts"])]
        out.append("|---|---|---|---|---|")
        for item in problems:
            at = finding_place(item, draft, language)
            shown = f"{item.figure} → {item.found}" if item.status == ALTERED else item.figure
            out.append(_row(shown, words[item.status], at, item.draft_clause or "—", item.fact_clause or "—"))
    section = None
    for result in report.figures:
        if result.expected.section != section:
            section = result.expected.section
            out += ["", f"### {section}", ""]
            out += [_row(words["figure"], words["status"], words["where"], words["in_draft"], words["in_facts"])]
            out.append("|---|---|---|---|---|")
        found = ", ".join(f"{where(o.line, o.column, draft, language)} {o.figure.text}" for o in result.found)
        clause = result.found[0].clause if result.found else "—"
        out.append(_row(result.expected.figure.text, words[result.status], found or "—", clause,
                        result.expected.clause))  # fmt: skip
    if show_ignored and report.ignored:
        out += ["", f"### {words['ignored_title']}", "", _row(words["figure"], words["where"], words["reason"])]
        out.append("|---|---|---|")
        for number in report.ignored:
            at = where(number.line, number.column, draft, language)
            out.append(_row(number.number.text, at, words[f"reason_{number.number.reason}"]))
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"


def _row(*cells: str) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in cells) + " |"


def facts_json(meta: dict[str, str], figures: list[FactFigure]) -> dict[str, Any]:
    """The figures of a facts file: what `drafter check` will look for, with where each was written."""
    return {
        "meta": meta,
        "figures": [
            {
                **figure_json(item.expected.figure),
                "section": item.expected.section,
                "fact": item.expected.fact,
                "line": item.line,
                "column": item.column,
            }
            for item in figures
        ],
    }
