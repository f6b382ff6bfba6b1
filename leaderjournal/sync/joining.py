"""A second computer joining a journal another computer syncs: its own
journal made from the sync folder, encrypted with the same data key when the
folder holds an encrypted journal's key file, then everything taken in."""

from __future__ import annotations

from pathlib import Path

from leaderjournal.paths import journal_path
from leaderjournal.storage import keyfile
from leaderjournal.storage.journal import Journal
from leaderjournal.sync import keys
from leaderjournal.sync.engine import start
from leaderjournal.sync.errors import SyncError, SyncKeyError
from leaderjournal.sync.folder import APP_FOLDER, KEY_FILE
from leaderjournal.sync.placement import check_placement


def join(data_dir: Path, root: Path, secret: str | None = None) -> Journal:
    """Make this computer's journal in ``data_dir`` (none there yet) from the
    sync folder ``root`` another computer syncs its journal through, and take
    in everything: encrypted with the same data key when the folder holds an
    encrypted journal's key file (``secret``: its passphrase or recovery
    key), so it opens with the same passphrase. The journal, open.

    Nothing is made when ``secret`` does not open the key file
    (WrongPassphraseError) or is missing (SyncKeyError)."""
    check_placement(root, data_dir)
    if journal_path(data_dir).exists():
        raise SyncError(
            f"{data_dir} already holds a journal: turn sync on in it instead, "
            "or choose an empty folder to join the synced journal."
        )
    key = None
    if keys.has_key_file(root):
        if secret is None:
            raise SyncKeyError(
                f"The journal synced through {root} is encrypted: "
                "give its passphrase or recovery key to join it."
            )
        key = keys.unlock(root, secret)
    journal = Journal(data_dir)
    try:
        if key is not None:
            _encrypt_as_synced(journal, root, key, secret or "")
        start(journal, root).run()
    except BaseException:
        journal.close()
        raise
    return journal


def _encrypt_as_synced(journal: Journal, root: Path, key: bytes, secret: str) -> None:
    # The key file is copied, then the copy unlocked: what the journal keeps
    # is exactly a file that opens with this passphrase to this key, even if
    # the sync tool replaces the folder's copy meanwhile.
    copy = journal.data_dir / ".journal.key.joining"
    copy.write_bytes((root / APP_FOLDER / KEY_FILE).read_bytes())
    try:
        if keyfile.unlock(copy, secret) != key:
            raise SyncKeyError(
                f"The key file in {root} changed while it was being read; "
                "wait for the sync tool to finish, then try again."
            )
        journal.encrypt_as(copy, key)
    finally:
        copy.unlink(missing_ok=True)


def holds_a_journal(root: Path) -> bool:
    """Whether another computer already syncs a journal through ``root``."""
    return keys.has_key_file(root) or any((root / APP_FOLDER).glob("*/*.jsonl"))


def holds_a_key(root: Path) -> bool:
    """Whether the journal synced through ``root`` is encrypted."""
    return keys.has_key_file(root)
