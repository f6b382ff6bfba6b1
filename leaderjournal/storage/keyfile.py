"""The key file of an encrypted journal: ``journal.key`` beside journal.db.

A random 256-bit data key encrypts the journal (SQLCipher raw key). It is
stored only wrapped (AES-GCM): once by a key derived from the passphrase
(Argon2id, a random salt, its parameters kept in the file), and, if the
person asks, once by a printable recovery key (128 random bits, so HKDF is
enough). Changing the passphrase rewraps the data key; nothing else changes.

The file is JSON, written to a temporary name, synced, then renamed (0600).
A key file may come from elsewhere: it is read only up to a bounded size and
every field is checked before it is used.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leaderjournal.errors import LeaderJournalError
from leaderjournal.storage.disk import sync_folder

FORMAT = "leaderjournal-key"
VERSION = 1
DATA_KEY_BYTES = 32
_SALT_BYTES = 16
_NONCE_BYTES = 12
#: A key file is a few hundred bytes; anything much larger is not one.
MAX_FILE_BYTES = 16 * 1024
#: Bounds on the parameters read from a file: a file from elsewhere must not
#: make opening take minutes or all the memory.
_MAX_MEMORY_KIB = 1024 * 1024
_MAX_ITERATIONS = 64
_MAX_LANES = 16

_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
_RECOVERY_CHARS = 28  # 28 x 5 bits = 140 bits
_RECOVERY_GROUP = 4


@dataclass(frozen=True)
class KdfParams:
    """Argon2id's cost. The default takes about a quarter of a second here;
    tests pass cheaper ones (never the app)."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4


DEFAULT_KDF = KdfParams()


class KeyFileError(LeaderJournalError):
    """The key file is missing, damaged or cannot be written."""


class WrongPassphraseError(KeyFileError):
    """Neither the passphrase nor the recovery key opens the key file."""


# -- the secrets --------------------------------------------------------------------


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


def new_recovery_key() -> str:
    """A printable recovery key such as ``K7QF-2M9X-...`` (140 random bits)."""
    chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_CHARS))
    groups = [
        chars[i : i + _RECOVERY_GROUP] for i in range(0, len(chars), _RECOVERY_GROUP)
    ]
    return "-".join(groups)


def _normal_recovery(text: str) -> str | None:
    """The recovery key's characters, if ``text`` can be one (case, spaces
    and dashes do not matter), else None."""
    chars = "".join(c for c in text.upper() if c not in "- \t")
    if len(chars) == _RECOVERY_CHARS and all(c in _RECOVERY_ALPHABET for c in chars):
        return chars
    return None


# cryptography is imported where it is used: a plain journal opens without it.


def _passphrase_key(passphrase: str, salt: bytes, kdf: KdfParams) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    return Argon2id(
        salt=salt,
        length=32,
        iterations=kdf.iterations,
        lanes=kdf.lanes,
        memory_cost=kdf.memory_kib,
    ).derive(passphrase.encode("utf-8"))


def _recovery_wrapping_key(chars: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=salt, info=_aad("recovery")
    ).derive(chars.encode("ascii"))


def _aad(purpose: str) -> bytes:
    # Binds each wrapped key to this format, its version and what unwraps it.
    return f"{FORMAT}/{VERSION}/{purpose}".encode("ascii")


def _wrap(wrapping_key: bytes, data_key: bytes, purpose: str) -> dict[str, str]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(_NONCE_BYTES)
    sealed = AESGCM(wrapping_key).encrypt(nonce, data_key, _aad(purpose))
    return {"nonce": _b64(nonce), "wrapped": _b64(sealed)}


def _unwrap(wrapping_key: bytes, entry: dict[str, Any], purpose: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = _field_bytes(entry, "nonce", _NONCE_BYTES)
    sealed = _field_bytes(entry, "wrapped", DATA_KEY_BYTES + 16)
    try:
        return AESGCM(wrapping_key).decrypt(nonce, sealed, _aad(purpose))
    except InvalidTag:
        return None


# -- the file -----------------------------------------------------------------------


def create(
    path: Path,
    passphrase: str,
    *,
    recovery: bool,
    kdf: KdfParams = DEFAULT_KDF,
) -> tuple[bytes, str | None]:
    """Write a new key file with a new data key; returns the data key and the
    recovery key (None unless asked for), which is shown to the person once."""
    data_key = new_data_key()
    recovery_key = new_recovery_key() if recovery else None
    write(path, data_key, passphrase, recovery_key=recovery_key, kdf=kdf)
    return data_key, recovery_key


def write(
    path: Path,
    data_key: bytes,
    passphrase: str,
    *,
    recovery_key: str | None = None,
    keep_recovery_from: dict[str, Any] | None = None,
    kdf: KdfParams = DEFAULT_KDF,
) -> None:
    """Write ``data_key`` wrapped by ``passphrase`` (and a recovery key) to
    ``path``, atomically."""
    if not passphrase:
        raise KeyFileError("The passphrase is empty: type one to protect the journal.")
    salt = secrets.token_bytes(_SALT_BYTES)
    content: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "passphrase": {
            "kdf": "argon2id",
            "salt": _b64(salt),
            "memory_kib": kdf.memory_kib,
            "iterations": kdf.iterations,
            "lanes": kdf.lanes,
            **_wrap(_passphrase_key(passphrase, salt, kdf), data_key, "passphrase"),
        },
    }
    if recovery_key is not None:
        chars = _normal_recovery(recovery_key)
        if chars is None:
            raise KeyFileError("That is not a recovery key.")
        recovery_salt = secrets.token_bytes(_SALT_BYTES)
        content["recovery"] = {
            "kdf": "hkdf-sha256",
            "salt": _b64(recovery_salt),
            **_wrap(_recovery_wrapping_key(chars, recovery_salt), data_key, "recovery"),
        }
    elif keep_recovery_from is not None:
        content["recovery"] = keep_recovery_from
    _write_atomically(path, json.dumps(content, indent=1).encode("utf-8"))


def unlock(path: Path, secret: str) -> bytes:
    """The data key, unwrapped by the passphrase or the recovery key.

    WrongPassphraseError if neither opens it; KeyFileError if the file is
    missing or damaged.
    """
    content = read(path)
    chars = _normal_recovery(secret)
    recovery = content.get("recovery")
    if chars is not None and recovery is not None:
        salt = _field_bytes(recovery, "salt", _SALT_BYTES)
        found = _unwrap(_recovery_wrapping_key(chars, salt), recovery, "recovery")
        if found is not None:
            return found
    entry = content["passphrase"]
    kdf = _kdf_of(path, entry)
    salt = _field_bytes(entry, "salt", _SALT_BYTES)
    found = _unwrap(_passphrase_key(secret, salt, kdf), entry, "passphrase")
    if found is None:
        raise WrongPassphraseError(
            "That passphrase does not open this journal: check it and try again "
            "(or use the recovery key)."
        )
    return found


def rewrap(
    path: Path, data_key: bytes, new_passphrase: str, *, kdf: KdfParams = DEFAULT_KDF
) -> None:
    """Wrap ``data_key`` by ``new_passphrase``; the recovery key stays valid."""
    content = read(path)
    write(
        path,
        data_key,
        new_passphrase,
        keep_recovery_from=content.get("recovery"),
        kdf=kdf,
    )


def has_recovery(path: Path) -> bool:
    return "recovery" in read(path)


def read(path: Path) -> dict[str, Any]:
    """The key file's checked content (KeyFileError if missing or damaged)."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise KeyFileError(
            f"The key file {path} is missing, so this encrypted journal cannot be "
            "opened: put the key file back beside the journal."
        ) from None
    except OSError as exc:
        raise KeyFileError(
            f"The key file {path} cannot be read ({exc.strerror or 'error'}): "
            "check its permissions."
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise _damaged(path, "it is far too large")
    try:
        content = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _damaged(path, "it is not a key file") from None
    if not isinstance(content, dict) or content.get("format") != FORMAT:
        raise _damaged(path, "it is not a key file")
    if content.get("version") != VERSION:
        raise KeyFileError(
            f"The key file {path} was written by another version of LeaderJournal: "
            "update LeaderJournal to open this journal."
        )
    entry = content.get("passphrase")
    if not isinstance(entry, dict) or entry.get("kdf") != "argon2id":
        raise _damaged(path, "its passphrase part is missing")
    _kdf_of(path, entry)
    for name, size in (("salt", _SALT_BYTES), ("nonce", _NONCE_BYTES)):
        _field_bytes(entry, name, size, path)
    _field_bytes(entry, "wrapped", DATA_KEY_BYTES + 16, path)
    recovery = content.get("recovery")
    if recovery is not None:
        if not isinstance(recovery, dict) or recovery.get("kdf") != "hkdf-sha256":
            raise _damaged(path, "its recovery part is damaged")
        for name, size in (("salt", _SALT_BYTES), ("nonce", _NONCE_BYTES)):
            _field_bytes(recovery, name, size, path)
        _field_bytes(recovery, "wrapped", DATA_KEY_BYTES + 16, path)
    return content


def _kdf_of(path: Path, entry: dict[str, Any]) -> KdfParams:
    values = [entry.get(name) for name in ("memory_kib", "iterations", "lanes")]
    memory, iterations, lanes = (v if type(v) is int else -1 for v in values)
    if -1 in (memory, iterations, lanes):
        raise _damaged(path, "its passphrase settings are damaged")
    if not (
        1 <= lanes <= _MAX_LANES
        and 1 <= iterations <= _MAX_ITERATIONS
        and 8 * lanes <= memory <= _MAX_MEMORY_KIB
    ):
        raise _damaged(path, "its passphrase settings are out of range")
    return KdfParams(memory, iterations, lanes)


def _field_bytes(
    entry: dict[str, Any], name: str, size: int, path: Path | None = None
) -> bytes:
    value = entry.get(name)
    try:
        if not isinstance(value, str) or len(value) > 4 * size:
            raise ValueError
        data = base64.b64decode(value, validate=True)
    except (ValueError, binascii.Error):
        data = b""
    if len(data) != size:
        raise _damaged(path, f"its {name} is damaged")
    return data


def _damaged(path: Path | None, why: str) -> KeyFileError:
    where = f"The key file {path}" if path is not None else "The key file"
    return KeyFileError(
        f"{where} is damaged ({why}), so the journal cannot be opened with it: "
        "put back a good copy of journal.key."
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.unlink(missing_ok=True)
        fd = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        temporary.replace(path)
        sync_folder(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise KeyFileError(
            f"The key file {path} could not be written ({exc.strerror or 'error'}). "
            "Nothing was changed."
        ) from exc
