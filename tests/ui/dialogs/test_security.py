"""Settings → Security: encryption turned on (with the recovery key shown
once), off, the passphrase changed, and the idle lock chosen; a wrong
passphrase is said in the window and changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QWidget,
)

from leaderjournal.domain.entry import Entry
from leaderjournal.storage import encryption
from leaderjournal.storage.journal import Journal, encrypt
from leaderjournal.storage.keyfile import KdfParams, WrongPassphraseError
from leaderjournal.ui.common.settings_store import SettingsStore
from leaderjournal.ui.dialogs.encryption_dialogs import DIFFERENT, WARNING, WRONG
from tests.files import sha256

FAST = KdfParams(memory_kib=64, iterations=1, lanes=1)
PASSPHRASE = "blue giraffe at dawn"
DAY = dt.date(2026, 11, 30)
PLAIN_HEADER = b"SQLite format 3\x00"


def _add_entry(journal: Journal) -> None:
    journal.entries.add(
        Entry.new(DAY, title="Talk with Priya", text="Priya leads the migration.")
    )


def _titles(journal: Journal) -> list[str]:
    return [entry.title for entry in journal.entries.on_day(DAY)]


def _header(data_dir: Path) -> bytes:
    return (data_dir / "journal.db").read_bytes()[:16]


def _open_settings(window) -> QDialog:
    window.settings_actions.kdf = FAST
    dialog = window.settings_actions.show_settings()
    assert dialog.isVisible()
    tabs = _child(dialog, QTabWidget, "settingsTabs")
    tabs.setCurrentWidget(_child(dialog, QWidget, "settingsSecurity"))
    return dialog


def _child(parent: QWidget, kind, name: str):
    found = parent.findChild(kind, name)
    assert found is not None, name
    return found


def _top_dialog(name: str) -> QDialog:
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == name and widget.isVisible():
            return widget
    raise AssertionError(f"no visible {name}")


def _visible(name: str) -> bool:
    return any(
        w.objectName() == name and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def _gone(dialog: QDialog) -> bool:
    """Closed (a window deleted on close counts as closed)."""
    try:
        return not dialog.isVisible()
    except RuntimeError:
        return True


def _error(dialog: QDialog) -> str:
    label = _child(dialog, QLabel, "securityError")
    return label.text() if label.isVisible() else ""


@pytest.fixture
def encrypted_journal(data_dir: Path):
    with Journal(data_dir) as journal:
        _add_entry(journal)
    recovery = encrypt(data_dir, PASSPHRASE, recovery=True, kdf=FAST)
    assert recovery is not None
    with Journal(data_dir, secret=PASSPHRASE) as journal:
        yield journal, recovery


def test_settings_encrypts_the_open_journal_and_shows_the_recovery_key_once(
    qtbot, data_dir, journal, make_window
):
    _add_entry(journal)
    window = make_window(journal)
    settings = _open_settings(window)
    status = _child(settings, QLabel, "securityStatus")
    assert "not encrypted" in status.text()

    qtbot.mouseClick(
        _child(settings, QPushButton, "encryptJournal"), Qt.MouseButton.LeftButton
    )
    asking = _top_dialog("encryptDialog")
    assert WARNING in [label.text() for label in asking.findChildren(QLabel)]
    assert _child(asking, QCheckBox, "makeRecoveryKey").isChecked()
    first = _child(asking, QLineEdit, "newPassphrase")
    again = _child(asking, QLineEdit, "repeatPassphrase")
    assert first.echoMode() == QLineEdit.EchoMode.Password
    assert again.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(first, PASSPHRASE)
    qtbot.keyClicks(again, PASSPHRASE)
    qtbot.mouseClick(
        _child(asking, QPushButton, "confirmEncrypt"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: _visible("recoveryKeyDialog"))

    assert _header(data_dir) != PLAIN_HEADER
    assert journal.encrypted
    assert "is encrypted" in status.text()
    # The window goes on reading and writing the journal, now encrypted.
    assert _titles(journal) == ["Talk with Priya"]

    shown = _top_dialog("recoveryKeyDialog")
    recovery = _child(shown, QLineEdit, "recoveryKey").text()
    assert encryption.data_key(data_dir, recovery) is not None
    assert encryption.data_key(data_dir, PASSPHRASE) is not None
    close = _child(shown, QPushButton, "closeRecoveryKey")
    assert not close.isEnabled()
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    assert shown.isVisible()  # not skipped unseen
    qtbot.mouseClick(
        _child(shown, QPushButton, "copyRecoveryKey"), Qt.MouseButton.LeftButton
    )
    assert QApplication.clipboard().text() == recovery
    _child(shown, QCheckBox, "recoveryKept").setChecked(True)
    assert close.isEnabled()
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not shown.isVisible()
    settings.close()


def test_two_different_passphrases_are_refused_and_nothing_changes(
    qtbot, data_dir, journal, make_window
):
    _add_entry(journal)
    window = make_window(journal)
    settings = _open_settings(window)
    qtbot.mouseClick(
        _child(settings, QPushButton, "encryptJournal"), Qt.MouseButton.LeftButton
    )
    asking = _top_dialog("encryptDialog")
    before = sha256(data_dir / "journal.db")
    qtbot.keyClicks(_child(asking, QLineEdit, "newPassphrase"), PASSPHRASE)
    qtbot.keyClicks(_child(asking, QLineEdit, "repeatPassphrase"), PASSPHRASE + "s")
    qtbot.mouseClick(
        _child(asking, QPushButton, "confirmEncrypt"), Qt.MouseButton.LeftButton
    )

    assert _error(asking) == DIFFERENT
    assert asking.isVisible()
    assert sha256(data_dir / "journal.db") == before
    assert not (data_dir / "journal.key").exists()
    assert not journal.encrypted
    settings.close()


def test_without_a_recovery_key_none_is_shown(qtbot, data_dir, journal, make_window):
    window = make_window(journal)
    settings = _open_settings(window)
    qtbot.mouseClick(
        _child(settings, QPushButton, "encryptJournal"), Qt.MouseButton.LeftButton
    )
    asking = _top_dialog("encryptDialog")
    _child(asking, QCheckBox, "makeRecoveryKey").setChecked(False)
    qtbot.keyClicks(_child(asking, QLineEdit, "newPassphrase"), PASSPHRASE)
    qtbot.keyClicks(_child(asking, QLineEdit, "repeatPassphrase"), PASSPHRASE)
    qtbot.mouseClick(
        _child(asking, QPushButton, "confirmEncrypt"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: _gone(asking))

    assert journal.encrypted
    assert not _visible("recoveryKeyDialog")
    settings.close()


def test_turning_encryption_off_asks_the_passphrase_first(
    qtbot, data_dir, encrypted_journal, make_window
):
    journal, _recovery = encrypted_journal
    window = make_window(journal)
    settings = _open_settings(window)
    status = _child(settings, QLabel, "securityStatus")
    assert "is encrypted" in status.text()
    assert not _child(settings, QPushButton, "encryptJournal").isVisible()
    qtbot.mouseClick(
        _child(settings, QPushButton, "decryptJournal"), Qt.MouseButton.LeftButton
    )
    asking = _top_dialog("decryptDialog")
    field = _child(asking, QLineEdit, "currentPassphrase")
    before = sha256(data_dir / "journal.db"), sha256(data_dir / "journal.key")

    field.setFocus()
    qtbot.keyClicks(field, "a guess")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _error(asking) == WRONG)
    assert (sha256(data_dir / "journal.db"), sha256(data_dir / "journal.key")) == before
    assert journal.encrypted
    assert _titles(journal) == ["Talk with Priya"]

    field.setFocus()
    qtbot.keyClicks(field, PASSPHRASE)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _gone(asking))

    assert _header(data_dir) == PLAIN_HEADER
    assert not (data_dir / "journal.key").exists()
    assert not journal.encrypted
    assert _titles(journal) == ["Talk with Priya"]
    assert "not encrypted" in status.text()
    settings.close()


def test_changing_the_passphrase_rewraps_the_key_only(
    qtbot, data_dir, encrypted_journal, make_window
):
    journal, recovery = encrypted_journal
    window = make_window(journal)
    settings = _open_settings(window)
    qtbot.mouseClick(
        _child(settings, QPushButton, "changePassphrase"), Qt.MouseButton.LeftButton
    )
    asking = _top_dialog("changePassphraseDialog")
    current = _child(asking, QLineEdit, "currentPassphrase")
    new = _child(asking, QLineEdit, "newPassphrase")
    again = _child(asking, QLineEdit, "repeatPassphrase")
    journal_before = sha256(data_dir / "journal.db")
    key_before = sha256(data_dir / "journal.key")

    for field, text in ((current, "a guess"), (new, "red kite"), (again, "red kite")):
        qtbot.keyClicks(field, text)
    qtbot.mouseClick(
        _child(asking, QPushButton, "confirmChange"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: _error(asking) == WRONG)
    assert sha256(data_dir / "journal.key") == key_before

    for field, text in ((current, PASSPHRASE), (new, "red kite"), (again, "red kite")):
        qtbot.keyClicks(field, text)
    qtbot.mouseClick(
        _child(asking, QPushButton, "confirmChange"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: _gone(asking))

    assert sha256(data_dir / "journal.db") == journal_before
    assert sha256(data_dir / "journal.key") != key_before
    with pytest.raises(WrongPassphraseError):
        encryption.data_key(data_dir, PASSPHRASE)
    assert encryption.data_key(data_dir, "red kite") is not None
    assert encryption.data_key(data_dir, recovery) is not None
    settings.close()


def test_the_idle_lock_is_chosen_in_settings_and_kept(
    qtbot, tmp_path, journal, make_window
):
    store = SettingsStore(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    assert store.lock_after_minutes() == 0  # off until chosen
    window = make_window(journal, store=store)
    settings = _open_settings(window)
    choice = _child(settings, QComboBox, "lockAfter")
    assert choice.itemText(0) == "Off"
    assert choice.currentData() == 0
    assert [choice.itemData(i) for i in range(choice.count())] == [0, 5, 15, 30, 60]
    announced: list[int] = []
    window.settings_actions.lock_after_changed.connect(announced.append)
    # What reads the store when the settings are applied finds the new time.
    seen_on_apply: list[int] = []
    window.settings_actions.applied.connect(
        lambda _settings: seen_on_apply.append(store.lock_after_minutes())
    )
    choice.setCurrentIndex(choice.findData(15))
    ok = next(
        b
        for b in settings.findChildren(QPushButton)
        if b.text().replace("&", "") == "OK"
    )
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    assert announced == [15]
    assert seen_on_apply == [15]
    again = SettingsStore(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    assert again.lock_after_minutes() == 15
    reopened = _open_settings(window)
    assert _child(reopened, QComboBox, "lockAfter").currentData() == 15
    reopened.close()


def test_settings_with_its_security_tab_fits_a_screen_600_pixels_high(
    qtbot, journal, make_window
):
    window = make_window(journal)
    settings = _open_settings(window)
    # Room left for the title bar and a panel on an 800x600 screen.
    assert settings.minimumSizeHint().height() <= 540
    assert settings.minimumSizeHint().width() <= 800
    settings.close()


EXPORT_NOTE = "The exported file is not encrypted: keep it somewhere safe."


def _export_dialog(qtbot, journal: Journal, dialogs) -> QDialog:
    from leaderjournal.ui.dialogs.export_dialog import ExportDialog

    dialog = ExportDialog(journal, dialogs, lambda: DAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _shown_texts(dialog: QDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]


def test_the_export_of_an_encrypted_journal_says_the_file_is_not_encrypted(
    qtbot, encrypted_journal, dialogs
):
    journal, _recovery = encrypted_journal
    dialog = _export_dialog(qtbot, journal, dialogs)
    assert EXPORT_NOTE in _shown_texts(dialog)


def test_the_export_of_a_plain_journal_has_no_such_line(qtbot, journal, dialogs):
    dialog = _export_dialog(qtbot, journal, dialogs)
    assert not any("not encrypted" in text for text in _shown_texts(dialog))


def test_what_was_being_written_is_saved_before_the_journal_is_converted(
    qtbot, data_dir, journal, make_window
):
    window = make_window(journal, today=lambda: DAY)
    text = window.findChild(QWidget, "textEdit")
    text.setFocus()
    qtbot.keyClicks(text, "Asked Sam to lead the retro")
    settings = _open_settings(window)
    qtbot.mouseClick(
        _child(settings, QPushButton, "encryptJournal"), Qt.MouseButton.LeftButton
    )
    asking = _top_dialog("encryptDialog")
    _child(asking, QCheckBox, "makeRecoveryKey").setChecked(False)
    qtbot.keyClicks(_child(asking, QLineEdit, "newPassphrase"), PASSPHRASE)
    qtbot.keyClicks(_child(asking, QLineEdit, "repeatPassphrase"), PASSPHRASE)
    qtbot.mouseClick(
        _child(asking, QPushButton, "confirmEncrypt"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: _gone(asking))

    assert journal.encrypted
    assert [e.text for e in journal.entries.on_day(DAY)] == [
        "Asked Sam to lead the retro"
    ]
    settings.close()


def test_print_offers_the_system_print_window(qtbot):
    from leaderjournal.ui.dialogs.recovery_key_dialog import RecoveryKeyDialog

    dialog = RecoveryKeyDialog("K7QF-2M9X-ABCD-EFGH-JKLM-NPQR-STUV")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(
        _child(dialog, QPushButton, "printRecoveryKey"), Qt.MouseButton.LeftButton
    )
    printing = _child(dialog, QDialog, "printRecoveryDialog")
    assert printing.isVisible()
    printing.reject()
    assert dialog.isVisible()  # the key stays on screen until it is kept
