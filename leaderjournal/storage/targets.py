"""Where an export or a backup may write: one rule for the app and the command line.

A file the person chooses to write (an export, a backup to a file) is never
one of the journal's own files -- ``journal.db``, its ``-wal``, ``-shm`` and
``-journal``, ``journal.lock``, ``journal.key``, anything in ``backups/`` --
nor the data folder itself; not under another name either: a symbolic link,
a hard link or another spelling is caught by comparing resolved paths and
(device, inode). Nor is it anything but a regular file: a device, a FIFO, a
socket or a folder would be replaced by a file.

A symbolic link is written through, as ``cp`` does: the checks apply to the
file it points to, and the writer puts its temporary file beside that file
and renames it over that file, so the link stays a link.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
from pathlib import Path

from leaderjournal.errors import LeaderJournalError
from leaderjournal.paths import BACKUP_FOLDER, JOURNAL_FILE, KEY_FILE
from leaderjournal.storage.lock import LOCK_FILE
from leaderjournal.storage.seal import SEAL_FILE

NOTHING_WRITTEN = "Nothing was written."

#: The journal's own files in its data folder, and what each is to a person.
JOURNAL_FILES = {
    JOURNAL_FILE: "the journal itself",
    f"{JOURNAL_FILE}-wal": "the journal's write-ahead log",
    f"{JOURNAL_FILE}-shm": "the journal's shared-memory file",
    f"{JOURNAL_FILE}-journal": "the journal's rollback journal",
    LOCK_FILE: "the journal's lock file",
    KEY_FILE: "the journal's key file",
    SEAL_FILE: "the record of the journal's last check",
}


class TargetError(LeaderJournalError):
    """The chosen file must not be written; ``str()`` is the one-line reason."""


def kind_of(path: Path) -> str | None:
    """What ``path`` is, in words, when it is there but is not a regular file
    ("a folder", "a device"...); None for a regular file or nothing at all.
    A link is followed."""
    try:
        return _kind(path.stat().st_mode)
    except (OSError, ValueError, RuntimeError):
        return None


def _kind(st_mode: int) -> str | None:
    if stat.S_ISREG(st_mode):
        return None
    if stat.S_ISDIR(st_mode):
        return "a folder"
    if stat.S_ISCHR(st_mode) or stat.S_ISBLK(st_mode):
        return "a device"
    if stat.S_ISFIFO(st_mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(st_mode):
        return "a socket"
    return "something other than a file"


def database_folder(conn: sqlite3.Connection) -> Path | None:
    """The folder of the file ``conn`` has open as its main database (None
    for a database in memory): for a journal, its data folder."""
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main" and file:
            return Path(file).parent
    return None


def check_write_target(target: Path, data_dir: Path | None) -> Path:
    """The file to write for ``target``, or TargetError saying why not.

    ``data_dir`` is the journal's data folder, whose files are refused (None:
    no journal to protect, the other checks still apply). A relative
    ``target`` is taken from the current folder; a link is resolved, and the
    resolved path is returned: write beside it and rename over it. A missing
    folder is left for the caller to report or create.
    """
    given = Path(target).absolute()
    try:
        resolved = given.resolve()
    except (OSError, RuntimeError):  # a loop of links
        raise TargetError(
            f"{target} is a link that leads round in a circle; choose another "
            f"file. {NOTHING_WRITTEN}"
        ) from None
    linked = resolved != given and given.is_symlink()
    shown = f"{target} is a link to {resolved}, which is" if linked else f"{target} is"

    if data_dir is not None:
        what = _part_of_journal(resolved, data_dir)
        if what is not None:
            raise TargetError(f"{shown} {what}; choose another file. {NOTHING_WRITTEN}")
    try:
        found = resolved.stat()
    except FileNotFoundError:
        found = None
    except NotADirectoryError:
        raise TargetError(_not_a_folder(target, resolved)) from None
    except OSError:
        return resolved  # e.g. no permission: the write itself says so
    if found is None:
        if linked:
            raise TargetError(
                f"{target} is a link to {resolved}, which does not exist; "
                f"choose another file. {NOTHING_WRITTEN}"
            )
        return resolved
    kind = _kind(found.st_mode)
    if kind is not None:
        raise TargetError(
            f"{shown} {kind}, not a file; choose a file to write to. {NOTHING_WRITTEN}"
        )
    if data_dir is not None:
        twin = _same_file_in_journal(found, data_dir)
        if twin is not None:
            path, what = twin
            raise TargetError(
                f"{target} is another name for {path}, which is {what}; "
                f"choose another file. {NOTHING_WRITTEN}"
            )
    return resolved


def _resolved_folder(data_dir: Path) -> Path:
    try:
        return data_dir.absolute().resolve()
    except (OSError, RuntimeError):
        return data_dir.absolute()


def _part_of_journal(resolved: Path, data_dir: Path) -> str | None:
    """What ``resolved`` is to the journal in ``data_dir``, judged by its path
    (names compared without regard to case, as some disks do)."""
    folder = _resolved_folder(data_dir)
    if resolved == folder:
        return "the journal's data folder"
    if not resolved.is_relative_to(folder):
        return None
    inside = resolved.relative_to(folder).parts
    if inside[0].casefold() == BACKUP_FOLDER.casefold():
        if len(inside) == 1:
            return "the journal's backups folder"
        return "in the journal's backups folder"
    if len(inside) == 1:
        for name, what in JOURNAL_FILES.items():
            if inside[0].casefold() == name.casefold():
                return what
    return None


def _same_file_in_journal(
    found: os.stat_result, data_dir: Path
) -> tuple[Path, str] | None:
    """The journal's file that is the same file as ``found`` (a hard link)."""
    folder = _resolved_folder(data_dir)
    backups = folder / BACKUP_FOLDER
    candidates = [(folder / name, what) for name, what in JOURNAL_FILES.items()]
    with contextlib.suppress(OSError):
        candidates += [
            (Path(entry.path), "in the journal's backups folder")
            for entry in os.scandir(backups)
        ]
    for path, what in candidates:
        try:
            there = path.stat()
        except OSError:
            continue
        if (there.st_dev, there.st_ino) == (found.st_dev, found.st_ino):
            return path, what
    return None


def _not_a_folder(target: Path, resolved: Path) -> str:
    """Why ``resolved`` cannot be reached: some folder on its way is a file."""
    blocking = next(
        (p for p in resolved.parents if p.exists() and not p.is_dir()),
        resolved.parent,
    )
    return (
        f"{target} cannot be written: {blocking} is a file, not a folder. "
        f"{NOTHING_WRITTEN}"
    )


def remove_leftover_files(folder: Path, name: re.Pattern[str]) -> list[Path]:
    """Remove the files in ``folder`` whose whole name matches ``name``: what
    an interrupted write left behind. Returns what was removed.

    A link is removed itself, never what it points to; a folder is left
    alone; a file that cannot be removed is skipped, so that tidying up
    never stops the work that asked for it.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not name.fullmatch(entry.name):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                continue
            Path(entry.path).unlink()
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed
