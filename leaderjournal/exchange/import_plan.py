"""What an import would change, and writing it, whatever the format read.

Import is all-or-nothing: every row is checked first, and if any is bad
nothing is written and every bad row is reported with its place. Entries
merge by id: a row whose ``updated_at`` is newer than the stored entry's
replaces it; older or equal rows leave the journal as it is. Such a row
that says something else than the journal is named with its place, so an
edit made in a spreadsheet without touching ``updated_at`` is never skipped
in silence.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.limits import shown
from leaderjournal.domain.words import plural
from leaderjournal.exchange.files import ExchangeError
from leaderjournal.exchange.sources import SourceProblem
from leaderjournal.storage.entries import EntryRepository

log = logging.getLogger(__name__)

#: Called with (rows read, None); returning False stops reading.
ImportProgress = Callable[[int, int | None], bool | None]


class ImportFileError(ExchangeError):
    """The file as a whole cannot be read as an entries export."""


class Streamed(Protocol):
    """The entries of a plan left in its file: how many, and how to write
    them (see :mod:`leaderjournal.exchange.csv_stream`)."""

    added: int
    updated: int

    def write(self, entries: EntryRepository) -> None: ...


@dataclass(frozen=True)
class Problem:
    """A bad row: its line number in the file and what is wrong, in words."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.reason}"


@dataclass(frozen=True)
class Kept:
    """A row that differs from the journal but is not newer, so the journal's
    version stays: its line, and the entry it would have changed."""

    line: int
    entry_id: str
    date: dt.date
    title: str
    #: True when the journal's version is newer, False when as recent.
    newer: bool
    #: Where in another app's export it was read ("entry 12"); "" for a
    #: LeaderJournal CSV file, whose rows are named by ``line``.
    place: str = ""

    def __str__(self) -> str:
        name = self.date.isoformat()
        if self.title:
            name += " " + shown(self.title, 40)
        than = "newer than" if self.newer else "as recent as"
        if self.place:
            where, this = self.place[:1].upper() + self.place[1:], "this entry"
        else:
            where, this = f"Line {self.line}", "this row"
        return (
            f"{where}: the journal's version of {name} is {than} {this}, so it was kept"
        )


#: How to make a row from a file win over the journal, for people who
#: edited an export in a spreadsheet.
KEPT_HINT = (
    "To make a row from the file win, clear its updated_at cell "
    "(empty means now) and import again."
)


@dataclass
class ImportPlan:
    """What an import would do; nothing is written until it is applied."""

    added: list[Entry] = field(default_factory=list)
    updated: list[Entry] = field(default_factory=list)
    unchanged: int = 0
    kept: list[Kept] = field(default_factory=list)
    #: Bad rows of a CSV file (Problem), or bad places of another app's
    #: export (SourceProblem); either prints as "<place>: <reason>".
    problems: list[Problem | SourceProblem] = field(default_factory=list)
    #: The format read: "leaderjournal" (CSV), or another app's (see
    #: :mod:`leaderjournal.exchange.importers`).
    format: str = "leaderjournal"
    #: What another app's export held that a journal cannot (by kind).
    not_brought: Counter[str] = field(default_factory=Counter)
    #: A large file's plan holds no entries (``added`` and ``updated`` stay
    #: empty): they are read from the file again as the plan is written.
    streamed: Streamed | None = None

    @property
    def added_count(self) -> int:
        return len(self.added) if self.streamed is None else self.streamed.added

    @property
    def updated_count(self) -> int:
        return len(self.updated) if self.streamed is None else self.streamed.updated

    @property
    def rows(self) -> int:
        return self.added_count + self.updated_count + self.unchanged + len(self.kept)

    def summary(self) -> str:
        said = (
            f"{self.added_count} added, {self.updated_count} updated, "
            f"{self.unchanged} unchanged"
        )
        if self.kept:
            said += f", {len(self.kept)} kept the journal's newer version"
        if self.not_brought:
            said += "; not brought along: " + ", ".join(
                plural(count, kind, _plural_of(kind))
                for kind, count in sorted(self.not_brought.items())
            )
        return said


_PREPOSITIONS = frozenset({"beyond", "in", "of", "with", "without", "from", "on"})


def _plural_of(kind: str) -> str:
    """The plural of a kind of thing not brought along: its head noun made
    plural, which is the word before a preposition or else the last word
    ("starred flag" -> "starred flags", "tag beyond 30" -> "tags beyond 30",
    "note in a category" -> "notes in a category", "weather report" ->
    "weather reports", "category entry" -> "category entries")."""
    words = kind.split(" ")
    head = next(
        (i - 1 for i, word in enumerate(words) if i and word in _PREPOSITIONS),
        len(words) - 1,
    )
    words[head] = _plural_word(words[head])
    return " ".join(words)


def _plural_word(word: str) -> str:
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def classify(
    read: list[Entry],
    places: Mapping[str, int | str],
    entries: EntryRepository,
    plan: ImportPlan,
) -> ImportPlan:
    """Fill ``plan`` with what importing ``read`` would change: new entries,
    newer versions, the unchanged, and those whose journal version stays.
    ``places`` says where each entry was read (a line, or a place in another
    app's export)."""
    stored = entries.updated_at_by_id()
    not_newer: list[Entry] = []
    for entry in read:
        known = stored.get(entry.id)
        if known is None:
            plan.added.append(entry)
        elif entry.updated_at > known:
            plan.updated.append(entry)
        else:
            not_newer.append(entry)
    journal_versions = entries.get_many([entry.id for entry in not_newer])
    for entry in not_newer:
        ours = journal_versions[entry.id]
        if same_content(entry, ours):
            plan.unchanged += 1
        else:
            place = places.get(entry.id, 0)
            plan.kept.append(
                Kept(
                    place if isinstance(place, int) else 0,
                    entry.id,
                    ours.date,
                    ours.title,
                    newer=ours.updated_at > entry.updated_at,
                    place=place if isinstance(place, str) else "",
                )
            )
    plan.kept.sort(key=lambda kept: kept.line)
    return plan


def same_content(row: Entry, stored: Entry) -> bool:
    """Whether a row says what the journal says, whatever its timestamps
    (tags compared without regard to case, as the journal compares them)."""
    return (
        row.date == stored.date
        and row.created_at == stored.created_at
        and row.title == stored.title
        and row.text == stored.text
        and dict(row.ratings) == dict(stored.ratings)
        and row.advice_requests == stored.advice_requests
        and [t.casefold() for t in row.tags] == [t.casefold() for t in stored.tags]
    )


def apply_import(plan: ImportPlan, entries: EntryRepository) -> None:
    """Write a checked plan in one transaction; refuses a plan with problems."""
    if plan.problems:
        what = (
            ("row is", "rows are")
            if plan.format == "leaderjournal"
            else ("entry is", "entries are")
        )
        raise ImportFileError(
            f"{plural(len(plan.problems), *what)} not valid, so nothing was imported."
        )
    if plan.streamed is not None:
        plan.streamed.write(entries)
    else:
        entries.save_many([*plan.added, *plan.updated])
    log.info("Imported entries: %s", plan.summary())
