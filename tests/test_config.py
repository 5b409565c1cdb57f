import pytest

from drafter.config import find_project_file, load_settings
from drafter.errors import ConfigError
from drafter.models import endpoint_of, model_choice
from tests.conftest import user_config


def project_config(directory, text):
    path = directory / "drafter.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_nothing_configured_means_offline():
    settings = load_settings({}, environ={})
    assert not settings.endpoint_configured
    assert model_choice(settings) == "offline"


def test_precedence_flags_over_environment_over_project_over_user(isolated, tmp_path):
    user_config(isolated, 'model = "user-model"\nbase_url = "http://user/v1"\ntimeout = 10\njobs = 2\n')
    project_config(tmp_path, 'model = "project-model"\nbase_url = "http://project/v1"\n')
    environ = {"DRAFTER_MODEL": "env-model"}
    settings = load_settings({"jobs": 7}, environ=environ, cwd=tmp_path)
    assert (settings.model, settings.base_url, settings.timeout, settings.jobs) == (
        "env-model",
        "http://project/v1",
        10,
        7,
    )
    assert settings.sources["model"] == "environment"
    assert settings.sources["base_url"].endswith("drafter.toml")
    assert settings.sources["timeout"].endswith("config.toml")
    assert settings.sources["jobs"] == "command line"
    assert load_settings({"model": "flag-model"}, environ=environ, cwd=tmp_path).model == "flag-model"


def test_project_file_is_found_from_a_subdirectory(tmp_path):
    path = project_config(tmp_path, 'model = "m"\n')
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_project_file(nested) == path


def test_openai_environment_variables(tmp_path):
    settings = load_settings(
        {}, environ={"OPENAI_API_KEY": "sk-abcdef", "OPENAI_BASE_URL": "http://x/v1"}, cwd=tmp_path
    )
    assert settings.api_key == "sk-abcdef" and settings.base_url == "http://x/v1"
    assert settings.endpoint_configured
    assert "sk-abcdef" not in repr(settings)
    with pytest.raises(ConfigError, match="no model is named"):
        model_choice(settings)
    key_alone = load_settings({}, environ={"OPENAI_API_KEY": "sk-abcdef"}, cwd=tmp_path)
    with pytest.raises(ConfigError, match="no model is named; drafter sends facts only to a model you name"):
        model_choice(key_alone)  # a key alone never sends the facts to OpenAI by default
    named = load_settings({"model": "gpt-4o-mini"}, environ={"OPENAI_API_KEY": "sk-abcdef"}, cwd=tmp_path)
    assert (model_choice(named), endpoint_of(named)) == ("gpt-4o-mini", "https://api.openai.com/v1")
    other = load_settings({"model": "qwen2.5-72b"}, environ={"OPENAI_API_KEY": "sk-abcdef"}, cwd=tmp_path)
    with pytest.raises(ConfigError, match="no endpoint is: without a base_url the facts would go to OpenAI"):
        model_choice(other)


def test_profiles_from_a_file_sit_below_the_environment_and_from_a_flag_above_it(isolated, tmp_path):
    user_config(
        isolated,
        'profile = "intranet"\n'
        '[profiles.intranet]\nmodel = "qwen2.5-72b"\nbase_url = "http://10.0.0.5:8000/v1"\n'
        '[profiles.deepseek]\nmodel = "deepseek-chat"\nbase_url = "https://api.deepseek.com"\n'
        'api_key_env = "DEEPSEEK_API_KEY"\n',
    )
    environ = {"OPENAI_BASE_URL": "http://env/v1", "DEEPSEEK_API_KEY": "sk-deepseek-1"}
    by_file = load_settings({}, environ=environ, cwd=tmp_path)
    assert (by_file.profile, by_file.model, by_file.base_url) == ("intranet", "qwen2.5-72b", "http://env/v1")
    by_flag = load_settings({"profile": "deepseek"}, environ=environ, cwd=tmp_path)
    assert (by_flag.model, by_flag.base_url, by_flag.api_key) == (
        "deepseek-chat",
        "https://api.deepseek.com",
        "sk-deepseek-1",
    )
    assert by_flag.sources["api_key"] == "DEEPSEEK_API_KEY"
    assert load_settings({}, environ={"DRAFTER_PROFILE": "deepseek", **environ}, cwd=tmp_path).model == "deepseek-chat"


def test_api_key_env_that_is_not_set_is_an_error(isolated, tmp_path):
    user_config(isolated, 'api_key_env = "MY_KEY"\n')
    with pytest.raises(ConfigError, match="MY_KEY is not set"):
        load_settings({}, environ={}, cwd=tmp_path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('modle = "x"\n', "unknown setting 'modle'"),
        ('timeout = "slow"\n', "'timeout' must be a number"),
        ("jobs = true\n", "'jobs' must be a int"),
        ("stream = 1\n", "'stream' must be a bool"),
        ("model = \n", "not valid TOML"),
        ("[profiles.a]\nprofile = 'b'\n", "a profile cannot name another profile"),
        ("[profiles.a]\nmodle = 'b'\n", "unknown setting 'profiles.a.modle'"),
    ],
)
def test_bad_user_files_name_file_and_key(isolated, tmp_path, text, message):
    path = user_config(isolated, text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_settings({}, environ={}, cwd=tmp_path)
    assert str(path) in caught.value.message


def test_a_project_file_may_not_hold_a_key(tmp_path):
    project_config(tmp_path, 'api_key = "sk-shared"\n')
    with pytest.raises(ConfigError, match="in a project file, which is shared") as caught:
        load_settings({}, environ={}, cwd=tmp_path)
    assert "sk-shared" not in caught.value.message + caught.value.hint


def test_unknown_profile_lists_the_known_ones(isolated, tmp_path):
    user_config(isolated, "[profiles.a]\nmodel = 'x'\n[profiles.b]\nmodel = 'y'\n")
    with pytest.raises(ConfigError, match=r"unknown profile 'c' \(profiles: a, b\)"):
        load_settings({"profile": "c"}, environ={}, cwd=tmp_path)
