"""The status bar's "Saved HH:MM" covers everything written, review notes too."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from leaderjournal.ui.common.autosave import AutosaveDelays

QUICK = AutosaveDelays(delay_ms=50, retry_ms=50)
CTRL = Qt.KeyboardModifier.ControlModifier


def status_bar(window) -> str:
    return window.findChild(QLabel, "saveStatus").text()


def review_status(window) -> str:
    return window.review_view.findChild(QLabel, "reviewSaveStatus").text()


def write_a_reflection(qtbot, window, text: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    qtbot.keyClicks(window.review_view.findChild(QWidget, "reflectionEdit"), text)


def test_the_status_bar_and_the_review_agree_on_the_last_save(
    qtbot, journal, make_window
):
    window = make_window(journal, autosave=QUICK)
    before = dt.datetime.now().replace(second=0, microsecond=0)

    write_a_reflection(qtbot, window, "A week of listening.")
    qtbot.waitUntil(lambda: review_status(window).startswith("Saved"), timeout=3000)

    assert status_bar(window) == review_status(window)
    saved_at = dt.datetime.strptime(status_bar(window), "Saved %H:%M").time()
    assert saved_at >= before.time() or before.hour == 23  # not an older save
    assert journal.reviews.notes(window.review_view.week()).reflection == (
        "A week of listening."
    )


def test_the_latest_save_wins_whichever_view_made_it(qtbot, journal, make_window):
    window = make_window(journal, autosave=QUICK)
    write_a_reflection(qtbot, window, "Notes first.")
    qtbot.waitUntil(lambda: review_status(window).startswith("Saved"), timeout=3000)

    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    qtbot.keyClicks(window.findChild(QWidget, "textEdit"), "Then an entry.")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)

    assert status_bar(window).startswith("Saved")
    assert journal.entries.count() == 1


def test_review_notes_that_cannot_be_saved_say_so_in_the_status_bar(
    qtbot, journal, make_window
):
    window = make_window(journal, autosave=QUICK)
    journal.connection.execute("PRAGMA query_only = ON")  # SQLite refuses writes

    write_a_reflection(qtbot, window, "Kept safe in the window.")
    qtbot.waitUntil(lambda: "Not saved" in review_status(window), timeout=3000)
    assert status_bar(window) == "Not saved"

    journal.connection.execute("PRAGMA query_only = OFF")
    qtbot.waitUntil(lambda: review_status(window).startswith("Saved"), timeout=3000)
    assert status_bar(window) == review_status(window)
