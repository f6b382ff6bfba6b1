"""Opening the journal database: the one place a connection is made.

Every connection in the app comes from :func:`connect`, so that an encrypted
journal (SQLCipher through ``sqlcipher3``) can later be added here alone.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlite_utils import Database

from leaderjournal.paths import ensure_private_dir, ensure_private_file
from leaderjournal.storage import schema

#: How long a write waits for another connection's lock before giving up.
#: Short, because the app saves on the UI thread and retries by itself.
BUSY_TIMEOUT_MS = 2000


class JournalError(Exception):
    """A problem with the journal file; ``str()`` is meant for the person."""


class DamagedJournalError(JournalError):
    """The journal fails its integrity check; it is never written to."""


class NotAJournalError(DamagedJournalError):
    """The file is not a SQLite database at all (treated as damaged)."""


class NewerJournalError(JournalError):
    """The journal was written by a newer LeaderJournal; it is left untouched."""


class JournalWriteError(JournalError):
    """Saving failed (full disk, read-only folder, locked database...)."""


def connect(path: Path) -> Database:
    """Open a connection to the journal at ``path`` with the app's settings.

    The settings made here change nothing in the file itself, so a journal
    that is then refused stays byte-for-byte as it was.
    """
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    db = Database(conn, execute_plugins=False)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = FULL")
    return db


def open_journal_database(
    path: Path, before_migrating: Callable[[Database], None] | None = None
) -> Database:
    """Open (creating if needed) the journal at ``path`` and bring it up to date.

    Raises NotAJournalError, DamagedJournalError or NewerJournalError,
    without having written to the file, when the journal cannot be used.
    ``before_migrating`` runs first when an existing journal has migrations
    pending (to back it up).
    """
    ensure_private_dir(path.parent, app_folder=True)
    ensure_private_file(path)
    unknown = _check_read_only(path)
    if unknown:
        raise NewerJournalError(
            f"This journal ({path}) was written by a newer version of "
            "LeaderJournal; this version cannot open it safely. Please "
            "update LeaderJournal. The journal was left untouched "
            f"(changes this version does not know: {', '.join(unknown)})."
        )
    db = connect(path)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        if before_migrating is not None and schema.needs_upgrade(db):
            before_migrating(db)
        schema.migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def _check_read_only(path: Path) -> list[str]:
    """Check the journal over a read-only connection; return unknown migrations.

    Read-only, because closing a writable connection would checkpoint a WAL
    left by a crash into a damaged file: a damaged journal is never written.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DamagedJournalError(_damaged(path, str(exc))) from exc
    try:
        db = Database(conn, execute_plugins=False, recursive_triggers=False)
        unknown = schema.unknown_migrations(db)
        check = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise NotAJournalError(
                f"{path} is not a LeaderJournal journal: it is not a SQLite "
                "database. It was left untouched."
            ) from exc
        raise DamagedJournalError(_damaged(path, str(exc))) from exc
    finally:
        conn.close()
    if check != [("ok",)]:
        raise DamagedJournalError(_damaged(path, check[0][0]))
    return unknown


def _damaged(path: Path, detail: str) -> str:
    # SQLite's report can run to many lines; its first says enough.
    detail = detail.strip().splitlines()[0][:160] if detail.strip() else "unknown"
    return (
        f"The journal {path} is damaged ({detail}). It has not been changed; "
        "it can be restored from a backup."
    )


@contextlib.contextmanager
def writing(db: Database) -> Iterator[Database]:
    """One transaction; a failure to write becomes a JournalWriteError in words.

    Every write of the journal goes through here, so that a full disk, a
    read-only folder or a lock held elsewhere reads the same everywhere.
    """
    try:
        with db.atomic():
            yield db
    except (sqlite3.OperationalError, OSError) as exc:
        raise JournalWriteError(describe_write_error(exc)) from exc


def describe_write_error(exc: BaseException) -> str:
    """Say in plain words why a write failed."""
    text = str(exc).lower()
    if "full" in text or getattr(exc, "errno", None) == 28:
        return "The disk is full, so the journal could not be saved."
    if "readonly" in text or "read-only" in text or "permission" in text:
        return "The journal's folder cannot be written to (it is read-only)."
    if "locked" in text or "busy" in text:
        return "The journal is busy in another program, so saving has to wait."
    return f"The journal could not be saved ({exc})."
