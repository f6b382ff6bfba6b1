"""Messages to the person: the one seam through which every dialog goes.

Dialogs never block (``show()`` with a callback, not ``exec()``), so start-up
and tests cannot hang on one. Tests hand views a recording stand-in instead.

Every question names its roles: the ``default`` answer (Enter), the ``escape``
answer (Escape, the window's close button, or any other way of closing the box
without a button) and, if one answer throws something away, that ``discards``
answer. Escape must mean the answer that keeps everything, so the discarding
answer can be neither the escape nor the default one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QFileDialog,
    QGridLayout,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QWidget,
)

if TYPE_CHECKING:
    from leaderjournal.ui.common.settings_store import SettingsStore

#: How long good news stays in the status bar.
NOTICE_MS = 10_000

_PATTERN = re.compile(r"\*\.(\w+)")


def check_question(
    choices: Sequence[str],
    *,
    default: str,
    escape: str,
    discards: str | None,
    icon: QMessageBox.Icon,
) -> None:
    """Refuse a question whose roles are unclear (a mistake in the caller).

    Raises ValueError when ``default``, ``escape`` or ``discards`` is not one
    of ``choices``, when a label is offered twice, or when Escape or Enter
    would pick the answer that discards; TypeError when ``icon`` is not one
    of QMessageBox's icons.
    """
    if not isinstance(icon, QMessageBox.Icon):
        raise TypeError(f"the icon must be a QMessageBox.Icon, not {icon!r}")
    if len(set(choices)) != len(choices):
        raise ValueError(f"each choice must be offered once: {list(choices)}")
    for role, label in (("default", default), ("escape", escape)):
        if label not in choices:
            raise ValueError(f"the {role} {label!r} is not a choice: {list(choices)}")
    if discards is None:
        return
    if discards not in choices:
        raise ValueError(f"{discards!r} (discards) is not a choice: {list(choices)}")
    if discards in (default, escape):
        raise ValueError(
            f"the choice {discards!r} discards, so neither Enter nor Escape may pick it"
        )


def documents_or_home() -> Path:
    """The person's Documents folder when there is one, else their home:
    where files they save or pick are first looked for."""
    folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    )
    documents = Path(folder) if folder else None
    return documents if documents is not None and documents.is_dir() else Path.home()


class Dialogs:
    """Shows messages as window-modal, non-blocking message boxes."""

    #: The icons a question may show (``Dialogs.Icon.Warning``, ...).
    Icon = QMessageBox.Icon

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
    ) -> None:
        self._parent = parent
        self._open: list[QMessageBox] = []
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

    def _box(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton)
        if self._parent is not None:
            box.setParent(self._parent, box.windowFlags())
        box.setObjectName("messageBox")
        self._open.append(box)
        box.finished.connect(lambda _r, b=box: self._open.remove(b))
        return box

    def notify(self, title: str, text: str) -> None:
        """Good news (a file saved, a backup made), said in the window's status
        bar for a while: no box to close. ``title`` names it for the log of
        messages a test keeps; the person reads ``text``. Boxes are for
        questions and failures."""
        window = self._parent.window() if self._parent is not None else None
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, NOTICE_MS)

    def inform(
        self, title: str, text: str, on_done: Callable[[], None] | None = None
    ) -> None:
        """Tell the person something; ``on_done`` runs when they close it."""
        self._message(QMessageBox.Icon.Information, title, text, on_done)

    def error(
        self, title: str, text: str, on_done: Callable[[], None] | None = None
    ) -> None:
        """Report a problem; ``on_done`` runs when the person closes it."""
        self._message(QMessageBox.Icon.Warning, title, text, on_done)

    def _message(
        self,
        icon: QMessageBox.Icon,
        title: str,
        text: str,
        on_done: Callable[[], None] | None,
    ) -> None:
        # The one OK is both the default and the escape answer.
        self.ask(
            title,
            text,
            ["OK"],
            lambda _choice: on_done and on_done(),
            default="OK",
            escape="OK",
            icon=icon,
        )

    def ask(
        self,
        title: str,
        text: str,
        choices: Sequence[str],
        on_answer: Callable[[str], None],
        *,
        default: str,
        escape: str,
        discards: str | None = None,
        icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    ) -> None:
        """Offer ``choices`` in this order; report the one the person picked.

        Enter picks ``default``. Escape, the window's close button and any
        other way of closing the box without a button answer ``escape``, so
        ``on_answer`` always gets one of ``choices``, never None. ``discards``
        names the answer that throws work away (shown as destructive); see
        check_question for what is refused.
        """
        check_question(
            choices, default=default, escape=escape, discards=discards, icon=icon
        )
        box = self._box(icon, title, text)
        buttons: dict[QAbstractButton, str] = {}
        for label in choices:
            if label == escape:
                role = QMessageBox.ButtonRole.RejectRole
            elif label == discards:
                role = QMessageBox.ButtonRole.DestructiveRole
            else:
                role = QMessageBox.ButtonRole.AcceptRole
            button = box.addButton(label, role)
            buttons[button] = label
            if label == default:
                box.setDefaultButton(button)
            if label == escape:
                box.setEscapeButton(button)

        def finished(_result: int) -> None:
            # When the box is closed rather than answered, Qt reports no
            # button (or reports the escape one only after this signal).
            on_answer(buttons.get(box.clickedButton(), escape))

        box.finished.connect(finished)
        box.show()

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
        dialog = QFileDialog(self._parent, title, str(folder))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        folders = self._folders

        def chosen(name: str) -> None:
            path = Path(name)
            if folders is not None:
                folders.remember_folder(kind, path.parent)
            on_chosen(path)

        dialog.fileSelected.connect(chosen)
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
