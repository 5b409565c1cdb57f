"""LibreOffice and poppler for the tests that render Word files: one `soffice` call converts a batch, with a
profile of its own and the fontconfig file that maps the 公文 font names to fonts Debian ships.

A missing tool fails the test, never skips it: `scripts/install-system-deps` installs them, and the README's test
command runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FONTS_CONF = ROOT / "tests" / "fonts" / "fonts.conf"  # must be an absolute path for fontconfig
TOOLS = ("soffice", "pdftoppm", "pdffonts")


def require_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"missing {', '.join(missing)}: run scripts/install-system-deps (the README's test command does)")


def office_env(profile: Path) -> dict[str, str]:
    return {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF), "HOME": str(profile)}


def convert(files: list[Path], to: str, folder: Path) -> list[Path]:
    """`files` converted to `to` ("pdf", "doc") into `folder`, in one LibreOffice run."""
    require_tools()
    profile = folder / "lo-profile"
    command = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
               "--convert-to", to, "--outdir", str(folder), *map(str, files)]  # fmt: skip
    completed = subprocess.run(command, capture_output=True, timeout=300, env=office_env(profile), check=False)
    out = [folder / f"{path.stem}.{to.split(':')[0]}" for path in files]
    missing = [path.name for path in out if not path.is_file()]  # soffice exits 0 even when it failed
    assert not missing, f"LibreOffice did not write {missing}: {completed.stderr.decode(errors='replace')}"
    return out


def fonts_of(pdf: Path) -> list[str]:
    """The font names embedded in a PDF (pdffonts), without their subset prefix."""
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split()[0].split("+")[-1] for line in listing.splitlines()[2:] if line.strip()]


def png(pdf: Path, page: int, out: Path, resolution: int = 60) -> Path:
    """One page of a PDF as a PNG a person can look at."""
    subprocess.run(["pdftoppm", "-r", str(resolution), "-f", str(page), "-l", str(page), "-png", "-singlefile",
                    str(pdf), str(out.with_suffix(""))], check=True)  # fmt: skip
    return out
