"""Writing a file so that it is either complete or not there at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


class ExchangeError(Exception):
    """A problem with an export or import; ``str()`` is for the person."""


class Cancelled(ExchangeError):  # noqa: N818 - reads as "export cancelled"
    """The person cancelled; nothing was written."""


@contextlib.contextmanager
def atomic_text_file(path: Path, *, bom: bool = False) -> Iterator[TextIO]:
    """Open a temporary file beside ``path``; on success it replaces ``path``.

    If the block raises (an error, a full disk, a cancel), the temporary file
    is removed and an existing file at ``path`` is left exactly as it was.
    """
    folder = path.parent
    try:
        fd, temp_name = tempfile.mkstemp(
            dir=folder, prefix=f".{path.name}.", suffix=".part"
        )
    except OSError as exc:
        raise ExchangeError(_describe(exc, folder)) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(
            fd, "w", encoding="utf-8-sig" if bom else "utf-8", newline=""
        ) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        temp.replace(path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ExchangeError(_describe(exc, path)) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _describe(exc: OSError, where: Path) -> str:
    if exc.errno == 28:
        return f"The disk is full: {where} could not be written. Nothing was changed."
    if isinstance(exc, PermissionError):
        return f"You do not have permission to write to {where}."
    if isinstance(exc, FileNotFoundError):
        return f"The folder {where} does not exist."
    return f"{where} could not be written ({exc.strerror or exc})."
