"""The figure-consistency report as data: the JSON contract, Markdown for a review, and the words both use.

JSON (a contract other tools are built against):
    {"ok": bool,
     "counts": {"figures", "exact", "equivalent", "altered", "missing", "unsupported"},
     "figures": [{"text", "value", "unit", "section", "fact", "status", "found": [{"text", "line", "column"}]}],
     "unsupported": [{"text", "value", "unit", "line", "column"}],
     "ignored": [{"text", "line", "column", "reason"}]}
`value` is a number with 万/亿 applied, or null where there is no single number (dates, ranges, 数千).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drafter.figures import Figure, FigureReport, Occurrence
from drafter.messages import Words
from drafter.review.check import FactFigure


def json_value(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def figure_json(figure: Figure) -> dict[str, Any]:
    return {"text": figure.text, "value": json_value(figure.value), "unit": figure.unit}


def _where(occurrence: Occurrence) -> dict[str, Any]:
    return {"text": occurrence.figure.text, "line": occurrence.line, "column": occurrence.column}


def report_json(report: FigureReport) -> dict[str, Any]:
    """The report in the JSON contract's shape (ready for `json.dumps`)."""
    return {
        "ok": report.ok,
        "counts": report.counts,
        "figures": [
            {
                **figure_json(result.expected.figure),
                "section": result.expected.section,
                "fact": result.expected.fact,
                "status": result.status,
                "found": [_where(occurrence) for occurrence in result.found],
            }
            for result in report.figures
        ],
        "unsupported": [
            {**figure_json(occurrence.figure), "line": occurrence.line, "column": occurrence.column}
            for occurrence in report.unsupported
        ],
        "ignored": [
            {"text": item.number.text, "line": item.line, "column": item.column, "reason": item.number.reason}
            for item in report.ignored
        ],
    }


def verdict(report: FigureReport, language: str) -> str:
    """One line: is the draft's every figure right, and if not, how many are wrong."""
    words = Words(language)
    counts = report.counts
    line = words["ok"] if report.ok else words("bad", **counts)
    if counts["unsupported"]:
        line += words["note_separator"] + words("unsupported_note", **counts)
    return line


def report_markdown(report: FigureReport, language: str, *, show_ignored: bool = False) -> str:
    """The report as a Markdown table, grouped by section, for pasting into a review."""
    words = Words(language)
    out = [f"**{verdict(report, language)}**", ""]
    section = None
    for result in report.figures:
        if result.expected.section != section:
            section = result.expected.section
            out += ["", f"### {section}", "", _row(words["figure"], words["status"], words["where"], words["fact"])]
            out.append("|---|---|---|---|")
        where = ", ".join(f"{o.line}:{o.column} {o.figure.text}" for o in result.found) or "—"
        out.append(_row(result.expected.figure.text, words[result.status], where, result.expected.fact))
    if report.unsupported:
        out += ["", f"### {words['unsupported_title']}", "", _row(words["figure"], words["where"], words["context"])]
        out.append("|---|---|---|")
        for occurrence in report.unsupported:
            out.append(_row(occurrence.figure.text, f"{occurrence.line}:{occurrence.column}", occurrence.context))
    if show_ignored and report.ignored:
        out += ["", f"### {words['ignored_title']}", "", _row(words["figure"], words["where"], words["reason"])]
        out.append("|---|---|---|")
        for item in report.ignored:
            out.append(_row(item.number.text, f"{item.line}:{item.column}", words[f"reason_{item.number.reason}"]))
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
