"""Encrypted change lines, for an encrypted journal (DESIGN.md, "Encryption
at rest" and "Several computers").

The lines' key is not the journal's data key itself but one derived from it
for this one use (HKDF-SHA256, info ``leaderjournal sync changes v1``), so
that nothing encrypted here could ever be mistaken for, or help attack, the
journal's own encryption. A :class:`ChangeKey` holds it, with the key's
*id*: the first 8 bytes, in hex, of another HKDF output of the data key
(info ``leaderjournal sync key id v1``). The id tells two journals' keys
apart without revealing anything of either.

An encrypted line is canonical JSON, like every line here::

    {"enc":"<base64 of nonce + ciphertext + tag>","key":"<key id>","sum":"...","v":1}

- ``enc``: AES-256-GCM of the canonical change line (:func:`.changes.encode`,
  without its newline) under a fresh random 96-bit nonce, which comes first.
- The associated data is the line's :class:`Place`: the device folder, the
  file's sequence, the line's number and the number of changes in the file
  (which the file's plain end line gives). A line copied into another
  device's folder, another file or another line does not open; nor does a
  file cut short whose end line was mended to match.
- ``key``: the key's id, so that a line of another journal (or of this one
  before its key changed) is named as such, not as altered.
- ``sum``: the checksum every line carries, so that damage in transit is
  named as damage. It protects against accidents only; the GCM tag is what
  an attacker cannot forge.

:func:`read_line` reads a line of either kind, and refuses the kind the
journal does not use: a plain line in an encrypted journal's folder
(:class:`PlainLineError`: someone who can write to the sync folder must not
slip changes in) and an encrypted one in a plain journal's
(:class:`EncryptedLineError`). Every size is bounded before anything is
decoded, and only :class:`SyncError`\\ s come out of reading.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
from dataclasses import dataclass
from typing import Any

from leaderjournal.sync.changes import (
    FORMAT_VERSION,
    MAX_LINE_BYTES,
    Change,
    canonical,
    change_from_record,
    checksum,
    parse_record,
)
from leaderjournal.sync.errors import (
    AlteredLineError,
    EncryptedLineError,
    PlainLineError,
    SyncFormatError,
    WrongKeyError,
)

DATA_KEY_BYTES = 32
CHANGES_INFO = b"leaderjournal sync changes v1"
KEY_ID_INFO = b"leaderjournal sync key id v1"
KEY_ID_BYTES = 8
_NONCE_BYTES = 12
_TAG_BYTES = 16
_KEY_ID = re.compile(f"[0-9a-f]{{{2 * KEY_ID_BYTES}}}")
_PARTS = frozenset(("v", "enc", "key"))
#: The longest ``enc`` a valid line can have: base64 of the longest plain
#: line, its nonce and its tag.
MAX_ENC_CHARS = 4 * -(-(MAX_LINE_BYTES + _NONCE_BYTES + _TAG_BYTES) // 3)
_WRAPPER_BYTES = len(
    canonical({"enc": "", "key": "0" * 16, "sum": "0" * 16, "v": FORMAT_VERSION})
)
MAX_SEALED_LINE_BYTES = MAX_ENC_CHARS + _WRAPPER_BYTES


@dataclass(frozen=True)
class Place:
    """Where a line sits: ``device``'s folder, file ``sequence``, line
    ``number`` (from 1) of the ``count`` changes in that file."""

    device: str
    sequence: int
    number: int
    count: int


def associated_data(place: Place) -> bytes:
    """What a line is bound to: its place, and what it is for."""
    return canonical(
        {
            "use": "leaderjournal sync change",
            "device": place.device,
            "sequence": place.sequence,
            "line": place.number,
            "count": place.count,
        }
    )


def sealed_line_bytes(plain_line_bytes: int) -> int:
    """The length of the encrypted line (with its newline) holding a plain
    line of ``plain_line_bytes`` (with its newline)."""
    enc = 4 * -(-(plain_line_bytes - 1 + _NONCE_BYTES + _TAG_BYTES) // 3)
    return enc + _WRAPPER_BYTES + 1


def _derive(data_key: bytes, info: bytes, length: int) -> bytes:
    # cryptography is imported where it is used: a plain journal syncs without it.
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=info).derive(
        data_key
    )


def key_id(data_key: bytes) -> str:
    """The id of a journal's data key (see the module's docstring)."""
    return _derive(data_key, KEY_ID_INFO, KEY_ID_BYTES).hex()


class ChangeKey:
    """The key that encrypts an encrypted journal's change lines, derived
    from its data key; ``key_id`` names it."""

    __slots__ = ("_key", "key_id")

    def __init__(self, data_key: bytes) -> None:
        if type(data_key) is not bytes or len(data_key) != DATA_KEY_BYTES:
            raise ValueError("a journal's data key is 32 bytes")
        self._key = _derive(data_key, CHANGES_INFO, 32)
        self.key_id = key_id(data_key)

    def __repr__(self) -> str:
        return f"ChangeKey(key_id={self.key_id!r})"

    def seal(self, line: bytes, place: Place) -> bytes:
        """The encrypted line (ending in a newline) holding the change line
        ``line`` at ``place``."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        plain = line.removesuffix(b"\n")
        if len(plain) > MAX_LINE_BYTES:
            raise SyncFormatError(f"the line is too long ({len(plain):,} bytes)")
        nonce = secrets.token_bytes(_NONCE_BYTES)
        sealed = AESGCM(self._key).encrypt(nonce, plain, associated_data(place))
        record: dict[str, Any] = {
            "v": FORMAT_VERSION,
            "key": self.key_id,
            "enc": base64.b64encode(nonce + sealed).decode("ascii"),
        }
        return canonical({**record, "sum": checksum(record)}) + b"\n"

    def open(self, record: dict[str, Any], place: Place) -> bytes:
        """The plain change line inside an encrypted line's ``record`` (as
        :func:`.changes.parse_record` gives it), read at ``place``."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if set(record) != _PARTS:
            raise SyncFormatError("the encrypted line has parts it should not have")
        written_id, enc = record["key"], record["enc"]
        if type(written_id) is not str or not _KEY_ID.fullmatch(written_id):
            raise SyncFormatError("the encrypted line does not name its key")
        if written_id != self.key_id:
            raise WrongKeyError
        if type(enc) is not str or len(enc) > MAX_ENC_CHARS:
            raise SyncFormatError("the encrypted part is not text of a likely size")
        try:
            sealed = base64.b64decode(enc, validate=True)
        except (binascii.Error, ValueError):
            raise SyncFormatError("the encrypted part is not base64") from None
        if len(sealed) < _NONCE_BYTES + _TAG_BYTES:
            raise SyncFormatError("the encrypted part is too short")
        nonce, rest = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
        try:
            return AESGCM(self._key).decrypt(nonce, rest, associated_data(place))
        except InvalidTag:
            raise AlteredLineError from None


def read_line(line: bytes, key: ChangeKey | None, place: Place) -> Change:
    """The change in a line at ``place`` of a journal encrypted with ``key``
    (None: a plain journal); a :class:`SyncFormatError` (or
    :class:`NewerFormatError`) says why not."""
    return read_change(line, key, place)[0]


def read_change(
    line: bytes, key: ChangeKey | None, place: Place
) -> tuple[Change, bytes]:
    """As :func:`read_line`, with the change's plain line (checked; for an
    encrypted journal the line decrypted), to keep as it is."""
    line = line.removesuffix(b"\n")
    record = parse_record(line, MAX_SEALED_LINE_BYTES)
    if "enc" not in record:
        if key is not None:
            raise PlainLineError
        if len(line) > MAX_LINE_BYTES:
            raise SyncFormatError(f"the line is too long ({len(line):,} bytes)")
        return change_from_record(record), line
    if key is None:
        raise EncryptedLineError
    plain = key.open(record, place)
    return change_from_record(parse_record(plain)), plain
