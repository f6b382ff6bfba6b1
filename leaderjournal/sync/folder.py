"""The sync folder: where computers leave their changes for each other.

Layout: ``SYNC/LeaderJournal/<device-id>/<sequence:08d>.jsonl``, beside
them ``computer.txt`` (the name the person gave that computer), and, for
an encrypted journal, ``SYNC/LeaderJournal/journal.key`` and
``journal.key-id``, written by :mod:`.keys` and left alone here). Each
computer writes only its own folder.

An encrypted journal's folder has its :class:`~.sealing.ChangeKey`: each
change line is encrypted and bound to its place (:mod:`.sealing`); reading
refuses plain lines there, and encrypted ones in a plain journal's folder.
The end line stays plain: its count is bound into every encrypted line.

Writing (:meth:`SyncFolder.publish`): a batch of changes becomes a new file,
written under a temporary name (``.<seq>.jsonl.tmp``), flushed to disk, then
renamed; an existing file is never written again. Its last line is an end
line, ``{"end": <number of changes>, "v": 1, "sum": ...}``, so a reader can
tell a complete file from one a sync tool has delivered only in part, even
when the part ends at a line break. The caller keeps the last sequence it
published (``after``): numbering never goes back, even once old files are
gone.

Reading (:meth:`SyncFolder.read`): the other computers' files in sequence
order, except those the caller lists as applied. A file is taken only when
complete (its end line is there and counts its lines): a half-written file
gives nothing and is read again next time. Within a complete file a line
that fails its checksum, is from a newer version, or carries another
device's stamp is skipped with a note; the file's other lines are given,
but the file is not *complete*, so it is read again (applying a change twice
changes nothing). Temporary files, sync tools' conflict copies and other
names are skipped with a note saying which they are.

Compaction (:meth:`SyncFolder.write_snapshot`): a device replaces its own
old files by a snapshot of its changes up to file ``through``
(sync/compaction.py), in parts of about FILE_BYTES named
``snapshot-<through:08d>-<part:03d>-of-<parts:03d>.jsonl`` (each written as
a change file is, its lines bound to a place of their own), then removes its
change files up to ``through`` and its older snapshots. A reader takes in
the newest snapshot whose parts are all there and complete, and from then on
only the change files after it; until then it reads the change files too
(a change twice changes nothing).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from leaderjournal.sync.changes import (
    Change,
    encode,
)
from leaderjournal.sync.clock import check_device_id
from leaderjournal.sync.errors import SyncError, SyncFormatError
from leaderjournal.sync.files import read_regular
from leaderjournal.sync.folder_files import (
    FILE_BYTES,
    NAME_FILE,
    SNAPSHOT_PARTS_MAX,
    FileChanges,
    Reading,
    Skipped,
    batches,
    change_files,
    check_name,
    end_line,
    read_file,
    snapshot_sequence,
    snapshots,
)
from leaderjournal.sync.sealing import (
    ChangeKey,
    Place,
)

APP_FOLDER = "LeaderJournal"
KEY_FILE = "journal.key"
KEY_ID_FILE = "journal.key-id"


@dataclass(frozen=True)
class Published:
    sequence: int
    path: Path
    #: The changes in the file, the first ``count`` of those given.
    count: int


def mark_applied(applied: dict[str, list[int]], file: FileChanges) -> None:
    """Record ``file`` as applied in ``applied`` (device -> sequences, kept by
    the caller), if it was read complete; a file with skipped lines is not."""
    if file.complete:
        done = applied.setdefault(file.device, [])
        if file.sequence not in done:
            done.append(file.sequence)
            done.sort()


def _fsync_folder(folder: Path) -> None:
    if os.name == "posix":  # Windows cannot open a folder to flush it
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


class SyncFolder:
    """The LeaderJournal part of the folder the person syncs (``root``), for
    a journal encrypted with ``key`` (None: a plain journal)."""

    def __init__(self, root: Path, key: ChangeKey | None = None) -> None:
        self.root = root
        self.base = root / APP_FOLDER
        self.key = key

    def publish(
        self,
        device: str,
        changes: Iterable[Change],
        after: int = 0,
        file_bytes: int = FILE_BYTES,
    ) -> list[Published]:
        """Write ``changes`` (this device's, oldest first) as new files after
        sequence ``after`` and any file already there; the files written."""
        check_device_id(device)
        lines = []
        for change in changes:
            if change.stamp.device != device:
                raise ValueError(f"a change stamped by {change.stamp.device}")
            lines.append(encode(change))
        return self.publish_lines(device, lines, after, file_bytes)

    def publish_lines(
        self,
        device: str,
        lines: list[bytes],
        after: int = 0,
        file_bytes: int = FILE_BYTES,
    ) -> list[Published]:
        """As :meth:`publish`, for changes already encoded (each line as
        :func:`~.changes.encode` wrote it, for this device)."""
        own = self.base / check_device_id(device)
        if not lines:
            return []
        written: list[Published] = []
        try:
            own.mkdir(parents=True, exist_ok=True)
            sequence = max([after, *(n for n, _ in change_files(own))])
            for batch in batches(lines, file_bytes, self.key is not None):
                sequence += 1
                final = self._seal(device, sequence, batch)
                path = self._write(own, sequence, final)
                written.append(Published(sequence, path, len(batch)))
        except OSError as exc:
            raise self._unwritable(exc) from exc
        return written

    def _unwritable(self, exc: OSError) -> SyncError:
        return SyncError(
            f"Could not write to the sync folder {self.root} ({exc.strerror}); "
            "check that it is there and writable, then sync again."
        )

    def _seal(self, device: str, sequence: int, lines: list[bytes]) -> list[bytes]:
        key, count = self.key, len(lines)
        if key is None:
            return lines
        return [
            key.seal(line, Place(device, sequence, n, count))
            for n, line in enumerate(lines, start=1)
        ]

    def write_snapshot(
        self,
        device: str,
        lines: list[bytes],
        through: int,
        file_bytes: int = FILE_BYTES,
    ) -> list[Path]:
        """Write ``lines`` (this device's changes up to its file ``through``,
        compacted and encoded) as a snapshot, then remove the files it
        replaces; the parts written."""
        own = self.base / check_device_id(device)
        cut = list(batches(lines, file_bytes, self.key is not None))
        if not cut or len(cut) > SNAPSHOT_PARTS_MAX:
            return []
        written = []
        try:
            for part, batch in enumerate(cut, start=1):
                name = f"snapshot-{through:08d}-{part:03d}-of-{len(cut):03d}.jsonl"
                sealed = self._seal(device, snapshot_sequence(through, part), batch)
                # A part already at this name is of a run cut short before it
                # removed the files it replaces (the same changes, up to the
                # same file), or something else put there: written over, so
                # the files go only once the snapshot here is this one.
                written.append(self._write(own, 0, sealed, name, again=True))
            for sequence, path in change_files(own):
                if sequence <= through:
                    path.unlink(missing_ok=True)
            for older, parts in snapshots(own).items():
                if older != through:
                    for _, path in parts.values():
                        path.unlink(missing_ok=True)
            _fsync_folder(own)
        except OSError as exc:
            raise self._unwritable(exc) from exc
        return written

    def _write(
        self,
        own: Path,
        sequence: int,
        lines: list[bytes],
        name: str = "",
        *,
        again: bool = False,
    ) -> Path:
        """Write a file of lines whole (or not at all); a change file is
        never written ``again``."""
        final = own / (name or f"{sequence:08d}.jsonl")
        if not again and final.exists():
            raise SyncError(f"{final} is there already; it is never written again")
        temporary = own / f".{final.name}.tmp"
        with temporary.open("wb") as out:  # a crash's leftover is replaced
            out.writelines([*lines, end_line(len(lines))])
            out.flush()
            os.fsync(out.fileno())
        temporary.replace(final)  # one writer per device: the journal's lock
        _fsync_folder(own)
        return final

    def publish_name(self, device: str, name: str) -> None:
        """Write this computer's name beside its changes (when it changed)."""
        own = self.base / check_device_id(device)
        path = own / NAME_FILE
        data = f"{check_name(name)}\n".encode()
        with contextlib.suppress(OSError):  # not there yet
            if read_regular(path, 1024) == data:
                return
        try:
            own.mkdir(parents=True, exist_ok=True)
            temporary = own / f".{NAME_FILE}.tmp"
            temporary.write_bytes(data)
            temporary.replace(path)
        except OSError as exc:
            raise self._unwritable(exc) from exc

    def computer_names(self, device: str) -> dict[str, str]:
        """The other computers syncing here, by device id: the name each
        gave itself, or "a computer (1a2b3c4d)" while it has none."""
        names: dict[str, str] = {}
        if not self.base.is_dir():
            return names
        for folder in sorted(self.base.iterdir()):
            try:
                other = check_device_id(folder.name)
            except SyncFormatError:
                continue
            if other == device or not folder.is_dir():
                continue
            names[other] = f"a computer ({other[:8]})"
            with contextlib.suppress(OSError, SyncFormatError, UnicodeDecodeError):
                data = read_regular(folder / NAME_FILE, 1024)
                if data is not None:
                    names[other] = check_name(data.decode("utf-8"))
        return names

    def read(self, device: str, applied: Mapping[str, Collection[int]]) -> Reading:
        """Every other device's files not yet ``applied``, in order."""
        reading = Reading()
        if not self.base.is_dir():
            return reading
        try:
            folders = sorted(self.base.iterdir())
        except OSError as exc:
            raise SyncError(
                f"Could not read the sync folder {self.root} ({exc.strerror}); "
                "check that it is there, then sync again."
            ) from exc
        for folder in folders:
            if folder.name in (device, KEY_FILE, KEY_ID_FILE) or folder.name[:1] == ".":
                continue  # .stfolder, .DS_Store and the like are the tools'
            try:
                other = check_device_id(folder.name)
            except SyncFormatError as exc:
                reading.skipped.append(
                    Skipped(folder, f"not a device folder: {exc.reason}")
                )
                continue
            if not folder.is_dir():
                reading.skipped.append(Skipped(folder, "not a device folder"))
                continue
            done = applied.get(other, ())
            try:
                found = change_files(folder, reading.skipped)
                found_snapshots = snapshots(folder)
            except OSError as exc:
                reading.skipped.append(Skipped(folder, f"unreadable: {exc.strerror}"))
                continue
            covered = self._read_snapshot(other, found_snapshots, done, reading)
            for sequence, path in found:
                if sequence not in done and sequence > covered:
                    read_file(other, sequence, path, self.key, reading)
        return reading

    def _read_snapshot(
        self,
        device: str,
        snapshots: dict[int, dict[int, tuple[int, Path]]],
        done: Collection[int],
        reading: Reading,
    ) -> int:
        """Take in the newest whole snapshot's parts not yet applied; the
        file it goes up to once every part is in, else 0."""
        whole = [
            through
            for through, parts in snapshots.items()
            if all(count == len(parts) for count, _ in parts.values())
        ]
        if not whole:
            return 0
        through = max(whole)
        complete = True
        for part, (_, path) in sorted(snapshots[through].items()):
            sequence = snapshot_sequence(through, part)
            if sequence in done:
                continue
            before = len(reading.files)
            read_file(device, sequence, path, self.key, reading)
            read = reading.files[before:]
            complete = complete and bool(read) and read[0].complete
        return through if complete else 0
