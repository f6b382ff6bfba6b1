"""Edit > Settings: the dialog that changes the person's preferences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.settings import (
    BACKUPS_DAILY_RANGE,
    BACKUPS_WEEKLY_RANGE,
    THEMES,
    WEEKDAYS,
    Settings,
)
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.keyfile import DEFAULT_KDF, KdfParams
from leaderjournal.ui.common.dates import py_time
from leaderjournal.ui.dialogs.messages import Dialogs
from leaderjournal.ui.dialogs.security_panel import SecurityPanel
from leaderjournal.ui.dialogs.sync_panel import SyncPanel

THEME_NAMES = {"system": "Follow the system", "light": "Light", "dark": "Dark"}


class SettingsDialog(QDialog):
    """Edit > Settings: reminders, theme, backups, where the journal lives."""

    chosen = Signal(object)  # Settings
    lock_after_chosen = Signal(int)  # minutes idle before the window locks; 0: never
    encryption_changed = Signal()  # turned on or off in the Security tab

    def __init__(
        self,
        settings: Settings,
        journal_folder: Path,
        open_folder: Callable[[Path], None],
        tray_available: bool,
        parent: QWidget | None = None,
        *,
        edit_targets: Callable[[], None] | None = None,
        journal: Journal | None = None,
        lock_minutes: int = 0,
        kdf: KdfParams = DEFAULT_KDF,
        save_first: Callable[[], bool] | None = None,
        dialogs: Dialogs | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self._settings = settings

        self.daily_box = QCheckBox("&Daily reminder at", objectName="dailyReminder")
        self.daily_box.setChecked(settings.daily_reminder)
        self.daily_time = QTimeEdit(
            _minutes(settings.daily_time), objectName="dailyTime"
        )
        self.daily_time.setDisplayFormat("HH:mm")
        self.daily_time.setAccessibleName("Daily reminder time")
        self.weekly_box = QCheckBox(
            "&Weekly review reminder on", objectName="weeklyReminder"
        )
        self.weekly_box.setChecked(settings.weekly_reminder)
        self.weekly_day = QComboBox(objectName="weeklyDay")
        self.weekly_day.addItems(list(WEEKDAYS))
        self.weekly_day.setCurrentIndex(settings.weekly_day)
        self.weekly_day.setAccessibleName("Weekly reminder day")
        self.weekly_time = QTimeEdit(
            _minutes(settings.weekly_time), objectName="weeklyTime"
        )
        self.weekly_time.setDisplayFormat("HH:mm")
        self.weekly_time.setAccessibleName("Weekly reminder time")
        self.tray_box = QCheckBox(
            "&Keep running in the system tray when the window is closed",
            objectName="keepInTray",
        )
        self.tray_box.setChecked(settings.keep_in_tray)
        reminders_note = QLabel(
            "Reminders appear while LeaderJournal runs, and not once the day's "
            "entry or the week's review is written."
            if tray_available
            else "This desktop has no system tray, so reminders appear in the "
            "LeaderJournal window while it is open, or when you next open it; "
            "not once the day's entry or the week's review is written."
        )
        reminders_note.setObjectName("remindersNote")
        reminders_note.setWordWrap(True)
        # Only staying in the tray needs one; reminders show in the window.
        self.tray_box.setEnabled(tray_available)

        self.targets_button = QPushButton(
            "Set Target &Leans\u2026", objectName="settingsTargets"
        )
        self.targets_button.setToolTip("The mix you want, overall and per dimension")
        self.targets_button.setEnabled(edit_targets is not None)
        if edit_targets is not None:
            self.targets_button.clicked.connect(edit_targets)

        self.theme = QComboBox(objectName="themeChoice")
        for key in THEMES:
            self.theme.addItem(THEME_NAMES[key], key)
        self.theme.setCurrentIndex(THEMES.index(settings.theme))
        self.theme.setAccessibleName("Theme")

        self.backups_daily = self._spin(
            "backupsDaily", BACKUPS_DAILY_RANGE, settings.backups_daily
        )
        self.backups_weekly = self._spin(
            "backupsWeekly", BACKUPS_WEEKLY_RANGE, settings.backups_weekly
        )

        folder = QLineEdit(str(journal_folder), objectName="journalFolder")
        folder.setReadOnly(True)
        folder.setAccessibleName("Where the journal lives")
        open_button = QPushButton("&Open Folder", objectName="openJournalFolder")
        open_button.clicked.connect(lambda: open_folder(journal_folder))

        self.security = SecurityPanel(
            journal, lock_minutes, self, kdf=kdf, save_first=save_first
        )
        self.security.encryption_changed.connect(self.encryption_changed)
        self.sync_panel = SyncPanel(journal, dialogs, self)
        # Encrypting or decrypting is refused while the journal syncs.
        self.sync_panel.turned_on.connect(self.security.refresh)
        self.sync_panel.turned_off.connect(self.security.refresh)
        self.security.encryption_changed.connect(self.sync_panel.refresh)
        self.security.passphrase_changed.connect(self.sync_panel.publish_key)

        self._lay_out(reminders_note, folder, open_button)

    def _spin(self, name: str, allowed: tuple[int, int], value: int) -> QSpinBox:
        spin = QSpinBox(objectName=name)
        spin.setRange(*allowed)
        spin.setValue(value)
        return spin

    def _lay_out(
        self, note: QLabel, folder: QLineEdit, open_button: QPushButton
    ) -> None:
        reminders = QGroupBox("Reminders")
        grid = QFormLayout(reminders)
        grid.addRow(self.daily_box, self.daily_time)
        weekly = QHBoxLayout()
        weekly.addWidget(self.weekly_day)
        weekly.addWidget(self.weekly_time)
        grid.addRow(self.weekly_box, weekly)
        grid.addRow(self.tray_box)
        grid.addRow(note)

        look = QGroupBox("Look and targets")
        look_form = QFormLayout(look)
        look_form.addRow("&Theme:", self.theme)
        look_form.addRow("Target lean:", self.targets_button)

        backups = QGroupBox("Automatic backups")
        backups_form = QFormLayout(backups)
        backups_form.addRow("Keep the last &daily backups:", self.backups_daily)
        backups_form.addRow("and the last &weekly backups:", self.backups_weekly)

        journal = QGroupBox("Your journal")
        row = QHBoxLayout(journal)
        row.addWidget(folder, 1)
        row.addWidget(open_button)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        general = QWidget(objectName="settingsGeneral")
        general_layout = QVBoxLayout(general)
        for box in (reminders, look, backups, journal):
            general_layout.addWidget(box)
        general_layout.addStretch(1)
        security = QWidget(objectName="settingsSecurity")
        security_layout = QVBoxLayout(security)
        security_layout.addWidget(self.security)
        security_layout.addStretch(1)
        sync = self.sync_tab = QWidget(objectName="settingsSync")
        sync_layout = QVBoxLayout(sync)
        sync_layout.addWidget(self.sync_panel)
        sync_layout.addStretch(1)
        # Tabs, so that the window fits a screen 600 pixels high.
        self.tabs = QTabWidget(objectName="settingsTabs")
        self.tabs.addTab(general, "&General")
        self.tabs.addTab(security, "Se&curity")
        self.tabs.addTab(sync, "S&ync")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def values(self) -> Settings:
        daily = self.daily_time.time()
        weekly = self.weekly_time.time()
        return Settings(
            daily_reminder=self.daily_box.isChecked(),
            daily_time=_as_time(daily),
            weekly_reminder=self.weekly_box.isChecked(),
            weekly_day=self.weekly_day.currentIndex(),
            weekly_time=_as_time(weekly),
            theme=self.theme.currentData(),
            backups_daily=self.backups_daily.value(),
            backups_weekly=self.backups_weekly.value(),
            keep_in_tray=self.tray_box.isChecked(),
        )

    def _accept(self) -> None:
        if not self.sync_panel.save_name():  # refused, and said why there
            self.tabs.setCurrentWidget(self.sync_tab)
            return
        # The idle time first: applying the settings re-reads it.
        self.lock_after_chosen.emit(self.security.lock_minutes())
        self.chosen.emit(self.values())
        self.accept()


def _minutes(value: dt.time) -> QTime:
    """A reminder time to the minute: its seconds are never shown or kept."""
    return QTime(value.replace(second=0, microsecond=0))


def _as_time(value: QTime) -> dt.time:
    return py_time(value).replace(second=0, microsecond=0)
