"""What storage hands the views are numbers and named fields, not CSV text
or bare tuples: a view never parses a value back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.filters import HistoryFilter
from leaderjournal.domain.review import WeekNotes
from leaderjournal.storage.journal import Journal

AT = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 3, 2)


def save(journal: Journal, title: str, ratings: dict[str, int], tags=()) -> None:
    journal.entries.save(
        Entry.new(DAY, at=AT, title=title, ratings=ratings, tags=tuple(tags))
    )


def test_a_history_row_carries_its_lean_as_a_number(tmp_path: Path) -> None:
    with Journal(tmp_path) as journal:
        save(journal, "Leaning", {"influence": 2, "mentor": 1, "growth": -2})  # 50/3
        save(journal, "Managing", {"influence": -1})
        save(journal, "Unrated", {})
        rows = journal.history.page(HistoryFilter(), 0, 10)
    leans = {row.title: row.lean for row in rows}
    assert leans == {"Leaning": 16.7, "Managing": -50.0, "Unrated": None}
    assert all(type(lean) is float for lean in leans.values() if lean is not None)


def test_tag_totals_are_named_and_give_the_lean_by_the_pooling_rule(
    tmp_path: Path,
) -> None:
    with Journal(tmp_path) as journal:
        save(journal, "A", {"influence": 2, "mentor": 1}, ["team"])
        save(journal, "B", {"growth": -2}, ["Team", "hiring"])
        save(journal, "C", {}, ["hiring"])
        totals = journal.entries.tag_totals()
    hiring, team = totals  # as many entries each: by name
    assert (team.tag, team.entries, team.rating_sum, team.rating_count) == (
        "team",
        2,
        1,
        3,
    )
    assert team.lean == 16.7  # 50 x (2 + 1 - 2) / 3, pooled over both entries
    assert (hiring.tag, hiring.entries, hiring.lean) == ("hiring", 2, -100.0)


def test_a_tag_with_no_rating_has_no_lean(tmp_path: Path) -> None:
    with Journal(tmp_path) as journal:
        save(journal, "C", {}, ["quiet"])
        [quiet] = journal.entries.tag_totals()
    assert (quiet.tag, quiet.entries, quiet.rating_count, quiet.lean) == (
        "quiet",
        1,
        0,
        None,
    )


def test_week_notes_come_back_as_the_domain_type(tmp_path: Path) -> None:
    with Journal(tmp_path) as journal:
        journal.reviews.save_notes(WeekNotes("2026-W10", "A calm week.", "Ask more."))
        notes = journal.reviews.notes("2026-W10")
        empty = journal.reviews.notes("2026-W11")
    assert type(notes) is WeekNotes
    assert (notes.reflection, notes.intention, notes.kept) == (
        "A calm week.",
        "Ask more.",
        None,
    )
    assert empty == WeekNotes("2026-W11")
    assert empty.is_blank()
