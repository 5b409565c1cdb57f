"""Settings: which model, where, and how patiently. Flags > environment > project file > user file.

User file: `config.toml` in the user config directory (`drafter doctor` prints it); project file: the nearest
`drafter.toml` from the working directory up. Both are TOML with the same keys, plus `[profiles.NAME]` tables;
a profile named by `--profile` counts as a flag, one named by `profile =` in a file as that file.

    model = "deepseek-chat"              # or "offline", or "local:/path/model.gguf"
    base_url = "https://api.deepseek.com"
    api_key_env = "DEEPSEEK_API_KEY"     # the environment variable holding the key
    [profiles.intranet]
    model = "qwen2.5-72b-instruct"
    base_url = "http://10.0.0.5:8000/v1"

The API key is read from the environment (`OPENAI_API_KEY`, or the variable `api_key_env` names) or from the
user file; a project file, which is shared, may not hold one.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from drafter.errors import ConfigError

PROJECT_FILE = "drafter.toml"

# Key: (type, description). Everything a config file, a profile or a flag may set.
KEYS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "model": (str, "model name at the endpoint, 'offline', or 'local:PATH.gguf'"),
    "base_url": (str, "OpenAI-compatible endpoint, e.g. https://api.deepseek.com/v1"),
    "api_key": (str, "API key (user file only; prefer the environment)"),
    "api_key_env": (str, "name of the environment variable holding the API key"),
    "profile": (str, "profile to use by default"),
    "timeout": ((int, float), "seconds a request may take in all, streaming included, before it is retried"),
    "retries": (int, "retries after a failed request (429, 5xx, timeouts, cut streams)"),
    "backoff": ((int, float), "seconds before the first retry; doubles each time"),
    "jobs": (int, "sections drafted at the same time"),
    "max_repairs": (int, "times a section with wrong figures is sent back"),
    "temperature": ((int, float), "sampling temperature"),
    "max_tokens": (int, "output tokens per request (default: the pack's)"),
    "context_window": (int, "the model's context window in tokens, for --dry-run's budget"),
    "stream": (bool, "stream responses (falls back when the endpoint refuses)"),
    "threads": (int, "CPU threads for a local model (default: every core)"),
    "fonts": (str, "the fonts of a .docx draft: 'gb2312' (方正小标宋简体, 仿宋_GB2312 …) or 'plain' (宋体, 仿宋 …)"),
    "docx_template": (str, "a unit's own .docx template (its 红头, styles, page setup) for .docx drafts"),
}


@dataclass(frozen=True)
class Settings:
    """Resolved settings, with where each value came from (`sources`), for messages and `drafter doctor`."""

    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    api_key_env: str | None = None
    profile: str | None = None
    timeout: float = 60.0
    retries: int = 2
    backoff: float = 1.0
    jobs: int = 4
    max_repairs: int = 2
    temperature: float | None = 0.3
    max_tokens: int | None = None
    context_window: int | None = None
    stream: bool = True
    threads: int | None = None
    fonts: str = "gb2312"
    docx_template: str | None = None
    sources: Mapping[str, str] = field(default_factory=dict, repr=False)

    @property
    def endpoint_configured(self) -> bool:
        """True when any endpoint setting is present: then the default backend is the endpoint, not offline."""
        return any(
            self.sources.get(name) for name in ("model", "base_url", "api_key") if getattr(self, name) is not None
        )


def home() -> Path | None:
    """`DRAFTER_HOME` puts config, data and cache under one directory (tests, portable installs)."""
    value = os.environ.get("DRAFTER_HOME")
    return Path(value) if value else None


def config_dir() -> Path:
    if base := home():
        return base / "config"
    from platformdirs import user_config_dir

    return Path(user_config_dir("drafter", appauthor=False))


def data_dir() -> Path:
    if base := home():
        return base / "data"
    from platformdirs import user_data_dir

    return Path(user_data_dir("drafter", appauthor=False))


def cache_dir() -> Path:
    if base := home():
        return base / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("drafter", appauthor=False))


def user_config_file() -> Path:
    return config_dir() / "config.toml"


def find_project_file(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        candidate = directory / PROJECT_FILE
        if candidate.is_file():
            return candidate
    return None


def load_settings(
    flags: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Settings:
    """Resolve settings from flags, the environment, the project file and the user file, in that order."""
    flags = {key: value for key, value in (flags or {}).items() if value is not None}
    environ = os.environ if environ is None else environ
    user_path = user_config_file()
    project_path = find_project_file(cwd or Path.cwd())
    user = _read_file(user_path, project=False) if user_path.is_file() else {}
    project = _read_file(project_path, project=True) if project_path else {}

    values: dict[str, Any] = {}
    sources: dict[str, str] = {}

    def layer(table: Mapping[str, Any], source: str) -> None:
        for key, value in table.items():
            if key != "profiles":
                values[key] = value
                sources[key] = source

    layer(user, str(user_path))
    layer(project, str(project_path))
    profiles = {**user.get("profiles", {}), **project.get("profiles", {})}
    by_flag = "profile" in flags
    chosen = flags.get("profile") or environ.get("DRAFTER_PROFILE") or values.get("profile")
    source = "--profile" if by_flag else sources.get("profile", "DRAFTER_PROFILE")
    if chosen is not None and chosen not in profiles:
        known = ", ".join(sorted(profiles)) or "none are defined"
        raise ConfigError(f"unknown profile '{chosen}' (profiles: {known})", f"define [profiles.{chosen}]")
    profile = {**profiles.get(chosen, {}), "profile": chosen} if chosen else {}
    if not by_flag:
        layer(profile, f"profile '{chosen}' ({source})")  # chosen in a file: below the environment
    layer(_environment(environ), "environment")
    if by_flag:
        layer(profile, f"profile '{chosen}' (--profile)")  # chosen on the command line: above it
    layer({key: value for key, value in flags.items() if key != "profile"}, "command line")
    _resolve_key(values, sources, environ)
    for key, value in values.items():
        _check_range(key, value, sources.get(key, ""))
    names = {f.name for f in fields(Settings)} - {"sources"}
    return Settings(**{k: v for k, v in values.items() if k in names}, sources=sources)


# The least each number may be: a timeout of 0 s or a budget of -5 tokens is a mistake, said so.
MINIMUMS: dict[str, float] = {
    "timeout": 0.1, "retries": 0, "backoff": 0, "jobs": 1, "max_repairs": 0, "temperature": 0, "max_tokens": 16,
    "context_window": 256, "threads": 1,
}  # fmt: skip


def _check_range(key: str, value: Any, source: str) -> None:
    least = MINIMUMS.get(key)
    if least is not None and isinstance(value, int | float) and value < least:
        raise ConfigError(
            f"{source}: '{key}' must be at least {least:g}, not {value!r}", f"set {key} to {least:g} or more"
        )


def _environment(environ: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if environ.get("OPENAI_BASE_URL"):
        out["base_url"] = environ["OPENAI_BASE_URL"]
    if environ.get("DRAFTER_MODEL"):
        out["model"] = environ["DRAFTER_MODEL"]
    if environ.get("DRAFTER_TIMEOUT"):
        try:
            out["timeout"] = float(environ["DRAFTER_TIMEOUT"])
        except ValueError:
            raise ConfigError(
                f"DRAFTER_TIMEOUT is not a number of seconds: {environ['DRAFTER_TIMEOUT']!r}",
                "e.g. DRAFTER_TIMEOUT=120",
            ) from None
    return out


def _resolve_key(values: dict[str, Any], sources: dict[str, str], environ: Mapping[str, str]) -> None:
    """The key comes from the variable `api_key_env` names, else OPENAI_API_KEY, else the user file."""
    variable = values.get("api_key_env")
    if variable:
        if environ.get(variable):
            values["api_key"], sources["api_key"] = environ[variable], variable
        elif "api_key" not in values:
            raise ConfigError(
                f"{variable} is not set ({sources.get('api_key_env')} names it as the API key's variable)",
                f"export {variable}=… or remove api_key_env",
            )
    elif environ.get("OPENAI_API_KEY"):
        values["api_key"], sources["api_key"] = environ["OPENAI_API_KEY"], "OPENAI_API_KEY"
    if values.get("api_key") is not None:
        values["api_key"] = _clean_key(str(values["api_key"]), sources.get("api_key", "the config"))


def _clean_key(key: str, source: str) -> str:
    """A key as pasted or saved on Windows ends with spaces or a line break: drop them. A key holding anything but
    printable ASCII cannot be sent in a header: say so, without ever showing it."""
    key = key.strip()
    if not key or not all(" " < char < "\x7f" for char in key):
        raise ConfigError(
            f"the API key from {source} holds characters a key cannot hold (a line break, a space, a non-ASCII "
            "character)",
            f"check {source}: copy the key again, on one line",
        )
    return key


def _read_file(path: Path, *, project: bool) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})", "fix the file or move it away") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the config file ({error})") from None
    profiles = data.pop("profiles", {})
    if not isinstance(profiles, dict) or not all(isinstance(p, dict) for p in profiles.values()):
        raise ConfigError(
            f"{path}: [profiles.NAME] must be tables", "[profiles.intranet] on a line of its own, then its settings"
        )
    _validate(data, path, "", project)
    for name, table in profiles.items():
        _validate(table, path, f"profiles.{name}.", project)
        if "profile" in table:
            raise ConfigError(f"{path}: profiles.{name}.profile: a profile cannot name another profile")
    return {**data, "profiles": profiles}


def _validate(table: Mapping[str, Any], path: Path, prefix: str, project: bool) -> None:
    for key, value in table.items():
        if key not in KEYS:
            known = "\n".join(f"    {name}: {description}" for name, (_, description) in KEYS.items())
            raise ConfigError(f"{path}: unknown setting '{prefix}{key}'", f"the settings are:\n{known}")
        expected, _ = KEYS[key]
        if (isinstance(value, bool) and expected is not bool) or not isinstance(value, expected):
            kind = expected.__name__ if isinstance(expected, type) else "number"
            raise ConfigError(f"{path}: '{prefix}{key}' must be a {kind}, not {value!r}")
        if key == "api_key" and project:
            raise ConfigError(
                f"{path}: '{prefix}api_key' in a project file, which is shared",
                "put the key in OPENAI_API_KEY (or the variable api_key_env names), or in the user config",
            )
