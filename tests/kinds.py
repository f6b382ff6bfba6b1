"""The two kinds of journal the storage, exchange and command-line tests run
on: plain and encrypted (the ``journal_kind`` fixture in conftest.py)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # imported where used: domain tests need no storage
    from leaderjournal.storage.journal import Journal

# Cheap key derivation: the real parameters cost a quarter of a second per
# opening, which is the point of them, and no part of what these tests check.
FAST_KDF = {"memory_kib": 64, "iterations": 1, "lanes": 1}
TEST_PASSPHRASE = "seven quiet herons"


@dataclass(frozen=True)
class JournalKind:
    """A plain or an encrypted journal, and how to open one of that kind.

    Tests that take ``journal_kind`` run once on each kind, so that the
    suite itself (``.ci/run`` runs only the README's test command) checks
    both. ``secret`` is None for a plain journal."""

    name: str
    empty: Path  # a closed, empty journal of this kind, never opened again

    @property
    def encrypted(self) -> bool:
        return self.name == "encrypted"

    @property
    def secret(self) -> str | None:
        return TEST_PASSPHRASE if self.encrypted else None

    def open(self, data_dir: Path, **options) -> Journal:
        """Open (again) the journal in ``data_dir``, with its passphrase."""
        from leaderjournal.storage.journal import Journal

        return Journal(data_dir, secret=self.secret, **options)

    def key(self, data_dir: Path) -> bytes | None:
        """The data key of the journal in ``data_dir`` (None when plain), for
        what reads its files directly (a backup's check)."""
        from leaderjournal.storage.encryption import data_key

        return data_key(data_dir, self.secret)

    def new(self, data_dir: Path, **options) -> Journal:
        """A new, empty journal of this kind in ``data_dir``, open."""
        shutil.copytree(self.empty, data_dir)
        return self.open(data_dir, **options)

    def convert(self, data_dir: Path) -> Path:
        """Make the closed (plain) journal in ``data_dir`` of this kind: for
        a journal filled through a plain opening, e.g. a golden one."""
        if self.encrypted:
            encrypt_for_tests(data_dir)
        return data_dir

    @property
    def cli_args(self) -> tuple[str, ...]:
        """What the command line needs to open a journal of this kind."""
        return ("--passphrase-stdin",) if self.encrypted else ()

    @property
    def stdin(self) -> str:
        """The standard input that gives the command line the passphrase."""
        return TEST_PASSPHRASE + "\n" if self.encrypted else ""


def encrypt_for_tests(data_dir: Path) -> None:
    """Encrypt the closed journal in ``data_dir`` under the tests' passphrase."""
    from leaderjournal.storage.journal import encrypt
    from leaderjournal.storage.keyfile import KdfParams

    encrypt(data_dir, TEST_PASSPHRASE, recovery=False, kdf=KdfParams(**FAST_KDF))


# For a test that only makes sense on a plain journal (it reads journal.db
# with sqlite3, or hashes a plain file): it runs once, on the plain kind.
plain_only = pytest.mark.parametrize("journal_kind", ["plain"], indirect=True)


def open_journal(data_dir: Path, **options) -> Journal:
    """Open a journal these tests made, of either kind: an encrypted one with
    the tests' passphrase. For helpers handed only a data folder."""
    from leaderjournal.storage.encryption import is_encrypted
    from leaderjournal.storage.journal import Journal

    secret = TEST_PASSPHRASE if is_encrypted(data_dir) else None
    return Journal(data_dir, secret=secret, **options)


def passphrase_input(data_dir: Path) -> tuple[tuple[str, ...], str]:
    """What a command needs to open the journal in ``data_dir``: for an
    encrypted one ``--passphrase-stdin`` and the passphrase as its standard
    input's first line; for a plain one nothing."""
    from leaderjournal.storage.encryption import is_encrypted

    if is_encrypted(data_dir):
        return ("--passphrase-stdin",), TEST_PASSPHRASE + "\n"
    return (), ""


def key_of(data_dir: Path) -> bytes | None:
    """The data key of a journal these tests made (None when plain): its
    backups, and journal.db itself, open with it."""
    from leaderjournal.storage.encryption import data_key, is_encrypted

    return data_key(data_dir, TEST_PASSPHRASE if is_encrypted(data_dir) else None)
