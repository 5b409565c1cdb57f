"""The resume state: a journal written whole once a run, then one line a section; read back whatever is whole."""

import json

from drafter.drafting.resume import STATE_VERSION, SavedSection, SectionStore, read_state


def section(text):
    return SavedSection(text, True, 1, 10, 20)


def test_a_run_writes_the_journal_once_then_appends_a_line_a_section(tmp_path):
    path = tmp_path / ".d.md.drafter.json"
    store = SectionStore(path)
    store.put("a", section("甲"))
    first = path.read_bytes()
    store.put("b", section("乙"))
    store.put("c", section("丙"))
    after = path.read_bytes()
    assert after.startswith(first)  # appended, not rewritten
    lines = after.decode().splitlines()
    assert json.loads(lines[0]) == {"version": STATE_VERSION} and len(lines) == 4
    assert SectionStore(path).get("b") == section("乙") and store.failure is None


def test_a_line_cut_by_a_crash_is_skipped_and_the_rest_is_kept(tmp_path):
    path = tmp_path / "state.json"
    store = SectionStore(path)
    store.put("a", section("甲"))
    store.put("b", section("乙"))
    path.write_bytes(path.read_bytes()[:-9])  # the last line cut short
    assert set(read_state(path)) == {"a"}
    again = SectionStore(path)
    again.put("c", section("丙"))  # the next run writes what is whole, then its own lines
    assert set(read_state(path)) == {"a", "c"}


def test_version_1_state_is_read_and_carried_into_the_journal(tmp_path):
    path = tmp_path / "state.json"
    old = {"version": 1, "sections": {"a": {"text": "甲", "ok": True, "attempts": 1, "prompt_tokens": 10,
                                                 "completion_tokens": 20}}}  # fmt: skip
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    store = SectionStore(path)
    assert store.get("a") == section("甲")
    store.put("b", section("乙"))
    assert set(read_state(path)) == {"a", "b"} and path.read_text(encoding="utf-8").count("\n") == 3


def test_fresh_forgets_and_foreign_files_hold_nothing(tmp_path):
    path = tmp_path / "state.json"
    SectionStore(path).put("a", section("甲"))
    assert SectionStore(path, fresh=True).get("a") is None
    for foreign in ("[" * 1000, "not json", '{"version": 9}', ""):
        path.write_text(foreign, encoding="utf-8")
        assert read_state(path) == {}
