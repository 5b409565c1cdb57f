"""The review page: one self-contained HTML file a reviewer opens from a USB stick on an intranet PC.

Left, the draft as the reader sees it — headings and paragraphs, every figure marked by its status (an altered one
shows the fact's figure beside it; a number that is no figure is faint, with the reason). Right, the facts, section
by section, each figure with its status and links to every place it was found; a missing figure links to the
paragraph where its fact's other figures are, or says it is nowhere. At the top the verdict, the counts, and the
problems first, each one click from its place.

No network, no script is needed: the CSS is inline, there are no external fonts or images, and the filters are
checkboxes that CSS alone obeys; the page reads and prints (A4) without JavaScript. Everything from the documents
is escaped: a draft that contains `<script>` shows it as text.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from drafter.documents.drafts import Draft
from drafter.documents.facts import FactsDocument
from drafter.figures import ALTERED, EQUIVALENT, EXACT, MISSING, FigureReport
from drafter.messages import Words
from drafter.review.report import fact_places, finding_place, findings, verdict, where

STATUSES = (EXACT, EQUIVALENT, ALTERED, MISSING, "unsupported", "ignored")

_CSS = """
:root { --exact: #1a7f37; --equivalent: #0969da; --altered: #cf222e; --missing: #cf222e; --unsupported: #9a6700;
        --ignored: #8c959f; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.7 "Noto Serif CJK SC", "Songti SC", SimSun, serif; color: #1f2328; background: #fff; }
header { padding: 16px 24px; border-bottom: 1px solid #d0d7de; }
h1 { font-size: 20px; margin: 0 0 6px; }
.verdict { font-weight: bold; font-size: 18px; margin: 4px 0; }
.verdict.ok { color: var(--exact); } .verdict.bad { color: var(--altered); }
.counts span { margin-right: 14px; white-space: nowrap; }
.filters { margin: 8px 0; font-size: 14px; }
.filters label { margin-right: 12px; cursor: pointer; white-space: nowrap; }
.problems ol { margin: 6px 0; padding-left: 24px; }
.problems li { margin: 2px 0; }
main { display: grid; grid-template-columns: 3fr 2fr; gap: 24px; padding: 16px 24px; }
.draft h2, .draft h3 { font-size: 17px; margin: 14px 0 4px; }
.draft p { margin: 4px 0; text-indent: 2em; }
.draft p.title { text-align: center; font-size: 20px; text-indent: 0; font-weight: bold; }
.draft p.warning { color: var(--altered); text-indent: 0; }
mark { background: none; border-bottom: 2px solid; padding: 0 1px; color: inherit; scroll-margin: 40vh; }
mark.exact { border-color: var(--exact); background: #dafbe1; }
mark.equivalent { border-color: var(--equivalent); background: #ddf4ff; }
mark.altered { border-color: var(--altered); background: #ffebe9; font-weight: bold; }
mark.unsupported { border-color: var(--unsupported); background: #fff8c5; font-weight: bold; }
mark.ignored { border-bottom: 1px dotted var(--ignored); color: var(--ignored); }
mark .was { font-size: 12px; color: var(--altered); margin-left: 3px; font-weight: normal; }
mark:target, p:target { outline: 3px solid #8250df; }
.facts { font-size: 14px; border-left: 1px solid #d0d7de; padding-left: 16px; }
.facts h3 { font-size: 15px; margin: 12px 0 4px; }
.facts ul { padding-left: 18px; margin: 0; }
.facts li { margin: 6px 0; } .facts ul.figures { list-style: none; padding-left: 8px; }
.facts ul.figures li { margin: 1px 0; }
.fact { color: #57606a; }
.status { font-size: 12px; padding: 0 4px; border-radius: 3px; color: #fff; white-space: nowrap; }
.status.exact { background: var(--exact); } .status.equivalent { background: var(--equivalent); }
.status.altered, .status.missing { background: var(--altered); } .status.unsupported { background: var(--unsupported); }
.status.ignored { background: var(--ignored); }
.filter { position: absolute; opacity: 0; }
#show-exact:not(:checked) ~ main mark.exact, #show-equivalent:not(:checked) ~ main mark.equivalent,
#show-altered:not(:checked) ~ main mark.altered, #show-unsupported:not(:checked) ~ main mark.unsupported,
#show-ignored:not(:checked) ~ main mark.ignored { background: none; border-color: transparent; font-weight: normal; }
#show-exact:not(:checked) ~ main .facts li.exact, #show-equivalent:not(:checked) ~ main .facts li.equivalent,
#show-altered:not(:checked) ~ main .facts li.altered, #show-unsupported:not(:checked) ~ main .facts li.unsupported
  { display: none; }
#show-exact:checked ~ header label[for=show-exact], #show-equivalent:checked ~ header label[for=show-equivalent],
#show-altered:checked ~ header label[for=show-altered], #show-unsupported:checked ~ header label[for=show-unsupported],
#show-ignored:checked ~ header label[for=show-ignored] { text-decoration: underline; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { font-size: 11pt; } .filters { display: none; }
  main { display: block; } .facts { border: 0; padding: 0; margin-top: 16px; break-before: page; }
  mark, .status { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""


def report_html(
    report: FigureReport, document: FactsDocument, draft: Draft, language: str, *, strict: bool = False
) -> str:
    """The review page of `report`: `draft` checked against `document`."""
    words = Words(language)
    marks = _marks(report)
    counts = {**report.counts, "ignored": len(report.ignored)}
    title = document.meta.get("title") or words["html_title"]
    passed = report.ok and not (strict and report.unsupported)
    filters = [status for status in STATUSES if status != MISSING]
    heading = f"{words['html_title']}{'：' if language == 'zh' else ': '}{title}"
    counted = "".join(
        f'<span class="count-{status}"><span class="status {status}">{escape(words[_word(status)])}</span> '
        f"<b>{counts[status]}</b></span>"
        for status in STATUSES
    )
    labels = "".join(f'<label for="show-{status}">{escape(words[_word(status)])}</label>' for status in filters)
    out = [
        "<!doctype html>",
        f'<html lang="{"zh-CN" if language == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(heading)}</title><style>{_CSS}</style></head><body>",
        *(f'<input type="checkbox" class="filter" id="show-{status}" checked>' for status in filters),
        "<header>",
        f"<h1>{escape(heading)}</h1>",
        f'<p class="verdict {"ok" if passed else "bad"}">{escape(verdict(report, language, strict=strict))}</p>',
        f'<p class="counts">{counted}</p>',
        f'<p class="filters">{escape(words["html_show"])}{labels}</p>',
        _problems(report, draft, language, words),
        "</header><main>",
        _draft(draft, marks, words),
        _facts(report, draft, language, words),
        "</main></body></html>",
    ]
    return "\n".join(out) + "\n"


def _word(status: str) -> str:
    return "ignored_status" if status == "ignored" else status


def _mark_id(line: int, column: int) -> str:
    return f"m{line}-{column}"


def _problems(report: FigureReport, draft: Draft, language: str, words: Words) -> str:
    items = findings(report)
    if not items:
        return ""
    out = [f'<section class="problems"><h2>{escape(words["problems_title"])}</h2><ol>']
    for item in items:
        if item.line is None or item.column is None:
            target = f'<span class="nowhere">{escape(words["html_nowhere"])}</span>'
        else:
            anchor = f"p{item.line}" if item.near else _mark_id(item.line, item.column)
            target = f'<a href="#{anchor}">{escape(finding_place(item, draft, language))}</a>'
        shown = f"{item.figure} → {item.found}" if item.status == ALTERED else item.figure
        clause = item.fact_clause if item.status == MISSING else item.draft_clause
        label = f'<span class="status {item.status}">{escape(words[item.status])}</span>'
        out.append(f'<li class="{item.status}">{label} <b>{escape(shown)}</b> · {target} · '
                   f'<span class="fact">{escape(clause)}</span></li>')  # fmt: skip
    out.append("</ol></section>")
    return "".join(out)


# (start column, end column, status, extra title) of every mark, by line
_Mark = tuple[int, int, str, str, str]


def _marks(report: FigureReport) -> dict[int, list[_Mark]]:
    marks: dict[int, dict[int, _Mark]] = defaultdict(dict)
    for result in report.figures:
        for occurrence in result.found:
            end = occurrence.column + len(occurrence.figure.text)
            was = result.expected.figure.text if result.status == ALTERED else ""
            marks[occurrence.line].setdefault(occurrence.column, (occurrence.column, end, result.status, was,
                                                                  result.expected.fact))  # fmt: skip
    for occurrence in report.unsupported:
        end = occurrence.column + len(occurrence.figure.text)
        marks[occurrence.line].setdefault(occurrence.column, (occurrence.column, end, "unsupported", "", ""))
    for number in report.ignored:
        end = number.column + len(number.number.text)
        marks[number.line].setdefault(number.column, (number.column, end, "ignored", "", number.number.reason))
    return {line: sorted(by_column.values()) for line, by_column in marks.items()}


def _draft(draft: Draft, marks: dict[int, list[_Mark]], words: Words) -> str:
    out = [f'<article class="draft"><h2 class="side">{escape(words["html_draft"])}</h2>']
    for number, line in enumerate(draft.text.split("\n"), 1):
        if not line.strip():
            continue
        found = marks.get(number, [])
        stripped = line.lstrip()
        hashes = len(stripped) - len(stripped.lstrip("#"))
        prefix = line[: len(line) - len(stripped[hashes:].lstrip())] if hashes else ""
        inner = _marked(line, found, number, words, start=len(prefix))
        if hashes == 1:
            out.append(f'<p class="title" id="p{number}">{inner}</p>')
        elif hashes:
            level = min(hashes + 1, 4)
            out.append(f'<h{level} id="p{number}">{inner}</h{level}>')
        elif stripped.startswith(">"):
            out.append(f'<p class="warning" id="p{number}">{inner}</p>')
        else:
            out.append(f'<p id="p{number}">{inner}</p>')
    out.append("</article>")
    return "\n".join(out)


def _marked(line: str, marks: list[_Mark], number: int, words: Words, start: int = 0) -> str:
    out = []
    position = start  # 0-based index into the line
    for column, end, status, was, note in marks:
        begin = column - 1
        if begin < position:
            continue  # overlapping or inside the prefix: shown as text
        out.append(escape(line[position:begin]))
        text = escape(line[begin : end - 1])
        title = ""
        if status == "ignored":
            title = f' title="{escape(words["ignored_status"])}：{escape(words[f"reason_{note}"])}"'
        elif note:
            title = f' title="{escape(words["fact"])}：{escape(note)}"'
        extra = f'<small class="was">{escape(words["fact"])}：{escape(was)}</small>' if was else ""
        out.append(f'<mark id="{_mark_id(number, column)}" class="{status}"{title}>{text}{extra}</mark>')
        position = end - 1
    out.append(escape(line[position:]))
    return "".join(out)


def _facts(report: FigureReport, draft: Draft, language: str, words: Words) -> str:
    """The facts, section by section and fact by fact, each figure with its status and its places."""
    out = [f'<aside class="facts"><h2 class="side">{escape(words["html_facts"])}</h2>']
    placed = fact_places(report)
    section, fact = None, None
    for result in report.figures:
        expected = result.expected
        if expected.section != section:
            if section is not None:
                out.append("</ul></li></ul>")
            section, fact = expected.section, None
            out.append(f"<h3>{escape(section)}</h3><ul>")
        if expected.fact != fact:
            if fact is not None:
                out.append("</ul></li>")
            fact = expected.fact
            out.append(f'<li><span class="fact">{escape(fact)}</span><ul class="figures">')
        links = ", ".join(
            f'<a href="#{_mark_id(o.line, o.column)}">{escape(where(o.line, o.column, draft, language))}</a>'
            for o in result.found
        )
        if result.status == MISSING:
            near = placed.get((expected.section, expected.fact))
            links = escape(words["html_nowhere"])
            if near is not None:
                shown = escape(words("near_place", where=where(near.line, 1, draft, language)))
                links = f'<a href="#p{near.line}">{shown}</a>'
        label = f'<span class="status {result.status}">{escape(words[result.status])}</span>'
        out.append(f'<li class="{result.status}">{label} <b>{escape(expected.figure.text)}</b> · {links}</li>')
    if section is not None:
        out.append("</ul></li></ul>")
    out.append("</aside>")
    return "\n".join(out)
