"""File > Restore from Backup: the backups in words, newest first; a file
that cannot be read is said to be so (and left as it was); Enter cancels."""

from __future__ import annotations

import datetime as dt
import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QListWidget, QPushButton, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.backups import make_backup
from tests.files import sha256

TODAY = dt.date.today()
DAILY_AT = dt.datetime(2026, 12, 1, 9, 14)
MANUAL_AT = dt.datetime(2026, 11, 3, 17, 5)


def add_entries(journal, count: int, title: str) -> None:
    journal.entries.save_many(
        Entry.new(TODAY - dt.timedelta(days=n), title=f"{title} {n}")
        for n in range(count)
    )


def backup_at(journal, at: dt.datetime, reason: str = ""):
    return make_backup(journal.connection.conn, journal.backup_dir, reason, at=at)


def size(path) -> str:
    return f"{round(path.stat().st_size / 1000)} KB"


def rows(picker) -> list[str]:
    backups = picker.findChild(QListWidget, "backupList")
    return [backups.item(row).text() for row in range(backups.count())]


def counted(picker) -> bool:
    return not any("counting" in row for row in rows(picker))


def test_backups_are_listed_newest_first_with_entries_size_and_kind(
    qtbot, journal, make_window
):
    add_entries(journal, 1, "First")
    one = backup_at(journal, dt.datetime(2026, 10, 5, 8, 0), "before-upgrade")
    add_entries(journal, 3, "Second")
    daily = backup_at(journal, DAILY_AT)
    add_entries(journal, 5, "Third")
    # Older by its name, though made last: the list goes by the time it names.
    manual = backup_at(journal, MANUAL_AT, "manual")
    window = make_window(journal)

    picker = window.backups.choose_restore()
    qtbot.waitUntil(lambda: counted(picker))

    assert picker.isVisible()
    assert rows(picker) == [
        f"Tue 1 Dec 2026, 09:14 \u00b7 4 entries \u00b7 {size(daily.path)} "
        "\u00b7 daily",
        f"Tue 3 Nov 2026, 17:05 \u00b7 9 entries \u00b7 {size(manual.path)} "
        "\u00b7 made by hand",
        f"Mon 5 Oct 2026, 08:00 \u00b7 1 entry \u00b7 {size(one.path)} "
        "\u00b7 before an upgrade",
    ]


def test_a_backup_that_cannot_be_read_says_so_and_is_left_unchanged(
    qtbot, journal, make_window
):
    add_entries(journal, 2, "Kept")
    good = backup_at(journal, DAILY_AT)
    garbage = journal.backup_dir / "journal-20261202T080000.db"
    garbage.write_bytes(b"not a journal at all " * 300)
    # Another program's database with an "entries" table: counting it
    # naively would say "1 entry".
    other = journal.backup_dir / "journal-20261203T080000-manual.db"
    conn = sqlite3.connect(other)
    with conn:
        conn.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO entries (body) VALUES ('buy milk')")
    conn.close()
    before = {path.name: sha256(path) for path in journal.backup_dir.iterdir()}
    window = make_window(journal)

    picker = window.backups.choose_restore()
    qtbot.waitUntil(lambda: counted(picker))

    listed = rows(picker)
    assert listed[0].startswith("Thu 3 Dec 2026, 08:00 \u00b7 cannot be read \u00b7 ")
    assert listed[1].startswith("Wed 2 Dec 2026, 08:00 \u00b7 cannot be read \u00b7 ")
    assert listed[2].startswith("Tue 1 Dec 2026, 09:14 \u00b7 2 entries \u00b7 ")
    backups = picker.findChild(QListWidget, "backupList")
    unreadable = backups.item(0)
    assert not unreadable.flags() & Qt.ItemFlag.ItemIsEnabled
    assert unreadable.toolTip().startswith("This backup is not a LeaderJournal")
    assert len(unreadable.toolTip()) <= 80
    assert str(other) not in unreadable.toolTip()
    # Read without a trace: the same files, byte for byte, and nothing beside.
    assert {p.name: sha256(p) for p in journal.backup_dir.iterdir()} == before
    assert good.path.name in before


def test_enter_in_the_list_cancels_and_restores_nothing(
    qtbot, journal, make_window, dialogs
):
    add_entries(journal, 2, "Kept")
    backup_at(journal, DAILY_AT)
    window = make_window(journal)
    dialogs.answer = "Restore"  # were it asked, it would restore
    before = sha256(journal.path)

    picker = window.backups.choose_restore()
    cancel = picker.findChild(QPushButton, "restoreCancel")
    assert cancel.isDefault()
    backups = picker.findChild(QListWidget, "backupList")
    assert backups.currentRow() == 0  # the newest is chosen, yet Enter cancels
    backups.setFocus()
    qtbot.keyClick(backups, Qt.Key.Key_Return)

    assert not picker.isVisible()
    assert dialogs.questions == []
    assert window.backups.restoring is None
    assert sha256(journal.path) == before


def test_enter_on_the_restore_button_does_not_restore_either(
    qtbot, journal, make_window, dialogs
):
    add_entries(journal, 2, "Kept")
    backup_at(journal, DAILY_AT)
    window = make_window(journal)
    dialogs.answer = "Restore"

    picker = window.backups.choose_restore()
    restore = picker.findChild(QPushButton, "restoreChosen")
    restore.setFocus()
    qtbot.keyClick(restore, Qt.Key.Key_Return)

    assert not picker.isVisible()
    assert dialogs.questions == []


def test_the_backup_chosen_is_restored_after_asking(
    qtbot, journal, make_window, dialogs
):
    add_entries(journal, 2, "Kept")
    backup_at(journal, MANUAL_AT, "manual")  # the older one, with 2 entries
    add_entries(journal, 6, "Later")
    backup_at(journal, DAILY_AT)
    window = make_window(journal)
    dialogs.answer = "Restore"

    picker = window.backups.choose_restore()
    picker.findChild(QListWidget, "backupList").setCurrentRow(1)
    qtbot.mouseClick(
        picker.findChild(QWidget, "restoreChosen"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(
        lambda: (
            ("notice", "Journal restored")
            in [(kind, title) for kind, title, _text in dialogs.shown]
        ),
        timeout=10_000,
    )

    assert journal.entries.count() == 2
    (question,) = dialogs.questions
    assert question["title"] == "Restore this backup?"
    assert question["default"] == "Cancel"  # Enter on the question keeps it too
    assert not [
        p for p in window.findChildren(QDialog, "restorePicker") if p.isVisible()
    ]


def test_with_no_backups_it_says_so_and_offers_a_file(qtbot, journal, make_window):
    window = make_window(journal)

    picker = window.backups.choose_restore()

    note = picker.findChild(QWidget, "noBackups")
    assert note.isVisible()
    assert "no backups" in note.text()
    assert not picker.findChild(QWidget, "restoreChosen").isEnabled()
    assert picker.findChild(QWidget, "restoreOtherFile").isEnabled()


def test_many_backups_are_listed_at_once_and_counted_after(qtbot, journal, make_window):
    add_entries(journal, 3, "Kept")
    for day in range(40):
        backup_at(journal, DAILY_AT - dt.timedelta(days=day))
    window = make_window(journal)

    picker = window.backups.choose_restore()

    assert len(rows(picker)) == 40  # every row is there before any count
    qtbot.waitUntil(lambda: counted(picker), timeout=20_000)
    assert all("3 entries" in row for row in rows(picker))


def test_an_encrypted_journals_backups_are_counted_and_restored(
    qtbot, journal, make_window, dialogs
):
    from leaderjournal.storage.keyfile import KdfParams

    add_entries(journal, 2, "Secret")
    journal.encrypt("blue giraffe", recovery=False, kdf=KdfParams(64, 1, 1))
    made = journal.backup_now()  # encrypted with the journal's key
    add_entries(journal, 3, "Later")
    window = make_window(journal)
    dialogs.answer = "Restore"

    picker = window.backups.choose_restore()
    qtbot.waitUntil(lambda: counted(picker))
    assert rows(picker)[0].startswith(f"{made.made:%a} {made.made.day} ")
    assert " \u00b7 2 entries \u00b7 " in rows(picker)[0]

    qtbot.mouseClick(
        picker.findChild(QWidget, "restoreChosen"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(
        lambda: (
            ("notice", "Journal restored")
            in [(kind, title) for kind, title, _text in dialogs.shown]
        ),
        timeout=10_000,
    )
    assert journal.entries.count() == 2
    assert journal.encrypted
