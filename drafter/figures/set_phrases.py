"""Set phrases whose numeral and unit count nothing: slogans (两个维护), idioms (四面八方). A figure that
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
    "四个服务", "四个坚持", "四项基本原则", "五位一体", "五个一", "八项规定", "八个坚持", "三个推定",
    "三个区分开来", "两个责任", "四个责任", "两条底线", "一成不变",
    # words where a numeral and a unit are no count
    "一级", "三级", "一度", "一分一秒",
    # idioms
    "四面八方", "三番五次", "五花八门", "十年树木",
    "一日千里", "三天两头",
)  # fmt: skip

_PATTERN = re.compile("|".join(sorted(map(re.escape, SET_PHRASES), key=len, reverse=True)))


def set_phrase_spans(text: str) -> list[tuple[int, int]]:
    """Spans of every set phrase in `text`, in order."""
    return [match.span() for match in _PATTERN.finditer(text)]


# Policies named by their number of articles: 稳经济41条, 促消费20条, 惠企30条 — a verb of support and its object,
# then the count, as a name. (Counts of measures written as a noun phrase, 30条举措, are read in extract.py.)
_POLICY_NAME = re.compile(r"(?:稳|促|惠|助|保|援|强|兴|优|扶|纾)([\u4e00-\u9fff]{1,4})$")
# …unless what follows the verb names what is counted: 惠企政策15条 is fifteen policies.
_COUNTED = re.compile(r"(?:政策|措施|举措|意见|条款|问题|建议|规定|办法|隐患|线索|信息)$")


def policy_name_before(text: str, start: int) -> bool:
    """Whether the number at `start` follows a policy's name (稳经济41条)."""
    name = _POLICY_NAME.search(text, max(0, start - 5), start)
    return name is not None and not _COUNTED.search(name[1])
