"""From facts to the messages a model gets: template contexts, figure locking, and the problems a repair names.

Facts go into templates as values: plain dicts of strings, so a writer's `{{` is text, never template code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from drafter.documents.facts import FactsDocument, Section
from drafter.drafting.packs import Pack
from drafter.drafting.problems import Problem, ProblemKind
from drafter.figures import ALTERED, MISSING, Expected, FigureReport, extract_figures
from drafter.models import Message

PLACEHOLDER = re.compile(r"[\[【〔［]\s*F\s*(\d{1,3})\s*[\]】〕］]")


@dataclass(frozen=True, slots=True)
class SectionPlan:
    """One section to draft: its number and heading in the draft, what the writer gave, what must come out."""

    number: int
    section: Section
    heading: str
    expected: tuple[Expected, ...]
    placeholders: tuple[str, ...] = ()  # with --lock-figures: [F1] … in the order of `expected`

    @property
    def title(self) -> str:
        return self.section.title


def plan_sections(document: FactsDocument, pack: Pack, *, lock: bool = False) -> list[SectionPlan]:
    """The sections to draft, numbered in the writer's order; sections without facts, or skipped, are left out."""
    plans: list[SectionPlan] = []
    for section in document.sections:
        if not section.facts or section.skipped:
            continue
        number = len(plans) + 1
        expected = tuple(
            Expected(figure, section.title, fact.text)
            for fact in section.facts
            for figure in extract_figures(fact.text)
        )
        placeholders = tuple(f"[F{i}]" for i in range(1, len(expected) + 1)) if lock else ()
        plans.append(SectionPlan(number, section, pack.heading(number, section.title), expected, placeholders))
    return plans


def template_context(document: FactsDocument, pack: Pack, plan: SectionPlan, *, lock: bool) -> dict[str, Any]:
    """What the section's templates see: the pack, the front matter, the section with its facts and figures."""
    spec = pack.spec_for(plan.title)
    facts = [{"text": text} for text in _fact_texts(plan, lock)]
    figures = list(plan.placeholders) if lock else [item.figure.text for item in plan.expected]
    return {
        "pack": {"name": pack.name, "title": pack.title, "language": pack.language},
        "meta": {
            "title": document.meta.get("title", ""),
            "organization": document.meta.get("organization", ""),
            "period": document.meta.get("period", ""),
            **{key: value for key, value in document.meta.items() if key not in ("title", "organization", "period")},
        },
        "section": {
            "number": plan.number,
            "title": plan.title,
            "heading": plan.heading,
            "guidance": spec.guidance,
            "facts": facts,
            "figures": figures,
        },
        "sections": [section.title for section in document.sections],
        "lock": lock,
    }


def _fact_texts(plan: SectionPlan, lock: bool) -> list[str]:
    """The facts as written, or with each figure replaced by its placeholder."""
    if not lock:
        return [fact.text for fact in plan.section.facts]
    placeholder_of: dict[tuple[str, int], str] = {
        (item.fact, item.figure.start): placeholder
        for item, placeholder in zip(plan.expected, plan.placeholders, strict=True)
    }
    out = []
    for fact in plan.section.facts:
        text = fact.text
        for figure in sorted(extract_figures(text), key=lambda f: f.start, reverse=True):
            text = text[: figure.start] + placeholder_of[(fact.text, figure.start)] + text[figure.end :]
        out.append(text)
    return out


def draft_messages(pack: Pack, context: dict[str, Any], *, offline: bool) -> list[Message]:
    if offline:
        return [{"role": "user", "content": pack.render("offline.j2", **context)}]
    return [
        {"role": "system", "content": pack.render("system.j2", **context)},
        {"role": "user", "content": pack.render("section.j2", **context)},
    ]


def repair_messages(pack: Pack, context: dict[str, Any], previous: str, problems: list[Problem]) -> list[Message]:
    """The section prompt again, then the previous text (or none, to start afresh) and exactly what to fix: the
    problems grouped by the fact they concern (`groups`; `problems` lists them flat, for packs that want that)."""
    named = [problem.for_template() for problem in problems]
    groups: dict[str, list[dict[str, str]]] = {}
    for problem in named:
        groups.setdefault(problem["fact"], []).append(problem)
    grouped = [{"fact": fact, "problems": items} for fact, items in groups.items() if fact]
    if "" in groups:
        grouped.append({"fact": "", "problems": groups[""]})
    repair = pack.render("repair.j2", **context, previous=previous, problems=named, groups=grouped)
    return [
        {"role": "system", "content": pack.render("system.j2", **context)},
        {"role": "user", "content": pack.render("section.j2", **context)},
        {"role": "user", "content": repair},
    ]


def unlock(text: str, plan: SectionPlan) -> tuple[str, list[Problem]]:
    """Put the exact figure text in place of each placeholder; report placeholders unused, repeated or unknown."""
    figure_of = {p: item for p, item in zip(plan.placeholders, plan.expected, strict=True)}
    counts: dict[str, int] = {}
    problems: list[Problem] = []

    def substitute(match: re.Match[str]) -> str:
        placeholder = f"[F{int(match[1])}]"
        counts[placeholder] = counts.get(placeholder, 0) + 1
        item = figure_of.get(placeholder)
        if item is None:
            problems.append(Problem(ProblemKind.UNSUPPORTED, placeholder, "", match[0]))
            return ""
        return item.figure.text

    filled = PLACEHOLDER.sub(substitute, text)
    for placeholder, item in figure_of.items():
        used = counts.get(placeholder, 0)
        if used == 0:
            problems.append(Problem(ProblemKind.PLACEHOLDER_MISSING, placeholder, item.fact))
        elif used > 1:
            problems.append(Problem(ProblemKind.PLACEHOLDER_REPEATED, placeholder, item.fact, placeholder))
    return filled, problems


def figure_problems(report: FigureReport, *, strict: bool) -> list[Problem]:
    """What a repair prompt must name: each missing or altered figure, and with `strict` each invented one."""
    problems = []
    for result in report.figures:
        if result.status in (MISSING, ALTERED):
            found = result.found[0].figure.text if result.found else ""
            kind = ProblemKind.MISSING if result.status == MISSING else ProblemKind.ALTERED
            problems.append(Problem(kind, result.expected.figure.text, result.expected.fact, found))
    if strict:
        problems += [Problem(ProblemKind.UNSUPPORTED, found=o.figure.text) for o in report.unsupported]
    return problems


_FENCE = re.compile(r"^```[\w-]*\n(.*?)\n```$", re.S)


def clean_section_text(text: str, plan: SectionPlan) -> str:
    """What a model wraps around a section body: code fences, and its own copy of the section heading."""
    text = text.strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced[1].strip()
    lines = text.splitlines()
    while lines and _is_heading_echo(lines[0], plan):
        lines.pop(0)
    return "\n".join(lines).strip()


def _is_heading_echo(line: str, plan: SectionPlan) -> bool:
    bare = line.strip().lstrip("#").strip().strip("*").strip()
    return (
        bare in (plan.title, plan.heading) or bare.endswith(f"、{plan.title}") or bare == f"{plan.number}. {plan.title}"
    )
