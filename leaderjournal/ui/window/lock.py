"""Locking an encrypted journal, and remembering its passphrase if asked.

Locking closes the window and the journal (its key goes with it) and asks
the passphrase again; :class:`Place` is what the window showed, so that the
window it reopens shows the same. :class:`IdleLock` says when nobody has
touched the app for a while. The ``remembered`` functions keep a journal's
passphrase in the operating system's keyring, and only when the person
ticks "Remember on this computer": with no usable keyring it is not offered.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer, Signal

from leaderjournal import APP_NAME

if TYPE_CHECKING:
    from leaderjournal.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)

# -- where the person was --------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """What a window showed: its view, day, entry, week and geometry."""

    view: int
    day: dt.date
    entry_id: str | None
    week: str | None
    geometry: QByteArray


def place_of(window: MainWindow) -> Place:
    entry = window.day_view.current_entry()
    review = window.views.review_tab.made
    return Place(
        view=window.views.currentIndex(),
        day=window.day_view.day(),
        entry_id=entry.id if entry is not None else None,
        week=review.week() if review is not None else None,
        geometry=window.saveGeometry(),
    )


def return_to(window: MainWindow, place: Place) -> None:
    """Show in ``window`` what was shown when it was locked."""
    window.restoreGeometry(place.geometry)
    window.day_view.show_day(place.day, entry_id=place.entry_id)
    if place.week is not None:
        window.review_view.show_week(place.week)
    if 0 <= place.view < window.views.count():
        window.views.setCurrentIndex(place.view)


# -- idle time -----------------------------------------------------------------------

#: What counts as the person using the app.
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleLock(QObject):
    """Emits ``idle`` after ``minutes`` without a key or the mouse used in
    the app (0: never). One event filter on the application restarts a
    timer; ``ms_per_minute`` is shortened by tests."""

    idle = Signal()

    def __init__(
        self, minutes: int, parent: QObject, *, ms_per_minute: int = 60_000
    ) -> None:
        super().__init__(parent)
        self._ms_per_minute = ms_per_minute
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.idle)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        if minutes > 0:
            self._timer.setInterval(minutes * self._ms_per_minute)
            self._timer.start()
        else:
            self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self._timer.isActive():
            self._timer.start()
        return False

    def stop(self) -> None:
        self._timer.stop()


# -- remember on this computer -----------------------------------------------------

SERVICE = APP_NAME


def _name(data_dir: Path) -> str:
    """One name per journal: its folder, resolved."""
    return str(data_dir.resolve())


def keyring_usable() -> bool:
    """True if the keyring has a backend that can keep a passphrase (not
    keyring's "fail" or "null" backends)."""
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
    except Exception:  # no keyring, or one that fails as it loads
        log.info("No keyring to remember a passphrase in")
        return False
    return not isinstance(backend, fail.Keyring | null.Keyring)


def remembered(data_dir: Path) -> str | None:
    """The passphrase remembered for the journal in ``data_dir``, if any."""
    if not keyring_usable():
        return None
    import keyring

    try:
        return keyring.get_password(SERVICE, _name(data_dir))
    except Exception:  # a locked or broken keyring: ask instead
        log.warning("The keyring could not be read")
        return None


def remember(data_dir: Path, passphrase: str | None) -> None:
    """Keep ``passphrase`` for the journal in ``data_dir``; None forgets it."""
    if not keyring_usable():
        return
    import keyring
    from keyring.errors import PasswordDeleteError

    try:
        if passphrase is not None:
            keyring.set_password(SERVICE, _name(data_dir), passphrase)
        elif keyring.get_password(SERVICE, _name(data_dir)) is not None:
            keyring.delete_password(SERVICE, _name(data_dir))
    except PasswordDeleteError:
        pass
    except Exception:
        log.warning("The keyring could not be changed")
