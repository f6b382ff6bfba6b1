"""A restore in two parts: the slow one (check, stage, safety backup) on
another thread, the quick one (one rename) where the journal is open."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.exchange.files import Cancelled
from leaderjournal.storage.backup_copy import BackupError, check_file
from leaderjournal.storage.journal import Journal
from tests.files import sha256

WRITTEN = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def entry(text: str) -> Entry:
    return Entry.new(dt.date(2026, 3, 2), at=WRITTEN, text=text)


@pytest.fixture
def saved_backup(journal, tmp_path) -> Path:
    journal.entries.add(entry("from the backup"))
    path = journal.backup_now(tmp_path / "saved.db").path
    journal.entries.add(entry("written after the backup"))
    return path


def texts(journal: Journal) -> list[str]:
    return sorted(e.text for e in journal.entries.iter_all())


def on_another_thread(work):
    """Run ``work()`` on a thread of its own; its result, or what it raised."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["result"] = work()
        except BaseException as exc:  # handed back to the test
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def test_the_slow_part_runs_on_another_thread_and_changes_nothing(
    journal_kind, journal, saved_backup
):
    key = journal_kind.key(journal.data_dir)
    before = sha256(journal.path)

    staged = on_another_thread(lambda: journal.stage_restore(saved_backup))

    assert sha256(journal.path) == before
    assert texts(journal) == ["from the backup", "written after the backup"]
    assert check_file(staged.path, key) is None
    assert staged.safety.path.name.endswith("-before-restore.db")
    assert check_file(staged.safety.path, key) is None
    safety = journal.finish_restore(staged)
    assert texts(journal) == ["from the backup"]
    assert safety == staged.safety
    assert not staged.path.exists()


def test_a_discarded_restore_leaves_the_journal_and_no_staged_file(
    journal, saved_backup
):
    before = sha256(journal.path)
    staged = on_another_thread(lambda: journal.stage_restore(saved_backup))

    journal.discard_restore(staged)

    assert not staged.path.exists()
    assert sha256(journal.path) == before
    assert texts(journal) == ["from the backup", "written after the backup"]


def test_a_cancel_seen_by_the_slow_part_removes_the_staged_file(journal, saved_backup):
    before = sha256(journal.path)

    def cancelled() -> None:
        raise Cancelled("Cancelled; nothing was changed.")

    with pytest.raises(Cancelled):
        on_another_thread(lambda: journal.stage_restore(saved_backup, cancelled))

    assert not journal.path.with_name("journal.db.restoring").exists()
    assert sha256(journal.path) == before


def test_a_backup_that_fails_its_check_is_refused_before_anything_is_written(
    journal, tmp_path
):
    fake = tmp_path / "holiday.db"
    fake.write_text("not a database")
    journal.entries.add(entry("mine"))
    before = sha256(journal.path)

    with pytest.raises(BackupError, match=r"holiday\.db"):
        on_another_thread(lambda: journal.stage_restore(fake))

    assert sha256(journal.path) == before
    assert not journal.backup_dir.exists() or not list(journal.backup_dir.iterdir())
    assert not journal.path.with_name("journal.db.restoring").exists()


def test_back_up_now_works_from_another_thread(journal_kind, journal):
    journal.entries.add(entry("backed up"))

    made = on_another_thread(journal.backup_now)

    assert check_file(made.path, journal_kind.key(journal.data_dir)) is None
    assert made.path.name.endswith("-manual.db")
