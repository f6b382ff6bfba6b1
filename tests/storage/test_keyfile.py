"""The key file of an encrypted journal: wrapped data key, passphrase and
recovery key, rewrap, and a key file from elsewhere treated as untrusted."""

from __future__ import annotations

import hashlib
import json
import stat
import sys
from pathlib import Path

import pytest

from leaderjournal.storage import keyfile
from leaderjournal.storage.keyfile import KdfParams, KeyFileError, WrongPassphraseError

#: Cheap Argon2id for tests; the app's default is never weakened.
FAST = KdfParams(memory_kib=64, iterations=1, lanes=1)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_passphrase_unlocks_the_data_key(tmp_path: Path) -> None:
    path = tmp_path / "journal.key"
    data_key, recovery = keyfile.create(path, "correct horse", recovery=False, kdf=FAST)
    assert len(data_key) == 32
    assert recovery is None
    assert keyfile.unlock(path, "correct horse") == data_key
    # The data key is never in the file as it is.
    assert data_key.hex() not in path.read_text()
    assert data_key not in path.read_bytes()


def test_file_is_private_and_json_with_its_parameters(tmp_path: Path) -> None:
    path = tmp_path / "journal.key"
    keyfile.create(path, "pw", recovery=False, kdf=FAST)
    content = json.loads(path.read_text())
    assert content["passphrase"]["kdf"] == "argon2id"
    assert content["passphrase"]["memory_kib"] == FAST.memory_kib
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not path.with_name("journal.key.tmp").exists()


def test_default_kdf_is_not_weak() -> None:
    assert keyfile.DEFAULT_KDF.memory_kib >= 64 * 1024
    assert keyfile.DEFAULT_KDF.iterations >= 3


def test_wrong_passphrase_says_so_plainly(tmp_path: Path) -> None:
    path = tmp_path / "journal.key"
    keyfile.create(path, "correct horse", recovery=True, kdf=FAST)
    before = _sha(path)
    with pytest.raises(WrongPassphraseError) as caught:
        keyfile.unlock(path, "correct hors")
    message = str(caught.value)
    assert "passphrase does not open this journal" in message
    assert "\n" not in message
    assert "close" not in message.lower()
    assert _sha(path) == before


def test_recovery_key_is_printable_and_unlocks(tmp_path: Path) -> None:
    path = tmp_path / "journal.key"
    data_key, recovery = keyfile.create(path, "pw", recovery=True, kdf=FAST)
    assert recovery is not None
    groups = recovery.split("-")
    assert len(groups) == 7
    assert all(len(g) == 4 and g.isalnum() and g.upper() == g for g in groups)
    assert keyfile.unlock(path, recovery) == data_key
    # Typed in lower case, with spaces instead of dashes: still the key.
    assert keyfile.unlock(path, recovery.lower().replace("-", " ")) == data_key
    other = keyfile.new_recovery_key()
    with pytest.raises(WrongPassphraseError):
        keyfile.unlock(path, other)


def test_rewrap_refuses_old_accepts_new_and_recovery(tmp_path: Path) -> None:
    path = tmp_path / "journal.key"
    data_key, recovery = keyfile.create(path, "old one", recovery=True, kdf=FAST)
    keyfile.rewrap(path, data_key, "new one", kdf=FAST)
    with pytest.raises(WrongPassphraseError):
        keyfile.unlock(path, "old one")
    assert keyfile.unlock(path, "new one") == data_key
    assert recovery is not None
    assert keyfile.unlock(path, recovery) == data_key


def test_missing_key_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(KeyFileError, match="is missing"):
        keyfile.unlock(tmp_path / "journal.key", "pw")


@pytest.mark.parametrize(
    "damage",
    [
        lambda c: b"\x00\xff" * 10,
        lambda c: b"[]",
        lambda c: b"x" * (keyfile.MAX_FILE_BYTES + 10),
        lambda c: json.dumps({**c, "format": "other"}).encode(),
        lambda c: json.dumps({**c, "passphrase": {}}).encode(),
        lambda c: json.dumps(
            {**c, "passphrase": {**c["passphrase"], "salt": "!!!"}}
        ).encode(),
        lambda c: json.dumps(
            {**c, "passphrase": {**c["passphrase"], "memory_kib": 1 << 40}}
        ).encode(),
        lambda c: json.dumps(
            {**c, "passphrase": {**c["passphrase"], "iterations": "3"}}
        ).encode(),
        lambda c: json.dumps({**c, "recovery": 5}).encode(),
    ],
    ids=[
        "binary",
        "list",
        "huge",
        "format",
        "no-passphrase",
        "salt",
        "memory",
        "iterations-type",
        "recovery",
    ],
)
def test_damaged_key_file_is_refused_in_words(tmp_path: Path, damage) -> None:
    path = tmp_path / "journal.key"
    keyfile.create(path, "pw", recovery=False, kdf=FAST)
    path.write_bytes(damage(json.loads(path.read_text())))
    before = _sha(path)
    with pytest.raises(KeyFileError) as caught:
        keyfile.unlock(path, "pw")
    assert not isinstance(caught.value, WrongPassphraseError)
    message = str(caught.value)
    assert "damaged" in message
    assert "\n" not in message
    assert "Traceback" not in message
    assert _sha(path) == before


def test_a_tampered_wrapped_key_is_not_accepted(tmp_path: Path) -> None:
    path = tmp_path / "journal.key"
    keyfile.create(path, "pw", recovery=False, kdf=FAST)
    content = json.loads(path.read_text())
    wrapped = bytearray(keyfile.base64.b64decode(content["passphrase"]["wrapped"]))
    wrapped[0] ^= 1
    content["passphrase"]["wrapped"] = keyfile.base64.b64encode(wrapped).decode()
    path.write_text(json.dumps(content))
    with pytest.raises(WrongPassphraseError):
        keyfile.unlock(path, "pw")
