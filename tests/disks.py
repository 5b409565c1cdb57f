"""Folders that refuse writes for real, for the tests of full disks and read-only folders.

As root (CI) a small tmpfs is mounted: it really fills up, or is really read-only. Where nothing can be mounted,
RLIMIT_FSIZE stands in for a full disk (writing past the limit fails with EFBIG, which drafter reports as a full
disk) — set on a drafter process of its own, or, for a moment, on this one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path


def mount_tmpfs(path: Path, size: str, *options: str) -> bool:
    """Mount a tmpfs of `size` on `path`; False where this process may not (not root, or no capability)."""
    if os.geteuid() != 0:
        return False
    mount = ["mount", "-t", "tmpfs", "-o", ",".join([f"size={size}", *options]), "tmpfs", str(path)]
    return subprocess.run(mount, check=False, capture_output=True).returncode == 0


def unmount(path: Path) -> None:
    subprocess.run(["umount", str(path)], check=False, capture_output=True)


class Disk:
    """A folder on a 64 KB tmpfs that can be filled and freed; `mounted` False: see the module's note."""

    def __init__(self, folder: Path, size: str = "64k") -> None:
        self.folder = folder
        folder.mkdir()
        self.mounted = mount_tmpfs(folder, size)
        self._limit: tuple[int, int] | None = None

    def fill(self, leave: int = 0) -> None:
        """Fill the disk, leaving about `leave` bytes free (without a mount: no file of this process may grow
        past 16 bytes until `free`)."""
        if not self.mounted:
            import resource

            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            self._limit = resource.getrlimit(resource.RLIMIT_FSIZE)
            resource.setrlimit(resource.RLIMIT_FSIZE, (16, self._limit[1]))
            return
        descriptor = os.open(self.folder / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(descriptor, b"x" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(descriptor)
        size = (self.folder / "filler").stat().st_size
        os.truncate(self.folder / "filler", max(0, size - leave))

    def free(self) -> None:
        if self.mounted:
            (self.folder / "filler").unlink()
        elif self._limit is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_FSIZE, self._limit)
            self._limit = None

    def run_drafter(self, *args: str | Path, cwd: Path, limit: int) -> subprocess.CompletedProcess[str]:
        """drafter in a process of its own; without a mount, one whose files may not grow past `limit` bytes."""

        def limited() -> None:
            import resource

            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        return subprocess.run(
            [sys.executable, "-m", "drafter", *map(str, args)], capture_output=True, text=True, cwd=cwd, check=False,
            preexec_fn=None if self.mounted else limited,
        )  # fmt: skip

    def close(self) -> None:
        if self.mounted:
            unmount(self.folder)
        else:
            self.free()
