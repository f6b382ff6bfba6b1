"""The Help menu: the five dimensions, the log folder, and About."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from leaderjournal import APP_NAME, __version__
from leaderjournal.paths import ensure_private_dir, log_dir
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.dialogs.messages import Dialogs

if TYPE_CHECKING:
    from leaderjournal.ui.dialogs.welcome import DimensionsDialog


class HelpActions:
    """What the window's Help menu does; its dialogs belong to ``parent``."""

    def __init__(self, journal: Journal, dialogs: Dialogs, parent: QWidget) -> None:
        self._journal = journal
        self._dialogs = dialogs
        self._parent = parent

    def show_about(self) -> None:
        self._dialogs.inform(
            f"About {APP_NAME}",
            f"<b>{APP_NAME} {__version__}</b><br>A private journal for people "
            "who manage others: it shows your mix of managing and leading, "
            "so you can choose it.<br><br>Licence: MIT. Everything stays on this "
            f"computer.<br>Your journal: {self._journal.path}<br>Backups: "
            f"{self._journal.backup_dir}",
        )

    def show_log_folder(self) -> None:
        """Open the folder of the app's log (made now if logging could not)."""
        folder = ensure_private_dir(log_dir(self._journal.data_dir), app_folder=True)
        self._dialogs.open_folder(folder)

    def show_dimensions(self) -> DimensionsDialog:
        from leaderjournal.ui.dialogs.welcome import DimensionsDialog

        dialog = DimensionsDialog(self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog
