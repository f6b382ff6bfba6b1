"""Checking the data folder before the journal in it is opened.

A data folder can be unusable for reasons that have nothing to do with the
journal's contents: a file where the folder should be, a folder where the
journal should be, a read-only folder or disk, or files left behind by a run
as another user (``sudo leaderjournal backup`` leaves root's files behind).
None of these is damage, and none is helped by restoring a backup: each is
named for what it is, with the fix, and nothing is changed.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from leaderjournal.paths import BACKUP_FOLDER, JOURNAL_FILE
from leaderjournal.storage.disk import free_space, read_only_disk
from leaderjournal.storage.failures import JournalUnavailableError

#: The files and folders of a data folder that the app writes.
_OWN_FILES = (
    JOURNAL_FILE,
    f"{JOURNAL_FILE}-wal",
    f"{JOURNAL_FILE}-shm",
    "journal.lock",
    "journal.key",
)


class DataFolderError(JournalUnavailableError):
    """The data folder or a file in it cannot be used; nothing was changed."""


def check_data_folder(data_dir: Path) -> None:
    """Raise DataFolderError, in the person's words, if ``data_dir`` cannot
    hold a journal that this user can write. Changes nothing.

    A data folder that does not exist yet is fine: it will be created.
    """
    _check_not_a_file(data_dir)
    if not data_dir.exists():
        _check_can_create(data_dir)
        return
    _check_writable(data_dir, data_dir)
    _check_space(data_dir)
    journal = data_dir / JOURNAL_FILE
    if journal.is_dir():
        raise DataFolderError(
            f"{journal} is a folder, not a journal file. Move it out of "
            f"{data_dir} (or start with --data-dir pointing to another folder)."
        )
    for name in _OWN_FILES:
        _check_writable(data_dir / name, data_dir)
    backups = data_dir / BACKUP_FOLDER
    if backups.exists() and not backups.is_dir():
        raise DataFolderError(
            f"{backups} is a file, not a folder, so backups cannot be made. "
            "Move it out of the way and start LeaderJournal again."
        )
    _check_writable(backups, data_dir)
    if backups.is_dir() and os.access(backups, os.R_OK | os.X_OK):
        for path in backups.iterdir():
            _check_writable(path, data_dir)


def _check_not_a_file(data_dir: Path) -> None:
    if data_dir.exists() and not data_dir.is_dir():
        raise DataFolderError(
            f"The data folder {data_dir} is a file, not a folder. Move the file "
            "away, or start with --data-dir pointing to another folder."
        )


def _check_can_create(data_dir: Path) -> None:
    """The nearest existing parent must be a folder this user can write."""
    parent = data_dir.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise DataFolderError(
            f"The data folder {data_dir} cannot be made: {parent} is a file, "
            "not a folder. Start with --data-dir pointing to another folder."
        )
    if read_only_disk(parent):
        raise DataFolderError(
            f"The data folder {data_dir} cannot be made: {parent} is on a "
            "read-only disk. Start with --data-dir pointing to another folder."
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise DataFolderError(
            f"The data folder {data_dir} cannot be made: you cannot write to "
            f"{parent}. Start with --data-dir pointing to another folder."
        )


def _check_writable(path: Path, data_dir: Path) -> None:
    """``path`` (if it exists) must be this user's to read and write."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError:
        info = None
    folder = info is not None and stat.S_ISDIR(info.st_mode)
    wanted = os.R_OK | os.W_OK | (os.X_OK if folder else 0)
    if info is not None and os.access(path, wanted):
        if path == data_dir and read_only_disk(path):
            raise DataFolderError(
                f"The data folder {data_dir} is on a read-only disk, so the "
                "journal cannot be saved. Start with --data-dir pointing to "
                "a folder you can write to."
            )
        return
    me = _user_name(os.geteuid()) if sys.platform != "win32" else ""
    owner_uid = info.st_uid if info is not None else None
    if sys.platform != "win32" and owner_uid is not None and owner_uid != os.geteuid():
        owner = _user_name(owner_uid)
        what = "The data folder" if path == data_dir else str(path.name)
        where = "" if path == data_dir else f" in {data_dir}"
        how = " with sudo" if owner_uid == 0 else ""
        raise DataFolderError(
            f"{what}{where} belongs to {owner} (left by running LeaderJournal "
            f"as {owner}{how}), so you cannot use it. Fix it with: "
            f"sudo chown -R {me} {data_dir}"
        )
    if path == data_dir:
        raise DataFolderError(
            f"The data folder {data_dir} is read-only, so the journal cannot be "
            f"saved. Make it writable (chmod u+rwx {data_dir}) and start again."
        )
    raise DataFolderError(
        f"{path.name} in {data_dir} is read-only, so the journal cannot be "
        f"saved. Make it writable (chmod u+rw {path}) and start again."
    )


#: Below this much free space the journal cannot be opened for writing
#: (SQLite needs room for its write-ahead log and its shared-memory file).
MIN_FREE_BYTES = 256 * 1024


def _check_space(data_dir: Path) -> None:
    free = free_space(data_dir)
    if free is not None and free < MIN_FREE_BYTES:
        raise DataFolderError(
            f"The disk is full: there is no room left for the journal in "
            f"{data_dir}. Free some space and start LeaderJournal again. "
            "Nothing was changed."
        )


def _user_name(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)
