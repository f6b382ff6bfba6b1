"""`leaderjournal export` and `import`, run as a person runs them, with no display."""

import contextlib
import csv
import datetime as dt
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaderjournal.cli import main
from leaderjournal.domain.entry import Entry
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS, WEEK_COLUMNS
from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.storage.journal import Journal
from tests.command import run_main
from tests.exchange.golden import add_golden, golden_entries, golden_id
from tests.kinds import encrypt_for_tests, open_journal, passphrase_input

REPO_ROOT = Path(__file__).resolve().parent.parent
BOM = b"\xef\xbb\xbf"


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """The command as main() runs it, its output as a process's bytes; an
    encrypted journal's passphrase comes on standard input."""
    extra, stdin = passphrase_input(data_dir)
    return run_main("--data-dir", str(data_dir), *args, *extra, stdin=stdin)


def run_process(data_dir: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """The real command, with no display to open a window on; an encrypted
    journal's passphrase comes on standard input."""
    extra, stdin = passphrase_input(data_dir)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "leaderjournal",
            "--data-dir",
            str(data_dir),
            *args,
            *extra,
        ],
        input=stdin.encode(),
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )


def digest(data_dir: Path) -> str:
    return hashlib.sha256((data_dir / "journal.db").read_bytes()).hexdigest()


def parse(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def cells(line: str) -> list[str]:
    """The cells of a CSV line that has no quoted cells."""
    return line.split(",")


def stderr_lines(result) -> list[str]:
    return result.stderr.decode().strip().splitlines()


@pytest.fixture(scope="module")
def encrypted_journal_folder(journal_folder, tmp_path_factory) -> Path:
    """The golden journal, encrypted (once per module)."""
    folder = tmp_path_factory.mktemp("encrypted") / "golden"
    shutil.copytree(journal_folder, folder)
    encrypt_for_tests(folder)
    return folder


@pytest.fixture
def seeded(journal_kind, request, tmp_path) -> Path:
    """A closed journal of each kind with the golden entries, this test's
    own copy."""
    name = "encrypted_journal_folder" if journal_kind.encrypted else "journal_folder"
    data_dir = tmp_path / "golden"
    shutil.copytree(request.getfixturevalue(name), data_dir)
    return data_dir


@pytest.fixture
def empty(journal_kind, tmp_path) -> Path:
    data_dir = tmp_path / "empty"
    journal_kind.new(data_dir).close()
    return data_dir


@pytest.fixture(scope="module")
def golden_csv(journal_folder, tmp_path_factory) -> Path:
    """The golden entries as the app exports them; read, never written."""
    folder = tmp_path_factory.mktemp("golden-csv")
    shutil.copytree(journal_folder, folder / "golden")
    path = folder / "golden.csv"
    export_to_file_of(folder / "golden", path)
    return path


# -- export --------------------------------------------------------------------


def test_export_to_stdout_prints_the_csv(seeded, golden_csv):
    result = run_process(seeded, "export", "-")
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert not result.stdout.startswith(BOM)
    rows = parse(result.stdout)
    assert rows[0] == list(ENTRY_COLUMNS)
    assert len(rows) == 18
    assert rows[1][0] == golden_id(1)
    assert rows[1][11] == "25.0"
    # the very bytes the app writes to a file
    assert result.stdout == golden_csv.read_bytes()


def test_export_to_stdout_for_excel_starts_with_a_bom(seeded, golden_csv):
    result = run(seeded, "export", "-", "--excel")
    assert result.returncode == 0, result.stderr
    assert result.stdout == BOM + golden_csv.read_bytes()


def test_export_to_stdout_with_a_range(seeded):
    result = run(seeded, "export", "-", "--from", "2026-12-31", "--to", "2027-01-02")
    assert result.returncode == 0, result.stderr
    rows = parse(result.stdout)
    assert [r[0] for r in rows[1:]] == [golden_id(n) for n in (11, 10, 12, 13)]


def test_a_second_command_in_the_same_process_keeps_none_of_the_first_s_options(
    seeded, golden_csv
):
    # main() reuses one parser: a range, --excel or a refusal must not linger.
    first = run(seeded, "export", "-", "--from", "2026-12-31", "--excel")
    assert first.returncode == 0, first.stderr
    refused = run(seeded, "export", "-", "--to", "yesterday")
    assert refused.returncode != 0
    again = run(seeded, "export", "-")
    assert again.returncode == 0, again.stderr
    assert again.stdout == golden_csv.read_bytes()


def test_export_of_one_entry_says_one_entry(journal_kind, data_dir, tmp_path):
    with journal_kind.new(data_dir) as journal:
        journal.entries.add(Entry.new(dt.date(2026, 3, 2), text="only one"))
    path = tmp_path / "one.csv"
    result = run(data_dir, "export", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip() == f"Exported 1 entry to {path}"
    assert len(parse(path.read_bytes())) == 2  # header and the one entry


def test_export_weekly_for_excel_to_a_file(seeded, tmp_path):
    path = tmp_path / "weeks 2026.csv"
    result = run(
        seeded,
        "export",
        str(path),
        "--weekly",
        "--excel",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip() == f"Exported 3 weeks to {path}"
    data = path.read_bytes()
    assert data.startswith(BOM)
    rows = parse(data)
    assert rows[0] == list(WEEK_COLUMNS)
    # 2026-W53 holds only its 2026 days here: #9 (1, 2, 2), #10 (1), #11 (0, -1),
    # #12 unrated -> 50 x 5/6 = 41.7; advice 4 + 1 + 0 + 2 = 7
    assert rows[1:] == [
        cells("2026-W10,2026-03-02,2026-03-08,4,3,20.8,50.0,0.0,25.0,25.0,0.0,4"),
        cells(
            "2026-W12,2026-03-16,2026-03-22,4,3,-37.5,-100.0,-100.0,25.0,-75.0,0.0,2"
        ),
        cells("2026-W53,2026-12-28,2027-01-03,4,2,41.7,50.0,100.0,50.0,0.0,25.0,7"),
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["golden", "weeks 2026.csv"]


def test_from_after_to_is_refused(seeded, tmp_path):
    path = tmp_path / "out.csv"
    result = run(
        seeded, "export", str(path), "--from", "2026-12-31", "--to", "2026-01-01"
    )
    assert result.returncode != 0
    assert stderr_lines(result) == ["leaderjournal: --from must not be after --to"]
    assert result.stdout == b""
    assert not path.exists()


@pytest.mark.parametrize("bad", ["2026-13-01", "31.12.2026", "yesterday", ""])
def test_a_malformed_date_is_refused(seeded, tmp_path, bad):
    path = tmp_path / "out.csv"
    result = run(seeded, "export", str(path), "--from", bad)
    assert result.returncode != 0
    last = stderr_lines(result)[-1]
    assert last.startswith("leaderjournal")
    assert "YYYY-MM-DD" in last
    assert not path.exists()


def test_export_into_a_missing_folder_fails_with_one_line(seeded, tmp_path):
    path = tmp_path / "missing" / "out.csv"
    result = run(seeded, "export", str(path))
    assert result.returncode != 0
    (line,) = stderr_lines(result)
    assert line.startswith("leaderjournal: ")
    assert "does not exist" in line
    assert not (tmp_path / "missing").exists()


# -- import --------------------------------------------------------------------


def test_import_dry_run_says_what_would_change_and_writes_nothing(empty, golden_csv):
    before = digest(empty)
    result = run(empty, "import", str(golden_csv), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip() == (
        "Dry run: 17 added, 0 updated, 0 unchanged. Nothing was written."
    )
    assert digest(empty) == before
    with open_journal(empty) as journal:
        assert journal.entries.count() == 0


def test_import_names_each_row_whose_older_edit_was_not_taken(seeded, tmp_path):
    with open_journal(seeded) as journal:
        first = journal.entries.get(golden_id(1))
    assert first is not None
    path = tmp_path / "edited.csv"
    export_to_file_of(seeded, path)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    (row,) = [r for r in rows if r[0] == first.id]
    row[rows[0].index("text")] = "Changed in a spreadsheet"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    line = physical_line(path, first.id)
    before = digest(seeded)
    for extra in (["--dry-run"], []):
        result = run(seeded, "import", str(path), *extra)
        assert result.returncode == 0, result.stderr
        out = result.stdout.decode().splitlines()
        assert out[0].startswith(f"Line {line}: the journal's version of ")
        assert out[0].endswith("is as recent as this row, so it was kept")
        assert "clear its updated_at" in out[1]
        assert "16 unchanged, 1 kept the journal's newer version" in out[2]
    assert digest(seeded) == before


def physical_line(path: Path, starts: str) -> int:
    """The line of a file a row starts on, counted as csv counts lines."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for number, text in enumerate(handle, start=1):
            if text.startswith(starts):
                return number
    raise AssertionError(f"no line starts with {starts}")


def export_to_file_of(data_dir: Path, path: Path) -> None:
    with open_journal(data_dir) as journal:
        export_to_file(journal.entries, path, ExportOptions())


def test_import_adds_the_entries(empty, golden_csv):
    result = run_process(empty, "import", str(golden_csv))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip() == (
        f"Imported {golden_csv}: 17 added, 0 updated, 0 unchanged."
    )
    with open_journal(empty) as journal:
        imported = sorted(journal.entries.iter_all(), key=lambda e: e.id)
    assert imported == sorted(golden_entries(), key=lambda e: e.id)

    again = run(empty, "import", str(golden_csv))
    assert again.returncode == 0, again.stderr
    assert "0 added, 0 updated, 17 unchanged" in again.stdout.decode()


def test_a_bad_file_lists_each_bad_row_and_imports_nothing(seeded, tmp_path):
    path = tmp_path / "bad.csv"
    header = ",".join(ENTRY_COLUMNS)
    path.write_bytes(
        (
            f"{header}\r\n"
            ",2026-05-04,,,good,,1,,,,,,0,\r\n"  # line 2
            ',2026-05-05,,,"two\r\nlines",,3,,,,,,0,\r\n'  # lines 3-4: rating 3
            ",2026-05-06,,,good,,,,,,,,0,\r\n"  # line 5
            ",2026-02-30,,,bad day,,,,,,,,0,\r\n"  # line 6
        ).encode()
    )
    before = digest(seeded)
    result = run_process(seeded, "import", str(path))
    assert result.returncode != 0
    assert result.stdout == b""
    lines = stderr_lines(result)
    assert len(lines) == 3
    assert lines[0].startswith("Line 3: ")
    assert "influence" in lines[0]
    assert "rating" in lines[0]
    assert lines[1].startswith("Line 6: ")
    assert "does not exist" in lines[1]
    assert lines[2].startswith("leaderjournal: ")
    assert "2 bad rows" in lines[2]
    assert "nothing was imported" in lines[2]
    assert digest(seeded) == before


def test_an_unreadable_file_fails_with_one_line(seeded, tmp_path):
    binary = tmp_path / "photo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    for path, reason in (
        (tmp_path / "nothing.csv", "There is no file"),
        (binary, "binary"),
    ):
        before = digest(seeded)
        result = run(seeded, "import", str(path))
        assert result.returncode != 0
        (line,) = stderr_lines(result)
        assert line.startswith("leaderjournal: ")
        assert reason in line
        assert digest(seeded) == before


# -- values outside the limits -------------------------------------------------


def entries_file(path: Path, *changes: dict[str, str]) -> Path:
    """An entries file of one good row per ``changes``, each changed so."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ENTRY_COLUMNS)
    for change in changes:
        cells = dict.fromkeys(ENTRY_COLUMNS, "")
        cells |= {
            "date": "2026-05-04",
            "created_at": "2026-05-04T09:00:00+02:00",
            "updated_at": "2026-05-04T09:00:00+02:00",
            "title": "fine",
            "advice_requests": "1",
        }
        writer.writerow([(cells | change)[c] for c in ENTRY_COLUMNS])
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"advice_requests": str(2**63)}, "0 to 9999"),
        ({"advice_requests": str(2**63 - 1)}, "0 to 9999"),
        ({"created_at": "0001-01-01T00:00:00+05:00"}, "1900-2100"),
        ({"updated_at": "9999-12-31T23:59:59+01:00"}, "1900-2100"),
        ({"created_at": "0001-01-01T00:00:00"}, "no UTC offset"),
    ],
)
def test_a_value_the_journal_cannot_hold_is_refused_by_import_and_dry_run(
    seeded, tmp_path, change, reason
):
    path = entries_file(tmp_path / "bad.csv", {}, change)
    before = digest(seeded)
    for extra in (["--dry-run"], []):
        result = run(seeded, "import", str(path), *extra)
        assert result.returncode == 1
        assert result.stdout == b""
        lines = stderr_lines(result)
        assert len(lines) == 2, lines  # the bad row, then the verdict
        assert lines[0].startswith("Line 3: ")
        assert reason in lines[0]
        assert "1 bad row in" in lines[1]
        assert "Traceback" not in result.stderr.decode()
    assert digest(seeded) == before


def test_advice_that_sums_beyond_sqlite_s_integers_cannot_get_in(seeded, tmp_path):
    # Two entries of 2^63 - 1 in one week made the weekly export overflow.
    largest = str(2**63 - 1)
    path = entries_file(
        tmp_path / "huge.csv",
        {"advice_requests": largest},
        {"advice_requests": largest},
    )
    assert run(seeded, "import", str(path)).returncode == 1
    result = run(seeded, "export", "-", "--weekly")
    assert result.returncode == 0, result.stderr
    assert "2026-W19" not in result.stdout.decode()


def test_a_utf16_file_imports(empty, tmp_path):
    utf8 = entries_file(tmp_path / "entries.csv", {"title": "Caf\u00e9"})
    utf16 = tmp_path / "unicode text.csv"
    utf16.write_bytes(utf8.read_text(encoding="utf-8").encode("utf-16"))
    result = run(empty, "import", str(utf16))
    assert result.returncode == 0, result.stderr
    with open_journal(empty) as journal:
        assert [e.title for e in journal.entries.iter_all()] == ["Caf\u00e9"]


# -- any file: the journal changes only when import says it did ---------------

GOOD = {
    "id": "",
    "date": "2026-05-04",
    "created_at": "2026-05-04T09:00:00+02:00",
    "updated_at": "",
    "title": "fine",
    "text": "",
    "influence": "1",
    "followers": "",
    "growth": "",
    "relationship": "",
    "mentor": "",
    "lean": "",
    "advice_requests": "0",
    "tags": "",
}
#: Values for any cell: from files people make, and from attackers.
NASTY = [
    "x" * 5000,
    "\ufeff",
    "\x00",
    '"',
    "'=1+1",
    "one\r\ntwo",
    "",
    " ",
]
#: Values for the cells whose limits matter most, good and bad.
FOR_COLUMN = {
    "advice_requests": [
        str(2**63),
        str(2**63 - 1),
        str(10**40),
        "-1",
        "10000",
        "9999",
        "1e3",
        "\u0663",
    ],
    "created_at": [
        "0001-01-01T00:00:00",
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:59:59-01:00",
        "2026-05-04T09:00:00+14:30",
        "2026-05-04T09:00:00",
        "1900-01-01T00:00:00+14:00",
        "2100-12-31T23:59:59-14:00",
    ],
    "date": ["1899-12-31", "2101-01-01", "2026-02-30", "1900-01-01", "2100-12-31"],
    "title": ["t" * 500, "t" * 501, "=HYPERLINK()", "\t@x"],
    "text": ["x" * 1_000_001, "=cmd;=1+1\n-2"],
    "tags": ["a;" * 30, "a;" * 31, "g" * 60, "g" * 61, "tab\there", "budget, Q3"],
    "influence": ["3", "-2", "+1", " 2", "1.0"],
    "id": ["not-a-uuid", "1B4E28BA-2FA1-41D2-883F-0016D3CCA427"],
}
FOR_COLUMN["updated_at"] = FOR_COLUMN["created_at"]
changes = st.sampled_from(sorted(FOR_COLUMN)).flatmap(
    lambda column: st.tuples(
        st.just(column),
        st.one_of(
            st.sampled_from(FOR_COLUMN[column]),
            st.sampled_from(NASTY),
            st.text(max_size=12),
            st.integers().map(str),
        ),
    )
)
rows = st.builds(lambda pairs: GOOD | dict(pairs), st.lists(changes, max_size=3))


@st.composite
def import_files(draw) -> bytes:
    """An entries file, mostly well formed, with values good and bad."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ENTRY_COLUMNS)
    for cells in draw(st.lists(rows, max_size=4)):
        writer.writerow([cells[c] for c in ENTRY_COLUMNS])
    data = out.getvalue().encode("utf-8")
    damage = draw(st.sampled_from(["none"] * 4 + ["append", "cut", "bytes"]))
    if damage == "append":
        data += draw(st.binary(max_size=40))
    elif damage == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "bytes":
        data = draw(st.binary(max_size=200))
    return data


def run_in_process(*args: str) -> tuple[int, str, str]:
    """The command as main() runs it: exit status, standard output and error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def journal_folder(tmp_path_factory) -> Path:
    """A closed journal with the golden entries, copied for each example."""
    folder = tmp_path_factory.mktemp("property") / "golden"
    with Journal(folder) as journal:
        add_golden(journal)
    return folder


@pytest.mark.slow
@settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=import_files())
def test_import_changes_the_journal_only_when_it_says_so(journal_folder, data):
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "journal"
        shutil.copytree(journal_folder, folder)
        path = Path(scratch) / "import.csv"
        path.write_bytes(data)
        before = digest(folder)

        dry, _, dry_err = run_in_process(
            "--data-dir", str(folder), "import", str(path), "--dry-run"
        )
        assert digest(folder) == before  # a dry run never writes
        real, real_out, real_err = run_in_process(
            "--data-dir", str(folder), "import", str(path)
        )

        assert (dry == 0) == (real == 0), (dry_err, real_err)
        if real == 0:
            assert real_out.startswith(f"Imported {path}: ")
            assert real_err == ""
        else:
            assert digest(folder) == before
            assert real_out == ""
            assert real_err.splitlines()[-1].startswith("leaderjournal: ")
            assert dry_err == real_err
        for line in (dry_err + real_err).splitlines():
            assert len(line) < 400, line[:500]
            assert "Traceback" not in line
