"""The ``leaderjournal`` command: opens the app, or runs a task without it.

Qt is imported only when the window is actually opened, so the tasks work on
a machine without a display and ``--help`` answers at once. Every failure
exits non-zero with a one-line reason on standard error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import io
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, overload

from leaderjournal import APP_NAME, __version__
from leaderjournal.domain.words import plural
from leaderjournal.errors import LeaderJournalError
from leaderjournal.paths import ENV_VAR, resolve_data_dir

if TYPE_CHECKING:
    from leaderjournal.exchange.importers import SourceFormat

PROG = "leaderjournal"

#: ``export --format``: each the kind of exchange.export.FORMATS it names.
EXPORT_FORMATS = {
    "csv": "entries",
    "weekly": "weekly",
    "reviews": "reviews",
    "markdown": "markdown",
    "jrnl": "jrnl",
    "jrnl-text": "jrnl-text",
}


class CommandError(LeaderJournalError):
    """A task failed for a reason the command line itself found."""


class _Parser(argparse.ArgumentParser):
    """Says what is wrong with the arguments in one line, like every other
    failure, instead of a usage dump (``--help`` still shows the usage)."""

    def error(self, message: str) -> NoReturn:
        reason = " ".join(message.removeprefix("argument ").split())
        self.exit(2, f"{PROG}: error: {reason} (see {self.prog} --help)\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-02"
        ) from None


class _FormatNames(Sequence[str]):
    """The importers' FORMAT_NAMES, loaded only when --format is given or
    shown: the importers bring in the storage, which ``--help`` and the
    window need not wait for."""

    @staticmethod
    def _names() -> tuple[str, ...]:
        from leaderjournal.exchange.importers import FORMAT_NAMES

        return FORMAT_NAMES

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._names()[index]

    def __len__(self) -> int:
        return len(self._names())


def _common() -> _Parser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"folder that holds journal.db (default: ${ENV_VAR}, "
        "or the user data folder)",
    )
    common.add_argument(
        "--passphrase-stdin",
        action="store_true",
        default=argparse.SUPPRESS,
        help="read the passphrase of an encrypted journal from the first line "
        "of standard input (each further one a line on), instead of asking on "
        "the terminal",
    )
    common.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = _Parser(
        prog=PROG,
        parents=[common],
        description=(
            f"{APP_NAME}: a private journal for people who manage others. "
            "Without a command it opens the app."
        ),
        epilog=(
            f"The journal lives in the user data folder unless --data-dir or "
            f"the environment variable {ENV_VAR} says otherwise."
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    export = commands.add_parser(
        "export",
        parents=[common],
        help="write the journal to a CSV, Markdown or jrnl file",
        description=(
            "Write the journal as CSV (entries, weekly totals or weekly "
            "reviews), as a folder of Markdown files, as jrnl JSON, or as a "
            "jrnl journal file (for `jrnl --import --file DEST`). Use - to "
            "write a file's content to standard output."
        ),
    )
    export.add_argument(
        "file",
        metavar="DEST|-",
        help="the file (for markdown: the folder, made if missing), or -",
    )
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default=None,
        help="csv: one row per entry (the default); weekly: one row per ISO "
        "week; reviews: the weekly reviews; markdown: one file per entry; "
        "jrnl: jrnl's JSON; jrnl-text: a journal file jrnl can import",
    )
    export.add_argument("--from", dest="start", type=_date, metavar="DATE")
    export.add_argument("--to", dest="end", type=_date, metavar="DATE")
    export.add_argument(
        "--weekly", action="store_true", help="the same as --format weekly"
    )
    export.add_argument(
        "--excel",
        action="store_true",
        help="start a CSV file with a UTF-8 BOM",
    )

    imp = commands.add_parser(
        "import",
        parents=[common],
        help="merge entries from LeaderJournal's CSV or another journal app",
        description=(
            "Merge entries from an entries CSV exported by LeaderJournal, or "
            "from another app's export (Day One, jrnl, ...; the format is "
            "recognised from the content). New entries are added, newer "
            "updated_at wins, the same file twice adds nothing. If any entry "
            "is bad, nothing is written."
        ),
    )
    imp.add_argument("file", metavar="PATH", type=Path, help="a file or a folder")
    read_as = imp.add_argument(
        "--format",
        default="auto",
        help="the format to read PATH as (default: recognise it)",
    )
    # Given after add_argument, which would list them (and load the
    # importers) at once, even for --version.
    read_as.choices = _FormatNames()
    imp.add_argument(
        "--dry-run", action="store_true", help="say what would change; write nothing"
    )

    backup = commands.add_parser(
        "backup",
        parents=[common],
        help="back up the journal now (checked before it counts)",
        description=(
            "Back up the journal with SQLite's backup API and check the copy. "
            "Without FILE the backup goes into the backups folder beside the "
            "journal."
        ),
    )
    backup.add_argument("file", metavar="FILE", type=Path, nargs="?")

    restore = commands.add_parser(
        "restore",
        parents=[common],
        help="replace the journal with a backup (the current one is kept)",
        description=(
            "Check FILE, back up the current journal, then replace it with "
            "FILE. A damaged journal is kept aside under a dated name."
        ),
    )
    restore.add_argument("file", metavar="FILE", type=Path)

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
    encrypt.add_argument(
        "--no-recovery-key",
        action="store_true",
        help="make no recovery key (a lost passphrase then loses the journal)",
    )
    commands.add_parser(
        "decrypt",
        parents=[common],
        help="turn the journal's encryption off",
        description="Store the journal unencrypted again (asks its passphrase).",
    )
    commands.add_parser(
        "change-passphrase",
        parents=[common],
        help="change the passphrase of an encrypted journal",
        description=(
            "Asks the passphrase (or the recovery key), then the new one twice. "
            "The journal itself is not rewritten; the recovery key stays valid."
        ),
    )
    return parser


class _Secrets:
    """Where passphrases come from: the terminal (no echo), or one line each
    of standard input with --passphrase-stdin. Never an argument or the
    environment."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.from_stdin = bool(getattr(args, "passphrase_stdin", False))

    def ask(self, prompt: str) -> str:
        if self.from_stdin:
            line = sys.stdin.readline()
            if not line:
                raise CommandError(
                    "Standard input ended before the passphrase: give it on "
                    "its own line. Nothing was changed."
                )
            return line.rstrip("\r\n")
        if not sys.stdin.isatty():
            raise CommandError(
                "The passphrase is asked on a terminal: run this in one, or "
                "give it on the first line of standard input with "
                "--passphrase-stdin. Nothing was changed."
            )
        import getpass

        return getpass.getpass(prompt)

    def ask_new(self) -> str:
        first = self.ask("New passphrase: ")
        if not first:
            raise CommandError("The passphrase is empty. Nothing was changed.")
        if self.ask("The same passphrase again: ") != first:
            raise CommandError(
                "The two passphrases differ. Nothing was changed: try again."
            )
        return first


def _open_journal(data_dir: Path, args: argparse.Namespace):
    from leaderjournal.paths import backup_dir
    from leaderjournal.storage.database import (
        DamagedJournalError,
        JournalEncryptedError,
    )
    from leaderjournal.storage.journal import Journal

    try:
        try:
            return Journal(data_dir)
        except JournalEncryptedError:
            secret = _Secrets(args).ask("Passphrase of the journal: ")
            return Journal(data_dir, secret=secret)
    except DamagedJournalError as exc:
        raise CommandError(
            f"{exc} To restore it: {PROG} restore FILE, with a backup from "
            f"{backup_dir(data_dir)}"
        ) from exc


def run_export(args: argparse.Namespace, data_dir: Path) -> int:
    from leaderjournal.exchange.export import (
        FORMATS,
        ExportOptions,
        export_to_file,
        export_to_stream,
    )

    if args.start and args.end and args.start > args.end:
        raise CommandError("--from must not be after --to")
    if args.weekly and args.format not in (None, "weekly"):
        raise CommandError(
            f"--weekly is the same as --format weekly; leave out one of "
            f"--weekly and --format {args.format}"
        )
    kind = EXPORT_FORMATS["weekly" if args.weekly else args.format or "csv"]
    chosen = FORMATS[kind]
    if args.excel and not chosen.csv:
        raise CommandError(
            f"--excel is for the CSV formats, not {args.format}; leave it out"
        )
    if args.file == "-" and chosen.folder:
        raise CommandError(
            f"--format {args.format} writes a folder of files, not to standard "
            "output: give the folder instead of -"
        )
    options = ExportOptions(
        kind=kind,
        start=args.start,
        end=args.end,
        excel=args.excel,
    )
    with _open_journal(data_dir, args) as journal, journal.reader() as entries:
        if args.file == "-":
            # Bytes as in a file: UTF-8 and CRLF rows on every platform.
            out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
            try:
                export_to_stream(entries, out, options)
            finally:
                out.flush()
                out.detach()
            return 0
        path = Path(args.file)
        written = export_to_file(entries, path, options, data_dir=journal.data_dir)
    print(f"Exported {plural(written, *chosen.nouns)} to {path}")
    return 0


#: Files that are read as LeaderJournal's CSV when no format recognises
#: them, as ``import FILE`` always did: all but the other apps' usual kinds.
_NOT_CSV_SUFFIXES = (".json", ".zip")


def _import_format(path: Path, fmt: str) -> SourceFormat | None:
    """The format to read ``path`` as, once said on standard output; None
    for LeaderJournal's CSV recognised (or taken) without a --format, whose
    output stays as it always was."""
    from leaderjournal.exchange.csv_import import ImportFileError
    from leaderjournal.exchange.importers import FORMATS, LEADERJOURNAL, recognise

    if fmt != "auto":
        print(f"Reading as {FORMATS[fmt].label}.")
        return FORMATS[fmt]
    try:
        chosen = recognise(path)
    except ImportFileError:
        if path.is_dir() or (
            path.exists() and path.suffix.lower() in _NOT_CSV_SUFFIXES
        ):
            raise
        return None  # read as CSV, which says what is wrong with it
    if chosen.name == LEADERJOURNAL:
        return None
    print(f"Recognised: {chosen.label}.")
    return chosen


def run_import(args: argparse.Namespace, data_dir: Path) -> int:
    from leaderjournal.exchange.csv_import import KEPT_HINT, apply_import
    from leaderjournal.exchange.csv_stream import plan_import_file
    from leaderjournal.exchange.importers import plan as plan_source

    chosen = _import_format(args.file, args.format)
    with _open_journal(data_dir, args) as journal:
        if chosen is None:
            plan = plan_import_file(args.file, journal.entries)
        else:
            plan = plan_source(args.file, journal.entries, chosen.name)
        if plan.problems:
            for problem in plan.problems:
                print(problem, file=sys.stderr)
            what = "rows" if plan.format == "leaderjournal" else "entries"
            raise CommandError(
                f"{len(plan.problems)} bad {what} in {args.file}; nothing was imported"
            )
        for kept in plan.kept:
            print(kept)
        if plan.kept and plan.format == "leaderjournal":
            print(KEPT_HINT)
        if args.dry_run:
            print(f"Dry run: {plan.summary()}. Nothing was written.")
            return 0
        apply_import(plan, journal.entries)
    print(f"Imported {args.file}: {plan.summary()}.")
    return 0


def run_backup(args: argparse.Namespace, data_dir: Path) -> int:
    with _open_journal(data_dir, args) as journal:
        made = journal.backup_now(args.file)
    print(f"Backed up the journal to {made.path} (checked: ok).")
    return 0


def run_restore(args: argparse.Namespace, data_dir: Path) -> int:
    from leaderjournal.storage import encryption
    from leaderjournal.storage.backups import check_file
    from leaderjournal.storage.database import DamagedJournalError
    from leaderjournal.storage.journal import Journal, recover_from_backup
    from leaderjournal.storage.targets import kind_of

    kind = kind_of(args.file)
    if kind is not None:
        raise CommandError(
            f"Not restored: {args.file} is {kind}, not a journal backup; "
            "choose a backup file. The journal was not changed."
        )
    secret = None
    if encryption.is_encrypted(data_dir):
        secret = _Secrets(args).ask("Passphrase of the journal: ")
    key = encryption.data_key(data_dir, secret)
    problem = check_file(args.file, key)
    if problem:
        raise CommandError(f"Not restored: {problem}")
    try:
        try:
            journal = Journal(data_dir, secret=secret)
        except DamagedJournalError:
            aside = recover_from_backup(data_dir, args.file, key=key)
            print(
                f"Restored the journal from {args.file}. The damaged journal "
                f"was kept as {aside}."
            )
            return 0
        with journal:
            safety = journal.restore(args.file)
    except LeaderJournalError as exc:
        raise CommandError(f"Not restored: {exc}") from exc
    print(
        f"Restored the journal from {args.file}. The journal as it was is "
        f"backed up as {safety.path}."
    )
    return 0


def run_encrypt(args: argparse.Namespace, data_dir: Path) -> int:
    from leaderjournal.storage import encryption
    from leaderjournal.storage.journal import encrypt

    if encryption.is_encrypted(data_dir):
        raise CommandError("This journal is already encrypted. Nothing was changed.")
    passphrase = _Secrets(args).ask_new()
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
    decrypt(data_dir, _Secrets(args).ask("Passphrase of the journal: "))
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
    secrets = _Secrets(args)
    old = secrets.ask("Current passphrase (or recovery key): ")
    # Checked before the new one is asked, so a typo is told at once.
    keyfile.unlock(encryption.key_path(data_dir), old)
    change_passphrase(data_dir, old, secrets.ask_new())
    print("The passphrase was changed. The recovery key stays valid.")
    return 0


@functools.cache
def _shared_parser() -> argparse.ArgumentParser:
    """The parser, built once per process: building it takes longer than
    starting most tasks, and parsing leaves it as it was."""
    return build_parser()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    args = _shared_parser().parse_args(argv)
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    tasks = {
        "export": run_export,
        "import": run_import,
        "backup": run_backup,
        "restore": run_restore,
        "encrypt": run_encrypt,
        "decrypt": run_decrypt,
        "change-passphrase": run_change_passphrase,
    }
    if args.command in tasks:
        from leaderjournal.logs import ROOT_LOGGER, setup_logging

        setup_logging(data_dir)
        try:
            return tasks[args.command](args, data_dir)
        except LeaderJournalError as exc:
            # The one type every task's failures share; its message is for
            # the person. Anything else would be a bug, and says so.
            print(f"{PROG}: {exc}", file=sys.stderr)
            # The kind of failure only: a message may quote a file's values.
            logging.getLogger(ROOT_LOGGER).warning(
                "%s failed: %s", args.command, type(exc).__name__
            )
            return 1
        except BrokenPipeError:
            # The reader (e.g. `| head`) stopped early: not an error of ours.
            sys.stderr.close()
            return 0

    secret = None
    if getattr(args, "passphrase_stdin", False):
        # The window's own passphrase window asks if this one does not open it.
        secret = sys.stdin.readline().rstrip("\r\n") or None

    from leaderjournal.ui.app import run_app

    return run_app(data_dir, secret)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
