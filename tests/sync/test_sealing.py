"""Encrypted change lines: a line opens only with the journal's key, only
in the place it was written, and a plain line is refused where encrypted
ones are expected (and the reverse)."""

from __future__ import annotations

import base64
import json
import secrets

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import given
from hypothesis import strategies as st

from leaderjournal.sync.changes import Change, checksum, encode
from leaderjournal.sync.clock import Stamp
from leaderjournal.sync.errors import (
    AlteredLineError,
    EncryptedLineError,
    PlainLineError,
    SyncError,
    SyncFormatError,
    WrongKeyError,
)
from leaderjournal.sync.sealing import (
    MAX_SEALED_LINE_BYTES,
    ChangeKey,
    Place,
    associated_data,
    read_line,
    sealed_line_bytes,
)

ENTRY = "3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f"
DATA_KEY = bytes(range(32))
KEY = ChangeKey(DATA_KEY)
HERE = Place(device="office", sequence=3, number=2, count=5)
CHANGE = Change(
    "entry", ENTRY, Stamp(1000, 0, "office"), fields={"text": "Told Sam the truth"}
)


def _record(line: bytes) -> dict[str, object]:
    record = json.loads(line)
    assert isinstance(record, dict)
    return record


def _with(line: bytes, **parts: object) -> bytes:
    """``line`` with some parts replaced and its checksum made right again,
    as someone who can write to the sync folder could."""
    record = _record(line)
    record.pop("sum")
    record.update(parts)
    record["sum"] = checksum(record)
    return json.dumps(record).encode() + b"\n"


def test_an_encrypted_line_opens_to_the_change_and_hides_its_text() -> None:
    line = KEY.seal(encode(CHANGE), HERE)

    assert read_line(line, KEY, HERE) == CHANGE
    assert line.endswith(b"\n")
    assert b"Told Sam" not in line
    assert b"office" not in line
    assert sorted(_record(line)) == ["enc", "key", "sum", "v"]


@pytest.mark.parametrize("text", ["", "a", "ab", "abc", "é" * 400])
def test_the_length_of_an_encrypted_line_is_known_before_it_is_made(
    text: str,
) -> None:
    plain = encode(Change("entry", ENTRY, Stamp(1, 0, "office"), {"title": text}))

    assert len(KEY.seal(plain, HERE)) == sealed_line_bytes(len(plain))


def test_each_line_has_a_fresh_nonce() -> None:
    first, second = (KEY.seal(encode(CHANGE), HERE) for _ in range(2))

    nonces = {base64.b64decode(str(_record(x)["enc"]))[:12] for x in (first, second)}
    assert len(nonces) == 2
    assert read_line(first, KEY, HERE) == read_line(second, KEY, HERE)


@pytest.mark.parametrize(
    "elsewhere",
    [
        Place("laptop", 3, 2, 5),  # into another device's folder
        Place("office", 4, 2, 5),  # into another file of the same device
        Place("office", 3, 1, 5),  # to another line of the file
        Place("office", 3, 2, 4),  # a file cut short, its end line mended
    ],
    ids=["device", "file", "line", "count"],
)
def test_a_line_copied_to_another_place_does_not_open(elsewhere: Place) -> None:
    line = KEY.seal(encode(CHANGE), HERE)

    with pytest.raises(AlteredLineError, match="copied from another"):
        read_line(line, KEY, elsewhere)


def test_a_line_of_another_journal_is_named_as_another_key() -> None:
    line = ChangeKey(secrets.token_bytes(32)).seal(encode(CHANGE), HERE)

    with pytest.raises(WrongKeyError, match="another key"):
        read_line(line, KEY, HERE)


def test_an_altered_line_with_its_checksum_mended_does_not_open() -> None:
    line = KEY.seal(encode(CHANGE), HERE)
    sealed = bytearray(base64.b64decode(str(_record(line)["enc"])))
    sealed[20] ^= 1

    with pytest.raises(AlteredLineError):
        read_line(_with(line, enc=base64.b64encode(sealed).decode()), KEY, HERE)


def test_another_journals_line_claiming_this_key_does_not_open() -> None:
    other = ChangeKey(secrets.token_bytes(32)).seal(encode(CHANGE), HERE)

    with pytest.raises(AlteredLineError):
        read_line(_with(other, key=KEY.key_id), KEY, HERE)


def test_a_damaged_line_fails_its_checksum_first() -> None:
    line = KEY.seal(encode(CHANGE), HERE)
    damaged = line[:30] + (b"A" if line[30:31] != b"A" else b"B") + line[31:]

    with pytest.raises(SyncFormatError, match="checksum"):
        read_line(damaged, KEY, HERE)


def test_a_plain_line_is_refused_where_lines_are_encrypted() -> None:
    with pytest.raises(PlainLineError, match="refused"):
        read_line(encode(CHANGE), KEY, HERE)


def test_an_encrypted_line_is_not_read_as_a_plain_one() -> None:
    line = KEY.seal(encode(CHANGE), HERE)

    with pytest.raises(EncryptedLineError):
        read_line(line, None, HERE)
    assert read_line(encode(CHANGE), None, HERE) == CHANGE


def test_a_sealed_plain_record_inside_a_sealed_line_is_refused() -> None:
    inner = KEY.seal(encode(CHANGE), HERE).removesuffix(b"\n")

    with pytest.raises(SyncFormatError):
        read_line(KEY.seal(inner, HERE), KEY, HERE)


def test_the_lines_key_is_derived_and_is_not_the_data_key() -> None:
    line = KEY.seal(encode(CHANGE), HERE)
    sealed = base64.b64decode(str(_record(line)["enc"]))

    with pytest.raises(InvalidTag):
        AESGCM(DATA_KEY).decrypt(sealed[:12], sealed[12:], associated_data(HERE))
    assert ChangeKey(DATA_KEY).key_id == KEY.key_id
    assert DATA_KEY.hex()[:16] != KEY.key_id
    assert "key_id" in repr(KEY)
    assert DATA_KEY.hex() not in repr(KEY)


def test_a_line_too_long_is_refused_before_it_is_decoded() -> None:
    line = _with(KEY.seal(encode(CHANGE), HERE), enc="A" * MAX_SEALED_LINE_BYTES)

    with pytest.raises(SyncFormatError, match="too long"):
        read_line(line, KEY, HERE)


@pytest.mark.parametrize(
    "enc",
    ["not base64!", "", "QUJD", 17, None, "A" * 100 + "=" * 3],
)
def test_an_encrypted_part_of_the_wrong_shape_is_named(enc: object) -> None:
    line = _with(KEY.seal(encode(CHANGE), HERE), enc=enc)

    with pytest.raises(SyncFormatError):
        read_line(line, KEY, HERE)


@pytest.mark.parametrize("parts", [{"key": 7}, {"key": "x"}, {"extra": 1}])
def test_an_encrypted_line_with_odd_parts_is_named(parts: dict[str, object]) -> None:
    line = _with(KEY.seal(encode(CHANGE), HERE), **parts)

    with pytest.raises(SyncFormatError):
        read_line(line, KEY, HERE)


@given(cut=st.integers(0, 400), flip=st.integers(0, 255), key=st.booleans())
def test_a_mangled_line_gives_only_a_sync_error(cut: int, flip: int, key: bool) -> None:
    line = bytearray(KEY.seal(encode(CHANGE), HERE))
    line[cut % len(line)] ^= flip
    mangled = bytes(line[: len(line) - cut // 3])

    try:
        change = read_line(mangled, KEY if key else None, HERE)
    except SyncError:
        return
    assert change == CHANGE  # only a change left untouched opens
