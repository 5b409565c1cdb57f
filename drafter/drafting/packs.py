"""Prompt packs: one folder per document kind, a small manifest and Jinja2 templates. Prompts are data.

    prompts/work-summary/
        pack.toml      name, title, language, sections in order with guidance and questions
        system.j2      the model's role and rules
        section.j2     one section's prompt, from its facts
        repair.j2      sends a section back, naming the figures it lost or changed
        offline.j2     the section written from the facts without a model (plain phrasing)
        opening.j2     the opening paragraph under the title (no model, no figures of its own)

A manifest may say `extends = "work-summary"`: templates the pack lacks come from that pack.

Templates run in a sandbox with StrictUndefined: a missing variable is an error naming template and variable.
Facts reach templates as values, never as template source, so a writer's `{{` is passed on literally.
"""

from __future__ import annotations

import functools
import re
import threading
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import PromptError
from drafter.figures.numerals import to_chinese
from drafter.messages import phrase

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

MANIFEST = "pack.toml"
DEFAULT_KIND = {"zh": "work-summary", "en": "work-summary-en"}  # for facts that name no pack, by their language
INSTRUCTION_TEMPLATES = ("system.j2", "section.j2", "repair.j2")  # what a model reads as instructions
TEMPLATES = (*INSTRUCTION_TEMPLATES, "offline.j2", "opening.j2")


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """What a pack knows about one kind of section: its guidance, and the questions the writer is asked."""

    title: str
    guidance: str
    questions: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pack:
    name: str
    title: str
    language: str
    description: str
    path: Path
    sections: tuple[SectionSpec, ...]
    generic: SectionSpec
    max_tokens: int = 1200
    source: str = "built-in"
    template_dirs: tuple[Path, ...] = ()  # the pack's folder, then the folders of the packs it extends

    def spec_for(self, title: str) -> SectionSpec:
        """The pack's guidance for a section heading: by title or alias, else the generic guidance."""
        wanted = _normalise(title)
        for spec in self.sections:
            if any(_normalise(name) in wanted for name in (spec.title, *spec.aliases)):
                return spec
        return SectionSpec(title, self.generic.guidance, self.generic.questions)

    def heading(self, index: int, title: str) -> str:
        """The genre's numbered heading: 一、主要工作 in Chinese, 1. Main work in English."""
        if self.language == "zh":
            return f"{chinese_ordinal(index)}、{title}"
        return f"{index}. {title}"

    def template_file(self, name: str) -> Path | None:
        """Where a template comes from: the pack's own folder, else the nearest pack it extends (the one lookup
        rule; rendering follows it too)."""
        for directory in self.template_dirs or (self.path,):
            if (directory / name).is_file():
                return directory / name
        return None

    def template_source(self, name: str) -> str:
        found = self.template_file(name)
        return found.read_text(encoding="utf-8") if found else ""

    def scaffolding(self) -> tuple[str, ...]:
        """The instructions this pack wraps around the facts, which a model's answer must never echo: its prompt
        templates' own wording and its guidance (`drafter.drafting.prose.scaffolding_phrases`)."""
        from drafter.drafting.prose import scaffolding_phrases

        templates = [self.template_source(name) for name in INSTRUCTION_TEMPLATES]
        guidance = [spec.guidance for spec in (*self.sections, self.generic)]
        return scaffolding_phrases(templates, guidance, self.language)

    def render(self, template: str, **context: Any) -> str:
        """Render one of the pack's templates; errors name the pack, template and what went wrong."""
        import jinja2

        where = self.template_file(template) or self.path / template
        try:
            environment = _environment(self.template_dirs or (self.path,))
            return _render_bounded(environment.get_template(template), context).strip() + "\n"
        except jinja2.UndefinedError as error:
            raise PromptError(
                f"prompt pack '{self.name}', template {template}: {error.message}",
                f"fix {where}, or pass the variable",
            ) from None
        except RecursionError:
            raise PromptError(
                f"prompt pack '{self.name}', template {template}: it calls or includes itself without end",
                f"fix {where}",
            ) from None
        except jinja2.TemplateSyntaxError as error:
            raise PromptError(
                f"prompt pack '{self.name}', template {error.name or template} line {error.lineno}: {error.message}",
                f"fix {self.path / (error.name or template)}",
            ) from None
        except jinja2.TemplateNotFound as error:
            raise PromptError(
                f"prompt pack '{self.name}' has no template {error.name}", f"add it to {self.path}"
            ) from None
        except (jinja2.exceptions.SecurityError, OverflowError) as error:
            raise PromptError(f"prompt pack '{self.name}', template {template}: {error}", f"fix {where}") from None
        except (ArithmeticError, LookupError, TypeError, ValueError, jinja2.TemplateError) as error:
            # what a template's own expressions raise: 1 / 0, a missing key, a wrong type
            raise PromptError(f"prompt pack '{self.name}', template {template}: {error}", f"fix {where}") from None


def chinese_ordinal(index: int) -> str:
    """一, 二 … 十, 十一 … 一百零一 … of any size, as the genre numbers its parts."""
    return to_chinese(index)


def _normalise(title: str) -> str:
    return "".join(char for char in title.lower() if char.isalnum())


# What one rendering may cost: a pack is a folder anyone may hand a writer, so a template cannot be allowed to
# loop for hours or fill the memory. Prompts are a few thousand characters; these are far above that.
MAX_RENDERED = 200_000  # characters of output, and of any string or list a template builds with *
MAX_STEPS = 100_000  # loop steps over range() in one rendering, nested loops counted in full
MAX_EXPONENT = 64

_steps = threading.local()


def _render_bounded(template: Any, context: dict[str, Any]) -> str:
    from jinja2.exceptions import SecurityError

    _steps.left = MAX_STEPS
    out: list[str] = []
    size = 0
    for piece in template.generate(**context):
        size += len(piece)
        if size > MAX_RENDERED:
            raise SecurityError(f"it writes more than {MAX_RENDERED:,} characters")
        out.append(piece)
    return "".join(out)


def _bounded_range(*args: int) -> range:
    from jinja2.exceptions import SecurityError

    steps = range(*args)
    left = getattr(_steps, "left", MAX_STEPS) - len(steps)
    if left < 0:
        raise SecurityError(f"its loops take more than {MAX_STEPS:,} steps")
    _steps.left = left
    return steps


_PERCENT_SPEC = re.compile(r"%[#0\- +]*(\d*)(?:\.(\d+))?")
_FORMAT_SPEC = re.compile(r"\{[^{}]*?:[^{}\d]*(\d*)(?:\.(\d+))?[^{}]*\}")


def _widths(text: str, spec: re.Pattern[str]) -> tuple[int, ...]:
    return tuple(int(number) for match in spec.finditer(text) for number in match.groups() if number)


def _check_sizes(values: tuple[Any, ...], widths: tuple[int, ...] = ()) -> None:
    """A call or a format whose numbers ask for a string larger than a rendering may write is refused before it
    is built (`center(999999999)`, `'%0999999999d'`)."""
    from jinja2.exceptions import SecurityError

    numbers = [*widths, *(v for v in values if isinstance(v, int) and not isinstance(v, bool))]
    if any(abs(number) > MAX_RENDERED for number in numbers):
        raise SecurityError(f"it asks for more than {MAX_RENDERED:,} characters")


def _bounded_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)  # keeps jinja's pass_context/pass_environment marks
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_sizes((*args, *kwargs.values()))
        return function(*args, **kwargs)

    return bounded


@functools.cache
def _environment(paths: tuple[Path, ...]) -> SandboxedEnvironment:
    """The sandboxed environment of a pack's template folders (one per folders, made once: Jinja keeps the
    compiled templates, and notices a template edited since)."""
    import jinja2
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class Bounded(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "%"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"a power above {MAX_EXPONENT}")
            if operator == "%" and isinstance(left, str):
                _check_sizes(right if isinstance(right, tuple) else (right,), _widths(left, _PERCENT_SPEC))
            if operator == "*":
                for sequence, times in ((left, right), (right, left)):
                    sized = isinstance(sequence, str | list | tuple) and isinstance(times, int)
                    if sized and len(sequence) * times > MAX_RENDERED:
                        raise SecurityError(f"it builds more than {MAX_RENDERED:,} characters or items")
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            spec = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)  # the sandbox wraps str.format
            widths = _widths(spec, _FORMAT_SPEC) if isinstance(spec, str) else ()
            if __obj is not _bounded_range:  # range() counts its steps itself
                _check_sizes((*args, *kwargs.values()), widths)
            return super().call(__context, __obj, *args, **kwargs)

    environment = Bounded(
        loader=jinja2.FileSystemLoader([str(path) for path in paths]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    for name, function in list(environment.filters.items()):
        environment.filters[name] = _bounded_filter(function)
    environment.filters["chinese_ordinal"] = chinese_ordinal
    environment.globals["range"] = _bounded_range
    return environment


def builtin_dir() -> Path:
    """Where the built-in packs are: inside the installed package, or `prompts/` in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "prompts"
    return installed if installed.is_dir() else package.parent / "prompts"


def pack_dirs(extra: list[Path] | None = None) -> list[tuple[Path, str]]:
    """Pack folders in search order: the user's (`--prompts DIR`) first, then the built-in ones."""
    out = [(directory, str(directory)) for directory in (extra or [])]
    return [*out, (builtin_dir(), "built-in")]


def list_packs(extra: list[Path] | None = None) -> list[Pack]:
    """Every pack, a user pack shadowing a built-in one of the same name."""
    found: dict[str, Pack] = {}
    for directory, source in pack_dirs(extra):
        if not directory.is_dir():
            raise PromptError(f"{directory}: no such prompts directory", "check the --prompts path")
        for manifest in sorted(directory.glob(f"*/{MANIFEST}")):
            pack = read_pack(manifest.parent, source)
            found.setdefault(pack.name, pack)
    return sorted(found.values(), key=lambda pack: pack.name)


def load_pack(kind: str, extra: list[Path] | None = None) -> Pack:
    packs = {pack.name: pack for pack in list_packs(extra)}
    if kind not in packs:
        raise PromptError(phrase("no_such_pack", kind=kind, packs=", ".join(packs)), phrase("no_such_pack_hint"))
    return packs[kind]


# The manifest's keys: (type, required). Checked like the config: a pack is a folder anyone may hand a writer.
MANIFEST_KEYS: dict[str, tuple[type | tuple[type, ...], bool]] = {
    "name": (str, True), "title": (str, True), "language": (str, False), "description": (str, False),
    "max_tokens": (int, False), "extends": (str, False), "generic": (dict, True), "sections": (list, False),
}  # fmt: skip
SPEC_KEYS: dict[str, tuple[type, bool]] = {"title": (str, True), "guidance": (str, True), "questions": (list, False),
                                           "aliases": (list, False)}  # fmt: skip
LANGUAGES = ("zh", "en")
_PACK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def read_pack(path: Path, source: str = "built-in") -> Pack:
    manifest = path / MANIFEST
    data = _read_manifest(manifest)
    _check_table(data, MANIFEST_KEYS, manifest, "")
    name, language, max_tokens = data["name"], data.get("language", "zh"), data.get("max_tokens", 1200)
    if language not in LANGUAGES:
        raise PromptError(f"{manifest}: 'language' must be one of {', '.join(LANGUAGES)}, not {language!r}")
    if isinstance(max_tokens, bool) or not 16 <= max_tokens <= 100_000:
        raise PromptError(f"{manifest}: 'max_tokens' must be a whole number from 16 to 100000, not {max_tokens!r}")
    if name != path.name:
        raise PromptError(f"{manifest}: name '{name}' differs from its folder '{path.name}'")
    sections = data.get("sections", [])
    for index, item in enumerate(sections, start=1):
        _check_spec(item, manifest, f"sections[{index}].")
    _check_spec({"title": "", **data["generic"]}, manifest, "generic.")
    pack = Pack(
        name=name,
        title=data["title"],
        language=language,
        description=data.get("description", ""),
        path=path,
        sections=tuple(_spec(item) for item in sections),
        generic=_spec({"title": "", **data["generic"]}),
        max_tokens=max_tokens,
        source=source,
        template_dirs=(path, *_ancestors(path, data.get("extends"))),
    )
    missing = [name for name in TEMPLATES if pack.template_file(name) is None]
    if missing:
        raise PromptError(f"{path}: pack '{pack.name}' lacks {', '.join(missing)}", f"add them to {path}")
    return pack


def _read_manifest(manifest: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise PromptError(f"{manifest}: cannot read the pack manifest ({error})") from None


def _check_table(table: object, keys: dict[str, Any], manifest: Path, prefix: str) -> None:
    hint = "see prompts/work-summary/pack.toml"
    if not isinstance(table, dict):
        raise PromptError(f"{manifest}: '{prefix.rstrip('.')}' must be a table", hint)
    for key, value in table.items():
        if key not in keys:
            raise PromptError(f"{manifest}: unknown key '{prefix}{key}' (known: {', '.join(keys)})", hint)
        kind = keys[key][0]
        if isinstance(value, bool) or not isinstance(value, kind):
            expected = kind.__name__ if isinstance(kind, type) else "number"
            expected = {"str": "text", "dict": "table", "list": "list", "int": "whole number"}.get(expected, expected)
            raise PromptError(f"{manifest}: '{prefix}{key}' must be a {expected}, not {value!r}", hint)
    absent = [key for key, (_, required) in keys.items() if required and key not in table]
    if absent:
        raise PromptError(f"{manifest}: '{prefix}{absent[0]}' is missing", hint)


def _check_spec(item: object, manifest: Path, prefix: str) -> None:
    _check_table(item, SPEC_KEYS, manifest, prefix)
    assert isinstance(item, dict)
    if prefix != "generic." and not item["title"].strip():
        raise PromptError(f"{manifest}: '{prefix}title' is empty")
    for key in ("questions", "aliases"):
        if not all(isinstance(entry, str) for entry in item.get(key, [])):
            raise PromptError(f"{manifest}: '{prefix}{key}' must be a list of texts")


def _ancestors(path: Path, extends: object, depth: int = 0) -> tuple[Path, ...]:
    """The folders of the packs `extends` names, nearest first: a sibling folder, else a built-in pack. A name,
    never a path: a pack cannot reach outside the packs folders."""
    if extends is None:
        return ()
    manifest = path / MANIFEST
    if not isinstance(extends, str) or not _PACK_NAME.fullmatch(extends) or ".." in extends:
        raise PromptError(
            f"{manifest}: 'extends' must be the name of one pack (a folder beside it, or a built-in pack), "
            f"not {extends!r}",
            'e.g. extends = "work-summary"',
        )
    if depth > 5:
        raise PromptError(f"{manifest}: 'extends' goes round in a cycle")
    for candidate in (path.parent / extends, builtin_dir() / extends):
        if (candidate / MANIFEST).is_file() and candidate.resolve() != path.resolve():
            parent = _read_manifest(candidate / MANIFEST).get("extends")
            return (candidate, *_ancestors(candidate, parent, depth + 1))
    raise PromptError(f"{manifest}: extends unknown pack '{extends}'", "name a folder beside it, or a built-in pack")


def _spec(item: dict[str, Any]) -> SectionSpec:
    return SectionSpec(
        title=str(item["title"]),
        guidance=str(item["guidance"]).strip(),
        questions=tuple(str(q) for q in item.get("questions", [])),
        aliases=tuple(str(a) for a in item.get("aliases", [])),
    )
