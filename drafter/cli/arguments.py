"""The command line's grammar: every command, argument and option of `drafter`, with its help in the system's
language (`help_*` in the message catalogue).

Built on the standard library's argparse: it loads in a few milliseconds (a lone `drafter check` is mostly start-up)
and lets every word of the help and of a usage error come from the one catalogue. `parse` returns the namespace with
`run` set to the name of the command's function in `drafter.cli.app`; a usage error raises `UsageError`.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from drafter import __version__
from drafter.cli.lines import wrap
from drafter.errors import EXIT_OK, UsageError
from drafter.messages import Phrase, Words, phrase

REPORT_FORMATS = ("table", "json", "jsonl", "markdown", "html")
GROUPS = ("", "prompts")  # what only names a group of commands: its help is shown
FACTS_FORMATS = ("table", "json")


class HelpShown(Exception):
    """`--help`, `--version` or a bare command printed what it had to; exit with `code`."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def parse(argv: Sequence[str], language: str) -> argparse.Namespace:
    """The arguments of one run — `command` names it in full ("check", "logs show") — or `UsageError` /
    `HelpShown`."""
    parser = build_parser(language)
    try:
        args = parser.parse_args(list(argv))
    except UsageError as error:  # an option the command does not have: point at that command's help
        raise UsageError(error.phrases()[0], phrase("usage_hint", command=_command_of(parser, argv))) from None
    if args.command in GROUPS:  # `drafter` or `drafter prompts` alone: what can follow
        (args.parser_shown or parser).print_help()
        raise HelpShown(2)
    return args


def _command_of(parser: argparse.ArgumentParser, argv: Sequence[str]) -> str:
    """`drafter check`, `drafter logs show`…: the command the arguments name, as far as they name one."""
    found = parser.prog
    for name in argv:
        subparsers = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
        if name.startswith("-") or not subparsers or name not in subparsers[0].choices:
            continue
        parser = subparsers[0].choices[name]
        found = parser.prog
    return found


def build_parser(language: str) -> argparse.ArgumentParser:
    words = Words(language)
    formatter = _formatter(words)
    top = _Parser(
        prog="drafter", description=words["help_drafter"], epilog=words["help_drafter_more"], add_help=False,
        formatter_class=formatter, words=words,
    )  # fmt: skip
    _options(top, words).add_argument(
        "--version", action="version", version=f"drafter {__version__}", help=words["help_version"]
    )
    top.set_defaults(command="", parser_shown=top)
    commands = top.add_subparsers(
        title=words["help_commands"], metavar="COMMAND", parser_class=_Parser, prog="drafter"
    )  # (naming prog spares argparse a help formatter, and its imports, on every run)

    def command(name: str, summary: str, more: str = "", *, parent: Any = commands, group: str = "") -> _Parser:
        made: _Parser = parent.add_parser(
            name, help=words[summary], description=words[summary], epilog=words[more] if more else None,
            add_help=False, formatter_class=formatter, words=words,
        )  # fmt: skip
        made.set_defaults(command=f"{group} {name}".strip(), parser_shown=made)
        return made

    check = command("check", "help_check", "help_check_more")
    _arguments(check, words).add_argument("drafts", nargs="*", metavar="DRAFT", help=words["help_check_draft"])
    options = _options(check, words)
    options.add_argument("--facts", "-f", metavar="FACTS", help=words["help_check_facts"])
    options.add_argument("--batch", metavar="LIST.csv", help=words["help_check_batch"])
    options.add_argument("--format", choices=REPORT_FORMATS, default="table", help=words["help_check_format"])
    options.add_argument("--strict", action="store_true", help=words["help_check_strict"])
    options.add_argument("--ignored", action="store_true", help=words["help_check_ignored"])
    options.add_argument("--all", action="store_true", help=words["help_check_all"])
    options.add_argument("--out", "-o", metavar="REPORT", help=words["help_check_out"])
    options.add_argument("--annotate", metavar="OUT.docx", help=words["help_check_annotate"])
    options.add_argument("--encoding", help=words["help_encoding_draft"])
    options.add_argument("--jobs", "-j", type=_at_least(1), metavar="N", help=words["help_check_jobs"])

    facts = command("facts", "help_facts")
    _arguments(facts, words).add_argument("facts", metavar="FACTS", help=words["help_facts_file"])
    options = _options(facts, words)
    options.add_argument("--format", choices=FACTS_FORMATS, default="table", help=words["help_facts_format"])
    options.add_argument("--encoding", help=words["help_encoding_facts"])

    compose = command("compose", "help_compose", "help_compose_more")
    options = _options(compose, words)
    options.add_argument("--facts", "-f", metavar="FACTS", help=words["help_compose_facts"])
    options.add_argument("--out", "-o", metavar="DRAFT", help=words["help_compose_out"])
    options.add_argument("--report", metavar="REPORT", help=words["help_compose_report"])
    options.add_argument("--fonts", help=words["help_fonts"])
    options.add_argument("--template", metavar="UNIT.docx", help=words["help_template"])
    options.add_argument("--encoding", help=words["help_encoding_facts"])
    options.add_argument("--kind", help=words["help_compose_kind"])
    options.add_argument("--prompts", action="append", metavar="DIR", help=words["help_prompts_dir"])
    options.add_argument("--model", "-m", help=words["help_compose_model"])
    options.add_argument("--profile", help=words["help_profile"])
    options.add_argument("--jobs", "-j", type=_at_least(1), metavar="N", help=words["help_compose_jobs"])
    options.add_argument("--max-repairs", type=_at_least(0), metavar="N", help=words["help_compose_max_repairs"])
    for flag in ("lock-figures", "strict", "allow-unsupported", "no-fix-figures"):
        options.add_argument(f"--{flag}", action="store_true", help=words[f"help_compose_{flag.replace('-', '_')}"])
    options.add_argument("--max-tokens", type=_at_least(1), metavar="N", help=words["help_compose_max_tokens"])
    options.add_argument(
        "--max-tokens-total", type=_at_least(1), metavar="N",
        help=words["help_compose_max_tokens_total"],
    )  # fmt: skip
    for flag in ("cache", "no-log", "fresh", "dry-run", "no-input"):
        options.add_argument(f"--{flag}", action="store_true", help=words[f"help_compose_{flag.replace('-', '_')}"])
    options.add_argument("--timeout", type=_at_least(0.1, float), help=words["help_compose_timeout"])
    options.add_argument("--wait", action="store_true", help=words["help_compose_wait"])

    export = command("export", "help_export", "help_export_more")
    _arguments(export, words).add_argument("draft", metavar="DRAFT", help=words["help_export_draft"])
    options = _options(export, words)
    options.add_argument("--out", "-o", metavar="FILE.docx", help=words["help_export_out"])
    options.add_argument("--fonts", help=words["help_fonts"])
    options.add_argument("--template", metavar="UNIT.docx", help=words["help_template"])
    options.add_argument("--encoding", help=words["help_encoding_draft"])

    doctor = command("doctor", "help_doctor")
    options = _options(doctor, words)
    options.add_argument("--model", "-m", help=words["help_doctor_model"])
    options.add_argument("--profile", help=words["help_doctor_profile"])

    prompts = command("prompts", "help_prompts")
    _options(prompts, words)
    packs = prompts.add_subparsers(title=words["help_commands"], metavar="COMMAND", prog="drafter prompts")
    listing = command("list", "help_prompts_list", parent=packs, group="prompts")
    _options(listing, words).add_argument("--prompts", action="append", metavar="DIR", help=words["help_prompts_dir"])
    show = command("show", "help_prompts_show", parent=packs, group="prompts")
    _arguments(show, words).add_argument("kind", metavar="KIND", help=words["help_prompts_kind"])
    options = _options(show, words)
    options.add_argument("--template", "-t", help=words["help_prompts_template"])
    options.add_argument("--prompts", action="append", metavar="DIR", help=words["help_prompts_dir"])

    logs = command("logs", "help_logs")
    _options(logs, words).add_argument(
        "--limit", "-n", type=_at_least(1), default=20, metavar="N", help=words["help_logs_limit"]
    )
    runs = logs.add_subparsers(title=words["help_commands"], metavar="COMMAND", prog="drafter logs")
    shown = command("show", "help_logs_show", parent=runs, group="logs")
    _arguments(shown, words).add_argument("run_id", type=_at_least(1), metavar="ID", help=words["help_logs_id"])
    _options(shown, words).add_argument("--full", action="store_true", help=words["help_logs_full"])
    return top


def commands(language: str = "en") -> dict[str, argparse.ArgumentParser]:
    """Every command by its full name ("check", "prompts show"), for the README's test and the help's."""

    def walk(parser: argparse.ArgumentParser, prefix: str) -> dict[str, argparse.ArgumentParser]:
        found: dict[str, argparse.ArgumentParser] = {}
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found[f"{prefix}{name}"] = sub
                    found.update(walk(sub, f"{prefix}{name} "))
        return found

    return walk(build_parser(language), "")


class _Parser(argparse.ArgumentParser):
    """An argparse parser that speaks the catalogue's words and raises instead of exiting."""

    def __init__(self, *args: Any, words: Words, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self.words = words

    def error(self, message: str) -> NoReturn:
        raise UsageError(_usage_phrase(message), phrase("usage_hint", command=self.prog))

    def exit(self, status: int = EXIT_OK, message: str | None = None) -> NoReturn:
        if message:
            self._print_message(message)
        raise HelpShown(status)


def _arguments(parser: argparse.ArgumentParser, words: Words) -> argparse._ArgumentGroup:
    return parser.add_argument_group(words["help_arguments"])


def _options(parser: argparse.ArgumentParser, words: Words) -> argparse._ArgumentGroup:
    """The parser's options group (made once, with -h/--help in it)."""
    existing = getattr(parser, "_drafter_options", None)
    if existing is not None:
        return existing  # type: ignore[no-any-return]
    group = parser.add_argument_group(words["help_options"])
    group.add_argument("-h", "--help", action="help", help=words["help_help"])
    parser._drafter_options = group  # type: ignore[attr-defined]
    return group


def _at_least(least: float, kind: Callable[[str], Any] = int) -> Callable[[str], Any]:
    def convert(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"number:{text}") from None
        if value < least:
            raise argparse.ArgumentTypeError(f"least:{least}:{text}")
        return value

    convert.__name__ = "number"
    return convert


# argparse's own English messages, and the catalogue's key for each (names and values filled in).
_ARGPARSE_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (?P<names>.+)", "usage_required"),
    (r"unrecognized arguments: (?P<names>.+)", "usage_unknown"),
    (r"argument (?P<name>\S+?)(/\S+)?: expected one argument", "usage_one_value"),
    (r"argument (?P<name>\S+?)(/\S+)?: ignored explicit argument (?P<value>.+)", "usage_no_value"),
    (r"argument COMMAND: invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)", "usage_command"),
    (r"argument (?P<name>\S+?)(/\S+)?: invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)", "usage_choice"),
    (r"argument (?P<name>\S+?)(/\S+)?: number:(?P<value>.*)", "usage_number"),
    (r"argument (?P<name>\S+?)(/\S+)?: invalid number value: (?P<value>.+)", "usage_number"),
    (r"argument (?P<name>\S+?)(/\S+)?: least:(?P<least>[^:]+):(?P<value>.*)", "usage_at_least"),
)


def _usage_phrase(message: str) -> Phrase:
    for pattern, key in _ARGPARSE_MESSAGES:
        matched = re.fullmatch(pattern, message)
        if matched:
            values = {name: value for name, value in matched.groupdict().items() if value is not None}
            if "choices" in values:  # 'table', 'json' → table, json
                values["choices"] = ", ".join(choice.strip(" '") for choice in values["choices"].split(","))
            if "value" in values:
                values["value"] = values["value"].strip("'")
            if "least" in values:
                values["least"] = values["least"].removesuffix(".0")
            return phrase(key, **values)
    return phrase("usage_other", message=message)


def _formatter(words: Words) -> Callable[..., argparse.HelpFormatter]:
    class Formatter(argparse.HelpFormatter):
        """argparse's help layout, with the catalogue's "usage:" and lines wrapped by display width (a Chinese
        character takes two columns)."""

        def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups, words["help_usage"] if prefix is None else prefix)

        def _format_action_invocation(self, action: argparse.Action) -> str:
            """-f, --facts FACTS: the short option first, the value's name once."""
            if not action.option_strings or action.nargs == 0:
                return super()._format_action_invocation(action)
            names = sorted(action.option_strings, key=lambda name: name.startswith("--"))
            return f"{', '.join(names)} {self._format_args(action, self._get_default_metavar_for_optional(action))}"

        def format_help(self) -> str:
            shown = super().format_help()
            if words.language == "zh":  # a heading ends in a full-width colon
                for key in ("help_arguments", "help_options", "help_commands"):
                    shown = shown.replace(f"\n{words[key]}:\n", f"\n{words[key]}：\n")
            return shown

        def _split_lines(self, text: str, width: int) -> list[str]:
            return wrap(" ".join(text.split()), width)

        def _fill_text(self, text: str, width: int, indent: str) -> str:
            return "\n".join(indent + line for line in wrap(" ".join(text.split()), width - len(indent)))

    return Formatter
