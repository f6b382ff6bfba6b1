"""One computer's own changes, fewer: what a snapshot holds.

Every autosave is a change, so a computer's folder grows with every word
typed. A snapshot keeps, of this computer's changes, only what the merge of
DESIGN.md can still tell apart, each kept part under its own stamp:

- each field (title, date, a rating, a week's reflection, a target...): the
  latest value this computer set;
- each tag: its latest add and its latest remove here;
- deletion: the latest tombstone;
- text: a version this computer edited again itself is dropped, the later
  version taking over what it was edited from and listing it as resolved
  (so a computer that took in the dropped version before does not show it
  as a conflict); every other version is kept (it may be a conflict
  version, or mark another computer's text as seen);
- every resolved conflict version.

Merged with any other computer's changes, the snapshot gives the same
journal as all the changes it replaces; a computer that already holds some
of those keeps its fuller copies (a change is taken once per stamp), with the
same result. (tests/sync/test_compaction.py checks both.)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from leaderjournal.domain.limits import tag_key
from leaderjournal.sync.changes import Change
from leaderjournal.sync.clock import Stamp
from leaderjournal.sync.rules import RESOLVES_MAX


def compacted(changes: Iterable[Change]) -> list[Change]:
    """The changes of one computer (in any order) reduced as above, oldest
    first."""
    by_record: dict[tuple[str, str], list[Change]] = {}
    for change in sorted(changes, key=lambda c: c.stamp):
        by_record.setdefault((change.kind, change.id), []).append(change)
    kept: list[Change] = []
    for record in by_record.values():
        kept += _record(record)
    return sorted(kept, key=lambda c: c.stamp)


def _record(changes: list[Change]) -> list[Change]:
    """One record's changes, oldest first, reduced."""
    latest_field: dict[str, Stamp] = {}
    latest_add: dict[str, Stamp] = {}
    latest_remove: dict[str, Stamp] = {}
    tombstone: Stamp | None = None
    for change in changes:
        for name in change.fields:
            if name != "text":
                latest_field[name] = change.stamp
        for tag in change.tags_added:
            latest_add[tag_key(tag)] = change.stamp
        for tag in change.tags_removed:
            latest_remove[tag_key(tag)] = change.stamp
        if change.deleted:
            tombstone = change.stamp
    bases = _text_bases(changes)
    kept = []
    for change in changes:
        if change.deleted:
            if change.stamp == tombstone:
                kept.append(change)
            continue
        fields = {
            name: value
            for name, value in change.fields.items()
            if (name == "text" and change.stamp in bases)
            or (name != "text" and latest_field[name] == change.stamp)
        }
        added = tuple(
            t for t in change.tags_added if latest_add[tag_key(t)] == change.stamp
        )
        removed = tuple(
            t for t in change.tags_removed if latest_remove[tag_key(t)] == change.stamp
        )
        if not (fields or added or removed or change.resolves):
            continue
        base, dropped = bases.get(change.stamp, (None, ()))
        kept.append(
            dataclasses.replace(
                change,
                fields=fields,
                tags_added=added,
                tags_removed=removed,
                text_base=base if "text" in fields else None,
                resolves=change.resolves + (dropped if "text" in fields else ()),
            )
        )
    return kept


def _text_bases(
    changes: list[Change],
) -> dict[Stamp, tuple[Stamp | None, tuple[Stamp, ...]]]:
    """The text versions kept, each with the version it now counts as
    edited from and the versions dropped for it: a version edited again here
    is dropped, and the version edited from it takes over its base."""
    bases: dict[Stamp, tuple[Stamp | None, tuple[Stamp, ...]]] = {}
    for change in changes:  # oldest first
        if "text" not in change.fields:
            continue
        base: Stamp | None = change.text_base
        dropped: tuple[Stamp, ...] = ()
        room = RESOLVES_MAX - len(change.resolves) - 1
        own = base if base is not None and base in bases else None
        if own is not None and len(bases[own][1]) < room:
            # Edited here from this computer's own version: that one goes.
            base, older_dropped = bases.pop(own)
            dropped = (*older_dropped, own)
        bases[change.stamp] = (base, dropped)
    return bases
