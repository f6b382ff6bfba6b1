"""Exporting the journal as a jrnl journal file, the text ``jrnl --import``
reads.

jrnl (jrnl.sh) 4.6 keeps a journal as plain text and writes each entry as
``[YYYY-MM-DD HH:MM] Title``, a line break and the body, with a blank line
between entries (jrnl/journals/Entry.py ``Entry.__str__``,
jrnl/journals/Journal.py ``Journal._to_text``). This module writes the same,
for jrnl's default ``timeformat``: the date is the day the entry is about,
the time when it was written (on its own clock), as in the jrnl JSON export.

jrnl reads such a file back (``Journal._parse``) by taking every line that
starts with ``[a date] `` as the start of an entry, the rest of that line
as the title and the lines after it as the body. Because every entry here
ends with a line break, the title is the whole first line, even one with
no full stop or with several sentences. Where jrnl's format cannot carry an
entry exactly, this is what is written instead:

- An entry without a title: jrnl has no such thing (it takes the first line
  of an entry as its title). The first line of the text is written as the
  title line, so in jrnl it is the title and the rest of the text the body.
- A line of the text that starts with ``[something] `` (``[2026-03-01
  10:00] ...``, ``[monday] ...``) would start a new entry in jrnl when jrnl
  reads a date in it, and jrnl has no escape for it: such a line is written
  with a backslash in front, ``\\[2026-03-01 10:00] ...``, as Markdown
  escapes a bracket.
- Tags: jrnl has no tag list; it finds tags in the text, every ``@word`` (it
  keeps them in lower case). A tag the text does not already hold as
  ``@tag`` is written on a last line of the body, ``@tag @other``, after a
  blank line. A jrnl tag is one word of letters, digits and ``- + * # /``:
  each run of other characters in a tag (a space, ``:``, ``.``) is written
  as one ``-``, so ``one on one`` becomes ``@one-on-one``. Any other
  ``@word`` in the text is a tag in jrnl too.
- Space at the start and end of the title and of the text is not kept (jrnl
  strips it); line breaks are written as ``\\n``.
- A title (or, without one, a first line) that ends with ``*`` marks a
  starred entry in jrnl, which drops the asterisks and space at either end.
- jrnl keeps only one of two entries with the same minute, title and text.

Ratings, advice requests and ids have no place in jrnl's journal.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TextIO

from leaderjournal.exchange.jrnl_export import TAG_SYMBOL, reported_rows
from leaderjournal.storage.entries import EntryRepository

if TYPE_CHECKING:
    from leaderjournal.exchange.export import ExportOptions

#: jrnl's tags as it finds them in an entry's text (Entry.tag_regex, "@").
JRNL_TAG = re.compile(rf"(?<!\S)([{TAG_SYMBOL}][-+*#/\w]+)")

#: A line jrnl may take as a new entry's date line (Journal._parse: the
#: bracket may close on a later line).
DATE_LINE = re.compile(r"^(?=\[[^\]]+\] )", re.MULTILINE)

#: What a jrnl tag cannot hold (anything but letters, digits, - + * # /).
NOT_IN_TAG = re.compile(r"[^-+*#/\w]+")


def jrnl_tag(tag: str) -> str:
    """A tag as one jrnl ``@word``."""
    return TAG_SYMBOL + (NOT_IN_TAG.sub("-", tag).strip("-") or "-")


def escape_date_lines(text: str) -> str:
    """A backslash before each line jrnl could read as a new entry's date."""
    return DATE_LINE.sub(r"\\", text)


def jrnl_text_entry(date_time: str, title: str, text: str, tags: Iterable[str]) -> str:
    """One entry as jrnl writes it: date line, body, a final line break."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    title = title.strip()
    if not title:
        title, _, text = text.partition("\n")
        title, text = title.strip(), text.strip()
    body = escape_date_lines(text)
    found = {tag.lower() for tag in JRNL_TAG.findall(f"{title}\n{body}")}
    missing = list(dict.fromkeys(jrnl_tag(tag) for tag in tags))
    missing = [tag for tag in missing if tag.lower() not in found]
    if missing:
        line = " ".join(missing)
        if not title:
            title = line
        else:
            body = f"{body}\n\n{line}" if body else line
    head = f"[{date_time}] {title}"
    return f"{head}\n{body}\n" if body else f"{head}\n"


def jrnl_text_row(row: tuple[Any, ...]) -> str:
    """An export row (see EXPORT_COLUMNS) as one entry of a jrnl journal."""
    _id, day, created, _updated, title, text = row[:6]
    tags = row[-1]
    # "2026-03-02T09:05:00+01:00": the time as the clock then showed it.
    when = f"{day} {created[11:16]}"
    return jrnl_text_entry(
        when, title or "", text or "", tags.split(";") if tags else ()
    )


def write_jrnl_text(
    entries: EntryRepository,
    out: TextIO,
    options: ExportOptions,
    progress: Callable[[int, int], bool | None] | None = None,
) -> int:
    """Write the entries as a jrnl journal file; returns the number written."""
    written = 0
    with contextlib.closing(reported_rows(entries, options, progress)) as rows:
        for row in rows:
            # jrnl joins its entries with a line break: a blank line between.
            out.write(("\n" if written else "") + jrnl_text_row(row))
            written += 1
    return written
