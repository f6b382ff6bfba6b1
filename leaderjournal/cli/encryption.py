"""The ``encrypt``, ``decrypt`` and ``change-passphrase`` commands: the
journal's encryption turned on, turned off, or put under a new passphrase."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from leaderjournal.cli.journal_access import CommandError, Secrets
from leaderjournal.cli.parser import PROG


def add_commands(
    commands: argparse._SubParsersAction[Any], common: argparse.ArgumentParser
) -> None:
    """Adds the encryption's commands to the command's subcommands."""
    encrypt = commands.add_parser(
        "encrypt",
        parents=[common],
        help="encrypt the journal and its backups with a passphrase",
        description=(
            "Encrypt the journal (SQLCipher) under a passphrase, asked twice. "
            "A recovery key is printed once: keep it somewhere safe. Without "
            "the passphrase and the recovery key the journal cannot be read."
        ),
    )
    encrypt.set_defaults(task=run_encrypt)
    encrypt.add_argument(
        "--no-recovery-key",
        action="store_true",
        help="make no recovery key (a lost passphrase then loses the journal)",
    )
    decrypt = commands.add_parser(
        "decrypt",
        parents=[common],
        help="turn the journal's encryption off",
        description="Store the journal unencrypted again (asks its passphrase).",
    )
    decrypt.set_defaults(task=run_decrypt)
    change = commands.add_parser(
        "change-passphrase",
        parents=[common],
        help="change the passphrase of an encrypted journal",
        description=(
            "Asks the passphrase (or the recovery key), then the new one twice. "
            "The journal itself is not rewritten; the recovery key stays valid."
        ),
    )
    change.set_defaults(task=run_change_passphrase)


def run_encrypt(args: argparse.Namespace, data_dir: Path) -> int:
    from leaderjournal.storage import encryption
    from leaderjournal.storage.journal import encrypt

    if encryption.is_encrypted(data_dir):
        raise CommandError("This journal is already encrypted. Nothing was changed.")
    passphrase = Secrets(args).ask_new()
    recovery = encrypt(data_dir, passphrase, recovery=not args.no_recovery_key)
    print("The journal and its new backups are now encrypted.")
    if recovery is None:
        print(
            "No recovery key was made: if the passphrase is lost, the journal "
            "cannot be read by anyone, and this cannot be undone."
        )
    else:
        print(f"Recovery key (shown only this once): {recovery}")
        print(
            "Write it down and keep it apart from this computer: without the "
            "passphrase or this key the journal cannot be read, and this "
            "cannot be undone."
        )
    print("Backups made before now stay unencrypted: delete them if need be.")
    return 0


def run_decrypt(args: argparse.Namespace, data_dir: Path) -> int:
    from leaderjournal.storage import encryption
    from leaderjournal.storage.journal import decrypt

    if not encryption.is_encrypted(data_dir):
        raise CommandError("This journal is not encrypted. Nothing was changed.")
    decrypt(data_dir, Secrets(args).ask("Passphrase of the journal: "))
    print(
        "The journal is no longer encrypted. Its earlier backups stay "
        "encrypted; their key was kept in the backups folder."
    )
    return 0


def run_change_passphrase(args: argparse.Namespace, data_dir: Path) -> int:
    from leaderjournal.storage import encryption, keyfile
    from leaderjournal.storage.journal import change_passphrase

    if not encryption.is_encrypted(data_dir):
        raise CommandError(
            f"This journal is not encrypted: turn encryption on with {PROG} encrypt."
        )
    secrets = Secrets(args)
    old = secrets.ask("Current passphrase (or recovery key): ")
    # Checked before the new one is asked, so a typo is told at once.
    keyfile.unlock(encryption.key_path(data_dir), old)
    change_passphrase(data_dir, old, secrets.ask_new())
    print("The passphrase was changed. The recovery key stays valid.")
    return 0
