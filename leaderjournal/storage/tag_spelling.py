"""One spelling per tag (DESIGN.md, "Limits": tags are compared without
regard to case, and the first spelling used is kept).

Every save that brings an entry new tags goes through
:func:`spelled_as_stored`, so a journal holds one spelling of each tag;
migration m003 brought older journals to that.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.limits import respell, tag_key
from leaderjournal.storage.database import Database

#: The entries that hold a tag, in any spelling SQLite's NOCASE takes as the
#: same. Not sorted: a journal holds one spelling per tag, so any of them
#: has it, and sorting the 30,000 holders of a common tag costs 0.3 s.
_HOLDERS = (
    "SELECT t.tag, e.id FROM entry_tags t JOIN entries e ON e.seq = t.entry_seq "
    "WHERE t.tag = ?"
)


def _oldest_first(entry: Entry) -> tuple[dt.date, dt.datetime]:
    return entry.date, entry.created_at


def spelled_as_stored(db: Database, entries: list[Entry]) -> list[Entry]:
    """``entries`` with every tag in the spelling the journal used first
    (DESIGN.md, "Limits": "delegation" is saved as "Delegation" once an
    entry holds "Delegation").

    Only entries other than these count: the one entry that holds a tag
    may change its spelling. A tag new to the journal is spelled as in
    the oldest of ``entries`` (by date, then time written).
    """
    # The usual batch (an import) spells each tag one way: found in one
    # pass, with tag_key computed once per spelling, not once per tag.
    key_of: dict[str, str] = {}
    spelled: dict[str, str] = {}
    mixed = False
    for entry in entries:
        for tag in entry.tags:
            key = key_of.get(tag)
            if key is None:
                key = key_of[tag] = tag_key(tag)
            if spelled.setdefault(key, tag) != tag:
                mixed = True
    if not spelled:
        return entries
    spellings = _spellings(db, set(spelled), {entry.id for entry in entries})
    if not mixed and all(spellings.get(k, t) == t for k, t in spelled.items()):
        return entries
    respelled: dict[int, Entry] = {}
    for entry in sorted(entries, key=_oldest_first):
        tags = respell(entry.tags, spellings)
        if tags != entry.tags:
            respelled[id(entry)] = replace(entry, tags=tags)
    if not respelled:
        return entries
    return [respelled.get(id(entry), entry) for entry in entries]


def spelled_in_stream(
    db: Database, first: dict[str, str], rewritten: set[str]
) -> dict[str, str]:
    """The spelling of each tag key of entries written as a stream (too many
    to sort in memory): the journal's, else ``first`` (each key's spelling in
    the oldest of them, found as they were checked). ``rewritten``: the ids
    among them that the journal holds, whose own tags do not count."""
    return {**first, **_spellings(db, set(first), rewritten)}


def _spellings(db: Database, keys: set[str], leaving_out: set[str]) -> dict[str, str]:
    """The journal's spelling of each tag of ``keys`` (by tag_key) that
    entries other than those of the ids ``leaving_out`` hold."""
    # Every tag, from the tag index: NOCASE alone would miss "CAFÉ" for
    # "Café" (it folds only A-Z), so the keys are compared here.
    names = [
        name
        for (name,) in db.execute("SELECT DISTINCT tag FROM entry_tags")
        if tag_key(name) in keys
    ]
    spellings: dict[str, str] = {}
    for name in names:
        for tag, entry_id in db.execute(_HOLDERS, (name,)):
            if entry_id not in leaving_out:
                spellings.setdefault(tag_key(tag), tag)
                break
    return spellings
