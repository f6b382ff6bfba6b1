"""An entry also edited on another computer: the banner over the day page,
Compare…, and the three ways to settle it, on real journals syncing through
one real folder."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.limits import TEXT_MAX
from leaderjournal.storage.journal import Journal
from leaderjournal.sync import engine
from leaderjournal.ui.common.sync_source import SyncSource
from leaderjournal.ui.window.main_window import MainWindow
from tests.ui.day.conflicts import computers, sync

TODAY = dt.date.today()
ALT = Qt.KeyboardModifier.AltModifier
#: "14:05 (Tue 1 Dec)": when another computer's text was written.
WHEN = r"\d\d:\d\d \((Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}\)"


def banner(window) -> QWidget:
    return window.findChild(QWidget, "conflictBanner")


def banner_text(window) -> str:
    return window.findChild(QLabel, "conflictBannerText").text()


def editor_text(window) -> str:
    return window.day_view.form.text_edit.toPlainText()


def show_with_sync(make_window, journal: Journal):
    window = make_window(journal)
    window.day_view.set_conflict_source(SyncSource(journal))
    return window


@dataclass
class Shown:
    """An entry home and the office both changed, shown in home's window."""

    office: Journal
    entry_id: str
    window: MainWindow


@pytest.fixture
def conflict(journal, make_window, tmp_path: Path) -> Iterator[Shown]:
    with computers(journal, tmp_path) as both:
        entry_id = both.conflict(TODAY, home="at home", office="at the office")
        yield Shown(both.office, entry_id, show_with_sync(make_window, journal))


def open_compare(qtbot, window) -> QDialog:
    """Compare… from the keyboard, as the banner's button says (Alt+M)."""
    window.day_view.form.text_edit.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_M, ALT)
    # A mnemonic presses its button as a click would be seen: a moment later.
    qtbot.waitUntil(lambda: window.findChild(QDialog, "conflictDialog") is not None)
    dialog = window.findChild(QDialog, "conflictDialog")
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # as a desktop would: its keys go to it
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_at_end(qtbot, window, text: str) -> QPlainTextEdit:
    """Type ``text`` at the end of the entry's text (not saved yet)."""
    editor = window.day_view.form.text_edit
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, text)
    return editor


def choose(qtbot, dialog: QDialog, key: Qt.Key, modifier=ALT) -> None:
    """Press a key in the dialog and wait for it to close."""
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog, key, modifier)


def settled_everywhere(office: Journal, home: Journal, entry_id: str) -> list[str]:
    """Sync both ways; each journal's text of the entry, once no conflict is left."""
    sync(home, office, home)
    for journal in (home, office):
        assert SyncSource(journal).conflicts(entry_id) == []
    return [journal.entries.get(entry_id).text for journal in (home, office)]


def test_the_banner_names_the_other_computer_and_when_it_wrote(
    qtbot, journal, conflict
):

    assert banner(conflict.window).isVisible()
    assert re.fullmatch(
        rf"Also edited on Office laptop at {WHEN}\.", banner_text(conflict.window)
    ), banner_text(conflict.window)
    now = dt.datetime.now()
    assert f"({now:%a} {now.day} {now:%b})" in banner_text(conflict.window)
    button = conflict.window.findChild(QPushButton, "conflictBannerButton")
    assert button.text() == "Co&mpare\u2026"
    assert editor_text(conflict.window) == "at home"
    assert journal.entries.get(conflict.entry_id).text == "at home"


def test_no_banner_without_sync_for_another_entry_or_a_new_one(
    qtbot, journal, conflict
):
    calm = journal.entries.save(Entry.new(TODAY, text="nothing to compare"))
    window, entry_id = conflict.window, conflict.entry_id
    view = window.day_view
    view.show_day(TODAY, entry_id)
    assert banner(window).isVisible()
    view.show_day(TODAY, calm.id)
    assert not banner(window).isVisible()
    view.show_day(TODAY, entry_id)
    assert banner(window).isVisible()
    view.new_entry(TODAY)
    assert not banner(window).isVisible()
    view.show_day(TODAY, entry_id)
    assert banner(window).isVisible()

    view.set_conflict_source(None)
    assert not banner(window).isVisible()
    view.set_conflict_source(SyncSource(journal))
    engine.turn_off(journal.connection)
    view.refresh_conflicts()
    assert not banner(window).isVisible()


def test_several_other_computers_are_counted(
    qtbot, journal, make_window, tmp_path: Path
):
    with computers(journal, tmp_path, "Train tablet") as three:
        three.conflict(TODAY, home="at home", office="at the office")
        window = show_with_sync(make_window, journal)

        assert banner_text(window) == "Also edited on 2 other computers."
        dialog = open_compare(qtbot, window)
        others = [
            dialog.findChild(QWidget, f"conflictOtherText{i}").toPlainText()
            for i in range(2)
        ]
        assert sorted(others) == ["at the office", "at the office (1)"]


def test_keep_this_text_sets_the_other_aside_on_both_computers(
    qtbot, journal, conflict
):
    dialog = open_compare(qtbot, conflict.window)
    assert dialog.findChild(QWidget, "conflictCurrentText").toPlainText() == "at home"
    assert dialog.findChild(QWidget, "conflictOtherText0").toPlainText() == (
        "at the office"
    )
    choose(qtbot, dialog, Qt.Key.Key_K)

    assert editor_text(conflict.window) == "at home"
    assert not banner(conflict.window).isVisible()
    assert settled_everywhere(conflict.office, journal, conflict.entry_id) == [
        "at home",
        "at home",
    ]


def test_use_the_other_text_saves_it_and_undo_brings_back_this_one(
    qtbot, journal, conflict
):
    dialog = open_compare(qtbot, conflict.window)
    choose(qtbot, dialog, Qt.Key.Key_U)

    assert editor_text(conflict.window) == "at the office"
    assert journal.entries.get(conflict.entry_id).text == "at the office"
    assert not banner(conflict.window).isVisible()
    assert settled_everywhere(conflict.office, journal, conflict.entry_id) == [
        "at the office",
        "at the office",
    ]
    editor = conflict.window.day_view.form.text_edit
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor_text(conflict.window) == "at home"


def test_merge_by_hand_puts_both_texts_in_the_editor_and_saves_them(
    qtbot, journal, conflict
):
    dialog = open_compare(qtbot, conflict.window)
    choose(qtbot, dialog, Qt.Key.Key_M)

    merged = editor_text(conflict.window)
    assert re.fullmatch(
        rf"at home\n\n\u2014 also written on Office laptop at {WHEN} \u2014"
        r"\n\nat the office",
        merged,
    ), merged
    assert journal.entries.get(conflict.entry_id).text == merged
    assert not banner(conflict.window).isVisible()
    assert settled_everywhere(conflict.office, journal, conflict.entry_id) == [
        merged,
        merged,
    ]


def test_unsaved_typing_is_saved_before_a_choice_and_kept_in_a_merge(
    qtbot, journal, conflict
):
    type_at_end(qtbot, conflict.window, ", and later")

    dialog = open_compare(qtbot, conflict.window)
    assert dialog.findChild(QWidget, "conflictCurrentText").toPlainText() == (
        "at home, and later"
    )
    choose(qtbot, dialog, Qt.Key.Key_M)

    stored = journal.entries.get(conflict.entry_id).text
    assert stored.startswith("at home, and later\n\n")
    assert stored.endswith("\n\nat the office")
    assert editor_text(conflict.window) == stored


def test_unsaved_typing_can_be_had_back_after_using_the_other_text(
    qtbot, journal, conflict
):
    editor = type_at_end(qtbot, conflict.window, ", and later")

    dialog = open_compare(qtbot, conflict.window)
    choose(qtbot, dialog, Qt.Key.Key_U)
    assert journal.entries.get(conflict.entry_id).text == "at the office"

    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor_text(conflict.window) == "at home, and later"
    conflict.window.day_view.save_now()
    assert journal.entries.get(conflict.entry_id).text == "at home, and later"


def test_escape_changes_nothing_and_keeps_the_banner(qtbot, journal, conflict):
    dialog = open_compare(qtbot, conflict.window)
    choose(qtbot, dialog, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)

    assert editor_text(conflict.window) == "at home"
    assert journal.entries.get(conflict.entry_id).text == "at home"
    assert banner(conflict.window).isVisible()
    (other,) = SyncSource(journal).conflicts(conflict.entry_id)
    assert other.text == "at the office"


def test_a_merge_too_long_to_save_keeps_both_texts_and_the_versions(
    qtbot, journal, make_window, tmp_path: Path
):
    line = "x" * 79 + "\n"
    long_text = line * (TEXT_MAX // len(line))  # as long as a text can be
    with computers(journal, tmp_path) as both:
        entry_id = both.conflict(TODAY, home=long_text, office="at the office")
        window = show_with_sync(make_window, journal)

        dialog = open_compare(qtbot, window)
        choose(qtbot, dialog, Qt.Key.Key_M)

        assert editor_text(window).startswith(long_text)  # nothing lost
        assert editor_text(window).endswith("at the office")
        assert journal.entries.get(entry_id).text == long_text
        problem = window.findChild(QLabel, "saveProblemText").text()
        assert "Not saved yet" in problem
        assert banner(window).isVisible()
        assert len(SyncSource(journal).conflicts(entry_id)) == 1
