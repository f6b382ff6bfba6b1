"""Restore and Back Up Now run off the UI thread: the window keeps answering,
a restore that fails or is cancelled leaves the journal as it was, and
problems reach the person in one message."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QProgressDialog, QPushButton

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.backup_copy import check_file
from tests.files import sha256

TODAY = dt.date.today()
ENTRIES = 3000


def kinds_and_titles(dialogs) -> list[tuple[str, str]]:
    return [(kind, title) for kind, title, _text in dialogs.shown]


def large_backup(journal):
    """A backup of a few thousand entries; the journal then moves on."""
    journal.entries.save_many(
        Entry.new(TODAY - dt.timedelta(days=n), title=f"Day {n}", text="Work. " * 40)
        for n in range(ENTRIES)
    )
    backup = journal.backup_now()
    journal.entries.add(Entry.new(TODAY, title="Written after the backup"))
    return backup.path


def staged_file(journal):
    return journal.path.with_name("journal.db.restoring")


def test_the_window_keeps_answering_while_a_restore_runs(
    qtbot, journal, make_window, dialogs
):
    backup = large_backup(journal)
    window = make_window(journal)
    dialogs.answer = "Restore"
    running: list[bool] = []  # at each tick of a timer on the UI thread

    def tick() -> None:
        progress = window.findChild(QProgressDialog, "restoreProgress")
        running.append(progress is not None and progress.isVisible())

    timer = QTimer(window, interval=1)
    timer.timeout.connect(tick)
    timer.start()

    window.backups.restore_from(backup)
    assert ("notice", "Journal restored") not in kinds_and_titles(dialogs)
    qtbot.waitUntil(
        lambda: ("notice", "Journal restored") in kinds_and_titles(dialogs),
        timeout=20_000,
    )
    timer.stop()

    assert running.count(True) >= 2  # the window answered while it worked
    # The progress goes away once the journal is replaced.
    qtbot.waitUntil(lambda: not window.findChild(QProgressDialog, "restoreProgress"))
    assert journal.entries.count() == ENTRIES
    assert not journal.entries.search("Written after the backup")
    (safety,) = journal.backup_dir.glob("journal-*-before-restore.db")
    assert check_file(safety) is None
    assert safety.name in dialogs.shown[-1][2]
    assert not staged_file(journal).exists()


def test_cancel_before_the_journal_is_replaced_leaves_it_as_it_was(
    qtbot, journal, make_window, dialogs
):
    backup = large_backup(journal)
    window = make_window(journal)
    before = sha256(journal.path)

    def restore_then_cancel(_choices) -> str:
        # The person presses Cancel on the progress shown once they answer.
        QTimer.singleShot(0, press_cancel)
        return "Restore"

    def press_cancel() -> None:
        progress = window.findChild(QProgressDialog, "restoreProgress")
        progress.findChild(QPushButton).click()

    dialogs.answer = restore_then_cancel
    window.backups.restore_from(backup)
    qtbot.waitUntil(lambda: window.backups.restoring is None, timeout=20_000)

    assert sha256(journal.path) == before
    assert journal.entries.count() == ENTRIES + 1
    assert not staged_file(journal).exists()
    assert ("notice", "Journal restored") not in kinds_and_titles(dialogs)
    assert not [kind for kind, _title in kinds_and_titles(dialogs) if kind == "error"]


def test_a_backup_that_fails_its_check_is_refused_in_one_message(
    qtbot, tmp_path, journal, make_window, dialogs
):
    journal.entries.add(Entry.new(TODAY, title="Mine"))
    window = make_window(journal)
    fake = tmp_path / "holiday.db"
    fake.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    before = sha256(journal.path)
    dialogs.answer = "Restore"  # were it asked, it would restore

    window.backups.restore_from(fake)
    qtbot.waitUntil(lambda: window.backups.restoring is None, timeout=10_000)

    ((kind, title, text),) = dialogs.shown
    assert (kind, title) == ("error", "This backup cannot be restored")
    assert "holiday.db" in text
    assert "\n" not in text
    assert "Traceback" not in text
    assert sha256(journal.path) == before
    assert [e.title for e in journal.entries.iter_all()] == ["Mine"]


def test_a_backup_removed_after_choosing_is_explained_and_changes_nothing(
    qtbot, journal, make_window, dialogs
):
    journal.entries.add(Entry.new(TODAY, title="In the backup"))
    backup = journal.backup_now().path
    journal.entries.add(Entry.new(TODAY, title="Mine"))
    window = make_window(journal)
    before = sha256(journal.path)

    def remove_then_restore(_choices) -> str:
        backup.unlink()  # gone between the question and the restore
        return "Restore"

    dialogs.answer = remove_then_restore
    window.backups.restore_from(backup)
    qtbot.waitUntil(lambda: window.backups.restoring is None, timeout=10_000)

    errors = [(t, text) for kind, t, text in dialogs.shown if kind == "error"]
    assert len(errors) == 1
    title, text = errors[0]
    assert title == "The journal was not restored"
    assert backup.name in text
    assert "\n" not in text
    assert "Traceback" not in text
    assert sha256(journal.path) == before
    assert sorted(e.title for e in journal.entries.iter_all()) == [
        "In the backup",
        "Mine",
    ]
    assert not staged_file(journal).exists()


def test_back_up_now_makes_a_checked_backup_off_the_ui_thread(
    qtbot, journal, make_window, dialogs
):
    journal.entries.add(Entry.new(TODAY, title="To keep"))
    window = make_window(journal)
    status = window.findChild(QLabel, "backupStatus")

    window.findChild(QAction, "action_backup").trigger()

    assert status.text() == "Backing up\u2026"  # still running
    assert ("notice", "Backup made") not in kinds_and_titles(dialogs)
    qtbot.waitUntil(
        lambda: ("notice", "Backup made") in kinds_and_titles(dialogs),
        timeout=10_000,
    )
    (made,) = journal.backup_dir.glob("journal-*-manual.db")
    assert check_file(made) is None
    assert str(made) in dialogs.shown[-1][2]
    assert status.text().startswith("Last backup: today")


def test_a_failed_back_up_now_is_one_message(qtbot, journal, make_window, dialogs):
    journal.backup_dir.parent.mkdir(parents=True, exist_ok=True)
    journal.backup_dir.write_text("not a folder")  # no backup can go there
    window = make_window(journal)

    window.findChild(QAction, "action_backup").trigger()
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=10_000)

    ((kind, title, text),) = dialogs.shown
    assert (kind, title) == ("error", "The backup failed")
    assert "\n" not in text
    assert "Traceback" not in text
    qtbot.waitUntil(lambda: window.backups.manual is None, timeout=10_000)
    assert not window.findChild(QLabel, "backupStatus").text().startswith("Backing")
