"""One spelling per tag (DESIGN.md, Limits: tags are "compared without regard
to case (the first spelling used is kept)").

"Delegation" and "delegation" are one tag: whichever spelling the journal
used first is the one stored in every entry, so History, Trends and the
completer show it once. Journals written before this rule are folded by a
migration.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from pathlib import Path

from leaderjournal.cli import main
from leaderjournal.domain.entry import Entry
from leaderjournal.domain.filters import HistoryFilter
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS
from leaderjournal.storage import schema
from leaderjournal.storage.backup_copy import check_file
from leaderjournal.storage.backups import list_backups
from leaderjournal.storage.database import connect
from leaderjournal.storage.entry_rows import to_row
from leaderjournal.storage.journal import Journal

UTC = dt.UTC
CET = dt.timezone(dt.timedelta(hours=1))


def written(on: str, hour: int = 9, zone: dt.tzinfo = UTC) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(on), dt.time(hour), zone)


def entry(on: str, *tags: str, hour: int = 9, title: str = "") -> Entry:
    return Entry.new(
        dt.date.fromisoformat(on), at=written(on, hour), title=title, tags=tags
    )


def stored_tags(path: Path) -> dict[str, str]:
    """Each entry's tags column exactly as the file holds it, by title."""
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT title, tags FROM entries"))
    finally:
        conn.close()


# -- saving ----------------------------------------------------------------------------


def test_a_second_spelling_is_stored_as_the_first(data_dir):
    with Journal(data_dir) as journal:
        first = entry("2026-03-02", "Delegation", "1:1")
        second = entry("2026-03-05", "delegation")
        journal.entries.add(first)
        journal.entries.add(second)

        assert journal.entries.get(first.id).tags == ("Delegation", "1:1")
        assert journal.entries.get(second.id).tags == ("Delegation",)
        assert journal.entries.tags() == ["Delegation", "1:1"]
        [delegation, one_on_one] = journal.entries.tag_totals()
        assert (delegation.tag, delegation.entries) == ("Delegation", 2)
        assert (one_on_one.tag, one_on_one.entries) == ("1:1", 1)
        # The History filter, with the one spelling it offers, finds both.
        found = journal.entries.count_between(matching=HistoryFilter(tag="Delegation"))
        assert found == 2


def test_letters_beyond_ascii_are_compared_without_regard_to_case(data_dir):
    # SQLite's NOCASE folds only A-Z: "CAFÉ" and "Café" were two tags.
    with Journal(data_dir) as journal:
        journal.entries.add(entry("2026-03-02", "Café", "Übergabe", title="first"))
        journal.entries.add(entry("2026-03-03", "CAFÉ", "übergabe", title="second"))

        assert journal.entries.tags() == ["Café", "Übergabe"]
        assert [t.tag for t in journal.entries.tag_totals()] == ["Café", "Übergabe"]
        assert [e.tags for e in journal.entries.iter_all()] == [
            ("Café", "Übergabe"),
            ("Café", "Übergabe"),
        ]
        path = journal.path
    assert stored_tags(path)["second"] == '["Café", "Übergabe"]'


def test_the_spelling_stays_while_another_entry_uses_it(data_dir):
    with Journal(data_dir) as journal:
        first = entry("2026-03-02", "Delegation")
        second = entry("2026-03-05", "delegation")
        journal.entries.add(first)
        journal.entries.add(second)

        # Re-spelled in the first entry while the second still holds it.
        journal.entries.save(first.edited(tags=("DELEGATION",)))
        assert journal.entries.get(first.id).tags == ("Delegation",)

        # Once no other entry holds the tag, its one entry may re-spell it.
        journal.entries.delete(second.id)
        journal.entries.save(first.edited(tags=("delegation",)))
        assert journal.entries.get(first.id).tags == ("delegation",)
        assert journal.entries.tags() == ["delegation"]


def test_saved_together_the_oldest_entry_gives_the_spelling(data_dir):
    with Journal(data_dir) as journal:
        later = entry("2026-03-05", "delegation", title="later")
        earlier = entry("2026-03-02", "Delegation", title="earlier")
        # The same day: written at 09:00 in CET is 08:00 UTC, before 08:30 UTC.
        same_day_utc = Entry.new(
            dt.date(2026, 3, 2),
            at=dt.datetime(2026, 3, 2, 8, 30, tzinfo=UTC),
            title="08:30 UTC",
            tags=("team",),
        )
        same_day_cet = Entry.new(
            dt.date(2026, 3, 2),
            at=written("2026-03-02", 9, CET),
            title="09:00 CET",
            tags=("Team",),
        )
        journal.entries.save_many([later, earlier, same_day_utc, same_day_cet])

        assert [(e.title, e.tags) for e in journal.entries.iter_all()] == [
            ("09:00 CET", ("Team",)),
            ("08:30 UTC", ("Team",)),
            ("earlier", ("Delegation",)),
            ("later", ("Delegation",)),
        ]


def test_a_journal_spelling_wins_over_a_batch(data_dir):
    with Journal(data_dir) as journal:
        journal.entries.add(entry("2026-03-09", "Delegation"))
        # An older entry arriving later does not re-spell the journal's tag,
        # whatever else the batch holds.
        journal.entries.save_many(
            [
                entry("2026-03-03", "team"),
                entry("2026-03-04", "Team"),
                entry("2026-03-02", "DELEGATION", title="old"),
            ]
        )

        assert [e.tags for e in journal.entries.iter_all()] == [
            ("Delegation",),
            ("team",),
            ("team",),
            ("Delegation",),
        ]


# -- importing -------------------------------------------------------------------------


IMPORTED_ID = "00000000-0000-4000-8000-0000000000aa"


def test_an_imported_tag_takes_the_journals_spelling(data_dir, tmp_path, capsys):
    with Journal(data_dir) as journal:
        journal.entries.add(entry("2026-03-02", "Delegation", title="mine"))
    source = tmp_path / "in.csv"
    with source.open("w", newline="", encoding="utf-8") as out:
        rows = csv.DictWriter(out, ENTRY_COLUMNS, restval="")
        rows.writeheader()
        rows.writerow(
            {
                "id": IMPORTED_ID,
                "date": "2026-03-04",
                "created_at": "2026-03-04T10:00:00+00:00",
                "updated_at": "2026-03-04T10:00:00+00:00",
                "title": "imported",
                "advice_requests": "0",
                "tags": "delegation;1:1",
            }
        )

    assert main(["import", str(source), "--data-dir", str(data_dir)]) == 0

    with Journal(data_dir) as journal:
        assert [(e.title, e.tags) for e in journal.entries.iter_all()] == [
            ("mine", ("Delegation",)),
            ("imported", ("Delegation", "1:1")),
        ]
        assert journal.entries.tags() == ["Delegation", "1:1"]
    before = stored_tags(data_dir / "journal.db")
    # Importing the same file again changes nothing.
    assert main(["import", str(source), "--data-dir", str(data_dir)]) == 0
    assert stored_tags(data_dir / "journal.db") == before
    capsys.readouterr()


# -- journals written before the rule --------------------------------------------

#: The migration that folds spellings: journals before it kept each as typed.
FOLDING_MIGRATION = "m003_one_spelling_per_tag"


def old_journal(data_dir: Path, entries: list[Entry]) -> Path:
    """A journal as the previous version wrote it: its migrations only, and
    entries inserted as it inserted them (each tag as typed)."""
    data_dir.mkdir(mode=0o700)
    path = data_dir / "journal.db"
    db = connect(path)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        schema.apply_first(db, schema.known_migrations().index(FOLDING_MIGRATION))
        # Before m004 the first rating's column was called power.
        columns = "id, date, created_at, updated_at, title, text, power, followers, "
        columns += "growth, relationship, mentor, advice_requests, tags"
        with db.conn:
            for one in entries:
                db.execute(
                    f"INSERT INTO entries ({columns}) VALUES ({', '.join('?' * 13)})",
                    to_row(one),
                )
    finally:
        db.close()
    return path


def test_an_old_journal_is_folded_to_the_first_spelling(data_dir):
    newest = entry("2026-03-09", "delegation", "Team", title="newest")
    oldest = entry("2026-03-02", "Delegation", title="oldest")
    middle = entry("2026-03-05", "DELEGATION", "team", "1:1", title="middle")
    # The previous version kept case repeats inside one entry if a file held them.
    repeats = entry("2026-03-07", "1:1", title="repeats")
    path = old_journal(data_dir, [newest, oldest, middle, repeats])
    raw = sqlite3.connect(path)
    with raw:
        raw.execute(
            """UPDATE entries SET tags = '["delegation", "TEAM", "Delegation"]' """
            "WHERE title = 'repeats'"
        )
    raw.close()
    before = stored_tags(path)
    assert before["newest"] == '["delegation", "Team"]'

    with Journal(data_dir) as journal:
        assert [(e.title, e.tags) for e in journal.entries.iter_all()] == [
            ("oldest", ("Delegation",)),
            ("middle", ("Delegation", "team", "1:1")),
            ("repeats", ("Delegation", "team")),
            ("newest", ("Delegation", "team")),
        ]
        assert journal.entries.tags() == ["Delegation", "team", "1:1"]
        totals = {t.tag: t.entries for t in journal.entries.tag_totals()}
        assert totals == {"Delegation": 4, "team": 3, "1:1": 1}
        # The search index and the tag table follow the new spellings.
        assert {e.title for e in journal.entries.search("team")} == {
            "middle",
            "repeats",
            "newest",
        }
        assert journal.entries.count_between(matching=HistoryFilter(tag="team")) == 3
        backups = [b for b in list_backups(journal.backup_dir) if b.reason]
        applied = schema.migrations().applied(
            schema.sqlite_utils_database(journal.connection)
        )
        assert [m.name for m in applied] == list(schema.known_migrations())

    after = stored_tags(path)
    assert after["repeats"] == '["Delegation", "team"]'
    assert after["oldest"] == before["oldest"]
    # The journal as it was is kept, checked, in a backup made before.
    [before_upgrade] = backups
    assert before_upgrade.reason == "before-upgrade"
    assert check_file(before_upgrade.path) is None
    assert stored_tags(before_upgrade.path) == before


def test_the_fold_changes_only_the_tags(data_dir):
    kept = Entry(
        id="00000000-0000-4000-8000-000000000001",
        date=dt.date(2026, 3, 4),
        created_at=written("2026-03-04", 8, CET),
        updated_at=written("2026-03-06", 20, CET),
        title="Kept as it was",
        text="Only the tag's spelling changes.",
        ratings={"influence": 2, "mentor": -1},
        advice_requests=3,
        tags=("budget",),
    )
    path = old_journal(data_dir, [kept, entry("2026-03-01", "Budget")])

    with Journal(data_dir) as journal:
        folded = journal.entries.get(kept.id)
    assert repr(folded) == repr(kept.edited(at=kept.updated_at, tags=("Budget",)))
    assert json.loads(stored_tags(path)["Kept as it was"]) == ["Budget"]
