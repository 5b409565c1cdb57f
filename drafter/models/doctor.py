"""`drafter doctor`: is the configured endpoint reachable, is the key accepted, is the model there, does it report
streaming usage? Each check says what to fix. Returns plain data; the CLI prints it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from drafter.config import Settings, find_project_file, user_config_file
from drafter.errors import DrafterError, ModelError
from drafter.models import Listener, Policy, model_choice

OK, WARN, FAIL, INFO = "ok", "warn", "fail", "info"


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    status: str
    detail: str
    hint: str = ""


def run_checks(settings: Settings) -> list[Check]:
    checks = [_configuration(settings), _tokenizer()]
    try:
        choice = model_choice(settings)
    except DrafterError as error:
        return [*checks, Check("model", FAIL, error.message, error.hint)]
    if choice == "offline":
        return [
            *checks,
            Check(
                "model",
                INFO,
                "no endpoint is configured: compose uses the offline backend (no model; the facts in plain phrasing)",
                "set OPENAI_BASE_URL / OPENAI_API_KEY and --model, or model = in drafter.toml",
            ),
        ]
    if choice.startswith("local:"):
        return [*checks, *_local(choice, settings)]
    return [*checks, *_endpoint(choice, settings)]


def _configuration(settings: Settings) -> Check:
    project = find_project_file(Path.cwd())
    files = [f"user {user_config_file()}" + ("" if user_config_file().is_file() else " (none)")]
    files.append(f"project {project}" if project else "project drafter.toml (none)")
    profile = f"; profile '{settings.profile}'" if settings.profile else ""
    key = f"; key from {settings.sources.get('api_key')}" if settings.api_key else "; no API key"
    return Check("configuration", OK, "; ".join(files) + profile + key)


def _tokenizer() -> Check:
    from drafter.models.tokens import load_encodings

    try:
        names = load_encodings()
    except (OSError, ValueError, RuntimeError) as error:
        return Check("tokenizer", FAIL, f"the bundled encodings do not load ({error})", "reinstall drafter")
    return Check("tokenizer", OK, f"offline encodings {' and '.join(names)} ready (bundled, no download)")


def _endpoint(choice: str, settings: Settings) -> list[Check]:
    from drafter.models.openai_backend import OpenAIModel

    policy = Policy(min(settings.timeout, 20.0), 0, 0.0, None, True)
    model = OpenAIModel(choice, base_url=settings.base_url, api_key=settings.api_key, policy=policy)
    where = model.endpoint
    checks: list[Check] = []
    try:
        try:
            listed = model.list_models()
        except ModelError as error:
            if "404" not in error.message:
                return [Check("reachable", FAIL, error.message, error.hint)]
            checks.append(Check("reachable", OK, f"{where} answers"))
            checks.append(Check("models", WARN, "the endpoint does not list its models (404)"))
        else:
            checks.append(Check("reachable", OK, f"{where} answers"))
            checks.append(Check("key", OK, "accepted" if settings.api_key else "none needed"))
            if choice in listed:
                checks.append(Check("model", OK, f"'{choice}' is listed"))
            else:
                shown = ", ".join(listed[:8]) + (" …" if len(listed) > 8 else "")
                checks.append(
                    Check("model", WARN, f"'{choice}' is not among the listed models ({shown})", "check --model")
                )
        try:
            completion = model.execute([{"role": "user", "content": "Say OK."}], max_tokens=1, listener=Listener())
        except ModelError as error:
            return [*checks, Check("chat", FAIL, error.message, error.hint)]
        checks.append(Check("chat", OK, f"'{choice}' answers chat completions"))
        if not model.stream_usage:
            checks.append(
                Check(
                    "streaming usage",
                    WARN,
                    "the endpoint refuses stream_options: tokens are counted with tiktoken instead",
                    "",
                )
            )
        elif completion.prompt_tokens is None:
            checks.append(Check("streaming usage", WARN, "the endpoint streams without reporting usage"))
        else:
            checks.append(Check("streaming usage", OK, "reported with the stream"))
    finally:
        model.close()
    return checks


def _local(choice: str, settings: Settings) -> list[Check]:
    from drafter.models.local import LocalModel

    checks = _gguf(Path(choice.removeprefix("local:")).expanduser())
    try:
        model = LocalModel(choice.removeprefix("local:"), parallel=1, policy=replace(Policy(), retries=0))
    except ModelError as error:
        return [Check("local model", FAIL, error.message, error.hint)]
    try:
        model.execute([{"role": "user", "content": "Say OK."}], max_tokens=1, listener=Listener())
    except ModelError as error:
        return [*checks, Check("local model", FAIL, error.message, error.hint)]
    finally:
        model.close()
    return [*checks, Check("local model", OK, f"llama.cpp loaded {model.name} and answers")]


_GGUF_KEYS = {"general.name", "general.languages", "tokenizer.chat_template"}


def _gguf(path: Path) -> list[Check]:
    """What the model file says of itself: a chat template (without one llama.cpp falls back to ChatML, and a base
    model writes <|im_end|> as text), and the languages it was trained for."""
    from drafter.models.gguf import GGUFError, read_metadata

    try:
        meta = read_metadata(path, _GGUF_KEYS)
    except (OSError, GGUFError) as error:
        return [Check("model file", FAIL, f"{path}: {error}", "give the path of a .gguf file")]
    name = meta.get("general.name") or path.name
    checks = [Check("model file", OK, f"{name}")]
    if not meta.get("tokenizer.chat_template"):
        checks.append(
            Check(
                "chat template", WARN, "the model file has no chat template: llama.cpp falls back to ChatML",
                "use an instruction-tuned (chat) GGUF; a base model does not follow the prompts",
            )
        )  # fmt: skip
    languages = [str(language) for language in meta.get("general.languages") or []]
    if languages and "zh" not in languages:
        checks.append(
            Check(
                "languages", WARN, f"the model file lists {', '.join(languages)}, not Chinese (zh)",
                "Chinese packs need a model that writes Chinese (e.g. a Qwen GGUF); English packs are fine",
            )
        )  # fmt: skip
    return checks
