"""The five contrasts between managing and leading, in one place.

Keys are stable identifiers shared by the database, the CSV files and the
code. Everything else here is what a person reads, and may be reworded or
translated without touching stored data.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The rating scale, lowest (most managing) first.
SCALE: tuple[int, ...] = (-2, -1, 0, 1, 2)

#: A short label for each point of the scale, the same for every dimension.
SCALE_LABELS: dict[int, str] = {
    -2: "Strongly managing",
    -1: "Leaning managing",
    0: "Both in balance",
    1: "Leaning leading",
    2: "Strongly leading",
}

NOT_RATED_LABEL = "Not rated"


@dataclass(frozen=True)
class Dimension:
    """One contrast: a managing pole (rated negative) and a leading pole."""

    key: str
    managing: str
    leading: str
    managing_meaning: str
    leading_meaning: str
    question: str
    points: dict[int, str]
    suggestion: str

    @property
    def name(self) -> str:
        return f"{self.managing} \u2194 {self.leading}"

    def describe(self, rating: int | None) -> str:
        """What a rating means on this dimension, in a sentence."""
        if rating is None:
            return "Not rated: this did not come up today."
        return self.points[rating]


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        key="influence",
        managing="Power",
        leading="Influence",
        managing_meaning=(
            "Things got done because of my position: I assigned, controlled "
            "and checked reports."
        ),
        leading_meaning=(
            "Things got done because people were moved by my enthusiasm and my reasons."
        ),
        question="Did things move because of my position, or because people "
        "were convinced?",
        points={
            -2: "Work moved because I assigned it and checked on it; my role "
            "carried it.",
            -1: "Mostly my position got things done, with some persuasion "
            "along the way.",
            0: "Position and persuasion carried about equal weight.",
            1: "Mostly people acted because my reasons made sense to them.",
            2: "People acted because they shared the enthusiasm; my title "
            "hardly mattered.",
        },
        suggestion="Next week, before assigning one task, explain why it "
        "matters and let the team say how they would tackle it.",
    ),
    Dimension(
        key="followers",
        managing="Subordinates",
        leading="Followers",
        managing_meaning=("People did what I said because they report to me."),
        leading_meaning=("People sought my view because they trust and respect it."),
        question="Did people follow me because they report to me, or because "
        "they wanted my view?",
        points={
            -2: "People did what I said because I am their manager.",
            -1: "Mostly the reporting line set what happened; a few wanted my view.",
            0: "Some followed the reporting line, some came for my view.",
            1: "Mostly people looked for my view because they value it.",
            2: "People sought me out because they trust my judgement, "
            "reporting line or not.",
        },
        suggestion="Next week, ask one person outside your reporting line "
        "what they are working on and offer help without being asked.",
    ),
    Dimension(
        key="growth",
        managing="Failure",
        leading="Growth",
        managing_meaning=("A setback was a failure to contain; I held to the rules."),
        leading_meaning=(
            "A setback, such as critical feedback from another team, became "
            "a chance to review and improve how we work."
        ),
        question="When something went wrong, did I contain it, or use it to "
        "improve how we work?",
        points={
            -2: "A setback was a failure to contain; I held firmly to the rules.",
            -1: "Mostly I contained the problem; we learned a little from it.",
            0: "I contained the problem and also looked at what to change.",
            1: "Mostly the setback became a review of how we work.",
            2: "The setback became an open chance to learn and improve together.",
        },
        suggestion="Next week, take one setback or piece of critical feedback "
        "into a short, blame-free review of how the team works.",
    ),
    Dimension(
        key="relationship",
        managing="System",
        leading="Relationship",
        managing_meaning=(
            "I worked on metrics, analytics and the system that drives people."
        ),
        leading_meaning="I worked on people: relationships and trust.",
        question="Did I spend my attention on the system and its numbers, or "
        "on people and trust?",
        points={
            -2: "My attention went to metrics, dashboards and processes.",
            -1: "Mostly the system, with a little time for people.",
            0: "The system and the people got about equal attention.",
            1: "Mostly people: conversations, trust, how they are doing.",
            2: "My attention went to relationships and trust.",
        },
        suggestion="Next week, book one unhurried conversation that has no "
        "agenda other than how the other person is doing.",
    ),
    Dimension(
        key="mentor",
        managing="Director",
        leading="Mentor",
        managing_meaning=(
            "I set the indicators, split the work and fixed how tasks are done."
        ),
        leading_meaning=("I coached, listened, and let people decide for themselves."),
        question="Did I decide how the work is done, or help people decide "
        "for themselves?",
        points={
            -2: "I set the targets, split the work and fixed how it is done.",
            -1: "Mostly I directed, with some room for people's own choices.",
            0: "I directed some things and coached on others.",
            1: "Mostly I listened and asked questions; people chose the how.",
            2: "I coached and listened; people decided for themselves.",
        },
        suggestion="Next week, when someone brings you a problem, ask two "
        "questions before offering any answer.",
    ),
)

DIMENSION_KEYS: tuple[str, ...] = tuple(d.key for d in DIMENSIONS)

#: Keys an earlier version used, and the key each became. Every key names
#: the leading pole, so that ``influence = 2`` reads as "strongly Influence";
#: the first version called that dimension ``power``. Journals from before
#: the rename and CSV files exported by them still use the old key.
FORMER_KEYS: dict[str, str] = {"power": "influence"}

#: The key of the overall target lean; the other targets use dimension keys.
OVERALL = "overall"

_BY_KEY = {d.key: d for d in DIMENSIONS}


def dimension(key: str) -> Dimension:
    """The dimension with this key (or a former key of it); KeyError for an
    unknown key."""
    return _BY_KEY[FORMER_KEYS.get(key, key)]


def rating_label(rating: int | None) -> str:
    """The scale's word for a rating, e.g. "Leaning leading"."""
    return NOT_RATED_LABEL if rating is None else SCALE_LABELS[rating]
