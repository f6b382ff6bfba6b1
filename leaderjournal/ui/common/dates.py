"""A date written out for people.

Between Python and Qt, use PySide6's own conversions: ``QDate(day)`` and
``qdate.toPython()``, ``QTime(time)`` and ``qtime.toPython()`` (through
:func:`py_date` and :func:`py_time`, which say what those return).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime


def py_date(value: QDate) -> dt.date:
    """``value.toPython()``, typed: PySide6's stubs only promise an object."""
    day = value.toPython()
    if not isinstance(day, dt.date):
        raise TypeError(f"QDate.toPython() gave {type(day).__name__}")
    return day


def py_time(value: QTime) -> dt.time:
    """``value.toPython()``, typed: PySide6's stubs only promise an object."""
    time = value.toPython()
    if not isinstance(time, dt.time):
        raise TypeError(f"QTime.toPython() gave {type(time).__name__}")
    return time


def long_date(day: dt.date) -> str:
    """ "Sunday, 29 November 2026": unambiguous in every locale's order."""
    return f"{day:%A}, {day.day} {day:%B %Y}"
