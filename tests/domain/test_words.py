"""Counts in messages: the number with the right word."""

from __future__ import annotations

import pytest

from leaderjournal.domain.words import plural


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 entries"), (1, "1 entry"), (2, "2 entries"), (1000, "1,000 entries")],
)
def test_plural_says_the_count_with_the_right_word(count, expected):
    assert plural(count, "entry", "entries") == expected


def test_a_noun_gets_its_article():
    from leaderjournal.domain.words import with_article

    assert with_article("trigger") == "a trigger"
    assert with_article("index") == "an index"
