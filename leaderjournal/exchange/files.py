"""Writing a file so that it is either complete or not there at all."""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from leaderjournal.errors import LeaderJournalError
from leaderjournal.storage.targets import (
    TargetError,
    check_write_target,
    remove_leftover_files,
)


class ExchangeError(LeaderJournalError):
    """A problem with an export or import; ``str()`` is for the person."""


class Cancelled(ExchangeError):  # noqa: N818 - reads as "export cancelled"
    """The person cancelled; nothing was written."""


@contextlib.contextmanager
def atomic_text_file(
    path: Path, *, bom: bool = False, data_dir: Path | None = None
) -> Iterator[TextIO]:
    """Open a temporary file beside ``path``; on success it replaces ``path``.

    If the block raises (an error, a full disk, a cancel), the temporary file
    is removed and an existing file at ``path`` is left exactly as it was.

    ``path`` is first checked by
    :func:`~leaderjournal.storage.targets.check_write_target`: never a file
    of the journal in ``data_dir``, never a device, FIFO, socket or folder
    (ExchangeError says why, before anything is written). When ``path`` is a
    symbolic link, the file it points to is written, as ``cp`` does: the
    temporary file goes beside that file and is renamed over it, so the link
    stays a link. Temporary files an interrupted write left for this same
    file are removed first.
    """
    with atomic_binary_file(path, data_dir=data_dir) as raw:
        out = io.TextIOWrapper(
            raw, encoding="utf-8-sig" if bom else "utf-8", newline=""
        )
        try:
            yield out
            out.flush()
        finally:
            out.detach()


@contextlib.contextmanager
def atomic_binary_file(
    path: Path,
    *,
    data_dir: Path | None = None,
    tidy: bool = True,
    sync: bool = True,
) -> Iterator[BinaryIO]:
    """:func:`atomic_text_file` for bytes (a zip archive, say).

    ``tidy=False`` leaves the search for an interrupted write's leftovers to
    the caller, and ``sync=False`` the flush to the disk: a folder export of
    many files tidies the folder once and syncs once at the end.
    """
    try:
        target = check_write_target(path, data_dir)
    except TargetError as exc:
        raise ExchangeError(str(exc)) from None
    folder = target.parent
    prefix = f".{target.name}."
    if tidy:
        remove_leftover_files(folder, _temporary_names(prefix))
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=_SUFFIX)
    except OSError as exc:
        raise ExchangeError(_describe(exc, folder)) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            if sync:
                os.fsync(out.fileno())
        temp.replace(target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ExchangeError(_describe(exc, path)) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


_SUFFIX = ".part"


#: The temporary files an interrupted write left in a folder, whatever
#: file they were for (see :func:`_temporary_names`).
LEFTOVER_NAMES = re.compile(r"\..+\.[a-z0-9_]{8}" + re.escape(_SUFFIX))


def _temporary_names(prefix: str) -> re.Pattern[str]:
    """The names ``tempfile.mkstemp`` gives with ``prefix``: eight letters,
    digits or underscores between the prefix and the suffix."""
    return re.compile(re.escape(prefix) + r"[a-z0-9_]{8}" + re.escape(_SUFFIX))


def _describe(exc: OSError, where: Path) -> str:
    if exc.errno == 28:
        return f"The disk is full: {where} could not be written. Nothing was changed."
    if isinstance(exc, PermissionError):
        return f"You do not have permission to write to {where}."
    if isinstance(exc, FileNotFoundError):
        return f"The folder {where} does not exist."
    return f"{where} could not be written ({exc.strerror or exc})."
