"""Saving many entries at once (imports): the same result as saving each."""

import dataclasses
import datetime as dt
import sqlite3

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.filters import HistoryFilter

WRITTEN = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def make(number: int, **fields) -> Entry:
    day = dt.date(2020, 1, 1) + dt.timedelta(days=number % 500)
    fields.setdefault("text", f"entry {number} about delegation")
    return Entry.new(day, at=WRITTEN + dt.timedelta(minutes=number), **fields)


def test_later_entries_with_the_same_id_win(journal):
    first = make(1, text="first words", tags=("old",))
    second = dataclasses.replace(first, text="second words", tags=("new",))
    journal.entries.save_many([first, second])
    assert journal.entries.count() == 1
    assert journal.entries.get(first.id) == second
    assert journal.entries.tags() == ["new"]
    assert journal.history.count(HistoryFilter(text="second")) == 1
    assert journal.history.count(HistoryFilter(text="first")) == 0


def test_stored_entries_are_replaced_and_their_old_words_forgotten(journal):
    stored = make(1, text="budget talk")
    journal.entries.save(stored)
    changed = dataclasses.replace(stored, text="hiring talk")
    journal.entries.save_many([changed, make(2)])
    assert journal.entries.count() == 2
    assert journal.entries.get(stored.id) == changed
    assert journal.history.count(HistoryFilter(text="budget")) == 0
    assert journal.history.count(HistoryFilter(text="hiring")) == 1


def test_entries_keep_the_order_they_were_given_in(journal):
    # Entries written at the same moment are listed in the order saved.
    same = [make(0, text=f"twin {n}") for n in range(5)]
    journal.entries.save_many(same)
    assert [e.text for e in journal.entries.on_day(same[0].date)] == [
        f"twin {n}" for n in range(5)
    ]


def test_a_bulk_save_is_searchable_and_leaves_the_index_settings_as_they_were(
    journal,
):
    entries = [make(n, tags=("bulk",)) for n in range(1500)]
    entries[700] = dataclasses.replace(entries[700], text="one kintsugi moment")
    journal.entries.save_many(entries)
    assert journal.entries.count() == 1500
    assert journal.history.count(HistoryFilter(text="delegation")) == 1499
    [found] = journal.history.page(HistoryFilter(text="kintsugi"), 0, 10)
    assert found.id == entries[700].id
    assert journal.history.count(HistoryFilter(tag="bulk")) == 1500
    settings = dict(journal.connection.execute("SELECT k, v FROM entries_fts_config"))
    assert settings.get("hashsize", 1024 * 1024) == 1024 * 1024
    # FTS5's own check raises if the index does not match the entries.
    journal.connection.execute(
        "INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)"
    )


def test_nothing_to_save_writes_nothing(journal):
    journal.entries.save_many([])
    assert journal.entries.count() == 0


def test_a_failed_bulk_save_writes_nothing(journal):
    journal.entries.save(make(0))
    bad = [make(n) for n in range(1, 1200)]
    journal.connection.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON entries "
        "WHEN new.text = 'entry 900 about delegation' "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="refused"):
        journal.entries.save_many(bad)
    assert journal.entries.count() == 1
    assert journal.history.count(HistoryFilter(text="delegation")) == 1
    journal.entries.save_many([make(2000)])  # and the next save works
    assert journal.entries.count() == 2
