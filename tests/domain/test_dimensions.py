"""The five dimensions, as listed in DESIGN.md."""

import pytest

from leaderjournal.domain.dimensions import (
    DIMENSION_KEYS,
    DIMENSIONS,
    FORMER_KEYS,
    SCALE,
    SCALE_LABELS,
    dimension,
    rating_label,
)

DESIGN_NAMES = {
    "influence": "Power \u2194 Influence",
    "followers": "Subordinates \u2194 Followers",
    "growth": "Failure \u2194 Growth",
    "relationship": "System \u2194 Relationship",
    "mentor": "Director \u2194 Mentor",
}


def test_exactly_the_five_keys_in_design_order():
    assert DIMENSION_KEYS == (
        "influence",
        "followers",
        "growth",
        "relationship",
        "mentor",
    )
    assert tuple(d.key for d in DIMENSIONS) == DIMENSION_KEYS


def test_names_join_the_poles_with_a_double_arrow():
    assert {d.key: d.name for d in DIMENSIONS} == DESIGN_NAMES
    for d in DIMENSIONS:
        assert d.name == f"{d.managing} \u2194 {d.leading}"


def test_scale_runs_from_minus_two_to_two():
    assert SCALE == (-2, -1, 0, 1, 2)
    assert set(SCALE_LABELS) == set(SCALE)


@pytest.mark.parametrize("dim", DIMENSIONS, ids=DIMENSION_KEYS)
def test_every_dimension_has_its_texts(dim):
    assert dim.question.strip()
    assert dim.question.rstrip().endswith("?")
    assert dim.suggestion.strip()
    assert dim.managing_meaning.strip()
    assert dim.leading_meaning.strip()
    assert set(dim.points) == {-2, -1, 0, 1, 2}
    for rating in SCALE:
        assert dim.points[rating].strip(), rating
        assert dim.describe(rating) == dim.points[rating]
    # five different descriptions, so each point means something of its own
    assert len(set(dim.points.values())) == 5


@pytest.mark.parametrize("dim", DIMENSIONS, ids=DIMENSION_KEYS)
def test_not_rated_is_described_differently_from_zero(dim):
    assert "not rated" in dim.describe(None).lower()
    assert dim.describe(None) != dim.describe(0)


def test_dimension_by_key():
    assert dimension("influence") is DIMENSIONS[0]
    assert dimension("mentor").name == "Director \u2194 Mentor"
    with pytest.raises(KeyError):
        dimension("leadership")


def test_the_first_key_names_the_leading_pole_and_the_old_key_still_finds_it():
    # "influence = 2" reads as "strongly Influence"; journals and files of
    # the first version call it "power".
    first = DIMENSIONS[0]
    assert (first.key, first.leading) == ("influence", "Influence")
    assert FORMER_KEYS == {"power": "influence"}
    assert dimension("power") is first
    assert "power" not in DIMENSION_KEYS


@pytest.mark.parametrize(
    ("rating", "label"),
    [
        (-2, "Strongly managing"),
        (-1, "Leaning managing"),
        (0, "Both in balance"),
        (1, "Leaning leading"),
        (2, "Strongly leading"),
        (None, "Not rated"),
    ],
)
def test_rating_labels(rating, label):
    assert rating_label(rating) == label
