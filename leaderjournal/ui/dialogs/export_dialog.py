"""File > Export...: the journal, or part of it, written out as CSV,
Markdown, jrnl JSON or a jrnl journal file.

The export runs in a Worker with its own database connection, so
the window stays responsive and the export can be cancelled; the file only
appears once it is complete (see exchange.files.atomic_text_file).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.domain.filters import HistoryFilter
from leaderjournal.domain.words import plural
from leaderjournal.exchange.export import FORMATS, ExportOptions, export_to_file
from leaderjournal.exchange.files import ExchangeError
from leaderjournal.exchange.markdown_export import check_folder
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.targets import TargetError, check_write_target
from leaderjournal.ui.common.worker import Job, Worker
from leaderjournal.ui.dialogs.export_choices import ExportChoices
from leaderjournal.ui.dialogs.file_dialogs import documents_or_home
from leaderjournal.ui.dialogs.messages import Dialogs

CSV_FILTER = "CSV files (*.csv);;All files (*)"

#: The file dialog's filter for each file ending an export writes.
FILTERS = {
    "csv": CSV_FILTER,
    "json": "JSON files (*.json);;All files (*)",
    "txt": "Text files (*.txt);;All files (*)",
}


def export_work(
    journal: Journal, path: Path, options: ExportOptions
) -> Callable[[Job], int]:
    """The export as a Worker runs it: over a connection of its own."""

    def work(job: Job) -> int:
        with journal.reader() as entries:
            return export_to_file(
                entries, path, options, job.progress, data_dir=journal.data_dir
            )

    return work


def suggested_path(kind: str, today: dt.date) -> Path:
    """The export's file (or folder) name, in Documents when there is such a
    folder, otherwise at home: never in a folder that does not exist."""
    suffix = FORMATS[kind].suffix
    name = f"leaderjournal-{kind}-{today.isoformat()}"
    return documents_or_home() / (f"{name}.{suffix}" if suffix else name)


class ExportDialog(QDialog):
    """Choose format, days and options; then export with a progress bar."""

    exported = Signal(Path, int)

    def __init__(
        self,
        journal: Journal,
        dialogs: Dialogs,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
        shown: HistoryFilter | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export")
        self._journal = journal
        self._dialogs = dialogs
        self._today = today
        self._thread: Worker | None = None
        self._path: Path | None = None

        self.choices = ExportChoices(
            today(),
            shown if shown is not None and not shown.is_empty() else None,
            journal.encrypted,
        )
        self.progress = QProgressBar(objectName="exportProgress")
        self.progress.setAccessibleName("Export progress")
        self.progress.hide()
        self.status = QLabel(objectName="exportStatus")
        self.status.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self.export_button = QPushButton("Export\u2026", objectName="exportButton")
        self.export_button.setDefault(True)
        self.buttons.addButton(
            self.export_button, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(
            QDialogButtonBox.StandardButton.Cancel
        )
        self.cancel_button.setObjectName("exportCancel")
        self.export_button.clicked.connect(self._choose_file)
        self.cancel_button.clicked.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.choices)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def kind(self) -> str:
        """The format chosen (a key of exchange.export.FORMATS)."""
        return self.choices.kind()

    def options(self) -> ExportOptions:
        """The export the dialog describes now."""
        return self.choices.options()

    def _choose_file(self) -> None:
        options = self.options()
        if options.start and options.end and options.start > options.end:
            self.status.setText("The first day comes after the last day.")
            return
        chosen = FORMATS[options.kind]
        suggested = suggested_path(options.kind, self._today())
        if chosen.folder:
            self._dialogs.choose_folder(
                f"Export to {chosen.label}: Choose an Empty or New Folder",
                suggested.parent,
                self.start_export,
                kind="export-folder",
            )
            return
        self._dialogs.choose_save_file(
            f"Export to {chosen.label}",
            suggested,
            FILTERS[chosen.suffix],
            self.start_export,
            kind="export",
        )

    def is_running(self) -> bool:
        return self._thread is not None

    def start_export(self, path: Path) -> None:
        """Write the export to ``path`` on a worker thread.

        A file that must not be written (the journal's own, a device...) is
        refused here, before the thread starts, with the reason.
        """
        if self._thread is not None:
            return
        folder = FORMATS[self.kind()].folder
        try:
            if folder:
                check_folder(path, self._journal.data_dir)
            else:
                check_write_target(path, self._journal.data_dir)
        except (TargetError, ExchangeError) as exc:
            self.status.setText(str(exc))
            what = "folder" if folder else "file"
            self._dialogs.error(f"This {what} cannot be used for the export", str(exc))
            return
        self._path = path
        thread = Worker(export_work(self._journal, path, self.options()), self)
        thread.progressed.connect(self._progressed)
        thread.succeeded.connect(self._succeeded)
        thread.failed.connect(self._failed)
        thread.cancelled.connect(self._cancelled)
        thread.finished.connect(self._thread_done)
        self._thread = thread
        self._set_running(True)
        self.status.setText(f"Writing {path.name}\u2026")
        thread.start()

    def _set_running(self, running: bool) -> None:
        self.choices.set_running(running)
        self.export_button.setEnabled(not running)
        self.progress.setVisible(running)
        if running:
            self.progress.setRange(0, 0)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _succeeded(self, written: int) -> None:
        path = self._path
        assert path is not None
        chosen = FORMATS[self.kind()]
        one, many = chosen.nouns
        nouns = (f"{one} was", f"{many} were")
        self.exported.emit(path, written)
        self.accept()

        def answered(choice: str) -> None:
            if choice == "Open Folder":
                self._dialogs.open_folder(path if chosen.folder else path.parent)

        self._dialogs.ask(
            "Export finished",
            f"{plural(written, *nouns)} written to {path}.",
            ["OK", "Open Folder"],
            answered,
            default="OK",
            escape="OK",
            icon=Dialogs.Icon.Information,
        )

    def _failed(self, reason: str) -> None:
        self.status.setText(f"The export failed: {reason}")

    def _cancelled(self) -> None:
        if FORMATS[self.kind()].folder:
            # Each file is written whole, so those already there stay.
            self.status.setText(
                "Export cancelled. The folder holds only the files written so "
                "far: export to it again to complete it."
            )
        else:
            self.status.setText("Export cancelled. No file was written.")

    def _thread_done(self) -> None:
        if self._thread is not None:
            self._thread.deleteLater()
        self._thread = None
        self._set_running(False)

    def _cancel(self) -> None:
        if self._thread is not None:
            self._thread.cancel()
        else:
            self.reject()

    def done(self, result: int) -> None:
        """Closing the dialog stops a running export first."""
        if self._thread is not None:
            self._thread.cancel()
            self._thread.wait()
        super().done(result)
