"""The three windows that change a journal's encryption: encrypt it, turn
encryption off, change its passphrase.

The conversions rewrite journal.db, so they run on a Worker: the window's
own connection is closed here on the UI thread (a SQLite connection belongs
to the thread that opened it), :mod:`leaderjournal.storage.encryption` does
the work on the worker's thread with the folder's lock still held by the
open Journal, and the Journal opens its database again here afterwards,
whether the conversion succeeded or not.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QWidget

from leaderjournal.storage import encryption
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.keyfile import DEFAULT_KDF, KdfParams, WrongPassphraseError
from leaderjournal.ui.common.worker import Job
from leaderjournal.ui.dialogs.secret_dialog import SecretDialog, secret_field

WARNING = (
    "If you lose this passphrase and the recovery key, nobody can read this "
    "journal again."
)
WRONG = "That passphrase does not open this journal; nothing was changed."
DIFFERENT = "The two new passphrases are not the same: type them again."
EMPTY = "Type a passphrase first."


class EncryptDialog(SecretDialog):
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
        self.passphrase = secret_field("newPassphrase", "New passphrase")
        self.repeat = secret_field("repeatPassphrase", "New passphrase again")
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


class DecryptDialog(SecretDialog):
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
        self.passphrase = secret_field("currentPassphrase", "Passphrase")
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


class ChangePassphraseDialog(SecretDialog):
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
        self.current = secret_field("currentPassphrase", "Current passphrase")
        self.passphrase = secret_field("newPassphrase", "New passphrase")
        self.repeat = secret_field("repeatPassphrase", "New passphrase again")
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
