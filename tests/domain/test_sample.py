"""The sample journal: a few realistic months, the same every time."""

from __future__ import annotations

import datetime as dt

from leaderjournal.domain.sample import sample_entries, sample_reviews
from leaderjournal.domain.scoring import iso_week_id, pooled_lean

TODAY = dt.date(2026, 11, 29)


def test_it_is_deterministic_apart_from_the_new_ids():
    first = sample_entries(TODAY)
    second = sample_entries(TODAY)
    assert [(e.date, e.title, e.ratings) for e in first] == [
        (e.date, e.title, e.ratings) for e in second
    ]


def test_a_few_months_up_to_today_with_gaps():
    entries = sample_entries(TODAY)
    days = {e.date for e in entries}
    assert min(days) >= TODAY - dt.timedelta(days=120)
    assert max(days) == TODAY
    assert 50 < len(days) < 110  # quiet weekends and some days off
    assert len(entries) > len(days)  # some days have two entries


def test_it_shows_both_styles_and_changes_over_time():
    entries = sample_entries(TODAY)
    leans = [pooled_lean([e]) for e in entries if e.rated()]
    assert min(leans) < 0 < max(leans)
    assert any(e.tags for e in entries)
    assert any(e.advice_requests for e in entries)


def test_some_entries_speak_of_delegating():
    # The History search box offers "deleg" as its example of a word prefix.
    texts = [e.text.lower() for e in sample_entries(TODAY)]
    assert sum("delegated" in text for text in texts) >= 5


def test_every_week_with_entries_has_a_reflection_and_an_intention():
    entries = sample_entries(TODAY)
    notes = sample_reviews(entries)
    weeks = sorted({iso_week_id(e.date) for e in entries})
    assert [n.week for n in notes] == weeks
    assert weeks[-1] == iso_week_id(TODAY)  # this week's review is filled in too
    assert all(n.reflection.strip() and n.intention.strip() for n in notes)
    assert len({n.intention for n in notes}) > 3
    # "Was last week's intention kept?" is answered from the second week on,
    # both ways over the months.
    assert notes[0].kept is None
    assert {n.kept for n in notes[1:]} == {True, False}


def test_the_reviews_are_the_same_every_time():
    entries = sample_entries(TODAY)
    assert sample_reviews(entries) == sample_reviews(entries)
