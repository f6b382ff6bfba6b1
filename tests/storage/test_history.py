"""History queries: search, filters and paging, on a journal counted by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.filters import DimensionRange, HistoryFilter
from leaderjournal.storage.history import MATCH_END, MATCH_START

AT = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)

# (title, text, date, ratings, advice, tags): twelve entries. The expected
# matches in the tests below were counted by hand from this table.
FIXTURE = [
    (
        "One-to-one",
        "Delegated the budget to Ana.",
        "2026-03-02",
        {"mentor": 2, "influence": 1},
        1,
        ("1:1",),
    ),
    (
        "Crisis call",
        "Held everyone to the runbook.",
        "2026-03-03",
        {"influence": -2, "growth": -2},
        0,
        ("crisis",),
    ),
    (
        "Café review",
        "Coached Omar through a failure.",
        "2026-03-04",
        {"growth": 2, "mentor": 1},
        2,
        ("1:1", "review"),
    ),
    (
        "",
        "Set the targets and split the work.",
        "2026-03-05",
        {"mentor": -1, "influence": -1},
        0,
        ("planning",),
    ),
    (
        "Retro",
        "Critical feedback became a review of how we work.",
        "2026-03-09",
        {"growth": 1},
        0,
        ("review",),
    ),
    (
        "New hire",
        "Told the new hire exactly how to do it.",
        "2026-03-10",
        {"mentor": -2},
        0,
        ("new-hire",),
    ),
    (
        "New hire again",
        "Listened and let her choose.",
        "2026-03-11",
        {"mentor": 2, "followers": 1},
        3,
        ("new-hire", "1:1"),
    ),
    ("Metrics", "Dashboards all day.", "2026-03-12", {"relationship": -2}, 0, ()),
    (
        "Team lunch",
        "Trust and relationships, delegated nothing.",
        "2026-03-13",
        {"relationship": 2},
        1,
        ("team",),
    ),
    ("Quiet day", "Nothing to rate.", "2026-03-16", {}, 0, ()),
    (
        "Emoji 🎉",
        "Shipped it 🎉 with 東京 team and שלום to Dana, مرحبا",
        "2026-03-17",
        {"influence": 0},
        0,
        ("launch",),
    ),
    (
        "Zero",
        "Balanced on purpose.",
        "2026-03-18",
        {"influence": 0, "mentor": 0},
        0,
        (),
    ),
]


@pytest.fixture
def journal(journal_kind, data_dir):
    with journal_kind.new(data_dir) as opened:
        for n, (title, text, day, ratings, advice, tags) in enumerate(FIXTURE):
            opened.entries.add(
                Entry(
                    id=f"00000000-0000-4000-8000-{n:012d}",
                    date=dt.date.fromisoformat(day),
                    created_at=AT,
                    updated_at=AT,
                    title=title,
                    text=text,
                    ratings=ratings,
                    advice_requests=advice,
                    tags=tags,
                )
            )
        yield opened


def titles(journal, **wanted) -> list[str]:
    found = journal.history.page(HistoryFilter(**wanted), 0, 100)
    assert journal.history.count(HistoryFilter(**wanted)) == len(found)
    return [row.title or row.first_line for row in found]


# -- search --------------------------------------------------------------------


def test_a_word_matches_as_a_prefix(journal):
    assert titles(journal, text="deleg") == ["Team lunch", "One-to-one"]


def test_several_words_must_all_match(journal):
    assert titles(journal, text="new hire") == ["New hire", "New hire again"][::-1]
    assert titles(journal, text="hire listened") == ["New hire again"]


def test_a_phrase_matches_the_words_in_order(journal):
    assert titles(journal, text='"how we work"') == ["Retro"]
    assert titles(journal, text='"work we how"') == []


def test_case_and_accents_do_not_matter(journal):
    assert titles(journal, text="CAFE") == ["Café review"]
    assert titles(journal, text="café") == ["Café review"]


@pytest.mark.parametrize("word", ["🎉", "東京", "שלום", "مرحبا"])
def test_emoji_cjk_and_right_to_left_words_are_found(journal, word):
    assert titles(journal, text=word) == ["Emoji 🎉"]


def test_tags_are_searched_too(journal):
    assert titles(journal, text="planning") == ["Set the targets and split the work."]


@pytest.mark.parametrize(
    "typed", ['"', "AND", "*", "(", "NEAR(", "-", "OR NOT", '"unclosed']
)
def test_malformed_queries_never_raise(journal, typed):
    rows = journal.history.page(HistoryFilter(text=typed), 0, 100)
    assert journal.history.count(HistoryFilter(text=typed)) == len(rows)


def test_punctuation_alone_is_not_searchable(journal):
    assert not journal.history.count(HistoryFilter(text="* ("))
    # "AND" is a word here, not an operator: four texts hold "and".
    assert titles(journal, text="AND") == [
        "Emoji 🎉",
        "Team lunch",
        "New hire again",
        "Set the targets and split the work.",
    ]


def test_an_entry_is_found_after_editing_and_not_after_deleting(journal):
    entry = journal.entries.get("00000000-0000-4000-8000-000000000007")
    assert titles(journal, text="dashboards") == ["Metrics"]
    journal.entries.save(entry.edited(text="Spreadsheets all day."))
    assert titles(journal, text="dashboards") == []
    assert titles(journal, text="spreadsheet") == ["Metrics"]
    journal.entries.delete(entry.id)
    assert titles(journal, text="spreadsheet") == []


def test_matches_are_marked_in_a_snippet(journal):
    (row,) = journal.history.page(HistoryFilter(text="omar fail"), 0, 10)
    assert row.snippet == (
        f"Coached {MATCH_START}Omar{MATCH_END} through a "
        f"{MATCH_START}failure{MATCH_END}."
    )


# -- filters ---------------------------------------------------------------------


def test_date_range_is_inclusive(journal):
    assert titles(journal, start=dt.date(2026, 3, 9), end=dt.date(2026, 3, 11)) == [
        "New hire again",
        "New hire",
        "Retro",
    ]


def test_tag_filter_ignores_case(journal):
    assert titles(journal, tag="NEW-HIRE") == ["New hire again", "New hire"]
    assert len(titles(journal, tag="1:1")) == 3


def test_dimension_range(journal):
    # Director <-> Mentor <= -1: entries 4 (-1) and 6 (-2).
    mentor_low = DimensionRange("mentor", -2, -1)
    assert titles(journal, dimension=mentor_low) == [
        "New hire",
        "Set the targets and split the work.",
    ]
    # Not rated is not in any range, 0 is.
    assert titles(journal, dimension=DimensionRange("influence", 0, 0)) == [
        "Zero",
        "Emoji 🎉",
    ]


def test_lean_range_only_matches_rated_entries(journal):
    # Leans: 75, -100, 75, -50, 50, -100, 75, -100, 100, -, 0, 0
    assert len(titles(journal, lean_min=50.0)) == 5
    assert len(titles(journal, lean_max=-50.0)) == 4
    assert titles(journal, lean_min=0.0, lean_max=0.0) == ["Zero", "Emoji 🎉"]


def test_someone_asked_for_advice(journal):
    assert titles(journal, asked_for_advice=True) == [
        "Team lunch",
        "New hire again",
        "Café review",
        "One-to-one",
    ]


def test_filters_combine_with_each_other_and_with_search(journal):
    assert titles(journal, tag="1:1", asked_for_advice=True, lean_min=75.0) == [
        "New hire again",
        "Café review",
        "One-to-one",
    ]
    assert titles(journal, text="hire", tag="1:1") == ["New hire again"]
    assert titles(
        journal,
        text="review",
        dimension=DimensionRange("growth", 1, 2),
        start=dt.date(2026, 3, 5),
    ) == ["Retro"]


# -- order and pages ----------------------------------------------------------------


def test_newest_first_by_default_and_oldest_first_on_request(journal):
    assert titles(journal)[0] == "Zero"
    assert titles(journal, descending=False)[0] == "One-to-one"


def test_sort_by_lean_puts_unrated_entries_last(journal):
    by_lean = titles(journal, sort="lean")
    assert by_lean[0] == "Team lunch"  # +100
    assert by_lean[-1] == "Quiet day"  # not rated
    ascending = titles(journal, sort="lean", descending=False)
    assert ascending[-1] == "Quiet day"
    assert ascending[0] in {"Crisis call", "New hire", "Metrics"}  # all -100


def test_pages_are_consecutive_without_overlap(journal):
    wanted = HistoryFilter()
    pages = [journal.history.page(wanted, offset, 5) for offset in (0, 5, 10)]
    ids = [row.id for page in pages for row in page]
    assert [len(page) for page in pages] == [5, 5, 2]
    assert len(set(ids)) == 12
