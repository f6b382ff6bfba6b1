"""Settings → Security: turn the journal's encryption on or off, change its
passphrase, and choose when the window locks itself.

The conversions rewrite journal.db, so they run on a Worker: the window's
own connection is closed here on the UI thread (a SQLite connection belongs
to the thread that opened it), :mod:`leaderjournal.storage.encryption` does
the work on the worker's thread with the folder's lock still held by the
open Journal, and the Journal opens its database again here afterwards,
whether the conversion succeeded or not.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.storage import encryption
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.keyfile import DEFAULT_KDF, KdfParams, WrongPassphraseError
from leaderjournal.ui.common.worker import Job, Worker, progress_dialog

WARNING = (
    "If you lose this passphrase and the recovery key, nobody can read this "
    "journal again."
)
WRONG = "That passphrase does not open this journal; nothing was changed."
DIFFERENT = "The two new passphrases are not the same: type them again."
EMPTY = "Type a passphrase first."
NOT_SAVED = (
    "What you wrote could not be saved, so nothing was changed. "
    "Save it (Ctrl+S) and try again."
)
#: The idle times after which the window locks, in minutes (0: never).
LOCK_CHOICES = (0, 5, 15, 30, 60)


def _secret_field(name: str, label: str) -> QLineEdit:
    field = QLineEdit(objectName=name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(label)
    return field


class _SecretDialog(QDialog):
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


class EncryptDialog(_SecretDialog):
    """Encrypt this journal: the passphrase twice, the recovery key offer and
    the plain warning; then the recovery key, once."""

    encrypted = Signal()

    def __init__(
        self,
        journal: Journal,
        parent: QWidget | None = None,
        *,
        kdf: KdfParams = DEFAULT_KDF,
    ) -> None:
        super().__init__(journal, kdf, "encryptDialog", "Encrypt This Journal", parent)
        self.recovery_dialog: QDialog | None = None
        self.passphrase = _secret_field("newPassphrase", "New passphrase")
        self.repeat = _secret_field("repeatPassphrase", "New passphrase again")
        self.form.addRow("&Passphrase:", self.passphrase)
        self.form.addRow("&Again:", self.repeat)
        self.recovery = QCheckBox(
            "Also make a &recovery key", objectName="makeRecoveryKey"
        )
        self.recovery.setChecked(True)
        self.recovery.setToolTip(
            "A key to write down or print, which opens the journal if the "
            "passphrase is forgotten"
        )
        warning = QLabel(WARNING, objectName="encryptWarning")
        warning.setWordWrap(True)
        note = QLabel(
            "LeaderJournal will ask for the passphrase each time it opens. "
            "Backups made from now on are encrypted too; those made before "
            "stay as they are (delete them if they matter).",
        )
        note.setWordWrap(True)
        self.extra.addWidget(self.recovery)
        self.extra.addWidget(warning)
        self.extra.addWidget(note)
        self._ok_button("&Encrypt", "confirmEncrypt", self.encrypt)
        self.passphrase.setFocus()

    def encrypt(self) -> None:
        passphrase, again = self.passphrase.text(), self.repeat.text()
        if not passphrase:
            self.say(EMPTY)
            return
        if passphrase != again:
            self.repeat.clear()
            self.say(DIFFERENT)
            return
        self.passphrase.clear()
        self.repeat.clear()
        journal, kdf, recovery = self._journal, self._kdf, self.recovery.isChecked()
        if journal.encrypted:
            self.say("This journal is already encrypted.")
            return
        if not self._saved_first():
            return
        data_dir = journal.data_dir
        secret = [passphrase]
        journal.connection.close()

        def work(_job: Job) -> tuple[bytes, str | None]:
            return encryption.encrypt_file(
                data_dir, secret.pop(), recovery=recovery, kdf=kdf
            )

        def done(result: object) -> None:
            key: bytes
            recovery_key: str | None
            key, recovery_key = result  # type: ignore[misc]
            journal.reopen(key)
            self.accept()
            self.encrypted.emit()
            if recovery_key is not None:
                self.show_recovery_key(recovery_key)

        def failed(message: str) -> None:
            journal.reopen(None)
            self.say(message)

        self._run(work, done, failed, "Encrypting the journal")

    def show_recovery_key(self, recovery_key: str) -> QDialog:
        from leaderjournal.ui.dialogs.recovery_key_dialog import RecoveryKeyDialog

        dialog = self.recovery_dialog = RecoveryKeyDialog(
            recovery_key, self.parentWidget()
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


class DecryptDialog(_SecretDialog):
    """Turn encryption off: the passphrase (or recovery key) first."""

    decrypted = Signal()

    def __init__(
        self,
        journal: Journal,
        parent: QWidget | None = None,
        *,
        kdf: KdfParams = DEFAULT_KDF,
    ) -> None:
        super().__init__(journal, kdf, "decryptDialog", "Turn Encryption Off", parent)
        self.passphrase = _secret_field("currentPassphrase", "Passphrase")
        self.form.addRow("&Passphrase or recovery key:", self.passphrase)
        note = QLabel(
            "The journal is rewritten unencrypted: anyone who can read your "
            "files can then read it. Backups made while it was encrypted stay "
            "encrypted."
        )
        note.setWordWrap(True)
        self.extra.addWidget(note)
        self._ok_button("&Turn Off", "confirmDecrypt", self.decrypt)
        self.passphrase.setFocus()

    def decrypt(self) -> None:
        secret = [self.passphrase.text()]
        self.passphrase.clear()
        if not secret[0]:
            self.say(EMPTY)
            return
        data_dir = self._journal.data_dir

        def unlock(_job: Job) -> bytes | None:
            try:
                return encryption.data_key(data_dir, secret.pop())
            except WrongPassphraseError:
                return None

        self._run(unlock, self._unlocked, self.say)

    def _unlocked(self, key: object) -> None:
        if not isinstance(key, bytes):
            self.say(WRONG)
            self.passphrase.setFocus()
            return
        if not self._saved_first():
            return
        journal = self._journal
        data_dir = journal.data_dir
        journal.connection.close()

        def done(_result: object) -> None:
            journal.reopen(key)
            self.accept()
            self.decrypted.emit()

        def failed(message: str) -> None:
            journal.reopen(key)
            self.say(message)

        self._run(
            lambda _job: encryption.decrypt_file(data_dir, key),
            done,
            failed,
            "Turning encryption off",
        )


class ChangePassphraseDialog(_SecretDialog):
    """The current passphrase and the new one twice: only journal.key changes."""

    changed = Signal()

    def __init__(
        self,
        journal: Journal,
        parent: QWidget | None = None,
        *,
        kdf: KdfParams = DEFAULT_KDF,
    ) -> None:
        super().__init__(
            journal, kdf, "changePassphraseDialog", "Change Passphrase", parent
        )
        self.current = _secret_field("currentPassphrase", "Current passphrase")
        self.passphrase = _secret_field("newPassphrase", "New passphrase")
        self.repeat = _secret_field("repeatPassphrase", "New passphrase again")
        self.form.addRow("&Current passphrase:", self.current)
        self.form.addRow("&New passphrase:", self.passphrase)
        self.form.addRow("&Again:", self.repeat)
        note = QLabel("The recovery key, if you made one, keeps working. " + WARNING)
        note.setWordWrap(True)
        self.extra.addWidget(note)
        self._ok_button("C&hange", "confirmChange", self.change)
        self.current.setFocus()

    def change(self) -> None:
        current, new, again = (
            self.current.text(),
            self.passphrase.text(),
            self.repeat.text(),
        )
        if not current or not new:
            self.say(EMPTY)
            return
        if new != again:
            self.repeat.clear()
            self.say(DIFFERENT)
            return
        for field in (self.current, self.passphrase, self.repeat):
            field.clear()
        journal, kdf = self._journal, self._kdf
        secrets = [current, new]

        def work(_job: Job) -> bool:
            new_passphrase, old = secrets.pop(), secrets.pop()
            try:
                journal.change_passphrase(old, new_passphrase, kdf=kdf)
            except WrongPassphraseError:
                return False
            return True

        def done(changed: object) -> None:
            if changed:
                self.accept()
                self.changed.emit()
            else:
                self.say(WRONG)
                self.current.setFocus()

        self._run(work, done, self.say)


class SecurityPanel(QGroupBox):
    """Settings' Security part: whether the journal is encrypted, the three
    changes, and the idle time after which the window locks."""

    #: Encryption was turned on or off (at once: not only when Settings
    #: closes with OK, since the journal itself has changed already).
    encryption_changed = Signal()

    def __init__(
        self,
        journal: Journal | None,
        lock_minutes: int,
        parent: QWidget | None = None,
        *,
        kdf: KdfParams = DEFAULT_KDF,
        save_first: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__("Security", parent)
        self.setObjectName("securityGroup")
        self._save_first = save_first
        self._journal = journal
        self._kdf = kdf
        self.dialog: _SecretDialog | None = None
        self.status = QLabel("", objectName="securityStatus")
        self.status.setWordWrap(True)
        self.encrypt_button = QPushButton(
            "&Encrypt This Journal\u2026", objectName="encryptJournal"
        )
        self.decrypt_button = QPushButton(
            "Turn Encryption &Off\u2026", objectName="decryptJournal"
        )
        self.change_button = QPushButton(
            "Change &Passphrase\u2026", objectName="changePassphrase"
        )
        self.encrypt_button.clicked.connect(self.ask_encrypt)
        self.decrypt_button.clicked.connect(self.ask_decrypt)
        self.change_button.clicked.connect(self.ask_change)
        self.lock_after = QComboBox(objectName="lockAfter")
        self.lock_after.setAccessibleName("Lock the window after idle time")
        for minutes in LOCK_CHOICES:
            self.lock_after.addItem(
                f"After {minutes} minutes idle" if minutes else "Off", minutes
            )
        known = lock_minutes if lock_minutes in LOCK_CHOICES else 0
        self.lock_after.setCurrentIndex(LOCK_CHOICES.index(known))

        buttons = QHBoxLayout()
        for button in (self.encrypt_button, self.decrypt_button, self.change_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self.status)
        form.addRow(buttons)
        form.addRow("Loc&k the window:", self.lock_after)
        self.refresh()

    def lock_minutes(self) -> int:
        return int(self.lock_after.currentData())

    def refresh(self) -> None:
        journal = self._journal
        on = journal is not None and journal.encrypted
        self.status.setText(
            "This journal is encrypted: it asks for its passphrase when it opens."
            if on
            else "This journal is not encrypted: anyone who can read your files "
            "can read it."
        )
        self.encrypt_button.setVisible(not on)
        self.decrypt_button.setVisible(on)
        self.change_button.setVisible(on)
        for button in (self.encrypt_button, self.decrypt_button, self.change_button):
            button.setEnabled(journal is not None)

    def _open(self, kind: Callable[..., _SecretDialog]) -> None:
        assert self._journal is not None
        dialog = self.dialog = kind(self._journal, self.window(), kdf=self._kdf)
        dialog.save_first = self._save_first
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        was = self._journal.encrypted
        dialog.finished.connect(lambda _result: self._after(was))
        dialog.open()

    def _after(self, was_encrypted: bool) -> None:
        self.refresh()
        if self._journal is not None and self._journal.encrypted != was_encrypted:
            self.encryption_changed.emit()

    def ask_encrypt(self) -> None:
        self._open(EncryptDialog)

    def ask_decrypt(self) -> None:
        self._open(DecryptDialog)

    def ask_change(self) -> None:
        self._open(ChangePassphraseDialog)
