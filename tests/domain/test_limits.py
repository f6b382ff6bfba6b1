"""The limits of DESIGN.md ("Limits"), checked once in the domain.

Every entry passes Entry.__post_init__, so what it refuses can come in by no
door: not the editor, not an import, not a restore.
"""

import datetime as dt

import pytest

from leaderjournal.domain import entry as entry_module
from leaderjournal.domain import limits
from leaderjournal.domain.entry import Entry, InvalidEntryError
from leaderjournal.domain.limits import (
    ADVICE_MAX,
    EARLIEST_DATE,
    LATEST_DATE,
    TAG_MAX_LENGTH,
    TAGS_MAX,
    TEXT_MAX,
    TITLE_MAX,
    check_advice,
    check_stamp,
    check_tag,
    check_tags,
    check_text,
    check_title,
    shown,
)

ON = dt.date(2026, 11, 29)
PLUS_ONE = dt.timezone(dt.timedelta(hours=1))
WRITTEN = dt.datetime(2026, 11, 29, 18, 42, tzinfo=PLUS_ONE)


def make(**fields) -> Entry:
    return Entry.new(ON, at=WRITTEN, **fields)


def refused(**fields) -> str:
    """The message an entry with ``fields`` is refused with."""
    with pytest.raises(InvalidEntryError) as caught:
        make(**fields)
    return str(caught.value)


def zone(hours: int = 0, minutes: int = 0, seconds: int = 0) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=hours, minutes=minutes, seconds=seconds))


# -- one table, one error ---------------------------------------------------------


def test_the_entry_module_re_exports_the_limits_it_used_to_define():
    assert entry_module.EARLIEST_DATE is limits.EARLIEST_DATE
    assert entry_module.LATEST_DATE is limits.LATEST_DATE
    assert entry_module.InvalidEntryError is limits.InvalidEntryError


def test_a_refusal_is_one_sentence_and_keeps_its_reason_for_lists():
    with pytest.raises(InvalidEntryError) as caught:
        check_advice(10_000)
    error = caught.value
    assert isinstance(error, ValueError)
    assert str(error)[0].isupper()
    assert str(error).endswith(".")
    assert "\n" not in str(error)
    assert error.reason[0].islower()  # to follow "Line 5: "
    assert str(error) == error.reason[0].upper() + error.reason[1:] + "."


# -- advice requests --------------------------------------------------------------


@pytest.mark.parametrize("advice", [0, 1, 12, ADVICE_MAX])
def test_advice_inside_the_limits_is_kept(advice):
    assert check_advice(advice) == advice
    assert make(advice_requests=advice).advice_requests == advice


@pytest.mark.parametrize(
    "advice",
    [ADVICE_MAX + 1, 12_000, 2**63 - 1, 2**63, 10**5000, -1, -(2**63)],
    ids=["max+1", "12000", "2^63-1", "2^63", "10^5000", "-1", "-2^63"],
)
def test_advice_outside_the_limits_is_refused_with_the_range(advice):
    message = refused(advice_requests=advice)
    assert "advice_requests" in message
    assert f"0 to {ADVICE_MAX}" in message
    assert len(message) < 200  # a number of 5,000 digits is not echoed whole


@pytest.mark.parametrize("advice", [True, 1.0, "3", None])
def test_advice_that_is_not_a_whole_number_is_refused(advice):
    assert "whole number" in refused(advice_requests=advice)


# -- title and text ---------------------------------------------------------------


def test_a_title_of_the_most_characters_is_kept_counting_characters_not_bytes():
    emoji = "\U0001f680" * TITLE_MAX  # 4 bytes in UTF-8, 2 units in UTF-16
    assert check_title(emoji) == emoji
    assert make(title=emoji).title == emoji
    assert make(title="a" * TITLE_MAX).title == "a" * TITLE_MAX


def test_a_title_one_character_too_long_is_refused():
    message = refused(title="a" * (TITLE_MAX + 1))
    assert "501 characters" in message
    assert f"at most {TITLE_MAX}" in message
    assert "aaaa" not in message  # the title is not echoed


@pytest.mark.parametrize("title", ["one\ntwo", "one\rtwo", "one\r\ntwo", "end\n"])
def test_a_title_is_one_line(title):
    assert "one line" in refused(title=title)


@pytest.mark.parametrize("title", ["tab\tinside", "\u2028 and \x85 stay", "'=1"])
def test_other_characters_in_a_title_are_kept(title):
    assert make(title=title).title == title


def test_the_longest_text_is_kept_and_one_more_character_is_refused():
    longest = "\r\n" * (TEXT_MAX // 2)
    assert check_text(longest) is longest
    assert make(text=longest).text == longest
    message = refused(text=longest + "x")
    assert "1,000,001 characters" in message
    assert "1,000,000" in message
    assert len(message) < 200


@pytest.mark.parametrize("field", ["title", "text"])
def test_title_and_text_must_be_text(field):
    with pytest.raises(InvalidEntryError):
        make(**{field: None})
    with pytest.raises(InvalidEntryError):
        make(**{field: b"bytes"})


# -- tags -------------------------------------------------------------------------


def test_thirty_tags_of_sixty_characters_are_kept():
    tags = tuple(f"{n:02d}" + "x" * (TAG_MAX_LENGTH - 2) for n in range(TAGS_MAX))
    assert make(tags=tags).tags == tags
    assert check_tags(tags) == tags


def test_thirty_one_tags_are_refused_but_duplicates_count_once():
    tags = [f"tag {n}" for n in range(TAGS_MAX + 1)]
    message = refused(tags=tags)
    assert "31 tags" in message
    assert f"at most {TAGS_MAX}" in message
    # "TAG 0" is "tag 0" again: thirty different tags in all
    assert len(make(tags=[*tags[:TAGS_MAX], "TAG 0"]).tags) == TAGS_MAX


def test_a_tag_of_sixty_one_characters_is_refused_and_shown_cut():
    long_tag = "y" * (TAG_MAX_LENGTH + 1)
    message = refused(tags=("fine", long_tag))
    assert "61 characters" in message
    assert f"at most {TAG_MAX_LENGTH}" in message
    assert long_tag not in message


@pytest.mark.parametrize(
    ("tag", "named"),
    [
        ("budget, Q3", "a comma"),
        ("coaching;=1+1", "a semicolon"),
        ("tab\there", "a tab"),
        ("one\ntwo", "a line break"),
        ("cr\rhere", "a line break"),
        ("nul\x00here", "a NUL character"),
    ],
)
def test_a_tag_with_a_forbidden_character_says_which_one(tag, named):
    with pytest.raises(InvalidEntryError) as caught:
        check_tags(["fine", tag])
    message = str(caught.value)
    assert f"contains {named};" in message
    assert "\t" not in message
    assert "\n" not in message
    assert "\r" not in message


@pytest.mark.parametrize("tag", ["coaching;=1+1", "tab\there", "one\ntwo", "cr\rhere"])
def test_an_entry_refuses_a_tag_with_a_separator(tag):
    assert "contains a" in refused(tags=(tag,))


def test_an_entry_keeps_a_tag_with_a_comma_that_an_older_version_stored():
    # Journals written before the limits may hold "a,b" (the frozen test
    # journals do): reading them must not fail. A new one is refused where
    # it comes in: the editor splits on commas, an import says why.
    assert make(tags=("a,b", "c")).tags == ("a,b", "c")
    assert check_tags(["a,b"], stored=True) == ("a,b",)
    with pytest.raises(InvalidEntryError, match="a comma"):
        check_tags(["a,b"])
    with pytest.raises(InvalidEntryError, match="a comma"):
        check_tag("a,b")


def test_check_tag_gives_back_the_tidied_tag():
    assert check_tag("  hard   week ") == "hard week"
    assert check_tag("x" * TAG_MAX_LENGTH) == "x" * TAG_MAX_LENGTH
    with pytest.raises(InvalidEntryError, match="at least one character"):
        check_tag("   ")


def test_tags_are_compared_without_regard_to_case_keeping_the_first_spelling():
    assert check_tags(["Budget", "BUDGET", "budget", "Q3"]) == ("Budget", "Q3")
    assert check_tags(iter(["a", "A"])) == ("a",)  # any iterable


def test_tags_must_be_text():
    with pytest.raises(InvalidEntryError):
        make(tags=(1,))


# -- times ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "stamp",
    [
        dt.datetime(1900, 1, 1, 0, 0, tzinfo=zone(14)),
        dt.datetime(1900, 1, 1, 0, 0, tzinfo=zone(-14)),
        dt.datetime(2100, 12, 31, 23, 59, 59, tzinfo=zone(-14)),
        dt.datetime(2100, 12, 31, 23, 59, 59, tzinfo=zone(14)),
        dt.datetime(2026, 3, 2, 9, 0, tzinfo=zone(5, 45)),
        dt.datetime(2026, 3, 2, 9, 0, tzinfo=zone(-9, -30)),
    ],
)
def test_times_inside_the_limits_are_kept(stamp):
    assert check_stamp(stamp, "created_at") is stamp
    entry = Entry(id="x", date=ON, created_at=stamp, updated_at=stamp)
    assert entry.created_at == stamp
    assert entry.updated_at.utcoffset() == stamp.utcoffset()


@pytest.mark.parametrize(
    ("stamp", "fragments"),
    [
        (dt.datetime(1, 1, 1, tzinfo=zone(5)), ["0001-01-01", "1900-2100"]),
        (dt.datetime(9999, 12, 31, 23, tzinfo=zone(-1)), ["9999-12-31", "1900-2100"]),
        (dt.datetime(1899, 12, 31, 23, 59, 59, tzinfo=dt.UTC), ["1900-2100"]),
        (dt.datetime(2101, 1, 1, tzinfo=dt.UTC), ["2101-01-01", "1900-2100"]),
        (dt.datetime(2026, 3, 2, tzinfo=zone(14, 1)), ["+14:01", "-14:00 to +14:00"]),
        (dt.datetime(2026, 3, 2, tzinfo=zone(-23)), ["-23:00", "-14:00 to +14:00"]),
        (dt.datetime(2026, 3, 2, tzinfo=zone(1, 0, 30)), ["whole minutes"]),
        (dt.datetime(1, 1, 1), ["UTC offset"]),
        (dt.datetime(2026, 3, 2, 9, 0), ["UTC offset"]),
    ],
)
def test_times_outside_the_limits_are_refused_with_the_reason(stamp, fragments):
    for field in ("created_at", "updated_at"):
        other = "updated_at" if field == "created_at" else "created_at"
        with pytest.raises(InvalidEntryError) as caught:
            Entry(id="x", date=ON, **{field: stamp, other: WRITTEN})
        message = str(caught.value)
        assert field in message
        for fragment in fragments:
            assert fragment in message


def test_a_time_must_be_a_datetime():
    with pytest.raises(InvalidEntryError, match="created_at"):
        Entry(id="x", date=ON, created_at="2026-03-02", updated_at=WRITTEN)


@pytest.mark.parametrize("day", [EARLIEST_DATE, LATEST_DATE])
def test_the_first_and_last_days_are_kept(day):
    assert make().edited(at=WRITTEN, date=day).date == day


def test_an_edit_cannot_take_an_entry_outside_the_limits():
    entry = make(title="fine")
    with pytest.raises(InvalidEntryError):
        entry.edited(at=WRITTEN, title="x" * (TITLE_MAX + 1))
    with pytest.raises(InvalidEntryError):
        entry.edited(at=WRITTEN, advice_requests=ADVICE_MAX + 1)
    with pytest.raises(InvalidEntryError):
        entry.edited(at=WRITTEN, tags=("a;b",))


# -- values shown in messages -----------------------------------------------------


def test_a_long_value_is_shown_cut_with_an_ellipsis():
    text = shown("z" * 100_000)
    assert text.startswith("\u201czzz")
    assert text.endswith("\u2026\u201d")
    assert len(text) <= 64


def test_invisible_characters_are_shown_visibly():
    text = shown("\ufeffid\tx\r\n\u200b\x00")
    assert text == "\u201c\\ufeffid\\tx\\r\\n\\u200b\\x00\u201d"


def test_short_values_and_numbers_are_shown_as_they_are():
    assert shown("2026-02-30") == "\u201c2026-02-30\u201d"
    assert shown(12_000) == "\u201c12000\u201d"
    assert shown(1.5) == "\u201c1.5\u201d"
    huge = shown(10**5000)  # str() of it would raise in Python 3.11+
    assert "5,001 digits" in huge
    assert len(huge) < 64
