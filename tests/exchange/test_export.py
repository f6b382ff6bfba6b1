"""The CSV exports of DESIGN.md ("CSV (normative)"), read back with csv."""

import csv
import datetime as dt
import io
from collections import defaultdict
from pathlib import Path

import pytest

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import Entry
from leaderjournal.domain.scoring import (
    dimension_lean,
    iso_week_id,
    pooled_lean,
    round_lean,
)
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS, WEEK_COLUMNS
from leaderjournal.exchange.export import (
    ExportOptions,
    export_to_file,
    export_to_stream,
)
from leaderjournal.storage.journal import Journal
from tests.exchange.golden import golden_id, golden_in_date_order

ENTRY_HEADER = (
    "id,date,created_at,updated_at,title,text,influence,followers,growth,"
    "relationship,mentor,lean,advice_requests,tags"
)
WEEK_HEADER = (
    "week,start_date,end_date,entries,days_journaled,lean,influence,followers,"
    "growth,relationship,mentor,advice_requests"
)
BOM = b"\xef\xbb\xbf"
WRITTEN = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def cells(line: str) -> list[str]:
    """The cells of a CSV line that has no quoted cells."""
    return line.split(",")


def read_csv(path) -> list[list[str]]:
    """Every row of an exported file (BOM, if any, removed)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, strict=True))


def read_dicts(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, strict=True))


def export(journal: Journal, path, **options) -> list[list[str]]:
    export_to_file(journal.entries, path, ExportOptions(**options))
    return read_csv(path)


@pytest.fixture
def golden(journal_kind, data_dir, copy_golden):
    with journal_kind.open(copy_golden(data_dir)) as journal:
        yield journal, golden_in_date_order()


def one_entry(journal: Journal, **fields) -> Entry:
    entry = Entry.new(day("2026-05-04"), at=WRITTEN, **fields)
    journal.entries.add(entry)
    return entry


# -- entries: header, order, cells ---------------------------------------------


def test_the_header_is_exactly_the_entries_format(golden, tmp_path):
    journal, _ = golden
    path = tmp_path / "entries.csv"
    export_to_file(journal.entries, path, ExportOptions())
    first_line = path.read_bytes().split(b"\r\n", 1)[0]
    assert first_line == ENTRY_HEADER.encode()
    assert read_csv(path)[0] == ENTRY_HEADER.split(",")


def test_an_empty_journal_exports_the_header_only(journal, tmp_path):
    path = tmp_path / "empty.csv"
    assert export_to_file(journal.entries, path, ExportOptions()) == 0
    assert read_csv(path) == [ENTRY_HEADER.split(",")]


def test_one_row_per_entry_ordered_by_date_then_created_at(golden, tmp_path):
    journal, entries = golden
    path = tmp_path / "entries.csv"
    assert export_to_file(journal.entries, path, ExportOptions()) == 17
    rows = read_dicts(path)
    assert [r["id"] for r in rows] == [e.id for e in entries]
    # By instant, not by text: on 2026-12-31 12:00+05:30 (06:30Z) comes before
    # 08:00+00:00, which comes before 18:00-05:00 (23:00Z).
    assert [r["id"] for r in rows] == [
        golden_id(n)
        for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 10, 12, 13, 14, 15, 16, 17)
    ]
    keys = [(day(r["date"]), dt.datetime.fromisoformat(r["created_at"])) for r in rows]
    assert keys == sorted(keys)


def test_a_row_holds_every_field_of_its_entry(golden, tmp_path):
    journal, _ = golden
    path = tmp_path / "entries.csv"
    rows = {r[0]: r for r in export(journal, path)[1:]}
    assert rows[golden_id(1)] == [
        golden_id(1),
        "2026-03-02",
        "2026-03-02T09:00:00+01:00",
        "2026-03-02T09:00:00+01:00",
        "Monday planning",
        'Assigned the sprint; "because I said so", mostly.\nThen a 1:1.',
        "2",  # influence
        "-1",  # followers
        "",  # growth: not rated
        "",  # relationship
        "",  # mentor
        "25.0",  # 50 x (2 - 1) / 2
        "1",
        "planning",
    ]
    assert rows[golden_id(11)] == [
        golden_id(11),
        "2026-12-31",
        "2026-12-31T12:00:00+05:30",
        "2027-01-01T00:30:00+05:30",
        "Targets for next year",
        "Set every indicator myself.",
        "",
        "",
        "",
        "0",  # rated 0 is not "not rated"
        "-1",
        "-25.0",  # 50 x (0 - 1) / 2
        "0",
        "planning;metrics",
    ]
    assert rows[golden_id(3)][6:] == ["", "", "", "", "", "", "3", "1:1;coaching"]


def test_ratings_are_plain_numbers_or_empty(golden, tmp_path):
    journal, entries = golden
    export_to_file(journal.entries, tmp_path / "e.csv", ExportOptions())
    rows = read_dicts(tmp_path / "e.csv")
    for row, entry in zip(rows, entries, strict=True):
        for key in DIMENSION_KEYS:
            rating = entry.ratings[key]
            assert row[key] == ("" if rating is None else str(rating))
            assert row[key] in {"", "-2", "-1", "0", "1", "2"}


# Worked by hand: lean = 50 x mean of the ratings given, one decimal.
GOLDEN_ENTRY_LEANS = {
    1: "25.0",  # 2, -1        -> 50 x 1/2
    2: "40.0",  # 1, 1, 1, 1, 0 -> 50 x 4/5
    3: "",  # nothing rated
    4: "0.0",  # five zeros: rated, in balance
    5: "-80.0",  # -2, -2, -1, -2, -1 -> 50 x -8/5
    6: "100.0",  # 2
    7: "0.0",  # -1, 1
    8: "",
    9: "83.3",  # 1, 2, 2 -> 50 x 5/3 = 83.33...
    10: "50.0",  # 1
    11: "-25.0",  # 0, -1
    12: "",
    13: "37.5",  # -1, 1, 2, 1 -> 50 x 3/4
    14: "100.0",  # 2
    15: "10.0",  # 1, 0, -1, 1, 0 -> 50 x 1/5
    16: "0.0",  # 0, -1, 1
    17: "",
}


def test_the_lean_of_each_golden_entry(golden, tmp_path):
    journal, _ = golden
    export_to_file(journal.entries, tmp_path / "e.csv", ExportOptions())
    rows = {r["id"]: r["lean"] for r in read_dicts(tmp_path / "e.csv")}
    assert rows == {golden_id(n): lean for n, lean in GOLDEN_ENTRY_LEANS.items()}


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ((2, -1), "25.0"),
        ((1, 1, 1, 1, 0), "40.0"),
        ((1, 0, 0, 0, 0), "10.0"),  # 50 x 1/5
        ((1, 0, 0), "16.7"),  # 50 x 1/3 = 16.66...
        ((-1, 0, 0), "-16.7"),
        ((2, 2, 1), "83.3"),  # 50 x 5/3
        ((-2, -2, -1), "-83.3"),
        ((2, 2, 2, 2, 2), "100.0"),
        ((-2, -2, -2, -2, -2), "-100.0"),
        ((-1,), "-50.0"),
        ((0,), "0.0"),
        ((1, -1), "0.0"),
        ((), ""),  # all unrated: empty, not 0
    ],
)
def test_lean_has_one_decimal_or_is_empty(journal, tmp_path, ratings, expected):
    one_entry(journal, ratings=dict(zip(DIMENSION_KEYS, ratings, strict=False)))
    export_to_file(journal.entries, tmp_path / "e.csv", ExportOptions())
    (row,) = read_dicts(tmp_path / "e.csv")
    assert row["lean"] == expected


def test_tags_are_joined_with_semicolons(journal, tmp_path):
    one_entry(journal, tags=("1:1", "Caf\u00e9", "hard week", "a,b"))
    one_entry(journal)
    rows = export(journal, tmp_path / "e.csv")
    assert [r[-1] for r in rows[1:]] == ["1:1;Caf\u00e9;hard week;a,b", ""]


# -- spreadsheet safety --------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "exported"),
    [
        ("=1+1", "'=1+1"),
        ("'hello", "''hello"),
        ("-5 people", "'-5 people"),
        ("@x", "'@x"),
        ("+x", "'+x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("=", "'="),
        ("plain text", "plain text"),
        (" =1+1", " =1+1"),  # only the very first character counts
        ("1+1=2", "1+1=2"),
        ("a 'quote'", "a 'quote'"),
        ("", ""),
    ],
)
def test_text_cells_that_would_run_as_formulas_get_one_quote(
    journal, tmp_path, written, exported
):
    one_line = "\r" not in written  # a title is one line
    one_entry(journal, title=written if one_line else "", text=written)
    (row,) = export(journal, tmp_path / "e.csv")[1:]
    assert row[4] == (exported if one_line else "")  # title
    assert row[5] == exported  # text


@pytest.mark.parametrize(
    ("tags", "exported"),
    [
        (("=cmd", "x"), "'=cmd;x"),
        (("-metrics",), "'-metrics"),
        (("@team", "+1"), "'@team;'+1"),
        (("'quoted",), "''quoted"),
        # A spreadsheet splitting on ";" makes each tag a cell of its own.
        (("plain", "=later"), "plain;'=later"),
        (("coaching", "=1+1"), "coaching;'=1+1"),
        (("a", "-b", "@c", "+d", "'e", "f"), "a;'-b;'@c;'+d;''e;f"),
        (("=x", "y=", "z"), "'=x;y=;z"),
    ],
)
def test_the_tags_cell_is_guarded_too(journal, tmp_path, tags, exported):
    one_entry(journal, tags=tags)
    (row,) = export(journal, tmp_path / "e.csv")[1:]
    assert row[-1] == exported


@pytest.mark.parametrize(
    ("written", "exported"),
    [
        # after a ";" or a tab, where a spreadsheet may start a cell
        ("total;=1+1", "total;'=1+1"),
        ("a\t=1+1", "a\t'=1+1"),
        ("a;\t=1", "a;'\t'=1"),
        ("a;'b", "a;''b"),
        # after a line break, where such a spreadsheet starts a row
        ("notes\n- one\n- two", "notes\n'- one\n'- two"),
        ("one\r\n@two\r+three", "one\r\n'@two\r'+three"),
        # not after a comma (a cell of its own only when quoting is ignored,
        # which no spreadsheet does), nor after a space
        ("a,=1", "a,=1"),
        ("a; =1", "a; =1"),
        ("x;y\nz", "x;y\nz"),
    ],
)
def test_a_risky_start_inside_a_text_cell_is_guarded(
    journal, tmp_path, written, exported
):
    one_entry(journal, text=written, title=written.replace("\n", " ").replace("\r", ""))
    (row,) = export(journal, tmp_path / "e.csv")[1:]
    assert row[5] == exported


def test_numeric_columns_never_get_a_quote(golden, tmp_path):
    journal, _ = golden
    rows = export(journal, tmp_path / "e.csv")[1:]
    negative = {golden_id(5): "-80.0", golden_id(11): "-25.0"}
    for row in rows:
        numeric = row[6:13]  # five ratings, lean, advice_requests
        assert not any(cell.startswith("'") for cell in numeric), row
        for cell in numeric:
            if cell:
                float(cell)  # a plain number, nothing around it
                assert cell == cell.strip(), row
        if row[0] in negative:
            assert row[11] == negative[row[0]]
    by_id = {r[0]: r for r in rows}
    assert by_id[golden_id(5)][6:11] == ["-2", "-2", "-1", "-2", "-1"]
    assert by_id[golden_id(5)][4] == "'-5 people quit"  # the title is guarded
    assert (
        by_id[golden_id(5)][5]
        == "'+ a reorg.\r\nHeld to the rules; checked every report."
    )
    assert by_id[golden_id(7)][4] == "'@channel"
    assert by_id[golden_id(2)][4] == "'=SUM(A1)"
    assert by_id[golden_id(8)][5] == "''quoted' thoughts, nothing to rate"
    assert by_id[golden_id(14)][5] == "'\tLet her decide."
    assert by_id[golden_id(1)][4] == "Monday planning"


# -- date range ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "numbers"),
    [
        ("2026-03-16", "2026-12-31", (5, 6, 7, 8, 9, 11, 10, 12)),  # both bounds kept
        ("2026-03-04", "2026-03-04", (3,)),  # a single day
        ("2026-03-23", "2026-12-27", ()),  # no entries in between
        ("2027-01-03", None, (14, 15, 16, 17)),
        (None, "2026-03-02", (1, 2)),
        (None, None, (1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 10, 12, 13, 14, 15, 16, 17)),
    ],
)
def test_from_and_to_are_inclusive(golden, tmp_path, start, end, numbers):
    journal, _ = golden
    path = tmp_path / "e.csv"
    written = export_to_file(
        journal.entries,
        path,
        ExportOptions(
            start=day(start) if start else None, end=day(end) if end else None
        ),
    )
    rows = read_csv(path)
    assert rows[0] == ENTRY_HEADER.split(",")
    assert [r[0] for r in rows[1:]] == [golden_id(n) for n in numbers]
    assert written == len(numbers)


# -- the Excel option ----------------------------------------------------------


@pytest.mark.parametrize("kind", ["entries", "weekly"])
def test_excel_adds_only_a_bom(golden, tmp_path, kind):
    journal, _ = golden
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    export_to_file(journal.entries, plain, ExportOptions(kind=kind))
    export_to_file(journal.entries, excel, ExportOptions(kind=kind, excel=True))
    assert not plain.read_bytes().startswith(BOM)
    assert plain.read_bytes().startswith(b"id," if kind == "entries" else b"week,")
    assert excel.read_bytes()[:3] == BOM
    assert excel.read_bytes() == BOM + plain.read_bytes()


def test_a_stream_export_has_the_same_bytes_as_a_file(golden, tmp_path):
    journal, _ = golden
    for excel in (False, True):
        path = tmp_path / f"excel-{excel}.csv"
        export_to_file(journal.entries, path, ExportOptions(excel=excel))
        buffer = io.BytesIO()
        out = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
        export_to_stream(journal.entries, out, ExportOptions(excel=excel))
        out.flush()
        assert buffer.getvalue() == path.read_bytes()


# -- weekly export -------------------------------------------------------------


def csv_lean(value) -> str:
    """A domain lean as the CSV writes it: one decimal, or empty."""
    if value is None:
        return ""
    return f"{round_lean(value) + 0.0:.1f}"  # + 0.0 turns -0.0 into 0.0


# Worked by hand from golden.py (dimensions: influence, followers, growth,
# relationship, mentor; lean = 50 x sum / count of the ratings pooled):
#
# 2026-W10: #1 (2, -1), #2 (1, 1, 1, 1, 0), #3 unrated, #4 (0, 0, 0, 0, 0)
#   pooled: sum 1 + 4 + 0 = 5 over 2 + 5 + 5 = 12 ratings -> 50 x 5/12 = 20.83
#   influence 2, 1, 0 -> 50 x 3/3 = 50; followers -1, 1, 0 -> 0;
#   growth 1, 0 -> 25; relationship 1, 0 -> 25; mentor 0, 0 -> 0
#   entries 4, days 03-02, 03-04, 03-06 = 3, advice 1 + 0 + 3 + 0 = 4
# 2026-W12: #5 (-2, -2, -1, -2, -1), #6 growth 2, #7 relationship -1 mentor 1,
#   #8 unrated
#   pooled: sum -8 + 2 + 0 = -6 over 5 + 1 + 2 = 8 -> 50 x -6/8 = -37.5
#   influence -2 -> -100; followers -2 -> -100; growth -1, 2 -> 25;
#   relationship -2, -1 -> -75; mentor -1, 1 -> 0
#   entries 4, days 03-16, 03-19, 03-22 = 3, advice 2
# 2026-W53 (Mon 2026-12-28 .. Sun 2027-01-03, across the new year):
#   #9 (influence 1, followers 2, mentor 2), #10 growth 1, #11 (relationship 0,
#   mentor -1), #12 unrated, #13 (influence -1, followers 1, growth 2,
#   relationship 1), #14 mentor 2
#   pooled: sum 5 + 1 - 1 + 3 + 2 = 10 over 3 + 1 + 2 + 4 + 1 = 11
#           -> 50 x 10/11 = 45.45 -> 45.5
#   influence 1, -1 -> 0; followers 2, 1 -> 50 x 3/2 = 75; growth 1, 2 -> 75;
#   relationship 0, 1 -> 25; mentor 2, -1, 2 -> 50 x 3/3 = 50
#   entries 6, days 12-28, 12-31, 01-02, 01-03 = 4, advice 4+1+0+2+0+1 = 8
# 2027-W01: #15 (1, 0, -1, 1, 0), #16 (influence 0, followers -1, growth 1)
#   pooled: sum 1 + 0 = 1 over 5 + 3 = 8 -> 50 x 1/8 = 6.25 -> 6.3 (half up)
#   influence 1, 0 -> 25; followers 0, -1 -> -25; growth -1, 1 -> 0;
#   relationship 1 -> 50; mentor 0 -> 0
# 2027-W05: #17 unrated only -> every lean empty
# 2026-W11 and 2027-W02..W04 have no entries and so no row.
GOLDEN_WEEKS = [
    # week, start, end, entries, days, lean, five dimensions, advice
    cells("2026-W10,2026-03-02,2026-03-08,4,3,20.8,50.0,0.0,25.0,25.0,0.0,4"),
    cells("2026-W12,2026-03-16,2026-03-22,4,3,-37.5,-100.0,-100.0,25.0,-75.0,0.0,2"),
    cells("2026-W53,2026-12-28,2027-01-03,6,4,45.5,0.0,75.0,75.0,25.0,50.0,8"),
    cells("2027-W01,2027-01-04,2027-01-10,2,2,6.3,25.0,-25.0,0.0,50.0,0.0,0"),
    cells("2027-W05,2027-02-01,2027-02-07,1,1,,,,,,,0"),
]


def test_the_weekly_header_is_exactly_the_weekly_format(golden, tmp_path):
    journal, _ = golden
    path = tmp_path / "weeks.csv"
    export_to_file(journal.entries, path, ExportOptions(kind="weekly"))
    assert path.read_bytes().split(b"\r\n", 1)[0] == WEEK_HEADER.encode()


def test_weekly_rows_match_the_hand_worked_figures(golden, tmp_path):
    journal, _ = golden
    path = tmp_path / "weeks.csv"
    assert export_to_file(journal.entries, path, ExportOptions(kind="weekly")) == 5
    rows = read_csv(path)
    assert rows[0] == WEEK_HEADER.split(",")
    assert rows[1:] == GOLDEN_WEEKS


def test_weekly_rows_match_the_domain_scores(golden, tmp_path):
    journal, entries = golden
    path = tmp_path / "weeks.csv"
    export_to_file(journal.entries, path, ExportOptions(kind="weekly"))
    rows = read_dicts(path)

    by_week: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_week[iso_week_id(entry.date)].append(entry)
    assert [r["week"] for r in rows] == sorted(by_week)
    for row in rows:
        week = by_week[row["week"]]
        start, end = day(row["start_date"]), day(row["end_date"])
        assert start.isoweekday() == 1  # Monday
        assert end.isoweekday() == 7  # Sunday
        assert end - start == dt.timedelta(days=6)
        assert all(start <= e.date <= end for e in week)
        assert iso_week_id(start) == iso_week_id(end) == row["week"]
        assert int(row["entries"]) == len(week)
        assert int(row["days_journaled"]) == len({e.date for e in week})
        assert int(row["advice_requests"]) == sum(e.advice_requests for e in week)
        assert row["lean"] == csv_lean(pooled_lean(week))
        for key in DIMENSION_KEYS:
            assert row[key] == csv_lean(dimension_lean(week, key)), (row, key)


def test_the_week_across_the_new_year_is_one_row(golden, tmp_path):
    journal, _ = golden
    path = tmp_path / "weeks.csv"
    export_to_file(journal.entries, path, ExportOptions(kind="weekly"))
    rows = {r["week"]: r for r in read_dicts(path)}
    assert "2027-W53" not in rows
    assert "2026-W52" not in rows
    assert rows["2026-W53"]["start_date"] == "2026-12-28"
    assert rows["2026-W53"]["end_date"] == "2027-01-03"
    assert rows["2026-W53"]["entries"] == "6"
    assert "2026-W11" not in rows  # a week without entries has no row


def test_weekly_with_a_range_counts_only_the_days_in_it(golden, tmp_path):
    journal, _ = golden
    path = tmp_path / "weeks.csv"
    options = ExportOptions(
        kind="weekly", start=day("2026-03-03"), end=day("2026-12-31")
    )
    assert export_to_file(journal.entries, path, options) == 3
    rows = read_csv(path)[1:]
    # 2026-W10 without Monday 03-02 (#1, #2): #3 unrated, #4 five zeros -> 0.0
    # 2026-W53 up to 12-31 only: #9 (1, 2, 2), #10 (1), #11 (0, -1), #12
    #   pooled 50 x 5/6 = 41.67 -> 41.7; influence 1 -> 50; followers 2 -> 100;
    #   growth 1 -> 50; relationship 0 -> 0; mentor 2, -1 -> 25
    #   advice 4 + 1 + 0 + 2 = 7
    assert rows == [
        cells("2026-W10,2026-03-02,2026-03-08,2,2,0.0,0.0,0.0,0.0,0.0,0.0,3"),
        GOLDEN_WEEKS[1],
        cells("2026-W53,2026-12-28,2027-01-03,4,2,41.7,50.0,100.0,50.0,0.0,25.0,7"),
    ]


def test_weekly_export_of_an_empty_journal_is_the_header(journal, tmp_path):
    path = tmp_path / "weeks.csv"
    assert export_to_file(journal.entries, path, ExportOptions(kind="weekly")) == 0
    assert read_csv(path) == [WEEK_HEADER.split(",")]


# -- progress ------------------------------------------------------------------


def test_progress_reports_done_and_total(golden, tmp_path):
    journal, _ = golden
    calls = []
    export_to_file(
        journal.entries,
        tmp_path / "e.csv",
        ExportOptions(),
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls[0] == (0, 17)
    assert calls[-1] == (17, 17)


def test_the_readme_names_the_columns_the_exports_write():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert ",".join(ENTRY_COLUMNS) == ENTRY_HEADER
    assert ",".join(WEEK_COLUMNS) == WEEK_HEADER
    assert f"`{ENTRY_HEADER}`" in readme
    assert f"`{WEEK_HEADER}`" in readme
