"""What a folder's disk allows: its free space, whether it is mounted
read-only, and a rename in it made to last through a power cut."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` last through a power cut (POSIX only)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def free_space(folder: Path) -> int | None:
    """Bytes free for this user on ``folder``'s disk (None if it cannot be told)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def read_only_disk(folder: Path) -> bool:
    """Whether ``folder`` is on a disk mounted read-only."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # AttributeError: no statvfs on Windows
        return False
