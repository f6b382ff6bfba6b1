"""The one Autosaver, with real timers and real save functions."""

from __future__ import annotations

import datetime as dt

import pytest

from leaderjournal.storage.failures import JournalError
from leaderjournal.ui.common.autosave import Autosaver


class FailingFirst:
    """Saves into ``written`` after failing ``times`` times as a busy disk would."""

    def __init__(self, times: int) -> None:
        self.left = times
        self.written: list[str] = []
        self.text = ""

    def __call__(self) -> bool:
        if self.left:
            self.left -= 1
            raise JournalError("The journal is busy.")
        self.written.append(self.text)
        return True


@pytest.fixture
def saves() -> list[str]:
    return []


def test_an_edit_is_saved_after_the_delay_and_says_when(qtbot, saves):
    autosaver = Autosaver(lambda: saves.append("edit") or True, delay_ms=10)
    before = dt.datetime.now().replace(microsecond=0)

    with qtbot.waitSignal(autosaver.saved, timeout=2000) as blocker:
        autosaver.mark_dirty()
        assert autosaver.dirty

    assert saves == ["edit"]
    assert not autosaver.dirty
    (at,) = blocker.args
    assert before <= at <= dt.datetime.now()


def test_edits_in_a_row_are_saved_once(qtbot, saves):
    autosaver = Autosaver(lambda: saves.append("edit") or True, delay_ms=30)
    for _ in range(5):
        autosaver.mark_dirty()
    qtbot.waitUntil(lambda: not autosaver.dirty, timeout=2000)
    assert not autosaver.pending  # no second save follows
    assert saves == ["edit"]


def test_edits_while_loading_are_not_saved(qtbot, saves):
    autosaver = Autosaver(lambda: saves.append("edit") or True, delay_ms=10)
    with autosaver.loading():
        autosaver.mark_dirty()
        assert not autosaver.dirty
    assert not autosaver.pending
    assert saves == []
    assert autosaver.flush()
    assert saves == []


def test_loading_over_unsaved_edits_that_fails_keeps_them_unsaved(qtbot, saves):
    autosaver = Autosaver(lambda: saves.append("edit") or True, delay_ms=5000)
    autosaver.mark_dirty()
    with pytest.raises(JournalError), autosaver.loading():
        raise JournalError("The journal could not be read.")
    assert autosaver.dirty
    assert autosaver.flush()
    assert saves == ["edit"]


def test_flush_saves_at_once_and_only_when_dirty(saves):
    autosaver = Autosaver(lambda: saves.append("edit") or True, delay_ms=5000)
    assert autosaver.flush()
    assert saves == []
    autosaver.mark_dirty()
    assert autosaver.flush()
    assert saves == ["edit"]
    assert autosaver.flush()
    assert saves == ["edit"]


def test_nothing_to_write_is_clean_but_not_reported_as_saved(qtbot):
    autosaver = Autosaver(lambda: False, delay_ms=5000)
    reported: list = []
    autosaver.saved.connect(reported.append)
    autosaver.mark_dirty()
    assert autosaver.flush()
    assert not autosaver.dirty
    assert reported == []


def test_a_failed_save_says_why_and_is_tried_again_until_it_works(qtbot):
    save = FailingFirst(times=2)
    save.text = "written while the disk was busy"
    autosaver = Autosaver(save, delay_ms=10, retry_ms=20, retry_on=(JournalError,))
    reasons: list[str] = []
    autosaver.failed.connect(reasons.append)

    autosaver.mark_dirty()
    assert not autosaver.flush()  # the first failure, at once
    assert autosaver.dirty
    assert autosaver.retrying
    with qtbot.waitSignal(autosaver.saved, timeout=2000):
        pass

    assert save.written == ["written while the disk was busy"]
    assert reasons == ["The journal is busy.", "The journal is busy."]
    assert not autosaver.dirty
    assert not autosaver.retrying


def test_a_refused_value_is_not_retried_by_itself(qtbot):
    def refuse() -> bool:
        raise ValueError("The title has more than 500 characters.")

    autosaver = Autosaver(refuse, delay_ms=10, retry_ms=10, refused_on=(ValueError,))
    reasons: list[str] = []
    autosaver.failed.connect(reasons.append)
    autosaver.mark_dirty()
    qtbot.waitUntil(lambda: bool(reasons), timeout=2000)
    assert not autosaver.pending

    assert reasons == ["The title has more than 500 characters."]
    assert autosaver.dirty
    assert not autosaver.retrying


def test_an_unexpected_error_is_not_swallowed(saves):
    def broken() -> bool:
        raise KeyError("a mistake in the program")

    autosaver = Autosaver(broken, retry_on=(JournalError,))
    autosaver.mark_dirty()
    with pytest.raises(KeyError):
        autosaver.flush()
