"""Importing Day One's JSON export (a bare .json, or the .zip Day One writes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import Entry
from leaderjournal.exchange import dayone
from leaderjournal.exchange.import_plan import ImportFileError
from leaderjournal.exchange.importers import apply_import, plan, recognise
from leaderjournal.exchange.sources import SourceFileError, SourceProblem, source_id
from leaderjournal.storage.journal import Journal

FIXTURE = Path(__file__).resolve().parent.parent / "data/import/dayone/Journal.json"
NOT_RATED = dict.fromkeys(DIMENSION_KEYS)


def zone(hours: int) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=hours))


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def expected() -> list[Entry]:
    """The fixture's entries, field by field, as a journal should hold them."""

    def entry(uuid: str, **fields) -> Entry:
        return Entry(id=source_id("dayone", uuid), ratings=NOT_RATED, **fields)

    return [
        # 23:30 UTC on 1 March is 00:30 on 2 March in Berlin: its day is 2 March
        entry(
            "3F2A6C1E9B8D4E7FA1C2D3E4F5A6B7C8",
            date=dt.date(2024, 3, 2),
            created_at=at("2024-03-02T00:30:00+01:00"),
            updated_at=at("2024-03-02T09:15:00+01:00"),
            title="Zo\u00eb's first week",
            text="Zo\u00eb ran the stand-up; I stayed quiet and let the team decide.",
            tags=("Team", "1:1"),
        ),
        # 04:30 UTC on 2 March is 23:30 on 1 March in New York: its day is 1 March
        entry(
            "9C8B7A6F5E4D4C3BA2918F7E6D5C4B3A",
            date=dt.date(2024, 3, 1),
            created_at=at("2024-03-01T23:30:00-05:00"),
            updated_at=at("2024-03-01T23:30:00-05:00"),
            title="",
            text="Call with the \u6771\u4eac office ran late.  Next time I ask "
            "before I answer.",
            tags=("\u6771\u4eac", "delegation"),
        ),
        entry(
            "0D1E2F3A4B5C4D6E8F9A0B1C2D3E4F5A",
            date=dt.date(2024, 6, 15),
            created_at=at("2024-06-15T10:00:00+09:00"),
            updated_at=at("2024-06-15T10:00:00+09:00"),
            title="اجتماع الفريق",
            text="طلبت من الفريق أن يقترحوا الحل.",
            tags=("\u0645\u0634\u0631\u0648\u0639",),
        ),
        # no timeZone and no text: UTC, an empty entry
        entry(
            "5A6B7C8D9E0F4A1B8C2D3E4F5A6B7C8D",
            date=dt.date(2024, 7, 1),
            created_at=at("2024-07-01T12:00:00+00:00"),
            updated_at=at("2024-07-01T12:05:00+00:00"),
        ),
        # a time zone Python does not know: UTC
        entry(
            "E1F2A3B4C5D64E7F8A9B0C1D2E3F4A5B",
            date=dt.date(2024, 8, 20),
            created_at=at("2024-08-20T18:45:10+00:00"),
            updated_at=at("2024-08-21T07:00:00+00:00"),
            text="Written far away.",
            tags=("Travel",),
        ),
    ]


def offsets(entries: list[Entry]) -> list[tuple[str, str]]:
    """The times as written, offsets included (== compares instants only)."""
    return [(e.created_at.isoformat(), e.updated_at.isoformat()) for e in entries]


def digest(data_dir: Path) -> str:
    return hashlib.sha256((data_dir / "journal.db").read_bytes()).hexdigest()


def day_one_zip(path: Path, journals: dict[str, bytes], extra: int = 1) -> Path:
    """A zip as Day One writes it: the journals at the top, photos/ beside."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in journals.items():
            archive.writestr(name, data)
        for number in range(extra):
            archive.writestr(f"photos/{number:032x}.jpeg", b"\xff\xd8\xff\xe0 jpeg")
    return path


def test_every_field_of_every_entry_is_read_in_its_own_time_zone():
    read = dayone.read(FIXTURE)
    assert read.problems == []
    assert read.entries == expected()
    assert offsets(read.entries) == offsets(expected())
    assert [read.places[e.id] for e in read.entries] == [
        f"entry {n}" for n in range(1, 6)
    ]
    # two photo links (one each in entries 1 and 3), a video, an audio note
    assert dict(read.not_brought) == {
        "photo": 2,
        "video": 1,
        "recording": 1,
        "starred flag": 2,
        "location": 1,
        "weather report": 1,
    }


def test_a_json_and_a_zip_are_recognised_and_a_jrnl_export_is_not(tmp_path: Path):
    assert recognise(FIXTURE).name == "dayone"
    archive = day_one_zip(
        tmp_path / "export.zip", {"Journal.json": FIXTURE.read_bytes()}
    )
    assert recognise(archive).name == "dayone"
    jrnl = FIXTURE.parent.parent / "jrnl" / "journal.json"
    assert not dayone.recognises(jrnl, jrnl.read_bytes())
    photos_only = day_one_zip(tmp_path / "photos.zip", {}, extra=2)
    assert not dayone.recognises(photos_only, photos_only.read_bytes())


def test_import_writes_the_entries_and_the_same_file_twice_adds_nothing(data_dir):
    with Journal(data_dir) as journal:
        first = plan(FIXTURE, journal.entries)
        assert first.format == "dayone"
        assert first.summary() == (
            "5 added, 0 updated, 0 unchanged; not brought along: "
            "1 location, 2 photos, 1 recording, 2 starred flags, 1 video, "
            "1 weather report"
        )
        apply_import(first, journal.entries)
        stored = sorted(journal.entries.iter_all(), key=lambda e: e.date)
        assert stored == sorted(expected(), key=lambda e: e.date)
        assert sorted(offsets(stored)) == sorted(offsets(expected()))

        again = plan(FIXTURE, journal.entries)
        assert (len(again.added), len(again.updated), again.unchanged) == (0, 0, 5)
        assert again.kept == []


def test_a_zip_with_several_journals_imports_them_all(tmp_path: Path, data_dir):
    document = json.loads(FIXTURE.read_bytes())
    work = {"metadata": document["metadata"], "entries": document["entries"][:2]}
    home = {"metadata": document["metadata"], "entries": document["entries"][2:]}
    archive = day_one_zip(
        tmp_path / "Export-All.zip",
        {
            "Work.json": json.dumps(work).encode(),
            "Home.json": json.dumps(home).encode(),
        },
        extra=3,
    )
    read = dayone.read(archive)
    assert read.problems == []
    assert sorted(read.entries, key=lambda e: e.id) == sorted(
        expected(), key=lambda e: e.id
    )
    assert sorted(read.places.values()) == [
        "Home.json, entry 1",
        "Home.json, entry 2",
        "Home.json, entry 3",
        "Work.json, entry 1",
        "Work.json, entry 2",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Export-All.zip"]
    with Journal(data_dir) as journal:
        apply_import(plan(archive, journal.entries), journal.entries)
        assert journal.entries.count() == 5
        # Edited since: the journal's version stays, and the plan says where
        # the older one stands in the zip.
        edited = journal.entries.get(source_id("dayone", work["entries"][1]["uuid"]))
        later = edited.updated_at + dt.timedelta(hours=1)
        journal.entries.save(
            dataclasses.replace(edited, text="Edited here", updated_at=later)
        )
        again = plan(archive, journal.entries)
        assert [(k.entry_id, k.place, k.newer) for k in again.kept] == [
            (edited.id, "Work.json, entry 2", True)
        ]
        assert again.unchanged == 4


def broken_copy(tmp_path: Path) -> Path:
    document = json.loads(FIXTURE.read_bytes())
    entries = document["entries"]
    entries[1]["creationDate"] = "2024-02-30T10:00:00Z"  # no such day
    entries[2]["text"] = "# " + "t" * 501 + "\nbody"  # a title too long
    del entries[3]["uuid"]
    entries[4]["tags"] = "Travel"  # not a list
    entries.append("not an entry")
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_broken_copy_lists_every_problem_with_its_place_and_writes_nothing(
    tmp_path: Path, data_dir
):
    path = broken_copy(tmp_path)
    with Journal(data_dir) as journal:
        journal.entries.add(Entry.new(dt.date(2024, 1, 1), text="already here"))
    before = digest(data_dir)
    with Journal(data_dir) as journal:
        planned = plan(path, journal.entries)
        assert planned.problems == [
            SourceProblem(
                "entry 2",
                "its creationDate \u201c2024-02-30T10:00:00Z\u201d is not a time "
                "like 2024-03-01T22:30:00Z",
            ),
            SourceProblem("entry 3", "the title is longer than 500 characters"),
            SourceProblem("entry 4", "it has no uuid"),
            SourceProblem(
                "entry 5", "its tags are not a list of words but \u201cTravel\u201d"
            ),
            SourceProblem("entry 6", "this is not an entry (an object with a uuid)"),
        ]
        assert planned.added == []
        with pytest.raises(ImportFileError, match="5 entries are not valid"):
            apply_import(planned, journal.entries)
        assert journal.entries.count() == 1
    assert digest(data_dir) == before


def test_a_truncated_file_is_refused_in_one_line(tmp_path: Path):
    data = FIXTURE.read_bytes()
    path = tmp_path / "cut.json"
    path.write_bytes(data[: len(data) // 2])
    assert recognise(path).name == "dayone"  # its start is Day One's
    with pytest.raises(SourceFileError) as raised:
        dayone.read(path)
    message = str(raised.value)
    assert message.startswith("\u201ccut.json\u201d is not valid JSON at line ")
    assert message.endswith("it may be cut short; export it again.")
    assert "\n" not in message


def test_a_zip_is_read_in_memory_within_its_limits(tmp_path: Path, monkeypatch):
    # A path inside the zip is never followed: only top-level journals count.
    sneaky = day_one_zip(tmp_path / "sneaky.zip", {"../Journal.json": b"{}"})
    with pytest.raises(SourceFileError, match="holds no journal"):
        dayone.read(sneaky)
    archive = day_one_zip(
        tmp_path / "many.zip", {"Journal.json": FIXTURE.read_bytes()}, extra=4
    )
    monkeypatch.setattr(dayone, "ZIP_MAX_MEMBERS", 4)
    with pytest.raises(SourceFileError, match="holds more than 4 files"):
        dayone.read(archive)
    monkeypatch.setattr(dayone, "ZIP_MAX_MEMBERS", 10)
    monkeypatch.setattr(dayone, "SOURCE_MAX_BYTES", 1000)
    with pytest.raises(SourceFileError, match="larger than 0 MB unpacked"):
        dayone.read(archive)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many.zip", "sneaky.zip"]


def test_a_damaged_zip_is_refused_in_one_line(tmp_path: Path):
    archive = day_one_zip(
        tmp_path / "export.zip", {"Journal.json": FIXTURE.read_bytes()}
    )
    damaged = tmp_path / "damaged.zip"
    data = archive.read_bytes()
    damaged.write_bytes(data[:40] + b"\x00" * 200 + data[240:])
    with pytest.raises(SourceFileError, match="damaged zip file"):
        dayone.read(damaged)
