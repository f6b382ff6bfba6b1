"""Syncing one journal with its sync folder: the journal's writes out as
this computer's changes, the other computers' changes in, merged.

A run (:meth:`Sync.run`):

1. **Stamp**: the journal's outbox (storage/sync_outbox.py: each write as
   the record before and after it) becomes changes, each stamped by this
   computer's clock at the time of its write, and kept in ``sync_changes``
   as not yet published; one transaction. An edit's text is "edited from"
   the text the entry held when it was written: the latest version this
   journal had merged then, since stamping always comes before taking in
   other changes.
2. **Publish**: the unpublished changes go to this computer's folder as new
   files (sync/folder.py), then are marked published. A kill in between
   publishes them again next time, in a new file: applying a change twice
   changes nothing.
3. **Take in**: each other computer's file not yet taken in, one
   transaction each: its changes kept (once per stamp), the clock moved
   past them, each record they touch merged again from every change known
   for it (sync/merge.py) and written to the journal without being recorded
   as this computer's, and the file marked as taken in if every line was
   read.

Records merged from changes are written only once complete: an entry whose
first change has not arrived yet (files arrive in any order) waits.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from leaderjournal.storage import sync_outbox
from leaderjournal.storage.database import Database, writing
from leaderjournal.storage.encryption import key_path
from leaderjournal.storage.entries import EntryRepository
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.reviews import ReviewRepository
from leaderjournal.sync import applying, keys, stamping
from leaderjournal.sync.changes import Change, decode, encode
from leaderjournal.sync.clock import Clock, Stamp, new_device_id
from leaderjournal.sync.compaction import compacted
from leaderjournal.sync.errors import SyncError
from leaderjournal.sync.folder import APP_FOLDER, SyncFolder
from leaderjournal.sync.folder_files import (
    FileChanges,
    Skipped,
    check_name,
    default_name,
)
from leaderjournal.sync.gc_pause import collector_paused
from leaderjournal.sync.merge import EntryState, TextVersion
from leaderjournal.sync.placement import check_placement
from leaderjournal.sync.rules import TARGET_KEYS
from leaderjournal.sync.sealing import ChangeKey

_SETTING = "SELECT value FROM sync_settings WHERE name = ?"
_PUT_SETTING = (
    "INSERT INTO sync_settings (name, value) VALUES (?, ?) "
    "ON CONFLICT (name) DO UPDATE SET value = excluded.value"
)
_KEEP = (
    "INSERT OR IGNORE INTO sync_changes (stamp, device, file, kind, record, line) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
#: This computer's change files in the sync folder before they are
#: replaced by a snapshot.
COMPACT_AT = 64
CLOCK = "clock"
FOLDER = "folder"
NAME = "name"
LAST_SYNC = "last_sync"


@dataclass(frozen=True)
class Status:
    """What Settings → Sync shows: "Synced 2 min ago · 3 computers"."""

    last_sync: dt.datetime | None
    #: The other computers' names, by device id.
    computers: dict[str, str]


@dataclass
class Report:
    """What one run did, for the person: counts and the notes of what was
    passed over."""

    published: int = 0
    taken_in: int = 0
    computers: set[str] = field(default_factory=set)
    skipped: list[Skipped] = field(default_factory=list)
    records_changed: set[tuple[str, str]] = field(default_factory=set)
    #: Whether this computer's files were replaced by a snapshot.
    compacted: bool = False


def device_of(db: Database) -> str | None:
    """This computer's device id, None while sync is off."""
    row = db.execute(_SETTING, (sync_outbox.DEVICE,)).fetchone()
    return None if row is None else str(row[0])


def folder_of(db: Database) -> Path | None:
    row = db.execute(_SETTING, (FOLDER,)).fetchone()
    return None if row is None else Path(row[0])


def turn_on(db: Database, root: Path) -> str:
    """Sync this journal through ``root``: keep its writes from now on and
    everything it holds now as changes (so the other computers get it all);
    the device id. Turning on again only changes the folder."""
    with writing(db):
        device = device_of(db)
        if device is None:
            device = new_device_id()
            db.execute(_PUT_SETTING, (sync_outbox.DEVICE, device))
            _record_everything(db)
        db.execute(_PUT_SETTING, (FOLDER, str(root)))
    return device


def start(journal: Journal, root: Path) -> Sync:
    """Turn sync on for an open ``journal`` through the sync folder ``root``
    and give its :class:`Sync`. Refused (SyncError, in words) when the
    journal's data folder and the sync folder lie one in the other; an
    encrypted journal's key file is published there first, and a folder
    holding another journal's key is refused, as is a plain journal where an
    encrypted one syncs, and the other way round. Called again (a new
    passphrase), it publishes the key file anew."""
    check_placement(root, journal.data_dir)
    _check_there(root)
    key = journal.data_key
    published = keys.has_key_file(root)
    if key is None and published:
        raise SyncError(
            f"The journal synced through {root} is encrypted and this one is "
            "not: encrypt this journal first, or join that one from an empty "
            "folder with leaderjournal sync --folder."
        )
    if key is not None and not published and _others_changes(root, journal):
        raise SyncError(
            f"The journal synced through {root} is not encrypted and this one "
            "is: sync it through a folder of its own, or decrypt it first."
        )
    if key is not None:
        keys.publish_key(root, key_path(journal.data_dir), key)
    turn_on(journal.connection, root)
    return Sync(journal.connection, key)


def _check_there(root: Path) -> None:
    """SyncError unless the sync folder is there: never make it (an
    unmounted drive's folder would fill the disk under it)."""
    if not root.is_dir():
        raise SyncError(
            f"The sync folder {root} is not there (a drive not mounted, or the "
            "folder moved?); bring it back, or choose it again in Settings → Sync."
        )


def _others_changes(root: Path, journal: Journal) -> bool:
    """Whether another computer already left changes in ``root``."""
    own = device_of(journal.connection)
    return any(
        path.parent.name != own for path in (root / APP_FOLDER).glob("*/*.jsonl")
    )


def for_journal(journal: Journal) -> Sync:
    """The :class:`Sync` of an open journal whose sync is on."""
    return Sync(journal.connection, journal.data_key)


def turn_off(db: Database) -> None:
    """Stop keeping writes for sync (what was kept stays, for turning on again)."""
    with writing(db):
        db.execute(
            "DELETE FROM sync_settings WHERE name IN (?, ?)",
            (sync_outbox.DEVICE, FOLDER),
        )


def _record_everything(db: Database) -> None:
    entries = EntryRepository(db)
    reviews = ReviewRepository(db)
    for entry in entries.iter_all():
        sync_outbox.record(
            db, sync_outbox.ENTRY, entry.id, None, sync_outbox.entry_fields(entry)
        )
    for notes in reviews.all_notes():
        sync_outbox.record(
            db, sync_outbox.WEEK, notes.week, None, sync_outbox.week_fields(notes)
        )
    targets = reviews.targets()
    if targets:
        after: dict[str, Any] = dict.fromkeys(sorted(TARGET_KEYS))
        after.update(targets)
        sync_outbox.record(db, sync_outbox.TARGETS, sync_outbox.TARGETS_ID, None, after)


class Sync:
    """Sync of the journal open on ``db`` (sync turned on) through its folder;
    ``data_key``: the journal's key if it is encrypted."""

    def __init__(self, db: Database, data_key: bytes | None = None) -> None:
        device, root = device_of(db), folder_of(db)
        if device is None or root is None:
            raise SyncError("Sync is off for this journal: choose a sync folder first.")
        self.db, self.device, self.root = db, device, root
        key = None if data_key is None else ChangeKey(data_key)
        self.folder = SyncFolder(root, key)
        self._now_ms = 0
        row = db.execute(_SETTING, (CLOCK,)).fetchone()
        last = None if row is None else Stamp.parse(row[0])
        if last is not None and last.device != device:
            last = None
        # Each kept write is stamped at the time it was made (_now_ms).
        self.clock = Clock(device, self._wall, last)

    def _wall(self) -> int:
        return self._now_ms or _wall_now()

    def run(self) -> Report:
        report = Report()
        _check_there(self.root)
        self.stamp()
        report.published = self.publish()
        report.compacted = self.compact()
        self.folder.publish_name(self.device, self.name())
        self.take_in(report)
        with writing(self.db) as db:
            db.execute(_PUT_SETTING, (LAST_SYNC, _now().isoformat(timespec="seconds")))
        return report

    def send(self) -> int:
        """Publish this computer's writes now and take nothing in (the app
        closing: what was written last reaches the others without waiting
        for its next start); how many changes were sent."""
        _check_there(self.root)
        self.stamp()
        sent = self.publish()
        self.folder.publish_name(self.device, self.name())
        return sent

    def name(self) -> str:
        """What this computer is called on the others (Settings → Sync)."""
        row = self.db.execute(_SETTING, (NAME,)).fetchone()
        return default_name() if row is None else str(row[0])

    def set_name(self, name: str) -> None:
        """Call this computer ``name`` (published at the next run)."""
        with writing(self.db) as db:
            db.execute(_PUT_SETTING, (NAME, check_name(name)))

    def status(self) -> Status:
        """When this journal last synced, and with how many other computers
        (their folders in the sync folder), by name."""
        row = self.db.execute(_SETTING, (LAST_SYNC,)).fetchone()
        last = None if row is None else dt.datetime.fromisoformat(row[0])
        return Status(last, self.folder.computer_names(self.device))

    def resolve(self, entry_id: str, versions: Iterable[Stamp]) -> None:
        """The person has seen the conflict ``versions`` of an entry's text
        and chosen (the entry's text, saved as usual, is what they chose):
        they are no longer shown, here or on the other computers."""
        stamps = [stamp.text() for stamp in versions]
        if stamps:
            with writing(self.db) as db:
                sync_outbox.record_resolution(db, entry_id, stamps)
            self.stamp()  # shown as resolved at once, published at the next run

    # -- 1. stamp -------------------------------------------------------------

    def stamp(self) -> int:
        """Turn the outbox into stamped changes; how many."""
        with writing(self.db) as db, sync_outbox.not_recording(db):
            rows = db.execute(
                "SELECT n, at, kind, record, before, after FROM sync_outbox ORDER BY n"
            ).fetchall()
            # Each entry's state as merged so far, read once, kept up to date
            # with the changes made here: an edit's text is edited from it.
            states = applying.states_before(
                db,
                [
                    (kind, record_id)
                    for _, _, kind, record_id, _, _ in rows
                    if kind == sync_outbox.ENTRY
                ],
            )
            edited: dict[tuple[str, str], None] = {}
            kept = []
            writes = stamping.with_stored_texts(
                stamping.coalesced(rows),
                lambda ids: sync_outbox.texts_as_stored(db, ids),
            )
            for at, kind, record_id, before, after in writes:
                self._now_ms = stamping.wall_ms(at)
                state = states.get((kind, record_id))
                change = stamping.change_of(
                    kind, record_id, before, after, state, self.clock.tick
                )
                if change is not None:
                    kept.append(_kept_row(change, None))
                    if state is not None:
                        state.apply(change)
                        edited[kind, record_id] = None
            db.conn.executemany(_KEEP, kept)
            count = len(kept)
            self._now_ms = 0
            if rows:
                db.execute("DELETE FROM sync_outbox WHERE n <= ?", (rows[-1][0],))
            # The entries as merged: their tags in the order and spelling
            # every computer gives them (a change says which tags were added,
            # not where they were typed).
            applying.write_entries(db, list(edited), states)
            self._save_clock(db)
        return count

    # -- 2. publish -----------------------------------------------------------

    def publish(self) -> int:
        """Write the changes not yet published to this computer's folder."""
        rows = self.db.execute(
            "SELECT n, line FROM sync_changes WHERE device = ? AND file IS NULL "
            "ORDER BY n",
            (self.device,),
        ).fetchall()
        if not rows:
            return 0
        (after,) = self.db.execute(
            "SELECT coalesce(max(file), 0) FROM sync_changes WHERE device = ?",
            (self.device,),
        ).fetchone()
        lines = [bytes(line).removesuffix(b"\n") + b"\n" for _, line in rows]
        written = self.folder.publish_lines(self.device, lines, after=after)
        # The files hold the changes in order; each is marked with its file.
        with writing(self.db) as db:
            start = 0
            for published in written:
                numbers = [n for n, _ in rows[start : start + published.count]]
                db.execute(
                    "UPDATE sync_changes SET file = ? WHERE n IN "
                    "(SELECT value FROM json_each(?))",
                    (published.sequence, json.dumps(numbers)),
                )
                start += published.count
        return len(rows)

    def compact(self, at_least: int = COMPACT_AT) -> bool:
        """Once this computer has ``at_least`` change files in the sync
        folder, replace them by a snapshot of its changes (sync/compaction.py);
        whether it did."""
        own = self.folder.base / self.device
        try:
            files = sum(1 for path in own.iterdir() if path.name[:1].isdigit())
        except OSError:
            return False
        if files < at_least:
            return False
        rows = self.db.execute(
            "SELECT file, line FROM sync_changes WHERE device = ? "
            "AND file IS NOT NULL ORDER BY n",
            (self.device,),
        ).fetchall()
        if not rows:
            return False
        through = max(file for file, _ in rows)
        changes = compacted(decode(bytes(line)) for _, line in rows)
        return bool(
            self.folder.write_snapshot(
                self.device, [encode(change) for change in changes], through
            )
        )

    def take_in(self, report: Report) -> None:
        applied: dict[str, list[int]] = {}
        for device, file in self.db.execute("SELECT device, file FROM sync_applied"):
            applied.setdefault(device, []).append(file)
        report.computers.update(applied)
        with collector_paused():
            reading = self.folder.read(self.device, applied)
            report.skipped.extend(reading.skipped)
            for file in reading.files:
                report.computers.add(file.device)
                self._take_file(file, report)

    def _take_file(self, file: FileChanges, report: Report) -> None:
        with writing(self.db) as db, sync_outbox.not_recording(db):
            # In the order of the file: new entries are stored in the order
            # they were written, as on the computer that wrote them.
            touched: dict[tuple[str, str], list[Change]] = {}
            for change in file.changes:
                touched.setdefault((change.kind, change.id), []).append(change)
            if file.changes:  # the clock moves past the latest of them
                self.clock.observe(max(change.stamp for change in file.changes))
            states = applying.states_before(db, touched)
            before = db.conn.total_changes
            db.conn.executemany(
                _KEEP,
                [
                    _kept_row(change, file.sequence, line)
                    for change, line in zip(file.changes, file.lines, strict=True)
                ],
            )
            report.taken_in += db.conn.total_changes - before
            for key, changes in touched.items():
                for change in changes:
                    states[key].apply(change)
            entries = [k for k in touched if k[0] == sync_outbox.ENTRY]
            report.records_changed.update(applying.write_entries(db, entries, states))
            for kind, record_id in touched:
                if kind != sync_outbox.ENTRY and applying.write_record(
                    db, kind, record_id, states[kind, record_id]
                ):
                    report.records_changed.add((kind, record_id))
            if file.complete:
                db.execute(
                    "INSERT OR IGNORE INTO sync_applied (device, file) VALUES (?, ?)",
                    (file.device, file.sequence),
                )
            self._save_clock(db)

    def _state(self, kind: str, record_id: str) -> EntryState:
        return applying.states_before(self.db, [(kind, record_id)])[kind, record_id]

    def _save_clock(self, db: Database) -> None:
        last = self.clock.last
        if last is not None:
            db.execute(_PUT_SETTING, (CLOCK, last.text()))

    # -- conflicts ------------------------------------------------------------

    def conflicts(self, entry_id: str) -> list[TextVersion]:
        """The texts of ``entry_id`` written elsewhere without seeing the one
        it shows, oldest first."""
        return self._state(sync_outbox.ENTRY, entry_id).conflicts()


def _kept_row(
    change: Change, file: int | None, line: bytes | None = None
) -> tuple[object, ...]:
    """A change as a row of sync_changes (``line``: its line, if read)."""
    return (
        change.stamp.text(),
        change.stamp.device,
        file,
        change.kind,
        change.id,
        encode(change) if line is None else line,
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _wall_now() -> int:
    return int(dt.datetime.now(dt.UTC).timestamp() * 1000)
