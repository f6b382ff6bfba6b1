"""Reading a journal file without changing it: the read-only connection,
and the check a journal found on disk passes before it is opened to write.

A damaged file is never written; one refused is left byte for byte as it
was, with nothing beside it.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from pathlib import Path

from leaderjournal.storage import cipher, seal, trust
from leaderjournal.storage.failures import (
    DamagedJournalError,
    UntrustedJournalError,
    damaged_message,
    failure_of,
)

#: How long a connection waits for another one's lock before giving up.
#: Short, because the app saves on the UI thread and retries by itself.
BUSY_TIMEOUT_MS = 2000

log = logging.getLogger(__name__)


def open_read_only(
    path: Path, *, immutable: bool, key: bytes | None = None
) -> sqlite3.Connection:
    """A connection that cannot change ``path``, with the schema untrusted.

    ``immutable``: SQLite also takes no lock and creates no ``-wal`` or
    ``-shm`` beside the file (it would for a WAL-mode file, even read-only),
    and ignores any WAL: for a file nobody else is writing. ``key``: the
    data key of an encrypted file (a wrong one: "not a database").
    """
    mode = "mode=ro&immutable=1" if immutable else "mode=ro"
    conn = _connect_as(path, mode, key)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
    except BaseException:
        conn.close()
        raise
    return conn


def _connect_as(path: Path, mode: str, key: bytes | None) -> sqlite3.Connection:
    """A connection to ``path`` opened with the URI parameters ``mode``,
    through SQLCipher when there is a ``key``."""
    uri = f"{path.resolve().as_uri()}?{mode}"
    if key is None:
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    return cipher.connect(uri, key, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def _roll_back_hot_journal(path: Path, key: bytes | None) -> None:
    """Finish what a crash in the middle of a write in rollback mode left:
    the journal's pages as they were before that write are in its
    ``-journal``, and SQLite puts them back on the first read of a
    connection that may write (a read-only one cannot, and reports "attempt
    to write a readonly database"). Such a write is the switch to WAL at the
    first open of a converted or restored journal, or one made by another
    program; the rollback only undoes it, so the file is then checked as
    any other. Where it cannot be done (a read-only folder), the check
    below says why."""
    rollback = path.with_name(path.name + "-journal")
    try:
        if not rollback.is_file() or rollback.stat().st_size == 0:
            return
        conn = _connect_as(path, "mode=rw", key)
    except (OSError, sqlite3.Error):
        return
    # An error here is named by the check that follows.
    with contextlib.closing(conn), contextlib.suppress(sqlite3.Error):
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA schema_version").fetchall()  # reads: rolls back
    if not rollback.exists():
        log.info("A write interrupted by a crash was rolled back in %s", path.name)


def check_found_journal(path: Path, key: bytes | None = None) -> trust.Inspection:
    """Check the journal without writing to it or beside it.

    Read-only, because closing a writable connection would checkpoint a WAL
    left by a crash into a damaged file: a damaged journal is never written.
    A journal that was closed cleanly has no ``-wal``; it is read as
    immutable, so that nothing at all appears beside a file that is refused.
    """
    _roll_back_hot_journal(path, key)
    left = any(
        path.with_name(path.name + side).exists() for side in ("-wal", "-journal")
    )
    try:
        conn = open_read_only(path, immutable=not left, key=key)
    except sqlite3.Error as exc:
        raise failure_of(path, exc, UntrustedJournalError) from exc
    try:
        check = conn.execute("PRAGMA quick_check").fetchall()
        if check != [("ok",)]:
            raise DamagedJournalError(damaged_message(path, str(check[0][0])))
        return trust.inspect(conn, empty_ok=True, rows=not seal.is_sealed(path))
    except trust.RefusedError as refusal:
        raise UntrustedJournalError(
            f"{path} {refusal}. It was left unchanged."
        ) from None
    except sqlite3.Error as exc:
        raise failure_of(path, exc, UntrustedJournalError) from exc
    finally:
        conn.close()
