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

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import PromptError

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

MANIFEST = "pack.toml"
TEMPLATES = ("system.j2", "section.j2", "repair.j2", "offline.j2", "opening.j2")
CHINESE_NUMBERS = "一二三四五六七八九十"


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
    _renderer: list[SandboxedEnvironment] = field(default_factory=list, repr=False, compare=False)

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
        templates' own wording and its guidance (`drafter.prose.scaffolding_phrases`)."""
        from drafter.prose import scaffolding_phrases

        templates = [self.template_source(name) for name in ("system.j2", "section.j2", "repair.j2")]
        guidance = [spec.guidance for spec in (*self.sections, self.generic)]
        return scaffolding_phrases(templates, guidance, self.language)

    def render(self, template: str, **context: Any) -> str:
        """Render one of the pack's templates; errors name the pack, template and what went wrong."""
        import jinja2

        if not self._renderer:
            self._renderer.append(_environment(self.template_dirs or (self.path,)))
        try:
            return self._renderer[0].get_template(template).render(**context).strip() + "\n"
        except jinja2.UndefinedError as error:
            raise PromptError(
                f"prompt pack '{self.name}', template {template}: {error.message}",
                f"fix {self.path / template}, or pass the variable",
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
        except jinja2.exceptions.SecurityError as error:
            raise PromptError(f"prompt pack '{self.name}', template {template}: unsafe: {error}") from None


def chinese_ordinal(index: int) -> str:
    if index <= 10:
        return CHINESE_NUMBERS[index - 1]
    tens, ones = divmod(index, 10)
    return ("" if tens == 1 else CHINESE_NUMBERS[tens - 1]) + "十" + (CHINESE_NUMBERS[ones - 1] if ones else "")


def _normalise(title: str) -> str:
    return "".join(char for char in title.lower() if char.isalnum())


def _environment(paths: tuple[Path, ...]) -> SandboxedEnvironment:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    environment = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(path) for path in paths]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["chinese_ordinal"] = chinese_ordinal
    return environment


def builtin_dir() -> Path:
    """Where the built-in packs are: inside the installed package, or `prompts/` in a source checkout."""
    package = Path(__file__).resolve().parent
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
        raise PromptError(
            f"unknown document kind '{kind}' (packs: {', '.join(packs)})",
            "choose one with --kind, set kind: in the facts' front matter, or add a pack with --prompts DIR",
        )
    return packs[kind]


def read_pack(path: Path, source: str = "built-in") -> Pack:
    manifest = path / MANIFEST
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise PromptError(f"{manifest}: cannot read the pack manifest ({error})") from None
    try:
        sections = tuple(_spec(item) for item in data.get("sections", []))
        pack = Pack(
            name=str(data["name"]),
            title=str(data["title"]),
            language=str(data.get("language", "zh")),
            description=str(data.get("description", "")),
            path=path,
            sections=sections,
            generic=_spec({"title": "", **data["generic"]}),
            max_tokens=int(data.get("max_tokens", 1200)),
            source=source,
            template_dirs=(path, *_ancestors(path, data.get("extends"))),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise PromptError(f"{manifest}: missing or malformed {error}", "see prompts/work-summary/pack.toml") from None
    missing = [name for name in TEMPLATES if not any((d / name).is_file() for d in pack.template_dirs)]
    if missing:
        raise PromptError(f"{path}: pack '{pack.name}' lacks {', '.join(missing)}", f"add them to {path}")
    if pack.name != path.name:
        raise PromptError(f"{manifest}: name '{pack.name}' differs from its folder '{path.name}'")
    return pack


def _ancestors(path: Path, extends: object, depth: int = 0) -> tuple[Path, ...]:
    """The folders of the packs `extends` names, nearest first: a sibling folder, else a built-in pack."""
    if extends is None:
        return ()
    if not isinstance(extends, str) or depth > 5:
        raise PromptError(f"{path / MANIFEST}: 'extends' must name one pack, without cycles")
    for candidate in (path.parent / extends, builtin_dir() / extends):
        if (candidate / MANIFEST).is_file() and candidate != path:
            parent = tomllib.loads((candidate / MANIFEST).read_text(encoding="utf-8")).get("extends")
            return (candidate, *_ancestors(candidate, parent, depth + 1))
    raise PromptError(f"{path / MANIFEST}: extends unknown pack '{extends}'")


def _spec(item: dict[str, Any]) -> SectionSpec:
    return SectionSpec(
        title=str(item["title"]),
        guidance=str(item["guidance"]).strip(),
        questions=tuple(str(q) for q in item.get("questions", [])),
        aliases=tuple(str(a) for a in item.get("aliases", [])),
    )
