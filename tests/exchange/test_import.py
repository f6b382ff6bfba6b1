"""Importing the entries format: all-or-nothing checks, then merging by id."""

import csv
import datetime as dt
import hashlib
import io
import uuid

import pytest

from leaderjournal.domain.entry import Entry, now
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS
from leaderjournal.exchange.csv_import import plan_import, read_file
from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.exchange.import_plan import (
    ImportFileError,
    Problem,
    apply_import,
)
from tests.exchange.golden import golden_entries, golden_id
from tests.kinds import open_journal

BOM = b"\xef\xbb\xbf"
HEADER = ",".join(ENTRY_COLUMNS)
NEW_ID = "1b4e28ba-2fa1-41d2-883f-0016d3cca427"


def row(**cells: str) -> dict[str, str]:
    """A good row of the entries format, with ``cells`` changed."""
    base = {
        "id": "",
        "date": "2026-05-04",
        "created_at": "2026-05-04T09:00:00+02:00",
        "updated_at": "2026-05-04T09:00:00+02:00",
        "title": "A good row",
        "text": "",
        "influence": "1",
        "followers": "",
        "growth": "",
        "relationship": "",
        "mentor": "",
        "lean": "50.0",
        "advice_requests": "0",
        "tags": "",
    }
    unknown = set(cells) - set(base)
    assert not unknown, unknown
    return base | cells


def csv_bytes(rows, columns=ENTRY_COLUMNS, bom: bool = False) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for cells in rows:
        writer.writerow(
            [cells[c] for c in columns] if isinstance(cells, dict) else cells
        )
    return (BOM if bom else b"") + out.getvalue().encode("utf-8")


def entry_row(entry: Entry, **cells: str) -> dict[str, str]:
    """The row an export writes for ``entry`` (no spreadsheet guard needed)."""
    ratings = {k: "" if v is None else str(v) for k, v in entry.ratings.items()}
    return (
        row(
            id=entry.id,
            date=entry.date.isoformat(),
            created_at=entry.created_at.isoformat(),
            updated_at=entry.updated_at.isoformat(),
            title=entry.title,
            text=entry.text,
            advice_requests=str(entry.advice_requests),
            tags=";".join(entry.tags),
            lean="",
            **ratings,
        )
        | cells
    )


def digest(data_dir) -> str:
    return hashlib.sha256((data_dir / "journal.db").read_bytes()).hexdigest()


def golden_by_number() -> dict[int, Entry]:
    """The golden entries by their number in golden.py."""
    by_id = {e.id: e for e in golden_entries()}
    return {n: by_id[golden_id(n)] for n in range(1, 18)}


@pytest.fixture
def seeded(data_dir, copy_golden):
    """A closed journal holding the golden entries."""
    return copy_golden(data_dir)


@pytest.fixture
def empty(journal_kind, data_dir):
    """A closed, empty journal."""
    journal_kind.new(data_dir).close()
    return data_dir


def plan(data_dir, data: bytes):
    with open_journal(data_dir) as journal:
        return plan_import(data, journal.entries)


def do_import(data_dir, data: bytes):
    with open_journal(data_dir) as journal:
        result = plan_import(data, journal.entries)
        apply_import(result, journal.entries)
        return result


def stored(data_dir) -> list[Entry]:
    with open_journal(data_dir) as journal:
        return list(journal.entries.iter_all())


# -- bad files: nothing is written ---------------------------------------------

ROW_PROBLEMS = {
    "rating 3": (
        csv_bytes([row(), row(influence="3"), row()]),
        3,
        ["influence", "\u201c3\u201d", "rating must be -2, -1, 0, 1, 2"],
    ),
    "no 30 February": (
        csv_bytes([row(date="2026-02-30")]),
        2,
        ["2026-02-30", "does not exist"],
    ),
    "unterminated quote": (
        csv_bytes([row()])
        + b',2026-05-05,,,"never closed,,1,,,,,,0,\r\n'
        + b",2026-05-06,,,fine,,1,,,,,,0,\r\n",
        3,
        ["quoted cell", "never closed"],
    ),
}


@pytest.mark.parametrize("case", list(ROW_PROBLEMS))
def test_a_bad_row_is_reported_and_nothing_is_written(seeded, case):
    data, line, fragments = ROW_PROBLEMS[case]
    before = digest(seeded)
    with open_journal(seeded) as journal:
        result = plan_import(data, journal.entries)
        assert result.added == []
        assert result.updated == []
        assert [p.line for p in result.problems] == [line]
        message = str(result.problems[0])
        assert message.startswith(f"Line {line}: ")
        for fragment in fragments:
            assert fragment in message
        with pytest.raises(ImportFileError, match="nothing was imported"):
            apply_import(result, journal.entries)
        assert journal.entries.count() == 17
    assert digest(seeded) == before


FILE_PROBLEMS = {
    "missing column": (
        csv_bytes([row()], columns=[c for c in ENTRY_COLUMNS if c != "mentor"]),
        ["missing mentor", HEADER],
    ),
    "extra column": (
        csv_bytes([row() | {"mood": "fine"}], columns=[*ENTRY_COLUMNS, "mood"]),
        ["unexpected \u201cmood\u201d"],
    ),
    "repeated column": (
        csv_bytes([[*row().values(), "1"]], columns=[*ENTRY_COLUMNS, "influence"]),
        ["repeated influence"],
    ),
    "not UTF-8": (
        csv_bytes([row(title="Caf\u00e9")]).replace(b"Caf\xc3\xa9", b"Caf\xff\xfe"),
        ["not UTF-8", "CSV UTF-8"],
    ),
    "Latin-1": (
        csv_bytes([row(title="Caf\u00e9")]).decode().encode("latin-1"),
        ["not UTF-8"],
    ),
    "empty": (b"", ["empty", HEADER]),
    "blank lines only": (b"\r\n \r\n\n", ["empty"]),
    "binary": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06",
        ["binary"],
    ),
}


@pytest.mark.parametrize("case", list(FILE_PROBLEMS))
def test_a_bad_file_is_refused_and_nothing_is_written(seeded, case):
    data, fragments = FILE_PROBLEMS[case]
    before = digest(seeded)
    with open_journal(seeded) as journal:
        with pytest.raises(ImportFileError) as raised:
            plan_import(data, journal.entries)
        assert journal.entries.count() == 17
    for fragment in fragments:
        assert fragment in str(raised.value)
    assert digest(seeded) == before


def test_every_bad_row_is_reported_with_its_line_and_good_rows_are_not_written(
    seeded,
):
    data = csv_bytes(
        [
            row(title="good, line 2"),
            row(title="good, lines 3-5", text="one\ntwo\nthree"),
            row(title="bad, line 6", growth="-3"),
            row(title="good, line 7", text="'=1"),
            row(title="bad, line 8", date="04/05/2026"),
            row(title="good, lines 9-10", text="windows\r\nline end"),
            row(title="good, lines 11-12", text="old mac\rline end"),
            row(title="bad, line 13", advice_requests="-1"),
            row(title="good, line 14"),
        ]
    )
    before = digest(seeded)
    with open_journal(seeded) as journal:
        result = plan_import(data, journal.entries)
        assert [p.line for p in result.problems] == [6, 8, 13]
        assert "growth" in result.problems[0].reason
        assert "\u201c-3\u201d" in result.problems[0].reason
        assert "04/05/2026" in result.problems[1].reason
        assert "YYYY-MM-DD" in result.problems[1].reason
        assert "advice_requests" in result.problems[2].reason
        assert result.added == []
        with pytest.raises(ImportFileError, match="3 rows are not valid"):
            apply_import(result, journal.entries)
    assert digest(seeded) == before
    assert "good" not in {e.title.split(",")[0] for e in stored(seeded)}


def test_a_row_with_several_faults_lists_them_all_on_one_line(empty):
    result = plan(
        empty,
        csv_bytes(
            [
                row(
                    id="not-a-uuid",
                    date="2026-13-01",
                    created_at="yesterday",
                    mentor="x",
                    advice_requests="1.5",
                )
            ]
        ),
    )
    assert len(result.problems) == 1
    reason = result.problems[0].reason
    assert result.problems[0].line == 2
    for fragment in ("not-a-uuid", "2026-13-01", "yesterday", "mentor", "1.5"):
        assert fragment in reason


def test_a_row_with_too_many_or_too_few_cells_is_a_problem(empty):
    good = list(row().values())
    data = csv_bytes([good, [*good, "extra"], good[:-1]])
    result = plan(empty, data)
    assert [p.line for p in result.problems] == [3, 4]
    assert "15 cells" in result.problems[0].reason
    assert "13 cells" in result.problems[1].reason


def test_an_id_used_twice_in_one_file_is_a_problem(empty):
    result = plan(empty, csv_bytes([row(id=NEW_ID), row(), row(id=NEW_ID)]))
    assert result.problems == [
        Problem(4, f"the id {NEW_ID} was already used on line 2")
    ]


def test_a_date_outside_the_journal_years_is_a_problem(empty):
    result = plan(empty, csv_bytes([row(date="1899-12-31"), row(date="2101-01-01")]))
    assert [p.line for p in result.problems] == [2, 3]
    assert "1899-12-31" in result.problems[0].reason


def test_a_tag_that_cannot_be_stored_is_a_problem(empty):
    result = plan(empty, csv_bytes([row(tags="fine;bad\ttag")]))
    assert [p.line for p in result.problems] == [2]


def test_reading_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ImportFileError, match="There is no file"):
        read_file(tmp_path / "nothing.csv")
    with pytest.raises(ImportFileError, match="is a folder"):
        read_file(tmp_path)


# -- merging by id -------------------------------------------------------------


def test_merge_newer_wins_older_and_equal_are_unchanged_unknown_is_added(seeded):
    golden = golden_by_number()
    one, two, three, four = golden[1], golden[2], golden[3], golden[4]
    newer = one.updated_at + dt.timedelta(hours=1)
    older = two.updated_at - dt.timedelta(days=1)
    # the same instant as #3's updated_at, written in another time zone
    same = three.updated_at.astimezone(dt.timezone(dt.timedelta(hours=9)))
    data = csv_bytes(
        [
            entry_row(one, updated_at=newer.isoformat(), title="edited elsewhere"),
            entry_row(two, updated_at=older.isoformat(), title="stale copy"),
            entry_row(three, updated_at=same.isoformat(), title="same time"),
            entry_row(four),  # exactly as stored
            row(id=NEW_ID, title="brand new"),
            row(id="", title="no id yet"),
        ]
    )
    before = digest(seeded)
    result = plan(seeded, data)
    assert result.problems == []
    assert result.summary() == (
        "2 added, 1 updated, 1 unchanged, 2 kept the journal's newer version"
    )
    assert result.rows == 6
    assert [e.title for e in result.updated] == ["edited elsewhere"]
    # the rows that differ but are not newer are named with their lines
    assert [(k.line, k.entry_id, k.newer) for k in result.kept] == [
        (line_of(data, two.id), two.id, True),
        (line_of(data, three.id), three.id, False),
    ]
    assert [e.title for e in result.added] == ["brand new", "no id yet"]
    assert digest(seeded) == before  # planning writes nothing

    do_import(seeded, data)
    assert digest(seeded) != before  # (the digest does notice a write)
    with open_journal(seeded) as journal:
        assert journal.entries.count() == 19
        assert journal.entries.get(one.id) == Entry(
            **{**vars(one), "updated_at": newer, "title": "edited elsewhere"}
        )
        assert journal.entries.get(two.id) == two  # the stored entry is kept
        assert journal.entries.get(three.id) == three
        assert journal.entries.get(four.id) == four
        assert journal.entries.get(NEW_ID).title == "brand new"
        added = [e for e in journal.entries.iter_all() if e.title == "no id yet"]
        assert len(added) == 1


def test_a_spreadsheet_edit_that_kept_its_updated_at_is_reported_not_skipped(
    seeded,
):
    one = golden_by_number()[1]
    # edited in a spreadsheet: the text changed, updated_at was left as it was
    data = csv_bytes([entry_row(one, text="Rewritten in a spreadsheet.")])
    before = digest(seeded)
    result = do_import(seeded, data)
    assert result.summary() == (
        "0 added, 0 updated, 0 unchanged, 1 kept the journal's newer version"
    )
    (kept,) = result.kept
    assert str(kept) == (
        f"Line 2: the journal's version of {one.date.isoformat()} "
        f"\u201c{one.title}\u201d is as recent as this row, so it was kept"
    )
    assert digest(seeded) == before
    assert stored_by_id(seeded)[one.id] == one

    # clearing updated_at ("now") makes the spreadsheet's version win
    data = csv_bytes(
        [entry_row(one, text="Rewritten in a spreadsheet.", updated_at="")]
    )
    assert do_import(seeded, data).summary() == "0 added, 1 updated, 0 unchanged"
    assert stored_by_id(seeded)[one.id].text == "Rewritten in a spreadsheet."


def test_a_row_that_differs_only_in_the_spelling_of_a_tag_is_unchanged(seeded):
    tagged = next(e for e in golden_by_number().values() if e.tags)
    data = csv_bytes([entry_row(tagged, tags=";".join(t.upper() for t in tagged.tags))])
    assert plan(seeded, data).summary() == "0 added, 0 updated, 1 unchanged"


def line_of(data: bytes, starts: str) -> int:
    """The line of a file a row starts on, counted as csv counts lines."""
    lines = io.StringIO(data.decode("utf-8-sig"), newline="")
    return next(n for n, text in enumerate(lines, start=1) if text.startswith(starts))


def stored_by_id(data_dir) -> dict[str, Entry]:
    return {e.id: e for e in stored(data_dir)}


def test_an_empty_id_makes_a_new_entry_with_a_fresh_uuid(seeded):
    data = csv_bytes([row(id="", title="first"), row(id=" ", title="second")])
    result = do_import(seeded, data)
    assert result.summary() == "2 added, 0 updated, 0 unchanged"
    ids = [e.id for e in result.added]
    assert len(set(ids)) == 2
    known = {golden_id(n) for n in range(1, 18)}
    for new_id in ids:
        assert uuid.UUID(new_id).version == 4
        assert str(uuid.UUID(new_id)) == new_id
        assert new_id not in known
    titles = {e.id: e.title for e in stored(seeded)}
    assert [titles[i] for i in ids] == ["first", "second"]

    # importing the same file again adds two more: no id, no merge
    assert do_import(seeded, data).summary() == "2 added, 0 updated, 0 unchanged"
    assert len(stored(seeded)) == 21


def test_empty_times_mean_now(empty):
    before = now()
    result = plan(empty, csv_bytes([row(id=NEW_ID, created_at="", updated_at="")]))
    after = now()
    (entry,) = result.added
    assert entry.created_at.tzinfo is not None
    assert before <= entry.created_at <= after
    assert before <= entry.updated_at <= after


def test_an_empty_updated_at_wins_over_the_stored_entry(seeded):
    one = golden_by_number()[1]
    result = plan(seeded, csv_bytes([entry_row(one, updated_at="", title="now")]))
    assert result.summary() == "0 added, 1 updated, 0 unchanged"


@pytest.mark.parametrize("lean", ["", "99.9", "-100.0", "0", "not a number", "'=1"])
def test_the_lean_column_is_ignored(empty, lean, tmp_path):
    do_import(empty, csv_bytes([row(id=NEW_ID, influence="-1", mentor="0", lean=lean)]))
    (entry,) = stored(empty)
    assert entry.ratings["influence"] == -1
    with open_journal(empty) as journal:
        export_to_file(journal.entries, tmp_path / "again.csv", ExportOptions())
    with (tmp_path / "again.csv").open(encoding="utf-8", newline="") as f:
        (exported,) = csv.DictReader(f)
    assert exported["lean"] == "-25.0"  # derived from the ratings, not the file


def test_a_file_with_a_bom_imports_the_same_as_without(seeded, tmp_path):
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    with open_journal(seeded) as journal:
        export_to_file(journal.entries, plain, ExportOptions())
        export_to_file(journal.entries, excel, ExportOptions(excel=True))
    assert excel.read_bytes() == BOM + plain.read_bytes()
    empty = tmp_path / "empty"
    without = plan(empty, plain.read_bytes())
    with_bom = plan(empty, excel.read_bytes())
    assert with_bom.problems == without.problems == []
    assert with_bom.added == without.added
    assert with_bom.summary() == without.summary() == "17 added, 0 updated, 0 unchanged"
    assert with_bom.added[0].id == golden_id(1)  # the BOM is not part of the id


def test_a_hand_made_file_with_a_bom_imports(empty):
    data = csv_bytes([row(id=NEW_ID, title="from Excel")], bom=True)
    assert do_import(empty, data).summary() == "1 added, 0 updated, 0 unchanged"
    assert [e.title for e in stored(empty)] == ["from Excel"]


def test_importing_the_journal_s_own_export_changes_nothing(seeded, tmp_path):
    path = tmp_path / "own.csv"
    with open_journal(seeded) as journal:
        export_to_file(journal.entries, path, ExportOptions())
    before = digest(seeded)
    result = do_import(seeded, path.read_bytes())
    assert result.summary() == "0 added, 0 updated, 17 unchanged"
    assert digest(seeded) == before


def test_a_header_only_file_imports_nothing(empty):
    result = do_import(empty, (HEADER + "\r\n").encode())
    assert result.summary() == "0 added, 0 updated, 0 unchanged"


def test_blank_lines_between_and_after_rows_are_skipped(empty):
    header, first, second = csv_bytes([row(id=NEW_ID), row()]).split(b"\r\n")[:3]
    data = b"\r\n".join([header, first, b"", b"", second, b"", b""])
    assert plan(empty, data).summary() == "2 added, 0 updated, 0 unchanged"


# -- cells ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "imported"),
    [
        ("'=1+1", "=1+1"),
        ("''hello", "'hello"),
        ("'-5 people", "-5 people"),
        ("'plain", "plain"),  # exactly one leading quote goes, whoever wrote it
        ("'''", "''"),
        ("=1+1", "=1+1"),  # an unguarded cell is taken as it is
        ("don't", "don't"),
    ],
)
def test_import_removes_exactly_one_leading_quote(empty, cell, imported):
    result = plan(empty, csv_bytes([row(id=NEW_ID, title=cell, text=cell)]))
    (entry,) = result.added
    assert entry.title == imported
    assert entry.text == imported


def test_tags_are_split_on_semicolons_and_normalised(empty):
    result = plan(
        empty, csv_bytes([row(tags="'-metrics;  hard   week ;;1:1;HARD WEEK")])
    )
    (entry,) = result.added
    assert entry.tags == ("-metrics", "hard week", "1:1")


def test_cells_are_read_into_the_entry(empty):
    data = csv_bytes(
        [
            row(
                id=NEW_ID.upper(),
                date=" 2026-12-31 ",
                created_at="2026-12-31T23:59:59-10:00",
                updated_at="2027-01-01T10:00:00+01:00",
                title="Title",
                text='He said "no",\r\nI listened.',
                influence="-2",
                followers=" 2 ",
                growth="0",
                relationship="",
                mentor="-1",
                advice_requests="12",
                tags="a;b",
            )
        ]
    )
    (entry,) = plan(empty, data).added
    assert entry == Entry(
        id=NEW_ID,
        date=dt.date(2026, 12, 31),
        created_at=dt.datetime(
            2026, 12, 31, 23, 59, 59, tzinfo=dt.timezone(-dt.timedelta(hours=10))
        ),
        updated_at=dt.datetime(
            2027, 1, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=1))
        ),
        title="Title",
        text='He said "no",\r\nI listened.',
        ratings={"influence": -2, "followers": 2, "growth": 0, "mentor": -1},
        advice_requests=12,
        tags=("a", "b"),
    )
    assert entry.created_at.utcoffset() == -dt.timedelta(hours=10)
    assert entry.ratings["relationship"] is None


OLD_COLUMNS = tuple("power" if c == "influence" else c for c in ENTRY_COLUMNS)


def test_a_file_with_the_old_power_header_imports_into_influence(empty):
    # Files exported before the first rating was renamed call it "power".
    data = csv_bytes(
        [
            [
                NEW_ID,
                "2026-05-04",
                "",
                "",
                "Old file",
                "",
                "2",
                "-1",
                "",
                "",
                "",
                "",
                "0",
                "",
            ]
        ],
        columns=OLD_COLUMNS,
    )
    assert data.startswith(b"id,date,created_at,updated_at,title,text,power,")
    do_import(empty, data)
    (entry,) = stored(empty)
    assert entry.ratings["influence"] == 2
    assert entry.ratings["followers"] == -1


def test_a_bad_rating_under_the_old_header_is_named_as_in_the_file(empty):
    data = csv_bytes([[*row(influence="3").values()]], columns=OLD_COLUMNS)
    (problem,) = plan(empty, data).problems
    assert problem.line == 2
    assert "power is \u201c3\u201d" in problem.reason


def test_a_file_with_both_power_and_influence_is_refused(empty):
    before = digest(empty)
    data = csv_bytes([[*row().values(), "1"]], columns=[*ENTRY_COLUMNS, "power"])
    with open_journal(empty) as journal, pytest.raises(ImportFileError) as raised:
        plan_import(data, journal.entries)
    message = str(raised.value)
    assert "both power and influence" in message
    assert "\n" not in message
    assert digest(empty) == before


def test_fractions_of_a_second_are_dropped_so_a_reimport_is_unchanged(empty):
    stamp = "2026-05-04T09:00:00.5+02:00"
    data = csv_bytes([row(id=NEW_ID, created_at=stamp, updated_at=stamp)])
    assert do_import(empty, data).summary() == "1 added, 0 updated, 0 unchanged"
    assert plan(empty, data).summary() == "0 added, 0 updated, 1 unchanged"
    (entry,) = stored(empty)
    assert entry.updated_at.isoformat() == "2026-05-04T09:00:00+02:00"


def test_an_import_can_be_stopped_while_reading_and_writes_nothing(empty):
    from leaderjournal.exchange.files import Cancelled

    data = csv_bytes([row(title=f"row {n}") for n in range(2500)])
    calls = []

    def stop_at_once(done, total):
        calls.append(done)
        return False

    with open_journal(empty) as journal, pytest.raises(Cancelled, match="nothing"):
        plan_import(data, journal.entries, stop_at_once)
    assert calls == [1000]
    assert stored(empty) == []


# -- the limits of DESIGN.md, checked where a file comes in ----------------------

OUTSIDE_THE_LIMITS = {
    "advice 2^63": (
        {"advice_requests": str(2**63)},
        ["advice_requests", "0 to 9999", "9223372036854775808"],
    ),
    "advice 2^63-1": ({"advice_requests": str(2**63 - 1)}, ["0 to 9999"]),
    "advice 10,000": ({"advice_requests": "10000"}, ["0 to 9999", "10000"]),
    "advice negative": ({"advice_requests": "-1"}, ["0 to 9999"]),
    "advice in other digits": ({"advice_requests": "\u0663"}, ["0 to 9999"]),
    "created in year 1": (
        {"created_at": "0001-01-01T00:00:00+05:00"},
        ["created_at", "0001-01-01", "1900-2100"],
    ),
    "updated in year 9999": (
        {"updated_at": "9999-12-31T23:59:59-01:00"},
        ["updated_at", "9999-12-31", "1900-2100"],
    ),
    "naive year 1": (
        {"created_at": "0001-01-01T00:00:00"},
        ["created_at", "0001-01-01T00:00:00"],
    ),
    "naive year 9999": (
        {"updated_at": "9999-12-31T23:59:59"},
        ["updated_at", "9999-12-31T23:59:59"],
    ),
    "offset beyond 14 hours": (
        {"created_at": "2026-05-04T09:00:00+14:30"},
        ["created_at", "+14:30", "-14:00 to +14:00"],
    ),
    "title of 501 characters": ({"title": "t" * 501}, ["501 characters", "500"]),
    "title of two lines": ({"title": "one\r\ntwo"}, ["one line"]),
    "text of 1,000,001 characters": (
        {"text": "x" * 1_000_001},
        ["1,000,001 characters", "1,000,000"],
    ),
    "31 tags": (
        {"tags": ";".join(f"t{n}" for n in range(31))},
        ["31 tags", "at most 30"],
    ),
    "tag of 61 characters": ({"tags": "ok;" + "g" * 61}, ["61 characters", "60"]),
    "tag with a tab": ({"tags": "fine;bad\ttag"}, ["contains a tab", "bad\\ttag"]),
    "tag with a comma": ({"tags": "budget, Q3"}, ["contains a comma"]),
    "tag with a line break": ({"tags": "one\ntwo"}, ["contains a line break"]),
}


@pytest.mark.parametrize("case", list(OUTSIDE_THE_LIMITS))
def test_a_value_outside_the_limits_is_a_problem_and_nothing_is_written(seeded, case):
    cells, fragments = OUTSIDE_THE_LIMITS[case]
    data = csv_bytes([row(title="good"), row(**cells), row(title="good too")])
    before = digest(seeded)
    with open_journal(seeded) as journal:
        result = plan_import(data, journal.entries)
        assert [p.line for p in result.problems] == [3]
        message = str(result.problems[0])
        for fragment in fragments:
            assert fragment in message
        assert len(message) < 300
        assert "\n" not in message
        assert "\t" not in message
        assert result.added == []
        with pytest.raises(ImportFileError, match="nothing was imported"):
            apply_import(result, journal.entries)
    assert digest(seeded) == before


@pytest.mark.parametrize(
    "cells",
    [
        {"advice_requests": "9999"},
        {"created_at": "1900-01-01T00:00:00+14:00"},
        {"updated_at": "2100-12-31T23:59:59-14:00"},
        {"title": "\U0001f680" * 500},
        {"tags": ";".join(f"{n:02d}" + "x" * 58 for n in range(30))},
    ],
)
def test_values_at_the_edges_of_the_limits_import(empty, cells):
    result = do_import(empty, csv_bytes([row(id=NEW_ID, **cells)]))
    assert result.problems == []
    (entry,) = stored(empty)
    assert entry.id == NEW_ID


def test_a_huge_bad_cell_is_shown_cut_in_the_message(empty):
    huge = "9" * 100_000
    data = csv_bytes(
        [row(influence=huge), row(advice_requests=huge), row(created_at="x" * 100_000)]
    )
    result = plan(empty, data)
    assert [p.line for p in result.problems] == [2, 3, 4]
    for problem in result.problems:
        assert len(str(problem)) < 300, str(problem)[:400]
        assert "\u2026" in str(problem)


def test_a_cell_larger_than_the_csv_module_allows_imports_whole(empty):
    # csv refuses cells over 131,072 characters unless told otherwise; the
    # longest text a journal holds is 1,000,000 characters, and its cell has
    # a guarding quote before every line that starts with "=".
    text = "=\r\n" * 333_333 + "z"
    cell = "'" + "=\r\n'" * 333_332 + "=\r\nz"
    assert len(text) == 1_000_000
    assert len(cell) == 1_333_333
    before = csv.field_size_limit()
    result = do_import(empty, csv_bytes([row(id=NEW_ID, text=cell)]))
    assert result.problems == []
    (entry,) = stored(empty)
    assert entry.text == text
    assert csv.field_size_limit() == before  # changed for the import only


def test_after_a_row_that_is_not_valid_csv_later_bad_rows_are_still_reported(empty):
    data = (
        csv_bytes([row()])
        + b',2026-05-05,,,"closed" then more,,1,,,,,,0,\r\n'  # line 3
        + b",2026-05-06,,,fine,,1,,,,,,0,\r\n"  # line 4
        + b",2026-05-07,,,bad rating,,9,,,,,,0,\r\n"  # line 5
        + b",2026-02-30,,,bad day,,,,,,,,0,\r\n"  # line 6
        + b',2026-05-08,,,"never closed,,1,,,,,,0,\r\n'  # line 7
        + b",2026-05-09,,,swallowed by the quote,,,,,,,,0,\r\n"
    )
    result = plan(empty, data)
    assert [p.line for p in result.problems] == [3, 5, 6, 7]
    assert "quoted cell" in result.problems[0].reason
    assert "influence" in result.problems[1].reason
    assert "does not exist" in result.problems[2].reason
    assert "never closed" in result.problems[3].reason


def test_a_file_with_two_byte_order_marks_imports(empty):
    data = BOM + BOM + csv_bytes([row(id=NEW_ID, title="after two BOMs")])
    assert do_import(empty, data).summary() == "1 added, 0 updated, 0 unchanged"
    (entry,) = stored(empty)
    assert entry.title == "after two BOMs"


def test_an_invisible_character_in_a_column_name_is_shown_visibly(empty):
    columns = ["id\u200b", *ENTRY_COLUMNS[1:]]
    with pytest.raises(ImportFileError) as raised:
        plan(empty, csv_bytes([list(row().values())], columns=columns))
    message = str(raised.value)
    assert "\u200b" not in message
    assert "\\u200b" in message
    assert "missing id" in message


@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"]
)
def test_a_utf16_or_utf32_file_is_read_with_or_without_its_bom(empty, encoding):
    text = csv_bytes([row(id=NEW_ID, title="Caf\u00e9 \U0001f680", tags="a;b")])
    result = do_import(empty, text.decode("utf-8").encode(encoding))
    assert result.problems == []
    (entry,) = stored(empty)
    assert entry.title == "Caf\u00e9 \U0001f680"
    assert entry.tags == ("a", "b")


def test_a_nul_inside_a_cell_is_text_not_binary(empty):
    result = do_import(empty, csv_bytes([row(id=NEW_ID, text="before\x00after")]))
    assert result.problems == []
    (entry,) = stored(empty)
    assert entry.text == "before\x00after"


def test_each_tag_loses_exactly_one_leading_quote(empty):
    result = plan(
        empty, csv_bytes([row(tags="'=cmd;'-x;''quoted;plain;'@team;'+1;'plain")])
    )
    (entry,) = result.added
    assert entry.tags == ("=cmd", "-x", "'quoted", "plain", "@team", "+1")


def test_a_quote_guarding_a_cell_after_a_separator_or_line_break_is_removed(empty):
    cell = "'=start\n'=line;'@semi\t'+tab\r'-cr\r\n''quote;plain\nkeep 'this'"
    result = plan(empty, csv_bytes([row(title="title;'=x\t'-y", text=cell)]))
    (entry,) = result.added
    assert entry.title == "title;=x\t-y"
    assert entry.text == "=start\n=line;@semi\t+tab\r-cr\r\n'quote;plain\nkeep 'this'"
