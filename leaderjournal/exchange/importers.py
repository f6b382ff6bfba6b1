"""One Import for every format: recognise it from the content, plan, apply.

The formats are LeaderJournal's own CSV (:mod:`csv_import`) and those of
other apps, one module each (see :mod:`sources` for what they share); each
module gives ``NAME``, ``LABEL``, ``recognises(path, head)`` and
``read(path)``. Planning writes nothing; :func:`apply_import` writes a plan
in one transaction, all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from leaderjournal.domain.limits import shown
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS
from leaderjournal.exchange.import_plan import (
    ImportFileError,
    ImportPlan,
    ImportProgress,
    apply_import,
    classify,
)
from leaderjournal.exchange.sources import SourceRead
from leaderjournal.storage.entries import EntryRepository

__all__ = ["FORMATS", "FORMAT_NAMES", "SourceFormat", "apply_import", "plan"]

#: Bytes read from the start of a file to recognise its format.
HEAD_BYTES = 64 * 1024

LEADERJOURNAL = "leaderjournal"


@dataclass(frozen=True)
class SourceFormat:
    """One importable format: its name (as ``--format`` takes it), the name
    a person knows it by, how it is recognised, and how it is read."""

    name: str
    label: str
    recognises: Callable[[Path, bytes], bool]
    #: None for LeaderJournal's own CSV, which csv_import plans itself.
    read: Callable[[Path], SourceRead] | None = None


def _own_csv(path: Path, head: bytes) -> bool:
    """LeaderJournal's entries CSV: its header's first columns (the old
    name of the first rating included)."""
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    if b"\x00" in head[:200]:  # UTF-16, as some spreadsheets save CSV
        text = head.decode("utf-16", "replace").lstrip("\ufeff")
    first = text.split("\n", 1)[0].strip().lower()
    return path.is_file() and first.startswith(",".join(ENTRY_COLUMNS[:4]))


def _from_module(module: ModuleType) -> SourceFormat:
    return SourceFormat(module.NAME, module.LABEL, module.recognises, module.read)


def _other_apps() -> tuple[ModuleType, ...]:
    """The modules of other apps' formats, in the order they are tried."""
    from leaderjournal.exchange import daylio, dayone, jrnl_json, rednotebook

    return (dayone, jrnl_json, daylio, rednotebook)


#: Every format, LeaderJournal's own first; "auto" recognises one of them.
FORMATS: dict[str, SourceFormat] = {
    LEADERJOURNAL: SourceFormat(LEADERJOURNAL, "LeaderJournal CSV", _own_csv),
    **{module.NAME: _from_module(module) for module in _other_apps()},
}
FORMAT_NAMES = ("auto", *FORMATS)


def _head(path: Path) -> bytes:
    if not path.is_file():
        return b""
    try:
        with path.open("rb") as handle:
            return handle.read(HEAD_BYTES)
    except OSError:
        return b""


def recognise(path: Path) -> SourceFormat:
    """The format of the file or folder at ``path``, from its content;
    ImportFileError naming the formats known if it is none of them."""
    if not path.exists():
        raise ImportFileError(f"There is no file or folder {shown(str(path))}.")
    head = _head(path)
    for fmt in FORMATS.values():
        if fmt.recognises(path, head):
            return fmt
    known = ", ".join(fmt.label for fmt in FORMATS.values())
    raise ImportFileError(
        f"{shown(path.name)} is not a journal export LeaderJournal can read "
        f"(it reads: {known})."
    )


def plan(
    path: Path,
    entries: EntryRepository,
    fmt: str = "auto",
    progress: ImportProgress | None = None,
) -> ImportPlan:
    """What importing ``path`` would change, in ``fmt`` or the format
    recognised from its content (``plan.format`` says which). Nothing is
    written. ImportFileError (or another ExchangeError) when the file as a
    whole is unusable; bad entries are listed in ``plan.problems``."""
    chosen = recognise(path) if fmt == "auto" else FORMATS[fmt]
    if chosen.read is None:
        from leaderjournal.exchange.csv_stream import plan_import_file

        return plan_import_file(path, entries, progress)
    read = chosen.read(path)
    result = ImportPlan(
        problems=list(read.problems), format=chosen.name, not_brought=read.not_brought
    )
    if read.problems:
        return result
    return classify(read.entries, read.places, entries, result)
