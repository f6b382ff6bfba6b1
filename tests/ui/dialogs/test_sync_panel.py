"""Settings → Sync on a real window and a real sync folder: turning sync on
with a chosen folder, a folder that holds the journal refused in words,
the computer's name kept with OK, Turn Off's question, and Security refusing
to encrypt while the journal syncs."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from leaderjournal.storage.encryption import key_path
from leaderjournal.storage.journal import Journal
from leaderjournal.sync import engine
from leaderjournal.sync.folder import APP_FOLDER, KEY_FILE
from leaderjournal.ui.dialogs.messages import Dialogs
from leaderjournal.ui.dialogs.sync_panel import KEEP, SyncPanel, synced_words
from tests.kinds import TEST_PASSPHRASE, encrypt_for_tests, open_journal
from tests.ui.dialogs.test_security import FAST
from tests.ui.window import test_sync_window as windows

QUIET = windows.QUIET
folder = windows.folder  # the same real sync folder fixture


def open_sync_settings(qtbot, window):
    dialog = window.settings_actions.show_settings()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)  # S&ync
    assert dialog.tabs.currentWidget() is dialog.sync_tab
    return dialog


def test_choosing_a_folder_turns_sync_on_and_shows_when_it_synced(
    qtbot, journal, folder, make_window, dialogs
):
    window = make_window(journal, sync_delays=QUIET)
    dialog = open_sync_settings(qtbot, window)
    panel = dialog.sync_panel
    assert not panel.folder.isVisible()
    assert "Syncthing, Nextcloud, Dropbox" in panel.about.text()
    dialogs.folder_path = folder

    with qtbot.waitSignal(window.sync.ran, timeout=20_000):
        qtbot.mouseClick(panel.choose_button, Qt.MouseButton.LeftButton)

    assert engine.folder_of(journal.connection) == folder
    assert panel.folder.isVisible()
    assert panel.folder.text() == str(folder)
    assert panel.status.text() == "Synced just now \u00b7 0 other computers"
    assert (folder / APP_FOLDER).is_dir()  # this computer's changes are there
    assert window.sync.controller is not None


def test_a_folder_holding_the_journal_is_refused_and_nothing_turned_on(
    qtbot, journal, make_window, dialogs
):
    window = make_window(journal, sync_delays=QUIET)
    dialog = open_sync_settings(qtbot, window)
    panel = dialog.sync_panel
    dialogs.folder_path = journal.data_dir.parent  # holds the data folder

    qtbot.mouseClick(panel.choose_button, Qt.MouseButton.LeftButton)

    assert "inside the sync folder" in panel.message.text()
    assert engine.device_of(journal.connection) is None
    assert window.sync.controller is None
    assert not (journal.data_dir.parent / APP_FOLDER).exists()
    assert not panel.folder.isVisible()


def test_a_plain_journal_is_not_synced_with_an_encrypted_one(  # noqa: PLR0917
    qtbot, journal, folder, tmp_path, make_window, dialogs
):
    other = tmp_path / "other"  # the other computer's journal, encrypted
    Journal(other).close()
    encrypt_for_tests(other)
    with open_journal(other) as encrypted:
        engine.start(encrypted, folder)
    window = make_window(journal, sync_delays=QUIET)
    dialog = open_sync_settings(qtbot, window)
    dialogs.folder_path = folder

    qtbot.mouseClick(dialog.sync_panel.choose_button, Qt.MouseButton.LeftButton)

    assert "is encrypted and this one is not" in dialog.sync_panel.message.text()
    assert engine.device_of(journal.connection) is None
    assert window.sync.controller is None


def test_the_computer_name_is_kept_with_ok_and_a_bad_one_refused(
    qtbot, journal, folder, make_window
):
    engine.start(journal, folder)
    window = make_window(journal, sync_delays=QUIET)
    dialog = open_sync_settings(qtbot, window)
    name = dialog.sync_panel.name
    name.selectAll()
    qtbot.keyClicks(name, "   ")

    dialog._accept()  # OK

    assert dialog.isVisible()  # refused, said why, still open
    assert dialog.sync_panel.message.text()
    name.selectAll()
    qtbot.keyClicks(name, "Office laptop")
    dialog._accept()
    assert not dialog.isVisible()
    assert engine.for_journal(journal).name() == "Office laptop"


def test_turn_off_asks_and_escape_keeps_syncing(
    qtbot, journal, folder, make_window, dialogs
):
    engine.start(journal, folder)
    window = make_window(journal, sync_delays=QUIET)
    dialog = open_sync_settings(qtbot, window)
    dialogs.answer = dialogs.ESCAPE

    qtbot.mouseClick(dialog.sync_panel.off_button, Qt.MouseButton.LeftButton)

    assert dialogs.questions[-1]["escape"] == KEEP
    assert engine.folder_of(journal.connection) == folder
    assert window.sync.controller is not None
    dialogs.answer = "Turn Off"
    qtbot.mouseClick(dialog.sync_panel.off_button, Qt.MouseButton.LeftButton)
    assert engine.device_of(journal.connection) is None
    assert window.sync.controller is None
    assert dialog.sync_panel.choose_button.isVisible()


def test_escape_on_the_real_turn_off_question_keeps_syncing(qtbot, journal, folder):
    engine.start(journal, folder)
    panel = SyncPanel(journal, Dialogs())
    qtbot.addWidget(panel)
    panel.show()

    panel.ask_turn_off()
    box = None

    def asked() -> bool:
        nonlocal box
        boxes = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)
        ]
        box = next((b for b in boxes if b.isVisible()), None)
        return box is not None

    qtbot.waitUntil(asked)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not box.isVisible())

    assert engine.folder_of(journal.connection) == folder


def test_security_refuses_to_encrypt_while_the_journal_syncs(
    qtbot, journal, folder, make_window
):
    engine.start(journal, folder)
    window = make_window(journal, sync_delays=QUIET)
    dialog = window.settings_actions.show_settings()
    security = dialog.security

    assert not security.encrypt_button.isEnabled()
    assert "Turn sync off first" in security.status.text()
    security.ask_encrypt()
    assert security.dialog is None  # nothing opened
    assert not journal.encrypted


def test_a_new_passphrase_goes_to_the_sync_folder_s_key_file(
    qtbot, encrypted_journal, folder, make_window
):
    engine.start(encrypted_journal, folder)
    published = folder / APP_FOLDER / KEY_FILE
    before = published.read_bytes()
    window = make_window(encrypted_journal, sync_delays=QUIET)
    window.settings_actions.kdf = FAST
    dialog = window.settings_actions.show_settings()
    security = dialog.security
    assert security.change_button.isEnabled()  # allowed while syncing

    security.ask_change()
    change = security.dialog
    qtbot.keyClicks(change.current, TEST_PASSPHRASE)
    qtbot.keyClicks(change.passphrase, "a brand new passphrase")
    qtbot.keyClicks(change.repeat, "a brand new passphrase")
    with qtbot.waitSignal(security.passphrase_changed, timeout=20_000):
        change.change()

    assert published.read_bytes() != before
    assert published.read_bytes() == key_path(encrypted_journal.data_dir).read_bytes()


@pytest.mark.parametrize(
    ("minutes", "computers", "said"),
    [
        (None, 0, "Not synced yet"),
        (0, 1, "Synced just now \u00b7 1 other computer"),
        (2, 3, "Synced 2 min ago \u00b7 3 other computers"),
        (180, 2, "Synced 3 hours ago \u00b7 2 other computers"),
    ],
)
def test_the_status_in_words(minutes, computers, said):
    now = dt.datetime(2026, 11, 30, 18, 0).astimezone()
    last = None if minutes is None else now - dt.timedelta(minutes=minutes)
    assert synced_words(last, computers, now) == said
    assert re.fullmatch(r"[^\n]+", said)
