"""Telling the person's edits from what the entry form merely shows: a
field still showing the stored value keeps that value exactly."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from leaderjournal.domain.entry import Entry, parse_tags


@dataclass(frozen=True)
class Shown:
    """What the fields show: title, text, advice and tags as typed.

    Kept from the last load or save, to tell an edit from a value the
    widget merely shows differently (QPlainTextEdit gives every line break
    back as "\\n", for one)."""

    title: str = ""
    text: str = ""
    advice: int = 0
    tags: str = ""


def keep_line_breaks(stored: str, typed: str) -> str:
    """``typed`` (the editor gives "\\n") with the line breaks ``stored`` used
    throughout, if it used only "\\r\\n" or only "\\r": editing a Windows
    text keeps it a Windows text."""
    if "\r" not in stored or "\n" not in typed:
        return typed
    windows = stored.count("\r\n")
    old_mac = stored.count("\r") - windows
    unix = stored.count("\n") - windows
    if windows and not old_mac and not unix:
        return typed.replace("\n", "\r\n")
    if old_mac and not windows and not unix:
        return typed.replace("\n", "\r")
    return typed


def edited_entry(
    entry: Entry, shown: Shown, typed: Shown, ratings: Mapping[str, int | None]
) -> Entry:
    """``entry`` with the values ``typed`` (same id and dates).

    A field whose typed value is still the one ``shown`` keeps ``entry``'s
    value exactly: the editor never changes a value it only displayed.
    """
    return Entry(
        id=entry.id,
        date=entry.date,
        created_at=entry.created_at,
        updated_at=entry.updated_at,
        title=entry.title if typed.title == shown.title else typed.title,
        text=entry.text
        if typed.text == shown.text
        else keep_line_breaks(entry.text, typed.text),
        ratings=ratings,
        advice_requests=(
            entry.advice_requests if typed.advice == shown.advice else typed.advice
        ),
        tags=entry.tags if typed.tags == shown.tags else parse_tags(typed.tags),
    )
