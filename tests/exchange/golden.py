"""A fixed journal for the exchange tests, written as code.

Seventeen entries in five ISO weeks, with 2026-W11 and 2027-W02..W04 left
empty:

- 2026-W10 (2026-03-02..08): two entries on Monday, one unrated, one all zeros.
- 2026-W12 (2026-03-16..22): risky titles ("-5 people", "@channel"), a Sunday.
- 2026-W53 (2026-12-28..2027-01-03): the week that crosses the year boundary,
  with three entries on New Year's Eve written in different time zones and
  stored out of order (by text their times sort differently than by instant).
- 2027-W01 (2027-01-04..10): pooled lean 50 x 1/8 = 6.25, a half to round.
- 2027-W05 (2027-02-01..07): one unrated entry only, so every lean is empty.

The leans of every week are worked out by hand in test_export.py.
"""

from __future__ import annotations

import datetime as dt
import uuid

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal

_NAMESPACE = uuid.UUID("5f1c2a64-2a9e-4c1e-9d0e-6c7f1b2a3d4e")


def golden_id(number: int) -> str:
    """The fixed id of golden entry ``number`` (1..17)."""
    return str(uuid.uuid5(_NAMESPACE, f"golden-{number}"))


def _entry(
    number: int,
    on: str,
    created: str,
    *,
    updated: str | None = None,
    title: str = "",
    text: str = "",
    ratings: dict[str, int] | None = None,
    advice: int = 0,
    tags: tuple[str, ...] = (),
) -> Entry:
    return Entry(
        id=golden_id(number),
        date=dt.date.fromisoformat(on),
        created_at=dt.datetime.fromisoformat(created),
        updated_at=dt.datetime.fromisoformat(updated or created),
        title=title,
        text=text,
        ratings=ratings or {},
        advice_requests=advice,
        tags=tags,
    )


def golden_entries() -> list[Entry]:
    """The golden entries, in the (scrambled) order they are stored."""
    return [
        # -- 2026-W10 ---------------------------------------------------------
        _entry(
            2,
            "2026-03-02",
            "2026-03-02T17:30:00+01:00",
            updated="2026-03-03T08:00:00+01:00",
            title="=SUM(A1)",
            text="Ran the weekly numbers, then asked the team what they saw.",
            ratings={
                "influence": 1,
                "followers": 1,
                "growth": 1,
                "relationship": 1,
                "mentor": 0,
            },
        ),
        _entry(
            1,
            "2026-03-02",
            "2026-03-02T09:00:00+01:00",
            title="Monday planning",
            text='Assigned the sprint; "because I said so", mostly.\nThen a 1:1.',
            ratings={"influence": 2, "followers": -1},
            advice=1,
            tags=("planning",),
        ),
        _entry(
            3,
            "2026-03-04",
            "2026-03-04T20:15:00-05:00",
            title="Unrated day",
            text="Travel. Three people called for advice anyway.",
            advice=3,
            tags=("1:1", "coaching"),
        ),
        _entry(
            4,
            "2026-03-06",
            "2026-03-06T18:00:00+00:00",
            title="Balanced",
            text="",
            ratings=dict.fromkeys(
                ("influence", "followers", "growth", "relationship", "mentor"), 0
            ),
        ),
        # -- 2026-W12 ---------------------------------------------------------
        _entry(
            5,
            "2026-03-16",
            "2026-03-16T10:00:00+01:00",
            title="-5 people quit",
            text="+ a reorg.\r\nHeld to the rules; checked every report.",
            ratings={
                "influence": -2,
                "followers": -2,
                "growth": -1,
                "relationship": -2,
                "mentor": -1,
            },
            tags=("hard week", "reorg"),
        ),
        _entry(
            6,
            "2026-03-16",
            "2026-03-16T16:45:00+01:00",
            title="Retro",
            text="Turned the incident into a review of how we work.",
            ratings={"growth": 2},
            advice=2,
        ),
        _entry(
            7,
            "2026-03-19",
            "2026-03-19T12:00:00+05:30",
            title="@channel",
            text="Dashboards all morning, coaching in the afternoon.",
            ratings={"relationship": -1, "mentor": 1},
            tags=("-metrics",),
        ),
        _entry(
            8,
            "2026-03-22",
            "2026-03-22T21:00:00+01:00",
            title="Sunday note",
            text="'quoted' thoughts, nothing to rate",
        ),
        # -- 2026-W53, across the year boundary -------------------------------
        _entry(
            9,
            "2026-12-28",
            "2026-12-28T09:00:00+01:00",
            title="Year-end 1:1s",
            text="Listened more than I talked.",
            ratings={"influence": 1, "followers": 2, "mentor": 2},
            advice=4,
            tags=("1:1",),
        ),
        # Stored in this order; by instant they are 11 (06:30Z), 10 (08:00Z),
        # 12 (23:00Z), while as text 10 ("08:00") < 11 ("12:00") < 12 ("18:00")
        # would put 10 first.
        _entry(
            12,
            "2026-12-31",
            "2026-12-31T18:00:00-05:00",
            title="New Year's Eve, late",
            text="Nothing to rate;\nwrote anyway.",
            advice=2,
        ),
        _entry(
            10,
            "2026-12-31",
            "2026-12-31T08:00:00+00:00",
            title="+1 for the team",
            text="Critical feedback from ops became our next experiment.",
            ratings={"growth": 1},
            advice=1,
        ),
        _entry(
            11,
            "2026-12-31",
            "2026-12-31T12:00:00+05:30",
            updated="2027-01-01T00:30:00+05:30",
            title="Targets for next year",
            text="Set every indicator myself.",
            ratings={"relationship": 0, "mentor": -1},
            tags=("planning", "metrics"),
        ),
        _entry(
            13,
            "2027-01-02",
            "2027-01-02T11:00:00+01:00",
            title="Saturday call",
            text="They asked for my view, not my approval.",
            ratings={"influence": -1, "followers": 1, "growth": 2, "relationship": 1},
        ),
        _entry(
            14,
            "2027-01-03",
            "2027-01-03T19:00:00+01:00",
            title="Sunday coaching",
            text="\tLet her decide.",
            ratings={"mentor": 2},
            advice=1,
            tags=("coaching",),
        ),
        # -- 2027-W01 ---------------------------------------------------------
        _entry(
            15,
            "2027-01-05",
            "2027-01-05T09:30:00+01:00",
            title="Back to work",
            text="Mixed day.",
            ratings={
                "influence": 1,
                "followers": 0,
                "growth": -1,
                "relationship": 1,
                "mentor": 0,
            },
        ),
        _entry(
            16,
            "2027-01-07",
            "2027-01-07T17:00:00+01:00",
            title="Thursday",
            text="",
            ratings={"influence": 0, "followers": -1, "growth": 1},
        ),
        # -- 2027-W05: unrated only -------------------------------------------
        _entry(
            17,
            "2027-02-01",
            "2027-02-01T08:00:00+01:00",
            title="Just notes",
            text="Nothing came up.",
        ),
    ]


def add_golden(journal: Journal) -> list[Entry]:
    """Add the golden entries to ``journal``; returns them in date order."""
    entries = golden_entries()
    for entry in entries:
        journal.entries.add(entry)
    return sorted(entries, key=lambda e: (e.date, e.created_at))


def golden_in_date_order() -> list[Entry]:
    """The golden entries as ``add_golden`` returns them."""
    return sorted(golden_entries(), key=lambda e: (e.date, e.created_at))
