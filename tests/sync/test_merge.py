"""The journal as merged changes: the same whatever the order of arrival,
and no text typed on any computer lost."""

from __future__ import annotations

import itertools
import json

from leaderjournal.sync.changes import Change
from leaderjournal.sync.clock import Clock, Stamp
from leaderjournal.sync.merge import State

ENTRY = "3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f"


def S(ms: int, device: str = "a") -> Stamp:
    return Stamp(ms, 0, device)


def edit(ms: int, device: str = "a", **fields: object) -> Change:
    return Change("entry", ENTRY, S(ms, device), fields=fields)  # type: ignore[arg-type]


def text(
    ms: int, words: str, base: int | None, device: str = "a", **kw: object
) -> Change:
    return Change(
        "entry",
        ENTRY,
        S(ms, device),
        fields={"text": words},
        text_base=None if base is None else S(base, "a" if base < 1000 else "b"),
        **kw,  # type: ignore[arg-type]
    )


def merged(changes: list[Change]) -> State:
    state = State()
    for change in changes:
        state.apply(change)
    return state


def same_in_every_order(changes: list[Change]) -> State:
    exports = set()
    for order in itertools.permutations(changes):
        state = merged([*order, *order[:2]])  # and some of them twice
        exports.add(json.dumps(state.export(), sort_keys=True))
    assert len(exports) == 1
    return merged(changes)


def test_each_field_takes_its_latest_value_in_any_order() -> None:
    state = same_in_every_order(
        [
            edit(10, title="first", influence=1),
            edit(20, "b", title="second"),
            edit(15, growth=-2, influence=2),
        ]
    )

    entry = state.entries[ENTRY]
    assert entry.values()["title"] == "second"
    assert entry.values()["influence"] == 2
    assert entry.values()["growth"] == -2
    assert not entry.deleted


def test_a_tag_is_there_when_its_latest_add_is_after_its_latest_remove() -> None:
    def tags(
        ms: int, added: tuple[str, ...] = (), removed: tuple[str, ...] = ()
    ) -> Change:
        return Change("entry", ENTRY, S(ms), tags_added=added, tags_removed=removed)

    state = same_in_every_order(
        [
            tags(10, added=("delegation", "weekly")),
            tags(20, removed=("Delegation",)),
            tags(30, added=("Feedback",)),
            tags(25, added=("WEEKLY", "feedback")),
            tags(12, removed=("weekly",)),
        ]
    )

    # delegation: removed after it was added; weekly: added again after its
    # removal, spelled as its latest add; feedback: latest add "Feedback".
    # In the order of their latest adds: WEEKLY at 25, Feedback at 30.
    assert state.entries[ENTRY].tags() == ("WEEKLY", "Feedback")
    state.apply(tags(40, added=("Delegation",)))
    assert state.entries[ENTRY].tags() == ("WEEKLY", "Feedback", "Delegation")


def test_a_deleted_entry_comes_back_when_it_is_edited_after_the_delete() -> None:
    delete = Change("entry", ENTRY, S(20, "b"), deleted=True)

    gone = same_in_every_order([edit(10, title="kept"), delete])
    back = same_in_every_order([edit(10, title="kept"), delete, edit(30, growth=1)])

    assert gone.entries[ENTRY].deleted
    assert not back.entries[ENTRY].deleted
    assert back.entries[ENTRY].values()["title"] == "kept"  # nothing typed is lost


def test_texts_changed_on_two_computers_apart_keep_the_other_as_a_conflict() -> None:
    # a writes v1; both see it; then a and b each edit it without seeing the other.
    changes = [
        text(100, "v1", None),
        text(200, "v2 from a", 100),
        text(1300, "w from b", 100, "b"),
    ]

    state = same_in_every_order(changes)

    entry = state.entries[ENTRY]
    assert entry.text() == "w from b"
    assert [v.text for v in entry.conflicts()] == ["v2 from a"]


def test_a_text_edited_from_the_latest_one_is_no_conflict() -> None:
    state = same_in_every_order(
        [text(100, "v1", None), text(200, "v2", 100), text(1300, "v3 by b", 200, "b")]
    )

    assert state.entries[ENTRY].text() == "v3 by b"
    assert state.entries[ENTRY].conflicts() == []


def test_a_resolved_conflict_is_no_longer_shown() -> None:
    changes = [
        text(100, "v1", None),
        text(200, "v2 from a", 100),
        text(1300, "w from b", 100, "b"),
        # On a, the person sees both and keeps b's text: nothing new typed.
        Change("entry", ENTRY, S(1400), resolves=(S(200),)),
    ]

    state = same_in_every_order(changes)

    assert state.entries[ENTRY].text() == "w from b"
    assert state.entries[ENTRY].conflicts() == []


def test_a_later_edit_of_the_losing_side_is_its_one_conflict_version() -> None:
    # b edits its own text twice without seeing a's: one conflict, its newest.
    state = same_in_every_order(
        [
            text(100, "v1", None),
            text(1200, "w1", 100, "b"),
            text(1250, "w2", 1200, "b"),
            text(1500, "a's", 100),
        ]
    )

    assert state.entries[ENTRY].text() == "a's"
    assert [v.text for v in state.entries[ENTRY].conflicts()] == ["w2"]


def test_week_notes_and_targets_take_the_latest_value_per_field() -> None:
    state = same_in_every_order(
        [
            Change(
                "week",
                "2026-W48",
                S(10),
                fields={"reflection": "r1", "intention": "i1"},
            ),
            Change("week", "2026-W48", S(20, "b"), fields={"reflection": "r2"}),
            Change("targets", "targets", S(5), fields={"overall": 20.0, "growth": 10}),
            Change("targets", "targets", S(6, "b"), fields={"growth": None}),
        ]
    )

    assert state.weeks["2026-W48"].values() == {"reflection": "r2", "intention": "i1"}
    assert state.targets.values() == {"overall": 20.0, "growth": None}


def test_two_computers_with_clocks_hours_apart_agree_on_what_came_last() -> None:
    hour = 3_600_000
    fast = Clock("fast", now_ms=lambda: 30 * hour)
    slow = Clock("slow", now_ms=lambda: 20 * hour)
    first = Change("entry", ENTRY, fast.tick(), fields={"title": "fast wrote"})
    slow.observe(first.stamp)  # slow reads it, then edits: its edit is later
    second = Change("entry", ENTRY, slow.tick(), fields={"title": "slow wrote after"})

    state = same_in_every_order([first, second])

    assert state.entries[ENTRY].values()["title"] == "slow wrote after"
