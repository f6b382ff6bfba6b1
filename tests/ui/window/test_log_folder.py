"""Help -> Show Log Folder opens the folder of the app's log."""

from __future__ import annotations

import stat
import sys

from PySide6.QtGui import QAction


def test_help_shows_the_log_folder(journal, make_window, dialogs, data_dir):
    window = make_window(journal)
    help_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text() == "&Help"
    )
    action = window.findChild(QAction, "action_log_folder")
    assert action in help_menu.actions()
    assert action.text().replace("&", "") == "Show Log Folder"

    action.trigger()

    assert dialogs.opened_folders == [data_dir / "logs"]
    assert (data_dir / "logs").is_dir()
    if sys.platform != "win32":
        assert stat.S_IMODE((data_dir / "logs").stat().st_mode) == 0o700
