"""Lines in a terminal: two columns a Chinese character, breaks where a Chinese reader allows them."""

from drafter.cli.lines import cells, wrap


def test_wrap_breaks_between_chinese_characters_and_at_spaces_never_inside_a_word():
    assert wrap("核对草稿中的数字与事实是否一致", 12) == ["核对草稿中的", "数字与事实是", "否一致"]
    assert wrap("check --format jsonl now", 14) == ["check --format", "jsonl now"]
    assert wrap("走访2848户 and 323.062万元", 14) == ["走访2848户 and", "323.062万元"]
    assert wrap("二三四五六七八九十；一二", 18) == ["二三四五六七八九", "十；一二"]  # ； never starts a line
    assert wrap("二三四五六七八九（十一）", 18) == ["二三四五六七八九", "（十一）"]  # （ never ends one


def test_a_number_stays_with_what_it_counts_and_lines_never_overflow():
    verdict = "未通过：5 个数字被改动，2 个数字缺失；另有 1 个数字在事实中找不到来源"
    for width in range(12, 60):
        lines = wrap(verdict, width)
        assert "".join(lines).replace(" ", "") == verdict.replace(" ", "")
        assert all(cells(line) <= width for line in lines), (width, lines)
        assert not any(line.endswith(("5", "2", "1")) for line in lines), (width, lines)
