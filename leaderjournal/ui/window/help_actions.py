"""The Help menu: the five dimensions, the keys, a sample journal, the log
folder, and About."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from leaderjournal import APP_NAME, __version__
from leaderjournal.paths import ensure_private_dir, log_dir
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.dialogs.messages import Dialogs

if TYPE_CHECKING:
    from leaderjournal.ui.dialogs.welcome import DimensionsDialog, HelpTextDialog
    from leaderjournal.ui.window.main_window import MainWindow
    from leaderjournal.ui.window.sample_journal import SampleJournal


class HelpActions:
    """What the window's Help menu does; its dialogs belong to ``parent``.

    ``sample`` says whether ``parent`` shows a sample journal (its keys
    differ a little: Ctrl+Q closes the sample there); ``window_type`` makes
    the sample journal's window (the window's own class, handed in so that
    this module and the sample's do not import the window's).
    """

    def __init__(
        self,
        journal: Journal,
        dialogs: Dialogs,
        parent: QWidget,
        today: Callable[[], dt.date] = dt.date.today,
        *,
        sample: bool = False,
        window_type: type[MainWindow] | None = None,
    ) -> None:
        self._journal = journal
        self._window_type = window_type
        self._dialogs = dialogs
        self._parent = parent
        self._today = today
        self._in_sample = sample
        #: The sample journal opened from this window, while it is open.
        self.sample: SampleJournal | None = None

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

    def show_shortcuts(self) -> HelpTextDialog:
        """Every key of the window, from the menu table and its companions."""
        from leaderjournal.ui.dialogs.welcome import HelpTextDialog
        from leaderjournal.ui.window.menus import shortcuts_html

        dialog = HelpTextDialog(
            "Keyboard shortcuts",
            shortcuts_html(
                self._in_sample,
                # Only an encrypted journal can be locked.
                frozenset() if self._journal.encrypted else frozenset({"lock"}),
            ),
            "shortcutsDialog",
            self._parent,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def explore_sample(self) -> MainWindow:
        """A sample journal in a temporary folder, in a window of its own
        (the same one if it is open already)."""
        from leaderjournal.ui.window.sample_journal import SampleJournal

        if self.sample is None:
            if self._window_type is None:
                raise RuntimeError("this window cannot open a sample journal")
            self.sample = SampleJournal(self._today(), self._window_type)
            self.sample.window.closed.connect(self._sample_closed)
        self.sample.window.bring_to_front()
        return self.sample.window

    def close_sample(self) -> None:
        """Close the sample journal, if one is open, and delete its folder."""
        self._sample_closed()

    def _sample_closed(self) -> None:
        # Forgotten first: closing its window reports back here once more.
        sample, self.sample = self.sample, None
        if sample is not None:
            sample.close()
