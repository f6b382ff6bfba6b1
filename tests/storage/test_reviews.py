"""Weekly reviews and targets in a real journal file."""

from __future__ import annotations

import sqlite3

import pytest

from leaderjournal.domain.dimensions import OVERALL
from leaderjournal.domain.review import WeekNotes


def test_a_week_without_a_review_reads_as_empty(journal_kind, data_dir):
    with journal_kind.new(data_dir) as journal:
        notes = journal.reviews.notes("2026-W48")
    assert notes == WeekNotes("2026-W48")
    assert notes.is_blank()


def test_a_review_is_saved_and_read_back_after_reopening(journal_kind, data_dir):
    with journal_kind.new(data_dir) as journal:
        saved = journal.reviews.save_notes(
            WeekNotes(
                "2026-W53", "Crossed the year 🎉", "Ask two questions first", True
            )
        )
    assert saved.updated_at is not None
    with journal_kind.open(data_dir) as journal:
        again = journal.reviews.notes("2026-W53")
    assert (again.reflection, again.intention, again.kept) == (
        "Crossed the year 🎉",
        "Ask two questions first",
        True,
    )
    assert again.updated_at == saved.updated_at


def test_saving_again_replaces_and_can_clear_kept(journal_kind, data_dir):
    with journal_kind.new(data_dir) as journal:
        journal.reviews.save_notes(WeekNotes("2026-W10", "first", "", False))
        journal.reviews.save_notes(WeekNotes("2026-W10", "second", "x", None))
        notes = journal.reviews.notes("2026-W10")
        rows = journal.connection.execute("SELECT count(*) FROM weekly_reviews")
        assert rows.fetchone()[0] == 1
    assert (notes.reflection, notes.intention, notes.kept) == ("second", "x", None)


def test_a_malformed_week_is_refused_by_the_database(journal_kind, data_dir):
    with journal_kind.new(data_dir) as journal, pytest.raises(sqlite3.IntegrityError):
        journal.reviews.save_notes(WeekNotes("week 48"))


def test_targets_are_set_changed_and_cleared(journal_kind, data_dir):
    with journal_kind.new(data_dir) as journal:
        assert journal.reviews.targets() == {}
        journal.reviews.set_targets({OVERALL: 20, "mentor": -10})
        journal.reviews.set_targets({"mentor": 40, "influence": None})
    with journal_kind.open(data_dir) as journal:
        assert journal.reviews.targets() == {OVERALL: 20.0, "mentor": 40.0}
        journal.reviews.set_targets({OVERALL: None})
        assert journal.reviews.targets() == {"mentor": 40.0}


def test_unknown_or_out_of_range_targets_are_refused(journal_kind, data_dir):
    with journal_kind.new(data_dir) as journal:
        with pytest.raises(ValueError, match="Unknown target"):
            journal.reviews.set_targets({"charisma": 10})
        with pytest.raises(sqlite3.IntegrityError):
            journal.reviews.set_targets({OVERALL: 150})
        assert journal.reviews.targets() == {}
