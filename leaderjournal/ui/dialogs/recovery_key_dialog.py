"""The recovery key, shown once right after encryption is turned on.

It opens the journal when the passphrase is lost, and it is never shown
again: the window closes only once the person ticks that they keep it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class RecoveryKeyDialog(QDialog):
    """The recovery key with Copy and Print…, and a tick that enables Close."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle("Your Recovery Key")
        self._key = recovery_key
        self._printer: QPrinter | None = None
        self._print_dialog: QPrintDialog | None = None
        intro = QLabel(
            "This recovery key opens the journal if you forget the passphrase. "
            "It is shown only now: write it down or print it, and keep it "
            "somewhere safe, away from this computer."
        )
        intro.setWordWrap(True)
        self.key_field = QLineEdit(recovery_key, objectName="recoveryKey")
        self.key_field.setReadOnly(True)
        self.key_field.setAccessibleName("Recovery key")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setWeight(QFont.Weight.DemiBold)
        self.key_field.setFont(font)
        self.key_field.setMinimumWidth(
            self.key_field.fontMetrics().horizontalAdvance(recovery_key) + 24
        )
        self.copied = QLabel("", objectName="recoveryCopied")
        copy = QPushButton("&Copy", objectName="copyRecoveryKey")
        copy.clicked.connect(self.copy_key)
        print_button = QPushButton("&Print\u2026", objectName="printRecoveryKey")
        print_button.clicked.connect(self.print_key)
        self.kept = QCheckBox(
            "I have &written it down or stored it safely", objectName="recoveryKept"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("closeRecoveryKey")
        self.close_button.setEnabled(False)
        self.kept.toggled.connect(self.close_button.setEnabled)
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(copy)
        row.addWidget(print_button)
        row.addWidget(self.copied, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.key_field)
        layout.addLayout(row)
        layout.addWidget(self.kept)
        layout.addWidget(buttons)
        self.kept.setFocus()

    def copy_key(self) -> None:
        QGuiApplication.clipboard().setText(self._key)
        self.copied.setText("Copied to the clipboard.")

    def document(self) -> QTextDocument:
        """What Print… prints: the key and what it is for."""
        document = QTextDocument(self)
        document.setPlainText(
            "LeaderJournal recovery key\n\n"
            f"{self._key}\n\n"
            "It opens your journal if you forget its passphrase. "
            "Keep it somewhere safe."
        )
        return document

    def print_key(self) -> None:
        if self._print_dialog is None:  # one, kept with its printer
            self._printer = QPrinter()
            dialog = self._print_dialog = QPrintDialog(self._printer, self)
            dialog.setObjectName("printRecoveryDialog")
            dialog.accepted.connect(self._print)
        dialog = self._print_dialog
        # Not open(): PySide6's QPrintDialog.open wants a receiver and slot.
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

    def _print(self) -> None:
        if self._printer is not None:
            self.document().print_(self._printer)

    def reject(self) -> None:
        # Escape or the title bar's close do not skip the key unseen.
        if self.kept.isChecked():
            super().reject()
