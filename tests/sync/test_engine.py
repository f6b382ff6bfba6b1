"""Two real journals, each in its own data folder, syncing through one folder:
what one computer writes, the other gets, and nothing typed is lost."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
from dataclasses import replace
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.limits import TAGS_MAX
from leaderjournal.domain.review import WeekNotes
from leaderjournal.exchange.export import ExportOptions, export_to_stream
from leaderjournal.storage.journal import Journal
from leaderjournal.sync import engine, joining
from leaderjournal.sync.changes import Change
from leaderjournal.sync.clock import Stamp
from leaderjournal.sync.engine import Sync
from leaderjournal.sync.errors import SyncError
from leaderjournal.sync.folder import SyncFolder

DAY = dt.date(2026, 11, 30)
LATER = dt.timedelta(minutes=5)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "Sync"
    root.mkdir()
    return root


@pytest.fixture
def office(tmp_path: Path):
    with Journal(tmp_path / "office") as journal:
        yield journal


@pytest.fixture
def home(tmp_path: Path):
    with Journal(tmp_path / "home") as journal:
        yield journal


def entry(title: str, text: str, **fields) -> Entry:
    return Entry.new(DAY, title=title, text=text, **fields)


def sync(journal: Journal) -> engine.Report:
    return Sync(journal.connection).run()


def csv_of(journal: Journal, kind: str = "entries") -> list[list[str]]:
    out = io.StringIO()
    export_to_stream(journal.entries, out, ExportOptions(kind=kind))
    return list(csv.reader(io.StringIO(out.getvalue())))


def edited(journal: Journal, entry_id: str, **fields) -> Entry:
    stored = journal.entries.get(entry_id)
    assert stored is not None
    changed = replace(stored, updated_at=stored.updated_at + LATER, **fields)
    return journal.entries.save(changed)


def outbox(journal: Journal) -> list[tuple[str, str, str | None, str | None]]:
    return journal.connection.execute(
        "SELECT kind, record, before, after FROM sync_outbox ORDER BY n"
    ).fetchall()


def test_writes_are_kept_for_sync_only_while_it_is_on(office: Journal, folder):
    first = office.entries.save(entry("Before", "written before sync"))
    office.reviews.save_notes(WeekNotes("2026-W48", "calm week"))
    assert outbox(office) == []

    engine.turn_on(office.connection, folder)
    kept = outbox(office)
    assert [(k, r) for k, r, _, _ in kept] == [
        ("entry", first.id),
        ("week", "2026-W48"),
    ]
    assert all(before is None for _, _, before, _ in kept)

    edited(office, first.id, title="Renamed")
    (kind, record, before, after) = outbox(office)[-1]
    assert (kind, record) == ("entry", first.id)
    assert json.loads(before)["title"] == "Before"
    assert json.loads(after)["title"] == "Renamed"

    engine.turn_off(office.connection)
    edited(office, first.id, title="Not kept")
    assert len(outbox(office)) == 3


def test_what_one_computer_writes_the_other_gets(office, home, folder):
    planning = office.entries.save(
        entry(
            "Planning",
            "Asked Ana to lead the roadmap review. Größe 東京",
            ratings={"influence": 2, "mentor": -1},
            advice_requests=3,
            tags=("delegation", "Roadmap"),
        )
    )
    office.entries.save(entry("One to one", "Listened more than I spoke."))
    office.reviews.save_notes(WeekNotes("2026-W48", "A calm week", "Ask more", True))
    office.reviews.set_targets({"overall": 25.0, "mentor": 40.0})
    engine.turn_on(office.connection, folder)
    engine.turn_on(home.connection, folder)

    report = sync(office)
    assert report.published == 4
    assert sync(home).taken_in == 4

    assert csv_of(home) == csv_of(office)
    assert len(csv_of(home)) == 3
    assert csv_of(home, "reviews") == csv_of(office, "reviews")
    assert home.reviews.targets() == {"overall": 25.0, "mentor": 40.0}
    assert home.entries.get(planning.id) == planning

    # Home edits back; the office gets it.
    edited(home, planning.id, text="Ana leads the roadmap review now.")
    assert sync(home).published == 1
    assert sync(office).taken_in == 1
    assert office.entries.get(planning.id).text == "Ana leads the roadmap review now."
    assert csv_of(home) == csv_of(office)


def test_a_delete_reaches_the_other_computer_and_a_later_edit_undoes_it(
    office, home, folder
):
    kept = office.entries.save(entry("Kept", "stays"))
    engine.turn_on(office.connection, folder)
    engine.turn_on(home.connection, folder)
    sync(office)
    sync(home)
    office.entries.delete(kept.id)
    sync(office)
    sync(home)
    assert home.entries.get(kept.id) is None

    # An edit made after the delete, on a journal that still had it, wins.
    office.entries.save(
        replace(kept, text="brought back", updated_at=kept.updated_at + LATER)
    )
    sync(office)
    sync(home)
    assert home.entries.get(kept.id).text == "brought back"


def test_both_computers_editing_one_text_keep_both_texts(office, home, folder):
    shared = office.entries.save(entry("Shared", "the first draft"))
    engine.turn_on(office.connection, folder)
    engine.turn_on(home.connection, folder)
    sync(office)
    sync(home)

    edited(office, shared.id, text="written at the office")
    edited(home, shared.id, text="written at home")
    sync(office)
    sync(home)
    sync(office)

    texts = {office.entries.get(shared.id).text, home.entries.get(shared.id).text}
    assert len(texts) == 1  # both show the same text...
    shown = texts.pop()
    for journal in (office, home):
        others = [v.text for v in Sync(journal.connection).conflicts(shared.id)]
        # ...and the other one is kept as a conflict on both computers.
        assert {shown, *others} == {"written at the office", "written at home"}
    assert csv_of(home) == csv_of(office)


def test_tags_added_on_both_computers_are_all_kept(office, home, folder):
    shared = office.entries.save(entry("Tags", "text", tags=("alpha", "beta")))
    engine.turn_on(office.connection, folder)
    engine.turn_on(home.connection, folder)
    sync(office)
    sync(home)
    edited(office, shared.id, tags=("alpha", "beta", "office"))
    edited(home, shared.id, tags=("alpha", "home"))  # beta removed at home
    sync(office)
    sync(home)
    sync(office)
    for journal in (office, home):
        assert sorted(journal.entries.get(shared.id).tags) == [
            "alpha",
            "home",
            "office",
        ]


def test_taking_in_the_same_files_again_changes_nothing(office, home, folder):
    for n in range(5):
        office.entries.save(entry(f"Entry {n}", f"text {n}"))
    engine.turn_on(office.connection, folder)
    engine.turn_on(home.connection, folder)
    sync(office)
    sync(home)
    before = csv_of(home)
    count = home.connection.execute("SELECT count(*) FROM sync_changes").fetchone()
    home.connection.execute("DELETE FROM sync_applied")  # forget what was taken in

    assert sync(home).taken_in == 0
    assert csv_of(home) == before
    assert (
        home.connection.execute("SELECT count(*) FROM sync_changes").fetchone() == count
    )


def test_what_sync_writes_is_not_sent_back_as_this_computers(office, home, folder):
    office.entries.save(entry("From the office", "text"))
    engine.turn_on(office.connection, folder)
    engine.turn_on(home.connection, folder)
    sync(office)
    sync(home)
    assert outbox(home) == []
    assert sync(home).published == 0
    device = engine.device_of(home.connection)
    assert list((folder / "LeaderJournal" / device).glob("*.jsonl")) == []


def test_a_change_is_kept_in_the_same_transaction_as_its_write(office, folder):
    engine.turn_on(office.connection, folder)
    saved = office.entries.save(entry("Sure", "text"))
    db = office.connection

    def delete_then_fail() -> None:
        with db.atomic():
            office.entries.delete(saved.id)
            raise OSError("the write after the delete failed")

    with pytest.raises(OSError, match="after the delete"):
        delete_then_fail()
    assert office.entries.get(saved.id) is not None
    assert [kind for kind, *_ in outbox(office)] == ["entry"]


def test_a_second_computer_joins_an_encrypted_journal_with_its_passphrase(
    tmp_path, folder, request
):
    from leaderjournal.storage.keyfile import WrongPassphraseError
    from tests.kinds import TEST_PASSPHRASE, JournalKind

    empty = request.getfixturevalue("_empty_journals")["encrypted"]
    kind = JournalKind("encrypted", empty)
    with kind.new(tmp_path / "office") as office:
        kept = office.entries.save(entry("Private", "kintsugi and the team"))
        engine.start(office, folder).run()
    changes = list((folder / "LeaderJournal").rglob("*.jsonl"))
    assert changes
    assert not any(b"kintsugi" in path.read_bytes() for path in changes)

    home_dir = tmp_path / "home"
    with pytest.raises(WrongPassphraseError):
        joining.join(home_dir, folder, "not the passphrase")
    assert not (home_dir / "journal.db").exists()
    with pytest.raises(SyncError, match="encrypted"):
        joining.join(home_dir, folder)

    with joining.join(home_dir, folder, TEST_PASSPHRASE) as home:
        assert home.encrypted
        assert home.entries.get(kept.id) == kept
    assert b"kintsugi" not in (home_dir / "journal.db").read_bytes()
    # The joined journal opens with the same passphrase, and syncs on.
    with Journal(home_dir, secret=TEST_PASSPHRASE) as home:
        assert home.entries.get(kept.id).text == "kintsugi and the team"
        assert engine.for_journal(home).run().taken_in == 0


def test_a_second_computer_joins_a_plain_journal(tmp_path, office, folder):
    kept = office.entries.save(entry("Plain", "shared"))
    engine.start(office, folder).run()
    with joining.join(tmp_path / "home", folder) as home:
        assert not home.encrypted
        assert csv_of(home) == csv_of(office)
        assert home.entries.get(kept.id) == kept
    with pytest.raises(SyncError, match="already holds a journal"):
        joining.join(tmp_path / "home", folder)


def test_a_data_folder_inside_the_sync_folder_is_refused(tmp_path, folder):
    with Journal(folder / "data") as inside, pytest.raises(SyncError, match="inside"):
        engine.start(inside, folder)


def test_one_spelling_per_tag_is_the_same_on_every_computer(office, home, folder):
    engine.turn_on(office.connection, folder)
    engine.turn_on(home.connection, folder)
    at = dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)
    older = Entry.new(DAY - dt.timedelta(days=3), at, tags=("Delegation",))
    newer = Entry.new(DAY, at, title="Newer", tags=("delegation", "Coaching"))
    later = Entry.new(DAY, at + LATER, title="Home", tags=("coaching",))
    office.entries.save(newer)
    home.entries.save(older)
    home.entries.save(later)
    for journal in (office, home, office):
        sync(journal)
    assert csv_of(home) == csv_of(office)
    # The spelling of the oldest entry that uses the tag, as the journal keeps.
    assert home.entries.get(newer.id).tags == ("Delegation", "Coaching")
    assert home.entries.get(later.id).tags == ("Coaching",)


def test_tags_end_in_the_same_order_on_every_computer(office, home, folder):
    shared = office.entries.save(entry("Order", "text", tags=("alpha", "beta")))
    engine.turn_on(office.connection, folder)
    engine.turn_on(home.connection, folder)
    sync(office)
    sync(home)
    edited(office, shared.id, tags=("gamma", "alpha", "beta"))  # typed first
    sync(office)
    sync(home)
    assert csv_of(home) == csv_of(office)
    assert set(home.entries.get(shared.id).tags) == {"alpha", "beta", "gamma"}


def test_each_computer_is_shown_by_the_name_it_gave_itself(office, home, folder):
    engine.turn_on(office.connection, folder)
    engine.turn_on(home.connection, folder)
    Sync(office.connection).set_name("  Office   laptop ")
    assert Sync(office.connection).name() == "Office laptop"
    sync(office)
    sync(home)
    status = Sync(home.connection).status()
    assert list(status.computers.values()) == ["Office laptop"]
    assert status.last_sync is not None
    # Home sent no change, but its name: by default its host name.
    assert list(Sync(office.connection).status().computers.values()) == [
        Sync(home.connection).name()
    ]
    with pytest.raises(SyncError, match="1 to 60 characters"):
        Sync(home.connection).set_name("x" * 61)
    # A name file from elsewhere that is not a name shows the computer's id.
    (office_device,) = status.computers
    (folder / "LeaderJournal" / office_device / "computer.txt").write_bytes(
        b"\x1b[31mred\n"
    )
    assert Sync(home.connection).status().computers == {
        office_device: f"a computer ({office_device[:8]})"
    }
    assert sync(home).skipped == []


def test_a_resolved_conflict_is_no_longer_shown_on_either_computer(
    office, home, folder
):
    shared = office.entries.save(entry("Shared", "the first draft"))
    engine.turn_on(office.connection, folder)
    engine.turn_on(home.connection, folder)
    sync(office)
    sync(home)
    edited(office, shared.id, text="written at the office")
    edited(home, shared.id, text="written at home")
    for journal in (office, home, office):
        sync(journal)
    at_home = Sync(home.connection)
    (other,) = at_home.conflicts(shared.id)
    # The person keeps the text shown, and marks the other as seen.
    at_home.resolve(shared.id, [other.stamp])
    assert at_home.conflicts(shared.id) == []
    sync(home)
    sync(office)
    assert Sync(office.connection).conflicts(shared.id) == []
    assert csv_of(home) == csv_of(office)


def test_a_computers_files_are_replaced_by_a_snapshot_that_joins_the_same(
    tmp_path, office, home, folder
):
    engine.turn_on(office.connection, folder)
    engine.turn_on(home.connection, folder)
    kept = office.entries.save(entry("Daily", "word", tags=("focus",)))
    sync(home)
    for n in range(engine.COMPACT_AT + 2):
        kept = edited(office, kept.id, text=f"{kept.text} word{n}")
        report = sync(office)
        if n == 20:
            sync(home)  # home took in the first files before the snapshot
    assert (
        report.compacted
        or any(sync(office).compacted for _ in range(1))
        or list((folder / "LeaderJournal").glob("*/snapshot-*"))
    )
    own = folder / "LeaderJournal" / engine.device_of(office.connection)
    snapshots = sorted(own.glob("snapshot-*.jsonl"))
    assert snapshots
    assert len(list(own.glob("[0-9]*.jsonl"))) < engine.COMPACT_AT
    sync(home)
    assert csv_of(home) == csv_of(office)
    assert Sync(home.connection).conflicts(kept.id) == []
    # A computer that joins now reads the snapshot, not the autosaves.
    with joining.join(tmp_path / "laptop", folder) as laptop:
        assert csv_of(laptop) == csv_of(office)
        assert Sync(laptop.connection).conflicts(kept.id) == []
        (taken,) = laptop.connection.execute(
            "SELECT count(*) FROM sync_changes WHERE device = ?",
            (engine.device_of(office.connection),),
        ).fetchone()
        assert taken < engine.COMPACT_AT


def _whole(snapshot: Path) -> None:
    """The snapshot as the run cut short wrote it."""


def _half(snapshot: Path) -> None:
    """Cut short by another program (a sync tool's partial copy)."""
    data = snapshot.read_bytes()
    snapshot.write_bytes(data[: len(data) // 2])


def _link(snapshot: Path) -> None:
    """A link in its place, to a file of another program."""
    other = snapshot.parent.parent.parent / "elsewhere.jsonl"
    other.write_bytes(b"not a snapshot\n")
    snapshot.unlink()
    snapshot.symlink_to(other)


@pytest.mark.parametrize("leftover", [_whole, _half, _link])
def test_a_compaction_cut_short_after_its_snapshot_is_finished_at_the_next_run(
    tmp_path, office, home, folder, leftover
):
    # Killed once the snapshot was written, before the files it replaces
    # were removed: the next run compacts the same files again.
    engine.turn_on(office.connection, folder)
    engine.turn_on(home.connection, folder)
    kept = office.entries.save(entry("Daily", "word"))
    own = folder / "LeaderJournal" / engine.device_of(office.connection)
    for n in range(engine.COMPACT_AT - 1):
        kept = edited(office, kept.id, text=f"{kept.text} word{n}")
        sync(office)
    kept = edited(office, kept.id, text=f"{kept.text} last")
    running = Sync(office.connection)
    running.stamp()
    running.publish()
    files = {path.name: path.read_bytes() for path in own.glob("[0-9]*.jsonl")}
    assert len(files) >= engine.COMPACT_AT
    assert running.compact()
    for name, data in files.items():  # as if the kill came before removing
        (own / name).write_bytes(data)
    (snapshot,) = own.glob("snapshot-*.jsonl")
    leftover(snapshot)

    report = sync(office)

    assert report.compacted
    assert sorted(path.name for path in own.glob("[0-9]*.jsonl")) == []
    assert len(list(own.glob("snapshot-*.jsonl"))) == 1
    assert not snapshot.is_symlink()
    sync(home)
    assert csv_of(home) == csv_of(office)
    assert home.entries.get(kept.id).text == kept.text
    # A computer that joins now has only the snapshot to read.
    with joining.join(tmp_path / "laptop", folder) as laptop:
        assert csv_of(laptop) == csv_of(office)


def test_sync_never_makes_a_missing_sync_folder(office, folder):
    engine.start(office, folder).run()
    folder.rename(folder.with_name("moved"))
    with pytest.raises(SyncError, match="is not there"):
        sync(office)
    assert not folder.exists()
    with pytest.raises(SyncError, match="is not there"):
        engine.start(office, folder)
    assert not folder.exists()


def test_plain_and_encrypted_journals_never_share_a_sync_folder(
    tmp_path, office, folder, request
):
    from tests.kinds import JournalKind

    empty = request.getfixturevalue("_empty_journals")["encrypted"]
    secret = JournalKind("encrypted", empty)
    office.entries.save(entry("Plain", "words"))
    engine.start(office, folder).run()
    with secret.new(tmp_path / "laptop") as laptop:
        with pytest.raises(SyncError, match="is not encrypted and this one is"):
            engine.start(laptop, folder)
        other = tmp_path / "Other"
        other.mkdir()
        engine.start(laptop, other).run()
    with (
        Journal(tmp_path / "plain") as plain,
        pytest.raises(SyncError, match="is encrypted and this one is not"),
    ):
        engine.start(plain, other)


def test_autosaves_between_two_runs_are_one_change(office, home, folder):
    engine.turn_on(office.connection, folder)
    engine.turn_on(home.connection, folder)
    draft = office.entries.save(entry("Typing", "I"))
    for word in ("met", "Ana", "today"):
        draft = edited(office, draft.id, text=f"{draft.text} {word}")
    gone = office.entries.save(entry("Made and deleted", "oops"))
    office.entries.delete(gone.id)
    assert len(outbox(office)) == 6
    assert sync(office).published == 1
    sync(home)
    assert home.entries.get(draft.id) == draft
    assert home.entries.get(gone.id) is None
    assert csv_of(home) == csv_of(office)


def test_an_autosave_keeps_its_text_once_and_the_change_carries_it(
    office, home, folder
):
    """The outbox row of an edit of the text names the text (the entry
    holds it) instead of holding a second copy; the change stamped from it
    carries the text as it was last saved."""
    draft = office.entries.save(entry("Typing", "I met"))
    engine.turn_on(office.connection, folder)
    engine.turn_on(home.connection, folder)
    sync(office)
    sync(home)
    draft = edited(office, draft.id, text="I met Ana")
    (row,) = outbox(office)
    assert "I met Ana" not in (row[3] or "")
    assert "text" in json.loads(row[2])  # the old text, as null
    draft = edited(office, draft.id, text="I met Ana today", title="1:1")

    sync(office)
    sync(home)

    assert home.entries.get(draft.id) == draft


def test_a_delete_does_not_take_a_text_the_deleting_computer_never_saw(
    office, home, folder
):
    shared = office.entries.save(entry("Shared", "the first draft"))
    engine.turn_on(office.connection, folder)
    engine.turn_on(home.connection, folder)
    sync(office)
    sync(home)
    edited(office, shared.id, text="more written at the office")
    home.entries.delete(shared.id)  # home deletes the draft it saw, later
    for journal in (office, home, office):
        sync(journal)
    for journal in (office, home):
        kept = journal.entries.get(shared.id)
        assert kept is not None
        assert kept.text == "more written at the office"


def _published_by_laptop(folder: Path, *changes: Change) -> None:
    """``changes`` in a file of a third computer, as its sync writes them."""
    SyncFolder(folder).publish("laptop", list(changes))


def _laptop_stamp(ahead_ms: int = 0) -> Stamp:
    return Stamp(int(time.time() * 1000) + ahead_ms, 0, "laptop")


def test_times_written_another_way_are_stored_as_this_journal_writes_them(home, folder):
    engine.turn_on(home.connection, folder)
    made = "0b9e6d1c-5a4f-4e3d-8c2b-1a0f9e8d7c6b"
    _published_by_laptop(
        folder,
        Change(
            "entry",
            made,
            _laptop_stamp(),
            fields={
                "date": "20261130",
                "created_at": "2026-11-30T09:15:00.250+01:00",
                "updated_at": "2026-11-30 08:20:00-00:00",
                "title": "From the laptop",
                "text": "Typed on the train.",
            },
        ),
    )
    assert sync(home).taken_in == 1
    [_, row] = csv_of(home)
    assert row[:6] == [
        made,
        "2026-11-30",
        "2026-11-30T09:15:00+01:00",
        "2026-11-30T08:20:00+00:00",
        "From the laptop",
        "Typed on the train.",
    ]


def test_tags_of_two_computers_beyond_the_limit_leave_the_entry_as_it_was(home, folder):
    tags = tuple(f"home {n}" for n in range(5))
    kept = home.entries.save(entry("Tagged", "five tags", tags=tags))
    engine.turn_on(home.connection, folder)
    sync(home)
    _published_by_laptop(
        folder,
        Change(
            "entry",
            kept.id,
            _laptop_stamp(),
            tags_added=tuple(f"laptop {n}" for n in range(TAGS_MAX)),
        ),
    )
    report = sync(home)
    assert report.taken_in == 1
    assert home.entries.get(kept.id) == kept  # 35 tags would be over the limit
    assert len(csv_of(home)) == 2
