"""The app's log: what happened to the journal's files, and what failed.

Records go to ``logs/leaderjournal.log`` in the data folder, rotated at
about 1 MB with three older files kept, the folder private to its owner
(0700) and each file too (0600). The log holds events (a backup made, an
import applied, an export written, a journal restored) and errors, never
what a person wrote: an entry's text, title and tags stay out, and so do
exception messages, which may quote a value from a file.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from leaderjournal.paths import ensure_private_dir, log_dir

LOG_FILE = "leaderjournal.log"
MAX_BYTES = 1_000_000
KEEP_FILES = 3

#: The package's logger; modules log to children of it (logging.getLogger).
ROOT_LOGGER = "leaderjournal"

_handler: _PrivateFileHandler | None = None


class _PrivateFileHandler(RotatingFileHandler):
    """A rotating file handler whose files only their owner can read, and
    which writes through no link someone put in place of the log."""

    def _open(self) -> io.TextIOWrapper:
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.baseFilename, flags, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)  # noqa: PTH123

    # The log is kept as well as it can be: a line that cannot be written
    # (a full disk) is dropped, never printed on the terminal as a traceback.
    def handleError(self, record: logging.LogRecord) -> None:
        pass

    def close(self) -> None:
        with contextlib.suppress(OSError):
            super().close()


class _PlainFormatter(logging.Formatter):
    """Formats a record's exception as its type and where it was raised,
    without its message (which may quote a journal's contents)."""

    def formatException(self, ei: Any) -> str:
        exc_type, _value, tb = ei
        frames = "".join(traceback.format_tb(tb)).rstrip()
        return f"{frames}\n{exc_type.__qualname__}" if frames else exc_type.__qualname__


def setup_logging(data_dir: Path) -> Path | None:
    """Log the package's events to ``data_dir``'s log folder; returns the log
    file, or None when it cannot be written (the app runs without a log).

    Called once at the start of the app and of each command; called again
    with another folder, the log moves there.
    """
    global _handler  # noqa: PLW0603 - one log per process
    path = log_dir(data_dir) / LOG_FILE
    if _handler is not None and Path(_handler.baseFilename) == path:
        return path
    stop_logging()
    try:
        ensure_private_dir(log_dir(data_dir), app_folder=True)
        handler = _PrivateFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=KEEP_FILES, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(
        _PlainFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    logger = logging.getLogger(ROOT_LOGGER)
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    _handler = handler
    return path


def stop_logging() -> None:
    """Close the log file, if one is open."""
    global _handler  # noqa: PLW0603 - one log per process
    if _handler is not None:
        logging.getLogger(ROOT_LOGGER).removeHandler(_handler)
        _handler.close()
        _handler = None


def log_uncaught_errors() -> None:
    """Record every uncaught error in the log, then hand it on to the
    handler that was in place (which reports it as before)."""
    previous = sys.excepthook
    if getattr(previous, "_logs_errors", False):
        return

    def log_then_report(
        exc_type: type[BaseException], value: BaseException, tb: Any
    ) -> None:
        logging.getLogger(ROOT_LOGGER).error(
            "Unexpected error", exc_info=(exc_type, value, tb)
        )
        previous(exc_type, value, tb)

    log_then_report._logs_errors = True  # type: ignore[attr-defined]  # a marker, so it chains once
    sys.excepthook = log_then_report
