"""A sample journal: a few months of realistic entries to explore the app with.

Deterministic from a seed, so the first-run sample and the README's
screenshots always show the same journal. Each week has a review written
too, so that the weekly review can be seen whole. Plain Python: the caller decides
where (always a temporary folder, never the person's own journal).
"""

from __future__ import annotations

import datetime as dt
import math
import random

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import Entry
from leaderjournal.domain.review import WeekNotes
from leaderjournal.domain.scoring import iso_week_id, pooled_lean

SITUATIONS: list[tuple[str, str, dict[str, int], tuple[str, ...]]] = [
    (
        "1:1 with Priya",
        "Priya brought the migration plan. I asked what worried her most and "
        "delegated the order of the work to her.",
        {"mentor": 2, "followers": 1, "relationship": 1},
        ("1:1",),
    ),
    (
        "Outage on the payments service",
        "Held everyone to the runbook, assigned owners for each step and "
        "checked in every half hour until it was stable.",
        {"influence": -2, "growth": -1, "mentor": -1},
        ("crisis",),
    ),
    (
        "Quarterly targets",
        "Set the indicators for next quarter and split the work between the "
        "two squads. Fixed the review cadence myself.",
        {"mentor": -2, "relationship": -1, "influence": -1},
        ("planning",),
    ),
    (
        "Retro after critical feedback",
        "The platform team said our releases break their dashboards. We turned "
        "it into a blameless review of how we ship.",
        {"growth": 2, "followers": 1},
        ("review",),
    ),
    (
        "Onboarding Omar",
        "Walked Omar through the codebase and told him exactly how we want "
        "pull requests written.",
        {"mentor": -1, "influence": -1},
        ("new-hire",),
    ),
    (
        "Coffee with the design lead",
        "No agenda: talked about how her team is doing and what trust between "
        "our teams would look like.",
        {"relationship": 2, "followers": 1},
        ("1:1",),
    ),
    (
        "Hiring debrief",
        "Shared my reasons for the hire, then delegated the decision to the "
        "panel; they came round to the same view in their own way.",
        {"influence": 1, "followers": 1, "mentor": 1},
        ("hiring",),
    ),
    (
        "Metrics review",
        "Spent the afternoon on the delivery dashboard and the alerting thresholds.",
        {"relationship": -2},
        (),
    ),
]


def sample_entries(
    today: dt.date, days: int = 120, seed: int = 20261129
) -> list[Entry]:
    """About ``days`` days of entries ending today, with a slow drift in lean."""
    rng = random.Random(seed)
    entries: list[Entry] = []
    for back in range(days, -1, -1):
        day = today - dt.timedelta(days=back)
        if day.weekday() >= 5 and rng.random() < 0.8:
            continue  # mostly quiet weekends
        if rng.random() < 0.12:
            continue  # and some days without an entry
        drift = math.sin(back / 25)  # weeks leaning one way, then the other
        for _ in range(rng.choice((1, 1, 1, 2))):
            entries.append(_entry(rng, day, drift))
    return entries


def _entry(rng: random.Random, day: dt.date, drift: float) -> Entry:
    title, text, base, tags = rng.choice(SITUATIONS)
    ratings: dict[str, int | None] = dict.fromkeys(DIMENSION_KEYS)
    for key, value in base.items():
        nudged = round(value + drift * rng.random())
        ratings[key] = max(-2, min(2, nudged))
    if rng.random() < 0.3:
        extra = rng.choice(DIMENSION_KEYS)
        if ratings[extra] is None:
            ratings[extra] = rng.choice((-1, 0, 0, 1))
    at = dt.datetime.combine(day, dt.time(rng.randint(8, 19), rng.randint(0, 59)))
    return Entry.new(
        day,
        at=at.astimezone(),
        title=title,
        text=text,
        ratings=ratings,
        advice_requests=rng.choice((0, 0, 1, 1, 2, 3)),
        tags=tags,
    )


#: What a week's reflection might say, by which way the week leaned.
REFLECTIONS: dict[str, tuple[str, ...]] = {
    "managing": (
        "A week of firefighting: I assigned and checked more than I listened. "
        "It kept the service up; the team had little room to decide.",
        "Planning took most of the week. The targets are clear, but I set "
        "them largely alone.",
        "After the outage I held everyone to the process. Needed, though I "
        "did most of the talking.",
    ),
    "leading": (
        "More coaching than directing this week. Priya and Omar made the "
        "calls, and they were good ones.",
        "People came to me for advice more often. The platform team's "
        "feedback turned into a better way of shipping.",
        "I spent my time on people rather than dashboards, and it showed in "
        "the hiring debrief.",
    ),
    "balanced": (
        "A mix: some of the week needed structure and some needed room. "
        "This one needed both.",
        "Half the week on the quarter's numbers, half in 1:1s. Both were worth it.",
    ),
}

#: One intention for the next week, as a person might write it.
INTENTIONS: tuple[str, ...] = (
    "Ask one question before giving an answer in every 1:1.",
    "Let the squad choose how to split the next piece of work.",
    "Explain why before assigning anything new.",
    "Spend an hour with someone outside my reporting line.",
    "Keep one meeting free of status updates and use it for ideas.",
    "Note one thing I delegated and did not check on.",
)


def sample_reviews(entries: list[Entry], seed: int = 20261129) -> list[WeekNotes]:
    """A written review for every ISO week of ``entries``, oldest first.

    The reflection follows the way the week leaned; from the second week on,
    each says whether the week before's intention was kept.
    """
    rng = random.Random(seed)
    by_week: dict[str, list[Entry]] = {}
    for entry in entries:
        by_week.setdefault(iso_week_id(entry.date), []).append(entry)
    notes: list[WeekNotes] = []
    for index, week in enumerate(sorted(by_week)):
        value = pooled_lean(by_week[week])
        way = (
            "balanced"
            if value is None or abs(value) < 15
            else "managing"
            if value < 0
            else "leading"
        )
        notes.append(
            WeekNotes(
                week,
                reflection=rng.choice(REFLECTIONS[way]),
                intention=rng.choice(INTENTIONS),
                kept=None if index == 0 else rng.random() < 0.6,
            )
        )
    return notes
