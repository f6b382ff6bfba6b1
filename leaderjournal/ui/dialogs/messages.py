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

from collections.abc import Callable, Sequence

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton, QMainWindow, QMessageBox, QWidget

from leaderjournal.ui.dialogs.file_dialogs import FileDialogs

#: How long good news stays in the status bar.
NOTICE_MS = 10_000


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


class Dialogs(FileDialogs):
    """Shows messages as window-modal, non-blocking message boxes (and, as
    FileDialogs, asks for files and folders)."""

    #: The icons a question may show (``Dialogs.Icon.Warning``, ...).
    Icon = QMessageBox.Icon

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent, open_url=open_url)
        self._open: list[QMessageBox] = []

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
