"""What a journal can hold: the one table of limits (DESIGN.md, "Limits").

The editor, import and restore all check against these numbers, so a value
that one of them accepts the others accept too, and export -> import is
lossless for every value inside them.
"""

from __future__ import annotations

import datetime as dt

from leaderjournal.domain.dimensions import SCALE

#: The days a journal can hold.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)

#: Years allowed in ``created_at`` / ``updated_at`` (which carry a UTC offset).
EARLIEST_YEAR = EARLIEST_DATE.year
LATEST_YEAR = LATEST_DATE.year
#: The largest UTC offset a time may carry (UTC+14:00 is the furthest zone).
MAX_UTC_OFFSET = dt.timedelta(hours=14)

#: A title is one line of at most this many characters.
TITLE_MAX = 500
#: An entry's text is at most this many characters.
TEXT_MAX = 1_000_000

#: Ratings: the scale's ends, or None for "not rated".
RATING_MIN, RATING_MAX = SCALE[0], SCALE[-1]

#: Advice requests per entry.
ADVICE_MIN, ADVICE_MAX = 0, 9999

#: Tags per entry, and characters per tag.
TAGS_MAX = 30
TAG_MAX_LENGTH = 60
#: Characters a tag may not contain: "," separates tags where they are typed,
#: ";" in the CSV format; tabs and line breaks would break both.
TAG_FORBIDDEN = (",", ";", "\t", "\n", "\r")
