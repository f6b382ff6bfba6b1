"""Failures a person can meet, seen in the running window: nothing typed is lost."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.app import Startup
from leaderjournal.ui.common.autosave import AutosaveDelays

TODAY = dt.date.today()
QUICK_RETRY = AutosaveDelays(retry_ms=50)  # retry quickly in the test


def banner_text(window) -> str:
    return window.findChild(QLabel, "saveProblemText").text()


def type_and_save(qtbot, window, text: str) -> None:
    qtbot.keyClicks(window.findChild(QWidget, "textEdit"), text)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_a_read_only_journal_keeps_the_text_and_saves_when_writable_again(
    qtbot, journal, make_window
):
    window = make_window(journal, autosave=QUICK_RETRY)
    journal.connection.execute("PRAGMA query_only = ON")  # SQLite refuses writes

    type_and_save(qtbot, window, "Written while the disk was read-only")

    assert "read-only" in banner_text(window)
    assert window.findChild(QLabel, "saveStatus").text() == "Not saved"
    assert journal.entries.count() == 0
    journal.connection.execute("PRAGMA query_only = OFF")
    qtbot.waitUntil(lambda: journal.entries.count() == 1, timeout=3000)
    assert (
        journal.entries.on_day(TODAY)[0].text == "Written while the disk was read-only"
    )
    assert not window.findChild(QWidget, "saveProblem").isVisible()


def test_a_full_disk_keeps_the_text_and_harms_nothing_saved(
    qtbot, journal, make_window
):
    kept = Entry.new(TODAY - dt.timedelta(days=1), text="saved before the disk filled")
    journal.entries.add(kept)
    window = make_window(journal, autosave=QUICK_RETRY)
    pages = journal.connection.execute("PRAGMA page_count").fetchone()[0]
    journal.connection.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow

    window.day_view.form.text_edit.setPlainText("A long thought. " * 2000)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert "disk is full" in banner_text(window)
    assert window.day_view.form.text_edit.toPlainText().startswith("A long thought.")
    assert journal.entries.get(kept.id) == kept
    journal.connection.execute("PRAGMA max_page_count = 1073741823")
    qtbot.waitUntil(lambda: len(journal.entries.on_day(TODAY)) == 1, timeout=3000)
    assert journal.entries.on_day(TODAY)[0].text == "A long thought. " * 2000


def test_a_megabyte_entry_with_emoji_and_rtl_is_saved_and_shown(
    qtbot, data_dir, journal, make_window
):
    paragraph = "Leading 🙂 قيادة מנהיגות 領導 " * 8 + "\n"
    text = (paragraph * 5000)[:1_000_000]
    window = make_window(journal)
    window.day_view.form.text_edit.setPlainText(text)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    window.close()
    journal.close()

    with Journal(data_dir) as reopened:
        again = make_window(reopened)
        assert again.day_view.form.text_edit.toPlainText() == text
        again.close()


def test_back_up_now_and_the_status_line(qtbot, journal, make_window, dialogs):
    window = make_window(journal)
    status = window.findChild(QLabel, "backupStatus")
    assert status.text() == "No backup yet"

    window.backups.backup_if_due()  # what the app does after the window first paints
    qtbot.waitUntil(lambda: window.backups.daily is None)  # made off the UI thread
    assert status.text().startswith("Last backup: today")
    window.findChild(QAction, "action_backup").trigger()
    qtbot.waitUntil(lambda: window.backups.manual is None)  # off the UI thread

    kind, title, text = dialogs.shown[-1]
    assert (kind, title) == ("notice", "Backup made")
    assert "-manual.db" in text
    assert len(list(journal.backup_dir.glob("journal-*.db"))) == 2


def test_restore_from_the_menu_replaces_entries_and_keeps_the_old_ones(
    qtbot, journal, make_window, dialogs
):
    journal.entries.add(Entry.new(TODAY, title="In the backup"))
    backup = journal.backup_now()
    journal.entries.add(Entry.new(TODAY, title="Written after the backup"))
    window = make_window(journal)
    dialogs.answer = "Restore"

    window.backups.restore_from(backup.path)
    qtbot.waitUntil(lambda: window.backups.restoring is None)  # off the UI thread

    assert [e.title for e in journal.entries.on_day(TODAY)] == ["In the backup"]
    assert window.day_view.form.title_edit.text() == "In the backup"
    safety = [b for b in journal.backup_dir.iterdir() if "before-restore" in b.name]
    assert len(safety) == 1
    assert dialogs.shown[-1][:2] == ("notice", "Journal restored")
    assert safety[0].name in dialogs.shown[-1][2]


def test_restoring_something_that_is_not_a_backup_is_refused(
    qtbot, tmp_path, journal, make_window, dialogs
):
    journal.entries.add(Entry.new(TODAY, title="Mine"))
    window = make_window(journal)
    fake = tmp_path / "holiday.db"
    fake.write_text("not a database")

    window.backups.restore_from(fake)
    qtbot.waitUntil(lambda: window.backups.restoring is None)  # checked in a Worker

    assert dialogs.shown[-1][:2] == ("error", "This backup cannot be restored")
    assert [e.title for e in journal.entries.iter_all()] == ["Mine"]


@pytest.fixture
def startups(qtbot):
    made = []
    yield made
    for startup in made:
        if startup.window is not None:
            startup.window.close()
        startup.close()


def start(data_dir, dialogs, startups, qtbot) -> Startup:
    startup = Startup(data_dir, dialogs)
    startups.append(startup)
    startup.start()
    if startup.window is not None:
        qtbot.addWidget(startup.window)
        qtbot.waitExposed(startup.window)
    return startup


def test_a_damaged_journal_is_explained_and_restored_from_the_newest_backup(
    qtbot, data_dir, dialogs, startups
):
    with Journal(data_dir) as journal:
        journal.entries.add(Entry.new(TODAY, title="Safe in the backup"))
        journal.backup_now()
    path = data_dir / "journal.db"
    damaged = b"this is not a journal any more" * 100
    path.write_bytes(damaged)
    dialogs.answer = lambda choices: choices[0]  # "Restore the Backup of ..."

    startup = start(data_dir, dialogs, startups, qtbot)

    asked = dialogs.shown[0]
    assert asked[:2] == ("ask", "Your journal is damaged")
    assert "not a SQLite database" in asked[2]
    assert startup.window is not None
    assert startup.window.day_view.form.title_edit.text() == "Safe in the backup"
    (aside,) = data_dir.glob("journal.damaged-*.db")
    assert (
        hashlib.sha256(aside.read_bytes()).digest() == hashlib.sha256(damaged).digest()
    )
    assert dialogs.shown[-1][1] == "Journal restored"


def test_a_damaged_journal_without_backups_is_left_alone(
    qtbot, data_dir, dialogs, startups
):
    data_dir.mkdir()
    path = data_dir / "journal.db"
    path.write_bytes(b"\x00" * 4096)
    dialogs.answer = "OK"

    startup = start(data_dir, dialogs, startups, qtbot)

    assert startup.window is None
    assert startup.exit_code == 1
    kind, _title, text = dialogs.shown[-1]
    assert kind == "error"
    assert "no backup" in text
    assert path.read_bytes() == b"\x00" * 4096


def test_a_second_start_brings_the_first_window_to_the_front(
    qtbot, data_dir, dialogs, startups
):
    first = start(data_dir, dialogs, startups, qtbot)
    assert first.window is not None
    qtbot.waitUntil(lambda: first._server is not None)  # made after the first paint

    with qtbot.waitSignal(first.window.brought_to_front, timeout=3000):
        second = start(data_dir, dialogs, startups, qtbot)

    assert second.window is None
    assert second.exit_code == 0
