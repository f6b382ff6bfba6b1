"""One row of the entries format: its cells read into an Entry.

Each value is parsed as the export writes it and then checked against the
limits by the domain's own checks, so a file is refused for exactly what the
journal cannot hold. Every reason a row is bad is collected, in words.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Mapping

from leaderjournal.domain.dimensions import DIMENSION_KEYS, SCALE
from leaderjournal.domain.entry import Entry, InvalidEntryError
from leaderjournal.domain.limits import (
    ADVICE_MAX,
    check_advice,
    check_stamp,
    check_tags,
    check_text,
    check_title,
    shown,
)
from leaderjournal.exchange.csv_format import unprotect, unprotect_tags

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: An id as LeaderJournal writes it, which uuid.UUID would give back unchanged.
_CANONICAL_ID = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
)
#: Rating cells as exported; any other spelling ("+1", " 02") is parsed.
_RATING_CELLS = {str(point): point for point in SCALE}
#: Advice cells read as numbers: plain digits, few enough to be cheap to read
#: (longer ones are refused by check_advice as text, with the cell shown).
_ADVICE_CELL = re.compile(f"[0-9]{{1,{len(str(ADVICE_MAX)) + 1}}}")
_EXAMPLE_STAMP = "2026-11-29T18:42:00+01:00"


class RowReader:
    """Turns the cells of one row into an Entry, collecting every reason."""

    def __init__(self, at: dt.datetime, named: Mapping[str, str] | None = None) -> None:
        self.at = at
        self.reasons: list[str] = []
        #: The file's name of a column an older version named otherwise
        #: ("power" for influence), so that a reason names the column it has.
        self.named = named or {}

    def entry(self, cells: dict[str, str]) -> Entry | None:
        fields = {
            "id": self._id(cells["id"]),
            "date": self._date(cells["date"]),
            "created_at": self._stamp("created_at", cells["created_at"]),
            "updated_at": self._stamp("updated_at", cells["updated_at"]),
            "title": unprotect(cells["title"]),
            "text": unprotect(cells["text"]),
            "ratings": {
                k: self._rating(self.named.get(k, k), cells[k]) for k in DIMENSION_KEYS
            },
            "advice_requests": self._advice(cells["advice_requests"]),
            "tags": unprotect_tags(cells["tags"]),
        }
        if "," in cells["tags"]:
            # Entry lets a journal keep an older version's tag with a comma;
            # a new one is refused where it comes in.
            self._checked(check_tags, fields["tags"])
        if not self.reasons:
            # The usual row: Entry checks every limit, once.
            try:
                return Entry(**fields)  # type: ignore[arg-type]
            except InvalidEntryError as exc:
                refused = exc.reason
        else:
            refused = None
        # A bad row: list every value outside the limits, not just the first.
        found = len(self.reasons)
        self._checked(check_title, fields["title"])
        self._checked(check_text, fields["text"])
        self._checked(check_tags, fields["tags"])
        for column in ("created_at", "updated_at"):
            if fields[column] is not None:
                self._checked(check_stamp, fields[column], column)
        if fields["advice_requests"] is not None:
            self._checked(check_advice, fields["advice_requests"])
        if refused is not None and len(self.reasons) == found:
            self.reasons.append(refused)
        return None

    def _checked(self, check: Callable[..., object], *args: object) -> None:
        try:
            check(*args)
        except InvalidEntryError as exc:
            if exc.reason not in self.reasons:
                self.reasons.append(exc.reason)

    def _id(self, cell: str) -> str:
        cell = cell.strip()
        if not cell:
            return str(uuid.uuid4())
        if _CANONICAL_ID.fullmatch(cell):
            return cell
        try:
            return str(uuid.UUID(cell))
        except ValueError:
            self.reasons.append(
                f"the id {shown(cell)} is not a UUID "
                "(like 1b4e28ba-2fa1-41d2-883f-0016d3cca427); leave it empty "
                "for a new entry"
            )
            return ""

    def _date(self, cell: str) -> dt.date | None:
        cell = cell.strip()
        try:
            if _DATE.fullmatch(cell):
                return dt.date.fromisoformat(cell)
        except ValueError:
            self.reasons.append(f"the date {shown(cell)} does not exist")
            return None
        self.reasons.append(
            f"the date {shown(cell)} is not a date written as YYYY-MM-DD"
        )
        return None

    def _stamp(self, column: str, cell: str) -> dt.datetime | None:
        cell = cell.strip()
        if not cell:
            return self.at
        try:
            stamp = dt.datetime.fromisoformat(cell)
        except ValueError:
            self.reasons.append(
                f"the {column} time {shown(cell)} is not a date and time like "
                f"{_EXAMPLE_STAMP}"
            )
            return None
        if stamp.tzinfo is None:
            # A time without its UTC offset is taken as this computer's
            # local time - if this computer can place it at all.
            try:
                stamp = stamp.astimezone()
            except (OverflowError, OSError, ValueError):
                self.reasons.append(
                    f"the {column} time {shown(cell)} has no UTC offset, and this "
                    "computer cannot place it in its time zone; write it with one, "
                    f"like {_EXAMPLE_STAMP}"
                )
                return None
        # The journal keeps whole seconds, so a re-import compares equal.
        return stamp.replace(microsecond=0) if stamp.microsecond else stamp

    def _rating(self, column: str, cell: str) -> int | None:
        if cell in _RATING_CELLS:
            return _RATING_CELLS[cell]
        cell = cell.strip()
        if not cell:
            return None
        value = int(cell) if re.fullmatch("[+-]?[0-9]{1,3}", cell) else None
        if value is None or value not in SCALE:
            self.reasons.append(
                f"{column} is {shown(cell)}; a rating must be -2, -1, 0, 1, 2, "
                "or empty for not rated"
            )
            return None
        return value

    def _advice(self, cell: str) -> int | str:
        cell = cell.strip()
        if not cell:
            return 0
        # Digits are read as a number; anything else is left as the text it is
        # for the check to refuse, so that the message shows the cell.
        return int(cell) if _ADVICE_CELL.fullmatch(cell) else cell
