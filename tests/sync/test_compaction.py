"""A snapshot of one computer's changes merges to the same journal as the
changes it replaces, with any other computer's changes, and for a computer
that already took in some of the originals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from leaderjournal.sync.changes import Change
from leaderjournal.sync.clock import Stamp
from leaderjournal.sync.compaction import compacted
from leaderjournal.sync.merge import State
from tests.sync.test_merge import ENTRY, S, edit, text
from tests.sync.test_three_computers import START, Computer, _edit, edits

steps = st.lists(
    st.one_of(
        edits,
        st.tuples(st.just("exchange"), st.integers(0, 1), st.none()),
        st.tuples(st.just("tick"), st.integers(0, 1), st.integers(1, 5000)),
    ),
    min_size=5,
    max_size=60,
)


def export(changes: list[Change]) -> str:
    state = State()
    for change in changes:
        state.apply(change)
    return json.dumps(state.export(), sort_keys=True)


def run(plan: list[tuple[str, int, Any]]) -> tuple[list[Change], list[Change]]:
    """Two computers editing, now and then taking in each other's changes;
    the changes each made."""
    computers = [
        Computer(name, Path("/nonexistent"), START, None) for name in ("here", "there")
    ]
    typed: list[tuple[str, Stamp]] = []
    seen = [0, 0]
    for step, who, what in plan:
        computer = computers[who % 2]
        if step == "edit":
            _edit(computer, typed, what)
        elif step == "tick":
            computer.wall_ms += what
        else:  # take in what the other made since last time
            other = computers[1 - who % 2]
            for change in other.outbox[seen[1 - who % 2] :]:
                computer.clock.observe(change.stamp)
                computer.state.apply(change)
            seen[1 - who % 2] = len(other.outbox)
    return computers[0].outbox, computers[1].outbox


@settings(max_examples=200, deadline=None)
@given(plan=steps, taken=st.integers(0, 60))
def test_a_snapshot_merges_to_the_same_journal(plan, taken) -> None:
    mine, theirs = run(plan)
    snapshot = compacted(mine)
    assert len(snapshot) <= len(mine)
    whole = export(mine + theirs)
    assert export(snapshot + theirs) == whole
    # A computer that had taken in some of the originals before the snapshot.
    assert export(mine[:taken] + theirs + snapshot) == whole


def test_autosaves_of_one_text_leave_one_version() -> None:
    saves = [text(10, "I", None), text(20, "I met", 10), text(30, "I met Ana", 20)]
    saves += [edit(40, title="One to one"), edit(50, title="1:1")]
    kept = compacted(saves)
    assert [(c.stamp, dict(c.fields), c.text_base) for c in kept] == [
        (S(30), {"text": "I met Ana"}, None),
        (S(50), {"title": "1:1"}, None),
    ]
    # A computer that took in the first save before does not show it.
    assert kept[0].resolves == (S(10), S(20))


def test_a_text_that_may_be_a_conflict_version_is_kept() -> None:
    def version(ms: int, words: str, base: Stamp | None) -> Change:
        return Change("entry", ENTRY, S(ms), {"text": words}, text_base=base)

    theirs = Stamp(15, 0, "b")
    # Written here, then here again from another computer's text, then here
    # again from the first text: the second stays (it may be a conflict
    # version), the first goes.
    mine = [version(10, "first", None), version(20, "from theirs", theirs)]
    mine.append(version(30, "again", S(10)))
    kept = compacted(mine)
    assert [c.stamp for c in kept] == [S(20), S(30)]
    assert kept[0].text_base == theirs
    assert kept[1].text_base is None  # took over what the dropped one came from
    assert kept[1].resolves == (S(10),)
