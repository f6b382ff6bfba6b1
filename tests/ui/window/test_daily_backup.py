"""The daily backup is made off the UI thread, on a connection of its own."""

from __future__ import annotations

import datetime as dt
import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.backup_copy import check_file

TODAY = dt.date.today()


def test_the_daily_backup_is_made_while_the_person_saves(qtbot, journal, make_window):
    journal.entries.save_many(
        Entry.new(TODAY - dt.timedelta(days=n), text="A day at work. " * 20)
        for n in range(3000)
    )
    window = make_window(journal)
    status = window.findChild(QLabel, "backupStatus")

    window.backups.backup_if_due()
    qtbot.keyClicks(window.findChild(QWidget, "textEdit"), "Written meanwhile")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.backups.daily is None, timeout=10_000)

    assert status.text().startswith("Last backup: today")
    (made,) = journal.backup_dir.glob("journal-*.db")
    assert check_file(made) is None
    with sqlite3.connect(f"{made.as_uri()}?mode=ro", uri=True) as copy:
        assert copy.execute("SELECT count(*) FROM entries").fetchone()[0] >= 3000
    assert any("Written meanwhile" in e.text for e in journal.entries.on_day(TODAY))


def test_a_failed_daily_backup_is_named_on_the_status_line(qtbot, journal, make_window):
    journal.backup_dir.mkdir(parents=True, exist_ok=True)
    journal.backup_dir.rmdir()
    journal.backup_dir.write_text("not a folder")  # no backup can go there
    window = make_window(journal)

    window.backups.backup_if_due()
    qtbot.waitUntil(lambda: window.backups.daily is None, timeout=10_000)

    text = window.findChild(QLabel, "backupStatus").text()
    assert text.startswith("Backup failed: ")
    assert "\n" not in text
    assert "Traceback" not in text
