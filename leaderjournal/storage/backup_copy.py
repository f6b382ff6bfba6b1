"""A checked copy of a journal: written with SQLite's backup API under a
temporary name, checked as any file from elsewhere, and only then given its
name; and that check on its own, for a backup about to be restored.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from pathlib import Path

from leaderjournal.errors import LeaderJournalError
from leaderjournal.paths import ensure_private_dir
from leaderjournal.storage import cipher, trust
from leaderjournal.storage.failures import is_damage
from leaderjournal.storage.read_only import open_read_only

log = logging.getLogger(__name__)


class BackupError(LeaderJournalError):
    """A backup could not be made, checked or restored; ``str()`` is for people."""


def check_file(path: Path, key: bytes | None = None) -> str | None:
    """Why ``path`` cannot be restored, or None if it is a sound journal.

    The whole rule of DESIGN.md, "Files from elsewhere are untrusted": no
    damage, exactly the schema LeaderJournal's migrations make at the file's
    level, every row inside the limits. The file is opened immutable, so
    checking never changes it nor creates anything beside it (a ``-wal``
    beside it is not read: a backup holds everything in itself).

    ``key``: the data key of an encrypted journal; then only a backup
    encrypted with that same key will do (a plain one would leave the
    journal unencrypted), and without it only a plain one.
    """
    if not path.is_file():
        return (
            f"{path} does not exist." if not path.exists() else f"{path} is a folder."
        )
    if key is not None and cipher.is_plain(path):
        return (
            f"{path} is not encrypted, and this journal is: choose a backup of "
            "this encrypted journal."
        )
    try:
        conn = open_read_only(path, immutable=True, key=key)
    except sqlite3.Error as exc:
        if key is not None and is_damage(exc):
            return (
                f"{path} does not open with this journal's key: it is not a "
                "backup of this journal, or it is damaged."
            )
        return f"{path} cannot be opened ({_first_line(exc)})."
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            return f"{path} is damaged ({_first_line(result[0][0])})."
        found = trust.inspect(conn, empty_ok=False)
    except trust.RefusedError as refusal:
        return f"{path} {refusal}. It was left unchanged."
    except sqlite3.Error as exc:
        if is_damage(exc) and "not a database" in str(exc):
            return f"{path} {trust.NOT_OURS}: it is not a SQLite database."
        if is_damage(exc):
            return f"{path} is damaged ({_first_line(exc)})."
        return f"{path} cannot be read ({_first_line(exc)})."
    finally:
        conn.close()
    if found.newer:
        return (
            f"{path} was written by a newer version of LeaderJournal "
            "and cannot be used by this one."
        )
    return None


def _first_line(detail: object) -> str:
    lines = str(detail).strip().splitlines()
    return lines[0][:160] if lines else "unknown"


def write_copy(
    source: sqlite3.Connection,
    target: Path,
    *,
    shown: Path,
    app_folder: bool = False,
    key: bytes | None = None,
) -> None:
    """Write ``source`` to ``target`` with the backup API, then verify it.

    The copy is made under a temporary name and renamed only once it has
    passed ``PRAGMA integrity_check``, so a failed backup never counts.
    """
    partial = target.with_name(target.name + ".part")
    try:
        ensure_private_dir(target.parent, app_folder=app_folder)
        partial.unlink(missing_ok=True)
        fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        os.close(fd)
        copy_into(partial, source, key)
        problem = check_file(partial, key)
        if problem:
            raise BackupError(f"The new backup failed its check: {problem}")
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        partial.replace(target)
        log.info("Backup written: %s", target)
    except (sqlite3.Error, OSError) as exc:
        discard(partial)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise BackupError(
            f"The backup could not be written to {shown} ({reason})."
        ) from exc
    except BackupError:
        discard(partial)
        raise


def discard(path: Path) -> None:
    """Remove an unfinished copy, if it can be removed."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def copy_into(path: Path, source: sqlite3.Connection, key: bytes | None) -> None:
    """Copy ``source`` into the new, empty file at ``path`` with the backup
    API, as one file (no ``-wal`` beside it), encrypted with ``key`` or
    plain."""
    dest = _connect_copy(path, key)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()


def _connect_copy(path: Path, key: bytes | None) -> sqlite3.Connection:
    """A connection to write a copy at ``path``: encrypted with ``key``, or
    plain. (SQLite's backup API copies only between two of one kind.)"""
    if key is None:
        return sqlite3.connect(path)
    return cipher.connect(path, key)
