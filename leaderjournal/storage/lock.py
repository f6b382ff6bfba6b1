"""One running LeaderJournal per data folder.

The lock is an operating-system lock on ``journal.lock`` in the data folder
(``flock`` on POSIX, ``msvcrt.locking`` on Windows). The system releases it
when the process ends in any way, so a lock left by a crashed or killed
process never blocks the next start: there is nothing stale to clean up.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from leaderjournal.errors import LeaderJournalError
from leaderjournal.paths import ensure_private_dir

LOCK_FILE = "journal.lock"


class JournalInUseError(LeaderJournalError):
    """Another LeaderJournal has this data folder open."""


class LockFileError(LeaderJournalError):
    """The data folder's lock file cannot be opened (a folder in its place,
    a permission); nothing was changed."""


class JournalLock:
    """Holds the data folder's lock from ``acquire()`` until ``release()``."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_FILE
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise JournalInUseError at once (no waiting);
        LockFileError when the lock file cannot be opened at all."""
        try:
            ensure_private_dir(self.path.parent, app_folder=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise LockFileError(self._cannot_open(exc)) from exc
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            holder = self.holder()
            who = f" (process {holder})" if holder else ""
            raise JournalInUseError(
                f"The journal in {self.path.parent} is open in another "
                f"LeaderJournal{who}. Close it there first."
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def _cannot_open(self, exc: OSError) -> str:
        folder = self.path.parent
        if self.path.is_dir():
            return (
                f"{self.path} is a folder, not LeaderJournal's lock file: move it "
                f"out of {folder} (or start with --data-dir pointing to another "
                "folder) and start again. Nothing was changed."
            )
        if isinstance(exc, PermissionError):
            return (
                f"You do not have permission to use {self.path}: fix the "
                f"permissions of {folder} and start again. Nothing was changed."
            )
        return (
            f"The lock file {self.path} cannot be opened "
            f"({exc.strerror or 'unknown error'}): check {folder} and start "
            "again. Nothing was changed."
        )

    def holder(self) -> int | None:
        """The process id written by the lock's holder, if it can be read."""
        with contextlib.suppress(OSError, ValueError):
            return int(self.path.read_text().strip() or "0") or None
        return None

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            _unlock(self._fd)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> JournalLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
