"""The journal as the app sees it: one object that owns the database.

The UI is handed a :class:`Journal` and reaches storage only through it, so
every view can be tested against a real journal in a temporary folder.
Opening a journal takes the data folder's lock (one LeaderJournal per
folder), checks the file, and backs it up before any migration.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from leaderjournal.paths import backup_dir, journal_path
from leaderjournal.storage import backups, encryption, keyfile, seal
from leaderjournal.storage.backup_contents import BackupContents, read_contents
from leaderjournal.storage.backup_copy import BackupError, check_file
from leaderjournal.storage.backups import Backup
from leaderjournal.storage.database import (
    Database,
    connect,
    describe_failure,
    open_journal_database,
)
from leaderjournal.storage.entries import EntryRepository
from leaderjournal.storage.folder import check_data_folder
from leaderjournal.storage.history import HistoryRepository
from leaderjournal.storage.lock import JournalLock
from leaderjournal.storage.reviews import ReviewRepository


@dataclass(frozen=True)
class StagedRestore:
    """A restore made ready: the checked copy beside the journal, and the
    safety backup of the journal as it was."""

    path: Path
    safety: Backup


class Journal:
    """An open journal in a data folder."""

    def __init__(
        self,
        data_dir: Path,
        *,
        daily: int = backups.DEFAULT_DAILY,
        weekly: int = backups.DEFAULT_WEEKLY,
        secret: str | None = None,
        key: bytes | None = None,
    ) -> None:
        """Open the journal in ``data_dir``; ``secret`` is the passphrase (or
        the recovery key) of an encrypted one. Without it an encrypted
        journal raises JournalEncryptedError, and a wrong one
        WrongPassphraseError, before its file is touched.

        ``key``: instead of ``secret``, the data key already unwrapped by
        :func:`encryption.data_key` (the app derives it off the UI thread);
        it is used only if the journal is still encrypted."""
        self.data_dir = data_dir
        self.path = journal_path(data_dir)
        self.backup_dir = backup_dir(data_dir)
        self.retention = (daily, weekly)
        check_data_folder(data_dir)
        self._lock = JournalLock(data_dir)
        self._lock.acquire()
        try:
            backups.remove_leftovers(data_dir)  # of a backup or restore killed midway
            encryption.settle(data_dir)  # a conversion killed midway
            if key is not None and encryption.is_encrypted(data_dir):
                self._key: bytes | None = key
            else:
                self._key = encryption.data_key(data_dir, secret)
            self._open()
        except BaseException:
            self._lock.release()
            raise

    def _open(self, *, checked: bool = False) -> None:
        """Open (and check, unless just ``checked``) the journal file, and
        the repositories over it."""
        self._db = open_journal_database(
            self.path, self._before_migrating, key=self._key, checked=checked
        )
        self.entries = EntryRepository(self._db)
        self.history = HistoryRepository(self._db)
        self.reviews = ReviewRepository(self._db)

    def _before_migrating(self, db: Database) -> None:
        backups.make_backup(
            db.conn, self.backup_dir, reason="before-upgrade", key=self._key
        )

    # -- backups ---------------------------------------------------------------

    def backup_now(self, target: Path | None = None, reason: str = "manual") -> Backup:
        """Back up to ``target``, or into the backups folder under a dated name.

        Backups made this way are kept until the person deletes them; only
        the automatic daily ones are rotated.
        """
        # A connection of its own, so that it can run off the UI thread.
        with self._own_connection() as db:
            if target is None:
                return backups.make_backup(
                    db.conn, self.backup_dir, reason, key=self._key
                )
            backups.copy_database(db.conn, target, key=self._key)
        return Backup(target, dt.datetime.now().replace(microsecond=0), reason)

    def last_backup(self) -> Backup | None:
        """The newest backup in the backups folder (each was verified when made)."""
        found = backups.list_backups(self.backup_dir)
        return found[0] if found else None

    def read_backup(self, backup_file: Path) -> BackupContents:
        """How many entries ``backup_file`` holds, or why it cannot be
        restored here (checked, and read with this journal's key if it is
        encrypted); safe on another thread."""
        return read_contents(backup_file, self._key)

    def daily_backup_if_due(self, now: dt.datetime | None = None) -> Backup | None:
        """Back up once a day: if no backup was made today, make one now."""
        now = now or dt.datetime.now()
        made_today = any(
            b.made.date() == now.date() and not b.reason
            for b in backups.list_backups(self.backup_dir)
        )
        if made_today:
            return None
        # A connection of its own: the daily backup runs off the UI thread,
        # and SQLite's backup copies a consistent journal while the window
        # goes on saving through its connection.
        with self._own_connection() as db:
            made = backups.make_backup(db.conn, self.backup_dir, at=now, key=self._key)
        backups.rotate(self.backup_dir, *self.retention)
        return made

    def restore(self, backup_file: Path) -> Backup:
        """Replace the journal with ``backup_file``; returns the safety backup
        of the journal as it was, made first.

        The journal is replaced only by a copy already written beside it,
        synced and checked; until then it stays open and as it was.
        """
        return self.finish_restore(self.stage_restore(backup_file))

    def stage_restore(
        self, backup_file: Path, check: Callable[[], None] | None = None
    ) -> StagedRestore:
        """The slow part of a restore, safe on another thread: check
        ``backup_file``, write a checked copy beside the journal and back the
        journal up as it is (on a connection of its own). The journal is not
        changed; :meth:`finish_restore` puts the copy in place, or
        :meth:`discard_restore` removes it.

        ``check`` is called between the steps and may raise (a Cancelled) to
        stop; then nothing is left beside the journal.
        """
        problem = check_file(backup_file, key=self._key)
        if problem:
            raise BackupError(problem)
        staged = backups.stage(backup_file, self.path, key=self._key)
        try:
            if check is not None:
                check()
            with self._own_connection() as db:
                safety = backups.make_backup(
                    db.conn, self.backup_dir, reason="before-restore", key=self._key
                )
        except BaseException:
            staged.unlink(missing_ok=True)
            raise
        return StagedRestore(staged, safety)

    def finish_restore(self, staged: StagedRestore) -> Backup:
        """The quick part of a restore, on the thread that uses the journal:
        close it, put the staged copy in place (one rename), reopen it.
        Returns the safety backup."""
        self._db.close()
        placed = False
        try:
            backups.put_in_place(staged.path, self.path)
            placed = True
        finally:
            if staged.path.is_file():
                staged.path.unlink()
            # The copy now in place was checked whole when it was staged:
            # reading 100,000 entries through again would hold the window.
            self._open(checked=placed)
        return staged.safety

    def discard_restore(self, staged: StagedRestore) -> None:
        """Give up a staged restore: the journal stays as it was."""
        staged.path.unlink(missing_ok=True)

    # -- connections -------------------------------------------------------------

    @contextlib.contextmanager
    def _own_connection(self) -> Iterator[Database]:
        """A connection for one job, which may run on another thread; an
        error SQLite reports on opening it comes out in words."""
        try:
            db = connect(self.path, self._key)
        except sqlite3.Error as exc:
            raise describe_failure(self.path, exc) from exc
        try:
            yield db
        finally:
            db.close()

    @contextlib.contextmanager
    def reader(self) -> Iterator[EntryRepository]:
        """Entries over a connection of their own, for use on another thread.

        An error SQLite reports while they are read (damage since the journal
        was opened, a disk error) comes out as a JournalError in words.
        """
        with self._own_connection() as db:
            try:
                yield EntryRepository(db)
            except sqlite3.Error as exc:
                raise describe_failure(self.path, exc) from exc

    @contextlib.contextmanager
    def writer(self) -> Iterator[EntryRepository]:
        """Like :meth:`reader`, for a job on another thread that writes (an
        import). Each write is still one transaction; while it runs, saves
        through the window's connection wait for it (the busy timeout).
        """
        with self.reader() as entries:
            yield entries

    @property
    def connection(self) -> Database:
        return self._db

    # -- encryption ------------------------------------------------------------------

    @property
    def encrypted(self) -> bool:
        return self._key is not None

    @property
    def data_key(self) -> bytes | None:
        """An encrypted journal's data key (None for a plain one): sync
        encrypts the journal's changes with a key derived from it."""
        return self._key

    def encrypt(
        self,
        passphrase: str,
        *,
        recovery: bool,
        kdf: keyfile.KdfParams = keyfile.DEFAULT_KDF,
    ) -> str | None:
        """Encrypt the journal under ``passphrase``; returns the recovery key
        (None unless asked for), to be shown to the person once."""
        if self._key is not None:
            raise encryption.EncryptionError("This journal is already encrypted.")
        self._db.close()
        try:
            self._key, recovery_key = encryption.encrypt_file(
                self.data_dir, passphrase, recovery=recovery, kdf=kdf
            )
        finally:
            self._open()
        return recovery_key

    def encrypt_as(self, key_file: Path, data_key: bytes) -> None:
        """Encrypt this (plain) journal with the data key another journal's
        ``key_file`` wraps, keeping a copy of it: a second computer joining
        a journal it syncs opens with the same passphrase."""
        if self._key is not None:
            raise encryption.EncryptionError("This journal is already encrypted.")
        self._db.close()
        try:
            encryption.encrypt_file_as(self.data_dir, key_file, data_key)
            self._key = data_key
        finally:
            self._open()

    def decrypt(self, secret: str) -> None:
        """Turn encryption off; ``secret`` (passphrase or recovery key) must
        open the key file, so that nobody at an unlocked screen can."""
        key = encryption.data_key(self.data_dir, secret)
        if key is None:
            raise encryption.EncryptionError("This journal is not encrypted.")
        self._db.close()
        try:
            encryption.decrypt_file(self.data_dir, key)
            self._key = None
        finally:
            self._open()

    def change_passphrase(
        self,
        old_secret: str,
        new_passphrase: str,
        *,
        kdf: keyfile.KdfParams = keyfile.DEFAULT_KDF,
    ) -> None:
        """Wrap the data key by ``new_passphrase``: journal.db is not touched,
        and the recovery key stays valid."""
        key = encryption.data_key(self.data_dir, old_secret)
        if key is None:
            raise encryption.EncryptionError("This journal is not encrypted.")
        keyfile.rewrap(encryption.key_path(self.data_dir), key, new_passphrase, kdf=kdf)

    def reopen(self, key: bytes | None) -> None:
        """Open the database again after the caller closed ``connection`` (on
        its own thread) and ran a conversion of :mod:`encryption` on another
        one, the folder's lock held all along; ``key`` is used only if the
        journal is encrypted now."""
        self._key = key if encryption.is_encrypted(self.data_dir) else None
        self._open()

    def close(self) -> None:
        """Close the database (its WAL is checkpointed), drop the key of an
        encrypted journal, and free the folder."""
        self._key = None
        self._db.close()
        # Closed cleanly, the folder still held: the next open need not read
        # every row through again (see seal).
        seal.seal(self.path)
        self._lock.release()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def recover_from_backup(
    data_dir: Path, backup_file: Path, *, key: bytes | None = None
) -> Path | None:
    """Replace a damaged journal with a backup, keeping the damaged file aside.

    Returns where the damaged journal was kept (None if there was none). The
    damaged file is never written to or deleted, and journal.db is replaced
    only once the backup's copy beside it is written, synced and checked: a
    copy that fails (a full disk) leaves everything where it was.
    """
    path = journal_path(data_dir)
    with JournalLock(data_dir):
        return backups.install(backup_file, path, keep_as="damaged", key=key)


def encrypt(
    data_dir: Path,
    passphrase: str,
    *,
    recovery: bool,
    kdf: keyfile.KdfParams = keyfile.DEFAULT_KDF,
) -> str | None:
    """Encrypt the journal in ``data_dir``; returns the recovery key (or None)."""
    with Journal(data_dir) as journal:
        return journal.encrypt(passphrase, recovery=recovery, kdf=kdf)


def decrypt(data_dir: Path, secret: str) -> None:
    """Turn the encryption of the journal in ``data_dir`` off."""
    with Journal(data_dir, secret=secret) as journal:
        journal.decrypt(secret)


def change_passphrase(
    data_dir: Path,
    old_secret: str,
    new_passphrase: str,
    *,
    kdf: keyfile.KdfParams = keyfile.DEFAULT_KDF,
) -> None:
    """Change the passphrase of the encrypted journal in ``data_dir`` (a
    rewrap of its key: journal.db stays byte for byte as it was)."""
    with JournalLock(data_dir):
        encryption.settle(data_dir)
        key = encryption.data_key(data_dir, old_secret)
        if key is None:
            raise encryption.EncryptionError("This journal is not encrypted.")
        keyfile.rewrap(encryption.key_path(data_dir), key, new_passphrase, kdf=kdf)
