"""The main window: menus, shortcuts, the status line, and closing safely."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from leaderjournal import APP_NAME, __version__
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.day_view import DayView
from leaderjournal.ui.dialogs import Dialogs
from leaderjournal.ui.exchange import CSV_FILTER, ExportDialog, import_csv


class MainWindow(QMainWindow):
    """LeaderJournal's window; everything it shows comes from ``journal``."""

    def __init__(
        self,
        journal: Journal,
        dialogs: Dialogs | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.resize(1200, 780)
        self._journal = journal
        self._dialogs = dialogs or Dialogs(self)
        self._today = today
        self._closing_confirmed = False

        self.day_view = DayView(journal, today, self)
        self.setCentralWidget(self.day_view)

        self.save_status = QLabel(objectName="saveStatus")
        self.save_status.setAccessibleName("Save status")
        self.statusBar().addPermanentWidget(self.save_status)
        self.day_view.status_changed.connect(self.save_status.setText)
        self.day_view.entry_saved.connect(lambda _e: self._update_actions())
        self.day_view.form.edited.connect(self._update_actions)

        self._build_menus()
        self._update_actions()
        self.day_view.form.focus_text()

    def _action(
        self,
        menu_title: str,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        name: str = "",
    ) -> QAction:
        menu = self._menus[menu_title]
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self._menus = {
            title: bar.addMenu(title) for title in ("&File", "&Edit", "&View", "&Help")
        }
        view = self.day_view
        self._action(
            "&File", "&New Entry Today", view.new_entry, "Ctrl+N", "newEntryAction"
        )
        self._action(
            "&File",
            "&Add Entry to This Day",
            lambda: view.new_entry(view.day()),
            "Ctrl+Shift+N",
            "addEntryAction",
        )
        self._action("&File", "&Save Now", view.save_now, "Ctrl+S", "saveAction")
        self._menus["&File"].addSeparator()
        self._action(
            "&File", "&Export\u2026", self.show_export, "Ctrl+E", "exportAction"
        )
        self._action("&File", "&Import\u2026", self.choose_import, None, "importAction")
        self._menus["&File"].addSeparator()
        self._action("&File", "&Quit", self.close, "Ctrl+Q", "quitAction")

        self.undo_delete_action = self._action(
            "&Edit", "&Undo Delete Entry", view.undo_delete, None, "undoDeleteAction"
        )
        self.delete_action = self._action(
            "&Edit", "&Delete Entry", view.delete_current, None, "deleteAction"
        )

        self._action(
            "&View", "&Previous Day", lambda: view.step_day(-1), "Alt+Left", "prevDay"
        )
        self._action(
            "&View", "&Next Day", lambda: view.step_day(1), "Alt+Right", "nextDay"
        )
        self._action("&View", "&Today", view.go_today, "Ctrl+T", "todayAction")
        self._action(
            "&View",
            "&Choose Day\u2026",
            view.day_bar.date_button.showMenu,
            "Ctrl+G",
            "chooseDayAction",
        )

        self._action("&Help", f"&About {APP_NAME}", self.show_about, None, "about")

    def show_export(self) -> ExportDialog:
        """Save what is being written, then open the export dialog."""
        self.day_view.save_now()
        dialog = ExportDialog(self._journal, self._dialogs, self._today, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def choose_import(self) -> None:
        self._dialogs.choose_open_file(
            "Import entries from CSV", CSV_FILTER, self.import_file
        )

    def import_file(self, path: Path) -> None:
        """Import an entries CSV after showing what it would change."""
        if not self.day_view.save_now():
            return
        import_csv(self._journal, self._dialogs, path, self.day_view.refresh)

    def _update_actions(self) -> None:
        self.undo_delete_action.setEnabled(self.day_view.can_undo_delete())

    def show_about(self) -> None:
        self._dialogs.inform(
            f"About {APP_NAME}",
            f"<b>{APP_NAME} {__version__}</b><br>A private journal for people "
            "who manage others: it shows your mix of managing and leading, "
            f"so you can choose it.<br><br>Your journal: {self._journal.path}",
        )

    # -- closing -------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save before closing; if saving fails, ask rather than lose text."""
        if self._closing_confirmed or self.day_view.save_now():
            event.accept()
            return
        event.ignore()

        def answered(choice: str | None) -> None:
            if choice == "Quit Without Saving":
                self._closing_confirmed = True
                self.close()

        self._dialogs.ask(
            "Your latest writing is not saved",
            "LeaderJournal could not save your latest changes (the reason is "
            "shown at the top of the window). If you quit now, they are lost.",
            ["Keep Writing", "Quit Without Saving"],
            answered,
            "!",
        )
