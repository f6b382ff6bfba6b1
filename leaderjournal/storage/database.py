"""Opening the journal database: the one place a connection is made.

Every connection in the app comes from :func:`connect` (or, to check a file
without changing it, :func:`open_read_only`), so that an encrypted journal
(SQLCipher through ``sqlcipher3``) can later be added here alone.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import logging
import os
import secrets
import shutil
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from leaderjournal.errors import LeaderJournalError
from leaderjournal.paths import ensure_private_dir, ensure_private_file
from leaderjournal.storage import cipher, schema, seal, trust

#: How long a write waits for another connection's lock before giving up.
#: Short, because the app saves on the UI thread and retries by itself.
BUSY_TIMEOUT_MS = 2000

log = logging.getLogger(__name__)


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


class JournalError(LeaderJournalError):
    """A problem with the journal file; ``str()`` is meant for the person."""


class DamagedJournalError(JournalError):
    """The journal fails its integrity check; it is never written to."""


class NotAJournalError(DamagedJournalError):
    """The file is not a SQLite database at all (treated as damaged)."""


class UntrustedJournalError(DamagedJournalError):
    """The file is a database LeaderJournal would not write: another program's
    tables, a trigger or view of its own, a missing check, a value outside
    the limits. Like a damaged journal it is never written to, and a backup
    can be put in its place (the file is kept aside)."""


class JournalUnavailableError(JournalError):
    """The journal cannot be used now, for a reason that is not damage: a
    full disk, a read-only folder, a permission, a lock held by another
    program, a folder where the journal should be. Restoring a backup would
    not help; the message says what would."""


class NewerJournalError(JournalError):
    """The journal was written by a newer LeaderJournal; it is left untouched."""


class JournalWriteError(JournalError):
    """Saving failed (full disk, read-only folder, locked database...)."""


class JournalEncryptedError(JournalError):
    """The journal is encrypted and was opened without its passphrase; the
    file was not touched."""


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
            raise JournalUnavailableError(_unavailable(path, None))
        if path.exists() and not checked:
            found = _check_read_only(path, key)
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
        raise JournalUnavailableError(_unavailable(path, exc)) from exc
    except sqlite3.Error as exc:
        raise _failure(path, exc, JournalUnavailableError) from exc
    try:
        db.execute("PRAGMA journal_mode = WAL")
        if before_migrating is not None and schema.needs_upgrade(db):
            _back_up_first(db, before_migrating)
        schema.migrate(db)
    except sqlite3.Error as exc:
        db.close()
        raise _failure(path, exc, JournalUnavailableError) from exc
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


def _check_read_only(path: Path, key: bytes | None = None) -> trust.Inspection:
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
        raise _failure(path, exc, UntrustedJournalError) from exc
    try:
        check = conn.execute("PRAGMA quick_check").fetchall()
        if check != [("ok",)]:
            raise DamagedJournalError(_damaged(path, str(check[0][0])))
        return trust.inspect(conn, empty_ok=True, rows=not seal.is_sealed(path))
    except trust.RefusedError as refusal:
        raise UntrustedJournalError(
            f"{path} {refusal}. It was left unchanged."
        ) from None
    except sqlite3.Error as exc:
        raise _failure(path, exc, UntrustedJournalError) from exc
    finally:
        conn.close()


# -- what went wrong, in words ---------------------------------------------------------

#: SQLite's reports of damage (primary result codes): the file is corrupt,
#: or is not a database at all.
_DAMAGE = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
#: Reports about the computer rather than the file: space, permissions,
#: locks, the disk.
_SURROUNDINGS = (
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_PERM,
    sqlite3.SQLITE_AUTH,
    sqlite3.SQLITE_BUSY,
    sqlite3.SQLITE_LOCKED,
    sqlite3.SQLITE_NOMEM,
    sqlite3.SQLITE_NOLFS,
)
#: Less free space than this makes a "disk I/O error" a full disk (SQLite
#: reports a -shm it cannot grow that way).
_NEARLY_FULL = 1 << 20


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether SQLite reported damage (corruption, or not a database)."""
    code = _primary_code(exc)
    if code is not None:
        return code in _DAMAGE
    text = str(exc)
    return "malformed" in text or "not a database" in text


def _failure(
    path: Path, exc: sqlite3.Error, otherwise: type[JournalError]
) -> JournalError:
    """The JournalError for ``exc``: damage, the surroundings, or ``otherwise``
    (while checking: the file is not one LeaderJournal would write)."""
    if is_damage(exc):
        if _primary_code(exc) == sqlite3.SQLITE_NOTADB or "not a database" in str(exc):
            return NotAJournalError(
                f"{path} is not a LeaderJournal journal: it is not a SQLite "
                "database. It was left untouched."
            )
        return DamagedJournalError(_damaged(path, str(exc)))
    if _primary_code(exc) in _SURROUNDINGS or path.is_dir():
        return JournalUnavailableError(_unavailable(path, exc))
    if otherwise is UntrustedJournalError:
        detail = _first_line(str(exc))
        return UntrustedJournalError(
            f"{path} {trust.NOT_OURS}: it cannot be read as one ({detail}). "
            "It was left unchanged."
        )
    return otherwise(_unavailable(path, exc))


def _unavailable(path: Path, exc: BaseException | None) -> str:
    """Why the journal at ``path`` cannot be used now, and what to do."""
    code = _primary_code(exc) if isinstance(exc, sqlite3.Error) else None
    number = exc.errno if isinstance(exc, OSError) else None
    unchanged = "The journal was not changed."
    if path.is_dir():
        return (
            f"{path} is a folder, not a journal file: move it out of "
            f"{path.parent} (or start with --data-dir pointing to another "
            f"folder). {unchanged}"
        )
    if (
        code == sqlite3.SQLITE_FULL
        or number in (errno.ENOSPC, errno.EDQUOT)
        or (code == sqlite3.SQLITE_IOERR and _nearly_full(path.parent))
    ):
        return (
            "The disk is full: free some space and start LeaderJournal again. "
            f"{unchanged}"
        )
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return (
            f"The journal {path} is in use by another program: close it there "
            f"and start LeaderJournal again. {unchanged}"
        )
    if (
        code == sqlite3.SQLITE_READONLY
        or number == errno.EROFS
        or read_only_disk(path.parent)
    ):
        return (
            f"The journal {path} cannot be written: it, its folder or its disk "
            "is read-only. Make it writable (or start with --data-dir pointing "
            f"to another folder) and start LeaderJournal again. {unchanged}"
        )
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH) or (
        number in (errno.EACCES, errno.EPERM)
    ):
        return (
            f"The journal {path} cannot be opened: you do not have permission "
            "to use it or its folder. Fix the permissions (or start with "
            f"--data-dir pointing to another folder) and start again. {unchanged}"
        )
    if code == sqlite3.SQLITE_IOERR or number == errno.EIO:
        return (
            f"The journal {path} could not be read or written (the disk "
            f"reported an error): check the disk and start LeaderJournal again. "
            f"{unchanged}"
        )
    detail = _first_line(str(exc)) if exc is not None else "unknown"
    return (
        f"The journal {path} cannot be used right now ({detail}): start "
        f"LeaderJournal again. {unchanged}"
    )


def _nearly_full(folder: Path) -> bool:
    free = free_space(folder)
    return free is not None and free < _NEARLY_FULL


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


def _first_line(detail: str) -> str:
    # SQLite's report can run to many lines; its first says enough.
    return detail.strip().splitlines()[0][:160] if detail.strip() else "unknown"


def _damaged(path: Path | None, detail: str) -> str:
    journal = "The journal" if path is None else f"The journal {path}"
    return (
        f"{journal} is damaged ({_first_line(detail)}). It has not been "
        "changed; it can be restored from a backup."
    )


def describe_failure(path: Path, exc: sqlite3.Error) -> JournalError:
    """The JournalError, in the person's words, for an error SQLite reported
    while using the journal at ``path``: damage, or why it cannot be used now.
    Storage raises this in place of SQLite's own error."""
    return _failure(path, exc, JournalUnavailableError)


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
        raise DamagedJournalError(_damaged(_file_of(db), str(exc))) from exc


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
