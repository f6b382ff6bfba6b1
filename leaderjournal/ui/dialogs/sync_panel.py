"""Settings → Sync: syncing this journal with the person's other computers
through a folder their sync tool already keeps in step (DESIGN.md, "Several
computers").

Off: what it does, and Choose Folder…. On: the folder, this computer's name
(kept when Settings closes with OK), when it last synced and with how many
computers, Sync Now and Turn Off. Turning on or off happens at once, as
encryption does in Settings → Security; the window's controller follows
the ``turned_on`` / ``turned_off`` signals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from leaderjournal.domain.words import plural
from leaderjournal.errors import LeaderJournalError
from leaderjournal.storage.journal import Journal
from leaderjournal.sync import engine
from leaderjournal.ui.dialogs.messages import Dialogs

TURN_OFF = "Turn Off"
KEEP = "Keep Syncing"


def synced_words(last: dt.datetime | None, computers: int, now: dt.datetime) -> str:
    """ "Synced 2 min ago · 3 computers" (the other computers), or "Not synced yet"."""
    if last is None:
        return "Not synced yet"
    if last.tzinfo is None:
        last = last.astimezone()
    minutes = max(0, int((now - last).total_seconds() // 60))
    if minutes < 1:
        when = "just now"
    elif minutes < 60:
        when = f"{minutes} min ago"
    elif minutes < 48 * 60:
        when = f"{plural(minutes // 60, 'hour', 'hours')} ago"
    else:
        when = f"on {last.strftime('%d %b %Y')}"
    others = plural(computers, "other computer", "other computers")
    return f"Synced {when} \u00b7 {others}"


class SyncPanel(QGroupBox):
    """Settings' Sync part for ``journal`` (None: nothing to sync)."""

    #: Sync was turned on, or moved to another folder: the window syncs now.
    turned_on = Signal()
    turned_off = Signal()
    sync_now_requested = Signal()

    def __init__(
        self,
        journal: Journal | None,
        dialogs: Dialogs | None,
        parent: QWidget | None = None,
        *,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now().astimezone(),
    ) -> None:
        super().__init__("Sync", parent)
        self.setObjectName("syncGroup")
        self._journal = journal
        self._dialogs = dialogs
        self._now = now
        self.about = QLabel(
            "Sync this journal through a folder your computers already keep in "
            "step (Syncthing, Nextcloud, Dropbox\u2026). The journal itself "
            "stays outside it.",
            objectName="syncAbout",
        )
        self.about.setWordWrap(True)
        self.choose_button = QPushButton(
            "C&hoose Folder\u2026", objectName="syncChoose"
        )
        self.choose_button.clicked.connect(self.choose_folder)
        self.folder = QLineEdit(objectName="syncFolder")
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName("Sync folder")
        self.name = QLineEdit(objectName="syncName")
        self.name.setAccessibleName("This computer's name")
        self.name.setMaxLength(60)
        self.status = QLabel(objectName="syncStatus")
        self.status.setAccessibleName("Sync status")
        self.message = QLabel(objectName="syncMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Sync message")
        self.sync_button = QPushButton("Sync &Now", objectName="syncNow")
        self.sync_button.clicked.connect(self._sync_now)
        self.off_button = QPushButton("T&urn Off\u2026", objectName="syncTurnOff")
        self.off_button.clicked.connect(self.ask_turn_off)

        buttons = QHBoxLayout()
        for button in (self.choose_button, self.sync_button, self.off_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self.about)
        self._folder_label = QLabel("Sync &folder:")
        self._folder_label.setBuddy(self.folder)
        form.addRow(self._folder_label, self.folder)
        self._name_label = QLabel("This computer's n&ame:")
        self._name_label.setBuddy(self.name)
        form.addRow(self._name_label, self.name)
        form.addRow(self.status)
        form.addRow(buttons)
        form.addRow(self.message)
        self.refresh()

    # -- what is shown -------------------------------------------------------------

    def is_on(self) -> bool:
        journal = self._journal
        return journal is not None and engine.device_of(journal.connection) is not None

    def refresh(self, problem: str | None = None) -> None:
        """Show sync as it is now; ``problem``: why the last run failed."""
        on = self.is_on()
        for widget in (
            self._folder_label,
            self.folder,
            self._name_label,
            self.name,
            self.status,
            self.sync_button,
            self.off_button,
        ):
            widget.setVisible(on)
        self.choose_button.setText(
            "C&hoose Another Folder\u2026" if on else "C&hoose Folder\u2026"
        )
        self.choose_button.setEnabled(self._journal is not None)
        if not on or self._journal is None:
            return
        sync = engine.for_journal(self._journal)
        self.folder.setText(str(sync.root))
        if not self.name.isModified():
            self.name.setText(sync.name())
        status = sync.status()
        self.status.setText(
            synced_words(status.last_sync, len(status.computers), self._now())
        )
        if problem:
            self.message.setText(f"Not synced: {problem}")

    # -- on, off, now --------------------------------------------------------------

    def choose_folder(self) -> None:
        if self._dialogs is None:
            return
        self._dialogs.choose_folder(
            "Choose the Sync Folder", Path.home(), self._chosen, kind="sync"
        )

    def _chosen(self, folder: Path) -> None:
        self.use_folder(folder)

    def use_folder(self, folder: Path) -> bool:
        """Sync through ``folder`` from now on; False, said in words, and
        nothing turned on if it cannot be."""
        journal = self._journal
        if journal is None:
            return False
        try:
            engine.start(journal, folder)  # refuses a folder it cannot share
        except LeaderJournalError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(f"Syncing through {folder}.")
        self.refresh()
        self.turned_on.emit()
        return True

    def _sync_now(self) -> None:
        self.message.setText("Syncing\u2026")
        self.sync_now_requested.emit()

    def ask_turn_off(self) -> None:
        if self._dialogs is None or not self.is_on():
            return
        self._dialogs.ask(
            "Turn off sync?",
            "This computer stops syncing this journal; what is in it stays, "
            "here and on your other computers.",
            [TURN_OFF, KEEP],
            self._turn_off_answered,
            default=KEEP,
            escape=KEEP,
        )

    def _turn_off_answered(self, answer: str) -> None:
        if answer != TURN_OFF or self._journal is None:
            return
        try:
            engine.turn_off(self._journal.connection)
        except LeaderJournalError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText("Sync is off for this journal.")
        self.refresh()
        self.turned_off.emit()

    # -- kept with OK ---------------------------------------------------------------

    def save_name(self) -> bool:
        """Keep this computer's name if it was changed; False, said in words,
        if it is not a name sync can use."""
        if not self.is_on() or not self.name.isModified() or self._journal is None:
            return True
        try:
            engine.for_journal(self._journal).set_name(self.name.text())
        except LeaderJournalError as exc:
            self.message.setText(str(exc))
            self.name.setFocus()
            return False
        self.name.setModified(False)
        return True

    def publish_key(self) -> None:
        """The passphrase changed: the key file in the sync folder follows, so
        the other computers open the journal with the new one."""
        journal = self._journal
        if not self.is_on() or journal is None or journal.data_key is None:
            return
        root = engine.folder_of(journal.connection)
        if root is None:
            return
        try:
            engine.start(journal, root)  # publishes the key file anew
        except LeaderJournalError as exc:
            self.message.setText(str(exc))
