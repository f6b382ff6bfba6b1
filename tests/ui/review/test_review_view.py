"""The weekly review in the running window, on a real journal."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.review import WeekNotes
from leaderjournal.domain.scoring import iso_week_id, week_bounds
from leaderjournal.storage.journal import Journal

TODAY = dt.date.today()
THIS_WEEK = iso_week_id(TODAY)
MONDAY = week_bounds(THIS_WEEK)[0]
LAST_WEEK = iso_week_id(MONDAY - dt.timedelta(days=7))


def open_review(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() is window.review_view
    return window.review_view


def text(view, name: str) -> str:
    return view.findChild(QLabel, name).text()


def test_opens_on_this_week_with_its_figures(qtbot, journal, make_window):
    journal.entries.save_many(
        [
            Entry.new(
                MONDAY, ratings={"influence": 2, "mentor": -1}, advice_requests=2
            ),
            Entry.new(MONDAY, ratings={"influence": 1}),
            Entry.new(
                MONDAY - dt.timedelta(days=7),
                ratings={"influence": -2},
                advice_requests=1,
            ),
        ]
    )
    view = open_review(qtbot, make_window(journal))

    assert view.week() == THIS_WEEK
    assert text(view, "weekTitle").startswith(f"Week {int(THIS_WEEK[-2:])} \u00b7 ")
    assert "<b>2</b> entries on <b>1</b> day journaled" in text(view, "weekSummary")
    # Pooled: 50 x (2 - 1 + 1) / 3 = 33.3; last week -100; change +133.3.
    lean = text(view, "weekLean")
    assert "Week lean <b>+33.3</b>" in lean
    assert "last week -100.0 (change +133.3)" in lean
    assert "<b>2</b> times" in text(view, "weekAdvice")
    assert "last week 1 (change +1)" in text(view, "weekAdvice")
    assert not view.findChild(QWidget, "emptyWeek").isVisible()


def test_an_empty_week_says_so_and_still_takes_a_reflection(
    qtbot, data_dir, journal, make_window
):
    view = open_review(qtbot, make_window(journal))
    assert view.findChild(QWidget, "emptyWeek").isVisible()
    assert "No entries this week" in text(view, "emptyWeek")

    qtbot.keyClicks(view.findChild(QWidget, "reflectionEdit"), "A quiet week off.")
    qtbot.keyClicks(view.findChild(QWidget, "intentionEdit"), "Ask before telling")
    qtbot.waitUntil(
        lambda: text(view, "reviewSaveStatus").startswith("Saved"), timeout=4000
    )

    notes = journal.reviews.notes(THIS_WEEK)
    assert (notes.reflection, notes.intention) == (
        "A quiet week off.",
        "Ask before telling",
    )


def test_last_weeks_intention_and_whether_it_was_kept(
    qtbot, data_dir, journal, make_window
):
    journal.reviews.save_notes(WeekNotes(LAST_WEEK, "", "Listen first", None))
    window = make_window(journal)
    view = open_review(qtbot, window)
    assert "Listen first" in text(view, "lastIntention")

    qtbot.mouseClick(view.findChild(QWidget, "keptYes"), Qt.MouseButton.LeftButton)
    window.close()  # closing saves at once
    journal.close()

    with Journal(data_dir) as reopened:
        assert reopened.reviews.notes(THIS_WEEK).kept is True
        again = open_review(qtbot, make_window(reopened))
        assert again.findChild(QWidget, "keptYes").isChecked()
        again.window().close()


def test_alt_left_and_ctrl_t_move_between_weeks(qtbot, journal, make_window):
    window = make_window(journal)
    view = open_review(qtbot, window)

    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.week() == LAST_WEEK
    assert window.current_view() is view  # not the day view
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.week() == iso_week_id(MONDAY + dt.timedelta(days=7))
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert view.week() == THIS_WEEK


def test_changing_week_saves_what_was_written(qtbot, journal, make_window):
    window = make_window(journal)
    view = open_review(qtbot, window)
    qtbot.keyClicks(view.findChild(QWidget, "reflectionEdit"), "Written, then moved on")
    view.step_week(-1)
    assert journal.reviews.notes(THIS_WEEK).reflection == "Written, then moved on"
    assert view.findChild(QWidget, "reflectionEdit").toPlainText() == ""


def test_the_extremes_open_their_entries(qtbot, journal, make_window):
    low = Entry.new(
        MONDAY, title="Held the line", text="Runbook only.", ratings={"influence": -2}
    )
    high = Entry.new(
        MONDAY, title="Coached", text="Let her decide.", ratings={"mentor": 2}
    )
    journal.entries.save_many([low, high])
    window = make_window(journal)
    view = open_review(qtbot, window)
    managing = view.findChild(QWidget, "mostManaging")
    assert text(view, "mostManagingQuote") == "\u201cRunbook only.\u201d"

    qtbot.mouseClick(managing, Qt.MouseButton.LeftButton)

    assert window.current_view() is window.day_view
    assert window.day_view.current_entry().id == low.id
    window.show_view(view)
    qtbot.mouseClick(view.findChild(QWidget, "mostLeading"), Qt.MouseButton.LeftButton)
    assert window.day_view.current_entry().id == high.id


def test_observations_follow_the_numbers(qtbot, journal, make_window):
    journal.entries.save_many(
        [
            Entry.new(MONDAY - dt.timedelta(days=7), ratings={"mentor": 2}),
            Entry.new(MONDAY, ratings={"mentor": -2}),
        ]
    )
    view = open_review(qtbot, make_window(journal))
    shown = text(view, "observations")
    assert "Director \u2194 Mentor moved 200.0 points toward managing" in shown
    assert "leaned furthest toward managing" in shown


def test_targets_are_set_in_the_review_and_drawn_in_the_trends(
    qtbot, journal, make_window
):
    journal.entries.save_many([Entry.new(MONDAY, ratings={"influence": 1})])
    window = make_window(journal)
    view = open_review(qtbot, window)
    qtbot.mouseClick(
        view.findChild(QWidget, "targetsButton"), Qt.MouseButton.LeftButton
    )
    dialog = window.findChild(QWidget, "targetsDialog")
    dialog.findChild(QWidget, "target_overall").setChecked(True)
    dialog.findChild(QWidget, "targetValue_overall").setValue(20)
    dialog.findChild(QWidget, "target_mentor").setChecked(True)
    dialog.findChild(QWidget, "targetValue_mentor").setValue(-30)
    dialog.findChild(QDialogButtonBox).button(
        QDialogButtonBox.StandardButton.Ok
    ).click()

    assert journal.reviews.targets() == {"overall": 20.0, "mentor": -30.0}
    # Week lean +50 against a target of +20 +/- 10: 20 points above the band.
    assert "20.0 points above your target band (+20.0 \u00b1 10)" in text(
        view, "observations"
    )
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.trends_view.chart.band.getRegion() == (10.0, 30.0)


def test_a_reflection_that_could_not_be_saved_survives_a_switch_of_views(
    qtbot, journal, make_window
):
    """Leaving the review and coming back refreshes its figures, but what the
    person typed and could not save yet stays on screen and is saved later."""
    from leaderjournal.ui.common.autosave import AutosaveDelays

    window = make_window(journal, autosave=AutosaveDelays(delay_ms=20, retry_ms=50))
    view = open_review(qtbot, window)
    journal.connection.execute("PRAGMA query_only = ON")  # SQLite refuses writes
    reflection = view.findChild(QWidget, "reflectionEdit")
    qtbot.keyClicks(reflection, "Written while nothing could be saved.")
    qtbot.waitUntil(lambda: view.autosaver.retrying, timeout=3000)

    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    open_review(qtbot, window)

    assert reflection.toPlainText() == "Written while nothing could be saved."
    journal.connection.execute("PRAGMA query_only = OFF")
    qtbot.waitUntil(
        lambda: (
            journal.reviews.notes(THIS_WEEK).reflection
            == "Written while nothing could be saved."
        ),
        timeout=3000,
    )


def test_notes_saved_after_a_run_changed_them_keep_what_came_in(
    qtbot, journal, make_window
):
    """Another computer's intention, taken in while the person writes the
    reflection, is not written over with the (empty) one the page showed."""
    window = make_window(journal)
    view = open_review(qtbot, window)
    reflection = view.findChild(QWidget, "reflectionEdit")
    qtbot.keyClicks(reflection, "A calmer week")
    assert view.save_notes()
    # a sync run writes the other computer's notes, not through the page
    stored = journal.reviews.notes(THIS_WEEK)
    journal.reviews.save_notes(
        WeekNotes(THIS_WEEK, stored.reflection, "Ask Sam to lead", stored.kept)
    )

    qtbot.keyClicks(reflection, ", on the whole.")
    assert view.save_notes()

    notes = journal.reviews.notes(THIS_WEEK)
    assert (notes.reflection, notes.intention) == (
        "A calmer week, on the whole.",
        "Ask Sam to lead",
    )
    assert view.findChild(QWidget, "intentionEdit").text() == "Ask Sam to lead"
