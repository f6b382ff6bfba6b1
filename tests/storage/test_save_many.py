"""Saving many entries at once (imports): the same result as saving each."""

import dataclasses
import datetime as dt
import sqlite3

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.filters import HistoryFilter
from leaderjournal.storage.database import writing

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


def segments(journal) -> int:
    """How many segments the search index is in (FTS5 numbers a segment's
    pages from its id shifted left by 37 bits; ids below are its settings)."""
    return journal.connection.execute(
        "SELECT count(DISTINCT id >> 37) FROM entries_fts_data WHERE id >= 1 << 37"
    ).fetchone()[0]


WORDS = ("kintsugi", "budget", "hiring", "delegation", "one to one", "café", "Ünal")


def varied(number: int) -> Entry:
    words = " ".join(WORDS[(number * k) % len(WORDS)] for k in (1, 3, 5))
    tags = (f"Team{number % 7}", "café") if number % 3 else ()
    return make(
        number, text=f"{words} note {number}", title=f"t{number % 11}", tags=tags
    )


def found(journal, text: str) -> list[str]:
    wanted = HistoryFilter(text=text)
    return [e.id for e in journal.history.page(wanted, 0, 5000)]


def test_a_large_import_leaves_the_search_index_in_one_segment(journal):
    for number in range(40):  # autosaves write a small segment each
        journal.entries.save(make(10_000 + number))
    assert segments(journal) > 1
    batch = [varied(n) for n in range(1500)]
    journal.entries.save_many(batch)
    assert segments(journal) == 1
    assert journal.history.count(HistoryFilter(text="note")) == 1500
    with_word = sum("delegation" in entry.text for entry in batch)
    assert journal.history.count(HistoryFilter(text="delegation")) == with_word + 40


def test_a_large_import_finds_what_saving_one_by_one_finds(
    journal, journal_kind, tmp_path, monkeypatch
):
    # A bulk load from 100 entries on, 40 at a time: smaller than an
    # import's, so that saving one by one stays quick.
    monkeypatch.setattr("leaderjournal.storage.bulk_load.BULK_ENTRIES", 100)
    monkeypatch.setattr("leaderjournal.storage.bulk_load._LOAD_CHUNK", 40)
    stored = [varied(n) for n in range(0, 600, 10)]
    batch = [varied(n) for n in range(1, 300)]
    # Stored entries changed, and ids repeated across the chunks written.
    batch += [dataclasses.replace(e, text=e.text + " hiring") for e in stored[::2]]
    batch.insert(90, dataclasses.replace(batch[10], text="first kintsugi"))
    batch.insert(200, dataclasses.replace(batch[10], text="later budget"))
    with journal_kind.new(tmp_path / "one-by-one") as one_by_one:
        for journal_now in (journal, one_by_one):
            for entry in stored:
                journal_now.entries.save(entry)
        journal.entries.save_many(batch)
        with writing(one_by_one.entries.database):  # one commit: faster
            for entry in batch:
                one_by_one.entries.save(entry)
        for text in (*WORDS, "note", "first", "later", "hiring", "t3", "team3"):
            assert found(journal, text) == found(one_by_one, text), text
        assert journal.entries.tags() == one_by_one.entries.tags()
        assert list(journal.entries.iter_all()) == list(one_by_one.entries.iter_all())
    journal.connection.execute(
        "INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)"
    )
