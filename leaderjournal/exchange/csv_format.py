"""The CSV formats of DESIGN.md: column names and spreadsheet safety."""

from __future__ import annotations

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

TAG_SEPARATOR = ";"

#: A cell starting with one of these would be run by a spreadsheet as a
#: formula (or, for "'", lose its first character there).
_RISKY_START = ("=", "+", "-", "@", "\t", "\r", "'")


def protect(text: str) -> str:
    """A text cell that no spreadsheet evaluates: risky starts get one "'"."""
    return "'" + text if text.startswith(_RISKY_START) else text


def unprotect(cell: str) -> str:
    """Undo :func:`protect`: remove exactly one leading "'"."""
    return cell[1:] if cell.startswith("'") else cell
