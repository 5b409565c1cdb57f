"""The run log: one record type written and read back whole, the table's columns are the record's, and a log that
cannot be written says so once and stops writing."""

import sqlite3

from drafter.drafting.requests import RequestRecord, cache_key
from drafter.drafting.runlog import REQUEST_COLUMNS, RunLog


def _record(**changes):
    values = dict(
        section="主要工作", attempt=2, purpose="repair", model="m", endpoint="http://127.0.0.1:1/v1",
        messages=[{"role": "user", "content": "写“主要工作”"}], cache_key=cache_key("e", "m", [], 10),
        response="走访2848户。", finish_reason="stop", prompt_tokens=12, completion_tokens=7, tokens_from="api",
        seconds=0.5, error=None, cached=True,
    )  # fmt: skip
    return RequestRecord(**{**values, **changes})


def test_a_request_is_read_back_as_it_was_written(tmp_path):
    log = RunLog(tmp_path / "logs.db")
    run = log.start_run(facts="f.md", kind="work-summary", model="m", endpoint="e", options={})
    written = [_record(), _record(attempt=3, response=None, finish_reason=None, error="HTTP 500", cached=False)]
    listener = log.listener(run)
    for record in written:
        listener.request_finished(record)
    _, read, _ = log.run(run)
    assert read == written


def test_the_requests_table_has_the_records_columns(tmp_path):
    RunLog(tmp_path / "logs.db").close()
    with sqlite3.connect(tmp_path / "logs.db") as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(requests)")]
    assert sorted(columns) == sorted(["id", "run_id", "created", *REQUEST_COLUMNS])


def test_a_log_that_cannot_be_written_says_so_once_and_stops(tmp_path):
    heard = []
    log = RunLog(tmp_path / "logs.db", on_failure=heard.append)
    run = log.start_run(facts="f.md", kind="k", model="m", endpoint="e", options={})
    with sqlite3.connect(tmp_path / "logs.db") as other:
        other.execute("DROP TABLE requests")  # the database changed under the run: every write now fails
    log.record(run, _record())
    log.record(run, _record())
    assert len(heard) == 1 and "requests" in heard[0]
    assert log.failure is not None and log.cached("x") is None
