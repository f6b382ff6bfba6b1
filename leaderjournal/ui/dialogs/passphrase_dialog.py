"""The small window that asks an encrypted journal's passphrase at start.

Nothing of the journal is shown before the passphrase (or the recovery key)
unlocks its key. The key is derived with Argon2id, which takes a fraction of
a second on purpose, so it runs on a Worker while the window keeps painting.
The typed secret is cleared from the field as soon as it is handed over and
is kept nowhere else: what comes back is the data key, for the Journal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from leaderjournal import APP_NAME
from leaderjournal.storage.keyfile import WrongPassphraseError
from leaderjournal.ui.common.style import MARGIN, SPACING
from leaderjournal.ui.common.worker import Job, Worker

#: What the window says, by what the field takes.
_ASK = {
    False: "This journal is encrypted. Type its passphrase to open it.",
    True: (
        "Type the recovery key you were given when encryption was turned on "
        "(upper or lower case, with or without the dashes)."
    ),
}
_WRONG = {
    False: "That passphrase does not open this journal. Check it and try again.",
    True: "That recovery key does not open this journal. Check it and try again.",
}
#: What the window says once the journal was locked (Ctrl+L or idle time).
_LOCKED = "{app} is locked. Type its passphrase to open the journal again."
_SWITCH = {False: "Use the recovery key instead", True: "Use the passphrase instead"}
_FIELD = {False: "Passphrase", True: "Recovery key"}


@dataclass(frozen=True)
class _Outcome:
    """What one try gave: the data key (None if the journal turned out not
    to be encrypted any more), or a secret that does not open it."""

    opened: bool
    key: bytes | None = None


def _remember_box(*, offered: bool, ticked: bool) -> QCheckBox:
    box = QCheckBox("&Remember on this computer", objectName="rememberPassphrase")
    box.setToolTip(
        "Keep the passphrase in this computer's keyring, so that the journal "
        "opens without asking. Anyone who can use this account can then read it."
    )
    box.setChecked(ticked)
    box.setVisible(offered)
    return box


class PassphraseDialog(QDialog):
    """Asks the passphrase until it opens the journal, or the person quits.

    ``unlock(secret)`` returns the data key or raises WrongPassphraseError;
    it runs on a thread of its own. ``unlocked(key)`` is emitted with the
    key; the owner then opens the journal and closes this window. Quit,
    Escape and the window's close button end in ``rejected``: nothing was
    opened. There is no limit on tries, and every wrong one is told the same.
    """

    unlocked = Signal(object)  # bytes | None

    def __init__(
        self,
        unlock: Callable[[str], bytes | None],
        parent: QWidget | None = None,
        *,
        keep: Callable[[str | None], None] | None = None,
        kept: bool = False,
    ) -> None:
        """``keep``, when given, offers "Remember on this computer" (ticked
        if ``kept``): after a passphrase opens the journal, it is called on
        the try's thread with that passphrase if the box is ticked, or with
        None (forget it) if not."""
        super().__init__(parent)
        self._unlock = unlock
        self._keep = keep
        self._worker: Worker | None = None
        self._recovery = False
        self._locked = False
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(f"Open {APP_NAME}")
        self.setMinimumWidth(440)

        self.message = QLabel(objectName="passphraseMessage")
        self.message.setWordWrap(True)
        self.field = QLineEdit(objectName="passphrase")
        self.field.setMinimumWidth(320)
        self.message.setBuddy(self.field)
        self.error = QLabel(objectName="passphraseError")
        self.error.setWordWrap(True)
        bold = QFont(self.error.font())
        bold.setBold(True)
        self.error.setFont(bold)
        self.error.hide()
        self.switch = QPushButton(objectName="useRecoveryKey")
        self.switch.setFlat(True)
        self.switch.setAutoDefault(False)
        self.switch.setCursor(Qt.CursorShape.PointingHandCursor)
        underlined = QFont(self.switch.font())
        underlined.setUnderline(True)
        self.switch.setFont(underlined)
        self._paint_link()
        self.switch.clicked.connect(self.toggle_recovery)
        self.remember = _remember_box(offered=keep is not None, ticked=kept)

        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(
            "&Open", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button.setObjectName("openJournal")
        self.open_button.setDefault(True)
        self.quit_button = buttons.addButton(
            "&Quit", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.quit_button.setObjectName("quitUnopened")
        self.quit_button.setAutoDefault(False)
        buttons.accepted.connect(self.try_secret)
        buttons.rejected.connect(self.reject)
        self._lay_out(buttons)
        self._show_mode()
        self.field.setFocus()

    def _lay_out(self, buttons: QDialogButtonBox) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN)
        layout.setSpacing(SPACING)
        layout.addWidget(self.message)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(self.switch, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.remember)
        layout.addSpacing(SPACING)
        layout.addWidget(buttons)

    def _paint_link(self) -> None:
        """The switch reads as a link: the theme's link colour, underlined."""
        palette = QPalette(self.switch.palette())
        link = self.palette().color(QPalette.ColorRole.Link)
        palette.setColor(QPalette.ColorRole.ButtonText, link)
        self.switch.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_link()  # the theme changed: its link colour

    # -- what the field takes --------------------------------------------------

    def set_locked(self, locked: bool) -> None:
        """Say that the open journal was locked, rather than that it is
        encrypted; the field is emptied and waits for the passphrase."""
        self._locked = locked
        self._recovery = False
        self.field.clear()
        self.error.hide()
        self._show_mode()
        self.field.setFocus()

    def toggle_recovery(self) -> None:
        """Switch between the passphrase and the recovery key (the same field
        takes either; only the words and the echo change)."""
        self._recovery = not self._recovery
        self.field.clear()
        self.error.hide()
        self._show_mode()
        self.field.setFocus()

    def _show_mode(self) -> None:
        recovery = self._recovery
        locked = self._locked and not recovery
        self.message.setText(_LOCKED.format(app=APP_NAME) if locked else _ASK[recovery])
        self.field.setAccessibleName(_FIELD[recovery])
        self.field.setPlaceholderText(_FIELD[recovery])
        # A recovery key is copied from paper, 28 letters and digits: seeing
        # it typed catches a slip. A passphrase is never shown.
        self.field.setEchoMode(
            QLineEdit.EchoMode.Normal if recovery else QLineEdit.EchoMode.Password
        )
        # Only a passphrase is remembered, never the recovery key.
        self.remember.setEnabled(not recovery)
        self.switch.setText(_SWITCH[recovery])

    # -- trying a secret -------------------------------------------------------

    def try_secret(self) -> None:
        """Open: hand the typed secret to the unlock, off the UI thread."""
        if self._worker is not None:
            return
        secret = [self.field.text()]
        self.field.clear()
        if not secret[0]:
            self._say(f"Type the {_FIELD[self._recovery].lower()} first.")
            return
        unlock = self._unlock
        keep = None if self._recovery else self._keep
        ticked = self.remember.isChecked()

        def work(_job: Job) -> _Outcome:
            typed = secret.pop()
            try:
                key = unlock(typed)
            except WrongPassphraseError:
                return _Outcome(False)
            if keep is not None:
                keep(typed if ticked else None)
            return _Outcome(True, key)

        self.error.hide()
        self._set_busy(True)
        worker = self._worker = Worker(work, self)
        worker.succeeded.connect(self._tried)
        worker.failed.connect(self._could_not_try)
        worker.start()

    def wait_for_unlock(self) -> None:
        """Wait for a try under way to end (a fraction of a second)."""
        if self._worker is not None:
            self._worker.wait()

    def _done_trying(self) -> bool:
        """Free the try's thread; False if the window was closed meanwhile."""
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.wait()
            worker.release()
        self._set_busy(False)
        return self.isVisible()

    def _tried(self, outcome: _Outcome) -> None:
        if not self._done_trying():
            return
        if outcome.opened:
            self.unlocked.emit(outcome.key)
        else:
            self._say(_WRONG[self._recovery])

    def _could_not_try(self, message: str) -> None:
        if self._done_trying():
            self._say(message)

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.field.setFocus()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.field, self.open_button, self.switch):
            widget.setEnabled(not busy)
        self.remember.setEnabled(not busy and not self._recovery)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()
            self.field.setFocus()

    # -- closing ---------------------------------------------------------------

    def reject(self) -> None:
        """Quit, Escape or the close button: nothing is opened. A try under
        way is let finish first (its thread must not outlive the window);
        what it found is dropped."""
        self.field.clear()
        self.wait_for_unlock()
        super().reject()
