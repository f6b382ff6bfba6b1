"""Three real journals, each with its own copy of the sync folder, edited
at random while a sync tool delivers their files late, out of order,
half-written first and as conflict copies, and each now and then replaces
its files by a snapshot. Once everything is delivered and
each has synced, the three export byte-identical CSVs, and every text typed
anywhere is an entry's text, a conflict version, or was replaced by an edit
made where it was shown."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.review import WeekNotes
from leaderjournal.exchange.export import ExportOptions, export_to_stream
from leaderjournal.storage.journal import Journal
from leaderjournal.sync import engine
from tests.kinds import JournalKind

TAGS = ["Delegation", "delegation", "Feedback", "1:1"]
WEEKS = ["2026-W47", "2026-W48"]
START = dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC)

steps = st.lists(
    st.tuples(
        st.sampled_from(
            [
                *("new", "text", "text", "title", "rating", "tag", "delete"),
                *("week", "target", "sync", "sync", "deliver", "deliver", "deliver"),
                "compact",
            ]
        ),
        st.integers(0, 2),  # which computer
        st.integers(0, 9),  # which entry, file or value
        st.sampled_from(["whole", "half", "conflict copy"]),
    ),
    min_size=10,
    max_size=45,
)


@dataclasses.dataclass
class World:
    journals: list[Journal]
    replicas: list[Path]
    typed: dict[str, set[str]] = dataclasses.field(default_factory=dict)
    replaced: dict[str, set[str]] = dataclasses.field(default_factory=dict)
    ids: list[str] = dataclasses.field(default_factory=list)
    count: int = 0

    def text(self, who: int) -> str:
        self.count += 1
        return f"computer {who} wrote this, edit {self.count} · ü"


def published(world: World, n: int) -> list[Path]:
    """The files computer ``n`` wrote (a sync tool copies them from there)."""
    device = engine.device_of(world.journals[n].connection)
    return sorted(world.replicas[n].glob(f"LeaderJournal/{device}/*.jsonl"))


def deliver(world: World, to: int, pick: int, how: str) -> None:
    files = [(n, f) for n in range(3) if n != to for f in published(world, n)]
    if not files:
        return
    writer, path = files[pick % len(files)]
    relative = path.relative_to(world.replicas[writer])
    target = world.replicas[to] / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    data = path.read_bytes()
    if how == "half":
        target.write_bytes(data[: len(data) // 2])
    elif how == "conflict copy":
        copy = f"{path.stem}.sync-conflict-20261201-101500-ABC{to}.jsonl"
        target.with_name(copy).write_bytes(data)
    else:
        target.write_bytes(data)


def step(world: World, what: str, who: int, n: int, how: str) -> None:
    journal = world.journals[who]
    entries = journal.entries
    target = world.ids[n % len(world.ids)] if world.ids else None
    stored = entries.get(target) if target else None
    if what == "new" or (stored is None and what in ("text", "title", "rating")):
        text = world.text(who)
        # Each entry written a minute after the one before: entries written in
        # the same second on two computers may list in either order.
        at = START + dt.timedelta(minutes=world.count)
        made = entries.save(Entry.new(day(n), at, title=f"Day {n}", text=text))
        world.ids.append(made.id)
        world.typed.setdefault(made.id, set()).add(text)
    elif stored is None:
        pass
    elif what == "text":
        text = world.text(who)
        world.replaced.setdefault(stored.id, set()).add(stored.text)
        world.typed.setdefault(stored.id, set()).add(text)
        entries.save(dataclasses.replace(stored, text=text))
    elif what == "title":
        entries.save(dataclasses.replace(stored, title=f"Title {who}.{n}"))
    elif what == "rating":
        ratings = {**stored.ratings, "growth": n % 5 - 2}
        entries.save(dataclasses.replace(stored, ratings=ratings))
    elif what == "tag":
        tag = TAGS[n % len(TAGS)]
        tags = tuple(t for t in stored.tags if t.lower() != tag.lower())
        if len(tags) == len(stored.tags):
            tags = (*tags, tag)
        entries.save(dataclasses.replace(stored, tags=tags))
    elif what == "delete":
        world.replaced.setdefault(stored.id, set()).add(stored.text)
        entries.delete(stored.id)
    computer_step(world, what, who, n, how)


def computer_step(world: World, what: str, who: int, n: int, how: str) -> None:
    """What is not an edit of one entry: notes, targets, sync and the tool."""
    journal = world.journals[who]
    if what == "week":
        journal.reviews.save_notes(WeekNotes(WEEKS[n % 2], f"week {who}.{n}"))
    elif what == "target":
        journal.reviews.set_targets({"overall": float(n * 10 - 40)})
    elif what == "sync":
        engine.for_journal(journal).run()
    elif what == "deliver":
        deliver(world, who, n, how)
    elif what == "compact":  # its files so far replaced by a snapshot
        engine.for_journal(journal).compact(at_least=1)


def day(n: int) -> dt.date:
    return dt.date(2026, 11, 20 + n)


def exports(journal: Journal) -> tuple[str, str]:
    entries, reviews = io.StringIO(), io.StringIO()
    export_to_stream(journal.entries, entries, ExportOptions(kind="entries"))
    export_to_stream(journal.entries, reviews, ExportOptions(kind="reviews"))
    return entries.getvalue(), reviews.getvalue()


def run(base: Path, kind: JournalKind, plan: list[tuple[str, int, int, str]]):
    replicas = [base / f"replica{n}" for n in range(3)]
    journals = []
    for n, replica in enumerate(replicas):
        replica.mkdir()
        journal = kind.new(base / f"data{n}")
        engine.start(journal, replica)
        journals.append(journal)
    world = World(journals, replicas)
    try:
        for what, who, n, how in plan:
            step(world, what, who, n, how)
        # Everything delivered at last: each syncs, all files go everywhere,
        # each syncs again.
        for journal in journals:
            engine.for_journal(journal).run()
        for to in range(3):
            for pick in range(sum(len(published(world, n)) for n in range(3))):
                deliver(world, to, pick, "whole")
        for journal in journals:
            engine.for_journal(journal).run()
        return world, [exports(j) for j in journals]
    finally:
        for journal in journals:
            journal.close()


def check_no_text_lost(world: World, journal: Journal) -> None:
    sync = engine.for_journal(journal)
    for entry_id, texts in world.typed.items():
        stored = journal.entries.get(entry_id)
        kept = {v.text for v in sync.conflicts(entry_id)}
        if stored is not None:
            kept.add(stored.text)
        lost = texts - kept - world.replaced.get(entry_id, set())
        assert not lost, f"typed and lost: {lost}"


@pytest.mark.slow
@pytest.mark.usefixtures("_empty_journals")
@pytest.mark.parametrize("kind_name", ["plain", "encrypted"])
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=steps)
def test_three_journals_end_the_same_and_lose_no_text(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    kind_name: str,
    plan: list[tuple[str, int, int, str]],
) -> None:
    empty = request.getfixturevalue("_empty_journals")[kind_name]
    kind = JournalKind(kind_name, empty)
    base = Path(tempfile.mkdtemp(dir=tmp_path))
    try:
        world, outputs = run(base, kind, plan)
        for other in outputs[1:]:  # line by line, so a failure shows the rows
            assert other[0].splitlines() == outputs[0][0].splitlines()
            assert other[1].splitlines() == outputs[0][1].splitlines()
        rows = list(csv.reader(io.StringIO(outputs[0][0])))
        assert len(rows) - 1 <= len(world.ids)
        for n in range(3):
            with kind.open(base / f"data{n}") as journal:
                check_no_text_lost(world, journal)
    finally:
        shutil.rmtree(base)
