"""A chart's range in words, as its title says it."""

from __future__ import annotations

import datetime as dt

from leaderjournal.domain.trends import span_words

D = dt.date


def test_a_range_within_one_year_names_the_year_once():
    assert span_words(D(2026, 9, 1), D(2026, 12, 1)) == "1 Sep \u2013 1 Dec 2026"


def test_a_range_over_new_year_names_both_years():
    assert span_words(D(2025, 12, 3), D(2026, 12, 2)) == (
        "3 Dec 2025 \u2013 2 Dec 2026"
    )


def test_a_single_day():
    assert span_words(D(2026, 12, 2), D(2026, 12, 2)) == "2 Dec 2026"
