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
import platform
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from leaderjournal.sync.changes import (
    FORMAT_VERSION,
    MAX_LINE_BYTES,
    Change,
    canonical,
    checksum,
    encode,
    parse_record,
)
from leaderjournal.sync.clock import check_device_id
from leaderjournal.sync.errors import NewerFormatError, SyncError, SyncFormatError
from leaderjournal.sync.files import read_regular
from leaderjournal.sync.sealing import (
    MAX_SEALED_LINE_BYTES,
    ChangeKey,
    Place,
    read_change,
    sealed_line_bytes,
)

APP_FOLDER = "LeaderJournal"
#: In each device's folder: what the person calls that computer, one line.
NAME_FILE = "computer.txt"
NAME_MAX = 60
KEY_FILE = "journal.key"
KEY_ID_FILE = "journal.key-id"
#: A batch is split into files of about this size.
FILE_BYTES = 16 * 1024 * 1024
#: A larger file is not read (no valid file is: one change is far smaller).
MAX_FILE_BYTES = FILE_BYTES + 2 * max(MAX_LINE_BYTES, MAX_SEALED_LINE_BYTES)

_CHANGE_FILE = re.compile(r"([0-9]{8}|[1-9][0-9]{8,})\.jsonl")
_SNAPSHOT = re.compile(r"snapshot-([0-9]{8,})-([0-9]{3})-of-([0-9]{3})\.jsonl")
#: Parts of one snapshot at most (each about FILE_BYTES).
SNAPSHOT_PARTS_MAX = 999
_TEMPORARY = re.compile(
    r"^\.|^~|\.tmp$|\.part$|\.partial$|~$|\.!sync$|\.crdownload$", re.IGNORECASE
)
#: Syncthing (.sync-conflict-), Dropbox and Nextcloud ((... conflicted copy ...)),
#: ownCloud and older Nextcloud (_conflict-), Dropbox case clashes, and the
#: numbered copies of Google Drive ("name (1)") and iCloud ("name 2"), and
#: OpenCloud's ".conflict". A copy named in another language (Nextcloud
#: translates "conflicted copy") is still skipped: only 00000001.jsonl is read.
_CONFLICT = re.compile(
    r"sync-conflict|conflicted copy|_conflict-|case conflict|\(\d+\)\.jsonl$"
    r"| \d+\.jsonl$|\.conflict$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Skipped:
    """A file or line passed over, and why, in words."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Published:
    sequence: int
    path: Path


@dataclass(frozen=True)
class FileChanges:
    """The changes read from one file. ``complete``: every line was taken;
    once its changes are applied, record it with :func:`mark_applied`."""

    device: str
    sequence: int
    path: Path
    changes: tuple[Change, ...]
    complete: bool
    #: Each change's plain line, checked (to keep without writing it again).
    lines: tuple[bytes, ...] = ()


@dataclass
class Reading:
    files: list[FileChanges] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def mark_applied(applied: dict[str, list[int]], file: FileChanges) -> None:
    """Record ``file`` as applied in ``applied`` (device -> sequences, kept by
    the caller), if it was read complete; a file with skipped lines is not."""
    if file.complete:
        done = applied.setdefault(file.device, [])
        if file.sequence not in done:
            done.append(file.sequence)
            done.sort()


def _end_line(count: int) -> bytes:
    record = {"end": count, "v": FORMAT_VERSION}
    return canonical({**record, "sum": checksum(record)}) + b"\n"


def _batches(lines: list[bytes], size: int, encrypted: bool) -> Iterator[list[bytes]]:
    """``lines`` in runs of about ``size`` bytes as written (encrypted or not)."""
    batch: list[bytes] = []
    total = 0
    for line in lines:
        written = sealed_line_bytes(len(line)) if encrypted else len(line)
        if batch and total + written > size:
            yield batch
            batch, total = [], 0
        batch.append(line)
        total += written
    if batch:
        yield batch


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
            sequence = max([after, *(n for n, _ in _change_files(own))])
            for batch in _batches(lines, file_bytes, self.key is not None):
                sequence += 1
                final = self._seal(device, sequence, batch)
                written.append(Published(sequence, self._write(own, sequence, final)))
        except OSError as exc:
            raise SyncError(
                f"Could not write to the sync folder {self.root} ({exc.strerror}); "
                "check that it is there and writable, then sync again."
            ) from exc
        return written

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
        batches = list(_batches(lines, file_bytes, self.key is not None))
        if not batches or len(batches) > SNAPSHOT_PARTS_MAX:
            return []
        written = []
        try:
            for part, batch in enumerate(batches, start=1):
                name = f"snapshot-{through:08d}-{part:03d}-of-{len(batches):03d}.jsonl"
                sealed = self._seal(device, snapshot_sequence(through, part), batch)
                written.append(self._write(own, 0, sealed, name))
            for sequence, path in _change_files(own):
                if sequence <= through:
                    path.unlink(missing_ok=True)
            for older, parts in _snapshots(own).items():
                if older != through:
                    for _, path in parts.values():
                        path.unlink(missing_ok=True)
            _fsync_folder(own)
        except OSError as exc:
            raise SyncError(
                f"Could not write to the sync folder {self.root} ({exc.strerror}); "
                "check that it is there and writable, then sync again."
            ) from exc
        return written

    def _write(
        self, own: Path, sequence: int, lines: list[bytes], name: str = ""
    ) -> Path:
        final = own / (name or f"{sequence:08d}.jsonl")
        if final.exists():
            raise SyncError(f"{final} is there already; it is never written again")
        temporary = own / f".{final.name}.tmp"
        with temporary.open("wb") as out:  # a crash's leftover is replaced
            out.writelines([*lines, _end_line(len(lines))])
            out.flush()
            os.fsync(out.fileno())
        temporary.rename(final)  # one writer per device: the journal's lock
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
            raise SyncError(
                f"Could not write to the sync folder {self.root} ({exc.strerror}); "
                "check that it is there and writable, then sync again."
            ) from exc

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
                found = _change_files(folder, reading.skipped)
                snapshots = _snapshots(folder)
            except OSError as exc:
                reading.skipped.append(Skipped(folder, f"unreadable: {exc.strerror}"))
                continue
            covered = self._read_snapshot(other, snapshots, done, reading)
            for sequence, path in found:
                if sequence not in done and sequence > covered:
                    _read_file(other, sequence, path, self.key, reading)
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
            _read_file(device, sequence, path, self.key, reading)
            read = reading.files[before:]
            complete = complete and bool(read) and read[0].complete
        return through if complete else 0


def check_name(name: object) -> str:
    """A computer's name as shown to the person: one line of 1 to NAME_MAX
    characters, its spaces tidied; SyncFormatError, in words, otherwise."""
    if type(name) is not str:
        raise SyncFormatError("a computer's name is text")
    tidy = " ".join(name.split())
    if not tidy or len(tidy) > NAME_MAX:
        raise SyncFormatError(
            f"a computer's name has 1 to {NAME_MAX} characters, on one line"
        )
    if any(unicodedata.category(c)[0] == "C" for c in tidy):
        raise SyncFormatError("a computer's name holds no control characters")
    return tidy


def default_name() -> str:
    """This computer's name until the person gives one: its host name."""
    try:
        return check_name(platform.node())
    except SyncFormatError:
        return "This computer"


def snapshot_sequence(through: int, part: int) -> int:
    """Where a snapshot part's lines are bound, and how it is kept as
    applied: a number no change file has."""
    return -(through * 1000 + part)


def _snapshots(folder: Path) -> dict[int, dict[int, tuple[int, Path]]]:
    """The snapshot parts in ``folder``: through -> part -> (parts, path)."""
    found: dict[int, dict[int, tuple[int, Path]]] = {}
    for path in folder.iterdir():
        match = _SNAPSHOT.fullmatch(path.name)
        if match:
            through, part, parts = map(int, match.groups())
            if 1 <= part <= parts:
                found.setdefault(through, {})[part] = (parts, path)
    return found


def _change_files(
    folder: Path, skipped: list[Skipped] | None = None
) -> list[tuple[int, Path]]:
    """The change files in ``folder`` by sequence; notes for the rest."""
    found = []
    for path in folder.iterdir():
        if _CHANGE_FILE.fullmatch(path.name):
            found.append((int(path.stem), path))
        elif path.name == NAME_FILE or _SNAPSHOT.fullmatch(path.name):
            continue
        elif skipped is not None:
            skipped.append(Skipped(path, _why_not(path.name)))
    return sorted(found)


def _why_not(name: str) -> str:
    if name.lower().endswith(".icloud"):
        return "not downloaded yet (an iCloud placeholder); read once it is"
    if _CONFLICT.search(name):
        return "a sync tool's conflict copy; the original file is the one read"
    if _TEMPORARY.search(name):
        return "a temporary file, still being written or copied"
    if name.startswith("snapshot-"):
        return "not a snapshot this LeaderJournal knows (a later one may)"
    return "not a change file (those are named like 00000001.jsonl)"


def _read_file(
    device: str, sequence: int, path: Path, key: ChangeKey | None, reading: Reading
) -> None:
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except OSError as exc:
        reading.skipped.append(Skipped(path, f"could not be read: {exc.strerror}"))
        return
    if data is None or len(data) > MAX_FILE_BYTES:
        why = "a link, folder or pipe" if data is None else "too large"
        reading.skipped.append(Skipped(path, f"not a change file: {why}"))
        return
    lines = data.split(b"\n")
    if lines.pop() != b"" or not lines or not _is_end(lines[-1], len(lines) - 1):
        reading.skipped.append(Skipped(path, "half-written; read again once complete"))
        return
    changes, plain = [], []
    count = len(lines) - 1
    for number, line in enumerate(lines[:-1], start=1):
        try:
            place = Place(device, sequence, number, count)
            change, text = read_change(line, key, place)
            if change.stamp.device != device:
                raise SyncFormatError(f"the change is stamped by {change.stamp.device}")
        except (SyncFormatError, NewerFormatError) as exc:
            reading.skipped.append(Skipped(path, f"line {number}: {exc.reason}"))
            continue
        changes.append(change)
        plain.append(text)
    complete = len(changes) == count
    reading.files.append(
        FileChanges(device, sequence, path, tuple(changes), complete, tuple(plain))
    )


def _is_end(line: bytes, count: int) -> bool:
    with contextlib.suppress(SyncFormatError, NewerFormatError):
        return parse_record(line) == {"end": count, "v": FORMAT_VERSION}
    return False
