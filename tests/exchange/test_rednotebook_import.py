"""RedNotebook's data folder: every field of every day, tags from the "Tags"
category, from categories and from #hashtags; the same folder twice adds
nothing; a broken copy writes nothing and names each file and day."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.limits import TEXT_MAX
from leaderjournal.exchange import rednotebook
from leaderjournal.exchange.import_plan import ImportFileError
from leaderjournal.exchange.importers import apply_import, plan, recognise
from leaderjournal.exchange.sources import SourceFileError

DATA = Path(__file__).parent.parent / "data" / "import" / "rednotebook"
FOLDER = DATA / "data"
BROKEN = DATA / "broken"


@pytest.fixture
def zone(request, monkeypatch):
    """This computer's time zone, for the test (RedNotebook has none)."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield ZoneInfo(request.param)
    monkeypatch.undo()
    time.tzset()


def expected(zone: ZoneInfo) -> list[dict]:
    def day(*fields: int) -> dict:
        return {
            "date": dt.date(*fields),
            "created_at": dt.datetime(*fields, tzinfo=zone),
        }

    return [
        day(2023, 12, 31)
        | {"text": "New Year's Eve in Berlin.", "tags": ("Zo\u00eb",)},
        day(2024, 2, 29)
        | {
            "text": "Leap day. Spoke with Zo\u00eb about the #roadmap and #Hiring."
            "\n\nSecond paragraph, about the team in \u6771\u4eac.",
            "tags": ("coaching", "one-on-one", "roadmap", "Hiring"),
        },
        day(2024, 3, 1)
        | {
            "text": "اجتماع الفريق\nثم #تخطيط",
            "tags": ("Ideas", "تخطيط"),
        },
        day(2024, 3, 2) | {"text": "", "tags": ("travel",)},
        day(2024, 3, 14)
        | {
            "text": "= Review =\nColour #FF0000 is not a tag; #include neither; "
            "issue #42 neither.\nBut #Feedback is, and so is \uff03\u6771\u4eac.",
            "tags": ("feedback", "\u6771\u4eac"),
        },
    ]


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York"], indirect=True)
def test_every_field_of_every_day_at_midnight_in_this_computers_zone(zone):
    read = rednotebook.read(FOLDER)

    assert read.problems == []
    got = [
        {"date": e.date, "created_at": e.created_at, "text": e.text, "tags": e.tags}
        for e in read.entries
    ]
    assert got == expected(zone)
    for entry, want in zip(read.entries, expected(zone), strict=True):
        assert entry.created_at.utcoffset() == want["created_at"].utcoffset()
        assert entry.updated_at == entry.created_at
        assert entry.title == ""
        assert entry.ratings == dict.fromkeys(DIMENSION_KEYS)
        assert entry.advice_requests == 0
    assert [read.places[e.id] for e in read.entries] == [
        "2023-12.txt, day 31",
        "2024-02.txt, day 29",
        "2024-03.txt, day 1",
        "2024-03.txt, day 2",
        "2024-03.txt, day 14",
    ]
    # The two notes under "Ideas" on 1 March cannot come along.
    assert read.not_brought == {"note in a category": 2}


@pytest.mark.parametrize("zone", ["Europe/Berlin"], indirect=True)
def test_midnight_in_berlin_keeps_its_day_though_utc_has_the_day_before(zone):
    first_of_march = rednotebook.read(FOLDER).entries[2]
    assert first_of_march.date == dt.date(2024, 3, 1)
    assert first_of_march.created_at.astimezone(dt.UTC) == dt.datetime(
        2024, 2, 29, 23, 0, tzinfo=dt.UTC
    )


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati"], indirect=True)
def test_ids_do_not_depend_on_the_zone(zone):
    ids = [e.id for e in rednotebook.read(FOLDER).entries]
    assert len(set(ids)) == 5
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "America/Los_Angeles")
        time.tzset()
        assert [e.id for e in rednotebook.read(FOLDER).entries] == ids
    time.tzset()


def test_recognised_as_a_folder_or_by_one_of_its_month_files(tmp_path):
    assert recognise(FOLDER).name == "rednotebook"
    assert recognise(FOLDER / "2024-02.txt").name == "rednotebook"
    # One month file read is the whole folder read.
    by_file = rednotebook.read(FOLDER / "2024-02.txt")
    assert len(by_file.entries) == 5


def test_a_folder_without_month_files_is_not_recognised(tmp_path):
    (tmp_path / "notes.txt").write_text("1: {text: hello}\n", encoding="utf-8")
    (tmp_path / "2024-03.old.txt").write_text("1: {text: hello}\n", encoding="utf-8")
    assert not rednotebook.recognises(tmp_path, b"")
    with pytest.raises(ImportFileError, match="is not a journal export"):
        recognise(tmp_path)
    with pytest.raises(SourceFileError) as raised:
        rednotebook.read(tmp_path)
    assert "holds no RedNotebook month files (named like 2024-03.txt)" in str(
        raised.value
    )


def test_files_beside_the_months_are_left_alone(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(FOLDER, folder)
    (folder / "2024-03.old.txt").write_text("not: [yaml", encoding="utf-8")
    (folder / "configuration.cfg").write_text("x=1\n", encoding="utf-8")
    read = rednotebook.read(folder)
    assert read.problems == []
    assert len(read.entries) == 5


def sha256(database: Path) -> str:
    """The journal's bytes, with its write-ahead log's where it has one."""
    digest = hashlib.sha256(database.read_bytes())
    wal = database.with_name(database.name + "-wal")
    if wal.exists():
        digest.update(wal.read_bytes())
    return digest.hexdigest()


def test_the_same_folder_twice_adds_nothing(journal, tmp_path):
    first = plan(FOLDER, journal.entries)
    assert first.format == "rednotebook"
    assert first.summary() == (
        "5 added, 0 updated, 0 unchanged; not brought along: 2 notes in a category"
    )
    apply_import(first, journal.entries)
    assert journal.entries.count() == 5

    copy = tmp_path / "copied"
    shutil.copytree(FOLDER, copy)
    for month in copy.iterdir():  # a copy made later: newer files, same days
        month.touch()
    again = plan(copy, journal.entries)
    assert again.summary().startswith("0 added, 0 updated, 5 unchanged")
    stored = journal.entries.get(first.added[1].id)
    assert stored.date == dt.date(2024, 2, 29)
    assert stored.tags == ("coaching", "one-on-one", "roadmap", "Hiring")


def test_a_broken_copy_writes_nothing_and_names_every_file_and_day(journal, data_dir):
    database = data_dir / "journal.db"
    digest = sha256(database)

    planned = plan(BROKEN, journal.entries)

    assert [str(p) for p in planned.problems] == [
        "2024-04.txt, day 31: April 2024 has 30 days",
        "2024-04.txt, day x: \u201cx\u201d is not a day number",
        "2024-05.txt: this is not valid YAML (line 1)",
        "2024-06.txt: this is not a RedNotebook month (day numbers, each with "
        "its text)",
        "2024-07.txt, day 3: the day is not a text with its categories",
    ]
    with pytest.raises(ImportFileError, match="nothing was imported"):
        apply_import(planned, journal.entries)
    assert journal.entries.count() == 0
    assert sha256(database) == digest


def test_a_day_too_long_is_named_and_not_cut(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "2024-03.txt").write_text(
        f"1: {{text: fine}}\n2: {{text: {'x' * (TEXT_MAX + 1)}}}\n", encoding="utf-8"
    )
    read = rednotebook.read(folder)
    assert [str(p) for p in read.problems] == [
        "2024-03.txt, day 2: the text is longer than 1,000,000 characters"
    ]


def test_a_month_outside_the_years_a_journal_holds_is_named(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "1899-12.txt").write_text("31: {text: old}\n", encoding="utf-8")
    (folder / "2024-13.txt").write_text("1: {text: no month}\n", encoding="utf-8")
    read = rednotebook.read(folder)
    assert [str(p) for p in read.problems] == [
        "1899-12.txt: the year 1899 is outside the years 1900-2100 that a "
        "journal can hold",
        "2024-13.txt: there is no month 13",
    ]


def test_yaml_that_would_make_python_objects_is_refused(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "2024-03.txt").write_text(
        "1: !!python/object/apply:os.system ['touch pwned']\n", encoding="utf-8"
    )
    read = rednotebook.read(folder)
    assert [str(p) for p in read.problems] == [
        "2024-03.txt: this is not valid YAML (line 1)"
    ]
    assert not (Path.cwd() / "pwned").exists()
