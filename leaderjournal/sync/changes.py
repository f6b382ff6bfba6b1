"""One change, as a computer publishes it: and its encoding as one line.

A :class:`Change` says what one save did to one record:

- ``kind``/``id``: an entry (by its id), a week's review (``2026-W48``) or
  the targets (id ``targets``: there is one set);
- ``fields``: the fields this save set, ``{name: value}`` (an entry's
  ratings are fields of their own, named by dimension key, so two computers
  rating different dimensions both keep theirs);
- ``tags_added``/``tags_removed`` (entries only), compared by tag key;
- ``deleted``: a tombstone for an entry, with nothing else in it;
- ``stamp``: when and where (:class:`~leaderjournal.sync.clock.Stamp`);
- ``text_base``: for a change that sets ``text``, the stamp of the text it
  was edited from (None for a first text); it must come before ``stamp``;
- ``resolves``: stamps of conflict versions the person resolved (entries).

Every value is checked against the journal's limits when a Change is made,
here or from a file (:mod:`.rules`).

The line: canonical JSON (sorted keys, no spaces, UTF-8) of the record with
``"v"`` (the format version) and ``"sum"``: the first 16 hex digits of the
SHA-256 of the canonical JSON of the record without ``"sum"``. Reading
refuses an over-long line before parsing it, then anything that is not
exactly this shape (:class:`SyncFormatError`); a line of a newer format
version is :class:`NewerFormatError`, so its file can be read again after
an update.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from leaderjournal.domain import limits
from leaderjournal.sync.clock import Stamp
from leaderjournal.sync.errors import NewerFormatError, SyncFormatError
from leaderjournal.sync.rules import RESOLVES_MAX, FieldValue, Kind, check_change

FORMAT_VERSION = 1
#: The longest line a valid change can be: two texts of TEXT_MAX characters,
#: each at most 6 bytes a character in JSON (a control character as \\u001f).
MAX_LINE_BYTES = 13 * limits.TEXT_MAX
_KEYS = frozenset(("v", "sum", "kind", "id", "stamp"))
_OPTIONAL = frozenset(("set", "tags+", "tags-", "deleted", "base", "resolves"))
#: What a record as parse_record gives it holds, and may hold.
_NEEDED = _KEYS - {"sum"}
_ALLOWED = _NEEDED | _OPTIONAL
_PLAIN = frozenset((str, int, float, bool, type(None)))


@dataclass(frozen=True)
class Change:
    """What one save did to one record (see the module's docstring)."""

    kind: Kind
    id: str
    stamp: Stamp
    fields: Mapping[str, FieldValue] = field(default_factory=dict)
    tags_added: tuple[str, ...] = ()
    tags_removed: tuple[str, ...] = ()
    deleted: bool = False
    text_base: Stamp | None = None
    resolves: tuple[Stamp, ...] = ()

    def __post_init__(self) -> None:
        try:
            check_change(self)
        except limits.InvalidEntryError as exc:
            raise SyncFormatError(exc.reason) from None


# -- the line ---------------------------------------------------------------------


def canonical(record: object) -> bytes:
    """``record`` as canonical JSON: sorted keys, no spaces, UTF-8."""
    return json.dumps(
        record,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    ).encode("utf-8")


def checksum(record: object) -> str:
    """First 16 hex digits of the SHA-256 of ``record``'s canonical JSON."""
    return hashlib.sha256(canonical(record)).hexdigest()[:16]


def encode(change: Change) -> bytes:
    """``change`` as one line of canonical JSON, ending in a newline."""
    record: dict[str, Any] = {
        "v": FORMAT_VERSION,
        "kind": change.kind,
        "id": change.id,
        "stamp": change.stamp.text(),
    }
    optional = {
        "set": dict(change.fields),
        "tags+": list(change.tags_added),
        "tags-": list(change.tags_removed),
        "deleted": change.deleted,
        "base": change.text_base.text() if change.text_base else None,
        "resolves": [stamp.text() for stamp in change.resolves],
    }
    record.update((key, value) for key, value in optional.items() if value)
    try:
        return canonical({**record, "sum": checksum(record)}) + b"\n"
    except UnicodeEncodeError:
        raise SyncFormatError(
            "the change holds text that is not valid Unicode"
        ) from None


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


#: One decoder for every line (``json.loads`` with an option makes one a line).
_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)


def parse_record(line: bytes, max_bytes: int = MAX_LINE_BYTES) -> dict[str, Any]:
    """A line's JSON object with its checksum verified, ``"sum"`` removed;
    SyncFormatError if it is not one, NewerFormatError for a newer version."""
    if len(line) > max_bytes:
        raise SyncFormatError(f"the line is too long ({len(line):,} bytes)")
    try:
        record = _DECODER.decode(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise SyncFormatError("the line is not JSON in UTF-8") from None
    if type(record) is not dict:
        raise SyncFormatError("the line is not a JSON object")
    version = record.get("v")
    if type(version) is not int:
        raise SyncFormatError("the line has no format version")
    if version > FORMAT_VERSION:
        raise NewerFormatError(version)
    if version != FORMAT_VERSION:
        raise SyncFormatError(f"the line has the unknown format version {version}")
    written = record.pop("sum", None)
    if type(written) is not str or not (
        _sum_of_written(line, written) or written == checksum(record)
    ):
        raise SyncFormatError("the line's checksum does not match: it is damaged")
    return record


def _sum_of_written(line: bytes, written: str) -> bool:
    """Whether ``line`` is canonical JSON whose checksum is ``written``: the
    line without its ``"sum"`` member is then exactly what was summed, so it
    need not be written out again. (In canonical JSON the member follows
    "stamp", hence a comma before it; no text in a line holds an unescaped
    quote, so this is the member itself.)"""
    member = f',"sum":"{written}"'.encode()
    at = line.rfind(member)
    if at < 0:
        return False
    rest = line[:at] + line[at + len(member) :]
    return hashlib.sha256(rest).hexdigest()[:16] == written


def decode(line: bytes) -> Change:
    """The change in one line written by :func:`encode` (newline optional)."""
    return change_from_record(parse_record(line.removesuffix(b"\n")))


def change_from_record(record: dict[str, Any]) -> Change:
    """The change in a line's record as :func:`parse_record` gives it."""
    if not record.keys() >= _NEEDED:
        missing = sorted(_NEEDED - record.keys())
        raise SyncFormatError(f"the line has no {missing[0]!r}")
    if not record.keys() <= _ALLOWED:
        unknown = sorted(record.keys() - _ALLOWED)
        raise SyncFormatError(f"the line has an unknown part {unknown[0]!r:.40}")
    base = record.get("base")
    return Change(
        kind=record["kind"],
        id=record["id"],
        stamp=Stamp.parse(record["stamp"]),
        fields=_mapping(record.get("set", {})),
        tags_added=_texts(record.get("tags+", [])),
        tags_removed=_texts(record.get("tags-", [])),
        deleted=record.get("deleted", False),
        text_base=None if base is None else Stamp.parse(base),
        resolves=tuple(map(Stamp.parse, _texts(record.get("resolves", [])))),
    )


def _mapping(value: object) -> dict[str, FieldValue]:
    if type(value) is not dict or not _PLAIN.issuperset(map(type, value.values())):
        raise SyncFormatError("the fields set must map names to plain values")
    return value


def _texts(value: object) -> tuple[str, ...]:
    if type(value) is not list or len(value) > RESOLVES_MAX:
        raise SyncFormatError("a list in the line is not a short list of texts")
    return tuple(value)
