"""File > Export Everything...: the whole journal in one zip archive.

The archive (see exchange.archive) is written on a Worker with a progress
window that can cancel it; it only appears once complete, and never onto
the journal's own files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from leaderjournal.domain.words import plural
from leaderjournal.exchange.archive import MEMBERS, write_archive
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.targets import TargetError, check_write_target
from leaderjournal.ui.common.worker import Job, Worker, progress_dialog
from leaderjournal.ui.dialogs.export_choices import NOT_ENCRYPTED
from leaderjournal.ui.dialogs.file_dialogs import documents_or_home
from leaderjournal.ui.dialogs.messages import Dialogs

ZIP_FILTER = "Zip archives (*.zip);;All files (*)"


class EverythingExport(QObject):
    """File > Export Everything...: ask where, then write the archive (the
    entries, weekly, reviews and targets CSVs and a README) on a Worker with
    a progress window; ``done`` gives the archive's path once written."""

    done = Signal(Path)

    def __init__(
        self,
        journal: Journal,
        dialogs: Dialogs,
        today: Callable[[], dt.date],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._dialogs = dialogs
        self._today = today
        self._parent = parent
        self.worker: Worker | None = None
        self.progress = progress_dialog(parent, "everything", "Export Everything")

    def start(self) -> None:
        """Ask for the archive's name; the export starts once one is chosen."""
        name = f"leaderjournal-everything-{self._today().isoformat()}.zip"
        self._dialogs.choose_save_file(
            "Export Everything to a Zip Archive",
            documents_or_home() / name,
            ZIP_FILTER,
            self.write,
            kind="export",
        )

    def write(self, path: Path) -> None:
        """Write the archive to ``path`` on a worker thread (refused at once,
        with the reason, when ``path`` must not be written)."""
        if self.worker is not None:
            return
        journal = self._journal
        try:
            check_write_target(path, journal.data_dir)
        except TargetError as exc:
            self._dialogs.error("This file cannot be used for the export", str(exc))
            return

        def work(job: Job) -> int:
            with journal.reader() as entries:
                return write_archive(
                    entries, path, job.progress, data_dir=journal.data_dir
                )

        self.worker = worker = Worker(work, self)
        worker.progressed.connect(self._progressed)
        worker.succeeded.connect(lambda written: self._succeeded(path, written))
        worker.failed.connect(
            lambda reason: self._dialogs.error("The export failed", reason)
        )
        worker.cancelled.connect(
            lambda: self._dialogs.notify(
                "Export cancelled", "Export cancelled. No file was written."
            )
        )
        worker.finished.connect(self._finished)
        self.progress.setLabelText(f"Writing {path.name}\u2026")
        self.progress.setRange(0, len(MEMBERS))
        self.progress.canceled.connect(worker.cancel)
        self.progress.show()
        worker.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _succeeded(self, path: Path, written: int) -> None:
        note = f" {NOT_ENCRYPTED[False]}" if self._journal.encrypted else ""
        self.done.emit(path)

        def answered(choice: str) -> None:
            if choice == "Open Folder":
                self._dialogs.open_folder(path.parent)

        self._dialogs.ask(
            "Export finished",
            f"Everything in the journal ({plural(written, 'entry', 'entries')}, "
            f"the weekly totals and reviews, the targets) was written to "
            f"{path}.{note}",
            ["OK", "Open Folder"],
            answered,
            default="OK",
            escape="OK",
            icon=Dialogs.Icon.Information,
        )

    def _finished(self) -> None:
        self.progress.reset()
        self.progress.hide()
        if self.worker is not None:
            self.worker.release()
        self.worker = None
