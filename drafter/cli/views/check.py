"""`drafter check` and `drafter facts` for people: the figure report and the facts' figures, as rich tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.cli.views.tables import STYLES, Pieces, fact_edges, new_table, pieces
from drafter.figures import ALTERED, FigureReport
from drafter.messages import Words
from drafter.review.check import FactFigure
from drafter.review.report import finding_place, findings, json_value, verdict, where

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import RenderableType
    from rich.segment import Segment

    from drafter.documents.drafts import Draft
    from drafter.review.batch import Checked


def report_table(
    report: FigureReport,
    language: str,
    *,
    show_all: bool = False,
    show_ignored: bool = False,
    with_verdict: bool = True,
    draft: Draft | None = None,
    width: int = 80,
    strict: bool = False,
) -> list[RenderableType]:
    """What needs a person first: each altered, missing and unsupported figure with the clause it stands in (in
    the draft and in the facts) and where to look; then one line for the figures that are right. `show_all` adds
    every figure, section by section; `show_ignored` the numbers set aside as no figures and why. A figure is
    never broken across lines: at a narrow width the clauses give way."""
    from rich.text import Text

    words = Words(language)
    out: list[RenderableType] = []
    problems = findings(report)
    if problems:
        rows = []
        for item in problems:
            style = STYLES[item.status]
            figure: Pieces = [(item.figure, "")]
            if item.status == ALTERED:
                figure.append((f" → {item.found}", style))
            at = finding_place(item, draft, language)
            rows.append(_Row(figure, [(words[item.status], style)], [(at, "")], item.draft_clause, item.found, style,
                             item.fact_clause, item.figure))  # fmt: skip
        out.append(_clause_table(words["problems_title"], words, rows, width))
    if show_all:
        out += _every_figure(report, words, draft, language, width)
    if show_ignored and report.ignored:
        aside = new_table(words["ignored_title"], [], style="dim")
        aside.add_column(words["figure"], no_wrap=True)
        aside.add_column(words["where"], no_wrap=True)
        aside.add_column(words["reason"], overflow="fold")
        for number in report.ignored:
            place = where(number.line, number.column, draft, language)
            aside.add_row(number.number.text, place, words[f"reason_{number.number.reason}"])
        out.append(aside)
    if with_verdict:
        passed = report.ok and not (strict and report.unsupported)
        out.append(Text(verdict(report, language, strict=strict), style="bold green" if passed else "bold red"))
    if not show_all:
        counts = report.counts
        key = "rest_ok" if problems else "all_ok"
        out.append(Text(words(key, exact=counts["exact"], equivalent=counts["equivalent"]), style="dim"))
    if report.ignored and not show_ignored:
        out.append(Text(words("ignored_note", ignored=len(report.ignored)), style="dim"))
    return out


def _every_figure(
    report: FigureReport, words: Words, draft: Draft | None, language: str, width: int
) -> list[RenderableType]:
    """`--all`: every figure of the facts, section by section, with its status, places and clauses."""

    sections: dict[str, list[_Row]] = {}
    for result in report.figures:
        style = STYLES[result.status]
        first = result.found[0] if result.found else None
        places = ", ".join(where(o.line, o.column, draft, language) for o in result.found) or "—"
        row = _Row([(result.expected.figure.text, "")], [(words[result.status], style)], [(places, "")],
                   first.clause if first else "", first.figure.text if first else "", style,
                   result.expected.clause, result.expected.figure.text)  # fmt: skip
        sections.setdefault(result.expected.section, []).append(row)
    return [_clause_table(section, words, rows, width) for section, rows in sections.items()]


@dataclass(frozen=True, slots=True)
class _Row:
    figure: Pieces
    status: Pieces
    where: Pieces
    draft_clause: str
    draft_figure: str
    style: str
    fact_clause: str
    fact_figure: str


def _clause_table(title: str, words: Words, rows: list[_Row], width: int) -> RenderableType:
    """Figure, status, where, and the clauses in the draft and the facts. The first three are as wide as they
    need (a figure is never broken across lines); the clauses share what is left of `width`, cut around their
    figure (… where cut), one line each.

    Drawn as rich's heavy-headed table looks, but from plain strings straight into segments: every width is known
    here, and a reviewer's report of thousands of rows renders in a fraction of `Table`'s time
    (bench/bench_report.py)."""
    from rich.cells import cell_len

    names = [words["figure"], words["status"], words["where"]]
    fixed = [max([cell_len(name), *(_width(getattr(row, field)) for row in rows)])
             for name, field in zip(names, ("figure", "status", "where"), strict=True)]  # fmt: skip
    left = width - sum(fixed) - 16  # 5 columns: 2 padding each, 6 rules
    narrow = left < 26  # then one clause column: the draft's, or for a missing figure the fact's
    draft_width, fact_width = (max(8, left + 3), 0) if narrow else (left * 3 // 5, left - left * 3 // 5)
    widths = [*fixed, draft_width, *([] if narrow else [fact_width])]
    names += [words["in_draft"], *([] if narrow else [words["in_facts"]])]
    lines: list[Pieces] = [[(title, "bold"), (" " * max(0, sum(widths) + 3 * len(widths) + 1 - cell_len(title)), "")]]
    lines.append([("┏" + "┳".join("━" * (size + 2) for size in widths) + "┓", "")])
    lines.append(_line([[(name, "bold")] for name in names], widths, "┃"))
    lines.append([("┡" + "╇".join("━" * (size + 2) for size in widths) + "┩", "")])
    for row in rows:
        if narrow and not row.draft_figure:
            cells = [row.figure, row.status, row.where, pieces(row.fact_clause, row.fact_figure, "", draft_width)]
        else:
            draft = pieces(row.draft_clause, row.draft_figure, row.style, draft_width)
            fact = [(text, "dim " + style if style else "dim") for text, style in
                    pieces(row.fact_clause, row.fact_figure, "", fact_width)]  # fmt: skip
            cells = [row.figure, row.status, row.where, draft, *([] if narrow else [fact])]
        lines.append(_line(cells, widths, "│"))
    lines.append([("└" + "┴".join("─" * (size + 2) for size in widths) + "┘", "")])
    return _Lines(lines)


def _width(cell: Pieces) -> int:
    from rich.cells import cell_len

    return sum(cell_len(text) for text, _ in cell)


def _line(cells: list[Pieces], widths: list[int], edge: str) -> Pieces:
    """One table line: each cell padded to its width (cells were fitted before), between `edge` rules; pieces of
    one style run together as one."""
    from rich.cells import cell_len

    out: Pieces = []
    text, style = edge, ""
    for cell, size in zip(cells, widths, strict=True):
        text += " "
        used = 0
        for piece, piece_style in cell:
            used += cell_len(piece)
            if piece_style == style:
                text += piece
            else:
                out.append((text, style))
                text, style = piece, piece_style
        padding = " " * max(0, size - used) + " " + edge
        if style:
            out.append((text, style))
            text, style = padding, ""
        else:
            text += padding
    out.append((text, style))
    return out


class _Lines:
    """Lines of (text, style) pieces, rendered as segments with no measuring or wrapping."""

    def __init__(self, lines: list[Pieces]) -> None:
        self.lines = lines

    def __rich_console__(self, console: object, options: object) -> Iterator[Segment]:
        from rich.segment import Segment
        from rich.style import Style

        styles: dict[str, Style | None] = {"": None}
        for line in self.lines:
            for text, style in line:
                if style not in styles:
                    styles[style] = Style.parse(style)
                yield Segment(text, styles[style])
            yield Segment.line()


def facts_table(figures: list[FactFigure], path: str, language: str) -> list[RenderableType]:
    """The figures the engine found in a facts file, section by section, so a writer sees what will be checked."""
    from rich.text import Text

    words = Words(language)
    if not figures:
        return [Text(words["none"], style="yellow")]
    out: list[RenderableType] = []
    table = None
    section = None
    edges = fact_edges([item.expected.fact for item in figures])
    for item, (opens_fact, closes_fact) in zip(figures, edges, strict=True):
        expected = item.expected
        if expected.section != section or table is None:
            section = expected.section
            table = new_table(f"{path} · {section}", [])
            for column in (words["figure"], words["value"], words["unit"], words["line"]):
                table.add_column(column, no_wrap=True)
            table.add_column(words["fact"], overflow="fold", style="dim")
            out.append(table)
        value = json_value(expected.figure.value)
        table.add_row(
            expected.figure.text,
            "—" if value is None else f"{value:,}",
            expected.figure.unit or "—",
            f"{item.line}:{item.column}",
            expected.fact if opens_fact else "",
            end_section=closes_fact,
        )
    out.append(Text(words("count", count=len(figures)), style="bold"))
    return out


def batch_table(
    results: list[Checked], language: str, *, show_all: bool, width: int, strict: bool = False
) -> list[RenderableType]:
    """A batch at a glance, in entries that fit any width: the drafts that need a look, worst first (unreadable,
    then the most figures wrong), each on a line with the list's own columns, and under it its verdict or what
    stopped it (and how it was read, when that is worth a word); `show_all` lists the drafts that passed too.
    Then the count of drafts ok, with problems, unreadable."""
    from rich.text import Text

    from drafter.cli.lines import wrap
    from drafter.review.batch import tally, worst_first

    words = Words(language)
    shown = [item for item in worst_first(results) if show_all or item.exit_code != 0]
    several_facts = len({item.pair.facts for item in results}) > 1
    short = _short_paths([path for item in results for path in (item.pair.draft, item.pair.facts)])
    out: list[RenderableType] = []
    if shown:
        out.append(Text(words["batch_title"], style="bold"))
    for item in shown:
        style = "green" if item.exit_code == 0 else "bold red"
        head = Text.assemble(("✓ " if item.exit_code == 0 else "✗ ", style), (short[item.pair.draft], "bold"))
        for value in item.pair.columns.values():
            head.append(f" · {value}")
        if several_facts:
            head.append(f" · {words['batch_facts']} {short[item.pair.facts]}", style="dim")
        out.append(head)
        for line in wrap(item.verdict(language, strict=strict), width - 2):
            out.append(Text(f"  {line}", style="green" if item.exit_code == 0 else "red"))
        for note in (item.report or {}).get("draft", {}).get("notes", []):
            out += [Text(f"  {line}", style="dim") for line in wrap(note, width - 2)]
    counts = tally(results)
    out.append(Text(words("batch_summary", **counts), style="bold red" if counts["exit_code"] else "bold green"))
    if not show_all and counts["ok"]:
        out.append(Text(words["batch_more"], style="dim"))
    return out


def _short_paths(paths: list[str]) -> dict[str, str]:
    """Each path relative to the folder they all share (a reviewer's folder of submissions), as short as it gets."""
    import os

    named = [path for path in paths if path]
    if not named:
        return {"": ""}
    try:
        common = os.path.commonpath([os.path.dirname(os.path.abspath(path)) for path in named])
    except ValueError:  # different drives
        return {path: path for path in paths}
    return {path: os.path.relpath(os.path.abspath(path), common) if path else "" for path in paths}
