"""The weekly review: figures and sentences, checked against a golden journal.

Every expected figure below is worked out by hand from the journal, with the
arithmetic in a comment: lean = 50 x (sum of ratings) / (number of ratings),
pooled over the period. Ratings are listed as influence, followers, growth,
relationship, mentor; "-" is not rated.
"""

import datetime as dt
import re
from fractions import Fraction

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.review import (
    TARGET_BAND,
    Extreme,
    WeekFigures,
    WeekNotes,
    observations,
    review_window,
    weekly_review,
)

UTC = dt.UTC
KEYS = ("influence", "followers", "growth", "relationship", "mentor")
NOTHING = dict.fromkeys(KEYS)

POWER_SUGGESTION = (
    "Next week, before assigning one task, explain why it matters and let the "
    "team say how they would tackle it."
)
FOLLOWERS_SUGGESTION = (
    "Next week, ask one person outside your reporting line what they are "
    "working on and offer help without being asked."
)


def entry(
    entry_id: str,
    on: str,
    *,
    hour: int = 20,
    advice: int = 0,
    title: str = "",
    text: str = "",
    written: str | None = None,
    **ratings: int,
) -> Entry:
    """An entry about day ``on``, written that day (or on ``written``) at ``hour``."""
    day = dt.date.fromisoformat(on)
    stamp_day = dt.date.fromisoformat(written) if written else day
    stamp = dt.datetime.combine(stamp_day, dt.time(hour), tzinfo=UTC)
    return Entry(
        id=entry_id,
        date=day,
        created_at=stamp,
        updated_at=stamp,
        title=title,
        text=text,
        ratings=ratings,
        advice_requests=advice,
    )


def dims(
    influence: Fraction | float | None,
    followers: Fraction | float | None,
    growth: Fraction | float | None,
    relationship: Fraction | float | None,
    mentor: Fraction | float | None,
) -> dict[str, Fraction | float | None]:
    return dict(
        zip(KEYS, (influence, followers, growth, relationship, mentor), strict=True)
    )


# -- the golden journal ----------------------------------------------------------
# 2026-W43 (Oct 19..25): far outside every window used below.
Z0 = entry("z0", "2026-10-19", advice=9, **dict.fromkeys(KEYS, -2))
# 2026-W47 (Nov 16..22): one entry, nothing rated.
H0 = entry("h0", "2026-11-18", advice=2, title="Budget round")
# 2026-W48 (Nov 23..29)
A1 = entry(  # -2 0 - - -1: sum -3 of 3, lean -50
    "a1",
    "2026-11-23",
    advice=1,
    title="Status meeting",
    text="I asked for the reports by Friday.",
    influence=-2,
    followers=0,
    mentor=-1,
)
A2 = entry(  # 1 - - - 1: sum 2 of 2, lean 50
    "a2", "2026-11-25", title="Pairing", text="Let Sam choose.", influence=1, mentor=1
)
# 2026-W49 (Nov 30..Dec 6)
B1 = entry("b1", "2026-12-01", advice=2, influence=2, followers=1, growth=0)  # 3 of 3
B2 = entry("b2", "2026-12-03", hour=8, advice=1, title="Offsite planning")  # unrated
B3 = entry("b3", "2026-12-03", hour=18, relationship=-1, mentor=0)  # -1 of 2
# 2026-W50 (Dec 7..13)
C1 = entry("c1", "2026-12-08", **dict.fromkeys(KEYS, -1))  # -5 of 5
C2 = entry("c2", "2026-12-10", advice=3, influence=1, mentor=2)  # 3 of 2
# 2026-W51 (Dec 14..20)
D1 = entry("d1", "2026-12-15", advice=1, influence=0, followers=0, growth=0)  # 0 of 3
D2 = entry("d2", "2026-12-17", growth=2, relationship=1)  # 3 of 2
# 2026-W52 (Dec 21..27)
E1 = entry(  # -2 -1 - - -2: sum -5 of 3, lean -250/3
    "e1",
    "2026-12-21",
    hour=9,
    title="Reorg announcement",
    text="Told the team the new structure and who reports to whom.",
    influence=-2,
    followers=-1,
    mentor=-2,
)
E2 = entry(  # 1 1 1 2 -: sum 5 of 4, lean 125/2
    "e2",
    "2026-12-22",
    hour=9,
    advice=2,
    influence=1,
    followers=1,
    growth=1,
    relationship=2,
)
E3 = entry("e3", "2026-12-22", hour=20, advice=1, title="Hallway chats")  # unrated
E4 = entry(  # - - - 2 2: sum 4 of 2, lean 100
    "e4", "2026-12-24", title="Christmas lunch", relationship=2, mentor=2
)
# 2026-W53 (Mon Dec 28 2026 .. Sun Jan 3 2027): the week crosses the year.
F1 = entry(  # -2 -1 - - -: sum -3 of 2, lean -75
    "f1",
    "2026-12-28",
    title="Year-end numbers",
    text="Went through\nevery   dashboard line by line.",
    influence=-2,
    followers=-1,
)
F2 = entry(  # - - 1 - 2: sum 3 of 2, lean 75
    "f2",
    "2026-12-31",
    advice=1,
    title="Retro",
    text="We reviewed the outage together.",
    growth=1,
    mentor=2,
)
F3 = entry(  # 1 - - 1 2: sum 4 of 3, lean 200/3
    "f3", "2027-01-02", advice=4, influence=1, relationship=1, mentor=2
)
# 2027-W01 (Jan 4..10)
G1 = entry("g1", "2027-01-04", **dict.fromkeys(KEYS, 0))  # 0 of 5, lean 0
G2 = entry(  # -2 - -1 - -: sum -3 of 2, lean -75
    "g2", "2027-01-06", advice=2, title="Escalation", influence=-2, growth=-1
)
G3 = entry("g3", "2027-01-08", title="Quiet day")  # unrated, alone on its day
# 2027-W02 (Jan 11..17): no entries.

JOURNAL = [Z0, H0, A1, A2, B1, B2, B3, C1, C2, D1, D2, E1, E2, E3, E4]
JOURNAL += [F1, F2, F3, G1, G2, G3]

# Week sums and counts used below (W47 has no ratings):
#   W48: -3 + 2 = -1 of 5      lean -10
#   W49: 3 + -1 = 2 of 5       lean 20
#   W50: -5 + 3 = -2 of 7      lean -100/7
#   W51: 0 + 3 = 3 of 5        lean 30
#   W52: -5 + 5 + 4 = 4 of 9   lean 200/9
#   W53: -3 + 3 + 4 = 4 of 7   lean 200/7
#   W01: 0 + -3 = -3 of 7      lean -150/7


def test_review_window_runs_from_monday_of_w_minus_4_to_sunday_of_w():
    assert review_window("2026-W53") == (dt.date(2026, 11, 30), dt.date(2027, 1, 3))
    assert review_window("2027-W01") == (dt.date(2026, 12, 7), dt.date(2027, 1, 10))


def test_a_malformed_week_id_is_refused():
    with pytest.raises(ValueError, match="ISO week"):
        weekly_review("2026-53", JOURNAL)


def test_a_normal_week_2026_w52():
    assert weekly_review("2026-W52", JOURNAL) == WeekFigures(
        week="2026-W52",
        start=dt.date(2026, 12, 21),
        end=dt.date(2026, 12, 27),
        entries=4,  # E1 E2 E3 E4 (E3 is not rated but is an entry)
        days_journaled=3,  # Dec 21, 22 (E2, E3), 24
        lean=Fraction(200, 9),  # 50 x 4/9 = 22.2
        last_week_lean=Fraction(30),  # W51: 50 x 3/5
        # W48..W51 pooled: (-1 + 2 - 2 + 3) of (5 + 5 + 7 + 5) = 2/22 -> 50 x 2/22
        baseline_lean=Fraction(50, 11),
        change_from_last_week=Fraction(-70, 9),  # 200/9 - 270/9
        change_from_baseline=Fraction(1750, 99),  # 2200/99 - 450/99
        dimensions=dims(
            -25,  # influence: E1 -2, E2 1 -> 50 x -1/2
            0,  # followers: E1 -1, E2 1 -> 0
            50,  # growth: E2 1
            100,  # relationship: E2 2, E4 2
            0,  # mentor: E1 -2, E4 2
        ),
        last_week_dimensions=dims(
            0,  # influence: D1 0 (0 is a rating)
            0,  # followers: D1 0
            50,  # growth: D1 0, D2 2 -> 50 x 2/2
            50,  # relationship: D2 1
            None,  # mentor: not rated in W51
        ),
        advice=3,  # 0 + 2 + 1 + 0
        last_week_advice=1,  # 1 + 0
        advice_change=2,  # 3 - 1
        most_managing=Extreme(
            "e1",
            dt.date(2026, 12, 21),
            "Reorg announcement",
            "Told the team the new structure and who reports to whom.",
            Fraction(-250, 3),  # 50 x -5/3
        ),
        # E4 100 beats E2 125/2; E4 has no text, so its title is quoted
        most_leading=Extreme(
            "e4", dt.date(2026, 12, 24), "Christmas lunch", "Christmas lunch", 100
        ),
        observations=(
            # changes: influence -25, followers 0, growth 0, relationship +50;
            # mentor was not rated last week
            "System \u2194 Relationship moved 50.0 points toward leading since "
            "last week (from +50.0 to +100.0).",
            # lowest: influence -25 (mentor 0 is not below zero)
            "Power \u2194 Influence leaned furthest toward managing this week "
            f"(-25.0). If that is more than you want: {POWER_SUGGESTION}",
        ),
    )


def test_2026_w53_crosses_the_year_and_its_baseline_is_december():
    assert weekly_review("2026-W53", JOURNAL, {"overall": 20.0}) == WeekFigures(
        week="2026-W53",
        start=dt.date(2026, 12, 28),
        end=dt.date(2027, 1, 3),
        entries=3,  # F1 (Dec 28), F2 (Dec 31), F3 (Jan 2)
        days_journaled=3,
        lean=Fraction(200, 7),  # 50 x 4/7 = 28.6
        last_week_lean=Fraction(200, 9),  # W52
        # W49..W52 pooled: (2 - 2 + 3 + 4) of (5 + 7 + 5 + 9) = 7/26 -> 350/26
        baseline_lean=Fraction(175, 13),
        change_from_last_week=Fraction(400, 63),  # 1800/63 - 1400/63
        change_from_baseline=Fraction(1375, 91),  # 2600/91 - 1225/91
        dimensions=dims(
            -25,  # influence: F1 -2, F3 1 -> 50 x -1/2
            -50,  # followers: F1 -1
            50,  # growth: F2 1
            50,  # relationship: F3 1
            100,  # mentor: F2 2, F3 2
        ),
        last_week_dimensions=dims(-25, 0, 50, 100, 0),  # W52, as above
        advice=5,  # 0 + 1 + 4
        last_week_advice=3,
        advice_change=2,
        most_managing=Extreme(
            "f1",
            dt.date(2026, 12, 28),
            "Year-end numbers",
            "Went through every dashboard line by line.",  # on one line
            -75,  # 50 x -3/2
        ),
        most_leading=Extreme(  # F2 75 beats F3 200/3
            "f2", dt.date(2026, 12, 31), "Retro", "We reviewed the outage together.", 75
        ),
        observations=(
            # changes: influence 0, followers -50, growth 0, relationship -50,
            # mentor +100
            "Director \u2194 Mentor moved 100.0 points toward leading since last "
            "week (from 0.0 to +100.0).",
            "Subordinates \u2194 Followers leaned furthest toward managing this "
            f"week (-50.0). If that is more than you want: {FOLLOWERS_SUGGESTION}",
            # 200/7 = 28.6 lies in 10..30
            "Your week lean of +28.6 is within your target band (+20.0 \u00b1 10).",
        ),
    )


def test_2027_w01_follows_w53_and_its_baseline_crosses_the_year():
    assert weekly_review("2027-W01", JOURNAL, {"overall": 20.0}) == WeekFigures(
        week="2027-W01",
        start=dt.date(2027, 1, 4),
        end=dt.date(2027, 1, 10),
        entries=3,  # G1 G2 G3
        days_journaled=3,  # Jan 4, 6, and 8 (G3, not rated, alone on its day)
        # 0 counts as a rating, not rated does not: G1's five 0s + G2's two
        lean=Fraction(-150, 7),  # 50 x -3/7 = -21.4
        last_week_lean=Fraction(200, 7),  # 2026-W53
        # 2026-W50..W53 pooled: (-2 + 3 + 4 + 4) of (7 + 5 + 9 + 7) = 9/28
        baseline_lean=Fraction(225, 14),  # 50 x 9/28 = 450/28
        change_from_last_week=Fraction(-50),  # -150/7 - 200/7 = -350/7
        change_from_baseline=Fraction(-75, 2),  # -300/14 - 225/14 = -525/14
        dimensions=dims(
            -50,  # influence: G1 0, G2 -2 -> 50 x -2/2
            0,  # followers: G1 0
            -25,  # growth: G1 0, G2 -1 -> 50 x -1/2
            0,  # relationship: G1 0
            0,  # mentor: G1 0
        ),
        last_week_dimensions=dims(-25, -50, 50, 50, 100),  # 2026-W53, as above
        advice=2,  # 0 + 2 + 0
        last_week_advice=5,
        advice_change=-3,  # 2 - 5
        most_managing=Extreme(
            "g2", dt.date(2027, 1, 6), "Escalation", "Escalation", -75
        ),
        most_leading=None,  # G1's lean is 0, which is not above 0
        observations=(
            # changes: influence -25, followers +50, growth -75, relationship -50,
            # mentor -100
            "Director \u2194 Mentor moved 100.0 points toward managing since last "
            "week (from +100.0 to 0.0).",
            "Power \u2194 Influence leaned furthest toward managing this week "
            f"(-50.0). If that is more than you want: {POWER_SUGGESTION}",
            # band 10..30; 10 - (-150/7) = 220/7 = 31.4
            "Your week lean of -21.4 is 31.4 points below your target band "
            "(+20.0 \u00b1 10).",
        ),
    )


def test_a_week_with_no_entries_still_shows_last_week():
    figures = weekly_review("2027-W02", JOURNAL, {"overall": 20.0, "influence": 0.0})
    assert figures.is_empty
    assert figures == WeekFigures(
        week="2027-W02",
        start=dt.date(2027, 1, 11),
        end=dt.date(2027, 1, 17),
        entries=0,
        days_journaled=0,
        lean=None,
        last_week_lean=Fraction(-150, 7),  # 2027-W01
        # 2026-W51..2027-W01: (3 + 4 + 4 - 3) of (5 + 9 + 7 + 7) = 8/28
        baseline_lean=Fraction(100, 7),  # 50 x 8/28
        change_from_last_week=None,
        change_from_baseline=None,
        dimensions=NOTHING,
        last_week_dimensions=dims(-50, 0, -25, 0, 0),  # 2027-W01, as above
        advice=0,
        last_week_advice=2,
        advice_change=-2,
        most_managing=None,
        most_leading=None,
        observations=(),
    )


def test_the_first_week_has_no_baseline_when_the_weeks_before_have_no_ratings():
    # W44..W47 hold only H0, which is not rated; Z0 (W43) is outside the window
    assert weekly_review("2026-W48", JOURNAL) == WeekFigures(
        week="2026-W48",
        start=dt.date(2026, 11, 23),
        end=dt.date(2026, 11, 29),
        entries=2,
        days_journaled=2,
        lean=Fraction(-10),  # 50 x -1/5
        last_week_lean=None,  # W47: H0 only, not rated
        baseline_lean=None,
        change_from_last_week=None,
        change_from_baseline=None,
        dimensions=dims(
            -25,  # influence: A1 -2, A2 1 -> 50 x -1/2
            0,  # followers: A1 0
            None,
            None,
            0,  # mentor: A1 -1, A2 1
        ),
        last_week_dimensions=NOTHING,
        advice=1,
        last_week_advice=2,  # H0 counts for advice though it has no ratings
        advice_change=-1,
        most_managing=Extreme(
            "a1",
            dt.date(2026, 11, 23),
            "Status meeting",
            "I asked for the reports by Friday.",
            -50,
        ),
        most_leading=Extreme(
            "a2", dt.date(2026, 11, 25), "Pairing", "Let Sam choose.", 50
        ),
        observations=(
            "Power \u2194 Influence leaned furthest toward managing this week "
            f"(-25.0). If that is more than you want: {POWER_SUGGESTION}",
        ),
    )


def test_leans_pool_ratings_rather_than_averaging_means():
    w48 = weekly_review("2026-W48", JOURNAL)
    # pooled: 50 x (-3 + 2) / 5 = -10; the mean of entry leans would be
    # (-50 + 50) / 2 = 0
    assert w48.lean == -10
    w52 = weekly_review("2026-W52", JOURNAL)
    # pooled baseline 50 x 2/22 = 50/11 (4.5); the mean of the four week leans
    # would be (-10 + 20 - 100/7 + 30) / 4 = 45/7 (6.4)
    assert w52.baseline_lean == Fraction(50, 11)
    # the week: 50 x 4/9 = 200/9 (22.2); the mean of the entry leans would be
    # (-250/3 + 125/2 + 100) / 3 = 475/18 (26.4)
    assert w52.lean == Fraction(200, 9)


def test_not_rated_entries_count_as_entries_but_not_in_leans():
    w49 = weekly_review("2026-W49", JOURNAL)
    assert w49.entries == 3  # B1 B2 B3
    assert w49.days_journaled == 2  # Dec 1, Dec 3
    assert w49.lean == 20  # 50 x (3 - 1) / 5: B2 adds nothing
    assert w49.advice == 3  # 2 + 1 (B2) + 0


def test_a_week_not_started_yet_has_nothing_to_compare():
    # Sunday of W49: W50's entries are plans; they count, but nothing is
    # compared with a week that has not begun.
    figures = weekly_review(
        "2026-W50", JOURNAL, {"overall": 20.0}, today=dt.date(2026, 12, 6)
    )
    assert not figures.started
    assert figures.entries == 2  # C1 C2
    assert figures.lean == Fraction(-100, 7)  # 50 x -2/7, as written
    assert figures.last_week_lean == 20  # W49, shown as it is
    assert figures.change_from_last_week is None
    assert figures.change_from_baseline is None
    assert figures.advice_change is None
    assert figures.observations == ()
    assert observations(figures, {"overall": 20.0}) == ()


def test_a_week_has_started_on_its_monday():
    monday = weekly_review("2026-W50", JOURNAL, today=dt.date(2026, 12, 7))
    assert monday.started
    assert monday.change_from_last_week == Fraction(-100, 7) - 20
    assert monday.advice_change == 0  # W50: 3 (C2); W49: 2 + 1 (B1, B2)
    assert monday == weekly_review("2026-W50", JOURNAL)  # no today: as before


def test_entries_outside_the_window_are_ignored():
    for week in ("2026-W48", "2026-W53", "2027-W01", "2027-W02"):
        start, end = review_window(week)
        loaded = [e for e in JOURNAL if start <= e.date <= end]
        assert weekly_review(week, loaded) == weekly_review(week, JOURNAL)
        assert len(loaded) < len(JOURNAL)
    # Z0 (W43, all -2, 9 advice requests) would sink W48's baseline if counted
    assert weekly_review("2026-W48", [Z0, A1, A2]).baseline_lean is None


# -- the entries that pulled furthest each way ----------------------------------


def test_ties_go_to_the_entry_written_first():
    # dated later but written earlier wins: the order is created_at, not date
    wed = entry("wed", "2026-03-04", hour=18, influence=-2)
    mon = entry("mon", "2026-03-02", written="2026-03-05", hour=9, mentor=-2)
    late = entry("late", "2026-03-06", hour=17, growth=1)
    early = entry("early", "2026-03-06", hour=8, followers=1)
    figures = weekly_review("2026-W10", [mon, late, wed, early])
    assert figures.most_managing is not None
    assert figures.most_managing.entry_id == "wed"
    assert figures.most_managing.lean == -100
    assert figures.most_leading is not None
    assert figures.most_leading.entry_id == "early"
    assert figures.most_leading.lean == 50


def test_no_managing_extreme_when_no_entry_leans_below_zero():
    balanced = entry("zero", "2026-03-02", influence=1, mentor=-1)  # lean 0
    leading = entry("up", "2026-03-03", influence=1)
    figures = weekly_review("2026-W10", [balanced, leading])
    assert figures.most_managing is None
    assert figures.most_leading is not None
    assert figures.most_leading.entry_id == "up"


def test_a_long_text_is_quoted_up_to_a_word_with_an_ellipsis():
    long = entry("long", "2026-03-02", text="alpha " * 40, influence=-1)
    figures = weekly_review("2026-W10", [long])
    assert figures.most_managing is not None
    # 159 characters hold 26 "alpha " and "alp"; the cut falls back a word
    assert figures.most_managing.quote == " ".join(["alpha"] * 26) + "\u2026"
    assert len(figures.most_managing.quote) <= 160


# -- observations ----------------------------------------------------------------


def week_of(on: str, *ratings: dict[str, int]) -> list[Entry]:
    return [entry(f"{on}-{i}", on, **r) for i, r in enumerate(ratings)]


def test_the_week_lean_shift_is_told_when_no_dimension_moved_enough():
    # influence stays at 100 and mentor at 0, but the mix changes:
    # last week 50 x 2/4 = 25, this week 50 x 6/4 = 75
    last = week_of(
        "2026-03-02", {"influence": 2, "mentor": 0}, {"mentor": 0}, {"mentor": 0}
    )
    this = week_of(
        "2026-03-09", {"influence": 2, "mentor": 0}, {"influence": 2}, {"influence": 2}
    )
    assert weekly_review("2026-W11", last + this).observations == (
        "Your week lean moved 50.0 points toward leading since last week "
        "(from +25.0 to +75.0).",
    )


def test_a_shift_of_exactly_ten_points_is_told():
    last = week_of("2026-03-02", {"influence": 0})
    this = week_of("2026-03-09", {"influence": 1}, *[{"influence": 0}] * 4)  # 50 x 1/5
    assert weekly_review("2026-W11", last + this).observations == (
        "Power \u2194 Influence moved 10.0 points toward leading since last week "
        "(from 0.0 to +10.0).",
    )


def test_a_shift_below_ten_points_is_not_told():
    last = week_of("2026-03-02", {"influence": 0})
    this = week_of(
        "2026-03-09", {"influence": 1}, *[{"influence": 0}] * 5
    )  # 50/6 = 8.3
    assert weekly_review("2026-W11", last + this).observations == ()


def test_a_target_missed_from_above():
    figures = weekly_review("2026-W52", JOURNAL, {"overall": -5.0})
    # band -15..5; 200/9 - 5 = 155/9 = 17.2
    assert figures.observations[-1] == (
        "Your week lean of +22.2 is 17.2 points above your target band "
        "(-5.0 \u00b1 10)."
    )


@pytest.mark.parametrize("target", [20.0, 40.0])
def test_the_edges_of_the_band_count_as_within(target):
    figures = weekly_review("2026-W51", JOURNAL, {"overall": target})
    assert figures.lean == 30
    assert figures.observations[-1] == (
        f"Your week lean of +30.0 is within your target band (+{target:.1f} \u00b1 10)."
    )
    assert TARGET_BAND == 10.0


def test_a_dimension_target_is_told_when_there_is_no_overall_one():
    figures = weekly_review("2026-W53", JOURNAL, {"mentor": 50.0})
    # mentor 100; band 40..60; 100 - 60 = 40
    assert figures.observations[-1] == (
        "Your Director \u2194 Mentor lean of +100.0 this week is 40.0 points "
        "above your target band (+50.0 \u00b1 10)."
    )


def test_the_first_dimension_target_with_a_lean_is_told():
    # W53: influence -25 lies in -30..-10; influence comes before mentor
    w53 = weekly_review("2026-W53", JOURNAL, {"mentor": 50.0, "influence": -20.0})
    assert w53.observations[-1] == (
        "Your Power \u2194 Influence lean of -25.0 this week is within your "
        "target band (-20.0 \u00b1 10)."
    )
    # W48: growth is not rated, so mentor (0, in 0..20) is told
    w48 = weekly_review("2026-W48", JOURNAL, {"growth": 0.0, "mentor": 10.0})
    assert w48.observations[-1] == (
        "Your Director \u2194 Mentor lean of 0.0 this week is within your "
        "target band (+10.0 \u00b1 10)."
    )


def test_observations_can_be_made_again_from_the_figures():
    figures = weekly_review("2026-W53", JOURNAL, {"overall": 20.0})
    assert observations(figures, {"overall": 20.0}) == figures.observations
    assert observations(figures) == figures.observations[:2]


JUDGEMENTS = re.compile(r"\b(good|bad|should|failed|unfortunately)\b", re.IGNORECASE)
WEEKS = ["2026-W48", "2026-W49", "2026-W50", "2026-W51", "2026-W52", "2026-W53"]
WEEKS += ["2027-W01", "2027-W02"]
TARGETS = [None, {"overall": 0.0}, {"overall": 50.0}, {"overall": -60.0}]
TARGETS += [{"mentor": 50.0, "growth": -100.0}]


@pytest.mark.parametrize("week", WEEKS)
@pytest.mark.parametrize("targets", TARGETS)
def test_observations_describe_and_never_judge(week, targets):
    sentences = weekly_review(week, JOURNAL, targets).observations
    assert len(sentences) <= 3
    for sentence in sentences:
        assert not JUDGEMENTS.search(sentence), sentence
        assert sentence.endswith(".")


def test_week_notes_edits_onto_keep_the_fields_left_as_they_were():
    base = WeekNotes("2026-W49", "Calm", "", None)
    theirs = WeekNotes("2026-W49", "Calm", "Ask Sam to lead", True)
    mine = WeekNotes("2026-W49", "Calm, on the whole", "", None)

    merged = mine.edits_onto(base, theirs)

    assert merged.content() == ("Calm, on the whole", "Ask Sam to lead", True)
    assert mine.edits_onto(base, base) == mine
    cleared = WeekNotes("2026-W49", "Calm", "", False)  # "not kept" chosen here
    assert cleared.edits_onto(base, theirs).kept is False
