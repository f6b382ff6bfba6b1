"""The history table's model: its columns, and the text each cell shows.

The model is passive: the view that owns the query hands it the first page
and a function for the next ones; Qt asks for more (``canFetchMore`` /
``fetchMore``) only as the person scrolls, so a journal of 100,000 entries
never has them all in memory.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from leaderjournal.domain.dimensions import DIMENSIONS, rating_label
from leaderjournal.domain.scoring import format_lean
from leaderjournal.storage.history import MATCH_END, MATCH_START, HistoryRow

PAGE_SIZE = 100

COLUMNS = ("Date", "Title", "Text", "Ratings", "Lean", "Advice", "Tags")
DATE, TITLE, TEXT, RATINGS, LEAN, ADVICE, TAGS = range(len(COLUMNS))
SORTABLE = {DATE: "date", LEAN: "lean"}
#: A cell's text with the words the search matched between MATCH_START and
#: MATCH_END (title, text and tags); what the delegates draw marked.
MARKED_TEXT_ROLE = Qt.ItemDataRole.UserRole + 1

Fetch = Callable[[int, int], list[HistoryRow]]
AnyIndex = QModelIndex | QPersistentModelIndex


class EntryTableModel(QAbstractTableModel):
    """Rows of the history table, fetched a page at a time."""

    sort_requested = Signal(str, bool)  # "date" or "lean", descending

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryRow] = []
        self._total = 0
        self._fetch: Fetch | None = None

    def set_rows(self, first_page: list[HistoryRow], total: int, fetch: Fetch) -> None:
        """Show a new result: its first page, how many in all, and the fetcher."""
        self.beginResetModel()
        self._rows = list(first_page)
        self._total = total
        self._fetch = fetch
        self.endResetModel()

    def row_at(self, row: int) -> HistoryRow:
        return self._rows[row]

    def total(self) -> int:
        return self._total

    # -- paging ----------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._fetch is None:
            return
        more = self._fetch(len(self._rows), PAGE_SIZE)
        if not more:
            self._total = len(self._rows)  # the journal changed under us
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    # -- shape -----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section in SORTABLE:
            return f"Sort by {COLUMNS[section].lower()}"
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if column in SORTABLE:
            self.sort_requested.emit(
                SORTABLE[column], order == Qt.SortOrder.DescendingOrder
            )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (LEAN, ADVICE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == MARKED_TEXT_ROLE:
            return _marked(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _tooltip(row, column) or _display(row, column)
        return None


def _marked(row: HistoryRow, column: int) -> str | None:
    """The title, the text (around its first match, or its start) or the
    tags, each with its own matches marked."""
    if column == TITLE:
        return row.marked_title or row.title
    if column == TEXT:
        return row.snippet or row.first_line
    if column == TAGS:
        return row.marked_tags or row.tags_text
    return None


def _display(row: HistoryRow, column: int) -> str:
    if column == DATE:
        return f"{row.date:%a} {row.date.isoformat()}"
    if column in (TITLE, TEXT, TAGS):
        marked = _marked(row, column) or ""
        return marked.replace(MATCH_START, "").replace(MATCH_END, "")
    if column == RATINGS:
        return " ".join("\u00b7" if r is None else f"{r:+d}" for r in row.ratings)
    if column == LEAN:
        return format_lean(row.lean) if row.lean is not None else ""
    if column == ADVICE:
        return str(row.advice_requests) if row.advice_requests else ""
    return ""


def _tooltip(row: HistoryRow, column: int) -> str:
    if column == RATINGS:
        return "\n".join(
            f"{d.name}: {rating_label(r)}"
            for d, r in zip(DIMENSIONS, row.ratings, strict=True)
        )
    if column == TEXT:
        return row.first_line
    if column == ADVICE:
        return f"{row.advice_requests} advice requests"
    return ""
