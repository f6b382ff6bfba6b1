"""Entries: what a person may write, and how tags are kept tidy."""

import datetime as dt
import uuid
from dataclasses import replace

import pytest

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import (
    Entry,
    InvalidEntryError,
    normalise_tags,
    parse_tags,
)

ON = dt.date(2026, 11, 29)
WRITTEN = dt.datetime(2026, 11, 29, 18, 42, tzinfo=dt.timezone(dt.timedelta(hours=1)))
LATER = WRITTEN + dt.timedelta(hours=2)


def make(**fields) -> Entry:
    return Entry.new(ON, at=WRITTEN, **fields)


# -- validation -----------------------------------------------------------------


@pytest.mark.parametrize(
    "ratings",
    [
        {"influence": 3},
        {"influence": -3},
        {"followers": True},  # a bool is not a rating, though True == 1
        {"growth": False},
        {"mentor": 1.0},
        {"relationship": "2"},
        {"leadership": 1},  # not one of the five dimensions
    ],
)
def test_bad_ratings_are_refused(ratings):
    with pytest.raises(InvalidEntryError):
        make(ratings=ratings)


@pytest.mark.parametrize("advice", [-1, True, 1.5, "3", None])
def test_bad_advice_counts_are_refused(advice):
    with pytest.raises(InvalidEntryError):
        make(advice_requests=advice)


def test_invalid_entry_error_is_a_value_error_with_a_readable_message():
    with pytest.raises(ValueError, match="-2 to 2"):
        make(ratings={"influence": 3})


def test_every_scale_point_and_not_rated_are_accepted():
    e = make(
        ratings={
            "influence": -2,
            "followers": -1,
            "growth": 0,
            "relationship": 1,
            "mentor": 2,
        },
        advice_requests=0,
    )
    assert e.rated() == [-2, -1, 0, 1, 2]
    assert make(ratings={"influence": None}).rated() == []


def test_missing_ratings_mean_not_rated():
    e = make(ratings={"growth": 0})
    assert e.ratings == {
        "influence": None,
        "followers": None,
        "growth": 0,
        "relationship": None,
        "mentor": None,
    }
    assert list(e.ratings) == list(DIMENSION_KEYS)
    assert e.rated() == [0]  # 0 is "both in balance", a real rating


def test_a_large_advice_count_is_fine():
    assert make(advice_requests=12).advice_requests == 12


def test_naive_times_are_refused():
    naive = dt.datetime(2026, 11, 29, 18, 42)
    with pytest.raises(InvalidEntryError, match="UTC offset"):
        Entry.new(ON, at=naive)
    with pytest.raises(InvalidEntryError):
        Entry(id="x", date=ON, created_at=WRITTEN, updated_at=naive)
    with pytest.raises(InvalidEntryError):
        Entry(id="x", date=ON, created_at=naive, updated_at=WRITTEN)


def test_new_entries_get_distinct_uuids_and_one_timestamp():
    a, b = make(), make()
    assert a.id != b.id
    assert str(uuid.UUID(a.id)) == a.id
    assert a.created_at == a.updated_at == WRITTEN
    assert a.date == ON


def test_new_entry_without_a_time_is_stamped_now_with_an_offset():
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    e = Entry.new(ON)
    after = dt.datetime.now(dt.UTC)
    assert e.created_at.utcoffset() is not None
    assert before <= e.created_at <= after
    assert e.created_at.microsecond == 0


# -- tags -----------------------------------------------------------------------


def test_tags_are_trimmed_collapsed_and_deduplicated_keeping_first_spelling():
    e = make(
        tags=("  Team   Lead ", "ops", "team lead", "TEAM  LEAD", "", "   ", "Ops")
    )
    assert e.tags == ("Team Lead", "ops")


def test_tag_duplicates_are_found_without_regard_to_case_in_any_script():
    assert normalise_tags(["Équipe", "ÉQUIPE", "équipe"]) == ("Équipe",)
    assert normalise_tags(["Straße", "STRASSE"]) == ("Straße",)  # casefold
    assert normalise_tags(["日本", "日本"]) == ("日本",)


def test_tags_keep_their_order():
    assert normalise_tags(["zeta", "alpha", "Mid"]) == ("zeta", "alpha", "Mid")


@pytest.mark.parametrize("tag", ["a;b", "one\ntwo", "tab\there", "cr\rhere"])
def test_tags_with_separator_characters_are_refused(tag):
    with pytest.raises(InvalidEntryError):
        make(tags=(tag,))


@pytest.mark.parametrize(
    ("typed", "tags"),
    [
        ("hiring, 1:1; Feedback ,feedback;;", ("hiring", "1:1", "Feedback")),
        ("a;b;c", ("a", "b", "c")),
        ("  budget  review , , ", ("budget review",)),
        ("Café, CAFÉ; café", ("Café",)),
        ("", ()),
        (" ; , ", ()),
    ],
)
def test_parse_tags_splits_on_commas_and_semicolons(typed, tags):
    assert parse_tags(typed) == tags


# -- blank, edited, same content ------------------------------------------------


def test_a_new_entry_is_blank():
    assert make().is_blank()
    assert make(title="   ", text="\n\t ").is_blank()


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "1:1 with Sam"},
        {"text": "x"},
        {"ratings": {"influence": 0}},  # a 0 was chosen: not blank
        {"ratings": {"mentor": -2}},
        {"advice_requests": 1},
        {"tags": ("hiring",)},
    ],
)
def test_anything_written_or_rated_makes_an_entry_not_blank(fields):
    assert not make(**fields).is_blank()


def test_edited_moves_updated_at_and_keeps_identity():
    original = make(text="before")
    changed = original.edited(at=LATER, text="after", ratings={"influence": 1})
    assert changed.text == "after"
    assert changed.ratings["influence"] == 1
    assert changed.updated_at == LATER
    assert changed.created_at == WRITTEN
    assert changed.id == original.id
    assert changed.date == original.date
    # the original is untouched (entries are immutable)
    assert original.text == "before"
    assert original.updated_at == WRITTEN


def test_edited_without_a_time_uses_now():
    long_ago = dt.datetime(2020, 1, 6, 9, 0, tzinfo=dt.UTC)
    original = Entry.new(dt.date(2020, 1, 6), at=long_ago)
    changed = original.edited(title="New")
    assert changed.updated_at > original.updated_at
    assert changed.updated_at.utcoffset() is not None
    assert changed.created_at == original.created_at


def test_edited_validates_the_changes():
    with pytest.raises(InvalidEntryError):
        make().edited(at=LATER, ratings={"influence": 5})
    with pytest.raises(InvalidEntryError):
        make().edited(at=LATER, advice_requests=-1)


def test_edited_normalises_tags():
    assert make().edited(at=LATER, tags=(" a ", "A", "b")).tags == ("a", "b")


def test_same_content_ignores_timestamps_only():
    original = make(title="Offsite", text="Plan", ratings={"growth": 2}, tags=("q3",))
    touched = original.edited(at=LATER)
    assert touched.same_content(original)
    assert touched != original  # the timestamps do differ

    for change in (
        {"title": "Offsite!"},
        {"text": "Plan B"},
        {"ratings": {"growth": 1}},
        {"ratings": {"growth": 2, "influence": 0}},
        {"advice_requests": 1},
        {"tags": ("q4",)},
        {"date": ON + dt.timedelta(days=1)},
    ):
        assert not original.edited(at=LATER, **change).same_content(original), change


def test_same_content_tells_different_entries_apart():
    a = make(text="same")
    b = make(text="same")  # a different id
    assert not a.same_content(b)


def _base() -> Entry:
    return Entry(
        id="e1",
        date=ON,
        created_at=WRITTEN,
        updated_at=WRITTEN,
        title="One to one",
        text="We talked.",
        ratings={"influence": 1, "growth": -1},
        advice_requests=2,
        tags=("team",),
    )


def test_edits_onto_keeps_what_changed_under_the_editor():
    base = _base()
    # another computer's changes, taken in while the page was open
    onto = replace(base, title="1:1 with Sam", ratings={"influence": 1, "growth": 2})
    # the person changed the text and one rating on the page
    edited = replace(
        base, text="We talked. Then more.", ratings={"influence": -2, "growth": -1}
    )

    merged = edited.edits_onto(base, onto)

    assert merged.title == "1:1 with Sam"  # not changed here: theirs stays
    assert merged.text == "We talked. Then more."
    assert (merged.ratings["influence"], merged.ratings["growth"]) == (-2, 2)
    assert merged.advice_requests == 2
    assert merged.tags == ("team",)
    assert merged.updated_at == edited.updated_at


def test_edits_onto_the_same_entry_is_the_edit():
    base = _base()
    edited = replace(base, title="New", advice_requests=5, tags=("a", "b"))

    assert edited.edits_onto(base, base) == edited


def test_edits_onto_sets_a_rating_the_other_computer_cleared():
    base = _base()
    onto = replace(base, ratings={"growth": -1})  # influence no longer rated
    edited = replace(base, ratings={"influence": 2, "growth": -1})

    ratings = edited.edits_onto(base, onto).ratings
    assert (ratings["influence"], ratings["growth"]) == (2, -1)
