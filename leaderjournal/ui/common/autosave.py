"""Saving what the person types a moment after they stop, and again after a failure.

One small class, used by every view that saves as the person writes (the
day's entry, the weekly review's notes), so that the delay, the retry after
a failed save and the guard while a view fills its own fields live in one
place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

DELAY_MS = 1000
RETRY_MS = 5000


@dataclass(frozen=True)
class AutosaveDelays:
    """How long after the last edit a view saves, and how long it waits to
    try again after a failed save (tests make both short)."""

    delay_ms: int = DELAY_MS
    retry_ms: int = RETRY_MS


class Autosaver(QObject):
    """Calls ``save`` ``delay_ms`` after the last :meth:`mark_dirty`.

    ``save`` returns True when it wrote something and False when there was
    nothing to write. An exception of a ``retry_on`` type (a busy, full or
    read-only disk) means the save failed and is worth trying again: the
    edits stay dirty, :attr:`failed` carries the exception's message, and
    ``save`` is called again after ``retry_ms``. An exception of a
    ``refused_on`` type (a value the person must correct) fails the same
    way but is not retried by itself. Anything else is a mistake in the
    program and propagates.
    """

    saved = Signal(object)  # dt.datetime, local time of the save
    failed = Signal(str)

    def __init__(
        self,
        save: Callable[[], bool],
        *,
        delay_ms: int = DELAY_MS,
        retry_ms: int = RETRY_MS,
        retry_on: tuple[type[BaseException], ...] = (),
        refused_on: tuple[type[BaseException], ...] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._retry_on = retry_on
        self._refused_on = refused_on
        self._dirty = False
        self._loading = 0
        self._delay = QTimer(self, singleShot=True, interval=delay_ms)
        self._delay.timeout.connect(self.flush)
        self._retry = QTimer(self, singleShot=True, interval=retry_ms)
        self._retry.timeout.connect(self.flush)

    @property
    def dirty(self) -> bool:
        """True while there are edits that are not saved."""
        return self._dirty

    @property
    def pending(self) -> bool:
        """True while a save is scheduled, after a pause or as a retry."""
        return self._delay.isActive() or self._retry.isActive()

    @property
    def retrying(self) -> bool:
        """True when a failed save will be tried again by itself."""
        return self._retry.isActive()

    def mark_dirty(self) -> None:
        """An edit was made: save it once the person pauses."""
        if self._loading:
            return
        self._dirty = True
        self._delay.start()

    def mark_clean(self) -> None:
        """What is shown is what is stored (nothing left to save)."""
        self._dirty = False
        self._delay.stop()
        self._retry.stop()

    @contextlib.contextmanager
    def loading(self) -> Iterator[None]:
        """While a view fills its fields from storage: those are not edits.

        Afterwards what is shown is what is stored, so nothing is dirty (if
        filling them failed, what was unsaved stays unsaved).
        """
        self._loading += 1
        try:
            yield
        finally:
            self._loading -= 1
        if not self._loading:
            self.mark_clean()

    def flush(self) -> bool:
        """Save now if anything is unsaved; True when nothing is left unsaved."""
        self._delay.stop()
        if not self._dirty:
            return True
        try:
            wrote = self._save()
        except self._retry_on as exc:
            self._retry.start()
            self.failed.emit(str(exc))
            return False
        except self._refused_on as exc:
            self._retry.stop()
            self.failed.emit(str(exc))
            return False
        self.mark_clean()
        if wrote:
            self.saved.emit(dt.datetime.now())
        return True
