"""Backups: made with the backup API, checked, rotated, listed and restored."""

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.storage import backups, cipher
from leaderjournal.storage.backup_copy import BackupError, check_file
from leaderjournal.storage.backups import (
    Backup,
    list_backups,
    rotate,
    to_keep,
)
from leaderjournal.storage.journal import Journal
from tests.files import mode, posix_only, sha256, wal_bytes
from tests.kinds import plain_only

WRITTEN = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def texts_in(path: Path, key: bytes | None = None) -> list[str]:
    """The entry texts in a database file, read with plain sqlite3 (or, with
    the data key of an encrypted journal, SQLCipher)."""
    conn = sqlite3.connect(path) if key is None else cipher.connect(path, key)
    try:
        return [t for (t,) in conn.execute("SELECT text FROM entries ORDER BY seq")]
    finally:
        conn.close()


def entry(text: str, on: dt.date = dt.date(2026, 3, 2)) -> Entry:
    return Entry.new(on, at=WRITTEN, text=text)


@pytest.fixture
def key(journal_kind, journal) -> bytes | None:
    """The journal's data key (None when plain): its backups open with it."""
    return journal_kind.key(journal.data_dir)


def days(first: dt.date, count: int, hour: int = 9) -> list[dt.datetime]:
    return [
        dt.datetime.combine(first + dt.timedelta(days=n), dt.time(hour))
        for n in range(count)
    ]


def hand_made(times: list[dt.datetime], reason: str = "") -> list[Backup]:
    """Backups that exist only as a list: rotation's choice is a pure function."""
    return [
        Backup(Path("backups") / backups.backup_name(t, reason), t, reason)
        for t in times
    ]


def kept_dates(backup_list: list[Backup], kept: set[Path]) -> list[str]:
    return sorted(f"{b.made:%Y-%m-%d}" for b in backup_list if b.path in kept)


# -- the daily backup ------------------------------------------------------------------


def test_the_first_start_of_a_day_makes_one_backup(key, journal, data_dir):
    journal.entries.add(entry("on monday"))
    monday = dt.datetime(2026, 3, 2, 9, 15, 30)

    made = journal.daily_backup_if_due(now=monday)

    assert made is not None
    assert made.path == data_dir / "backups" / "journal-20260302T091530.db"
    assert made.made == monday
    assert made.reason == ""
    assert made.path.is_file()
    assert check_file(made.path, key) is None
    assert texts_in(made.path, key) == ["on monday"]
    assert [b.path for b in list_backups(data_dir / "backups")] == [made.path]


def test_a_second_start_the_same_day_makes_none(journal, data_dir):
    first = journal.daily_backup_if_due(now=dt.datetime(2026, 3, 2, 9, 0, 0))
    assert journal.daily_backup_if_due(now=dt.datetime(2026, 3, 2, 9, 0, 5)) is None
    assert journal.daily_backup_if_due(now=dt.datetime(2026, 3, 2, 23, 59, 59)) is None
    assert [b.path for b in list_backups(data_dir / "backups")] == [first.path]


def test_the_next_day_makes_a_new_one(key, journal, data_dir):
    first = journal.daily_backup_if_due(now=dt.datetime(2026, 3, 2, 23, 59, 59))
    journal.entries.add(entry("after midnight", dt.date(2026, 3, 3)))
    second = journal.daily_backup_if_due(now=dt.datetime(2026, 3, 3, 0, 0, 1))
    assert second is not None
    assert second.path.name == "journal-20260303T000001.db"
    assert [b.path for b in list_backups(data_dir / "backups")] == [
        second.path,
        first.path,
    ]
    assert texts_in(first.path, key) == []
    assert texts_in(second.path, key) == ["after midnight"]


def test_a_clock_that_jumped_back_a_day_does_not_back_up_on_every_start(journal):
    # Monday already had its daily backup; the clock then showed Tuesday for
    # a while (a backup was made) and was set back to Monday.
    journal.daily_backup_if_due(now=dt.datetime(2026, 3, 2, 9, 0))
    journal.daily_backup_if_due(now=dt.datetime(2026, 3, 3, 9, 0))
    again = journal.daily_backup_if_due(now=dt.datetime(2026, 3, 2, 10, 0))
    assert again is None  # Monday has its backup: once a day, not every start
    assert len(list_backups(journal.backup_dir)) == 2


@posix_only
def test_a_backup_is_private(journal, data_dir):
    made = journal.daily_backup_if_due(now=dt.datetime(2026, 3, 2, 9, 0))
    assert mode(made.path) == 0o600
    assert mode(data_dir / "backups") == 0o700
    manual = journal.backup_now()
    assert mode(manual.path) == 0o600


def test_a_backup_includes_writes_still_in_the_wal(data_dir):
    # Plain only: it reads journal.db itself with sqlite3, which an encrypted
    # journal refuses; the backup of an encrypted one is checked above.
    Journal(data_dir).close()  # the schema is now in journal.db itself
    journal = Journal(data_dir)
    texts = [f"only in the wal {n}" for n in range(20)]
    for text in texts:
        journal.entries.add(entry(text))
    # Not closed: the writes are in journal.db-wal, not yet in journal.db.
    assert wal_bytes(journal.path) > 0
    conn = sqlite3.connect(f"{journal.path.as_uri()}?immutable=1", uri=True)
    try:
        # journal.db alone (ignoring the WAL) does not have them yet
        assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 0
    finally:
        conn.close()

    made = journal.daily_backup_if_due(now=dt.datetime(2026, 3, 2, 9, 0))

    assert check_file(made.path) is None
    assert wal_bytes(made.path) == 0  # the backup is a file on its own
    assert texts_in(made.path) == texts
    journal.close()


def test_a_backup_is_a_file_on_its_own(key, journal, tmp_path):
    journal.entries.add(entry("portable"))
    made = journal.daily_backup_if_due(now=dt.datetime(2026, 3, 2, 9, 0))
    moved = tmp_path / "elsewhere" / "copy.db"
    moved.parent.mkdir()
    shutil.copyfile(made.path, moved)
    assert check_file(moved, key) is None
    assert texts_in(moved, key) == ["portable"]


# -- rotation: which backups are kept --------------------------------------------------


def test_thirty_daily_backups_keep_seven_days_and_one_per_week():
    # Sunday 2026-03-01 (ISO week 9) to Monday 2026-03-30 (week 14), at 09:00.
    thirty = hand_made(days(dt.date(2026, 3, 1), 30))

    kept = to_keep(thirty)

    assert kept_dates(thirty, kept) == [
        # the newest of each ISO week before the last seven days:
        "2026-03-01",  # Sunday, week 9 (only one day of it)
        "2026-03-08",  # Sunday, week 10
        "2026-03-15",  # Sunday, week 11
        "2026-03-22",  # Sunday, week 12
        # the last seven days; they include the newest of weeks 13 and 14
        "2026-03-24",
        "2026-03-25",
        "2026-03-26",
        "2026-03-27",
        "2026-03-28",
        "2026-03-29",  # Sunday, week 13
        "2026-03-30",  # Monday, week 14
    ]


def test_weekly_backups_stop_after_eight_weeks():
    # 100 days: Thursday 2026-01-01 (week 1) to Friday 2026-04-10 (week 15).
    hundred = hand_made(days(dt.date(2026, 1, 1), 100))

    kept = to_keep(hundred)

    assert kept_dates(hundred, kept) == [
        "2026-02-22",  # Sunday, week 8: the eighth week back
        "2026-03-01",  # week 9
        "2026-03-08",  # week 10
        "2026-03-15",  # week 11
        "2026-03-22",  # week 12
        "2026-03-29",  # week 13
        "2026-04-04",  # the last seven days, 04-04 to 04-10, which hold the
        "2026-04-05",  # newest of week 14 (Sunday 04-05) and of week 15
        "2026-04-06",
        "2026-04-07",
        "2026-04-08",
        "2026-04-09",
        "2026-04-10",
    ]
    # nothing from weeks 1-7
    assert min(kept_dates(hundred, kept)) == "2026-02-22"


def test_several_backups_a_day_keep_the_newest_of_the_day():
    times = [
        dt.datetime(2026, 3, 2, 8, 0),
        dt.datetime(2026, 3, 2, 12, 0),
        dt.datetime(2026, 3, 2, 18, 0),
        dt.datetime(2026, 3, 3, 7, 0),
        dt.datetime(2026, 3, 3, 22, 0),
    ]
    several = hand_made(times)
    kept = to_keep(several)
    assert {b.made for b in several if b.path in kept} == {
        dt.datetime(2026, 3, 2, 18, 0),
        dt.datetime(2026, 3, 3, 22, 0),
    }


@pytest.mark.parametrize(
    ("daily", "weekly", "expected"),
    [
        # three days, and the newest of four weeks (14, 13, 12, 11)
        (3, 4, ["2026-03-15", "2026-03-22", "2026-03-28", "2026-03-29", "2026-03-30"]),
        # days only
        (2, 0, ["2026-03-29", "2026-03-30"]),
        # weeks only: the newest of weeks 14, 13 and 12
        (0, 3, ["2026-03-22", "2026-03-29", "2026-03-30"]),
        # nothing asked for: the newest backup of all is still kept
        (0, 0, ["2026-03-30"]),
        # more days than there are backups: all are kept
        (40, 0, [f"2026-03-{d:02d}" for d in range(1, 31)]),
    ],
)
def test_rotation_can_be_configured(daily, weekly, expected):
    thirty = hand_made(days(dt.date(2026, 3, 1), 30))
    assert kept_dates(thirty, to_keep(thirty, daily=daily, weekly=weekly)) == expected


def test_rotation_follows_the_time_in_the_name_not_the_list_order():
    thirty = hand_made(days(dt.date(2026, 3, 1), 30))
    shuffled = thirty[::3] + thirty[1::3] + thirty[2::3]
    assert to_keep(shuffled) == to_keep(thirty)


def test_rotation_of_nothing_keeps_nothing():
    assert to_keep([]) == set()


def test_the_journal_passes_its_retention_to_rotation(journal_kind, data_dir):
    with journal_kind.new(data_dir, daily=2, weekly=0) as journal:
        for when in days(dt.date(2026, 3, 1), 5):
            journal.daily_backup_if_due(now=when)
        kept = [f"{b.made:%Y-%m-%d}" for b in list_backups(journal.backup_dir)]
    assert kept == ["2026-03-05", "2026-03-04"]


# -- rotation on real files ------------------------------------------------------------


def put_backup(source: Path, folder: Path, made: dt.datetime, reason: str = "") -> Path:
    """A copy of a real, checked backup under the name rotation reads."""
    target = folder / backups.backup_name(made, reason)
    shutil.copyfile(source, target)
    return target


@pytest.fixture
def one_backup(journal) -> Path:
    journal.entries.add(entry("in every backup"))
    return journal.backup_now(journal.data_dir.parent / "template.db").path


def test_rotate_deletes_only_what_rotation_does_not_keep(journal, one_backup):
    folder = journal.backup_dir
    folder.mkdir()
    for when in days(dt.date(2026, 3, 1), 30):
        put_backup(one_backup, folder, when)

    removed = rotate(folder)

    assert len(removed) == 30 - 11
    assert not any(p.exists() for p in removed)
    assert [f"{b.made:%d}" for b in list_backups(folder)] == [
        "30", "29", "28", "27", "26", "25", "24", "22", "15", "08", "01",
    ]  # fmt: skip


@pytest.mark.parametrize("reason", ["manual", "before-upgrade", "before-restore"])
def test_rotate_never_deletes_a_backup_made_for_a_reason(journal, one_backup, reason):
    folder = journal.backup_dir
    folder.mkdir()
    for when in days(dt.date(2026, 3, 1), 30):
        put_backup(one_backup, folder, when)
    # Made for a reason on days rotation would otherwise thin out, one of
    # them later the same day as a daily backup, one the newest of all.
    with_reason = [
        put_backup(one_backup, folder, dt.datetime(2026, 3, 2, 8, 0), reason),
        put_backup(one_backup, folder, dt.datetime(2026, 3, 10, 20, 0), reason),
        put_backup(one_backup, folder, dt.datetime(2026, 3, 30, 21, 0), reason),
    ]

    removed = rotate(folder)

    assert all(p.exists() for p in with_reason), [p.name for p in removed]
    assert not set(removed) & set(with_reason)
    daily_left = [f"{b.made:%d}" for b in list_backups(folder) if not b.reason]
    assert daily_left == [
        "30", "29", "28", "27", "26", "25", "24", "22", "15", "08", "01",
    ]  # fmt: skip


# Plain only: sixty backups take seconds, and what is checked is rotation;
# the encrypted kind's backups are checked by every other test here.
@plain_only
def test_daily_backups_over_two_months_keep_the_manual_ones(key, journal):
    made_by_hand = backups.make_backup(
        journal.connection.conn,
        journal.backup_dir,
        reason="manual",
        at=dt.datetime(2026, 3, 1, 8, 0),
        key=key,
    )
    for when in days(dt.date(2026, 3, 1), 61):
        journal.daily_backup_if_due(now=when)
    left = list_backups(journal.backup_dir)
    assert made_by_hand.path.exists()
    assert made_by_hand in left
    assert len([b for b in left if not b.reason]) <= 7 + 8


# -- backing up on request -------------------------------------------------------------


def test_backup_now_into_the_backups_folder(key, journal, data_dir):
    journal.entries.add(entry("asked for"))
    made = journal.backup_now()
    assert made.path.parent == data_dir / "backups"
    assert made.reason == "manual"
    assert made.path.name == f"journal-{made.made:%Y%m%dT%H%M%S}-manual.db"
    assert check_file(made.path, key) is None
    assert texts_in(made.path, key) == ["asked for"]
    assert journal.last_backup() == made


def test_backup_now_to_a_chosen_file(key, journal, tmp_path):
    journal.entries.add(entry("to a usb stick"))
    target = tmp_path / "usb" / "my journal.db"
    made = journal.backup_now(target)
    assert made.path == target
    assert check_file(target, key) is None
    assert texts_in(target, key) == ["to a usb stick"]
    assert not target.with_name(target.name + ".part").exists()
    # a file outside the backups folder is not one of its backups
    assert list_backups(journal.backup_dir) == []


def test_a_backup_never_overwrites_an_earlier_backup(key, journal):
    # Two backups in the same second (a restore, then undoing it at once)
    # get the same dated name; the earlier one must not be lost.
    same_second = dt.datetime(2026, 3, 2, 9, 0, 0)
    conn = journal.connection.conn
    journal.entries.add(entry("first state"))
    backups.make_backup(
        conn, journal.backup_dir, "before-restore", same_second, key=key
    )
    journal.entries.add(entry("second state"))
    backups.make_backup(
        conn, journal.backup_dir, "before-restore", same_second, key=key
    )

    contents = [texts_in(b.path, key) for b in list_backups(journal.backup_dir)]
    assert ["first state"] in contents, contents
    assert ["first state", "second state"] in contents, contents


def test_backup_now_over_an_existing_file_replaces_it(key, journal, tmp_path):
    target = tmp_path / "copy.db"
    target.write_text("an old file")
    journal.entries.add(entry("newer"))
    journal.backup_now(target)
    assert texts_in(target, key) == ["newer"]


def test_list_backups_ignores_files_that_are_not_backups(journal, one_backup):
    folder = journal.backup_dir
    folder.mkdir()
    real = [
        put_backup(one_backup, folder, dt.datetime(2026, 3, 2, 9, 0)),
        put_backup(one_backup, folder, dt.datetime(2026, 3, 3, 9, 0), "manual"),
        put_backup(one_backup, folder, dt.datetime(2026, 3, 1, 9, 0), "before-restore"),
    ]
    (folder / "notes.txt").write_text("mine")
    (folder / "journal.db").write_text("not a backup name")
    (folder / "journal-2026.db").write_text("no time")
    (folder / "journal-20260304T090000.db.part").write_text("unfinished")
    (folder / "journal-20260305T090000.DB").write_text("other case")
    (folder / "journal-20260306T090000.db").mkdir()  # a folder, not a file
    (folder / "Journal-20260307T090000.db").write_text("capital J")

    found = list_backups(folder)

    assert [b.path for b in found] == [real[1], real[0], real[2]]
    assert [b.reason for b in found] == ["manual", "", "before-restore"]
    assert found[0].made == dt.datetime(2026, 3, 3, 9, 0)
    assert found[0].label == "2026-03-03 09:00"


def test_list_backups_of_a_missing_folder_is_empty(tmp_path):
    assert list_backups(tmp_path / "nowhere") == []


def test_a_backup_that_cannot_be_written_raises_backup_error(journal, tmp_path):
    in_the_way = tmp_path / "not-a-folder"
    in_the_way.write_text("a file where the folder should be")
    target = in_the_way / "journal.db"

    with pytest.raises(BackupError) as caught:
        journal.backup_now(target)

    assert str(target) in str(caught.value)
    assert in_the_way.read_text() == "a file where the folder should be"
    assert not list(tmp_path.rglob("*.part"))


def test_a_daily_backup_whose_folder_is_a_file_raises_backup_error(journal, data_dir):
    (data_dir / "backups").write_text("a file where the backups folder should be")
    with pytest.raises(BackupError):
        journal.daily_backup_if_due(now=dt.datetime(2026, 3, 2, 9, 0))
    assert not list(data_dir.rglob("*.part"))
    # the journal itself is unharmed and still works
    journal.entries.add(entry("still fine"))
    assert journal.entries.count() == 1


# -- restoring -------------------------------------------------------------------------


@pytest.fixture
def saved_backup(journal, tmp_path) -> Path:
    """A backup holding two entries; the journal then moves on."""
    journal.entries.add(entry("from the backup 1"))
    journal.entries.add(entry("from the backup 2"))
    path = journal.backup_now(tmp_path / "saved.db").path
    journal.entries.add(entry("written after the backup"))
    return path


def test_restore_replaces_the_entries_with_the_backups(journal, saved_backup):
    journal.restore(saved_backup)
    assert sorted(e.text for e in journal.entries.iter_all()) == [
        "from the backup 1",
        "from the backup 2",
    ]


def test_restore_backs_up_the_journal_as_it_was_first(key, journal, saved_backup):
    safety = journal.restore(saved_backup)
    assert safety.reason == "before-restore"
    assert safety.path.parent == journal.backup_dir
    assert safety.path.name.endswith("-before-restore.db")
    assert check_file(safety.path, key) is None
    assert texts_in(safety.path, key) == [
        "from the backup 1",
        "from the backup 2",
        "written after the backup",
    ]
    assert safety in list_backups(journal.backup_dir)


def test_the_journal_works_after_a_restore(
    key, journal_kind, journal, saved_backup, data_dir
):
    journal.restore(saved_backup)
    journal.entries.add(entry("after the restore"))
    assert journal.entries.count() == 3
    assert journal.entries.search("restore")[0].text == "after the restore"
    journal.close()
    assert check_file(data_dir / "journal.db", key) is None
    with journal_kind.open(data_dir) as again:
        assert again.entries.count() == 3


def test_restore_leaves_the_backup_file_as_it_was(journal, saved_backup):
    before = sha256(saved_backup)
    journal.restore(saved_backup)
    journal.entries.add(entry("after the restore"))
    assert sha256(saved_backup) == before


def test_an_undone_restore_brings_everything_back(journal, saved_backup):
    # Restoring the "before-restore" backup right away (in the same second)
    # must give back the journal as it was, "written after the backup" too.
    safety = journal.restore(saved_backup)
    journal.restore(safety.path)
    assert sorted(e.text for e in journal.entries.iter_all()) == [
        "from the backup 1",
        "from the backup 2",
        "written after the backup",
    ]


def damaged_copy(good: Path, target: Path) -> Path:
    """A copy of ``good`` whose b-tree pages after the first are overwritten."""
    data = bytearray(good.read_bytes())
    page = 4096
    for start in range(page, len(data), page):
        data[start : start + 8] = b"\xff" * 8  # an impossible page header
    target.write_bytes(bytes(data))
    return target


def not_a_journal(tmp_path: Path) -> Path:
    path = tmp_path / "shopping.db"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE items (name TEXT)")
        conn.execute("INSERT INTO items VALUES ('milk')")
    conn.close()
    return path


@pytest.mark.parametrize("kind", ["text", "empty", "damaged", "other-database"])
def test_restoring_a_bad_file_changes_nothing(kind, journal_kind, data_dir, tmp_path):
    key = journal_kind.key(journal_kind.empty)  # the same key in every copy
    with journal_kind.new(data_dir) as journal:
        journal.entries.add(entry("keep me"))
        good = journal.backup_now(tmp_path / "good.db").path
    bad = {
        "text": lambda: tmp_path / "notes.txt",
        "empty": lambda: tmp_path / "empty.db",
        "damaged": lambda: damaged_copy(good, tmp_path / "damaged.db"),
        "other-database": lambda: not_a_journal(tmp_path),
    }[kind]()
    if kind == "text":
        bad.write_text("Dear diary,\n" * 100)
    elif kind == "empty":
        bad.write_bytes(b"")
    assert check_file(bad, key) is not None
    journal_file = data_dir / "journal.db"
    before = sha256(journal_file)
    bad_before = sha256(bad)

    with journal_kind.open(data_dir) as journal:
        with pytest.raises(BackupError) as caught:
            journal.restore(bad)
        assert str(bad) in str(caught.value)
        # still the same journal, still working
        assert [e.text for e in journal.entries.iter_all()] == ["keep me"]
        assert list_backups(journal.backup_dir) == []  # no safety backup either

    assert sha256(journal_file) == before
    assert sha256(bad) == bad_before


def test_restoring_a_missing_file_changes_nothing(journal, tmp_path):
    journal.entries.add(entry("keep me"))
    with pytest.raises(BackupError, match="does not exist"):
        journal.restore(tmp_path / "no-such-backup.db")
    assert [e.text for e in journal.entries.iter_all()] == ["keep me"]
