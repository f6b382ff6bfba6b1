"""Starting the desktop app."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from leaderjournal import APP_NAME, __version__
from leaderjournal.storage.database import JournalError
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.dialogs import Dialogs
from leaderjournal.ui.main_window import MainWindow
from leaderjournal.ui.resources import resource_file


def application() -> QApplication:
    """The QApplication, created once with the app's name and icon."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else "leaderjournal"])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("leaderjournal")
    app.setWindowIcon(QIcon(str(resource_file("icons/leaderjournal.svg"))))
    return app


def run_app(data_dir: Path) -> int:
    """Open the journal in ``data_dir`` and run the window until it closes."""
    app = application()
    try:
        journal = Journal(data_dir)
    except (JournalError, OSError) as exc:
        print(f"leaderjournal: {exc}", file=sys.stderr)
        Dialogs().error(f"{APP_NAME} cannot open the journal", str(exc), app.quit)
        app.exec()
        return 1
    try:
        window = MainWindow(journal)
        window.show()
        return app.exec()
    finally:
        journal.close()
