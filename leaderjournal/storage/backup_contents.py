"""What a backup holds, for the list a restore is chosen from.

A backup file is read like any file from elsewhere (DESIGN.md, "Files from
elsewhere are untrusted"): it is counted only once :func:`check_file` has
found it sound, on a read-only, immutable connection with the schema
untrusted, so reading it never changes it nor creates anything beside it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from leaderjournal.storage.backup_copy import check_file
from leaderjournal.storage.read_only import open_read_only


@dataclass(frozen=True)
class BackupContents:
    """How many entries a backup holds, or why it cannot be read."""

    entries: int | None
    problem: str | None = None


def read_contents(path: Path, key: bytes | None = None) -> BackupContents:
    """Count the entries of the backup at ``path``; never raises for a bad
    file (``problem`` then says why, ``entries`` is None). ``key``: the data
    key of an encrypted journal, whose backups are encrypted with it."""
    try:
        problem = check_file(path, key)
        if problem:
            return BackupContents(None, problem)
        conn = open_read_only(path, immutable=True, key=key)
        try:
            [(count,)] = conn.execute("SELECT count(*) FROM entries").fetchall()
        finally:
            conn.close()
    except (sqlite3.Error, OSError, RuntimeError) as exc:
        # RuntimeError: a loop of symbolic links (Path.resolve, Python 3.11)
        return BackupContents(None, f"{path} cannot be read ({exc}).")
    return BackupContents(int(count))
