"""The history's filter controls: dates, tag, dimension, lean and advice.

They sit in two rows above the table; each one narrows the entries shown,
and all of them together make the HistoryFilter the view asks storage for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.domain.dimensions import DIMENSIONS
from leaderjournal.domain.filters import DimensionRange, HistoryFilter
from leaderjournal.domain.limits import RATING_MAX, RATING_MIN
from leaderjournal.domain.scoring import lean
from leaderjournal.ui.common.dates import py_date
from leaderjournal.ui.common.style import SPACING

ANY = "Any"
#: Ticking "Dates from" shows this many days, up to today.
RECENT_DAYS = 30
#: The lean's ends: every rating at one end of the scale.
LEAN_MIN, LEAN_MAX = (int(lean([r]) or 0) for r in (RATING_MIN, RATING_MAX))


class HistoryFilters(QWidget):
    """The filter rows; ``changed`` tells that one of them was set anew."""

    changed = Signal()

    def __init__(
        self, today: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._today = today
        self.dates_box = QCheckBox("&Dates from", objectName="filterDates")
        self.from_edit = self._date_edit("filterFrom", "From")
        self.to_edit = self._date_edit("filterTo", "To")
        self._recent_days = self._show_recent_days()
        self.tag_combo = QComboBox(objectName="filterTag")
        self.tag_combo.setEditable(True)
        self.tag_combo.setAccessibleName("Tag")
        self.tag_combo.setMinimumContentsLength(10)
        self.dimension_combo = QComboBox(objectName="filterDimension")
        self.dimension_combo.setAccessibleName("Dimension")
        self.dimension_combo.addItem(f"{ANY} dimension", None)
        for dimension in DIMENSIONS:
            self.dimension_combo.addItem(dimension.name, dimension.key)
        self.dimension_low = self._spin(
            "filterDimensionLow", RATING_MIN, RATING_MAX, "Lowest rating"
        )
        self.dimension_high = self._spin(
            "filterDimensionHigh", RATING_MIN, RATING_MAX, "Highest rating"
        )
        self.lean_box = QCheckBox("&Lean from", objectName="filterLean")
        self.lean_low = self._spin("filterLeanLow", LEAN_MIN, LEAN_MAX, "Lowest lean")
        self.lean_high = self._spin(
            "filterLeanHigh", LEAN_MIN, LEAN_MAX, "Highest lean"
        )
        self._reset_ranges()
        self.advice_box = QCheckBox(
            "Someone asked for &advice", objectName="filterAdvice"
        )
        self.clear_button = QPushButton("&Clear filters", objectName="clearFilters")

        self.dates_box.toggled.connect(self._dates_toggled)
        for widget in (self.dates_box, self.lean_box, self.advice_box):
            widget.toggled.connect(self._filters_changed)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self._filters_changed)
        for spin in (
            self.dimension_low,
            self.dimension_high,
            self.lean_low,
            self.lean_high,
        ):
            spin.valueChanged.connect(self._filters_changed)
        self.dimension_combo.currentIndexChanged.connect(self._filters_changed)
        self.tag_combo.currentTextChanged.connect(self._filters_changed)
        self._enable_filter_fields()
        self._build_layout()

    def _date_edit(self, name: str, label: str) -> QDateEdit:
        edit = QDateEdit(objectName=name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAccessibleName(f"{label} date")
        return edit

    def _spin(self, name: str, low: int, high: int, label: str) -> QSpinBox:
        spin = QSpinBox(objectName=name)
        spin.setRange(low, high)
        spin.setAccessibleName(label)
        return spin

    def _build_layout(self) -> None:
        tag_label = QLabel("&Tag")
        tag_label.setBuddy(self.tag_combo)
        first = _row(
            self.dates_box,
            self.from_edit,
            QLabel("to"),
            self.to_edit,
            16,
            tag_label,
            self.tag_combo,
            16,
            self.advice_box,
        )
        second = _row(
            self.dimension_combo,
            self.dimension_low,
            QLabel("to"),
            self.dimension_high,
            16,
            self.lean_box,
            self.lean_low,
            QLabel("to"),
            self.lean_high,
            16,
            self.clear_button,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addLayout(first)
        layout.addLayout(second)

    def current_filter(self, text: str, sort: str, descending: bool) -> HistoryFilter:
        """The search ``text`` and sort with the filters as set now."""
        dates = self.dates_box.isChecked()
        key = self.dimension_combo.currentData()
        low, high = sorted((self.dimension_low.value(), self.dimension_high.value()))
        lean = self.lean_box.isChecked()
        tag = self.tag_combo.currentText().strip()
        return HistoryFilter(
            text=text,
            start=py_date(self.from_edit.date()) if dates else None,
            end=py_date(self.to_edit.date()) if dates else None,
            tag="" if tag.startswith(ANY) else tag,
            dimension=DimensionRange(key, low, high) if key else None,
            lean_min=float(min(self.lean_low.value(), self.lean_high.value()))
            if lean
            else None,
            lean_max=float(max(self.lean_low.value(), self.lean_high.value()))
            if lean
            else None,
            asked_for_advice=self.advice_box.isChecked(),
            sort=sort,
            descending=descending,
        )

    def set_tags(self, tags: list[str]) -> None:
        """Offer ``tags`` to choose from, keeping the one chosen."""
        current = self.tag_combo.currentText()
        self.tag_combo.blockSignals(True)
        self.tag_combo.clear()
        self.tag_combo.addItem(f"{ANY} tag")
        self.tag_combo.addItems(tags)
        self.tag_combo.setCurrentText(current or f"{ANY} tag")
        self.tag_combo.blockSignals(False)

    def clear(self) -> None:
        """Put every filter back as it was at the start: nothing narrowed."""
        for box in (self.dates_box, self.lean_box, self.advice_box):
            box.setChecked(False)
        self._recent_days = self._show_recent_days()
        self.dimension_combo.setCurrentIndex(0)
        self.tag_combo.setCurrentText(f"{ANY} tag")
        self._reset_ranges()

    def _reset_ranges(self) -> None:
        """The dimension's and the lean's ranges to the whole scale."""
        for spin, value in (
            (self.dimension_low, RATING_MIN),
            (self.dimension_high, RATING_MAX),
            (self.lean_low, LEAN_MIN),
            (self.lean_high, LEAN_MAX),
        ):
            spin.setValue(value)

    def _show_recent_days(self) -> tuple[QDate, QDate]:
        """Set the date range to the last RECENT_DAYS days, today included."""
        today = self._today()
        first = today - dt.timedelta(days=RECENT_DAYS - 1)
        shown = QDate(first), QDate(today)
        for edit, day in zip((self.from_edit, self.to_edit), shown, strict=True):
            edit.blockSignals(True)
            edit.setDate(day)
            edit.blockSignals(False)
        return shown

    def _dates_toggled(self, checked: bool) -> None:
        # The window may have stayed open since another day: dates the person
        # has not changed follow today.
        untouched = (self.from_edit.date(), self.to_edit.date()) == self._recent_days
        if checked and untouched:
            self._recent_days = self._show_recent_days()

    def _filters_changed(self, *_args: object) -> None:
        self._enable_filter_fields()
        self.changed.emit()

    def _enable_filter_fields(self) -> None:
        self.from_edit.setEnabled(self.dates_box.isChecked())
        self.to_edit.setEnabled(self.dates_box.isChecked())
        has_dimension = self.dimension_combo.currentData() is not None
        self.dimension_low.setEnabled(has_dimension)
        self.dimension_high.setEnabled(has_dimension)
        self.lean_low.setEnabled(self.lean_box.isChecked())
        self.lean_high.setEnabled(self.lean_box.isChecked())


def _row(*items: QWidget | int) -> QHBoxLayout:
    """Widgets in a row, an int being a gap; the rest of the row stays empty."""
    row = QHBoxLayout()
    row.setSpacing(SPACING)
    for item in items:
        if isinstance(item, int):
            row.addSpacing(item)
        else:
            row.addWidget(item)
    row.addStretch(1)
    return row
