"""The status bar's "Saved HH:MM": one place that knows when writing was saved.

Every view that saves as the person types (the day's entry, the weekly
review's notes) has an Autosaver; the window hands each one to
:class:`SaveStatus`, so the status bar tells the last save of anything, at
the very time the view itself reports, and "Not saved" while any of them
holds writing it could not save.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QStatusBar

from leaderjournal.ui.common.autosave import Autosaver


def saved_text(at: dt.datetime) -> str:
    """What the window says after a save at ``at`` (local time)."""
    return f"Saved {at:%H:%M}"


NOT_SAVED = "Not saved"


def status_labels(bar: QStatusBar) -> tuple[QLabel, QLabel]:
    """The status bar's two lasting labels, at its right: the last backup,
    then the last save."""
    backup = QLabel(objectName="backupStatus")
    backup.setAccessibleName("Last backup")
    save = QLabel(objectName="saveStatus")
    save.setAccessibleName("Save status")
    bar.addPermanentWidget(backup)
    bar.addPermanentWidget(save)
    return backup, save


class SaveStatus(QObject):
    """Shows in ``label`` the last save of every autosaver it watches."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label)
        self._label = label
        self._last: dt.datetime | None = None
        self._failing: set[int] = set()  # ids of autosavers holding unsaved work

    def watch(self, autosaver: Autosaver) -> None:
        """Report the saves and failures of ``autosaver`` from now on."""
        key = id(autosaver)
        autosaver.saved.connect(lambda at: self._saved(key, at))
        autosaver.failed.connect(lambda _reason: self._failed(key))
        autosaver.destroyed.connect(lambda: self._forget(key))

    def _saved(self, key: int, at: dt.datetime) -> None:
        self._failing.discard(key)
        self._last = at if self._last is None else max(self._last, at)
        self._show()

    def _failed(self, key: int) -> None:
        self._failing.add(key)
        self._show()

    def _forget(self, key: int) -> None:
        self._failing.discard(key)

    def _show(self) -> None:
        if self._failing:
            self._label.setText(NOT_SAVED)
        elif self._last is not None:
            self._label.setText(saved_text(self._last))
