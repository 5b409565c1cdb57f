from drafter.cli import run
from drafter.config import load_settings
from drafter.models.doctor import FAIL, INFO, OK, WARN, run_checks
from tests.runner import CliRunner

runner = CliRunner()


def statuses(checks):
    return {check.name: check.status for check in checks}


def test_nothing_configured_is_fine_and_explains_offline():
    checks = run_checks(load_settings())
    assert statuses(checks) == {"configuration": OK, "tokenizer": OK, "model": INFO}
    result = runner.invoke(run, ["doctor"])
    assert result.exit_code == 0 and "offline backend" in result.stdout


def test_a_working_endpoint_passes_every_check(server):
    checks = run_checks(load_settings())
    assert statuses(checks) == {
        "configuration": OK, "tokenizer": OK, "reachable": OK, "key": OK, "model": OK, "chat": OK,
        "streaming usage": OK,
    }  # fmt: skip
    assert "key from OPENAI_API_KEY" in checks[0].text("en")[1]
    result = runner.invoke(run, ["doctor"])
    assert result.exit_code == 0 and "sk-test" not in result.stdout


def test_stream_options_refused_is_a_warning(server):
    server.reject_stream_options = True
    assert statuses(run_checks(load_settings()))["streaming usage"] == WARN


def test_a_model_the_endpoint_does_not_list_is_a_warning(server):
    checks = run_checks(load_settings({"model": "gpt-9"}))
    [model] = [c for c in checks if c.name == "model"]
    assert model.status == WARN and "'gpt-9' is not among the listed models (test-model)" in model.text("en")[1]


def test_rejected_key_fails_with_exit_3(server, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-rejected")
    checks = run_checks(load_settings())
    assert statuses(checks)["reachable"] == FAIL
    result = runner.invoke(run, ["doctor"])
    assert result.exit_code == 3 and "the API key was rejected" in result.stdout


def test_unreachable_endpoint_fails(server, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    [reachable] = [c for c in run_checks(load_settings()) if c.name == "reachable"]
    assert reachable.status == FAIL and "cannot connect" in reachable.text("en")[1]


def test_doctor_speaks_the_systems_language(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    result = runner.invoke(run, ["doctor"])
    assert result.exit_code == 0
    assert (
        "配置" in result.stdout
        and "没有配置模型端点" in result.stdout
        and "OPENAI_BASE_URL（模型服务地址）" in (result.stdout)
    )
    assert "offline backend" not in result.stdout
