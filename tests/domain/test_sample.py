"""The sample journal: a few realistic months, the same every time."""

from __future__ import annotations

import datetime as dt

from leaderjournal.domain.sample import sample_entries
from leaderjournal.domain.scoring import pooled_lean

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
