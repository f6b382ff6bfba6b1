"""Connections to an encrypted journal (SQLCipher 4 through ``sqlcipher3``).

Connections raise the standard library's ``sqlite3`` errors, so that an
encrypted journal's damage, full disk or busy lock reads exactly like a
plain one's (:mod:`leaderjournal.storage.sqlcipher_connection`, imported
only when an encrypted journal is opened: a plain one opens without
loading SQLCipher).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from leaderjournal.storage.sqlcipher_connection import CipherConnection

#: The first 16 bytes of every plain SQLite file; an encrypted one starts
#: with random bytes (its salt).
PLAIN_HEADER = b"SQLite format 3\x00"


def connect(
    database: str | Path,
    key: bytes | None,
    *,
    uri: bool = False,
    timeout: float = 5.0,
) -> CipherConnection:
    """A connection through SQLCipher. With ``key``, the file is read and
    written encrypted; without, it is a plain SQLite file (for converting).

    The key is checked at once: a wrong one raises ``sqlite3.DatabaseError``
    ("file is not a database"), like any file that is not a journal.
    Temporary tables and indexes stay in memory, never in a plain file.
    """
    from leaderjournal.storage.sqlcipher_connection import open_connection

    return open_connection(database, key, uri=uri, timeout=timeout)


def is_plain(path: Path) -> bool:
    """Whether ``path`` is a plain SQLite file (or empty, or missing): not
    encrypted. Reads the first 16 bytes only."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(PLAIN_HEADER))
    except FileNotFoundError:
        return True
    return head in (b"", PLAIN_HEADER)


def looks_encrypted(path: Path) -> bool:
    """Whether ``path`` looks like an encrypted journal rather than a damaged
    plain one: whole pages whose first kilobyte reads as random bytes (an
    encrypted page is indistinguishable from noise; a damaged SQLite file
    keeps its header, or long runs of zeros, text or repeated bytes)."""
    sample = 1024
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(sample)
    except OSError:
        return False
    if size < sample or size % 512 or head.startswith(PLAIN_HEADER):
        return False
    # 1,024 random bytes show about 250 of the 256 values; text shows < 100.
    return len(set(head)) >= 200
