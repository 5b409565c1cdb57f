"""`drafter doctor`: is the configured endpoint reachable, is the key accepted, is the model there, does it report
streaming usage? Each check says what to fix. Returns plain data; the CLI prints it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from drafter.config import Settings, find_project_file, user_config_file
from drafter.errors import DrafterError, ModelError
from drafter.messages import Phrase, phrase
from drafter.models import Listener, Policy, model_choice

OK, WARN, FAIL, INFO = "ok", "warn", "fail", "info"


@dataclass(frozen=True, slots=True)
class Check:
    """One check: `name` is its id (its title is the message `doctor_NAME`), `detail` and `hint` say what was
    found and what to do, in any language."""

    name: str
    status: str
    detail: Phrase | str | tuple[Phrase, ...]  # several: said one after another
    hint: Phrase | str = ""

    def text(self, language: str) -> tuple[str, str, str]:
        """Title, detail and hint in `language`."""
        title = phrase(f"doctor_{self.name.replace(' ', '_')}").text(language)
        return title, _said(self.detail, language), _said(self.hint, language)


def _said(part: Phrase | str | tuple[Phrase, ...], language: str) -> str:
    if isinstance(part, tuple):
        return ("；" if language == "zh" else "; ").join(_said(each, language) for each in part)
    return part.text(language) if isinstance(part, Phrase) else part


def _failed(name: str, error: DrafterError) -> Check:
    return Check(name, FAIL, *error.phrases())


def run_checks(settings: Settings) -> list[Check]:
    checks = [_configuration(settings), _tokenizer()]
    try:
        choice = model_choice(settings)
    except DrafterError as error:
        return [*checks, _failed("model", error)]
    if choice == "offline":
        return [
            *checks,
            Check("model", INFO, phrase("doctor_offline"), phrase("doctor_offline_hint")),
        ]
    if choice.startswith("local:"):
        return [*checks, *_local(choice, settings)]
    return [*checks, *_endpoint(choice, settings)]


def _configuration(settings: Settings) -> Check:
    project = find_project_file(Path.cwd())
    user = user_config_file()
    parts = [
        phrase("doctor_config_user", path=user) if user.is_file() else phrase("doctor_config_user_none", path=user),
        phrase("doctor_config_project", path=project) if project else phrase("doctor_config_project_none"),
    ]
    if settings.profile:
        parts.append(phrase("doctor_config_profile", profile=settings.profile))
    source = settings.sources.get("api_key")
    parts.append(phrase("doctor_config_key", source=source) if settings.api_key else phrase("doctor_config_no_key"))
    return Check("configuration", OK, tuple(parts))


def _tokenizer() -> Check:
    from drafter.models.tokens import load_encodings

    try:
        names = load_encodings()
    except (OSError, ValueError, RuntimeError) as error:
        return Check("tokenizer", FAIL, phrase("doctor_tokenizer_failed", error=error), phrase("doctor_reinstall"))
    return Check("tokenizer", OK, phrase("doctor_tokenizer_ok", names=", ".join(names)))


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
                return [_failed("reachable", error)]
            checks.append(Check("reachable", OK, phrase("doctor_answers", where=where)))
            checks.append(Check("models", WARN, phrase("doctor_no_list")))
        else:
            checks.append(Check("reachable", OK, phrase("doctor_answers", where=where)))
            checks.append(Check("key", OK, phrase("doctor_key_accepted" if settings.api_key else "doctor_key_none")))
            if choice in listed:
                checks.append(Check("model", OK, phrase("doctor_model_listed", model=choice)))
            else:
                shown = ", ".join(listed[:8]) + (" …" if len(listed) > 8 else "")
                checks.append(Check("model", WARN, phrase("doctor_model_unlisted", model=choice, shown=shown),
                                    phrase("doctor_check_model")))  # fmt: skip
        try:
            completion = model.execute([{"role": "user", "content": "Say OK."}], max_tokens=1, listener=Listener())
        except ModelError as error:
            return [*checks, _failed("chat", error)]
        checks.append(Check("chat", OK, phrase("doctor_chat_ok", model=choice)))
        if not model.stream_usage:
            checks.append(Check("streaming usage", WARN, phrase("doctor_no_stream_options")))
        elif completion.prompt_tokens is None:
            checks.append(Check("streaming usage", WARN, phrase("doctor_stream_no_usage")))
        else:
            checks.append(Check("streaming usage", OK, phrase("doctor_stream_usage_ok")))
    finally:
        model.close()
    return checks


def _local(choice: str, settings: Settings) -> list[Check]:
    from drafter.models.local import LocalModel

    checks = _gguf(Path(choice.removeprefix("local:")).expanduser())
    try:
        model = LocalModel(choice.removeprefix("local:"), parallel=1, policy=replace(Policy(), retries=0))
    except ModelError as error:
        return [_failed("local model", error)]
    try:
        model.execute([{"role": "user", "content": "Say OK."}], max_tokens=1, listener=Listener())
    except ModelError as error:
        return [*checks, _failed("local model", error)]
    finally:
        model.close()
    return [*checks, Check("local model", OK, phrase("doctor_local_ok", name=model.name))]


_GGUF_KEYS = {"general.name", "general.languages", "tokenizer.chat_template"}


def _gguf(path: Path) -> list[Check]:
    """What the model file says of itself: a chat template (without one llama.cpp falls back to ChatML, and a base
    model writes <|im_end|> as text), and the languages it was trained for."""
    from drafter.models.gguf import GGUFError, read_metadata

    try:
        meta = read_metadata(path, _GGUF_KEYS)
    except (OSError, GGUFError) as error:
        return [Check("model file", FAIL, f"{path}: {error}", phrase("doctor_gguf_hint"))]
    name = meta.get("general.name") or path.name
    checks = [Check("model file", OK, f"{name}")]
    if not meta.get("tokenizer.chat_template"):
        checks.append(
            Check("chat template", WARN, phrase("doctor_no_chat_template"), phrase("doctor_no_chat_template_hint"))
        )
    languages = [str(language) for language in meta.get("general.languages") or []]
    if languages and "zh" not in languages:
        checks.append(
            Check("languages", WARN, phrase("doctor_languages_not_zh", languages=", ".join(languages)),
                  phrase("doctor_languages_not_zh_hint"))
        )  # fmt: skip
    return checks
