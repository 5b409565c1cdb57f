"""Set phrases whose numeral and unit count nothing: slogans (两个维护), idioms (千家万户). A figure that
overlaps one of these is dropped.

Only phrases the unit rules would otherwise read as a count belong here: 三会一课, 十四五 and 一线 are already no
figures (no unit follows, or the numeral is malformed), and a test keeps every entry here necessary. Add a phrase
when a real draft shows it as a false figure.
"""

from __future__ import annotations

import re

SET_PHRASES: tuple[str, ...] = (
    # political slogans and campaigns
    "两个维护", "两个确立", "两个务必", "两个一百年", "两个毫不动摇", "两个文明", "两个结合", "三个代表",
    "三个务必", "三个文明", "三个有利于", "三个转变", "三项制度", "四个意识", "四个自信", "四个全面",
    "四个服务", "四个坚持", "四项基本原则", "五位一体", "五个一", "八项规定", "八个坚持",
    # words where a numeral and a unit are no count
    "一级", "三级", "一度", "一分一秒",
    # idioms
    "千家万户", "万家灯火", "四面八方", "三番五次", "五花八门", "十年树木", "百年大计", "百年老店",
    "一日千里", "三天两头",
)  # fmt: skip

_PATTERN = re.compile("|".join(sorted(map(re.escape, SET_PHRASES), key=len, reverse=True)))


def set_phrase_spans(text: str) -> list[tuple[int, int]]:
    """Spans of every set phrase in `text`, in order."""
    return [match.span() for match in _PATTERN.finditer(text)]
