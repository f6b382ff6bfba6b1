"""The list of one day's entries, with the Add and Delete buttons under it.

The list only shows rows and says what the person asked for; the day view
decides what is saved, deleted or brought back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.scoring import entry_lean, format_lean
from leaderjournal.ui.common.style import SPACING

HEADLINE_CHARS = 60


def headline(entry: Entry) -> str:
    """The title, else the first line of text, else "New entry"; kept short."""
    for candidate in (entry.title, entry.text[:1000].lstrip().partition("\n")[0]):
        text = " ".join(candidate.split())
        if text:
            if len(text) > HEADLINE_CHARS:
                return text[: HEADLINE_CHARS - 1].rstrip() + "\u2026"
            return text
    return "New entry"


class EntryList(QWidget):
    """One row per entry of the day: its headline, the time and its lean."""

    entry_chosen = Signal(str)  # the id of the row the person moved to
    add_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="entrySide")
        heading = QLabel("Entries of this day", self)
        self.list = QListWidget(self, objectName="entryList")
        self.list.setAccessibleName("Entries of this day")
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._row_changed)
        self.add_button = QPushButton("&Add entry", self, objectName="addEntryButton")
        self.add_button.setToolTip("Add another entry to this day")
        self.add_button.clicked.connect(self.add_requested)
        self.delete_button = QPushButton("Delete", self, objectName="deleteEntryButton")
        self.delete_button.setToolTip("Delete the selected entry (it can be undone)")
        self.delete_button.clicked.connect(self.delete_requested)
        delete_key = QShortcut(QKeySequence.StandardKey.Delete, self.list)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_requested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.list, self.add_button)
        QWidget.setTabOrder(self.add_button, self.delete_button)

    def set_entries(self, entries: list[Entry], row: int) -> None:
        """Show ``entries`` with ``row`` selected, without a signal."""
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for entry in entries:
                self.list.addItem(self._item(entry))
            self.list.setCurrentRow(row)
        finally:
            self.list.blockSignals(False)

    def append(self, entry: Entry) -> None:
        """Add a row for ``entry`` at the end and select it, without a signal."""
        self.list.addItem(self._item(entry))
        self.list.blockSignals(True)
        self.list.setCurrentRow(self.list.count() - 1)
        self.list.blockSignals(False)

    def select(self, entry_id: str) -> None:
        """Select the row of ``entry_id`` (none if absent), without a signal."""
        self.list.blockSignals(True)
        self.list.setCurrentRow(self.row_of(entry_id))
        self.list.blockSignals(False)

    def relabel(self, entry: Entry) -> None:
        """Show what was saved of ``entry`` in its row, if it has one."""
        row = self.row_of(entry.id)
        if row >= 0:
            self._label_item(self.list.item(row), entry)

    def row_of(self, entry_id: str) -> int:
        """The row showing the entry with ``entry_id``, or -1."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == entry_id:
                return row
        return -1

    def set_delete_enabled(self, enabled: bool) -> None:
        self.delete_button.setEnabled(enabled)

    def focus_list(self) -> None:
        self.list.setFocus()

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.entry_chosen.emit(self.list.item(row).data(Qt.ItemDataRole.UserRole))

    def _item(self, entry: Entry) -> QListWidgetItem:
        item = QListWidgetItem()
        self._label_item(item, entry)
        item.setData(Qt.ItemDataRole.UserRole, entry.id)
        return item

    def _label_item(self, item: QListWidgetItem, entry: Entry) -> None:
        written = entry.created_at.astimezone().strftime("%H:%M")
        value = entry_lean(entry)
        lean_text = f"lean {format_lean(value)}" if value is not None else "not rated"
        item.setText(f"{headline(entry)}\n{written} \u00b7 {lean_text}")
        item.setToolTip(headline(entry))
