"""The history view in the running window, on real journals."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.ui.history.history_model import LEAN, PAGE_SIZE, TEXT

STAMP = dt.datetime(2020, 1, 1, 9, 0, tzinfo=dt.UTC)


def many(count: int) -> list[Entry]:
    return [
        Entry(
            id=str(uuid.UUID(int=n + 1)),
            date=dt.date(2000, 1, 1) + dt.timedelta(days=n // 2),
            created_at=STAMP,
            updated_at=STAMP,
            title=f"Entry {n}",
            text="Delegated the release" if n % 10 == 0 else "Reviewed the roadmap",
            ratings={"influence": n % 5 - 2},
            advice_requests=n % 3,
        )
        for n in range(count)
    ]


def count_text(window) -> str:
    return window.findChild(QLabel, "historyCount").text()


def test_with_ten_thousand_entries_only_one_page_is_held(qtbot, journal, make_window):
    journal.entries.save_many(many(10_000))
    window = make_window(journal)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)

    model = window.history_view.model
    assert model.total() == 10_000
    assert model.rowCount() == PAGE_SIZE
    assert count_text(window) == "10,000 entries"
    table = window.findChild(QWidget, "historyTable")
    table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE, timeout=2000)
    assert model.row_at(0).title == "Entry 9999"  # newest first


def test_ctrl_f_searches_from_anywhere_and_counts_matches(qtbot, journal, make_window):
    journal.entries.save_many(many(50))
    window = make_window(journal)
    assert window.current_view() is window.day_view

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.findChild(QWidget, "historySearch")
    assert QApplication.focusWidget() is search
    qtbot.keyClicks(search, "deleg")

    qtbot.waitUntil(lambda: count_text(window) == "5 entries match", timeout=2000)
    model = window.history_view.model
    assert model.index(0, TEXT).data() == "Delegated the release"
    assert model.row_at(0).snippet.startswith("\x02Delegated\x03")


def test_a_query_of_punctuation_gets_a_hint(qtbot, journal, make_window):
    journal.entries.save_many(many(5))
    window = make_window(journal)
    window.search()
    qtbot.keyClicks(window.findChild(QWidget, "historySearch"), '"*')
    qtbot.waitUntil(lambda: "Type a word" in count_text(window), timeout=2000)
    assert window.history_view.model.rowCount() == 0


def test_enter_opens_the_entry_on_its_day(qtbot, journal, make_window):
    target = Entry.new(dt.date(2024, 2, 29), title="Leap day coaching", text="found me")
    journal.entries.save_many([*many(20), target])
    window = make_window(journal)
    window.search()
    qtbot.keyClicks(window.findChild(QWidget, "historySearch"), "leap")
    qtbot.waitUntil(lambda: window.history_view.model.rowCount() == 1, timeout=2000)
    table = window.findChild(QWidget, "historyTable")
    table.setFocus()
    table.setCurrentIndex(window.history_view.model.index(0, 0))

    qtbot.keyClick(table, Qt.Key.Key_Return)

    assert window.current_view() is window.day_view
    assert window.day_view.day() == dt.date(2024, 2, 29)
    assert window.day_view.form.title_edit.text() == "Leap day coaching"


def test_double_click_opens_the_entry_too(qtbot, journal, make_window):
    journal.entries.save_many(many(3))
    window = make_window(journal)
    window.show_view(window.history_view)
    table = window.findChild(QWidget, "historyTable")
    index = window.history_view.model.index(1, 1)
    table.doubleClicked.emit(index)
    assert window.day_view.form.title_edit.text() == "Entry 1"


def test_sorting_by_lean_from_the_header(qtbot, journal, make_window):
    journal.entries.save_many(many(30))
    window = make_window(journal)
    window.show_view(window.history_view)
    table = window.findChild(QWidget, "historyTable")

    table.sortByColumn(LEAN, Qt.SortOrder.DescendingOrder)

    leans = [window.history_view.model.row_at(r).lean for r in range(30)]
    assert leans[:6] == [100.0] * 6  # influence +2 on n = 4, 9, 14, 19, 24, 29
    assert leans[-1] == -100.0


def test_filters_from_the_panel_combine(qtbot, journal, make_window):
    journal.entries.save_many(many(30))
    window = make_window(journal)
    window.show_view(window.history_view)
    filters = window.history_view.filters

    filters.advice_box.setChecked(True)  # n % 3 != 0: 20 entries
    qtbot.waitUntil(lambda: count_text(window) == "20 entries match", timeout=2000)
    filters.dimension_combo.setCurrentIndex(1)  # Power <-> Influence
    # influence +2: n % 5 == 4 -> 6 of 30, 4 with advice
    filters.dimension_low.setValue(2)
    qtbot.waitUntil(lambda: count_text(window) == "4 entries match", timeout=2000)
    qtbot.mouseClick(
        window.findChild(QWidget, "clearFilters"), Qt.MouseButton.LeftButton
    )
    assert count_text(window) == "30 entries"


def test_a_saved_entry_shows_up_in_the_history(qtbot, journal, make_window):
    window = make_window(journal)
    qtbot.keyClicks(window.findChild(QWidget, "textEdit"), "Brand new thought")
    window.show_view(window.history_view)  # switching saves first
    assert window.history_view.model.row_at(0).first_line == "Brand new thought"


def test_export_what_the_history_shows(qtbot, tmp_path, journal, make_window, dialogs):
    import csv

    journal.entries.save_many(many(30))
    window = make_window(journal)
    window.search()
    qtbot.keyClicks(window.findChild(QWidget, "historySearch"), "delegated")
    qtbot.waitUntil(lambda: count_text(window) == "3 entries match", timeout=2000)
    dialog = window.exchange.show_export()
    shown = dialog.findChild(QWidget, "exportShown")
    assert shown.isVisible()
    shown.click()
    dialogs.save_path = tmp_path / "shown.csv"
    with qtbot.waitSignal(dialog.exported, timeout=5000):
        dialog.findChild(QWidget, "exportButton").click()

    with (tmp_path / "shown.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["title"] for r in rows] == ["Entry 0", "Entry 10", "Entry 20"]
