"""What can go wrong with the journal file, in the person's words: the
JournalError family, and SQLite's reports read as damage, as the
surroundings (space, permissions, locks), or as a file that is not ours."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from leaderjournal.errors import LeaderJournalError
from leaderjournal.storage import trust
from leaderjournal.storage.disk import free_space, read_only_disk


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


def failure_of(
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
        return DamagedJournalError(damaged_message(path, str(exc)))
    if _primary_code(exc) in _SURROUNDINGS or path.is_dir():
        return JournalUnavailableError(unavailable_message(path, exc))
    if otherwise is UntrustedJournalError:
        detail = _first_line(str(exc))
        return UntrustedJournalError(
            f"{path} {trust.NOT_OURS}: it cannot be read as one ({detail}). "
            "It was left unchanged."
        )
    return otherwise(unavailable_message(path, exc))


def unavailable_message(path: Path, exc: BaseException | None) -> str:
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


def _first_line(detail: str) -> str:
    # SQLite's report can run to many lines; its first says enough.
    return detail.strip().splitlines()[0][:160] if detail.strip() else "unknown"


def damaged_message(path: Path | None, detail: str) -> str:
    journal = "The journal" if path is None else f"The journal {path}"
    return (
        f"{journal} is damaged ({_first_line(detail)}). It has not been "
        "changed; it can be restored from a backup."
    )


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
