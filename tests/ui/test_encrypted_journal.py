"""The window on an encrypted journal: what is written is saved, found and
read back through SQLCipher as on a plain one (the rest of the UI suite
runs on a plain journal; the storage under it runs on both kinds)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.scoring import iso_week_id
from tests.kinds import open_journal

TODAY = dt.date.today()
THIS_WEEK = iso_week_id(TODAY)


def label(window, name: str) -> str:
    return window.findChild(QLabel, name).text()


def test_an_entry_is_autosaved_and_is_there_after_reopening(
    qtbot, data_dir, encrypted_journal, make_window
):
    window = make_window(encrypted_journal)
    qtbot.keyClicks(window.findChild(QWidget, "titleEdit"), "Budget talk")
    qtbot.keyClicks(
        window.findChild(QWidget, "textEdit"), "Priya takes the hiring plan."
    )
    qtbot.keyClicks(window.findChild(QWidget, "tagsEdit"), "finance")
    qtbot.waitUntil(
        lambda: label(window, "saveStatus").startswith("Saved"), timeout=4000
    )
    window.close()
    encrypted_journal.close()

    with open_journal(data_dir) as reopened:
        assert reopened.encrypted
        again = make_window(reopened)
        form = again.day_view.form
        assert form.title_edit.text() == "Budget talk"
        assert form.text_edit.toPlainText() == "Priya takes the hiring plan."
        assert form.tags_edit.text() == "finance"
        again.close()
    # and none of it is in the file as plain text
    assert b"hiring plan" not in (data_dir / "journal.db").read_bytes()


def test_ctrl_f_finds_entries_of_an_encrypted_journal(
    qtbot, encrypted_journal, make_window
):
    stamp = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    first = Entry.new(dt.date(2026, 3, 2), at=stamp, text="Delegated the release")
    second = Entry.new(dt.date(2026, 3, 3), at=stamp, text="Reviewed the roadmap")
    encrypted_journal.entries.save_many([first, second])
    window = make_window(encrypted_journal)

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.findChild(QWidget, "historySearch")
    assert QApplication.focusWidget() is search
    qtbot.keyClicks(search, "deleg")

    qtbot.waitUntil(
        lambda: label(window, "historyCount") == "1 entry matches", timeout=2000
    )
    assert window.history_view.model.row_at(0).id == first.id


def test_a_weeks_notes_are_saved_in_an_encrypted_journal(
    qtbot, encrypted_journal, make_window
):
    window = make_window(encrypted_journal)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    view = window.review_view
    assert view.week() == THIS_WEEK

    qtbot.keyClicks(view.findChild(QWidget, "reflectionEdit"), "A quiet week off.")
    qtbot.keyClicks(view.findChild(QWidget, "intentionEdit"), "Ask before telling")
    qtbot.waitUntil(
        lambda: label(view, "reviewSaveStatus").startswith("Saved"), timeout=4000
    )

    notes = encrypted_journal.reviews.notes(THIS_WEEK)
    assert (notes.reflection, notes.intention) == (
        "A quiet week off.",
        "Ask before telling",
    )
