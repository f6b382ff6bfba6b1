"""The history's filter panel in the running window: what Clear filters and
the date box do, as the person sees the controls and the count."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QSpinBox,
    QWidget,
)

from leaderjournal.domain.entry import Entry

STAMP = dt.datetime(2020, 1, 1, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2000, 1, 20)


def entries(count: int) -> list[Entry]:
    """Two entries a day from 2000-01-01; every other one tagged "team"."""
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
            tags=("team",) if n % 2 else (),
        )
        for n in range(count)
    ]


def open_history(qtbot, journal, make_window):
    window = make_window(journal, today=lambda: TODAY)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() is window.history_view
    return window


def count_text(window) -> str:
    return window.findChild(QLabel, "historyCount").text()


def controls(window) -> dict[str, object]:
    """Every filter control's value, as the person reads it on screen."""

    def find(kind, name):
        found = window.findChild(kind, name)
        assert found is not None, name
        return found

    return {
        "search": window.history_view.search.text(),
        "dates": find(QCheckBox, "filterDates").isChecked(),
        "from": find(QDateEdit, "filterFrom").date().toPython(),
        "to": find(QDateEdit, "filterTo").date().toPython(),
        "tag": find(QComboBox, "filterTag").currentText(),
        "advice": find(QCheckBox, "filterAdvice").isChecked(),
        "dimension": find(QComboBox, "filterDimension").currentText(),
        "dimension low": find(QSpinBox, "filterDimensionLow").value(),
        "dimension high": find(QSpinBox, "filterDimensionHigh").value(),
        "lean": find(QCheckBox, "filterLean").isChecked(),
        "lean low": find(QSpinBox, "filterLeanLow").value(),
        "lean high": find(QSpinBox, "filterLeanHigh").value(),
    }


INITIAL = {
    "search": "",
    "dates": False,
    "from": TODAY - dt.timedelta(days=29),
    "to": TODAY,
    "tag": "Any tag",
    "advice": False,
    "dimension": "Any dimension",
    "dimension low": -2,
    "dimension high": 2,
    "lean": False,
    "lean low": -100,
    "lean high": 100,
}


def test_the_filters_start_at_their_initial_values(qtbot, journal, make_window):
    journal.entries.save_many(entries(60))
    window = open_history(qtbot, journal, make_window)

    assert controls(window) == INITIAL
    assert count_text(window) == "60 entries"


def test_ticking_dates_shows_the_last_thirty_days(qtbot, journal, make_window):
    journal.entries.save_many(entries(60))  # 2000-01-01 .. 2000-01-30
    window = open_history(qtbot, journal, make_window)

    window.findChild(QCheckBox, "filterDates").click()

    assert window.findChild(QDateEdit, "filterFrom").date() == QDate(1999, 12, 22)
    assert window.findChild(QDateEdit, "filterTo").date() == QDate(2000, 1, 20)
    # 2000-01-01 .. 2000-01-20: twenty days of two entries.
    qtbot.waitUntil(lambda: count_text(window) == "40 entries match", timeout=2000)


def test_clear_filters_puts_every_control_back_and_shows_every_entry(
    qtbot, journal, make_window
):
    journal.entries.save_many(entries(60))
    window = open_history(qtbot, journal, make_window)
    view = window.history_view
    filters = view.filters
    qtbot.keyClicks(view.search, "roadmap")
    filters.dates_box.setChecked(True)
    filters.from_edit.setDate(QDate(2000, 1, 5))
    filters.tag_combo.setCurrentText("team")
    filters.advice_box.setChecked(True)
    filters.dimension_combo.setCurrentIndex(1)
    filters.dimension_low.setValue(-2)
    filters.dimension_high.setValue(-1)
    filters.lean_box.setChecked(True)
    filters.lean_low.setValue(50)
    filters.lean_high.setValue(100)
    qtbot.waitUntil(lambda: count_text(window) == "0 entries match", timeout=2000)

    window.findChild(QWidget, "clearFilters").click()

    assert controls(window) == INITIAL
    assert count_text(window) == "60 entries"
    assert view.model.total() == 60


def test_old_ranges_do_not_come_back_after_clearing(qtbot, journal, make_window):
    journal.entries.save_many(entries(60))
    window = open_history(qtbot, journal, make_window)
    filters = window.history_view.filters
    filters.dimension_combo.setCurrentIndex(1)
    filters.dimension_low.setValue(-2)
    filters.dimension_high.setValue(-1)
    filters.lean_box.setChecked(True)
    filters.lean_low.setValue(50)
    window.findChild(QWidget, "clearFilters").click()

    # Choosing a dimension and ticking the lean again starts from the whole
    # scale, so every rated entry still shows.
    filters.dimension_combo.setCurrentIndex(1)
    filters.lean_box.setChecked(True)

    assert (filters.dimension_low.value(), filters.dimension_high.value()) == (-2, 2)
    assert (filters.lean_low.value(), filters.lean_high.value()) == (-100, 100)
    qtbot.waitUntil(lambda: count_text(window) == "60 entries match", timeout=2000)


def test_dates_follow_today_until_the_person_changes_them(qtbot, journal, make_window):
    days = [TODAY]
    window = make_window(journal, today=lambda: days[0])
    window.show_view(window.history_view)
    filters = window.history_view.filters
    days[0] = TODAY + dt.timedelta(days=3)  # the window stayed open

    filters.dates_box.setChecked(True)
    assert filters.from_edit.date() == QDate(1999, 12, 25)
    assert filters.to_edit.date() == QDate(2000, 1, 23)

    filters.from_edit.setDate(QDate(2000, 1, 2))
    filters.dates_box.setChecked(False)
    days[0] = TODAY + dt.timedelta(days=4)
    filters.dates_box.setChecked(True)
    assert filters.from_edit.date() == QDate(2000, 1, 2)  # the person's choice
    assert filters.to_edit.date() == QDate(2000, 1, 23)
