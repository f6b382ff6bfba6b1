"""The history table's model and how its cells are drawn.

The model is passive: the view that owns the query hands it the first page
and a function for the next ones; Qt asks for more (``canFetchMore`` /
``fetchMore``) only as the person scrolls, so a journal of 100,000 entries
never has them all in memory.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from leaderjournal.domain.dimensions import DIMENSIONS, rating_label
from leaderjournal.domain.scoring import format_lean
from leaderjournal.storage.history import MATCH_END, MATCH_START, HistoryRow
from leaderjournal.ui.common.style import pole_color

PAGE_SIZE = 100

COLUMNS = ("Date", "Title", "Text", "Ratings", "Lean", "Advice", "Tags")
DATE, TITLE, TEXT, RATINGS, LEAN, ADVICE, TAGS = range(len(COLUMNS))
SORTABLE = {DATE: "date", LEAN: "lean"}

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
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _tooltip(row, column) or _display(row, column)
        return None


def _display(row: HistoryRow, column: int) -> str:
    if column == DATE:
        return f"{row.date:%a} {row.date.isoformat()}"
    if column == TITLE:
        return row.title
    if column == TEXT:
        return row.snippet.replace(MATCH_START, "").replace(MATCH_END, "") or (
            row.first_line
        )
    if column == RATINGS:
        return " ".join("\u00b7" if r is None else f"{r:+d}" for r in row.ratings)
    if column == LEAN:
        return format_lean(row.lean) if row.lean is not None else ""
    if column == ADVICE:
        return str(row.advice_requests) if row.advice_requests else ""
    if column == TAGS:
        return ", ".join(row.tags)
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


def _draw_cell_background(
    delegate: QStyledItemDelegate,
    painter: QPainter,
    option: QStyleOptionViewItem,
    index: QModelIndex,
) -> None:
    """Draw a cell's background and selection, without its text, so that a
    delegate can paint its own contents over it."""
    delegate.initStyleOption(option, index)
    option.text = ""
    style = option.widget.style() if option.widget else None
    if style is not None:
        style.drawControl(
            QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget
        )


class RatingsDelegate(QStyledItemDelegate):
    """Draws the five ratings as small squares: orange managing, blue leading.

    A not-rated dimension is an empty outline, 0 a grey square; the stronger
    the rating, the fuller the colour.
    """

    SIDE = 12
    GAP = 3

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        _draw_cell_background(self, painter, option, index)
        row: HistoryRow = index.data(Qt.ItemDataRole.UserRole)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = option.rect.center().y() - self.SIDE // 2
        left = option.rect.left() + 6
        outline = option.palette.color(option.palette.ColorRole.Text)
        outline.setAlpha(120)
        for i, rating in enumerate(row.ratings):
            cell = QRect(left + i * (self.SIDE + self.GAP), top, self.SIDE, self.SIDE)
            painter.setPen(outline)
            if rating is None:
                painter.setBrush(Qt.BrushStyle.NoBrush)
            else:
                painter.setBrush(pole_color(rating))
            painter.drawRoundedRect(cell, 2, 2)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        return QSize(5 * (self.SIDE + self.GAP) + 12, self.SIDE + 8)


class SnippetDelegate(QStyledItemDelegate):
    """Draws the text column with the searched words in bold."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        row: HistoryRow = index.data(Qt.ItemDataRole.UserRole)
        if not row.snippet:
            super().paint(painter, option, index)
            return
        _draw_cell_background(self, painter, option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = (
            option.palette.ColorRole.HighlightedText
            if selected
            else option.palette.ColorRole.Text
        )
        color: QColor = option.palette.color(role)
        marked = (
            html.escape(row.snippet)
            .replace(MATCH_START, "<b><u>")
            .replace(MATCH_END, "</u></b>")
        )
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(2)
        document.setHtml(f"<span style='white-space:pre'>{marked}</span>")
        painter.save()
        painter.translate(
            option.rect.left(),
            option.rect.top() + (option.rect.height() - document.size().height()) / 2,
        )
        painter.setClipRect(0, 0, option.rect.width(), option.rect.height())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(context.palette.ColorRole.Text, color)
        document.documentLayout().draw(painter, context)
        painter.restore()
