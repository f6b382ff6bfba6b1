"""Backups of the journal: made with SQLite's online backup API, verified,
rotated, and restored.

A backup is never a plain file copy: the journal runs in WAL mode, and its
latest writes may still be in the ``-wal`` file. SQLite's backup API reads
the database as a connection sees it, WAL included.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from leaderjournal.paths import backup_dir
from leaderjournal.settings import DEFAULT_BACKUPS_DAILY, DEFAULT_BACKUPS_WEEKLY
from leaderjournal.storage.backup_copy import (
    BackupError,
    check_file,
    copy_into,
    discard,
    write_copy,
)
from leaderjournal.storage.disk import sync_folder
from leaderjournal.storage.read_only import open_read_only
from leaderjournal.storage.targets import (
    TargetError,
    check_write_target,
    database_folder,
    remove_leftover_files,
)

log = logging.getLogger(__name__)

BACKUP_PREFIX = "journal-"
_NAME = re.compile(r"journal-(\d{8}T\d{6})(?:-([a-z-]+))?\.db")
# What a backup or a restore killed midway leaves: the unfinished copy (and
# the rollback journal SQLite keeps beside it while writing), and the staged
# journal of a restore that was never put in place.
_UNFINISHED_BACKUP = re.compile(_NAME.pattern + r"\.part(?:-journal|-wal|-shm)?")
_UNFINISHED_RESTORE = re.compile(
    r"journal\.db\.restoring(?:\.part(?:-journal|-wal|-shm)?)?"
)
_STAMP = "%Y%m%dT%H%M%S"

#: Rotation keeps this many daily and weekly backups unless told otherwise.
DEFAULT_DAILY = DEFAULT_BACKUPS_DAILY
DEFAULT_WEEKLY = DEFAULT_BACKUPS_WEEKLY


@dataclass(frozen=True)
class Backup:
    """A backup file and when it was made (local time)."""

    path: Path
    made: dt.datetime
    reason: str = ""

    @property
    def label(self) -> str:
        return f"{self.made:%Y-%m-%d %H:%M}"


def backup_name(made: dt.datetime, reason: str = "") -> str:
    suffix = f"-{reason}" if reason else ""
    return f"{BACKUP_PREFIX}{made:{_STAMP}}{suffix}.db"


def list_backups(folder: Path) -> list[Backup]:
    """The backups in ``folder``, newest first (by the time in their name)."""
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = _NAME.fullmatch(path.name)
            if match and path.is_file():
                made = dt.datetime.strptime(match[1], _STAMP)
                found.append(Backup(path, made, match[2] or ""))
    return sorted(found, key=lambda b: b.made, reverse=True)


def copy_database(
    source: sqlite3.Connection,
    target: Path,
    *,
    data_dir: Path | None = None,
    key: bytes | None = None,
) -> None:
    """Write ``source`` to ``target``, a file the person chose, and verify it.

    ``target`` must pass :func:`~leaderjournal.storage.targets.check_write_target`:
    never one of the journal's files (those of ``data_dir``, by default the
    folder of ``source``'s database file), never a device, FIFO, socket or
    folder. A link is written through to the file it points to, and stays a
    link. A missing folder is made private; an existing folder keeps its
    mode. The copy is readable only by its owner (0600). ``key``: the data
    key of an encrypted journal, with which the copy is encrypted too.
    """
    if data_dir is None:
        data_dir = database_folder(source)
    try:
        resolved = check_write_target(target, data_dir)
    except TargetError as exc:
        raise BackupError(str(exc)) from None
    write_copy(source, resolved, shown=target, key=key)


def make_backup(
    source: sqlite3.Connection,
    folder: Path,
    reason: str = "",
    at: dt.datetime | None = None,
    *,
    key: bytes | None = None,
) -> Backup:
    """Back up into ``folder`` under a dated name; returns the new backup."""
    made = (at or dt.datetime.now()).replace(microsecond=0)
    # Never overwrite an earlier backup (two in the same second: undoing a
    # restore at once must not replace the backup it is about to read).
    while (folder / backup_name(made, reason)).exists():
        made += dt.timedelta(seconds=1)
    target = folder / backup_name(made, reason)
    remove_leftover_files(folder, _UNFINISHED_BACKUP)
    write_copy(source, target, shown=target, app_folder=True, key=key)
    return Backup(target, made, reason)


def remove_leftovers(data_dir: Path) -> list[Path]:
    """Remove what a backup or a restore killed midway left in ``data_dir``
    (unfinished ``backups/journal-*.db.part`` copies, a staged
    ``journal.db.restoring``); returns what was removed.

    Call it only with the data folder's lock held, so that no backup or
    restore of this journal is running.
    """
    removed = remove_leftover_files(data_dir, _UNFINISHED_RESTORE)
    return removed + remove_leftover_files(backup_dir(data_dir), _UNFINISHED_BACKUP)


def to_keep(
    backups: list[Backup], daily: int = DEFAULT_DAILY, weekly: int = DEFAULT_WEEKLY
) -> set[Path]:
    """Which backups rotation keeps: the newest of each of the last ``daily``
    days that have one, and the newest of each of the last ``weekly`` ISO
    weeks that have one. The newest backup of all is always kept.
    """
    newest_first = sorted(backups, key=lambda b: b.made, reverse=True)
    keep: set[Path] = set()
    days: list[dt.date] = []
    weeks: list[tuple[int, int]] = []
    for backup in newest_first:
        day = backup.made.date()
        week = day.isocalendar()[:2]
        if day not in days and len(days) < daily:
            days.append(day)
            keep.add(backup.path)
        if week not in weeks and len(weeks) < weekly:
            weeks.append(week)
            keep.add(backup.path)
    if newest_first:
        keep.add(newest_first[0].path)
    return keep


def rotate(
    folder: Path, daily: int = DEFAULT_DAILY, weekly: int = DEFAULT_WEEKLY
) -> list[Path]:
    """Delete the automatic backups rotation does not keep; returns them.

    Backups made by hand or before an upgrade or a restore have a reason in
    their name and are never deleted by rotation.
    """
    automatic = [b for b in list_backups(folder) if not b.reason]
    keep = to_keep(automatic, daily, weekly)
    removed = []
    for backup in automatic:
        if backup.path not in keep:
            with contextlib.suppress(FileNotFoundError):
                backup.path.unlink()
            removed.append(backup.path)
    return removed


def newest_good_backup(folder: Path, key: bytes | None = None) -> Backup | None:
    """The newest backup in ``folder`` that passes its check (with ``key``,
    the data key of an encrypted journal: the newest encrypted with it)."""
    for backup in list_backups(folder):
        if check_file(backup.path, key) is None:
            return backup
    return None


_SIDECARS = ("-wal", "-shm", "-journal")


def remove_sidecars(journal: Path) -> None:
    """Remove the ``-wal`` and ``-shm`` files of a journal nobody has open.

    They belong to the database they were written for; left beside another
    file they would be replayed into it.
    """
    for suffix in _SIDECARS:
        journal.with_name(journal.name + suffix).unlink(missing_ok=True)


def set_aside(journal: Path, why: str, at: dt.datetime | None = None) -> Path:
    """Keep the journal, and its sidecars, under a dated name beside it.

    The journal stays where it is (the kept file is a second name for it)
    until the caller replaces it; only where the file system has no hard
    links is it renamed, so call this only once its replacement is ready.
    """
    stamp = f"{(at or dt.datetime.now()):{_STAMP}}"
    aside = journal.with_name(f"journal.{why}-{stamp}.db")
    extra = 1
    while aside.exists():  # never over an earlier one
        aside = journal.with_name(f"journal.{why}-{stamp}-{extra}.db")
        extra += 1
    try:
        os.link(journal, aside)
    except OSError:
        journal.replace(aside)
    for suffix in _SIDECARS:
        sidecar = journal.with_name(journal.name + suffix)
        if sidecar.exists():
            sidecar.replace(aside.with_name(aside.name + suffix))
    sync_folder(journal.parent)
    return aside


def stage(backup_file: Path, journal: Path, key: bytes | None = None) -> Path:
    """Write a copy of ``backup_file`` beside ``journal``, synced to disk and
    checked; returns it. The journal itself is not touched.

    BackupError, with the journal as it was, if the copy cannot be written
    (a full disk) or fails its check.
    """
    staged = journal.with_name(journal.name + ".restoring")
    try:
        staged.unlink(missing_ok=True)
        fd = os.open(staged, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        os.close(fd)
        source = open_read_only(backup_file, immutable=True, key=key)
        try:
            copy_into(staged, source, key)
        finally:
            source.close()
        with staged.open("rb") as handle:
            os.fsync(handle.fileno())
        sync_folder(staged.parent)
    except (sqlite3.Error, OSError) as exc:
        if staged.is_file():
            discard(staged)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise BackupError(
            f"{backup_file} could not be copied beside the journal ({reason}). "
            "The journal was not changed."
        ) from exc
    problem = check_file(staged, key)
    if problem:
        discard(staged)
        raise BackupError(
            f"The copy of {backup_file} failed its check, so the journal was not "
            f"changed: {problem}"
        )
    return staged


def put_in_place(staged: Path, journal: Path, keep_as: str = "") -> Path | None:
    """Replace the closed ``journal`` with a ``staged`` copy, in one rename.

    With ``keep_as`` (e.g. "damaged"), the journal as it was is kept beside
    it under a dated name, which is returned; otherwise its ``-wal`` and
    ``-shm`` are removed (they would be replayed into the new file). The
    journal is never missing: it is replaced only by a complete copy.
    """
    try:
        aside = set_aside(journal, keep_as) if keep_as and journal.exists() else None
        if aside is None:
            remove_sidecars(journal)
        staged.replace(journal)
        sync_folder(journal.parent)
    except OSError as exc:
        raise BackupError(
            f"The journal could not be replaced ({exc.strerror or exc})."
        ) from exc
    log.info("Journal restored: %s replaced by a checked copy", journal)
    return aside


def install(
    backup_file: Path, journal: Path, keep_as: str = "", key: bytes | None = None
) -> Path | None:
    """Put a checked copy of ``backup_file`` in place of the closed
    ``journal`` (the caller holds the journal lock); see :func:`put_in_place`.
    """
    problem = check_file(backup_file, key)
    if problem:
        raise BackupError(problem)
    staged = stage(backup_file, journal, key)
    try:
        return put_in_place(staged, journal, keep_as)
    finally:
        if staged.is_file():
            discard(staged)
