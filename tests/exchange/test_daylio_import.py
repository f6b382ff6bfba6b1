"""Daylio's CSV export: every field of every entry, read in this computer's
zone on either side of midnight; the same file twice adds nothing; a broken
copy writes nothing and names each bad line."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.exchange import daylio
from leaderjournal.exchange.import_plan import ImportFileError
from leaderjournal.exchange.importers import apply_import, plan, recognise
from leaderjournal.exchange.sources import SourceFileError

DATA = Path(__file__).parent.parent / "data" / "import" / "daylio"
EXPORT = DATA / "daylio_export.csv"
BROKEN = DATA / "daylio_broken.csv"


@pytest.fixture
def zone(request, monkeypatch):
    """This computer's time zone, for the test (Daylio's times have none)."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield ZoneInfo(request.param)
    monkeypatch.undo()
    time.tzset()


def at(zone: ZoneInfo, *fields: int) -> dt.datetime:
    return dt.datetime(*fields, tzinfo=zone)


def expected(zone: ZoneInfo) -> list[dict]:
    return [
        {
            "date": dt.date(2024, 3, 2),
            "created_at": at(zone, 2024, 3, 2, 0, 30),
            "title": "Zo\u00eb's birthday",
            "text": "Cake with Zo\u00eb.\nThen a walk by the river.",
            "tags": ("mood:rad", "family", "cooking"),
        },
        {
            "date": dt.date(2024, 3, 1),
            "created_at": at(zone, 2024, 3, 1, 23, 30),
            "title": "Late call with \u6771\u4eac",
            "text": "The team in \u6771\u4eac asked me to decide.\n"
            'I asked what they thought first, "and" they chose.',
            "tags": ("mood:meh", "work", "\u6771\u4eac"),  # "Work" is "work"
        },
        {
            "date": dt.date(2024, 3, 1),
            "created_at": at(zone, 2024, 3, 1, 9, 5),
            "title": "",
            "text": "",
            "tags": ("mood:good", "work"),
        },
        {
            "date": dt.date(2024, 2, 29),
            "created_at": at(zone, 2024, 2, 29, 18, 45),
            "title": "اجتماع الفريق",
            "text": "تحدثنا عن الخطة",
            "tags": ("mood:awful",),
        },
    ]


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York"], indirect=True)
def test_every_field_of_every_entry_in_this_computers_zone(zone):
    read = daylio.read(EXPORT)

    assert read.problems == []
    assert read.not_brought == {}
    got = [
        {
            "date": e.date,
            "created_at": e.created_at,
            "title": e.title,
            "text": e.text,
            "tags": e.tags,
        }
        for e in read.entries
    ]
    assert got == expected(zone)
    for entry, want in zip(read.entries, expected(zone), strict=True):
        # The offset is the zone's on that day, and the times are the file's.
        assert entry.created_at.utcoffset() == want["created_at"].utcoffset()
        assert entry.updated_at == entry.created_at
        assert entry.ratings == dict.fromkeys(DIMENSION_KEYS)
        assert entry.advice_requests == 0
    assert [read.places[e.id] for e in read.entries] == [
        "line 2",
        "line 3",
        "line 4",
        "line 5",
    ]


@pytest.mark.parametrize("zone", ["Europe/Berlin"], indirect=True)
def test_half_past_midnight_in_berlin_keeps_its_day_though_utc_has_the_day_before(
    zone,
):
    first = daylio.read(EXPORT).entries[0]
    assert first.date == dt.date(2024, 3, 2)
    assert first.created_at.astimezone(dt.UTC) == dt.datetime(
        2024, 3, 1, 23, 30, tzinfo=dt.UTC
    )


@pytest.mark.parametrize("zone", ["America/New_York"], indirect=True)
def test_half_past_eleven_in_new_york_keeps_its_day_though_utc_has_the_next(zone):
    late = daylio.read(EXPORT).entries[1]
    assert late.date == dt.date(2024, 3, 1)
    assert late.created_at.astimezone(dt.UTC) == dt.datetime(
        2024, 3, 2, 4, 30, tzinfo=dt.UTC
    )


@pytest.mark.parametrize("zone", ["Asia/Tokyo"], indirect=True)
def test_ids_do_not_depend_on_the_zone_or_the_day_the_file_is_read(zone):
    here = [e.id for e in daylio.read(EXPORT).entries]
    assert [e.id for e in daylio.read(EXPORT).entries] == here
    assert len(set(here)) == 4


def test_recognised_by_its_header_and_the_older_one_without_titles(tmp_path):
    assert recognise(EXPORT).name == "daylio"
    older = tmp_path / "daylio_export_2019.csv"
    older.write_text(
        "full_date,date,weekday,time,mood,activities,note\n"
        "2019-05-18,18 May,Saturday,11:54 pm,happy,clean | music,Went out\n",
        encoding="utf-8",
    )
    assert recognise(older).name == "daylio"
    (entry,) = daylio.read(older).entries
    assert (entry.title, entry.text, entry.tags) == (
        "",
        "Went out",
        ("mood:happy", "clean", "music"),
    )
    assert entry.created_at.replace(tzinfo=None) == dt.datetime(2019, 5, 18, 23, 54)


def test_a_csv_of_another_kind_is_refused_in_one_line(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("date,what\n2024-03-01,x\n", encoding="utf-8")
    assert not daylio.recognises(other, other.read_bytes())
    with pytest.raises(SourceFileError) as raised:
        daylio.read(other)
    assert str(raised.value) == (
        "\u201cother.csv\u201d does not start with Daylio's header "
        "full_date,date,weekday,time,mood,activities,note_title,note."
    )


def sha256(database: Path) -> str:
    """The journal's bytes, with its write-ahead log's where it has one."""
    digest = hashlib.sha256(database.read_bytes())
    wal = database.with_name(database.name + "-wal")
    if wal.exists():
        digest.update(wal.read_bytes())
    return digest.hexdigest()


def test_the_same_export_twice_adds_nothing(journal, tmp_path):
    first = plan(EXPORT, journal.entries)
    assert first.format == "daylio"
    assert first.summary() == "4 added, 0 updated, 0 unchanged"
    apply_import(first, journal.entries)
    assert journal.entries.count() == 4

    copy = tmp_path / "again.csv"  # the same export, saved again elsewhere
    shutil.copyfile(EXPORT, copy)
    again = plan(copy, journal.entries)
    assert again.summary() == "0 added, 0 updated, 4 unchanged"
    apply_import(again, journal.entries)
    assert journal.entries.count() == 4
    stored = journal.entries.get(first.added[1].id)
    assert stored.title == "Late call with \u6771\u4eac"
    assert stored.tags == ("mood:meh", "work", "\u6771\u4eac")


def test_a_broken_copy_writes_nothing_and_names_every_bad_line(journal, data_dir):
    before = journal.entries.count()
    database = data_dir / "journal.db"
    digest = sha256(database)

    planned = plan(BROKEN, journal.entries)

    assert [str(p) for p in planned.problems] == [
        "Line 3: the date \u201c2024-02-30\u201d does not exist",
        "Line 4: the time \u201c25:61\u201d is not a time like 21:15 or 9:15 pm",
        "Line 5: the title is longer than 500 characters",
        "Line 6: the row has 6 cells but there are 8 columns",
    ]
    assert planned.added == []
    with pytest.raises(ImportFileError, match="nothing was imported"):
        apply_import(planned, journal.entries)
    assert journal.entries.count() == before
    assert sha256(database) == digest


def test_a_file_that_is_not_utf8_is_refused_in_one_line(tmp_path):
    latin = tmp_path / "daylio.csv"
    latin.write_bytes(
        (
            ",".join(daylio.COLUMNS)
            + "\n2024-03-01,1 March,Friday,10:00,good,,Zo\xeb,\n"
        ).encode("latin-1")
    )
    with pytest.raises(SourceFileError, match="is not UTF-8 text"):
        daylio.read(latin)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("12:05 am", dt.time(0, 5)),
        ("12:30 pm", dt.time(12, 30)),
        ("9:15 PM", dt.time(21, 15)),
        ("09:15", dt.time(9, 15)),
        ("0:00", dt.time(0, 0)),
    ],
)
def test_times_as_the_phone_wrote_them(tmp_path, written, meant):
    source = tmp_path / "daylio.csv"
    source.write_text(
        ",".join(daylio.COLUMNS) + f"\n2024-03-01,1 March,Friday,{written},good,,,\n",
        encoding="utf-8",
    )
    (entry,) = daylio.read(source).entries
    assert entry.created_at.time() == meant


@pytest.mark.parametrize("written", ["13:00 pm", "24:00", "9.15", "0:00 am", ""])
def test_a_time_that_is_no_time_is_named(tmp_path, written):
    source = tmp_path / "daylio.csv"
    source.write_text(
        ",".join(daylio.COLUMNS) + f"\n2024-03-01,1 March,Friday,{written},good,,,\n",
        encoding="utf-8",
    )
    (problem,) = daylio.read(source).problems
    assert problem.place == "line 2"
    assert problem.reason.endswith("is not a time like 21:15 or 9:15 pm")
