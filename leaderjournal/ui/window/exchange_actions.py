"""File -> Export and Import: what the window does for them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from leaderjournal.domain.filters import HistoryFilter
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.day.day_view import DayView
from leaderjournal.ui.dialogs.messages import Dialogs

if TYPE_CHECKING:
    from leaderjournal.ui.dialogs.everything_export import EverythingExport
    from leaderjournal.ui.dialogs.export_dialog import ExportDialog

#: What File > Import offers: LeaderJournal's CSV and other apps' exports
#: (Day One .zip/.json, jrnl .json, Daylio .csv, a RedNotebook month .txt).
IMPORT_FILTER = (
    "Journal exports (*.csv *.json *.zip *.txt);;CSV files (*.csv);;All files (*)"
)


class ExchangeActions:
    """Opens the export dialog and runs an import, saving what is being
    written first. ``shown_filter`` gives the History view's filter when it
    has one, so that an export can offer "the entries shown"."""

    def __init__(
        self,
        journal: Journal,
        dialogs: Dialogs,
        day_view: DayView,
        today: Callable[[], dt.date],
        shown_filter: Callable[[], HistoryFilter | None],
        *,
        journal_changed: Callable[[], None],
        parent: QWidget,
    ) -> None:
        #: Redraws every view after an import wrote to the journal.
        self._journal_changed = journal_changed
        self._journal = journal
        self._dialogs = dialogs
        self._day_view = day_view
        self._today = today
        self._shown_filter = shown_filter
        self._parent = parent

    def show_export(self) -> ExportDialog:
        """Save what is being written, then open the export dialog."""
        self._day_view.save_now()
        from leaderjournal.ui.dialogs.export_dialog import ExportDialog

        dialog = ExportDialog(
            self._journal,
            self._dialogs,
            self._today,
            self._parent,
            self._shown_filter(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export_everything(self) -> EverythingExport:
        """Save what is being written, then ask where to put the archive of
        everything in the journal and write it."""
        self._day_view.save_now()
        from leaderjournal.ui.dialogs.everything_export import EverythingExport

        flow = EverythingExport(self._journal, self._dialogs, self._today, self._parent)
        flow.start()
        return flow

    def choose_import(self) -> None:
        """Ask for an export (a file) or a journal kept as a folder of files
        (RedNotebook's), then import it."""
        self._dialogs.choose_open_file(
            "Import Entries: a File, or a Folder Such as RedNotebook's",
            IMPORT_FILTER,
            self.import_file,
            kind="import",
            folders=True,
        )

    def import_file(self, path: Path) -> None:
        """Import a LeaderJournal CSV or another app's journal (a file or a
        folder) after showing what it would change."""
        if not self._day_view.save_now():
            return
        from leaderjournal.ui.dialogs.import_flow import import_csv

        import_csv(
            self._journal, self._dialogs, path, self._journal_changed, self._parent
        )
