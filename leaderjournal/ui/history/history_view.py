"""History: every entry in a table, with search and filters that combine.

The view owns the query (a HistoryFilter); storage answers it a page at a
time, and the table model only holds the pages the person has scrolled to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.domain.dimensions import DIMENSIONS
from leaderjournal.domain.filters import DimensionRange, HistoryFilter
from leaderjournal.domain.limits import RATING_MAX, RATING_MIN
from leaderjournal.domain.scoring import lean
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.search import searchable
from leaderjournal.ui.common.dates import py_date
from leaderjournal.ui.common.style import MARGIN, SPACING
from leaderjournal.ui.history.cell_delegates import set_delegates
from leaderjournal.ui.history.history_model import (
    ADVICE,
    DATE,
    LEAN,
    PAGE_SIZE,
    RATINGS,
    TAGS,
    TEXT,
    TITLE,
    EntryTableModel,
)

REQUERY_MS = 200
ANY = "Any"
#: Ticking "Dates from" shows this many days, up to today.
RECENT_DAYS = 30
#: The lean's ends: every rating at one end of the scale.
LEAN_MIN, LEAN_MAX = (int(lean([r]) or 0) for r in (RATING_MIN, RATING_MAX))


class HistoryView(QWidget):
    """Browse, search and filter all entries; open one in the day view."""

    entry_opened = Signal(str, object)  # entry id, its date

    def __init__(
        self,
        journal: Journal,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyView")
        self._journal = journal
        self._today = today
        self._sort = ("date", True)
        self._loaded = False
        self._timer = QTimer(self, singleShot=True, interval=REQUERY_MS)
        self._timer.timeout.connect(self.refresh)

        self.search = QLineEdit(objectName="historySearch")
        self.search.setPlaceholderText(
            'Search: all words must match; "a phrase"; deleg finds delegated'
        )
        self.search.setAccessibleName("Search entries")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(objectName="historyCount")
        self.count_label.setAccessibleName("Number of matching entries")

        self._build_filters()
        self.model = EntryTableModel(self)
        self.model.sort_requested.connect(self._sort_changed)
        self.table = self._build_table()

        self.search.textChanged.connect(self._timer.start)
        # Down or Enter in the search box goes on to the results.
        self.search.returnPressed.connect(self.focus_results)
        self.search.installEventFilter(self)
        self._build_layout()

    # -- building ----------------------------------------------------------------

    def _build_filters(self) -> None:
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
        self.clear_button.clicked.connect(self.clear_filters)

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

    def _build_table(self) -> QTableView:
        table = QTableView(objectName="historyTable")
        table.setModel(self.model)
        table.setAccessibleName("Entries")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        # Tab goes on to the next control; the arrows move between rows.
        table.setTabKeyNavigation(False)
        table.verticalHeader().hide()
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(DATE, Qt.SortOrder.DescendingOrder)
        set_delegates(table)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The text takes whatever the other columns leave, so every column
        # stays in sight from an 800-px window up and a wide window gives the
        # room to what was written.
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        for column, width in (
            (DATE, 112),
            (TITLE, 160),
            (RATINGS, 90),
            (LEAN, 56),
            (ADVICE, 56),
            (TAGS, 110),
        ):
            table.setColumnWidth(column, width)
        table.doubleClicked.connect(self._open_index)
        for key in ("Return", "Enter"):
            shortcut = QShortcut(QKeySequence(key), table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self._open_index(table.currentIndex()))
        return table

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
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(top)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.table, 1)

    # -- the query -----------------------------------------------------------------

    def current_filter(self) -> HistoryFilter:
        """The search and filters as set now."""
        dates = self.dates_box.isChecked()
        key = self.dimension_combo.currentData()
        low, high = sorted((self.dimension_low.value(), self.dimension_high.value()))
        lean = self.lean_box.isChecked()
        tag = self.tag_combo.currentText().strip()
        return HistoryFilter(
            text=self.search.text(),
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
            sort=self._sort[0],
            descending=self._sort[1],
        )

    def refresh(self) -> None:
        """Run the query again and show its first page."""
        self._timer.stop()
        wanted = self.current_filter()
        history = self._journal.history
        total = history.count(wanted)
        first = history.page(wanted, 0, PAGE_SIZE)
        self.model.set_rows(
            first, total, lambda offset, limit: history.page(wanted, offset, limit)
        )
        self._loaded = True
        self._show_count(wanted, total)

    def _show_count(self, wanted: HistoryFilter, total: int) -> None:
        if not searchable(wanted):
            text = "Type a word to search; punctuation alone matches nothing."
        elif wanted.is_empty():
            text = f"{total:,} entries" if total != 1 else "1 entry"
        else:
            text = f"{total:,} entries match" if total != 1 else "1 entry matches"
        self.count_label.setText(text)

    @property
    def loaded(self) -> bool:
        """Whether the person has opened the history (so it has a query)."""
        return self._loaded

    def load_tags(self) -> None:
        current = self.tag_combo.currentText()
        self.tag_combo.blockSignals(True)
        self.tag_combo.clear()
        self.tag_combo.addItem(f"{ANY} tag")
        self.tag_combo.addItems(self._journal.entries.tags())
        self.tag_combo.setCurrentText(current or f"{ANY} tag")
        self.tag_combo.blockSignals(False)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_results(self) -> None:
        """Move the keyboard to the results, on the first row: a search still
        waiting to run is run first. Nothing moves when nothing was found."""
        if self._timer.isActive():
            self.refresh()
        if self.model.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.selectRow(0)
        self.table.setCurrentIndex(self.model.index(0, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.focus_results()
            return True
        return super().eventFilter(watched, event)

    def clear_filters(self) -> None:
        """Put every control back as it was at the start: all entries show."""
        self.search.clear()
        for box in (self.dates_box, self.lean_box, self.advice_box):
            box.setChecked(False)
        self._recent_days = self._show_recent_days()
        self.dimension_combo.setCurrentIndex(0)
        self.tag_combo.setCurrentText(f"{ANY} tag")
        self._reset_ranges()
        self.refresh()

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
        self._timer.start()

    def _enable_filter_fields(self) -> None:
        self.from_edit.setEnabled(self.dates_box.isChecked())
        self.to_edit.setEnabled(self.dates_box.isChecked())
        has_dimension = self.dimension_combo.currentData() is not None
        self.dimension_low.setEnabled(has_dimension)
        self.dimension_high.setEnabled(has_dimension)
        self.lean_low.setEnabled(self.lean_box.isChecked())
        self.lean_high.setEnabled(self.lean_box.isChecked())

    def _sort_changed(self, sort: str, descending: bool) -> None:
        self._sort = (sort, descending)
        self.refresh()

    def _open_index(self, index) -> None:
        if not index.isValid():
            return
        row = self.model.row_at(index.row())
        self.entry_opened.emit(row.id, row.date)


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
