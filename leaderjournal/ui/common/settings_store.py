"""Where the preferences and the window's state are kept: QSettings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from leaderjournal import APP_NAME
from leaderjournal.settings import Settings


class SettingsStore:
    """Reads and writes Settings and the window's state with QSettings."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._q = qsettings or QSettings(APP_NAME, APP_NAME)

    def load(self) -> Settings:
        self._q.beginGroup("preferences")
        stored = {key: self._q.value(key) for key in self._q.childKeys()}
        self._q.endGroup()
        return Settings.from_dict(stored)

    def save(self, settings: Settings) -> None:
        self._q.beginGroup("preferences")
        for key, value in settings.to_dict().items():
            self._q.setValue(key, value)
        self._q.endGroup()
        self._q.sync()

    def lock_after_minutes(self) -> int:
        """Minutes idle before the window locks an encrypted journal; 0 (the
        default) means never."""
        stored = self._q.value("security/lock_after_minutes", 0)
        try:
            minutes = int(stored) if isinstance(stored, int | str) else 0
        except ValueError:
            return 0
        return max(minutes, 0)

    def set_lock_after_minutes(self, minutes: int) -> None:
        self._q.setValue("security/lock_after_minutes", max(int(minutes), 0))
        self._q.sync()

    def window_state(self) -> tuple[QByteArray | None, int]:
        geometry = self._q.value("window/geometry")
        stored = self._q.value("window/view", 0)
        try:
            view = int(stored) if isinstance(stored, int | str) else 0
        except ValueError:
            view = 0
        if isinstance(geometry, bytes | bytearray):
            geometry = QByteArray(bytes(geometry))
        return (geometry if isinstance(geometry, QByteArray) else None), view

    def save_window_state(self, geometry: QByteArray, view: int) -> None:
        self._q.setValue("window/geometry", geometry)
        self._q.setValue("window/view", view)
        self._q.sync()

    def last_folder(self, kind: str) -> Path | None:
        """The folder a file dialog of ``kind`` ("export", "import"...) was
        last used in, if it still is a folder."""
        stored = self._q.value(f"folders/{kind}")
        if not isinstance(stored, str) or not stored:
            return None
        folder = Path(stored)
        return folder if folder.is_absolute() and folder.is_dir() else None

    def remember_folder(self, kind: str, folder: Path) -> None:
        self._q.setValue(f"folders/{kind}", str(folder))
        self._q.sync()

    def reminders_shown(self) -> tuple[dt.date | None, str | None]:
        """The day the daily reminder and the ISO week the weekly one were
        last shown, so that a restart does not show them again."""
        day = self._q.value("reminders/daily_shown_on")
        week = self._q.value("reminders/weekly_shown_in")
        try:
            shown_on = dt.date.fromisoformat(day) if isinstance(day, str) else None
        except ValueError:
            shown_on = None
        return shown_on, (week if isinstance(week, str) and week else None)

    def save_reminders_shown(self, day: dt.date | None, week: str | None) -> None:
        self._q.setValue("reminders/daily_shown_on", day.isoformat() if day else "")
        self._q.setValue("reminders/weekly_shown_in", week or "")
        self._q.sync()
