"""Dates between Python and Qt, and a date written out for people."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def long_date(day: dt.date) -> str:
    """ "Sunday, 29 November 2026": unambiguous in every locale's order."""
    return f"{day:%A}, {day.day} {day:%B %Y}"
