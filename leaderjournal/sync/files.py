"""Reading a file someone else may have put in the sync folder: only a
regular file (never through a link, never waiting on a pipe), only up to a
bound."""

from __future__ import annotations

import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)


def read_regular(path: Path, limit: int) -> bytes | None:
    """At most ``limit + 1`` bytes of ``path`` (more than ``limit``: too
    large), or None if it is not a regular file; OSError if unreadable."""
    if not stat.S_ISREG(path.lstat().st_mode):
        return None
    handle = os.open(path, _FLAGS)
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return None  # replaced by something else since the look above
        return file.read(limit + 1)
