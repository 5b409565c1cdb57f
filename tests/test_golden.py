"""Every fixture's outputs are byte-identical to the recorded ones (`tests/golden.py` says how to record anew)."""

import json

from tests.golden import MANIFEST, digests


def test_every_fixture_output_is_unchanged():
    recorded = json.loads(MANIFEST.read_text(encoding="utf-8"))
    now = digests()
    assert sorted(now) == sorted(recorded), "the set of outputs changed"
    changed = [name for name in recorded if now[name] != recorded[name]]
    assert not changed, f"{len(changed)} outputs changed, e.g. {changed[:5]} (python -m tests.golden --dump DIR)"
