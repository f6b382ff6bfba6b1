"""File > Restore from Backup...: the backups to choose from, in words.

Each backup is listed newest first with when it was made, how many entries
it holds, its size and why it was made. Counting the entries means checking
each file (backups are read as files from elsewhere), which takes a moment
for a large journal: the list shows at once and the counts fill in from a
Worker, so the window never waits for them.

Enter means Cancel here: a restore starts only from the Restore button (or
a double click), and is asked about once more before anything changes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.domain.words import plural
from leaderjournal.storage.backup_contents import BackupContents
from leaderjournal.storage.backups import Backup
from leaderjournal.ui.common.worker import Job, Worker
from leaderjournal.ui.dialogs.messages import Dialogs

#: What each kind of backup is called in the list (the reason in its name).
REASONS = {
    "": "daily",
    "manual": "made by hand",
    "before-upgrade": "before an upgrade",
    "before-restore": "before a restore",
}
BACKUP_FILTER = "Journal backups (*.db);;All files (*)"
#: How much of a reason read from a file a tooltip shows.
REASON_CHARS = 80
_PATH = Qt.ItemDataRole.UserRole


def size_in_words(size: int) -> str:
    """A file size as people read it: "980 bytes", "212 KB", "1.4 MB"."""
    if size < 1000:
        return plural(size, "byte", "bytes")
    if size < 1000**2:
        return f"{round(size / 1000)} KB"
    if size < 1000**3:
        return f"{size / 1000**2:.1f} MB"
    return f"{size / 1000**3:.1f} GB"


def describe(
    backup: Backup, contents: BackupContents | None, *, counting: bool = True
) -> str:
    """One line of the list: "Tue 1 Dec 2026, 09:14 · 212 entries · 1.4 MB · daily"
    (``contents`` None: not counted yet, or not at all if not ``counting``)."""
    made = backup.made
    parts = [f"{made:%a} {made.day} {made:%b %Y, %H:%M}"]
    if contents is None:
        parts.append("counting entries\u2026" if counting else "entries not counted")
    elif contents.entries is None:
        parts.append("cannot be read")
    else:
        parts.append(plural(contents.entries, "entry", "entries"))
    with contextlib.suppress(OSError):  # gone since listed: its check says so
        parts.append(size_in_words(backup.path.stat().st_size))
    parts.append(REASONS.get(backup.reason, backup.reason.replace("-", " ")))
    return " \u00b7 ".join(parts)


def why_unreadable(backup: Backup, problem: str) -> str:
    """The check's reason without the (long) path it starts with, cut short."""
    reason = problem.removeprefix(str(backup.path)).strip()
    reason = f"This backup {reason}" if reason else "This backup cannot be read."
    if len(reason) > REASON_CHARS:
        reason = reason[: REASON_CHARS - 1].rstrip() + "\u2026"
    return reason


def contents_work(
    backups: Sequence[Backup],
    read: Callable[[Path], BackupContents],
    found: list[BackupContents],
) -> Callable[[Job], int]:
    """Read each backup in turn on a Worker; ``found`` grows as it goes and
    progress says how far (the list reads it on the UI thread)."""

    def work(job: Job) -> int:
        for backup in backups:
            job.check()
            found.append(read(backup.path))
            job.progress(len(found), len(backups))
        return len(found)

    return work


class RestorePicker(QDialog):
    """Choose a backup to restore, or another backup file.

    ``read`` counts a backup's entries (Journal.read_backup: it knows the
    key of an encrypted journal); it runs on a Worker's thread.
    """

    chosen = Signal(Path)

    def __init__(
        self,
        backups: Sequence[Backup],
        read: Callable[[Path], BackupContents],
        dialogs: Dialogs,
        folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restorePicker")
        self.setWindowTitle("Restore from Backup")
        self._backups = list(backups)
        self._read = read
        self._dialogs = dialogs
        self._found: list[BackupContents] = []
        self._shown = 0

        intro = QLabel(
            "Choose the backup to put in place of the journal. The journal as "
            "it is now is backed up first, so nothing is lost.",
            objectName="restoreIntro",
        )
        intro.setWordWrap(True)
        self.list = QListWidget(objectName="backupList")
        self.list.setAccessibleName("Backups, newest first")
        for backup in self._backups:
            item = QListWidgetItem(describe(backup, None))
            item.setData(_PATH, str(backup.path))
            self.list.addItem(item)
        empty = QLabel(
            f"There are no backups in {folder} yet. Choose a backup file "
            "kept elsewhere, or make one with File \u2192 Back Up Now.",
            objectName="noBackups",
        )
        empty.setWordWrap(True)
        empty.setVisible(not self._backups)
        self.list.setVisible(bool(self._backups))

        self.restore_button = QPushButton("&Restore\u2026", objectName="restoreChosen")
        self.other_button = QPushButton(
            "Choose Another &File\u2026", objectName="restoreOtherFile"
        )
        self.cancel_button = QPushButton("Cancel", objectName="restoreCancel")
        # Enter anywhere means Cancel: only a deliberate click restores.
        for button in (self.restore_button, self.other_button):
            button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        buttons = QDialogButtonBox()
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self._restore_selected)
        self.other_button.clicked.connect(self._choose_other)
        self.cancel_button.clicked.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self._restore_selected())
        self.list.currentItemChanged.connect(lambda *_: self._update_button())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(empty)
        layout.addWidget(buttons)
        self.resize(560, 380)

        if self._backups:
            self.list.setCurrentRow(0)
        self._update_button()
        self.worker: Worker | None = None
        if self._backups:
            self._count_entries()

    def _count_entries(self) -> None:
        worker = Worker(contents_work(self._backups, self._read, self._found), self)
        worker.progressed.connect(self._counted)
        worker.failed.connect(self._counting_failed)
        worker.finished.connect(self._counting_done)
        self.worker = worker
        worker.start()

    def _counted(self, _done: int, _total: int) -> None:
        # ``found`` may have grown since this report, and may grow while
        # this runs: show what there is now, and only that as shown.
        end = len(self._found)
        for row in range(self._shown, end):
            backup, contents = self._backups[row], self._found[row]
            item = self.list.item(row)
            item.setText(describe(backup, contents))
            if contents.problem is not None:
                item.setToolTip(why_unreadable(backup, contents.problem))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        self._shown = end
        self._update_button()

    def _counting_failed(self, reason: str) -> None:
        """A bug stopped the counting: the rows not counted say so; each
        backup is still checked again if it is chosen."""
        self._counted(0, 0)
        for row in range(self._shown, len(self._backups)):
            item = self.list.item(row)
            item.setText(describe(self._backups[row], None, counting=False))
            item.setToolTip(reason)

    def _counting_done(self) -> None:
        if self.worker is not None:
            self._counted(0, 0)
            self.worker.release()
        self.worker = None

    def _selected(self) -> Path | None:
        item = self.list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return Path(item.data(_PATH))

    def _update_button(self) -> None:
        self.restore_button.setEnabled(self._selected() is not None)

    def _restore_selected(self) -> None:
        path = self._selected()
        if path is not None:
            self._pick(path)

    def _choose_other(self) -> None:
        self._dialogs.choose_open_file(
            "Restore from a backup file", BACKUP_FILTER, self._pick, kind="restore"
        )

    def _pick(self, path: Path) -> None:
        self.accept()
        self.chosen.emit(path)

    def done(self, result: int) -> None:
        """Closing the list stops the counting first (a thread must never be
        destroyed while it runs)."""
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait()
        super().done(result)
