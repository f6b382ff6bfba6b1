"""An encrypted journal's key in the sync folder, so that a second computer
opens the journal with the same passphrase.

This module is the one seam between sync and storage: the rest of
``leaderjournal.sync`` imports nothing of storage, and this one only
:mod:`leaderjournal.storage.keyfile`, whose format it reuses unchanged.

- ``SYNC/LeaderJournal/journal.key``: a byte-for-byte copy of the journal's
  own key file (the data key wrapped by the passphrase and, if there is one,
  the recovery key). Nothing else of the key leaves the computer.
- ``SYNC/LeaderJournal/journal.key-id``: the key's id (:func:`.sealing.key_id`,
  16 hex digits and a newline), which tells whose key file it is without
  the passphrase and without revealing the key. It is written before the key
  file, so a key file without an id is not one this app left there.

Both are written to a temporary name (``.journal.key.tmp``), synced and
renamed, owner-only (0600). A computer refuses to publish its key over
another journal's (:class:`SyncKeyError`), and on unlocking checks that the
key it unwrapped has the id written beside it, so a key file swapped in by
someone who can write to the sync folder is refused. Both files are read
only when they are regular files, and only up to a bounded size.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

from leaderjournal.storage import keyfile
from leaderjournal.sync.errors import SyncKeyError
from leaderjournal.sync.files import read_regular
from leaderjournal.sync.folder import APP_FOLDER, KEY_FILE, KEY_ID_FILE, _fsync_folder
from leaderjournal.sync.sealing import key_id

_ID = re.compile(r"[0-9a-f]{16}\n")
_MAX_ID_BYTES = 64


def publish_key(root: Path, journal_key_file: Path, data_key: bytes) -> Path:
    """Copy the journal's key file (``journal_key_file``, which wraps
    ``data_key``: the key the journal is open with) into the sync folder
    ``root``; the copy's path. SyncKeyError if the sync folder holds another
    journal's key; KeyFileError if the journal's key file is not sound."""
    base = root / APP_FOLDER
    ours = key_id(data_key)
    written = read_key_id(root)
    if written is None and _is_there(base / KEY_FILE):
        raise _without_id(root)
    if written is not None and written != ours:
        raise _another_journal(root)
    content = _read_bounded(journal_key_file, keyfile.MAX_FILE_BYTES)
    try:
        base.mkdir(parents=True, exist_ok=True)
        with _temporary(base / KEY_FILE, content) as temporary:
            keyfile.read(temporary)  # what is published is exactly what was checked
            if written is None:  # the id first: a key file never lacks its id
                with _temporary(base / KEY_ID_FILE, f"{ours}\n".encode()) as id_file:
                    _replace(id_file, base / KEY_ID_FILE)
            _replace(temporary, base / KEY_FILE)
    except OSError as exc:
        raise SyncKeyError(
            f"Could not write the key file to the sync folder {root} "
            f"({exc.strerror or 'error'}); check that it is writable, then sync again."
        ) from exc
    return base / KEY_FILE


def unlock(root: Path, secret: str) -> bytes:
    """The journal's data key, from the sync folder's key file, unwrapped by
    the passphrase or recovery key ``secret`` (WrongPassphraseError if
    neither). SyncKeyError if there is no key file, or its id disagrees."""
    path = root / APP_FOLDER / KEY_FILE
    if not _is_there(path):
        raise SyncKeyError(
            f"The sync folder {root} has no key file yet: sync the computer that "
            "has the journal first, then try again."
        )
    written = read_key_id(root)
    if written is None:
        raise _without_id(root)
    _read_bounded(path, keyfile.MAX_FILE_BYTES)  # a file, not a pipe or link
    data_key = keyfile.unlock(path, secret)
    if key_id(data_key) != written:
        raise SyncKeyError(
            f"The key file in the sync folder {root} does not match its id "
            f"({KEY_ID_FILE}): it was replaced, so it is not used. Publish the "
            "key again from the computer that has the journal."
        )
    return data_key


def check_key(root: Path, data_key: bytes) -> bool:
    """True if the sync folder holds this journal's key, False if it holds
    no key (a plain journal's, or not published yet); SyncKeyError if it
    holds another journal's."""
    written = read_key_id(root)
    if written is None:
        if _is_there(root / APP_FOLDER / KEY_FILE):
            raise _without_id(root)
        return False
    if written != key_id(data_key):
        raise _another_journal(root)
    return True


def has_key_file(root: Path) -> bool:
    """Whether the sync folder ``root`` holds an encrypted journal's key file
    (or its id)."""
    return _is_there(root / APP_FOLDER / KEY_FILE) or _is_there(
        root / APP_FOLDER / KEY_ID_FILE
    )


def read_key_id(root: Path) -> str | None:
    """The key id written in the sync folder, None if there is none."""
    path = root / APP_FOLDER / KEY_ID_FILE
    if not _is_there(path):
        return None
    try:
        content = _read_bounded(path, _MAX_ID_BYTES)
    except keyfile.KeyFileError as exc:
        raise SyncKeyError(str(exc)) from None
    if not _ID.fullmatch(content.decode("ascii", "replace")):
        raise SyncKeyError(
            f"The key id {path} is damaged, so the sync folder's key is not "
            "trusted: publish the key again from the computer that has the journal."
        )
    return content.decode("ascii").strip()


def _another_journal(root: Path) -> SyncKeyError:
    return SyncKeyError(
        f"The sync folder {root} holds the key of another encrypted journal: "
        "choose another sync folder for this journal."
    )


def _without_id(root: Path) -> SyncKeyError:
    return SyncKeyError(
        f"The key file in the sync folder {root} has no id ({KEY_ID_FILE}) beside "
        "it, so LeaderJournal did not leave it there: it is not used. Remove it, "
        "or choose another sync folder."
    )


def _is_there(path: Path) -> bool:
    return os.path.lexists(path)


def _read_bounded(path: Path, limit: int) -> bytes:
    """``path``'s bytes if it is a regular file of at most ``limit`` bytes;
    KeyFileError if not."""
    try:
        content = read_regular(path, limit)
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    if content is None:
        raise keyfile.KeyFileError(
            f"{path} is not a file (a link, folder or pipe), so it is not used."
        )
    if len(content) > limit:
        raise keyfile.KeyFileError(f"{path} is damaged (far too large): not used.")
    return content


def _unreadable(path: Path, exc: OSError) -> keyfile.KeyFileError:
    return keyfile.KeyFileError(
        f"{path} cannot be read ({exc.strerror or 'error'}): check its permissions."
    )


@contextlib.contextmanager
def _temporary(path: Path, data: bytes) -> Iterator[Path]:
    """``data`` written and synced beside ``path`` under a name every reader
    skips (0600), removed on leaving unless it was renamed."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        fd = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        yield temporary
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _replace(temporary: Path, path: Path) -> None:
    temporary.replace(path)
    _fsync_folder(path.parent)
