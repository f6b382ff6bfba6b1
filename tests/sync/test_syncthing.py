"""Two journals on two "computers" whose sync folders are kept in step by two
real Syncthing instances on 127.0.0.1 (DESIGN.md, "Several computers"):
what one writes the other gets, concurrent edits of one text keep both
texts, and both end with the same journal.

Needs the ``syncthing`` program (1.x; Debian package ``syncthing``, which
``.ci/run`` installs); skipped without it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.review import WeekNotes
from leaderjournal.storage.journal import Journal
from leaderjournal.sync import engine
from leaderjournal.sync.engine import Sync
from tests.sync.syncthing import SYNCTHING, Instance, pair, wait_delivered
from tests.sync.test_engine import csv_of, edited, sync

pytestmark = pytest.mark.slow

DAY = dt.date(2026, 11, 30)


@pytest.fixture
def syncthings(tmp_path: Path) -> Iterator[tuple[Instance, Instance]]:
    if SYNCTHING is None:
        pytest.skip(
            "the syncthing program is not installed (apt-get install syncthing)"
        )
    with pair(tmp_path, tmp_path / "sync-a", tmp_path / "sync-b") as both:
        yield both


def test_two_journals_kept_in_step_by_syncthing(tmp_path: Path, syncthings):
    st_a, st_b = syncthings
    with Journal(tmp_path / "a") as a, Journal(tmp_path / "b") as b:
        # A writes, turns sync on, syncs; Syncthing carries the files to B.
        planning = a.entries.save(
            Entry.new(
                DAY,
                title="Planung · 計画",
                text="Asked Ana to lead the roadmap review. Größe 東京 — ça va",
                ratings={"influence": 2, "mentor": -1},
                advice_requests=3,
                tags=("delegation", "Roadmap", "Überblick"),
            )
        )
        one_to_one = a.entries.save(
            Entry.new(
                DAY,
                title="One to one",
                text="Listened more than I spoke.",
                ratings={"growth": 1},
                tags=("coaching",),
            )
        )
        shared = a.entries.save(
            Entry.new(DAY, title="Shared", text="the first draft", tags=("draft",))
        )
        a.reviews.save_notes(
            WeekNotes("2026-W49", "Eine ruhige Woche, 静か", "Ask more", True)
        )
        engine.turn_on(a.connection, st_a.folder)
        assert sync(a).published == 4
        files = wait_delivered(st_a, st_b)
        assert any(name.endswith(".jsonl") for name in files)

        engine.turn_on(b.connection, st_b.folder)
        assert sync(b).taken_in == 4
        assert csv_of(b) == csv_of(a)
        assert len(csv_of(b)) == 4
        assert csv_of(b, "reviews") == csv_of(a, "reviews")
        assert b.entries.get(planning.id) == planning

        # Both edit, neither having synced since: different entries, and
        # the same entry's text on both.
        edited(a, planning.id, title="Planung (done)", ratings={"influence": 1})
        edited(a, shared.id, text="written on A: 東京で")
        edited(b, one_to_one.id, tags=("coaching", "feedback"))
        edited(b, shared.id, text="written on B: über alles")
        from_b = b.entries.save(
            Entry.new(DAY, title="From B", text="Nur auf B geschrieben.")
        )
        b.reviews.save_notes(
            WeekNotes("2026-W49", "Eine ruhige Woche, 静か", "Ask more", False)
        )
        typed = {
            "Asked Ana to lead the roadmap review. Größe 東京 — ça va",
            "Listened more than I spoke.",
            "written on A: 東京で",
            "written on B: über alles",
            "Nur auf B geschrieben.",
        }

        # Both sync, Syncthing delivers, both sync again until nothing new
        # is published (one more round at most).
        published = sync(a).published + sync(b).published
        for _ in range(3):
            if published == 0:
                break
            wait_delivered(st_a, st_b)
            published = sync(a).published + sync(b).published
        assert published == 0, "the journals kept publishing changes"

        # The same journal on both.
        assert csv_of(a) == csv_of(b)
        assert csv_of(a, "reviews") == csv_of(b, "reviews")
        assert len(csv_of(a)) == 5
        assert b.entries.get(planning.id).title == "Planung (done)"
        assert b.entries.get(planning.id).ratings["influence"] == 1
        assert sorted(a.entries.get(one_to_one.id).tags) == ["coaching", "feedback"]
        assert a.entries.get(from_b.id).text == "Nur auf B geschrieben."
        assert a.reviews.notes("2026-W49").kept is False

        # The concurrent text: the same shown on both, the other kept.
        shown = {a.entries.get(shared.id).text, b.entries.get(shared.id).text}
        assert len(shown) == 1
        for journal in (a, b):
            kept = [v.text for v in Sync(journal.connection).conflicts(shared.id)]
            assert {*shown, *kept} == {
                "written on A: 東京で",
                "written on B: über alles",
            }

        # No text typed is missing anywhere, and Syncthing made no conflict
        # copies of its own (each computer writes only its own files).
        for journal in (a, b):
            texts = {row[5] for row in csv_of(journal)[1:]}
            texts |= {v.text for v in Sync(journal.connection).conflicts(shared.id)}
            assert typed <= texts
        for folder in (st_a.folder, st_b.folder):
            assert not [p for p in folder.rglob("*") if ".sync-conflict-" in p.name]
