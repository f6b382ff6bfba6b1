"""Entries in a real journal file: writing, reading, searching."""

import datetime as dt
import json
import sqlite3

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.storage import encryption
from leaderjournal.storage.database import connect

UTC = dt.UTC
CET = dt.timezone(dt.timedelta(hours=1))
CEST = dt.timezone(dt.timedelta(hours=2))
IST = dt.timezone(dt.timedelta(hours=5, minutes=30))


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def make(on: str, written: str = "2026-03-02T09:00:00+00:00", **fields) -> Entry:
    return Entry.new(day(on), at=at(written), **fields)


@pytest.fixture
def repo(journal):
    return journal.entries


# -- round trip -----------------------------------------------------------------

TRICKY_TEXT = (
    "Launch day \U0001f680\U0001f389 \u2014 team of 5\n"
    "\u65e5\u672c\u8a9e\u306e\u30e1\u30e2\uff1a\u4f1a\u8b70\u306f\u9806\u8abf\n"  # CJK
    # Arabic, right to left
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0641\u0631\u064a\u0642\n"
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd\n"  # Hebrew
    "She said \"ship it\", I said 'not yet' \\ backslash; semi; 100%_done\r\n"
    "\ttabbed line\n\n"
    "=SUM(A1) -1 +1 @who\n"
    "combining: Cafe\u0301 and family \U0001f468\u200d\U0001f469\u200d\U0001f467\n"
)


def test_every_field_survives_a_round_trip(journal_kind, data_dir):
    entry = Entry(
        id="0b6f1f7e-6b1c-4a0e-9d5c-7f0e2a3b4c5d",
        date=day("2026-11-29"),
        created_at=at("2026-11-29T18:42:07+05:30"),
        updated_at=at("2026-11-30T01:02:03-08:00"),
        title=(
            "\u00abQuotes\u00bb \"and\" 'more' \u2014 "
            "\u05e9\u05dc\u05d5\u05dd \U0001f600"
        ),
        text=TRICKY_TEXT,
        ratings={"influence": 0, "followers": -2, "growth": 2, "mentor": 1},
        advice_requests=7,
        tags=("1:1", "Caf\u00e9", "\u65e5\u672c", "\u0641\u0631\u064a\u0642", "a,b"),
    )
    with journal_kind.new(data_dir) as journal:
        journal.entries.add(entry)
        assert journal.entries.get(entry.id) == entry

    # and after the app is closed and opened again
    with journal_kind.open(data_dir) as journal:
        stored = journal.entries.get(entry.id)
    assert stored == entry
    assert stored.text == TRICKY_TEXT
    assert stored.ratings == {
        "influence": 0,  # 0 stays 0 ...
        "followers": -2,
        "growth": 2,
        "relationship": None,  # ... and not rated stays not rated
        "mentor": 1,
    }
    assert stored.advice_requests == 7
    assert stored.tags == (
        "1:1",
        "Caf\u00e9",
        "\u65e5\u672c",
        "\u0641\u0631\u064a\u0642",
        "a,b",
    )
    assert stored.created_at.utcoffset() == dt.timedelta(hours=5, minutes=30)
    assert stored.updated_at.utcoffset() == dt.timedelta(hours=-8)


def test_an_empty_entry_round_trips(repo):
    entry = make("2026-03-02")
    repo.add(entry)
    stored = repo.get(entry.id)
    assert stored == entry
    assert stored.is_blank()
    assert all(r is None for r in stored.ratings.values())


def test_tags_are_stored_as_a_json_list_that_keeps_each_character(journal):
    tags = ("Größe", "東京", 'say "hi"', "back\\slash", "bell\x07", "emoji 😀")
    entry = make("2026-03-02", tags=tags)
    journal.entries.add(entry)
    (column,) = journal.connection.execute(
        "SELECT tags FROM entries WHERE id = ?", (entry.id,)
    ).fetchone()
    assert column == json.dumps(list(tags), ensure_ascii=False)
    assert journal.entries.get(entry.id).tags == tags


def test_get_of_an_unknown_id_is_none(repo):
    assert repo.get("no-such-id") is None


# -- save, add, update ------------------------------------------------------------


def test_save_inserts_then_replaces(repo):
    entry = make("2026-03-02", text="first draft", tags=("draft",))
    repo.save(entry)
    assert repo.count() == 1

    edited = entry.edited(
        at=at("2026-03-02T10:00:00+00:00"),
        text="final",
        ratings={"influence": -1},
        tags=("final",),
        advice_requests=2,
    )
    repo.save(edited)
    assert repo.count() == 1
    assert repo.get(entry.id) == edited
    assert repo.tags() == ["final"]


def test_update_of_an_unknown_entry_raises_key_error(repo):
    with pytest.raises(KeyError):
        repo.update(make("2026-03-02", text="never added"))
    assert repo.count() == 0


def test_update_replaces_a_stored_entry(repo):
    entry = make("2026-03-02", text="before")
    repo.add(entry)
    repo.update(entry.edited(at=at("2026-03-02T12:00:00+00:00"), text="after"))
    assert repo.get(entry.id).text == "after"
    assert repo.count() == 1


def test_add_of_an_existing_id_raises_and_keeps_the_stored_entry(repo):
    entry = make("2026-03-02", text="original")
    repo.add(entry)
    with pytest.raises(ValueError, match=entry.id):
        repo.add(entry.edited(at=at("2026-03-03T09:00:00+00:00"), text="clobber"))
    assert repo.get(entry.id).text == "original"
    assert repo.count() == 1


# -- reading by day and period ----------------------------------------------------


def test_entries_of_a_day_come_back_in_the_order_they_were_written(repo):
    third = make("2026-03-02", "2026-03-02T18:00:00+00:00", title="evening")
    first = make("2026-03-02", "2026-03-02T08:00:00+00:00", title="morning")
    second = make("2026-03-02", "2026-03-02T12:30:00+00:00", title="lunch")
    other = make("2026-03-03", "2026-03-02T07:00:00+00:00", title="next day")
    for e in (third, other, first, second):
        repo.add(e)
    assert [e.title for e in repo.on_day(day("2026-03-02"))] == [
        "morning",
        "lunch",
        "evening",
    ]
    assert repo.on_day(day("2026-03-04")) == []


def test_entries_written_in_the_same_second_keep_insertion_order(repo):
    titles = ["one", "two", "three", "four"]
    for title in titles:
        repo.add(make("2026-03-02", "2026-03-02T08:00:00+00:00", title=title))
    assert [e.title for e in repo.on_day(day("2026-03-02"))] == titles


def test_day_order_follows_the_clock_across_a_dst_change(repo):
    # Berlin, 2026-10-25: clocks go back from 03:00 CEST to 02:00 CET.
    # 02:30 CEST is 00:30 UTC; 02:15 CET, written 45 minutes later, is 01:15 UTC.
    first = make("2026-10-25", "2026-10-25T02:30:00+02:00", title="before the change")
    second = make("2026-10-25", "2026-10-25T02:15:00+01:00", title="after the change")
    assert first.created_at < second.created_at
    repo.add(second)
    repo.add(first)
    assert [e.title for e in repo.on_day(day("2026-10-25"))] == [
        "before the change",
        "after the change",
    ]


@pytest.fixture
def week(repo):
    """Entries around 2026-W10 (Mon 03-02 .. Sun 03-08), added out of order."""
    entries = {
        "sun before": make("2026-03-01", "2026-03-01T09:00:00+00:00"),
        "mon late": make("2026-03-02", "2026-03-02T21:00:00+00:00"),
        "mon early": make("2026-03-02", "2026-03-02T07:00:00+00:00"),
        # written on Sunday evening about Thursday: still ordered by its date
        "thu": make("2026-03-05", "2026-03-08T20:00:00+00:00"),
        # written ahead, on Monday morning, about Sunday
        "sun": make("2026-03-08", "2026-03-02T06:00:00+00:00"),
        "mon after": make("2026-03-09", "2026-03-09T09:00:00+00:00"),
    }
    for title, e in entries.items():
        repo.add(e.edited(at=e.updated_at, title=title))
    return entries


def test_between_includes_both_bounds_ordered_by_date_then_time(repo, week):
    found = repo.between(day("2026-03-02"), day("2026-03-08"))
    assert [e.title for e in found] == ["mon early", "mon late", "thu", "sun"]


def test_between_a_single_day_and_an_empty_range(repo, week):
    assert [e.title for e in repo.between(day("2026-03-05"), day("2026-03-05"))] == [
        "thu"
    ]
    assert repo.between(day("2026-03-06"), day("2026-03-07")) == []
    assert repo.between(day("2026-03-08"), day("2026-03-02")) == []  # reversed


def test_iter_all_is_oldest_first(repo, week):
    assert [e.title for e in repo.iter_all()] == [
        "sun before",
        "mon early",
        "mon late",
        "thu",
        "sun",
        "mon after",
    ]
    assert repo.count() == 6


def test_days_with_entries(repo, week):
    assert repo.days_with_entries(day("2026-03-02"), day("2026-03-08")) == {
        day("2026-03-02"),  # two entries, listed once
        day("2026-03-05"),
        day("2026-03-08"),
    }
    assert repo.days_with_entries(day("2026-04-01"), day("2026-04-30")) == set()


# -- delete -----------------------------------------------------------------------


def test_delete_returns_the_entry_and_removes_it(repo):
    keep = make("2026-03-02", text="keep me")
    gone = make(
        "2026-03-02", "2026-03-02T10:00:00+00:00", text="delete me", tags=("x",)
    )
    repo.add(keep)
    repo.add(gone)

    deleted = repo.delete(gone.id)
    assert deleted == gone
    assert repo.get(gone.id) is None
    assert repo.count() == 1
    assert repo.on_day(day("2026-03-02")) == [keep]
    assert repo.tags() == []

    # put it back (undo)
    repo.save(deleted)
    assert repo.get(gone.id) == gone


def test_delete_of_an_unknown_id_returns_none(repo):
    repo.add(make("2026-03-02"))
    assert repo.delete("no-such-id") is None
    assert repo.count() == 1


# -- search -----------------------------------------------------------------------


def titles(entries: list[Entry]) -> set[str]:
    return {e.title for e in entries}


def test_search_finds_words_in_title_text_and_tags(repo):
    repo.add(make("2026-03-02", title="Budget talk", text="Quarterly numbers"))
    repo.add(
        make("2026-03-03", title="Coaching", text="Sam asked", tags=("mentoring",))
    )
    assert titles(repo.search("budget")) == {"Budget talk"}
    assert titles(repo.search("quarterly")) == {"Budget talk"}
    assert titles(repo.search("mentoring")) == {"Coaching"}
    assert repo.search("absent") == []


def test_search_after_update_forgets_old_words(repo):
    entry = make("2026-03-02", title="t", text="the reorg plan", tags=("oldtag",))
    repo.add(entry)
    assert titles(repo.search("reorg")) == {"t"}

    repo.update(
        entry.edited(
            at=at("2026-03-03T09:00:00+00:00"),
            text="the offsite agenda",
            tags=("newtag",),
        )
    )
    assert repo.search("reorg") == []
    assert repo.search("oldtag") == []
    assert titles(repo.search("offsite")) == {"t"}
    assert titles(repo.search("newtag")) == {"t"}


def test_search_after_save_as_upsert_forgets_old_words(repo):
    entry = make("2026-03-02", title="t", text="alpha")
    repo.save(entry)
    repo.save(entry.edited(at=at("2026-03-03T09:00:00+00:00"), text="omega"))
    assert repo.search("alpha") == []
    assert titles(repo.search("omega")) == {"t"}


def test_search_after_delete_finds_nothing(repo):
    entry = make("2026-03-02", title="t", text="confidential salary talk")
    repo.add(entry)
    repo.delete(entry.id)
    assert repo.search("salary") == []


def test_search_matches_word_prefixes(repo):
    repo.add(make("2026-03-02", title="a", text="I delegated the release"))
    repo.add(make("2026-03-03", title="b", text="I kept the release"))
    assert titles(repo.search("deleg")) == {"a"}
    assert titles(repo.search("rel")) == {"a", "b"}


def test_search_phrase_in_quotes(repo):
    repo.add(make("2026-03-02", title="in order", text="our weekly review went well"))
    repo.add(make("2026-03-03", title="reversed", text="review of the weekly plan"))
    assert titles(repo.search('"weekly review"')) == {"in order"}
    assert titles(repo.search("weekly review")) == {"in order", "reversed"}


def test_search_needs_every_word(repo):
    repo.add(make("2026-03-02", title="both", text="budget and hiring"))
    repo.add(make("2026-03-03", title="budget only", text="budget"))
    repo.add(make("2026-03-04", title="hiring only", text="hiring"))
    assert titles(repo.search("budget hiring")) == {"both"}
    assert titles(repo.search("hiring budget")) == {"both"}


@pytest.mark.parametrize("query", ["cafe", "CAFE", "Café", "CAFÉ", "cAfÉ"])
def test_search_ignores_case_and_accents(repo, query):
    repo.add(make("2026-03-02", title="coffee", text="Met Ana at the Café"))
    repo.add(make("2026-03-03", title="tea", text="Met Bo at the tea room"))
    assert titles(repo.search(query)) == {"coffee"}


def test_search_finds_text_in_other_scripts(repo):
    repo.add(
        make(
            "2026-03-02",
            title="ar",
            text=(
                "\u0627\u062c\u062a\u0645\u0627\u0639 \u0645\u0639 "
                "\u0627\u0644\u0641\u0631\u064a\u0642"
            ),
        )
    )
    repo.add(
        make(
            "2026-03-03",
            title="he",
            text=(
                "\u05e4\u05d2\u05d9\u05e9\u05d4 \u05e2\u05dd "
                "\u05d4\u05e6\u05d5\u05d5\u05ea"
            ),
        )
    )
    assert titles(repo.search("\u0627\u0644\u0641\u0631\u064a\u0642")) == {"ar"}
    assert titles(repo.search("\u05e4\u05d2\u05d9\u05e9\u05d4")) == {"he"}


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        '"unclosed phrase',
        "AND",
        "OR",
        "NOT",
        "a AND",
        "NOT a",
        "*",
        "a*",
        "(",
        ")",
        "NEAR(",
        "NEAR(a b)",
        "{title}",
        "title:",
        "text:budget",
        "^",
        "-",
        "+",
        "'",
        "\\",
        ":",
        ";",
        'a"b',
    ],
)
def test_search_never_raises_on_odd_input(repo, query):
    repo.add(make("2026-03-02", title="t", text="budget AND (planning) for Q3"))
    found = repo.search(query)
    assert isinstance(found, list)
    assert all(isinstance(e, Entry) for e in found)


@pytest.mark.parametrize("query", ["", "   ", '"', '""', "\n\t"])
def test_empty_searches_find_nothing(repo, query):
    repo.add(make("2026-03-02", title="t", text="anything"))
    assert repo.search(query) == []


def test_search_treats_operator_words_as_words(repo):
    repo.add(make("2026-03-02", title="with and", text="research and development"))
    repo.add(make("2026-03-03", title="without", text="research alone"))
    assert titles(repo.search("AND")) == {"with and"}
    assert titles(repo.search("research AND")) == {"with and"}
    assert titles(repo.search("text:research")) == set()  # no column filter


# -- tags -------------------------------------------------------------------------


def test_tags_are_listed_most_used_first(repo):
    repo.add(make("2026-03-02", tags=("hiring", "ops")))
    repo.add(make("2026-03-03", tags=("Hiring", "budget")))
    repo.add(make("2026-03-04", tags=("hiring",)))
    repo.add(make("2026-03-05", tags=("ops",)))
    # hiring: 3 (any case), ops: 2, budget: 1
    assert [t.casefold() for t in repo.tags()] == ["hiring", "ops", "budget"]


def test_tags_follow_updates_and_deletes(repo):
    a = make("2026-03-02", tags=("hiring", "ops"))
    b = make("2026-03-03", tags=("ops",))
    repo.add(a)
    repo.add(b)
    assert repo.tags() == ["ops", "hiring"]  # ops: 2, hiring: 1

    repo.update(a.edited(at=at("2026-03-04T09:00:00+00:00"), tags=("budget",)))
    assert repo.tags() == ["budget", "ops"]  # both 1: alphabetical

    repo.delete(b.id)
    assert repo.tags() == ["budget"]


def test_no_tags_in_an_empty_journal(repo):
    assert repo.tags() == []


# -- the database itself refuses bad data -----------------------------------------


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("influence", 3),
        ("mentor", -3),
        ("growth", 100),
        ("advice_requests", -1),
        ("date", "2026-02-30"),
        ("date", "29/11/2026"),
        ("tags", "not json"),
    ],
)
def test_check_constraints_reject_bad_values_written_by_raw_sql(
    journal_kind, journal, column, value
):
    row = {
        "id": "raw-1",
        "date": "2026-03-02",
        "created_at": "2026-03-02T09:00:00+00:00",
        "updated_at": "2026-03-02T09:00:00+00:00",
    }
    row[column] = value
    db = connect(
        journal.path, encryption.data_key(journal.data_dir, journal_kind.secret)
    )
    try:
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                f"INSERT INTO entries ({', '.join(row)}) "
                f"VALUES ({', '.join('?' for _ in row)})",
                tuple(row.values()),
            )
    finally:
        db.close()
    assert journal.entries.count() == 0
    assert journal.entries.get("raw-1") is None


def test_raw_sql_with_good_values_is_readable(journal_kind, journal):
    db = connect(
        journal.path, encryption.data_key(journal.data_dir, journal_kind.secret)
    )
    try:
        with db.conn:
            db.execute(
                "INSERT INTO entries "
                "(id, date, created_at, updated_at, influence, tags) "
                "VALUES ('raw-ok', '2026-03-02', '2026-03-02T09:00:00+00:00', "
                "'2026-03-02T09:00:00+00:00', -2, '[\"from sql\"]')"
            )
    finally:
        db.close()
    stored = journal.entries.get("raw-ok")
    assert stored.ratings["influence"] == -2
    assert stored.tags == ("from sql",)
    assert journal.entries.tags() == ["from sql"]
