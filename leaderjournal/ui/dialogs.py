"""Messages to the person: the one seam through which every dialog goes.

Dialogs never block (``show()`` with a callback, not ``exec()``), so start-up
and tests cannot hang on one. Tests hand views a recording stand-in instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class Dialogs:
    """Shows messages as window-modal, non-blocking message boxes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self._parent = parent
        self._open: list[QMessageBox] = []

    def set_parent(self, parent: QWidget) -> None:
        """Show later messages over ``parent`` (once the window exists)."""
        self._parent = parent

    def _box(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton)
        if self._parent is not None:
            box.setParent(self._parent, box.windowFlags())
        box.setObjectName("messageBox")
        self._open.append(box)
        box.finished.connect(lambda _r, b=box: self._open.remove(b))
        return box

    def inform(
        self, title: str, text: str, on_done: Callable[[], None] | None = None
    ) -> None:
        """Tell the person something; ``on_done`` runs when they close it."""
        self.ask(title, text, ["OK"], lambda _choice: on_done and on_done(), "i")

    def error(
        self, title: str, text: str, on_done: Callable[[], None] | None = None
    ) -> None:
        """Report a problem; ``on_done`` runs when the person closes it."""
        self.ask(title, text, ["OK"], lambda _choice: on_done and on_done(), "!")

    def ask(
        self,
        title: str,
        text: str,
        choices: Sequence[str],
        on_answer: Callable[[str | None], None],
        kind: str = "?",
    ) -> None:
        """Offer ``choices`` (the first is the default); report the one picked.

        ``on_answer`` gets the label of the chosen button, or None when the
        box was closed without choosing.
        """
        icons = {
            "?": QMessageBox.Icon.Question,
            "!": QMessageBox.Icon.Warning,
            "i": QMessageBox.Icon.Information,
        }
        box = self._box(icons[kind], title, text)
        buttons = {}
        for index, label in enumerate(choices):
            role = (
                QMessageBox.ButtonRole.AcceptRole
                if index == 0
                else QMessageBox.ButtonRole.RejectRole
                if index == len(choices) - 1
                else QMessageBox.ButtonRole.DestructiveRole
            )
            buttons[box.addButton(label, role)] = label
        if buttons:
            box.setDefaultButton(next(iter(buttons)))

        def finished(_result: int) -> None:
            on_answer(buttons.get(box.clickedButton()))

        box.finished.connect(finished)
        box.show()

    def choose_save_file(
        self,
        title: str,
        suggested: Path,
        file_filter: str,
        on_chosen: Callable[[Path], None],
    ) -> None:
        """Ask where to save; ``on_chosen`` runs only if a file was chosen."""
        dialog = QFileDialog(self._parent, title, str(suggested), file_filter)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(str(suggested))
        dialog.fileSelected.connect(lambda name: on_chosen(Path(name)))
        dialog.open()

    def choose_open_file(
        self,
        title: str,
        file_filter: str,
        on_chosen: Callable[[Path], None],
        folder: Path | None = None,
    ) -> None:
        """Ask for a file to read; ``on_chosen`` runs only if one was chosen."""
        start = folder if folder is not None and folder.is_dir() else Path.home()
        dialog = QFileDialog(self._parent, title, str(start), file_filter)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda name: on_chosen(Path(name)))
        dialog.open()

    def open_folder(self, folder: Path) -> None:
        """Show a folder in the system's file manager."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
