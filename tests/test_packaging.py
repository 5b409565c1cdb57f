"""What a user installs: the wheel carries the prompt packs and the tokenizer files, and drafter runs from it.

Built offline (`--no-index`, no build isolation), unpacked, and run with the test environment's dependencies —
never from the source tree, where the packs would be found anyway.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "--no-index",
         "--wheel-dir", str(out), "--quiet"],
        check=True, capture_output=True,
    )  # fmt: skip
    [wheel] = out.glob("drafter_cli-*.whl")
    target = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def run_installed(site: Path, cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(site), "DRAFTER_HOME": str(home)}
    environment.pop("TIKTOKEN_CACHE_DIR", None)
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=environment, capture_output=True, text=True, check=False
    )


def test_the_wheel_carries_packs_and_encodings(unpacked_wheel):
    names = {str(p.relative_to(unpacked_wheel)) for p in unpacked_wheel.rglob("*") if p.is_file()}
    for pack in ("work-summary", "union-work-summary", "work-summary-en"):
        assert f"drafter/prompts/{pack}/pack.toml" in names
    assert "drafter/prompts/work-summary/section.j2" in names
    assert {"drafter/data/tiktoken/cl100k_base.tiktoken.gz", "drafter/data/tiktoken/o200k_base.tiktoken.gz"} <= names


def test_drafter_runs_from_the_wheel(unpacked_wheel, tmp_path):
    where = run_installed(unpacked_wheel, tmp_path, tmp_path / "home", "-c", "import drafter; print(drafter.__file__)")
    assert where.stdout.strip() == str(unpacked_wheel / "drafter" / "__init__.py")
    packs = run_installed(unpacked_wheel, tmp_path, tmp_path / "home", "-m", "drafter", "prompts", "list")
    assert packs.returncode == 0 and packs.stdout.count("built-in") == 3
    facts = ROOT / "fixtures" / "union-2023h1" / "facts.md"
    dry = run_installed(unpacked_wheel, tmp_path, tmp_path / "home", "-m", "drafter", "compose", "--facts", str(facts),
                        "--dry-run")  # fmt: skip
    assert dry.returncode == 0 and "上下文预算" in dry.stdout  # tokens counted with the bundled encodings
    composed = run_installed(unpacked_wheel, tmp_path, tmp_path / "home", "-m", "drafter", "compose", "--facts",
                             str(facts), "--out", "d.md", "--no-input")  # fmt: skip
    assert composed.returncode == 0, composed.stderr
    assert (tmp_path / "d.md").read_text(encoding="utf-8").startswith("# 局工会2023年上半年工作总结")
