"""The ``export`` and ``import`` commands: the journal written to a file, and
another file's entries merged into it."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from leaderjournal.cli.journal_access import CommandError, open_journal
from leaderjournal.domain.words import plural

if TYPE_CHECKING:
    from leaderjournal.exchange.importers import SourceFormat

#: ``export --format``: each the kind of exchange.export.FORMATS it names.
EXPORT_FORMATS = {
    "csv": "entries",
    "weekly": "weekly",
    "reviews": "reviews",
    "markdown": "markdown",
    "jrnl": "jrnl",
    "jrnl-text": "jrnl-text",
}


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


def add_commands(
    commands: argparse._SubParsersAction[Any], common: argparse.ArgumentParser
) -> None:
    """Adds ``export`` and ``import`` to the command's subcommands."""
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
    export.set_defaults(task=run_export)
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
    imp.set_defaults(task=run_import)
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
    with open_journal(data_dir, args) as journal, journal.reader() as entries:
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
    from leaderjournal.exchange.import_plan import ImportFileError
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
    from leaderjournal.exchange.csv_stream import plan_import_file
    from leaderjournal.exchange.import_plan import KEPT_HINT, apply_import
    from leaderjournal.exchange.importers import plan as plan_source

    chosen = _import_format(args.file, args.format)
    with open_journal(data_dir, args) as journal:
        if chosen is None:
            plan = plan_import_file(args.file, journal.entries)
        else:
            plan = plan_source(args.file, journal.entries, chosen.name)
        if plan.problems:
            for problem in plan.problems:
                print(problem, file=sys.stderr)
            nouns = (
                ("bad row", "bad rows")
                if plan.format == "leaderjournal"
                else ("bad entry", "bad entries")
            )
            raise CommandError(
                f"{plural(len(plan.problems), *nouns)} in {args.file}; "
                "nothing was imported"
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
