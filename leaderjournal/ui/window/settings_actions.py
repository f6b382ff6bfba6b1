"""Edit > Settings: the dialog, and using and keeping what it chooses."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from leaderjournal.settings import Settings
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.keyfile import DEFAULT_KDF
from leaderjournal.ui.common.settings_store import SettingsStore
from leaderjournal.ui.common.theme import apply_theme
from leaderjournal.ui.dialogs.messages import Dialogs

if TYPE_CHECKING:
    from leaderjournal.ui.dialogs.settings_dialog import SettingsDialog
    from leaderjournal.ui.review.review_view import ReviewView
    from leaderjournal.ui.window.sync_actions import SyncActions


class SettingsActions(QObject):
    """The settings in use; ``store`` keeps them across starts (None: not kept).

    ``review`` gives the weekly review (made when first asked for): the
    settings dialog offers its targets.
    """

    applied = Signal(object)  # Settings, once in use and kept
    lock_after_changed = Signal(int)  # minutes idle before locking; 0: never
    encryption_changed = Signal()  # the journal was encrypted or decrypted

    def __init__(
        self,
        journal: Journal,
        dialogs: Dialogs,
        store: SettingsStore | None,
        review: Callable[[], ReviewView],
        parent: QWidget,
        *,
        sync: SyncActions | None = None,
    ) -> None:
        super().__init__(parent)
        self._sync = sync
        self._journal = journal
        self._dialogs = dialogs
        self._store = store
        self._review = review
        self._parent = parent
        self.settings = store.load() if store is not None else Settings()
        #: How a new passphrase is stretched (tests use cheaper settings).
        self.kdf = DEFAULT_KDF
        self._lock_minutes = store.lock_after_minutes() if store is not None else 0

    def show_settings(self) -> SettingsDialog:
        from leaderjournal.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.settings,
            self._journal.data_dir,
            self._dialogs.open_folder,
            QSystemTrayIcon.isSystemTrayAvailable(),
            self._parent,
            edit_targets=self._review().edit_targets,
            journal=self._journal,
            lock_minutes=self.lock_after_minutes(),
            kdf=self.kdf,
            save_first=self._save_written,
            dialogs=self._dialogs,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sync, panel = self._sync, dialog.sync_panel
        if sync is not None:  # on or off at once, and a run's news shown
            panel.turned_on.connect(sync.start)
            panel.turned_off.connect(sync.turned_off)
            panel.sync_now_requested.connect(sync.sync_now)
            sync.ran.connect(panel.refresh)
        dialog.chosen.connect(self.apply_settings)
        dialog.lock_after_chosen.connect(self.set_lock_after_minutes)
        dialog.encryption_changed.connect(self.encryption_changed)
        dialog.open()
        return dialog

    def _save_written(self) -> bool:
        """Save what the window holds unsaved (before a conversion closes
        the journal's connection); False if it could not be saved."""
        day_view = getattr(self._parent, "day_view", None)
        if day_view is not None and not day_view.save_now():
            return False
        # The weekly notes too, if the review was opened (as closing does).
        views = getattr(self._parent, "views", None)
        review = views.review_tab.made if views is not None else None
        return review is None or bool(review.save_notes())

    def apply_settings(self, settings: Settings) -> None:
        """Use and keep new settings: theme, backup retention, reminders."""
        self.settings = settings
        if self._store is not None:
            self._store.save(settings)
        self._journal.retention = (settings.backups_daily, settings.backups_weekly)
        apply_theme(QApplication.instance(), settings.theme)
        self.applied.emit(settings)

    def lock_after_minutes(self) -> int:
        """Minutes idle before the window locks (0: never)."""
        return self._lock_minutes

    def set_lock_after_minutes(self, minutes: int) -> None:
        self._lock_minutes = minutes
        if self._store is not None:
            self._store.set_lock_after_minutes(minutes)
        self.lock_after_changed.emit(minutes)
