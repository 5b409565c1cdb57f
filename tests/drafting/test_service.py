"""The compose command's service, where it is more than the command: paths it chooses."""

import datetime as dt

from drafter.drafting.service import new_facts_path

TODAY = dt.date(2026, 11, 25)


def test_new_facts_path_never_reuses_a_file(tmp_path):
    first = new_facts_path(tmp_path, TODAY)
    assert first.name == "facts-2026-11-25.md"
    first.write_text("x")
    assert new_facts_path(tmp_path, TODAY).name == "facts-2026-11-25-2.md"
