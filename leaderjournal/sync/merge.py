"""The journal as the merge of every change: the same state whatever order
the changes arrive in, and however often (apply is idempotent and
commutative: every rule below is a maximum or a union).

Entries:

- Each field (title, date, each rating, ...) holds the value of the change
  with the latest stamp that set it. Stamps never tie (the device is part of
  one); should two damaged changes share one, the larger value wins, so
  every computer still picks the same.
- Tags, compared by ``tag_key``: a tag is there when its latest add comes
  after its latest remove, and is spelled as in its latest add; the tags
  are in the order of their latest adds.
- Deletion is a tombstone (the latest delete's stamp): the entry is deleted
  when the tombstone comes after every other change to it, and the text the
  delete saw (its ``text_base``) is the entry's text: a text written on
  another computer that the deleting one had not seen keeps the entry. A
  later edit on any computer brings it back, with everything it held:
  nothing typed is lost. (A delete that names no text deletes whatever
  text there is.)
- Text: each text change is a version (stamp, text, the version it was
  edited from). A version that a later change was edited from is
  *superseded*: its writer's successor had seen it. The others are *heads*.
  The entry's text is the latest head (the latest version overall: nothing
  can be edited from a version before it exists). The **conflict versions**
  are the other heads not listed in any change's ``resolves``: texts written
  on one computer without seeing the winning text. When one computer edited
  its own losing text twice, only its newest is shown: the older was seen
  by the newer. Superseded texts are not kept (only their stamps), so the
  state grows with conflicts, not with every save.

Weeks (reflection, intention, last_intention_kept) and the targets: each
field its latest value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from leaderjournal.domain.limits import tag_key
from leaderjournal.sync.changes import Change, canonical
from leaderjournal.sync.clock import Stamp
from leaderjournal.sync.rules import FieldValue

Stamped = tuple[Stamp, FieldValue]


def _later(new: Stamped, old: Stamped | None) -> bool:
    if old is None or new[0] != old[0]:
        return old is None or new[0] > old[0]
    return canonical(new[1]) > canonical(old[1])  # only for damaged input


@dataclass
class Record:
    """A record of plain fields, each its latest value: a week, the targets."""

    fields: dict[str, Stamped] = field(default_factory=dict)

    def set(self, stamp: Stamp, values: dict[str, FieldValue]) -> None:
        fields = self.fields
        for name, value in values.items():
            old = fields.get(name)
            if old is None or _later((stamp, value), old):
                fields[name] = (stamp, value)

    def values(self) -> dict[str, FieldValue]:
        return {name: value for name, (_, value) in self.fields.items()}

    def export(self) -> dict[str, Any]:
        return dict(sorted(self.values().items()))


@dataclass(frozen=True)
class TextVersion:
    """One text as typed: when, what, and the version it was edited from."""

    stamp: Stamp
    text: str
    base: Stamp | None


@dataclass
class EntryState(Record):
    """One entry's merged changes (``fields`` holds all but text and tags)."""

    heads: dict[Stamp, TextVersion] = field(default_factory=dict)
    superseded: set[Stamp] = field(default_factory=set)
    resolved: set[Stamp] = field(default_factory=set)
    #: Each tag's latest add: its stamp, its place in that change, its spelling.
    tag_adds: dict[str, tuple[Stamp, int, str]] = field(default_factory=dict)
    tag_removes: dict[str, Stamp] = field(default_factory=dict)
    tombstone: Stamp | None = None
    #: The text the latest delete saw (None: it names none).
    tombstone_saw: Stamp | None = None
    changed: Stamp | None = None  # the latest change other than a delete

    def apply(self, change: Change) -> None:
        stamp = change.stamp
        if change.deleted:
            if self.tombstone is None or stamp > self.tombstone:
                self.tombstone, self.tombstone_saw = stamp, change.text_base
            return
        self.changed = max(stamp, self.changed or stamp)
        values = dict(change.fields)
        if "text" in values:
            self._add_text(
                TextVersion(stamp, str(values.pop("text")), change.text_base)
            )
        self.set(stamp, values)
        for place, tag in enumerate(change.tags_added):
            key, add = tag_key(tag), (stamp, place, tag)
            self.tag_adds[key] = max(add, self.tag_adds.get(key, add))
        for tag in change.tags_removed:
            key = tag_key(tag)
            self.tag_removes[key] = max(stamp, self.tag_removes.get(key, stamp))
        self.resolved.update(change.resolves)

    def _add_text(self, version: TextVersion) -> None:
        if version.base is not None:
            self.superseded.add(version.base)
            self.heads.pop(version.base, None)
        if version.stamp in self.superseded:
            return
        held = self.heads.get(version.stamp)
        if held is None or (version.text, version.base or ()) > (
            held.text,
            held.base or (),
        ):
            self.heads[version.stamp] = version

    @property
    def deleted(self) -> bool:
        if self.tombstone is None:
            return False
        if self.changed is not None and self.tombstone < self.changed:
            return False
        latest = max(self.heads, default=None)
        return self.tombstone_saw is None or latest in (None, self.tombstone_saw)

    def latest_text(self) -> TextVersion | None:
        """The version the entry shows; its stamp is the ``text_base`` of an
        edit made from it."""
        return self.heads[max(self.heads)] if self.heads else None

    def text(self) -> str:
        latest = self.latest_text()
        return "" if latest is None else latest.text

    def conflicts(self) -> list[TextVersion]:
        """Texts written without seeing the entry's text, unresolved, oldest first."""
        latest = max(self.heads, default=None)
        return [
            self.heads[stamp]
            for stamp in sorted(self.heads)
            if stamp != latest and stamp not in self.resolved
        ]

    def tags(self) -> tuple[str, ...]:
        """The tags there, each spelled as its latest add, in the order they
        were added (tags added in one change in the order given)."""
        return tuple(
            spelling
            for stamp, _, spelling in sorted(self.tag_adds.values())
            if (key := tag_key(spelling)) not in self.tag_removes
            or stamp > self.tag_removes[key]
        )

    def values(self) -> dict[str, FieldValue]:
        """Every field set, with the entry's text if one was written."""
        values = super().values()
        if self.heads:
            values["text"] = self.text()
        return values

    def export(self) -> dict[str, Any]:
        return {
            "deleted": self.deleted,
            "fields": dict(sorted(self.values().items())),
            "tags": list(self.tags()),
            "conflicts": [[v.stamp.text(), v.text] for v in self.conflicts()],
        }


@dataclass
class State:
    """Every record, merged from the changes applied so far."""

    entries: dict[str, EntryState] = field(default_factory=dict)
    weeks: dict[str, Record] = field(default_factory=dict)
    targets: Record = field(default_factory=Record)

    def apply(self, change: Change) -> None:
        """Take in one change, in any order, as often as it comes."""
        if change.kind == "entry":
            self.entries.setdefault(change.id, EntryState()).apply(change)
        elif change.kind == "week":
            self.weeks.setdefault(change.id, Record()).set(
                change.stamp, dict(change.fields)
            )
        else:
            self.targets.set(change.stamp, dict(change.fields))

    def export(self) -> dict[str, Any]:
        """The state as plain JSON-able values in a fixed order: two computers
        with equal exports show the same journal."""
        return {
            "entries": {
                key: self.entries[key].export() for key in sorted(self.entries)
            },
            "weeks": {key: self.weeks[key].export() for key in sorted(self.weeks)},
            "targets": self.targets.export(),
        }
