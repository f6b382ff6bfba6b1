"""One change record and its one-line, checksummed encoding."""

from __future__ import annotations

import json
from typing import Any

import pytest

from leaderjournal.domain.limits import TEXT_MAX
from leaderjournal.sync.changes import (
    FORMAT_VERSION,
    MAX_LINE_BYTES,
    Change,
    checksum,
    decode,
    encode,
)
from leaderjournal.sync.clock import Stamp
from leaderjournal.sync.errors import NewerFormatError, SyncFormatError

ENTRY = "3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f"
EARLIER = Stamp(1_700_000_000_000, 0, "home")
STAMP = Stamp(1_700_000_500_000, 3, "office")


def test_an_entry_change_reads_back_as_written() -> None:
    change = Change(
        "entry",
        ENTRY,
        STAMP,
        fields={
            "title": "1:1 with Sam",
            "text": 'Asked before telling.\n\tÜnïcode ✓ \u2028 and "quotes"',
            "date": "2026-11-30",
            "created_at": "2026-11-30T09:15:00+01:00",
            "influence": 2,
            "mentor": None,
            "advice_requests": 3,
        },
        tags_added=("Delegation", "1:1"),
        tags_removed=("old tag",),
        text_base=EARLIER,
        resolves=(Stamp(1_700_000_100_000, 0, "laptop"),),
    )

    line = encode(change)

    assert line.endswith(b"\n")
    assert line.count(b"\n") == 1  # one line, whatever the text holds
    assert decode(line) == change
    assert decode(line.rstrip(b"\n")) == change


@pytest.mark.parametrize(
    "change",
    [
        Change("entry", ENTRY, STAMP, deleted=True),
        Change("week", "2026-W48", STAMP, fields={"reflection": "Listened more."}),
        Change("week", "2026-W48", STAMP, fields={"last_intention_kept": False}),
        Change("targets", "targets", STAMP, fields={"overall": 25.5, "growth": None}),
        Change("entry", ENTRY, STAMP, tags_added=("x",)),
    ],
)
def test_each_kind_of_change_reads_back(change: Change) -> None:
    assert decode(encode(change)) == change


def test_a_line_carries_its_format_version_and_checksum() -> None:
    record = json.loads(encode(Change("entry", ENTRY, STAMP, fields={"title": "t"})))

    assert record["v"] == FORMAT_VERSION
    body = {k: v for k, v in record.items() if k != "sum"}
    assert record["sum"] == checksum(body)
    assert len(record["sum"]) == 16


def test_one_changed_character_is_caught_by_the_checksum() -> None:
    line = encode(Change("entry", ENTRY, STAMP, fields={"title": "Kept my word"}))

    damaged = line.replace(b"Kept", b"Kapt")

    with pytest.raises(SyncFormatError, match="checksum"):
        decode(damaged)


def _signed(record: dict[str, Any]) -> bytes:
    """A line with a correct checksum over whatever ``record`` holds."""
    body = {"v": FORMAT_VERSION, **record}
    return json.dumps({**body, "sum": checksum(body)}).encode()


def test_a_newer_format_is_its_own_error_even_when_the_rest_is_unknown() -> None:
    line = _signed({"v": 2, "anything": ["new"]})

    with pytest.raises(NewerFormatError) as caught:
        decode(line)
    assert caught.value.version == 2
    assert "newer LeaderJournal" in str(caught.value)


GOOD: dict[str, Any] = {"kind": "entry", "id": ENTRY, "stamp": STAMP.text()}


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({**GOOD, "set": {"influence": 3}}, "rating"),
        ({**GOOD, "set": {"influence": True}}, "rating"),
        ({**GOOD, "set": {"title": "two\nlines"}}, "line break"),
        ({**GOOD, "set": {"text": "x" * (TEXT_MAX + 1)}}, "at most"),
        ({**GOOD, "set": {"date": "2026-02-30"}}, "date"),
        ({**GOOD, "set": {"created_at": "2026-11-30T09:15:00"}}, "UTC offset"),
        ({**GOOD, "set": {"colour": "red"}}, "colour"),
        ({**GOOD, "set": {}}, "changes nothing"),
        ({**GOOD, "set": {"title": "a"}, "deleted": True}, "deleted"),
        ({**GOOD, "set": {"title": "a"}, "deleted": 0}, "true or false"),
        (
            {
                "kind": "week",
                "id": "2026-W48",
                "stamp": STAMP.text(),
                "set": {"reflection": "r"},
                "deleted": 0,
            },
            "true or false",
        ),
        ({**GOOD, "set": {"title": "a"}, "base": EARLIER.text()}, "text"),
        ({**GOOD, "tags+": ["a"], "tags-": ["A"]}, "both"),
        ({**GOOD, "tags+": ["a;b"]}, "semicolon"),
        ({**GOOD, "stamp": "yesterday"}, "stamp"),
        ({**GOOD, "id": ""}, "id"),
        (
            {**GOOD, "id": "../etc", "set": {"title": "a"}},
            None,
        ),  # an id is only a key; harmless text
        ({**GOOD, "kind": "photo"}, "kind"),
        ({**GOOD, "set": {"title": "a"}, "extra": 1}, "extra"),
        ({"kind": "week", "id": "2026-48", "stamp": STAMP.text(), "set": {}}, "week"),
        (
            {"kind": "week", "id": "2026-W48", "stamp": STAMP.text(), "tags+": ["a"]},
            "tags",
        ),
        (
            {
                "kind": "targets",
                "id": "targets",
                "stamp": STAMP.text(),
                "set": {"overall": 101},
            },
            "100",
        ),
        (
            {
                "kind": "targets",
                "id": "targets",
                "stamp": STAMP.text(),
                "set": {"overall": "high"},
            },
            "number",
        ),
        (
            {**GOOD, "set": {"text": "b"}, "base": STAMP.text()},
            "before",
        ),
    ],
)
def test_a_change_outside_the_rules_is_refused_with_its_reason(
    record: dict[str, Any], reason: str | None
) -> None:
    line = _signed(record)

    if reason is None:
        decode(line)
        return
    with pytest.raises(SyncFormatError, match=reason):
        decode(line)


@pytest.mark.parametrize(
    "line",
    [
        b"",
        b"not json",
        b"[1, 2]",
        b'{"v": 1}',
        b'{"v": "1", "sum": "0"}',
        b"\xff\xfe",
        b'{"v": 1, "sum": "' + b"0" * 16 + b'", "x": NaN}',
        b"[" * 100_000,
    ],
)
def test_a_line_that_is_not_a_change_is_refused(line: bytes) -> None:
    with pytest.raises(SyncFormatError):
        decode(line)


def test_an_absurdly_long_line_is_refused_before_it_is_parsed() -> None:
    with pytest.raises(SyncFormatError, match="too long"):
        decode(b" " * (MAX_LINE_BYTES + 1))


def test_a_change_made_here_is_checked_as_one_read_from_a_file() -> None:
    with pytest.raises(SyncFormatError, match="rating"):
        Change("entry", ENTRY, STAMP, fields={"growth": 7})
