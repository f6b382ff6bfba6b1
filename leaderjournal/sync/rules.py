"""What a change may hold: the kinds of record, their fields, and each value
checked against the journal's limits (domain.limits).

The same rules apply to a change made on this computer and to one read from
another computer's file, so a file cannot bring in a value the editor would
refuse. A value outside them is :class:`SyncFormatError`, with the limit's
own words.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, get_args

from leaderjournal.domain import limits
from leaderjournal.domain.dimensions import DIMENSION_KEYS, OVERALL
from leaderjournal.sync.clock import Stamp
from leaderjournal.sync.errors import SyncFormatError

if TYPE_CHECKING:
    from leaderjournal.sync.changes import Change

Kind = Literal["entry", "week", "targets"]
KINDS: tuple[str, ...] = get_args(Kind)
FieldValue = str | int | float | bool | None

#: The fields each kind of record has.
ENTRY_FIELDS = frozenset(
    (
        "date",
        "created_at",
        "updated_at",
        "title",
        "text",
        "advice_requests",
        *DIMENSION_KEYS,
    )
)
WEEK_FIELDS = frozenset(("reflection", "intention", "last_intention_kept"))
TARGET_KEYS = frozenset((OVERALL, *DIMENSION_KEYS))
TARGETS_ID = "targets"
#: An entry id is a key, never a path; ids LeaderJournal writes are UUIDs.
ID_MAX = 100
#: Conflict versions one change may resolve.
RESOLVES_MAX = 1000
_WEEK_RE = re.compile(r"[0-9]{4}-W[0-9]{2}")


def check_change(change: Change) -> None:
    """SyncFormatError (or the limit's InvalidEntryError) unless ``change``
    keeps every rule of the module's docstring and of changes.py."""
    if change.kind not in KINDS:
        raise SyncFormatError(f"{change.kind!r:.40} is not a kind of record")
    if not isinstance(change.stamp, Stamp):
        raise SyncFormatError("a change needs a stamp")
    _check_id(change.kind, change.id)
    if type(change.deleted) is not bool:
        raise SyncFormatError("deleted is true or false")
    if not isinstance(change.fields, Mapping):
        raise SyncFormatError("the fields set must be a mapping")
    _KIND_CHECKS[change.kind](change)
    if change.kind != "entry" and (
        change.tags_added or change.tags_removed or change.deleted or change.resolves
    ):
        raise SyncFormatError(
            f"a {change.kind} change has no tags, deletion or conflicts"
        )
    if not (change.fields or change.tags_added or change.tags_removed) and not (
        change.deleted or change.resolves
    ):
        raise SyncFormatError("the change changes nothing")


def _check_id(kind: str, record_id: object) -> None:
    if type(record_id) is not str:
        raise SyncFormatError("the record's id must be text")
    if kind == "week":
        if not _WEEK_RE.fullmatch(record_id):
            raise SyncFormatError(f"{record_id!r:.40} is not a week like 2026-W48")
    elif kind == "targets":
        if record_id != TARGETS_ID:
            raise SyncFormatError(f"the targets' id is {TARGETS_ID!r}")
    elif not (0 < len(record_id) <= ID_MAX and record_id.isprintable()):
        raise SyncFormatError(f"{limits.shown(record_id)} is not an entry id")


def _check_fields(change: Change, allowed: frozenset[str]) -> None:
    if not allowed.issuperset(change.fields):
        unknown = sorted(set(change.fields) - allowed)
        raise SyncFormatError(
            f"a {change.kind} has no field {limits.shown(unknown[0])}"
        )


def _check_entry(change: Change) -> None:
    _check_fields(change, ENTRY_FIELDS)
    for name, value in change.fields.items():
        # A rating in range, or none, inline: most of an entry's fields.
        if name in _RATINGS and (
            value is None
            or (type(value) is int and limits.RATING_MIN <= value <= limits.RATING_MAX)
        ):
            continue
        _ENTRY_CHECKS[name](value)  # every field has one (_check_fields)
    added = _tags(change.tags_added, "added")
    removed = _tags(change.tags_removed, "removed")
    both = set(map(limits.tag_key, added)) & set(map(limits.tag_key, removed))
    if both:
        raise SyncFormatError(
            f"the tag {limits.shown(both.pop())} is both added and removed"
        )
    if change.deleted and (change.fields or added or removed or change.resolves):
        raise SyncFormatError("a deleted entry's change holds nothing else")
    if change.text_base is not None:
        if "text" not in change.fields and not change.deleted:
            raise SyncFormatError(
                "only a change of the text, or a delete, names the text it saw"
            )
        if not (
            isinstance(change.text_base, Stamp) and change.text_base < change.stamp
        ):
            raise SyncFormatError(
                "the text it came from must be from before the change"
            )
    if change.resolves and (
        len(change.resolves) > RESOLVES_MAX
        or not all(isinstance(s, Stamp) and s < change.stamp for s in change.resolves)
    ):
        raise SyncFormatError("a change resolves versions from before it, at most 1000")


def _tags(tags: object, how: str) -> tuple[str, ...]:
    if type(tags) is not tuple or len(tags) > limits.TAGS_MAX:
        raise SyncFormatError(f"the tags {how} must be at most {limits.TAGS_MAX} texts")
    for tag in tags:
        if limits.check_tag(tag, stored=True) != tag:
            raise SyncFormatError(f"the tag {limits.shown(tag)} has untidy spaces")
    return tags


def _check_rating(name: str) -> Any:
    return lambda value: limits.check_rating(name, value)


def _check_day(value: object) -> None:
    try:
        day = dt.date.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise SyncFormatError(f"the date {limits.shown(value)} is not a day") from None
    limits.check_date(day)


def _check_time(name: str) -> Any:
    def check(value: object) -> None:
        # Not contextlib.suppress: a third of the check's time, per value.
        try:
            when: Any = dt.datetime.fromisoformat(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            when = value  # check_stamp says why
        limits.check_stamp(when, name)

    return check


_ENTRY_CHECKS: dict[str, Any] = {
    "date": _check_day,
    "created_at": _check_time("created_at"),
    "updated_at": _check_time("updated_at"),
    "title": limits.check_title,
    "text": limits.check_text,
    "advice_requests": limits.check_advice,
    **{key: _check_rating(key) for key in DIMENSION_KEYS},
}


_RATINGS = frozenset(DIMENSION_KEYS)


def _check_week(change: Change) -> None:
    _check_fields(change, WEEK_FIELDS)
    for name, value in change.fields.items():
        if name == "last_intention_kept":
            if value is not None and type(value) is not bool:
                raise SyncFormatError("last_intention_kept is true, false or null")
        else:
            limits.check_text(value)  # type: ignore[arg-type]


def _check_targets(change: Change) -> None:
    _check_fields(change, TARGET_KEYS)
    for name, value in change.fields.items():
        if value is None:
            continue
        if type(value) not in (int, float) or not math.isfinite(value):  # type: ignore[arg-type]
            raise SyncFormatError(f"the target for {name} must be a number or null")
        if not -100 <= value <= 100:  # type: ignore[operator]
            raise SyncFormatError(f"the target for {name} must be from -100 to 100")


_KIND_CHECKS: dict[str, Any] = {
    "entry": _check_entry,
    "week": _check_week,
    "targets": _check_targets,
}
