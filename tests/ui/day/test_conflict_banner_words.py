"""The banner's words for several other versions: how many computers, and
whether one of the texts set aside was this computer's own."""

from __future__ import annotations

import datetime as dt

from leaderjournal.sync.clock import Stamp
from leaderjournal.ui.common.sync_source import Conflict
from leaderjournal.ui.day.conflict_banner import conflict_message

WRITTEN = dt.datetime(2026, 12, 1, 14, 5).astimezone()


def version(computer: str, device: str) -> Conflict:
    stamp = Stamp(int(WRITTEN.timestamp() * 1000), 0, device)
    return Conflict(stamp, f"written on {computer}", computer, WRITTEN)


def test_one_version_names_its_computer_and_time() -> None:
    office = version("Office laptop", "a" * 32)
    assert conflict_message([office]) == (
        "Also edited on Office laptop at 14:05 (Tue 1 Dec)."
    )


def test_several_versions_count_the_computers_they_came_from() -> None:
    office, tablet = version("Office laptop", "a" * 32), version("Tablet", "b" * 32)
    assert conflict_message([office, tablet]) == "Also edited on 2 other computers."
    assert conflict_message([office, office]) == "Also edited 2 times on Office laptop."


def test_this_computers_own_text_is_not_counted_as_another_computer() -> None:
    office, own = version("Office laptop", "a" * 32), version("this computer", "c" * 32)
    assert conflict_message([own, office]) == (
        "Also edited on this computer and on 1 other computer."
    )
