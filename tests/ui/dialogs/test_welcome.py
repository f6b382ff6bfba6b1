"""The first-run welcome: Enter starts writing; the sample is a deliberate choice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from leaderjournal.storage.keyfile import KdfParams
from leaderjournal.ui.dialogs.welcome import WelcomeDialog


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_on_the_welcome_means_start_writing(qtbot, key):
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    chosen: list[str] = []
    dialog.start_writing.connect(lambda: chosen.append("start"))
    dialog.explore_sample.connect(lambda: chosen.append("sample"))
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)

    focused = QApplication.focusWidget() or dialog
    qtbot.keyClick(focused, key)

    assert chosen == ["start"]
    assert not dialog.isVisible()


FAST = KdfParams(memory_kib=64, iterations=1, lanes=1)
WARNING = (
    "If you lose this passphrase and the recovery key, nobody can read this "
    "journal again."
)


def test_the_welcome_offers_a_passphrase_with_the_plain_warning(
    qtbot, data_dir, journal
):
    dialog = WelcomeDialog(journal=journal, kdf=FAST)
    qtbot.addWidget(dialog)
    started: list[str] = []
    dialog.start_writing.connect(lambda: started.append("start"))
    dialog.open()
    qtbot.waitExposed(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert WARNING in texts
    protect = dialog.findChild(QPushButton, "protectJournal")
    assert protect is not None
    assert protect.isVisible()

    qtbot.mouseClick(protect, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    assert started == ["start"]  # the cursor still goes to today's entry
    asking = next(
        w
        for w in QApplication.topLevelWidgets()
        if w.objectName() == "encryptDialog" and w.isVisible()
    )
    for name in ("newPassphrase", "repeatPassphrase"):
        qtbot.keyClicks(asking.findChild(QLineEdit, name), "blue giraffe at dawn")
    qtbot.mouseClick(
        asking.findChild(QPushButton, "confirmEncrypt"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: journal.encrypted)
    assert (data_dir / "journal.db").read_bytes()[:16] != b"SQLite format 3\x00"
    qtbot.waitUntil(
        lambda: any(
            w.objectName() == "recoveryKeyDialog" and w.isVisible()
            for w in QApplication.topLevelWidgets()
        )
    )


def test_the_welcome_offers_no_passphrase_without_a_journal(qtbot):
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    assert dialog.findChild(QPushButton, "protectJournal") is None


def test_enter_still_means_start_writing_when_a_passphrase_is_offered(qtbot, journal):
    dialog = WelcomeDialog(journal=journal, kdf=FAST)
    qtbot.addWidget(dialog)
    chosen: list[str] = []
    dialog.start_writing.connect(lambda: chosen.append("start"))
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)

    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)

    assert chosen == ["start"]
    assert not journal.encrypted
    assert not any(
        w.objectName() == "encryptDialog" and w.isVisible()
        for w in QApplication.topLevelWidgets()
    )
