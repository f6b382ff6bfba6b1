"""History: every entry in a table, with search and filters that combine.

The view owns the query (a HistoryFilter); storage answers it a page at a
time, and the table model only holds the pages the person has scrolled to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.domain.filters import HistoryFilter
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.search import searchable
from leaderjournal.ui.common.style import MARGIN, SPACING
from leaderjournal.ui.history.cell_delegates import set_delegates
from leaderjournal.ui.history.history_filters import HistoryFilters
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

        self.filters = HistoryFilters(today)
        self.filters.clear_button.clicked.connect(self.clear_filters)
        self.filters.changed.connect(self._timer.start)
        self.model = EntryTableModel(self)
        self.model.sort_requested.connect(self._sort_changed)
        self.table = self._build_table()

        self.search.textChanged.connect(self._timer.start)
        # Down or Enter in the search box goes on to the results.
        self.search.returnPressed.connect(self.focus_results)
        self.search.installEventFilter(self)
        self._build_layout()

    # -- building ----------------------------------------------------------------

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
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)

    # -- the query -----------------------------------------------------------------

    def current_filter(self) -> HistoryFilter:
        """The search and filters as set now."""
        return self.filters.current_filter(self.search.text(), *self._sort)

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
        self.filters.set_tags(self._journal.entries.tags())

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
        self.filters.clear()
        self.refresh()

    def _sort_changed(self, sort: str, descending: bool) -> None:
        self._sort = (sort, descending)
        self.refresh()

    def _open_index(self, index) -> None:
        if not index.isValid():
            return
        row = self.model.row_at(index.row())
        self.entry_opened.emit(row.id, row.date)
