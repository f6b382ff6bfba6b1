"""Turning a journal's encryption on and off, and keeping its key file and
its database in agreement through a crash.

The rule on disk: ``journal.key`` exists exactly when journal.db is
encrypted. A conversion writes the new database beside the journal with
``sqlcipher_export`` (rows, never pages: the plain file's free pages are not
copied), checks it, syncs it, and puts it in place with one rename, the
moment the conversion counts. What the key file must then become is known
from whether journal.db is plain (its first 16 bytes are "SQLite format 3"),
so :func:`settle`, run before every open, finishes or rolls back a
conversion that was killed midway:

- encrypting: ``journal.key.new`` is written first. Found with a plain
  journal.db, the encryption never happened and it is removed; found with an
  encrypted one, it becomes ``journal.key``.
- decrypting: ``journal.key`` is renamed ``journal.key.old`` first. Found
  with an encrypted journal.db, it is named back; found with a plain one,
  it only serves the older, encrypted backups and moves into the backups
  folder.

Whether a journal is encrypted is read from journal.db itself: a key file
beside a plain journal (put there by hand) is never used nor moved.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import sqlite3
from pathlib import Path

from leaderjournal.paths import KEY_FILE, backup_dir, ensure_private_dir, journal_path
from leaderjournal.storage import cipher, keyfile, trust
from leaderjournal.storage.database import describe_failure
from leaderjournal.storage.disk import sync_folder
from leaderjournal.storage.failures import JournalEncryptedError, JournalError
from leaderjournal.storage.keyfile import DEFAULT_KDF, KdfParams
from leaderjournal.storage.read_only import open_read_only

log = logging.getLogger(__name__)

#: Written before an encryption starts; its presence marks one under way.
KEY_NEW = KEY_FILE + ".new"
#: The key file while a decryption is under way.
KEY_OLD = KEY_FILE + ".old"
ENCRYPTING = "journal.db.encrypting"
DECRYPTING = "journal.db.decrypting"
_LEFTOVERS = re.compile(
    r"journal\.db\.(?:en|de)crypting(?:-journal|-wal|-shm)?|journal\.key(?:\.new)?\.tmp"
)


class EncryptionError(JournalError):
    """Encryption could not be turned on or off; the journal is as it was."""


class KeyFileMissingError(JournalError):
    """journal.db is encrypted but its key file is not beside it; nothing
    was touched (it is not damage: putting the key file back opens it)."""


def key_path(data_dir: Path) -> Path:
    return data_dir / KEY_FILE


def is_encrypted(data_dir: Path) -> bool:
    """Whether the journal in ``data_dir`` is encrypted (after :func:`settle`):
    journal.db is not plain SQLite, and its key file is beside it."""
    journal = journal_path(data_dir)
    return (
        key_path(data_dir).exists()
        and _has_content(journal)
        and not cipher.is_plain(journal)
    )


def data_key(data_dir: Path, secret: str | None) -> bytes | None:
    """The data key of the journal in ``data_dir`` (None for a plain one),
    unwrapped by ``secret`` (the passphrase or the recovery key).

    JournalEncryptedError if it is encrypted and no secret was given;
    WrongPassphraseError if the secret does not open it. Nothing is written.
    """
    path = key_path(data_dir)
    if not is_encrypted(data_dir):
        journal = journal_path(data_dir)
        if not path.exists() and cipher.looks_encrypted(journal):
            raise KeyFileMissingError(
                f"The journal in {data_dir} is encrypted, but its key file "
                f"{KEY_FILE} is not beside it: put that file back in the folder "
                "(from where the journal was copied) and open it again. "
                "Nothing was changed."
            )
        return None
    if secret is None:
        raise JournalEncryptedError(
            "This journal is encrypted: its passphrase is needed to open it."
        )
    return keyfile.unlock(path, secret)


def settle(data_dir: Path) -> None:
    """Finish or roll back a conversion that was killed midway (see the
    module's docstring). Call it with the data folder's lock held, before
    the journal is opened; when nothing was under way it changes nothing."""
    journal = journal_path(data_dir)
    key = key_path(data_dir)
    new = data_dir / KEY_NEW
    old = data_dir / KEY_OLD
    changed = False
    if data_dir.is_dir():
        for leftover in data_dir.iterdir():
            if _LEFTOVERS.fullmatch(leftover.name) and leftover.is_file():
                leftover.unlink()
                changed = True
    if new.exists():
        if cipher.is_plain(journal):
            new.unlink()  # the encrypted copy was never put in place
            log.info("An encryption killed midway was rolled back")
        else:
            new.replace(key)
            log.info("An encryption killed midway was finished")
        changed = True
    if old.exists():
        if cipher.is_plain(journal):
            set_key_aside(data_dir, old)
            log.info("A decryption killed midway was finished")
        else:
            old.replace(key)  # the plain copy was never put in place
            log.info("A decryption killed midway was rolled back")
        changed = True
    if changed:
        sync_folder(data_dir)


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:
        return False


def set_key_aside(data_dir: Path, key: Path | None = None) -> Path:
    """Move the key file of a journal no longer encrypted into the backups
    folder: the backups made while it was encrypted still need it."""
    folder = ensure_private_dir(backup_dir(data_dir), app_folder=True)
    aside = folder / f"journal-{dt.datetime.now():%Y%m%dT%H%M%S}-decrypted.key"
    extra = 1
    while aside.exists():
        aside = aside.with_name(f"{aside.stem}-{extra}.key")
        extra += 1
    (key or key_path(data_dir)).replace(aside)
    return aside


# -- the conversions (the caller has closed the journal and holds its lock) ------


def encrypt_file(
    data_dir: Path,
    passphrase: str,
    *,
    recovery: bool,
    kdf: KdfParams = DEFAULT_KDF,
) -> tuple[bytes, str | None]:
    """Encrypt the closed plain journal in ``data_dir``; returns the new data
    key and the recovery key (None unless asked for)."""
    new = data_dir / KEY_NEW
    if is_encrypted(data_dir):
        raise EncryptionError("This journal is already encrypted.")
    if key_path(data_dir).exists():  # not this journal's: keep it, out of the way
        set_key_aside(data_dir)
    new_key, recovery_key = keyfile.create(new, passphrase, recovery=recovery, kdf=kdf)
    _encrypt_with(data_dir, new, new_key)
    return new_key, recovery_key


def encrypt_file_as(data_dir: Path, key_file: Path, data_key: bytes) -> None:
    """Encrypt the closed plain journal in ``data_dir`` with the data key
    another journal's ``key_file`` wraps (``data_key``, already unwrapped
    from it), keeping a copy of that key file as its own: for a second
    computer joining a journal it syncs, which opens with the same
    passphrase and recovery key."""
    if is_encrypted(data_dir):
        raise EncryptionError("This journal is already encrypted.")
    if key_path(data_dir).exists():
        set_key_aside(data_dir)
    new = data_dir / KEY_NEW
    new.write_bytes(key_file.read_bytes())
    with new.open("rb") as handle:
        os.fsync(handle.fileno())
    _encrypt_with(data_dir, new, data_key)


def _encrypt_with(data_dir: Path, new: Path, data_key: bytes) -> None:
    """Encrypt journal.db with ``data_key``, then put ``new`` (the key file
    wrapping it) in place as journal.key."""
    _convert(journal_path(data_dir), None, data_dir / ENCRYPTING, data_key, undo=(new,))
    # Counted from here (journal.db is encrypted): settle() would finish too.
    new.replace(key_path(data_dir))
    sync_folder(data_dir)
    log.info("The journal was encrypted")


def decrypt_file(data_dir: Path, key: bytes) -> None:
    """Decrypt the closed encrypted journal in ``data_dir`` with its data key."""
    journal = journal_path(data_dir)
    old = data_dir / KEY_OLD
    key_path(data_dir).replace(old)
    sync_folder(data_dir)
    try:
        _convert(journal, key, data_dir / DECRYPTING, None, undo=())
    except BaseException:
        if cipher.is_plain(journal):  # only a failure after the swap
            raise
        old.replace(key_path(data_dir))
        sync_folder(data_dir)
        raise
    # Counted from here (journal.db is plain): settle() would finish too.
    set_key_aside(data_dir, old)
    sync_folder(data_dir)
    log.info("The journal was decrypted")


def _convert(
    journal: Path,
    source_key: bytes | None,
    target: Path,
    target_key: bytes | None,
    *,
    undo: tuple[Path, ...],
) -> None:
    """Write ``journal`` to ``target`` under ``target_key``, check and sync
    it, and put it in place of ``journal`` in one rename. On any failure
    ``target`` and ``undo`` are removed and the journal is as it was."""
    try:
        target.unlink(missing_ok=True)
        export(journal, source_key, target, target_key)
        check_copy(journal, source_key, target, target_key)
        with target.open("rb") as handle:
            os.fsync(handle.fileno())
        for side in ("-wal", "-shm", "-journal"):
            journal.with_name(journal.name + side).unlink(missing_ok=True)
        target.replace(journal)
    except BaseException as exc:
        for path in (target, *undo):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        sync_folder(journal.parent)
        if isinstance(exc, sqlite3.Error):
            raise EncryptionError(
                f"{describe_failure(journal, exc)} The conversion was stopped."
            ) from exc
        if isinstance(exc, OSError):
            raise EncryptionError(
                f"The journal could not be converted ({exc.strerror or 'error'}); "
                "it was left as it was."
            ) from exc
        raise
    sync_folder(journal.parent)


def export(
    source: Path, source_key: bytes | None, target: Path, target_key: bytes | None
) -> None:
    """Copy every row of ``source`` into a new file ``target`` (encrypted
    with ``target_key``, or plain)."""
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)
    conn = cipher.connect(source, source_key)
    try:
        key = "" if target_key is None else f"x'{target_key.hex()}'"
        conn.execute("ATTACH DATABASE ? AS converted KEY ?", (str(target), key))
        conn.execute("SELECT sqlcipher_export('converted')").fetchall()
        conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()


def check_copy(
    source: Path, source_key: bytes | None, copy: Path, copy_key: bytes | None
) -> None:
    """EncryptionError unless ``copy`` opens with ``copy_key``, passes its
    integrity check and the trust check, and holds as many rows in every
    table as ``source``."""
    original = open_read_only(source, immutable=False, key=source_key)
    converted = open_read_only(copy, immutable=True, key=copy_key)
    try:
        result = converted.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            raise EncryptionError(
                f"The converted journal failed its check ({result[0][0]}); "
                "the journal was left as it was."
            )
        try:
            trust.inspect(converted, empty_ok=True)
        except trust.RefusedError as refusal:
            raise EncryptionError(
                f"The converted journal {refusal}; the journal was left as it was."
            ) from None
        for (table,) in original.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"
        ).fetchall():
            count = f'SELECT count(*) FROM "{table}"'
            if (
                original.execute(count).fetchone()
                != converted.execute(count).fetchone()
            ):
                raise EncryptionError(
                    f"The converted journal lost rows of {table}; the journal "
                    "was left as it was."
                )
    finally:
        original.close()
        converted.close()
