"""The "Lean by context" table: each tag's entries and lean in the range
the trends show, sortable by either figure."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from leaderjournal.domain.scoring import format_lean
from leaderjournal.domain.weeks import TagTotals
from leaderjournal.ui.common.style import pole_color

#: The narrowest and the widest the "Lean by context" table is made.
CONTEXT_WIDTH = (170, 320)


class ContextTable(QTableWidget):
    """Tag, entries and lean, one row per tag; the most used first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent, objectName="contextTable")
        self.setHorizontalHeaderLabels(["Tag", "Entries", "Lean"])
        self.setAccessibleName("Lean by context (tag)")
        self.verticalHeader().hide()
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setMinimumWidth(CONTEXT_WIDTH[0])

    def show_totals(self, rows: list[TagTotals]) -> None:
        """Show ``rows``, sorted by their entries, the most first."""
        self.setSortingEnabled(False)
        self.setRowCount(len(rows))
        for row, totals in enumerate(rows):
            value = totals.lean
            cells = [
                QTableWidgetItem(totals.tag),
                SortableItem(f"{totals.entries:,}", totals.entries),
                SortableItem(format_lean(value, "not rated"), value),
            ]
            if value is not None:
                cells[2].setForeground(pole_color(value / 50))
            for column, item in enumerate(cells):
                self.setItem(row, column, item)
        self.setSortingEnabled(True)
        self.sortItems(1, Qt.SortOrder.DescendingOrder)


class SortableItem(QTableWidgetItem):
    """A right-aligned figure shown as text but sorted by its value."""

    def __init__(self, text: str, value: float | None) -> None:
        super().__init__(text)
        self.value = value
        self.setTextAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine = self.value if self.value is not None else -1e9
        theirs = getattr(other, "value", None)
        return mine < (theirs if theirs is not None else -1e9)
