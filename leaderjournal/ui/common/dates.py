"""A date written out for people.

Between Python and Qt, use PySide6's own conversions: ``QDate(day)`` and
``qdate.toPython()``, ``QTime(time)`` and ``qtime.toPython()``.
"""

from __future__ import annotations

import datetime as dt


def long_date(day: dt.date) -> str:
    """ "Sunday, 29 November 2026": unambiguous in every locale's order."""
    return f"{day:%A}, {day.day} {day:%B %Y}"
