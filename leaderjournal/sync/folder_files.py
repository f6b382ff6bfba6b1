"""The files in a device's folder of the sync folder: their names, what a
batch is cut into, and reading one file (its end line, each line checked).
The folder as a whole is sync/folder.py."""

from __future__ import annotations

import contextlib
import platform
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from leaderjournal.sync.changes import (
    FORMAT_VERSION,
    MAX_LINE_BYTES,
    Change,
    canonical,
    checksum,
    parse_record,
)
from leaderjournal.sync.errors import NewerFormatError, SyncFormatError
from leaderjournal.sync.files import read_regular
from leaderjournal.sync.sealing import (
    MAX_SEALED_LINE_BYTES,
    ChangeKey,
    Place,
    read_change,
    sealed_line_bytes,
)

#: In each device's folder: what the person calls that computer, one line.
NAME_FILE = "computer.txt"
NAME_MAX = 60
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


def end_line(count: int) -> bytes:
    record = {"end": count, "v": FORMAT_VERSION}
    return canonical({**record, "sum": checksum(record)}) + b"\n"


def batches(lines: list[bytes], size: int, encrypted: bool) -> Iterator[list[bytes]]:
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


def snapshots(folder: Path) -> dict[int, dict[int, tuple[int, Path]]]:
    """The snapshot parts in ``folder``: through -> part -> (parts, path)."""
    found: dict[int, dict[int, tuple[int, Path]]] = {}
    for path in folder.iterdir():
        match = _SNAPSHOT.fullmatch(path.name)
        if match:
            through, part, parts = map(int, match.groups())
            if 1 <= part <= parts:
                found.setdefault(through, {})[part] = (parts, path)
    return found


def change_files(
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


def read_file(
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
