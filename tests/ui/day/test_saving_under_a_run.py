"""The page saved after the entry changed under it (a sync run took another
computer's changes in): what the person changed goes onto what is stored,
and what came in is shown, never written over with what the page showed."""

from __future__ import annotations

import datetime as dt

from leaderjournal.domain.entry import Entry

TODAY = dt.date.today()


def test_a_title_typed_goes_onto_a_text_that_came_in_under_the_page(
    qtbot, journal, make_window
):
    shown = Entry.new(TODAY, title="1:1", text="We talked.", tags=("team",))
    journal.entries.add(shown)
    window = make_window(journal)
    form = window.day_view.form
    assert form.text_edit.toPlainText() == "We talked."
    # a run writes another computer's text and tags, not through the page
    journal.entries.save(shown.edited(text="We talked about the offsite."))

    form.title_edit.selectAll()
    qtbot.keyClicks(form.title_edit, "1:1 with Sam")
    assert window.day_view.save_now()

    stored = journal.entries.get(shown.id)
    assert (stored.title, stored.text) == (
        "1:1 with Sam",
        "We talked about the offsite.",
    )
    assert form.text_edit.toPlainText() == "We talked about the offsite."
    # the next save does not put the old text back
    qtbot.keyClicks(form.title_edit, "!")
    assert window.day_view.save_now()
    assert journal.entries.get(shown.id).text == "We talked about the offsite."


def test_text_typed_wins_over_a_text_that_came_in_and_keeps_the_rest(
    qtbot, journal, make_window
):
    shown = Entry.new(TODAY, title="1:1", text="We talked.")
    journal.entries.add(shown)
    window = make_window(journal)
    form = window.day_view.form
    journal.entries.save(shown.edited(title="From the office", advice_requests=3))

    form.text_edit.moveCursor(form.text_edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(form.text_edit, " Then more.")
    assert window.day_view.save_now()

    stored = journal.entries.get(shown.id)
    assert (stored.title, stored.text, stored.advice_requests) == (
        "From the office",
        "We talked. Then more.",
        3,
    )
    assert form.title_edit.text() == "From the office"
    assert form.advice_spin.value() == 3
    assert form.text_edit.toPlainText() == "We talked. Then more."
