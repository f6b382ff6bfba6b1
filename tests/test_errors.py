"""Every problem LeaderJournal reports to a person is one LeaderJournalError.

The command line and the window catch that one type and show its message, so
each problem below, met the way a person would meet it, must belong to it
and say what happened in one line.
"""

import datetime as dt
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.errors import LeaderJournalError
from leaderjournal.exchange.csv_import import read_file
from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.targets import check_write_target

DAY = dt.date(2026, 3, 2)


def one_line(error: BaseException) -> str:
    message = str(error)
    assert message
    assert "\n" not in message
    assert "Traceback" not in message
    return message


def test_a_second_journal_in_the_same_folder_is_in_the_family(tmp_path: Path) -> None:
    with Journal(tmp_path), pytest.raises(LeaderJournalError) as caught:
        Journal(tmp_path)
    assert "open in another LeaderJournal" in one_line(caught.value)


def test_a_data_folder_that_is_a_file_is_in_the_family(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.write_text("not a folder")
    with pytest.raises(LeaderJournalError) as caught:
        Journal(data)
    assert "is a file, not a folder" in one_line(caught.value)


def test_a_journal_that_is_not_a_database_is_in_the_family(tmp_path: Path) -> None:
    (tmp_path / "journal.db").write_text("Dear diary,\n" * 100)
    with pytest.raises(LeaderJournalError) as caught:
        Journal(tmp_path)
    assert "not a LeaderJournal journal" in one_line(caught.value)


def test_restoring_a_text_file_is_in_the_family(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list")
    with Journal(tmp_path / "data") as journal, pytest.raises(LeaderJournalError) as c:
        journal.restore(notes)
    assert "notes.txt" in one_line(c.value)


def test_a_target_inside_the_journal_is_in_the_family(tmp_path: Path) -> None:
    with Journal(tmp_path) as journal, pytest.raises(LeaderJournalError) as caught:
        check_write_target(journal.path, tmp_path)
    assert "the journal itself" in one_line(caught.value)


def test_an_export_onto_a_folder_is_in_the_family(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with (
        Journal(tmp_path / "data") as journal,
        pytest.raises(LeaderJournalError) as caught,
    ):
        export_to_file(journal.entries, folder, ExportOptions(kind="entries"))
    assert "folder" in one_line(caught.value)


def test_an_import_of_a_missing_file_is_in_the_family(tmp_path: Path) -> None:
    with pytest.raises(LeaderJournalError) as caught:
        read_file(tmp_path / "gone.csv")
    assert "gone.csv" in one_line(caught.value)


def test_a_rating_outside_the_scale_is_in_the_family_and_a_value_error() -> None:
    with pytest.raises(LeaderJournalError) as caught:
        Entry.new(DAY, ratings={"influence": 3})
    assert isinstance(caught.value, ValueError)
    assert "influence" in one_line(caught.value).lower()
