"""This computer's kept writes (storage/sync_outbox.py: each record before
and after a write) as changes: what each write changed, stamped by this
computer's clock at the time of the write."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from typing import Any

from leaderjournal.domain.limits import tag_key
from leaderjournal.storage import sync_outbox
from leaderjournal.sync.changes import Change
from leaderjournal.sync.clock import Stamp
from leaderjournal.sync.errors import SyncFormatError
from leaderjournal.sync.merge import EntryState
from leaderjournal.sync.rules import ENTRY_FIELDS, TARGET_KEYS, WEEK_FIELDS


def change_of(  # noqa: PLR0917 - one kept write, as the outbox holds it
    kind: str,
    record_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    state: EntryState | None,
    tick: Callable[[], Stamp],
) -> Change | None:
    """What one kept write changed (None: nothing a change carries), stamped
    by ``tick``; ``state``: an entry's merged state, its text the one edited."""
    if kind == sync_outbox.ENTRY:
        if after is None:  # the delete names the text it saw
            latest = None if state is None else state.latest_text()
            saw = None if latest is None else latest.stamp
            return Change("entry", record_id, tick(), deleted=True, text_base=saw)
        if sync_outbox.RESOLVES in after:
            seen = tuple(map(Stamp.parse, after[sync_outbox.RESOLVES]))
            return Change("entry", record_id, tick(), resolves=seen)
        return _entry_change(
            tick, record_id, before or {}, after, _edited_from(state, after)
        )
    allowed = WEEK_FIELDS if kind == sync_outbox.WEEK else TARGET_KEYS
    old = before or {}
    values = {
        name: value
        for name, value in (after or {}).items()
        if name in allowed and (before is None or old.get(name) != value)
    }
    if not values:
        return None
    return Change(kind, record_id, tick(), values)  # type: ignore[arg-type]


def _edited_from(state: EntryState | None, after: dict[str, Any]) -> Stamp | None:
    """The version an entry's kept write edited: the text shown (the latest),
    or, when the page was edited from another text (sync took one in under
    it), the latest version with that text; None when no version known has
    it, so that the edit supersedes no text."""
    if state is None:
        return None
    digest = after.get(sync_outbox.TEXT_FROM)
    if digest is None:
        latest = state.latest_text()
        return None if latest is None else latest.stamp
    return max(
        (
            stamp
            for stamp, version in state.heads.items()
            if sync_outbox.text_digest(version.text) == digest
        ),
        default=None,
    )


def _entry_change(
    tick: Callable[[], Stamp],
    record_id: str,
    before: dict[str, Any],
    after: dict[str, Any],
    text_base: Stamp | None,
) -> Change | None:
    """The change from ``before`` (empty: a new entry) to ``after``; an
    edit of the text is edited from the version ``text_base``."""
    new = not before
    values = {
        name: after.get(name)
        for name in ENTRY_FIELDS
        if new or before.get(name) != after.get(name)
    }
    old_tags = {tag_key(t): t for t in before.get("tags", ())}
    new_tags = {tag_key(t): t for t in after.get("tags", ())}
    added = tuple(t for k, t in new_tags.items() if old_tags.get(k) != t)
    removed = tuple(t for k, t in old_tags.items() if k not in new_tags)
    if not (values or added or removed):
        return None
    base = text_base if "text" in values else None
    return Change(
        "entry",
        record_id,
        tick(),
        values,
        tags_added=added,
        tags_removed=removed,
        text_base=base,
    )


def fields_of(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    value = json.loads(text)
    if not isinstance(value, dict):
        raise SyncFormatError("a kept write is not a record")
    return value


def wall_ms(at: str) -> int:
    return int(dt.datetime.fromisoformat(at).timestamp() * 1000)


Kept = tuple[str, str, str, dict[str, Any] | None, dict[str, Any] | None]


def coalesced(rows: Iterable[tuple[Any, ...]]) -> list[Kept]:
    """The outbox's rows (n, at, kind, record, before, after) as one write
    per record since the last run: every autosave is a row, and each would
    otherwise be a change of its own, published and kept for ever. A record
    keeps what it was before its first write and what it is after its last
    (stamped at that time); a resolution stays a write of its own, and a
    record made and deleted again is left out."""
    merged: dict[tuple[str, str, int], list[Any]] = {}
    for n, at, kind, record_id, before_text, after_text in rows:
        before, after = fields_of(before_text), fields_of(after_text)
        alone = after is not None and sync_outbox.RESOLVES in after
        key = (kind, record_id, n if alone else 0)
        held = merged.get(key)
        if held is None:
            merged[key] = [at, before, after]
            continue
        held[0] = at
        if held[1] is not None and before is not None:
            held[1] = {**before, **held[1]}  # the value before the first write
        if after is None or held[2] is None:
            held[2] = after  # deleted, or made again whole
        else:
            # The text was edited from what the first write's page held.
            first = held[2].get(sync_outbox.TEXT_FROM)
            held[2] = {**held[2], **after}
            if first is not None:
                held[2][sync_outbox.TEXT_FROM] = first
    return [
        (at, kind, record_id, before, after)
        for (kind, record_id, _), (at, before, after) in merged.items()
        if before is not None or after is not None
    ]


def with_stored_texts(
    writes: list[Kept], texts: Callable[[list[str]], dict[str, str]]
) -> list[Kept]:
    """``writes`` (from :func:`coalesced`) with the texts that their entries
    hold as stored put in (a kept autosave names its text, it does not keep
    it: see ``sync_outbox.TEXT_AS_STORED``). ``texts`` reads the stored texts
    of the entries named."""
    named = [
        record_id
        for _, kind, record_id, _, after in writes
        if kind == sync_outbox.ENTRY
        and after is not None
        and sync_outbox.TEXT_AS_STORED in after
    ]
    if not named:
        return writes
    stored = texts(named)
    for _, _, record_id, _, after in writes:
        if after is None or not after.pop(sync_outbox.TEXT_AS_STORED, None):
            continue
        if record_id in stored:
            after["text"] = stored[record_id]
    return writes
