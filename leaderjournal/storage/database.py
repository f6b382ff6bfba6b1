"""Opening the journal database: the one place a connection is made.

Every connection in the app comes from :func:`connect` (or, to check a file
without changing it, :func:`leaderjournal.storage.read_only.open_read_only`),
so that an encrypted journal (SQLCipher through ``sqlcipher3``) can later be
added here alone.
"""

from __future__ import annotations

import contextlib
import functools
import secrets
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from leaderjournal.errors import LeaderJournalError
from leaderjournal.paths import ensure_private_dir, ensure_private_file
from leaderjournal.storage import cipher, schema
from leaderjournal.storage.failures import (
    DamagedJournalError,
    JournalError,
    JournalUnavailableError,
    JournalWriteError,
    NewerJournalError,
    damaged_message,
    describe_write_error,
    failure_of,
    is_damage,
    unavailable_message,
)
from leaderjournal.storage.read_only import BUSY_TIMEOUT_MS, check_found_journal

#: Statements that open or end a transaction themselves: ``execute`` does not
#: commit after them (as in sqlite-utils).
_TRANSACTION_CONTROL = frozenset(
    ("BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE")
)


class Database:
    """The app's connection to a journal: sqlite-utils' ``Database`` as far as
    the app uses it (``execute``, ``conn``, ``close``, ``atomic``), with the
    same transaction semantics, without importing sqlite-utils.

    sqlite-utils (with click, dateutil, pluggy and, where installed, numpy)
    takes about 0.3 s to import: more than the rest of a start, and several
    times what ``leaderjournal export`` needs. It is imported only to run
    migrations (:func:`leaderjournal.storage.schema.migrate`).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # sqlite-utils' Database turns this on for every connection it wraps.
        self.execute("PRAGMA recursive_triggers=on;")

    def execute(
        self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None
    ) -> sqlite3.Cursor:
        """Run one statement. A write outside a transaction is committed at
        once; inside one it becomes part of it (sqlite-utils' ``execute``)."""
        was_in_transaction = self.conn.in_transaction
        try:
            if parameters is not None:
                cursor = self.conn.execute(sql, parameters)
            else:
                cursor = self.conn.execute(sql)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                # The failed statement opened a transaction nothing would end.
                self.conn.execute("ROLLBACK")
            raise
        if (
            not was_in_transaction
            and self.conn.in_transaction
            and cursor.description is None
            and _first_keyword(sql) not in _TRANSACTION_CONTROL
        ):
            self.conn.execute("COMMIT")
        return cursor

    def close(self) -> None:
        self.conn.close()

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction; nested, a savepoint (sqlite-utils' ``atomic``)."""
        if self.conn.in_transaction:
            savepoint = f"leaderjournal_{secrets.token_hex(16)}"
            self.conn.execute(f"SAVEPOINT {savepoint};")
            try:
                yield self
            except BaseException:
                # An error can end the whole transaction, savepoints included;
                # cleaning up then would hide it behind "no such savepoint".
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint};")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint};")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint};")
        else:
            self.conn.execute("BEGIN")
            try:
                yield self
            except BaseException:
                self.rollback()  # nothing to do if the error ended it
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    self.rollback()
                    raise


def _first_keyword(sql: str) -> str:
    """The first keyword of ``sql``, upper case, past spaces, comments, bare
    semicolons and a byte order mark ("" if there is none)."""
    i, n = 0, len(sql)
    while i < n:
        if sql[i].isspace() or sql[i] in (";", "\ufeff"):
            i += 1
        elif sql.startswith("--", i):
            newline = sql.find("\n", i)
            if newline == -1:
                return ""
            i = newline + 1
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            if end == -1:
                return ""
            i = end + 2
        else:
            break
    j = i
    while j < n and (sql[j].isalpha() or sql[j] == "_"):
        j += 1
    return sql[i:j].upper()


def connect(path: Path, key: bytes | None = None) -> Database:
    """Open a connection to the journal at ``path`` with the app's settings.

    With ``key`` (an encrypted journal's data key) the connection goes
    through SQLCipher. The settings made here change nothing in the file
    itself, so a journal that is then refused stays byte-for-byte as it was.
    """
    conn: sqlite3.Connection
    if key is None:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    else:
        conn = cipher.connect(path, key, timeout=BUSY_TIMEOUT_MS / 1000)
    db = Database(conn)
    trusted = "OFF" if schema_runs_untrusted() else "ON"
    db.execute(f"PRAGMA trusted_schema = {trusted}")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = FULL")
    return db


@functools.cache
def schema_runs_untrusted() -> bool:
    """Whether this SQLite runs LeaderJournal's own schema with
    ``trusted_schema = OFF``.

    The schema's CHECK calls json_valid() and its triggers write to the FTS5
    index; SQLite counts those as safe for a schema it does not trust only
    in recent versions (3.51 does, 3.40 does not). Where it does not, the
    app's own connections trust the schema, which is safe because a journal
    is opened only once its schema was found to be exactly the app's own
    (see :mod:`leaderjournal.storage.trust`); every connection that checks a
    file still runs with the schema untrusted.
    """
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(schema.image(len(schema.known_migrations())))
        # Read the schema while it is trusted, as it is once written.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA trusted_schema = OFF")
        with conn:
            conn.execute(
                "INSERT INTO entries (id, date, created_at, updated_at, tags) "
                """VALUES ('probe', '2026-01-01', '', '', '["probe"]')"""
            )
            conn.execute("UPDATE entries SET tags = '[]'")
            conn.execute("DELETE FROM entries")
    except sqlite3.OperationalError:  # "unsafe use of ..."
        return False
    finally:
        conn.close()
    return True


def open_journal_database(
    path: Path,
    before_migrating: Callable[[Database], None] | None = None,
    key: bytes | None = None,
    *,
    checked: bool = False,
) -> Database:
    """Open (creating if needed) the journal at ``path`` and bring it up to date.

    Raises NotAJournalError, DamagedJournalError, UntrustedJournalError,
    NewerJournalError or JournalUnavailableError, without having changed
    the file, when the journal cannot be used. A journal found in the data
    folder is checked like any file from elsewhere before anything is
    written to it (DESIGN.md). ``before_migrating`` runs first when an
    existing journal has migrations pending (to back it up). ``key``: the
    data key of an encrypted journal; the checks run once it is known.
    ``checked``: the file was checked as a file from elsewhere a moment ago,
    off the UI thread (a restore's staged copy, see ``backups.stage``), and
    is not read through again.
    """
    try:
        ensure_private_dir(path.parent, app_folder=True)
        if path.is_dir():
            raise JournalUnavailableError(unavailable_message(path, None))
        if path.exists() and not checked:
            found = check_found_journal(path, key)
            if found.newer:
                raise NewerJournalError(
                    f"This journal ({path}) was written by a newer version of "
                    "LeaderJournal; this version cannot open it safely. Please "
                    "update LeaderJournal. The journal was left untouched "
                    f"(changes this version does not know: {', '.join(found.newer)})."
                )
        # Only now that it is known to be LeaderJournal's (or new) is the
        # file made private: the mode of another program's file is not ours.
        ensure_private_file(path)
        db = connect(path, key)
    except OSError as exc:
        raise JournalUnavailableError(unavailable_message(path, exc)) from exc
    except sqlite3.Error as exc:
        raise failure_of(path, exc, JournalUnavailableError) from exc
    try:
        db.execute("PRAGMA journal_mode = WAL")
        if before_migrating is not None and schema.needs_upgrade(db):
            _back_up_first(db, before_migrating)
        schema.migrate(db)
    except sqlite3.Error as exc:
        db.close()
        raise failure_of(path, exc, JournalUnavailableError) from exc
    except BaseException:
        db.close()
        raise
    return db


def _back_up_first(db: Database, before_migrating: Callable[[Database], None]) -> None:
    try:
        before_migrating(db)
    except LeaderJournalError as exc:  # the backup could not be made
        raise JournalUnavailableError(
            f"{exc} The journal is backed up before it is upgraded, so it was left "
            "unchanged: start LeaderJournal again once the backup can be made."
        ) from exc


def describe_failure(path: Path, exc: sqlite3.Error) -> JournalError:
    """The JournalError, in the person's words, for an error SQLite reported
    while using the journal at ``path``: damage, or why it cannot be used now.
    Storage raises this in place of SQLite's own error."""
    return failure_of(path, exc, JournalUnavailableError)


def _file_of(db: Database) -> Path | None:
    """The file ``db`` has open as its main database (None in memory)."""
    try:
        rows = db.conn.execute("PRAGMA database_list").fetchall()
    except sqlite3.Error:
        return None
    return next((Path(file) for _, name, file in rows if name == "main" and file), None)


@contextlib.contextmanager
def writing(db: Database) -> Iterator[Database]:
    """One transaction; a failure to write becomes a JournalWriteError in words.

    Every write of the journal goes through here, so that a full disk, a
    read-only folder or a lock held elsewhere reads the same everywhere, and
    a journal damaged since it was opened is called damaged. (A row the
    schema refuses stays an IntegrityError: the domain checks every value
    first, so that is a bug, not something to tell the person.)
    """
    try:
        with db.atomic():
            yield db
    except (sqlite3.OperationalError, OSError) as exc:
        raise JournalWriteError(describe_write_error(exc)) from exc
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc) or isinstance(exc, sqlite3.IntegrityError):
            raise
        raise DamagedJournalError(damaged_message(_file_of(db), str(exc))) from exc
