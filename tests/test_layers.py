"""Imports point one way: the command line → drafting → review → documents → the figure engine, with the models
beside documents and the foundation (errors, messages, settings) under everything. The folder tree is the
architecture only while this holds; every import counts, also one inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "drafter"

# Each part and the parts it may import (besides itself).
MAY_IMPORT: dict[str, set[str]] = {
    "figures": set(),
    "foundation": {"foundation"},
    "documents": {"foundation", "figures"},
    "models": {"foundation"},
    "review": {"documents", "figures", "foundation"},
    "drafting": {"review", "documents", "models", "figures", "foundation"},
    "cli": {"drafting", "review", "documents", "models", "figures", "foundation"},
    "entry": {"cli", "foundation"},
}
FOUNDATION = {"errors", "messages", "config"}


def part(module: str) -> str:
    """The part a module belongs to: `drafter.review.check` → review, `drafter.errors` → foundation."""
    name = module.split(".")[1] if "." in module else ""
    if name in FOUNDATION:
        return "foundation"
    return name if name in MAY_IMPORT else "entry"


def imports(module: str, source: str) -> list[tuple[int, str]]:
    """Every drafter module `source` imports, with its line: `from drafter import x` counts as drafter.x."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*module.split(".")[: -node.level], *([base] if base else [])])
            names = [f"{base}.{alias.name}" for alias in node.names] if base == "drafter" else [base]
            out += [(node.lineno, name) for name in names if name.split(".")[0] == "drafter"]
        elif isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "drafter"]
    return out


def violations(modules: dict[str, str]) -> list[str]:
    """`module: line: …` for every import against the direction, in `modules` (name → source)."""
    wrong = []
    for module, source in sorted(modules.items()):
        mine = part(module)
        for line, imported in imports(module, source):
            theirs = part(imported)
            if imported == "drafter.__version__":
                continue  # the version is everyone's
            if theirs != mine and theirs not in MAY_IMPORT[mine]:
                wrong.append(f"{module}:{line}: {mine} imports {imported} ({theirs})")
    return wrong


def _package() -> dict[str, str]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        out[module] = path.read_text(encoding="utf-8")
    return out


def test_imports_point_one_way():
    assert not violations(_package()), "\n".join(violations(_package()))


def test_every_module_is_in_a_part():
    assert {part(module) for module in _package()} <= set(MAY_IMPORT)
    assert [module for module in _package() if part(module) == "entry"] == ["drafter", "drafter.__main__"]


def test_an_import_against_the_direction_is_caught():
    modules = {
        "drafter.documents.bad": "def f():\n    from drafter.cli.app import app\n",
        "drafter.figures.bad": "from drafter import errors\n",
        "drafter.review.bad": "from ..drafting import packs\n",
        "drafter.drafting.good": "from drafter.review.check import check_draft\nfrom drafter import __version__\n",
    }
    assert violations(modules) == [
        "drafter.documents.bad:2: documents imports drafter.cli.app (cli)",
        "drafter.figures.bad:1: figures imports drafter.errors (foundation)",
        "drafter.review.bad:1: review imports drafter.drafting (drafting)",
    ]
