"""Exporting the journal as a folder of Markdown files, one per entry.

Each file is named ``YYYY-MM-DD-<title-slug>.md`` and holds YAML front
matter (id, date, times, title, the five ratings by key, lean, advice
requests, tags) and then the entry's text exactly as written, so that a note
app (Obsidian, a static site generator) shows it and a program can read it
back with any YAML parser.

The folder is the export: it is created if missing, and a folder that
already holds files is written only when it is an earlier Markdown export of
LeaderJournal (it holds :data:`MANIFEST`, the list of the files that export
wrote). Then files of the earlier export that this one does not write again
(an entry deleted, a title changed) are removed, and anything else in the
folder is left alone. Each file is written atomically; the journal's own
files are never written (see :mod:`leaderjournal.exchange.files`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.filters import HistoryFilter
from leaderjournal.domain.scoring import plain_lean
from leaderjournal.exchange.files import (
    LEFTOVER_NAMES,
    Cancelled,
    ExchangeError,
    atomic_binary_file,
)
from leaderjournal.paths import BACKUP_FOLDER
from leaderjournal.storage.entries import EntryRepository
from leaderjournal.storage.targets import (
    TargetError,
    check_write_target,
    remove_leftover_files,
)

log = logging.getLogger(__name__)

#: The file that marks a folder as a Markdown export of LeaderJournal and
#: lists the files that export wrote, one name a line.
MANIFEST = ".leaderjournal-markdown"
_MANIFEST_HEADING = "LeaderJournal Markdown export: the files it wrote"
#: A name this export writes: nothing else is ever removed from a folder.
_OUR_NAME = re.compile(r"\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md")
#: The longest slug: file names stay well under every file system's limit.
SLUG_LENGTH = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")

PROGRESS_EVERY = 200

FRONT_MATTER = "---\n"


def slug(title: str) -> str:
    """The title as lower-case ASCII letters, digits and hyphens ("Zoë's
    1:1" -> "zoes-1-1"); "entry" when nothing of it is left."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = _NOT_SLUG.sub("-", ascii_text.lower().replace("'", "")).strip("-")
    if len(words) > SLUG_LENGTH:
        words = words[:SLUG_LENGTH].rstrip("-")
    return words or "entry"


def file_names(days_and_titles: Iterable[tuple[str, str]]) -> list[str]:
    """The file name of each (ISO date, title), in order: two entries of a
    day with the same slug get "-2", "-3"... after the second and third."""
    taken: set[str] = set()
    names = []
    for day, title in days_and_titles:
        stem = f"{day}-{slug(title)}"
        name, n = f"{stem}.md", 1
        while name in taken:
            n += 1
            name = f"{stem}-{n}.md"
        taken.add(name)
        names.append(name)
    return names


def front_matter(row: tuple[Any, ...]) -> dict[str, Any]:
    """What the front matter of an export row says (see EXPORT_COLUMNS)."""
    entry_id, day, created, updated, title, _text = row[:6]
    ratings = row[6:11]
    rating_sum, rating_count, advice, tags = row[11:]
    lean = plain_lean(rating_sum, rating_count)
    return {
        "id": entry_id,
        "date": dt.date.fromisoformat(day),
        "created": created,
        "updated": updated,
        "title": title,
        **dict(zip(DIMENSION_KEYS, ratings, strict=True)),
        "lean": float(lean) if lean else None,
        "advice": advice,
        "tags": tags.split(";") if tags else [],
    }


def markdown_file(row: tuple[Any, ...]) -> str:
    """One entry's file: front matter between "---" lines, then the text."""
    import yaml  # PyYAML: only the Markdown export needs it

    # libyaml's emitter when PyYAML has it (many times faster), else Python's;
    # both represent only plain data (the safe representer).
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    matter = yaml.dump(
        front_matter(row),
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,  # one line per value: a title is one line
    )
    return f"{FRONT_MATTER}{matter}{FRONT_MATTER}{row[5]}"


def read_markdown_file(content: str) -> tuple[dict[str, Any], str]:
    """The front matter and the text of a file :func:`markdown_file` wrote."""
    import yaml

    if not content.startswith(FRONT_MATTER):
        raise ValueError("the file does not start with front matter")
    end = content.index(f"\n{FRONT_MATTER}", len(FRONT_MATTER) - 1)
    matter = yaml.safe_load(content[len(FRONT_MATTER) : end + 1])
    if not isinstance(matter, dict):
        raise ValueError("the front matter is not a mapping")
    return matter, content[end + 1 + len(FRONT_MATTER) :]


def check_folder(folder: Path, data_dir: Path | None) -> list[str]:
    """Whether ``folder`` may take the export, without writing anything;
    returns the names the earlier export there wrote (none for a new or
    empty folder).

    Refused with ExchangeError: the journal's data folder or backups folder,
    a file, and a folder with files in it that is not an earlier Markdown
    export of LeaderJournal.
    """
    if folder.exists() and not folder.is_dir():
        try:  # the journal's own file is named as such
            check_write_target(folder, data_dir)
        except TargetError as exc:
            raise ExchangeError(str(exc)) from None
        raise ExchangeError(
            f"{folder} is a file, not a folder; choose a folder for the "
            "Markdown files. Nothing was written."
        )
    if data_dir is not None:
        _refuse_journal_folders(folder, data_dir)
    if not folder.exists():
        return []
    manifest = folder / MANIFEST
    if manifest.is_file() and not manifest.is_symlink():
        return _listed(manifest)
    if any(folder.iterdir()):
        raise ExchangeError(
            f"{folder} already holds files and is not a Markdown export of "
            "LeaderJournal; choose an empty or new folder. Nothing was written."
        )
    return []


def prepare_folder(folder: Path, data_dir: Path | None) -> list[str]:
    """:func:`check_folder`, then make the folder if it is missing (not its
    parent: a mistyped path is told, not made)."""
    earlier = check_folder(folder, data_dir)
    if folder.exists():
        return earlier
    try:
        folder.mkdir()
    except FileNotFoundError:
        raise ExchangeError(
            f"The folder {folder.parent} does not exist. Nothing was written."
        ) from None
    except OSError as exc:
        raise ExchangeError(
            f"The folder {folder} could not be made "
            f"({exc.strerror or exc}). Nothing was written."
        ) from exc
    return []


def _refuse_journal_folders(folder: Path, data_dir: Path) -> None:
    """ExchangeError when ``folder`` is the journal's data folder or in its
    backups (also through a link), which an export never writes into."""
    journal = data_dir.absolute().resolve()
    where = folder.absolute().resolve()
    backups = journal / BACKUP_FOLDER
    if where == journal:
        what = "the journal's data folder"
    elif where == backups:
        what = "the journal's backups folder"
    elif where.is_relative_to(backups):
        what = "in the journal's backups folder"
    else:
        try:
            check_write_target(folder / MANIFEST, data_dir)
        except TargetError as exc:
            raise ExchangeError(str(exc)) from None
        return
    raise ExchangeError(
        f"{folder} is {what}; choose another folder. Nothing was written."
    )


def _listed(manifest: Path) -> list[str]:
    """The names in an earlier export's manifest that this export could have
    written (never a path: nothing outside the folder is ever touched)."""
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [line for line in lines[1:] if _OUR_NAME.fullmatch(line)]


def _write(path: Path, text: str, data_dir: Path | None) -> None:
    # Each file complete or not there; flushed to the disk once, at the end
    # (a sync per file made 5,000 entries take 20 s instead of 2).
    with atomic_binary_file(path, data_dir=data_dir, tidy=False, sync=False) as out:
        out.write(text.encode("utf-8"))


def _write_manifest(folder: Path, names: Iterable[str], data_dir: Path | None) -> None:
    lines = [_MANIFEST_HEADING, *sorted(set(names))]
    _write(folder / MANIFEST, "\n".join(lines) + "\n", data_dir)


def write_markdown_folder(
    entries: EntryRepository,
    folder: Path,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    matching: HistoryFilter | None = None,
    progress: Callable[[int, int], bool | None] | None = None,
    data_dir: Path | None = None,
) -> int:
    """Write one Markdown file per entry into ``folder``; returns how many.

    ``progress(done, total)`` returning False stops the export: the files
    written so far stay (each complete), and Cancelled says so.
    """
    earlier = prepare_folder(folder, data_dir)
    remove_leftover_files(folder, LEFTOVER_NAMES)
    total = entries.count_between(start, end, matching)
    # The names are settled in a first pass over (date, title) only, so that
    # the texts are then read one at a time, never all held at once.
    names = file_names(
        (row[1], row[4]) for row in entries.export_rows(start, end, matching)
    )
    # Listed before they are written: an interrupted export leaves nothing
    # a later one would not recognise as its own.
    _write_manifest(folder, [*earlier, *names], data_dir)
    done = 0
    # Closed here, on this thread and while its connection is open, also
    # when a cancel stops the loop half way.
    with contextlib.closing(entries.export_rows(start, end, matching)) as rows:
        for name, row in zip(names, rows, strict=True):
            stopped = (
                progress is not None
                and done % PROGRESS_EVERY == 0
                and progress(done, total) is False
            )
            if stopped:
                raise Cancelled(
                    f"The export was cancelled after {done} of {total} entries; "
                    f"the folder {folder} holds only part of it."
                )
            _write(folder / name, markdown_file(row), data_dir)
            done += 1
    written = set(names)
    for stale in set(earlier) - written:
        path = folder / stale
        if path.is_file() or path.is_symlink():
            path.unlink(missing_ok=True)
    _write_manifest(folder, names, data_dir)
    if hasattr(os, "sync"):
        os.sync()
    if progress is not None:
        progress(done, total)
    log.info("Exported %d entries as Markdown", done)
    return done
