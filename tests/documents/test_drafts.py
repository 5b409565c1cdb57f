"""Reading a draft to check: a file or standard input, and every way it can fail named."""

import pytest

from drafter.documents.drafts import read_draft
from drafter.errors import DraftError


def test_read_draft_errors(tmp_path):
    with pytest.raises(DraftError, match="no such draft file"):
        read_draft(str(tmp_path / "absent.md"))
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"ok\n\xff\xfe")
    with pytest.raises(DraftError, match=r"bad.md:2: is not UTF-8 text"):
        read_draft(str(bad))
