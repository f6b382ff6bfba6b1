"""The cycle collector held back while sync takes changes in: always turned
back on after, and only if it was on."""

from __future__ import annotations

import gc
import threading

import pytest

from leaderjournal.sync.gc_pause import collector_paused


@pytest.fixture(autouse=True)
def _collector_on():
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_off_inside_and_on_again_after():
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_it_is_on_again_after_an_error_inside():
    with pytest.raises(KeyError), collector_paused():
        raise KeyError("x")
    assert gc.isenabled()


def test_a_collector_turned_off_elsewhere_stays_off():
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_two_threads_taking_in_at_once_do_not_turn_it_on_under_each_other():
    first_in, second_out = threading.Event(), threading.Event()
    seen = []

    def first():
        with collector_paused():
            first_in.set()
            second_out.wait(10)
            seen.append(gc.isenabled())

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(10)
    with collector_paused():
        pass
    second_out.set()
    thread.join(10)
    assert seen == [False]  # still off while the first one holds it
    assert gc.isenabled()
