"""Compare…: the texts side by side one under the other, each read from its
own side, every way out reached from the keyboard, Enter and Escape changing
nothing, and one of several other versions chosen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit, QWidget

from leaderjournal.ui.common.sync_source import SyncSource
from tests.ui.day.conflicts import computers, sync

TODAY = dt.date.today()
ARABIC = "قررت أن أستمع أولاً ثم أترك الفريق يختار الطريقة."


def open_compare(qtbot, window, journal) -> QDialog:
    window.day_view.set_conflict_source(SyncSource(journal))
    button = window.findChild(QWidget, "conflictBannerButton")
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(QDialog, "conflictDialog")
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def start_x(view: QPlainTextEdit) -> int:
    """Where the first paragraph of ``view`` begins on screen."""
    cursor = view.textCursor()
    cursor.setPosition(0)
    return view.cursorRect(cursor).x()


def test_each_text_reads_from_its_own_side(qtbot, journal, make_window, tmp_path: Path):
    with computers(journal, tmp_path) as both:
        both.conflict(TODAY, home="Met the team about the roadmap.", office=ARABIC)
        window = make_window(journal)
        dialog = open_compare(qtbot, window, journal)

        here = dialog.findChild(QPlainTextEdit, "conflictCurrentText")
        there = dialog.findChild(QPlainTextEdit, "conflictOtherText0")
        assert here.isReadOnly()
        assert there.isReadOnly()
        assert there.toPlainText() == ARABIC
        assert start_x(here) < here.viewport().width() // 4
        assert start_x(there) > there.viewport().width() * 3 // 4


def test_every_way_out_is_reached_by_tab_and_enter_changes_nothing(
    qtbot, journal, make_window, tmp_path: Path
):
    with computers(journal, tmp_path) as both:
        entry_id = both.conflict(TODAY, home="at home", office="at the office")
        window = make_window(journal)
        dialog = open_compare(qtbot, window, journal)

        reached = set()
        for _ in range(12):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            reached.add(QApplication.focusWidget().objectName())
        assert {"keepThisText", "useOtherText", "mergeByHand", "cancelConflict"} <= (
            reached
        )

        dialog.findChild(QWidget, "conflictCurrentText").setFocus()
        with qtbot.waitSignal(dialog.finished) as finished:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        assert finished.args == [QDialog.DialogCode.Rejected.value]
        assert journal.entries.get(entry_id).text == "at home"
        assert window.findChild(QWidget, "conflictBanner").isVisible()
        assert len(SyncSource(journal).conflicts(entry_id)) == 1


def test_one_of_several_other_texts_is_chosen_and_all_are_settled(
    qtbot, journal, make_window, tmp_path: Path
):
    with computers(journal, tmp_path, "Train tablet") as three:
        entry_id = three.conflict(TODAY, home="at home", office="at the office")
        window = make_window(journal)
        dialog = open_compare(qtbot, window, journal)
        second = dialog.findChild(QPlainTextEdit, "conflictOtherText1").toPlainText()

        first_pick = dialog.findChild(QWidget, "pick0")
        first_pick.setFocus()
        qtbot.keyClick(first_pick, Qt.Key.Key_Down)
        assert dialog.findChild(QWidget, "pick1").isChecked()
        with qtbot.waitSignal(dialog.finished):
            qtbot.keyClick(dialog, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)

        assert window.day_view.form.text_edit.toPlainText() == second
        assert journal.entries.get(entry_id).text == second
        everyone = [journal, three.office, *three.others]
        sync(*everyone, *everyone)
        for each in everyone:
            assert each.entries.get(entry_id).text == second
            assert SyncSource(each).conflicts(entry_id) == []
