"""The jrnl journal file export (``--format jrnl-text``), read as jrnl reads
it, without jrnl itself: test_jrnl_program.py imports it into the real jrnl."""

from __future__ import annotations

import datetime as dt

from leaderjournal.domain.entry import Entry
from leaderjournal.exchange.export import ExportOptions, export_to_file
from tests.command import run_main
from tests.kinds import passphrase_input

BERLIN = dt.timezone(dt.timedelta(hours=1))


def entry(n: int, day: dt.date, at: dt.datetime, title: str, text: str, *tags: str):
    return Entry(
        id=f"2f0c9a3e-0000-4000-8000-{n:012d}",
        date=day,
        created_at=at,
        updated_at=at,
        title=title,
        text=text,
        tags=tags,
    )


def at(day: int, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=BERLIN)


MARCH_1 = dt.date(2026, 3, 1)


def test_each_entry_is_a_date_line_and_its_text(journal, tmp_path):
    journal.entries.save_many(
        [
            entry(
                1,
                MARCH_1,
                at(1, 23, 30),
                "Late call with Zoë",
                "Talked about 東京.\n\nSecond paragraph\n"
                "[2026-03-01 10:00] only looks like an entry\n[monday] also",
                "coaching",
                "one on one",
            ),
            # Written after midnight, about the day before.
            entry(
                2,
                MARCH_1,
                at(2, 0, 30),
                "",
                "No title. Two sentences\nthen more about @Coaching",
                "coaching",
                "mood:calm",
            ),
            entry(3, dt.date(2026, 3, 2), at(2, 9, 0), "  Only a title  ", ""),
            entry(4, dt.date(2026, 3, 2), at(2, 9, 5), "", "", "growth"),
        ]
    )
    path = tmp_path / "journal.txt"

    written = export_to_file(journal.entries, path, ExportOptions(kind="jrnl-text"))

    assert written == 4
    assert path.read_text(encoding="utf-8") == (
        "[2026-03-01 23:30] Late call with Zoë\n"
        "Talked about 東京.\n"
        "\n"
        "Second paragraph\n"
        "\\[2026-03-01 10:00] only looks like an entry\n"
        "\\[monday] also\n"
        "\n"
        "@coaching @one-on-one\n"
        "\n"
        "[2026-03-01 00:30] No title. Two sentences\n"
        "then more about @Coaching\n"
        "\n"
        "@mood-calm\n"
        "\n"
        "[2026-03-02 09:00] Only a title\n"
        "\n"
        "[2026-03-02 09:05] @growth\n"
    )


def test_a_bracket_that_is_no_date_line_is_left_alone(journal, tmp_path):
    text = (
        "A [link](https://jrnl.sh) and\n[a note](#) then [x]done\n [2026-03-01 10:00] x"
    )
    journal.entries.save_many([entry(1, MARCH_1, at(1, 8, 0), "Links", text)])
    path = tmp_path / "journal.txt"

    export_to_file(journal.entries, path, ExportOptions(kind="jrnl-text"))

    assert path.read_text(encoding="utf-8") == f"[2026-03-01 08:00] Links\n{text}\n"


def test_the_command_line_writes_it_and_says_so_in_its_help(journal_kind, tmp_path):
    data_dir = tmp_path / "data"
    with journal_kind.new(data_dir) as journal:
        journal.entries.save_many([entry(1, MARCH_1, at(1, 8, 0), "Hello", "world")])
    extra, stdin = passphrase_input(data_dir)

    result = run_main(
        "--data-dir", str(data_dir), "export", "-", "--format", "jrnl-text", *extra,
        stdin=stdin, text=True,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert result.stdout == "[2026-03-01 08:00] Hello\nworld\n"
    shown = run_main("export", "--help", text=True).stdout
    assert "jrnl-text: a journal file jrnl can import" in " ".join(shown.split())
