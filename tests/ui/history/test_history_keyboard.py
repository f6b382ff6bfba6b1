"""Moving between the history's search box and its results with the keyboard,
in the running window."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from leaderjournal.domain.entry import Entry

STAMP = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)


def entry(day: int, title: str, text: str) -> Entry:
    return Entry.new(dt.date(2024, 3, day), STAMP, title=title, text=text)


def count_text(window) -> str:
    return window.findChild(QLabel, "historyCount").text()


def search(qtbot, window, words: str, matches: str) -> None:
    window.search()
    qtbot.keyClicks(window.findChild(QWidget, "historySearch"), words)
    qtbot.waitUntil(lambda: count_text(window) == matches, timeout=2000)


def three_entries(journal) -> None:
    journal.entries.save_many(
        [
            entry(1, "First plan", "The plan, first draft."),
            entry(2, "Second plan", "The plan again."),
            entry(3, "Third plan", "The plan, at last."),
        ]
    )


def focus() -> QWidget | None:
    return QApplication.focusWidget()


def test_down_moves_from_the_search_box_to_the_first_result(
    qtbot, journal, make_window
):
    three_entries(journal)
    window = make_window(journal)
    search(qtbot, window, "plan", "3 entries match")
    table = window.findChild(QWidget, "historyTable")

    qtbot.keyClick(focus(), Qt.Key.Key_Down)

    assert focus() is table
    assert table.currentIndex().row() == 0
    assert table.selectionModel().isRowSelected(0)
    qtbot.keyClick(table, Qt.Key.Key_Down)  # arrows move inside the results
    assert table.selectionModel().isRowSelected(1)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.current_view() is window.day_view
    assert window.day_view.form.title_edit.text() == "Second plan"


def test_enter_in_the_search_box_goes_to_the_results_then_opens_one(
    qtbot, journal, make_window
):
    three_entries(journal)
    window = make_window(journal)
    window.search()
    box = window.findChild(QWidget, "historySearch")
    table = window.findChild(QWidget, "historyTable")
    qtbot.keyClicks(box, "third")

    # At once, without waiting for the search to run by itself.
    qtbot.keyClick(box, Qt.Key.Key_Return)

    assert count_text(window) == "1 entry matches"
    assert focus() is table
    assert table.selectionModel().isRowSelected(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.current_view() is window.day_view
    assert window.day_view.form.title_edit.text() == "Third plan"


def test_enter_with_nothing_found_stays_in_the_search_box(qtbot, journal, make_window):
    three_entries(journal)
    window = make_window(journal)
    window.search()
    box = window.findChild(QWidget, "historySearch")
    qtbot.keyClicks(box, "nowhere")

    qtbot.keyClick(box, Qt.Key.Key_Return)

    assert count_text(window) == "0 entries match"
    assert focus() is box
    assert window.current_view() is window.history_view


def test_tab_leaves_the_results_and_shift_tab_comes_back(qtbot, journal, make_window):
    three_entries(journal)
    window = make_window(journal)
    search(qtbot, window, "plan", "3 entries match")
    table = window.findChild(QWidget, "historyTable")
    qtbot.keyClick(focus(), Qt.Key.Key_Down)
    assert focus() is table

    qtbot.keyClick(table, Qt.Key.Key_Tab)

    assert focus() is not table  # not the next cell: the next control
    assert not table.isAncestorOf(focus())
    assert table.currentIndex().row() == 0
    qtbot.keyClick(focus(), Qt.Key.Key_Backtab)
    assert focus() is table
    qtbot.keyClick(table, Qt.Key.Key_Backtab)
    assert focus() is window.findChild(QWidget, "clearFilters")


def test_shift_down_in_the_search_box_stays_there(qtbot, journal, make_window):
    three_entries(journal)
    window = make_window(journal)
    search(qtbot, window, "plan", "3 entries match")
    box = window.findChild(QWidget, "historySearch")

    qtbot.keyClick(box, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)

    assert focus() is box
