"""Looking at files the way the tests about data safety need to."""

from __future__ import annotations

import hashlib
import stat
import sys
from pathlib import Path

import pytest

posix_only = pytest.mark.skipif(
    sys.platform == "win32", reason="POSIX file modes do not apply on Windows"
)


def sha256(path: Path) -> str:
    """A file's exact bytes, as a digest: equal digests, unchanged file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    """A file's permission bits, e.g. 0o600."""
    return stat.S_IMODE(path.stat().st_mode)


def wal_bytes(path: Path) -> int:
    """The size of a journal's write-ahead log (0 when it has none)."""
    wal = path.with_name(path.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0
