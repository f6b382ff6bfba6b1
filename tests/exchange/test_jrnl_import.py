"""Importing jrnl's JSON export (``jrnl --format json``).

The fixture has the shape of jrnl's own exporter (jrnl/plugins/json_exporter.py):
``{"tags": {tag: count}, "entries": [{"title", "body", "date", "time", "tags",
"starred"}]}`` written with ``json.dumps(..., indent=2)``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from pathlib import Path

import pytest

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import Entry
from leaderjournal.exchange import jrnl_json
from leaderjournal.exchange.import_plan import ImportFileError
from leaderjournal.exchange.importers import apply_import, plan, recognise
from leaderjournal.exchange.sources import SourceFileError, SourceProblem, content_id
from leaderjournal.storage.journal import Journal

FIXTURE = Path(__file__).resolve().parent.parent / "data/import/jrnl/journal.json"
NOT_RATED = dict.fromkeys(DIMENSION_KEYS)
ZOE_TITLE = "Zo\u00eb's review went well."
ZOE_BODY = (
    "We talked about the \u6771\u4eac launch and she led it.\nI only asked questions."
)
ARABIC_TITLE = (
    "\u0645\u0631\u0627\u062c\u0639\u0629 \u0627\u0644\u0623\u0633\u0628\u0648\u0639"
)


@pytest.fixture(params=["America/New_York", "Europe/Berlin"])
def local_zone(request, monkeypatch) -> str:
    """This computer's time zone, for jrnl's times that have none."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def local(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone()


def expected() -> list[Entry]:
    def entry(when: str, title: str, body: str, tags: tuple[str, ...]) -> Entry:
        at = dt.datetime.fromisoformat(when)
        return Entry(
            id=content_id("jrnl", at, f"{title}\n{body}"),
            date=at.date(),
            created_at=local(when),
            updated_at=local(when),
            title=title,
            text=body,
            ratings=NOT_RATED,
            tags=tags,
        )

    return [
        entry("2024-03-01T23:30", ZOE_TITLE, ZOE_BODY, ("work", "zo\u00eb")),
        entry("2024-03-02T00:30", ARABIC_TITLE, "", ()),
        entry(
            "2024-04-10T09:05",
            "Planning day with @work.",
            "Set the goals for Q2 together.",
            ("work",),
        ),
    ]


def digest(data_dir: Path) -> str:
    return hashlib.sha256((data_dir / "journal.db").read_bytes()).hexdigest()


def test_the_fixture_has_the_shape_jrnl_writes():
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert list(document) == ["tags", "entries"]
    for entry in document["entries"]:
        assert list(entry) == ["title", "body", "date", "time", "tags", "starred"]


def test_every_field_of_every_entry_is_read_in_this_computer_s_time(local_zone):
    read = jrnl_json.read(FIXTURE)
    assert read.problems == []
    assert read.entries == expected()
    # 23:30 on 1 March stays 1 March, and 00:30 on 2 March stays 2 March,
    # whichever day it is in UTC
    first, second, _ = read.entries
    assert first.date == dt.date(2024, 3, 1)
    assert second.date == dt.date(2024, 3, 2)
    offset = {"America/New_York": "-05:00", "Europe/Berlin": "+01:00"}[local_zone]
    assert first.created_at.isoformat() == f"2024-03-01T23:30:00{offset}"
    assert second.updated_at.isoformat() == f"2024-03-02T00:30:00{offset}"
    utc_day = first.created_at.astimezone(dt.UTC).date()
    assert utc_day == (
        dt.date(2024, 3, 2) if local_zone == "America/New_York" else dt.date(2024, 3, 1)
    )
    assert [read.places[e.id] for e in read.entries] == [
        "entry 1",
        "entry 2",
        "entry 3",
    ]
    assert dict(read.not_brought) == {"starred flag": 1}


def test_recognised_as_jrnl_and_not_as_day_one():
    assert recognise(FIXTURE).name == "jrnl"


def test_import_writes_the_entries_and_the_same_file_twice_adds_nothing(
    local_zone, data_dir
):
    with Journal(data_dir) as journal:
        first = plan(FIXTURE, journal.entries)
        assert first.format == "jrnl"
        assert first.summary() == (
            "3 added, 0 updated, 0 unchanged; not brought along: 1 starred flag"
        )
        apply_import(first, journal.entries)
        stored = sorted(journal.entries.iter_all(), key=lambda e: e.date)
        assert stored == expected()
        assert [e.created_at.isoformat() for e in stored] == [
            e.created_at.isoformat() for e in expected()
        ]
        again = plan(FIXTURE, journal.entries)
        assert again.summary() == (
            "0 added, 0 updated, 3 unchanged; not brought along: 1 starred flag"
        )


def test_a_broken_copy_lists_every_problem_with_its_place_and_writes_nothing(
    tmp_path: Path, data_dir
):
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    entries = document["entries"]
    entries[0]["date"] = "2024-02-30"
    entries[1]["title"] = "t" * 501
    entries[2]["time"] = "25:99"
    entries[2]["body"] = ["not", "text"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    with Journal(data_dir) as journal:
        journal.entries.add(Entry.new(dt.date(2024, 1, 1), text="already here"))
    before = digest(data_dir)
    with Journal(data_dir) as journal:
        planned = plan(path, journal.entries)
        assert planned.problems == [
            SourceProblem(
                "entry 1",
                "its date \u201c2024-02-30\u201d is not a day like 2024-03-01",
            ),
            SourceProblem("entry 2", "the title is longer than 500 characters"),
            SourceProblem(
                "entry 3",
                "its time \u201c25:99\u201d is not a time like 21:30; its body is "
                "not text but \u201c['not', 'text']\u201d",
            ),
        ]
        with pytest.raises(ImportFileError, match="3 entries are not valid"):
            apply_import(planned, journal.entries)
        assert journal.entries.count() == 1
    assert digest(data_dir) == before


def test_a_truncated_file_is_refused_in_one_line(tmp_path: Path):
    data = FIXTURE.read_bytes()
    path = tmp_path / "cut.json"
    path.write_bytes(data[:-40])
    with pytest.raises(SourceFileError) as raised:
        jrnl_json.read(path)
    assert str(raised.value).startswith(
        "\u201ccut.json\u201d is not valid JSON at line "
    )


def test_the_same_entry_twice_is_imported_once(tmp_path: Path):
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    document["entries"].append(document["entries"][0])
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    read = jrnl_json.read(path)
    assert len(read.entries) == 3
    assert read.not_brought["duplicate"] == 1
