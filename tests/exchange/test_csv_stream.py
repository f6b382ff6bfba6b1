"""A large entries CSV is imported without holding its entries: read once to
check, once more to write. The outcome must be the one of the in-memory
import for the same bytes, and a file that changes between the two readings
writes nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from leaderjournal import cli
from leaderjournal.domain.entry import Entry
from leaderjournal.exchange import csv_stream
from leaderjournal.exchange.csv_import import plan_import, read_file
from leaderjournal.exchange.csv_stream import plan_import_file
from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.exchange.files import Cancelled
from leaderjournal.exchange.import_plan import (
    ImportFileError,
    ImportPlan,
    apply_import,
)
from leaderjournal.exchange.importers import plan as plan_source
from leaderjournal.storage.journal import Journal
from tests.exchange.test_import import BOM, csv_bytes, entry_row, row

BERLIN = dt.timezone(dt.timedelta(hours=2))
ID = "1b4e28ba-2fa1-41d2-883f-0016d3cca4{:02d}"


def at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 5, day, hour, 0, tzinfo=BERLIN)


def stored_entries() -> list[Entry]:
    """What the journal holds before each import."""
    return [
        Entry(
            id=ID.format(number),
            date=at(number).date(),
            created_at=at(number),
            updated_at=at(number, 10),
            title=f"Stored {number}",
            text="Kept as it was",
            ratings={"influence": 1},
            tags=("Delegation",) if number % 2 else ("team",),
        )
        for number in range(1, 7)
    ]


def mixed_rows() -> list[dict[str, str]]:
    """Rows of every kind: new, newer, the same, older but different, as
    recent but different, without an id, tags spelled otherwise."""
    old = stored_entries()
    return [
        entry_row(old[0], updated_at=at(1, 12).isoformat(), title="Newer"),
        entry_row(old[1]),  # the same: unchanged
        entry_row(old[2], updated_at=at(3, 8).isoformat(), title="Older"),
        entry_row(old[3], title="As recent, but different"),
        entry_row(old[4], updated_at=at(5, 11).isoformat(), tags="delegation;Zoë"),
        row(id=ID.format(20), date="2026-05-20", title="New", tags="ZOË;coaching"),
        row(
            id=ID.format(21),
            date="2026-05-02",
            created_at="2026-05-02T07:00:00+02:00",
            updated_at="2026-05-02T07:00:00+02:00",
            title="New and older: its spelling of a new tag wins",
            tags="Coaching;DELEGATION",
        ),
        row(
            id=ID.format(22),
            influence="",
            text="Line one\nline two, \u201cquoted\u201d",
        ),
    ]


def fill(folder: Path) -> Journal:
    journal = Journal(folder)
    journal.entries.save_many(stored_entries())
    return journal


def both(tmp_path: Path, data: bytes) -> tuple[tuple[ImportPlan, list[str]], ...]:
    """The same bytes imported in memory and streamed, each into a journal
    of stored_entries(): each plan and the journal's CSV rows after."""
    source = tmp_path / "import.csv"
    source.write_bytes(data)
    done = []
    for name, make_plan in (
        ("memory", lambda entries: plan_import(read_file(source), entries)),
        ("stream", lambda entries: plan_import_file(source, entries, stream=True)),
    ):
        with fill(tmp_path / name) as journal:
            planned = make_plan(journal.entries)
            if not planned.problems:
                apply_import(planned, journal.entries)
            done.append((planned, exported(journal, tmp_path / f"{name}.csv")))
    return tuple(done)


def exported(journal: Journal, path: Path) -> list[str]:
    export_to_file(journal.entries, path, ExportOptions())
    with path.open(encoding="utf-8", newline="") as file:
        return [",".join(cells) for cells in csv.reader(file)]


def said(planned: ImportPlan) -> tuple[str, list[str], list[str], int]:
    return (
        planned.summary(),
        [str(problem) for problem in planned.problems],
        [str(kept) for kept in planned.kept],
        planned.rows,
    )


GOOD_FILES: dict[str, Callable[[], bytes]] = {
    "mixed": lambda: csv_bytes(mixed_rows()),
    "with a byte-order mark": lambda: csv_bytes(mixed_rows(), bom=True),
    "with two byte-order marks": lambda: BOM + csv_bytes(mixed_rows(), bom=True),
    "under the old name of the first rating": lambda: (
        csv_bytes(mixed_rows()).decode().replace(",influence,", ",power,", 1).encode()
    ),
    "only what the journal has": lambda: csv_bytes(
        [entry_row(entry) for entry in stored_entries()]
    ),
    "header only": lambda: csv_bytes([]),
}


@pytest.mark.parametrize("name", GOOD_FILES)
def test_a_streamed_import_ends_as_the_import_in_memory(tmp_path, name):
    (memory, after_memory), (stream, after_stream) = both(tmp_path, GOOD_FILES[name]())

    assert said(stream) == said(memory)
    assert not stream.problems
    assert after_stream == after_memory
    # It held none of the entries it writes.
    assert stream.streamed is not None
    assert (stream.added, stream.updated) == ([], [])


def test_the_mixed_file_does_each_kind_of_thing(tmp_path):
    """The comparison above is worth something only if the file has rows of
    every kind, and tags whose spelling changes."""
    (_memory, _), (stream, after) = both(tmp_path, GOOD_FILES["mixed"]())

    assert stream.summary() == (
        "3 added, 2 updated, 1 unchanged, 2 kept the journal's newer version"
    )
    tags = {line.rsplit(",", 1)[1] for line in after[1:]}
    assert "Delegation;Zoë" in tags  # the journal's spelling, the file's new tag
    assert "Zoë;Coaching" in tags  # the oldest row's spelling of a new tag
    assert "delegation;Zoë" not in tags


def test_rows_without_an_id_or_updated_at_are_added_by_both(tmp_path):
    rows = [row(title="no id"), row(title="no time", id=ID.format(30), updated_at="")]
    (memory, after_memory), (stream, after_stream) = both(tmp_path, csv_bytes(rows))

    assert said(stream) == said(memory)

    def without_ids_and_times(lines: list[str]) -> list[list[str]]:
        rows = list(csv.reader(io.StringIO("\n".join(lines))))
        return sorted(cells[1:3] + cells[4:] for cells in rows[1:])

    assert without_ids_and_times(after_stream) == without_ids_and_times(after_memory)
    assert len(after_stream) == len(stored_entries()) + 2 + 1


BAD_FILES: dict[str, Callable[[], bytes]] = {
    "bad rows": lambda: csv_bytes(
        [
            row(title="fine"),
            row(date="2026-13-01"),
            row(influence="7", tags="a,b"),
            ["too", "few"],
            row(id=ID.format(40)),
            row(id=ID.format(40), title="the same id again"),
        ]
    ),
    "a quote never closed": lambda: (
        csv_bytes([row(title="fine")]) + b'x,"2026-05-04,never closed\r\n'
    ),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_names_the_same_problems_and_writes_nothing(tmp_path, name):
    (memory, after_memory), (stream, after_stream) = both(tmp_path, BAD_FILES[name]())

    assert stream.problems
    assert said(stream) == said(memory)
    assert after_stream == after_memory
    with fill(tmp_path / "untouched") as journal:
        assert after_stream == exported(journal, tmp_path / "untouched.csv")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"  \r\n\r\n", "empty"),
        (csv_bytes([row(title="caf\u00e9")]).replace(b"\xc3\xa9", b"\xe9"), "UTF-8"),
        (b"id,date\x00\x01\x02", "binary"),
        (b"not,the,header\r\n", "columns do not match"),
    ],
)
def test_a_file_refused_as_a_whole_says_the_same_in_both(tmp_path, data, words):
    source = tmp_path / "import.csv"
    source.write_bytes(data)
    with Journal(tmp_path / "j") as journal:
        with pytest.raises(ImportFileError) as in_memory:
            plan_import(read_file(source), journal.entries)
        with pytest.raises(ImportFileError) as streamed:
            plan_import_file(source, journal.entries, stream=True)

    assert str(streamed.value) == str(in_memory.value)
    assert words in str(streamed.value)


def fingerprint(folder: Path) -> list[str]:
    with Journal(folder) as journal:
        return exported(journal, folder.parent / "fingerprint.csv")


@pytest.mark.parametrize(
    "change",
    [
        lambda data: data.replace(b"New", b"Now"),  # same size
        lambda data: data + csv_bytes([row(title="added later")]).split(b"\r\n", 1)[1],
        lambda data: data[: len(data) // 2],
    ],
    ids=["a letter", "a row added", "cut in half"],
)
def test_a_file_changed_between_check_and_write_writes_nothing(tmp_path, change):
    source = tmp_path / "import.csv"
    data = csv_bytes(mixed_rows())
    source.write_bytes(data)
    fill(tmp_path / "journal").close()
    before = fingerprint(tmp_path / "journal")

    with Journal(tmp_path / "journal") as journal:
        planned = plan_import_file(source, journal.entries, stream=True)
        assert not planned.problems
        source.write_bytes(change(data))
        with pytest.raises(ImportFileError) as refused:
            apply_import(planned, journal.entries)

    assert str(refused.value) == (
        "import.csv changed while it was being imported, so nothing was "
        "imported. Import it again once it is saved."
    )
    assert fingerprint(tmp_path / "journal") == before


def test_a_file_gone_before_the_write_writes_nothing(tmp_path):
    source = tmp_path / "import.csv"
    source.write_bytes(csv_bytes(mixed_rows()))
    fill(tmp_path / "journal").close()
    before = fingerprint(tmp_path / "journal")

    with Journal(tmp_path / "journal") as journal:
        planned = plan_import_file(source, journal.entries, stream=True)
        source.unlink()
        with pytest.raises(ImportFileError) as refused:
            apply_import(planned, journal.entries)

    assert "could not be read again" in str(refused.value)
    assert "nothing was imported" in str(refused.value)
    assert fingerprint(tmp_path / "journal") == before


def test_cancel_while_checking_stops_the_reading(tmp_path):
    source = tmp_path / "import.csv"
    rows = [row(title=f"Row {n}") for n in range(2500)]
    source.write_bytes(csv_bytes(rows))
    seen: list[int] = []

    def progress(done: int, _total: int | None) -> bool:
        seen.append(done)
        return done < 2000

    with Journal(tmp_path / "j") as journal:
        with pytest.raises(Cancelled):
            plan_import_file(source, journal.entries, progress, stream=True)
        assert journal.entries.count() == 0
    assert seen == [1000, 2000]


def test_a_large_file_is_streamed_by_default_and_a_small_one_is_not(
    tmp_path, monkeypatch
):
    source = tmp_path / "import.csv"
    source.write_bytes(csv_bytes(mixed_rows()))
    with Journal(tmp_path / "j") as journal:
        small = plan_source(source, journal.entries)
        monkeypatch.setattr(csv_stream, "STREAM_ABOVE", source.stat().st_size - 1)
        large = plan_source(source, journal.entries)

    assert small.streamed is None
    assert len(small.added) == 8
    assert large.streamed is not None
    assert large.added == []
    assert large.summary() == small.summary()


def test_a_utf16_file_is_read_in_memory_whatever_its_size(tmp_path):
    source = tmp_path / "import.csv"
    source.write_bytes(csv_bytes(mixed_rows()).decode().encode("utf-16"))
    with Journal(tmp_path / "j") as journal:
        planned = plan_import_file(source, journal.entries, stream=True)

    assert planned.streamed is None
    assert planned.summary() == "8 added, 0 updated, 0 unchanged"


def test_the_command_line_streams_a_large_file(tmp_path, monkeypatch, capsys):
    source = tmp_path / "import.csv"
    source.write_bytes(csv_bytes(mixed_rows()))
    data_dir = tmp_path / "data"
    fill(data_dir).close()
    shutil.copytree(data_dir, tmp_path / "copy")
    monkeypatch.setattr(csv_stream, "STREAM_ABOVE", 0)

    status = cli.main(["--data-dir", str(data_dir), "import", str(source)])

    out = capsys.readouterr().out
    assert status == 0
    assert (
        "Imported "
        f"{source}: 3 added, 2 updated, 1 unchanged, 2 kept the journal's newer "
        "version." in out
    )
    with Journal(data_dir) as journal:
        assert journal.entries.count() == len(stored_entries()) + 3
        assert journal.entries.get(ID.format(1)).title == "Newer"
