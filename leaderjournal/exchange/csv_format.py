"""The CSV formats of DESIGN.md: column names and spreadsheet safety."""

from __future__ import annotations

import re

from leaderjournal.domain.dimensions import DIMENSION_KEYS

ENTRY_COLUMNS: tuple[str, ...] = (
    "id",
    "date",
    "created_at",
    "updated_at",
    "title",
    "text",
    *DIMENSION_KEYS,
    "lean",
    "advice_requests",
    "tags",
)

WEEK_COLUMNS: tuple[str, ...] = (
    "week",
    "start_date",
    "end_date",
    "entries",
    "days_journaled",
    "lean",
    *DIMENSION_KEYS,
    "advice_requests",
)

#: Weekly reviews: what the person wrote, one row per week that has some.
REVIEW_COLUMNS: tuple[str, ...] = (
    "week",
    "reflection",
    "intention",
    "last_intention_kept",
)

#: How ``last_intention_kept`` reads: kept, not kept, or not said.
KEPT_CELLS = {True: "yes", False: "no", None: ""}

TAG_SEPARATOR = ";"

#: A cell starting with one of these would be run by a spreadsheet as a
#: formula (or, for "'", lose its first character there).
_RISKY_START = ("=", "+", "-", "@", "\t", "\r", "'")
#: Where a spreadsheet that splits on ";" or tab (not ",") starts a new cell
#: inside one of ours: after that separator, and after a line break. A tags
#: cell is "a;b", so each tag after the first starts such a cell.
_CELL_BREAKS = ";\t\r\n"
_RISKY = "".join(_RISKY_START)
# Each starts with its break, which lets re skip quickly to the next one.
_INNER_RISK = re.compile(f"[{re.escape(_CELL_BREAKS)}](?=[{re.escape(_RISKY)}])")
_INNER_GUARD = re.compile(f"[{re.escape(_CELL_BREAKS)}]'")


def _add_quote(match: re.Match[str]) -> str:
    return match.group() + "'"


def _drop_quote(match: re.Match[str]) -> str:
    return match.group()[0]


def protect(text: str) -> str:
    """A text cell that no spreadsheet evaluates, whether it splits on ",",
    ";" or tab: the cell, and each part of it after a ";", tab or line break,
    that would start with a risky character gets one "'" before it."""
    guarded = _INNER_RISK.sub(_add_quote, text)
    return "'" + guarded if text.startswith(_RISKY_START) else guarded


def unprotect(cell: str) -> str:
    """Undo :func:`protect`: remove exactly one leading "'" from the cell and
    from each part after a ";", tab or line break."""
    cell = cell[1:] if cell.startswith("'") else cell
    return _INNER_GUARD.sub(_drop_quote, cell) if "'" in cell else cell


def protect_tags(tags: str) -> str:
    """The tags cell ("a;b"): each tag guarded as a cell of its own."""
    return protect(tags)


def unprotect_tags(cell: str) -> list[str]:
    """The tags of a tags cell, each with exactly one leading "'" removed."""
    if not cell:
        return []
    return [
        tag[1:] if tag.startswith("'") else tag for tag in cell.split(TAG_SEPARATOR)
    ]
