"""The weekly reviews CSV, the jrnl JSON and the Export Everything archive,
each read back and compared with the journal."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest

from leaderjournal.domain.dimensions import DIMENSION_KEYS, OVERALL
from leaderjournal.domain.entry import Entry
from leaderjournal.domain.review import WeekNotes
from leaderjournal.exchange.archive import MEMBERS, write_archive
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS, WEEK_COLUMNS
from leaderjournal.exchange.export import (
    ExportOptions,
    export_to_file,
    export_to_stream,
)
from leaderjournal.exchange.files import ExchangeError

BERLIN = dt.timezone(dt.timedelta(hours=1))
NEW_YORK = dt.timezone(dt.timedelta(hours=-5))
FIRST = DIMENSION_KEYS[0]


def read_rows(path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, strict=True))


@pytest.fixture
def reviewed(journal):
    for notes in [
        WeekNotes("2026-W09", "=SUM(A1)", "+1 more coaching", None),
        WeekNotes("2026-W10", "Listened more.\n-less talking", "Zoë's 1:1", True),
        WeekNotes("2026-W11"),  # nothing written: no row
        WeekNotes("2026-W12", "", "", False),
        WeekNotes("2027-W01", "@new year", "'quoted", None),
    ]:
        journal.reviews.save_notes(notes)
    return journal


def test_the_reviews_csv_has_a_row_per_written_review(reviewed, tmp_path):
    path = tmp_path / "reviews.csv"
    written = export_to_file(reviewed.entries, path, ExportOptions(kind="reviews"))

    assert written == 4
    assert path.read_bytes().startswith(
        b"week,reflection,intention,last_intention_kept\r\n"
    )
    assert read_rows(path)[1:] == [
        ["2026-W09", "'=SUM(A1)", "'+1 more coaching", ""],
        ["2026-W10", "Listened more.\n'-less talking", "Zoë's 1:1", "yes"],
        ["2026-W12", "", "", "no"],
        ["2027-W01", "'@new year", "''quoted", ""],
    ]


def test_the_reviews_of_a_range_are_the_weeks_with_a_day_in_it(reviewed, tmp_path):
    path = tmp_path / "reviews.csv"
    # Sunday 2026-03-08 ends W10; Monday 2026-03-16 starts W12.
    options = ExportOptions(
        kind="reviews", start=dt.date(2026, 3, 8), end=dt.date(2026, 3, 16)
    )
    assert export_to_file(reviewed.entries, path, options) == 2
    assert [row[0] for row in read_rows(path)[1:]] == ["2026-W10", "2026-W12"]


def test_the_reviews_go_to_standard_output_too(reviewed):
    out = io.StringIO(newline="")
    assert export_to_stream(reviewed.entries, out, ExportOptions(kind="reviews")) == 4
    assert (
        out.getvalue().splitlines()[0]
        == "week,reflection,intention,last_intention_kept"
    )


def jrnl_entries() -> list[Entry]:
    return [
        Entry(
            id="1d7f0d1e-0000-4000-8000-000000000001",
            date=dt.date(2026, 3, 2),
            created_at=dt.datetime(2026, 3, 2, 0, 30, tzinfo=BERLIN),
            updated_at=dt.datetime(2026, 3, 2, 0, 30, tzinfo=BERLIN),
            title="Late one in Berlin",
            text="Zoë, 東京, مرحبا\n\nsecond paragraph",
            ratings={FIRST: 1},
            tags=("Zoë", "1:1"),
        ),
        Entry(
            id="1d7f0d1e-0000-4000-8000-000000000002",
            date=dt.date(2026, 3, 1),
            created_at=dt.datetime(2026, 3, 1, 23, 30, tzinfo=NEW_YORK),
            updated_at=dt.datetime(2026, 3, 1, 23, 45, tzinfo=NEW_YORK),
            title="",
            text="",
            tags=("1:1",),
        ),
    ]


def test_jrnl_json_has_the_shape_jrnl_writes(journal, tmp_path):
    journal.entries.save_many(jrnl_entries())
    path = tmp_path / "journal.json"

    written = export_to_file(journal.entries, path, ExportOptions(kind="jrnl"))

    assert written == 2
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == {
        "tags": {"@1:1": 2, "@Zoë": 1},
        "entries": [
            {
                "title": "",
                "body": "",
                "date": "2026-03-01",
                "time": "23:30",
                "tags": ["@1:1"],
                "starred": False,
            },
            {
                "title": "Late one in Berlin",
                "body": "Zoë, 東京, مرحبا\n\nsecond paragraph",
                "date": "2026-03-02",
                "time": "00:30",
                "tags": ["@Zoë", "@1:1"],
                "starred": False,
            },
        ],
    }
    # Read back: every entry's date, time, title, text and tags.
    for entry, exported in zip(
        sorted(jrnl_entries(), key=lambda e: e.date), data["entries"], strict=True
    ):
        stored = journal.entries.get(entry.id)
        assert exported["date"] == stored.date.isoformat()
        assert exported["time"] == stored.created_at.strftime("%H:%M")
        assert (exported["title"], exported["body"]) == (stored.title, stored.text)
        assert [t.removeprefix("@") for t in exported["tags"]] == list(stored.tags)


def test_markdown_cannot_go_to_a_stream(journal):
    with pytest.raises(ExchangeError, match="written to a folder"):
        export_to_stream(journal.entries, io.StringIO(), ExportOptions(kind="markdown"))


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_export_everything_holds_every_file(reviewed, tmp_path):
    reviewed.entries.save_many(jrnl_entries())
    reviewed.reviews.set_targets({OVERALL: 20.0, DIMENSION_KEYS[2]: -12.5})
    path = tmp_path / "everything.zip"

    written = write_archive(reviewed.entries, path, data_dir=reviewed.data_dir)

    assert written == 2
    with zipfile.ZipFile(path) as book:
        assert book.namelist() == list(MEMBERS)
        assert book.testzip() is None

        def rows(name: str) -> list[list[str]]:
            text = book.read(name).decode("utf-8")
            return list(csv.reader(io.StringIO(text, newline=""), strict=True))

        entries = rows("entries.csv")
        assert entries[0] == list(ENTRY_COLUMNS)
        assert [r[0] for r in entries[1:]] == [
            "1d7f0d1e-0000-4000-8000-000000000002",
            "1d7f0d1e-0000-4000-8000-000000000001",
        ]
        assert rows("weekly.csv")[0] == list(WEEK_COLUMNS)
        assert [r[0] for r in rows("weekly.csv")[1:]] == ["2026-W09", "2026-W10"]
        assert [r[0] for r in rows("reviews.csv")[1:]] == [
            "2026-W09",
            "2026-W10",
            "2026-W12",
            "2027-W01",
        ]
        assert rows("targets.csv") == [
            ["target", "lean"],
            [OVERALL, "20"],
            [DIMENSION_KEYS[2], "-12.5"],
        ]
        readme = book.read("README.txt").decode("utf-8")
        assert ",".join(ENTRY_COLUMNS).replace(",", ", ") in readme
        assert "last_intention_kept: yes, no, or empty" in readme


def test_export_everything_never_writes_onto_the_journal(reviewed, tmp_path):
    journal_db = reviewed.data_dir / "journal.db"
    before = sha256(journal_db)
    link = tmp_path / "everything.zip"
    link.symlink_to(journal_db)

    for target in (journal_db, link):
        with pytest.raises(ExchangeError, match="is the journal itself"):
            write_archive(reviewed.entries, target, data_dir=reviewed.data_dir)

    assert sha256(journal_db) == before
    assert not [p for p in reviewed.data_dir.iterdir() if p.name.endswith(".part")]


def test_a_cancelled_archive_leaves_the_earlier_file(reviewed, tmp_path):
    path = tmp_path / "everything.zip"
    path.write_bytes(b"earlier")
    from leaderjournal.exchange.files import Cancelled

    with pytest.raises(Cancelled):
        write_archive(reviewed.entries, path, lambda done, _total: done < 2)

    assert path.read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "everything.zip"]


def test_our_jrnl_json_imports_back_with_its_text_days_and_tags(
    journal, tmp_path, journal_kind
):
    """The jrnl JSON read by LeaderJournal's own jrnl import into another
    journal: each entry's day, time of day, title, text and tags come back
    (ratings have no place in jrnl's shape)."""
    from leaderjournal.exchange.importers import apply_import, plan

    journal.entries.save_many(jrnl_entries())
    path = tmp_path / "journal.json"
    export_to_file(journal.entries, path, ExportOptions(kind="jrnl"))

    with journal_kind.new(tmp_path / "other") as other:
        planned = plan(path, other.entries)
        assert planned.format == "jrnl"
        assert planned.problems == []
        apply_import(planned, other.entries)
        back = sorted(other.entries.iter_all(), key=lambda e: e.date)
        again = plan(path, other.entries)

    assert again.summary().startswith("0 added, 0 updated, 2 unchanged")
    originals = sorted(jrnl_entries(), key=lambda e: e.date)
    assert len(back) == len(originals)
    for entry, imported in zip(originals, back, strict=True):
        assert imported.date == entry.date
        assert imported.created_at.strftime("%H:%M") == (
            entry.created_at.strftime("%H:%M")
        )
        assert (imported.title, imported.text) == (entry.title, entry.text)
        assert imported.tags == entry.tags
