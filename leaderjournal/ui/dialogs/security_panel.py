"""Settings → Security: whether the journal is encrypted, the buttons that
turn its encryption on or off or change its passphrase, and when the window
locks itself.

The changes themselves happen in windows of their own
(:mod:`leaderjournal.ui.dialogs.encryption_dialogs`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from leaderjournal.storage.journal import Journal
from leaderjournal.storage.keyfile import DEFAULT_KDF, KdfParams
from leaderjournal.sync import engine
from leaderjournal.ui.dialogs.encryption_dialogs import (
    ChangePassphraseDialog,
    DecryptDialog,
    EncryptDialog,
)
from leaderjournal.ui.dialogs.secret_dialog import SecretDialog

#: The idle times after which the window locks, in minutes (0: never).
LOCK_CHOICES = (0, 5, 15, 30, 60)


class SecurityPanel(QGroupBox):
    """Settings' Security part: whether the journal is encrypted, the three
    changes, and the idle time after which the window locks."""

    #: Encryption was turned on or off (at once: not only when Settings
    #: closes with OK, since the journal itself has changed already).
    encryption_changed = Signal()
    #: The passphrase was changed (the sync folder's key file follows it).
    passphrase_changed = Signal()

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
        self.dialog: SecretDialog | None = None
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
        if journal is not None and engine.device_of(journal.connection) is not None:
            # The other computers would be split from a journal encrypted or
            # decrypted here; a new passphrase is fine (its key file follows).
            self.encrypt_button.setEnabled(False)
            self.decrypt_button.setEnabled(False)
            self.status.setText(
                f"{self.status.text()} Turn sync off first (Settings → Sync) "
                f"to {'decrypt' if on else 'encrypt'} it: while it syncs, that "
                "would split it from your other computers."
            )

    def _open(self, kind: Callable[..., SecretDialog]) -> None:
        assert self._journal is not None
        if kind is not ChangePassphraseDialog and not self.encrypt_button.isEnabled():
            return  # sync is on: refused in words (see refresh)
        dialog = self.dialog = kind(self._journal, self.window(), kdf=self._kdf)
        dialog.save_first = self._save_first
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        was = self._journal.encrypted
        dialog.finished.connect(lambda _result: self._after(was))
        if isinstance(dialog, ChangePassphraseDialog):
            dialog.changed.connect(self.passphrase_changed)
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
