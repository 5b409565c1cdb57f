"""Lines of text in a terminal: Chinese characters take two columns, and a line breaks between them as between
words, never inside a figure and never before a closing mark. Used by the help (`arguments.py`) and the views."""

from __future__ import annotations

import re
import unicodedata

_WIDE = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"  # Chinese characters and punctuation: a line may break at each


# Punctuation that may not start a line (、。，；：！？ and closing brackets), and that may not end one.
_NO_START = "、。，．,.；;：:！!？?）)」』】》…%"
_NO_END = "（(「『【《"


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns: breaks at spaces, or between Chinese characters, never inside a
    word or a figure nor between a number and the character it counts (「5 个」), never before a closing mark
    (。，；）…) nor after an opening one (（「…): such a mark takes the character before it along."""
    width = max(width, 12)
    lines: list[list[str]] = []
    line: list[str] = []
    for token in re.findall(rf"[0-9][0-9.,:%]* ?[{_WIDE}]|[{_WIDE}]|[^\s{_WIDE}]+|\s+", text):
        if token.isspace():
            if line:
                line.append(" ")
            continue
        if cells("".join(line) + token) > width and "".join(line).strip():
            carried: list[str] = []
            while (
                len(line) > 1
                and line[-1] != " "
                and ((carried[0] if carried else token)[0] in _NO_START or line[-1][-1] in _NO_END)
            ):
                carried.insert(0, line.pop())  # the mark keeps the character it belongs to
            lines.append(line)
            line = carried
        line.append(token)
    if "".join(line).strip():
        lines.append(line)
    return ["".join(pieces).strip() for pieces in lines]


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
