"""The hybrid logical clock: stamps that order changes across computers."""

from __future__ import annotations

import pytest

from leaderjournal.sync.clock import (
    MAX_AHEAD_MS,
    Clock,
    Stamp,
    check_device_id,
    new_device_id,
)
from leaderjournal.sync.errors import SyncFormatError

HOUR = 3_600_000


class WallClock:
    """A wall clock the test sets by hand (a computer's clock can be wrong)."""

    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_stamps_are_ordered_by_time_then_counter_then_device() -> None:
    stamps = [
        Stamp(2000, 0, "a"),
        Stamp(1000, 5, "b"),
        Stamp(1000, 5, "a"),
        Stamp(1000, 0, "zz"),
    ]

    assert sorted(stamps) == [
        Stamp(1000, 0, "zz"),
        Stamp(1000, 5, "a"),
        Stamp(1000, 5, "b"),
        Stamp(2000, 0, "a"),
    ]


def test_the_text_form_sorts_as_the_stamps_do_and_reads_back() -> None:
    stamps = [
        Stamp(1_700_000_000_000, 0, "b"),
        Stamp(1_700_000_000_000, 0, "ab"),
        Stamp(1_700_000_000_000, 1, "a"),
        Stamp(999, 65535, "a"),
        Stamp(1_700_000_000_001, 0, "a"),
    ]

    texts = [stamp.text() for stamp in stamps]

    assert sorted(texts) == [s.text() for s in sorted(stamps)]
    assert [Stamp.parse(text) for text in texts] == stamps


@pytest.mark.parametrize(
    "text",
    [
        "",
        "18bcfe56800-0000-a",  # 11 digits of time
        "018bcfe56800-000-a",
        "018BCFE56800-0000-a",  # upper case: two spellings of one stamp
        "018bcfe56800-0000-",
        "018bcfe56800-0000-../x",
        "018bcfe56800-0000-a/b",
        "018bcfe56800_0000_a",
        " 018bcfe56800-0000-a",
    ],
)
def test_a_malformed_stamp_text_is_refused(text: str) -> None:
    with pytest.raises(SyncFormatError):
        Stamp.parse(text)


@pytest.mark.parametrize(
    "device", ["", "..", ".", "a/b", "a\\b", "A", "con", "Nul", "a b", "x" * 65]
)
def test_a_device_id_that_could_play_tricks_as_a_folder_name_is_refused(
    device: str,
) -> None:
    with pytest.raises(SyncFormatError):
        check_device_id(device)


def test_a_new_device_id_is_valid_and_new() -> None:
    first, second = new_device_id(), new_device_id()

    assert check_device_id(first) == first
    assert first != second


def test_ticks_keep_rising_when_the_wall_clock_goes_backwards() -> None:
    wall = WallClock(10 * HOUR)
    clock = Clock("a", now_ms=wall)
    stamps = [clock.tick()]
    wall.ms -= 2 * HOUR  # the clock is corrected back
    stamps += [clock.tick(), clock.tick()]
    wall.ms += 3 * HOUR
    stamps.append(clock.tick())

    assert stamps == sorted(stamps)
    assert len(set(stamps)) == 4
    assert stamps[-1].wall_ms == 11 * HOUR  # real time again once it is ahead


def test_a_stamp_in_the_same_millisecond_still_comes_later() -> None:
    clock = Clock("a", now_ms=WallClock(5000))

    first, second = clock.tick(), clock.tick()

    assert first < second
    assert (first.wall_ms, second.wall_ms) == (5000, 5000)


def test_devices_hours_apart_order_their_changes_after_seeing_each_other() -> None:
    ahead = Clock("ahead", now_ms=WallClock(20 * HOUR))  # 5 hours fast
    behind = Clock("behind", now_ms=WallClock(15 * HOUR))

    written_ahead = ahead.tick()
    behind.observe(written_ahead)
    answer = behind.tick()  # written after reading the other's change
    ahead.observe(answer)
    reply = ahead.tick()

    assert written_ahead < answer < reply


def test_resuming_from_the_last_stamp_keeps_order_across_a_restart() -> None:
    clock = Clock("a", now_ms=WallClock(9 * HOUR))
    last = clock.tick()

    resumed = Clock("a", now_ms=WallClock(1 * HOUR), last=last)

    assert resumed.tick() > last


def test_one_stamp_from_far_in_the_future_moves_the_clock_a_day_at_most() -> None:
    wall = WallClock(100 * HOUR)
    clock = Clock("a", now_ms=wall)
    wild = Stamp(wall.ms + 1000 * 24 * HOUR, 0, "broken")

    clock.observe(wild)
    after = clock.tick()

    assert after.wall_ms <= wall.ms + MAX_AHEAD_MS
    assert after > Stamp(wall.ms + MAX_AHEAD_MS - 1, 0, "z")
    # The wild stamp still sorts where its own time puts it: after ours.
    assert after < wild


def test_a_stamp_for_another_device_is_refused_by_resume() -> None:
    with pytest.raises(ValueError, match="device"):
        Clock("a", now_ms=WallClock(0), last=Stamp(1, 0, "b"))
