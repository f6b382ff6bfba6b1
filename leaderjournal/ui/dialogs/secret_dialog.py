"""The base of the windows that ask for a journal's secrets: their fields,
what went wrong said inside the window, and the change run on a Worker
(off the UI thread, with a progress window while a conversion runs).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from leaderjournal.storage.journal import Journal
from leaderjournal.storage.keyfile import KdfParams
from leaderjournal.ui.common.worker import Job, Worker, progress_dialog

NOT_SAVED = (
    "What you wrote could not be saved, so nothing was changed. "
    "Save it (Ctrl+S) and try again."
)


def secret_field(name: str, label: str) -> QLineEdit:
    field = QLineEdit(objectName=name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(label)
    return field


class SecretDialog(QDialog):
    """A window that asks for secrets, says what went wrong inside itself,
    and runs the change on a Worker."""

    def __init__(
        self, journal: Journal, kdf: KdfParams, name: str, title: str, parent
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self._journal = journal
        self._kdf = kdf
        self._worker: Worker | None = None
        #: Saves what the window holds unsaved; False if it could not.
        self.save_first: Callable[[], bool] | None = None
        self.setMinimumWidth(440)
        self.error = QLabel("", objectName="securityError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(highlight); font-weight: bold;")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        self.extra = QVBoxLayout()
        layout.addLayout(self.extra)
        layout.addWidget(self.buttons)

    def _ok_button(self, text: str, name: str, slot: Callable[[], None]) -> None:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        button.setObjectName(name)
        button.setDefault(True)
        self.buttons.accepted.connect(slot)

    def _saved_first(self) -> bool:
        """Save what is being written before the connection closes, so that
        no save lands on a closed journal; False (and said) if it failed."""
        if self.save_first is None or self.save_first():
            return True
        self.say(NOT_SAVED)
        return False

    def say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _run(
        self,
        work: Callable[[Job], object],
        done: Callable[[object], None],
        failed: Callable[[str], None],
        title: str | None = None,
    ) -> Worker:
        """Run ``work`` off the UI thread; ``title``: show a progress window."""
        self._set_busy(True)
        worker = self._worker = Worker(work, self)
        progress = None
        if title is not None:
            progress = progress_dialog(self, "security", title)
            progress.setLabelText(f"{title}\u2026 Please wait.")
            progress.setRange(0, 0)
            progress.setCancelButton(None)
            progress.show()

        def finish() -> Worker:
            if progress is not None:
                progress.close()
                progress.deleteLater()
            worker.wait()
            worker.release()
            self._worker = None
            self._set_busy(False)
            return worker

        def succeeded(result: object) -> None:
            finish()
            done(result)

        def stopped(message: str) -> None:
            finish()
            failed(message)

        worker.succeeded.connect(succeeded)
        worker.failed.connect(stopped)
        worker.start()
        return worker

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.buttons, *self.findChildren(QLineEdit)):
            widget.setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def wait(self) -> None:
        """Wait for the work under way (tests; closing the window)."""
        if self._worker is not None:
            self._worker.wait()

    def reject(self) -> None:
        if self._worker is None:  # a conversion under way is not cut off
            super().reject()

    def done(self, result: int) -> None:
        # Closed by the program while a conversion runs (the app quitting):
        # the conversion ends first, as Qt must never destroy a running thread.
        self.wait()
        super().done(result)
