"""LibreOffice, when it is installed: old Word and WPS files (`.doc`, `.wps`, `.rtf`) become `.docx` to be
read, and a `.docx` becomes a PDF (to see a layout, and in the tests that measure it).

Each conversion runs headless with a profile of its own in a temporary folder, so it neither touches nor waits
for the writer's own LibreOffice (an open LibreOffice window would otherwise take the job over), and is stopped
after `timeout` seconds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from drafter.errors import DraftError
from drafter.messages import phrase

CONVERT_SECONDS = 180.0


def soffice() -> str | None:
    """The LibreOffice program, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(data: bytes, name: str, suffix: str, to: str, timeout: float = CONVERT_SECONDS) -> bytes:
    """The bytes of `data` (a file of type `suffix`, e.g. ".doc") converted by LibreOffice to `to` ("docx",
    "pdf"). No LibreOffice, a failed or timed-out conversion: a `DraftError` that says what to do instead."""
    program = soffice()
    if program is None:
        raise DraftError(phrase("no_libreoffice"), phrase("no_libreoffice_hint"), where=name)
    with tempfile.TemporaryDirectory(prefix="drafter-office-") as folder:
        work = Path(folder)
        source = work / f"in{suffix}"
        source.write_bytes(data)
        command = [
            program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
            "--nologo", "--nodefault", "--nolockcheck", "--convert-to", to, "--outdir", str(work / "out"),
            str(source),
        ]  # fmt: skip
        environment = {**os.environ, "HOME": str(work)}  # LibreOffice writes into HOME even with its own profile
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, env=environment, check=False)
        except subprocess.TimeoutExpired:
            raise DraftError(phrase("libreoffice_timeout", seconds=int(timeout)), phrase("libreoffice_hint"),
                             where=name) from None  # fmt: skip
        except OSError as error:
            raise DraftError(phrase("libreoffice_failed", reason=error.strerror or str(error)),
                             phrase("libreoffice_hint"), where=name) from None  # fmt: skip
        result = work / "out" / f"in.{to}"
        if not result.is_file():
            raise DraftError(phrase("libreoffice_failed", reason=to), phrase("libreoffice_hint"), where=name)
        return result.read_bytes()
