"""Asking for files and folders: where to save, what to read, which folder.

Each kind of file dialog opens where it was last used (remembered in the
settings, also after a restart), else in a folder that exists. Like every
dialog here it never blocks: ``open()`` with a callback, not ``exec()``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QGridLayout, QPushButton, QWidget

if TYPE_CHECKING:
    from leaderjournal.ui.common.settings_store import SettingsStore

_PATTERN = re.compile(r"\*\.(\w+)")


def documents_or_home() -> Path:
    """The person's Documents folder when there is one, else their home:
    where files they save or pick are first looked for."""
    folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    )
    documents = Path(folder) if folder else None
    return documents if documents is not None and documents.is_dir() else Path.home()


class FileDialogs:
    """Shows file and folder dialogs over a parent window, non-blocking."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
    ) -> None:
        self._parent = parent
        # Opening a folder leaves the app; tests hand in a recorder instead.
        self._open_url = open_url
        self._folders: SettingsStore | None = None

    def set_parent(self, parent: QWidget) -> None:
        """Show later messages over ``parent`` (once the window exists)."""
        self._parent = parent

    def remember_folders_in(self, store: SettingsStore) -> None:
        """Keep each kind of file dialog's last folder in ``store``, so that
        it opens there next time, also after a restart."""
        self._folders = store

    def choose_save_file(
        self,
        title: str,
        suggested: Path,
        file_filter: str,
        on_chosen: Callable[[Path], None],
        *,
        kind: str | None = None,
    ) -> None:
        """Ask where to save; ``on_chosen`` runs only if a file was chosen.

        The dialog opens in the folder last chosen for ``kind`` ("export",
        ...; by default the saved file's type), else in ``suggested``'s
        folder, and always in one that exists. A name typed without an
        ending gets the filter's first one.
        """
        kind = kind or f"save-{_first_suffix(file_filter)}"
        folder = self._start_folder(kind, suggested.parent)
        dialog = self._file_dialog(title, folder, file_filter, kind, on_chosen)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(_first_suffix(file_filter))
        dialog.selectFile(str(folder / suggested.name))
        dialog.open()

    def choose_open_file(
        self,
        title: str,
        file_filter: str,
        on_chosen: Callable[[Path], None],
        folder: Path | None = None,
        *,
        kind: str | None = None,
        folders: bool = False,
    ) -> None:
        """Ask for a file to read; ``on_chosen`` runs only if one was chosen.

        The dialog opens in the folder last chosen for ``kind`` ("import",
        ...; by default the file type read), else in ``folder``, else in
        Documents (where exports are suggested) or at home. With ``folders``
        a "Choose This Folder" button takes the folder selected or shown
        (some journals are a folder of files).
        """
        kind = kind or f"open-{_first_suffix(file_filter)}"
        start = self._start_folder(kind, folder)
        dialog = self._file_dialog(title, start, file_filter, kind, on_chosen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        if folders:
            _offer_folders(dialog)
        dialog.open()

    def _start_folder(self, kind: str, fallback: Path | None) -> Path:
        """Where a file dialog opens: a folder that exists, always (Qt would
        otherwise open wherever some other dialog was last)."""
        remembered = self._folders.last_folder(kind) if self._folders else None
        if remembered is not None:
            return remembered
        if fallback is not None and fallback.is_dir():
            return fallback
        return documents_or_home()

    def _file_dialog(
        self,
        title: str,
        folder: Path,
        file_filter: str,
        kind: str,
        on_chosen: Callable[[Path], None],
    ) -> QFileDialog:
        dialog = QFileDialog(self._parent, title, str(folder), file_filter)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Not ``self``: the slot goes with the dialog, and must not take the
        # last reference to this object (and so to the parent) with it.
        folders = self._folders

        def chosen(name: str) -> None:
            path = Path(name)
            if folders is not None:
                folders.remember_folder(kind, path.parent)
            on_chosen(path)

        dialog.fileSelected.connect(chosen)
        return dialog

    def choose_folder(
        self,
        title: str,
        suggested: Path,
        on_chosen: Callable[[Path], None],
        *,
        kind: str = "folder",
    ) -> None:
        """Ask for a folder to write into (a folder of files, such as the
        Markdown export); ``on_chosen`` runs only if one was chosen. The
        dialog opens where the last folder for ``kind`` was chosen, else in
        ``suggested``; its New Folder button makes an empty one."""
        folder = self._start_folder(kind, suggested)
        dialog = self._file_dialog(title, folder, "", kind, on_chosen)
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        dialog.open()

    def open_folder(self, folder: Path) -> None:
        """Show a folder in the system's file manager."""
        self._open_url(QUrl.fromLocalFile(str(folder)))


def _offer_folders(dialog: QFileDialog) -> None:
    """Add "Choose This Folder" to a file dialog: it chooses the folder
    selected in the list, else the folder shown. Qt's own dialog is used, as
    the system's cannot take a button."""
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    button = QPushButton("Choose This &Folder", dialog)
    button.setObjectName("chooseFolderButton")
    button.setToolTip("Choose the folder selected, or the folder shown if none is")
    button.setAutoDefault(False)

    def choose_folder() -> None:
        selected = [Path(name) for name in dialog.selectedFiles()]
        shown_folder = Path(dialog.directory().absolutePath())
        folder = selected[0] if len(selected) == 1 and selected[0].is_dir() else None
        dialog.fileSelected.emit(str(folder or shown_folder))
        dialog.done(QFileDialog.DialogCode.Accepted)

    button.clicked.connect(choose_folder)
    layout = dialog.layout()
    if isinstance(layout, QGridLayout):
        layout.addWidget(button, layout.rowCount(), 0, 1, layout.columnCount())


def _first_suffix(file_filter: str) -> str:
    """The first file ending a filter names: "csv" for "CSV files (*.csv)"."""
    found = _PATTERN.search(file_filter)
    return found[1].lower() if found else ""
