"""A journal the app closed itself and nobody changed since is not read
through again at the next start.

DESIGN.md treats a journal found in the data folder as a file from
elsewhere: before anything is written to it, its schema is compared and
every row is checked against the limits. That row check reads the whole
journal (about 80 ms on ten years of entries, more on a large one) at every
start and every command. When the app closes the journal cleanly it writes
``journal.checked`` beside it: the file's identity and change times as the
operating system reports them (device, inode, size, modification and
status-change times in nanoseconds) and the rules it was checked by. At the
next open, a journal whose identity and times are exactly those, with no
write-ahead log beside it, is the file the app left: its rows are not read
through again. The schema and SQLite's ``quick_check`` still run.

Any change to the file changes its status-change time (``st_ctime``), which
no program can set back: a journal edited, replaced, copied in or restored
by anything but the app is checked in full, whatever ``journal.checked``
says. So is one whose rules changed (another version of the app) and one
left by a crash (its write-ahead log is still there). The seal is a
shortcut, never a reason to trust: when in doubt, the full check runs.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import stat
from pathlib import Path

from leaderjournal import __version__

log = logging.getLogger(__name__)

SEAL_FILE = "journal.checked"
#: A record is about 200 bytes.
_MAX_BYTES = 4096
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_FIELDS = ("st_dev", "st_ino", "st_size", "st_mtime_ns", "st_ctime_ns")


@functools.cache
def _rules() -> str:
    """What a journal is checked by: this version, and the code of its row
    rules and limits where it can be read (a change to either during
    development changes it too)."""
    from leaderjournal.domain import limits
    from leaderjournal.storage import column_rules, row_rules, schema, trust

    digest = hashlib.sha256(__version__.encode())
    for module in (limits, column_rules, row_rules, schema, trust):
        with contextlib.suppress(OSError, TypeError):
            digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()


def _identity(path: Path) -> dict[str, int]:
    status = path.stat()
    return {field: int(getattr(status, field)) for field in _FIELDS}


def _seal_path(journal: Path) -> Path:
    return journal.with_name(SEAL_FILE)


def _wal(journal: Path) -> Path:
    return journal.with_name(journal.name + "-wal")


def seal(journal: Path) -> None:
    """Record that ``journal``, just closed by the app with nothing left to
    write, is as the app left it. Best effort: a seal that cannot be written
    only means a full check at the next open."""
    target = _seal_path(journal)
    try:
        if _wal(journal).exists():
            unseal(journal)  # not closed cleanly (another connection is open)
            return
        record = {"rules": _rules(), **_identity(journal)}
        part = target.with_name(target.name + ".tmp")
        part.unlink(missing_ok=True)
        # A new file of our own: never written through a link left there.
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(json.dumps(record))
        part.replace(target)
    except OSError as exc:
        log.info("The journal's seal was not written (%s)", exc.strerror or exc)
        unseal(journal)


def unseal(journal: Path) -> None:
    """Forget the seal: the next open checks the journal in full."""
    with contextlib.suppress(OSError):
        _seal_path(journal).unlink(missing_ok=True)


def _read_small(path: Path) -> str:
    """The record's text: a regular file of a few hundred bytes, opened
    without following a link or waiting on a pipe put in its place."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW)
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError("not a regular file")
        return file.read(_MAX_BYTES).decode("utf-8")


def is_sealed(journal: Path) -> bool:
    """Whether ``journal`` is exactly as the app, with these rules, left it."""
    try:
        if _wal(journal).exists():
            return False
        record = json.loads(_read_small(_seal_path(journal)))
        return (
            isinstance(record, dict)
            and record.get("rules") == _rules()
            and all(record.get(k) == v for k, v in _identity(journal).items())
        )
    except (OSError, ValueError):
        return False
