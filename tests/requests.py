"""A structured view of a request drafter sent to a model: which section, its facts as the model got them, and
whether it is a draft or a repair.

Read with the packs' own templates, not with their wording: each pack's section prompt is rendered once by
drafter's prompting code with markers in place of the title, the guidance and two facts, and the text around
the markers becomes the pattern a real prompt is read with. Change a template's words and the view follows.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any

from drafter.documents.facts import parse_facts
from drafter.drafting.packs import SectionSpec, list_packs
from drafter.drafting.prompting import draft_messages, plan_sections, template_context

_TITLE, _GUIDANCE, _FIRST, _SECOND = "\x01T\x01", "\x01G\x01", "\x01A\x01", "\x01B\x01"
_MARKERS = re.compile("(\x01[TGAB]\x01)")


@dataclasses.dataclass(frozen=True)
class RequestView:
    title: str
    facts: list[str]
    repair: bool


@functools.cache
def _readers() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Per pack: the pattern of its section prompt, and what separates two facts in it."""
    out = []
    document = parse_facts(f"## {_TITLE}\n- {_FIRST}\n- {_SECOND}\n")
    for pack in list_packs():
        marked = dataclasses.replace(pack, sections=(), generic=SectionSpec("", _GUIDANCE))
        plan = plan_sections(document, marked)[0]
        prompt = draft_messages(marked, template_context(document, marked, plan, lock=False), offline=False)[-1]
        pattern, separator = "", ""
        pieces = _MARKERS.split(prompt["content"])
        for index, piece in enumerate(pieces):
            if piece == _TITLE:
                pattern += "(?P<title>.+?)"
            elif piece == _GUIDANCE:
                pattern += ".*?"
            elif piece == _FIRST:
                pattern += "(?P<facts>.+?)"
                separator = pieces[index + 1]
            elif piece == _SECOND or (index and pieces[index - 1] == _FIRST):
                continue  # inside the facts
            else:
                pattern += re.escape(piece)
        out.append((re.compile(pattern.rstrip("\\\n") + r"\s*(?:\n\n.*)?\Z", re.DOTALL), separator))
    return tuple(out)


def view(body: dict[str, Any]) -> RequestView:
    """The view of a chat request's body (as the scripted server receives it)."""
    messages = body["messages"]
    section = messages[1]["content"] if len(messages) > 1 else messages[0]["content"]
    for pattern, separator in _readers():
        found = pattern.match(section.strip())
        if found:
            facts = [fact for fact in found["facts"].split(separator) if fact.strip()]
            return RequestView(found["title"], facts, repair=len(messages) == 3)
    return RequestView("", [], repair=len(messages) == 3)
