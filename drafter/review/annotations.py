"""`check --annotate`: the report's problems as Word comments in a copy of the reviewer's own file.

Each comment stands on its figure: 「与事实不符：事实为2848户（主要工作第1条）」 on an altered one,
「稿件中的56场没有出处」 on an unsupported one; 「事实中的10个在稿件中缺失（主要工作第5条）」 on the paragraph where
the fact's other figures are — a missing figure whose fact is nowhere has no place to stand, and is left to the
report.
"""

from __future__ import annotations

from drafter.documents.drafts import Draft
from drafter.documents.facts import FactsDocument
from drafter.documents.word import Comment
from drafter.figures import ALTERED, MISSING, FigureReport
from drafter.messages import Words
from drafter.review.report import findings


def comments_for(report: FigureReport, document: FactsDocument, draft: Draft, language: str) -> list[Comment]:
    """One comment a problem that has a place in the file."""
    words = Words(language)
    numbers = {(section.title, fact.text): index for section in document.sections
               for index, fact in enumerate(section.facts, 1)}  # fmt: skip
    lines = draft.text.split("\n")
    out = []
    for item in findings(report):
        if item.line is None or item.column is None:
            continue
        place = draft.place(item.line, item.column)
        if place is None:
            continue
        where = words("comment_fact_where", section=item.section, number=numbers.get((item.section, item.fact), "?"))
        before = lines[item.line - 1][: item.column - 1] if item.line <= len(lines) else ""
        if item.status == ALTERED:
            text = words("comment_altered", figure=item.figure, where=where)
            out.append(Comment(place, item.found, before.count(item.found), text))
        elif item.status == MISSING:
            out.append(Comment(place, "", 0, words("comment_missing", figure=item.figure, where=where)))
        else:
            text = words("comment_unsupported", figure=item.figure)
            out.append(Comment(place, item.found, before.count(item.found), text))
    return out
