"""A layout that lays its items out in a row and wraps onto more rows when
the row is too narrow, like words in a paragraph (Qt's "Flow Layout" example).

The trends legend uses it: five dimension names fit one row in a wide window
and flow onto two or three in a narrow one, instead of widening the window.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items left to right (right to left in a mirrored layout), wrapping."""

    def __init__(
        self, parent: QWidget | None = None, spacing: int = 6, line_spacing: int = 2
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._line_spacing = line_spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # -- QLayout's bookkeeping ---------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    # -- sizes -------------------------------------------------------------------

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def sizeHint(self) -> QSize:
        # One row: what the layout would like when there is room.
        width = sum(i.sizeHint().width() for i in self._items)
        width += self._spacing * max(0, len(self._items) - 1)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        return self._with_margins(QSize(width, height))

    def minimumSize(self) -> QSize:
        # As narrow as the widest single item: the rest flows onto new rows.
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return self._with_margins(size)

    def _with_margins(self, size: QSize) -> QSize:
        margins = self.contentsMargins()
        return size + QSize(
            margins.left() + margins.right(), margins.top() + margins.bottom()
        )

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items in ``rect`` (when ``move``); the height they take.

        Items of one row are centred on the row's middle, so that a label
        and a taller checkbox beside it read as one line.
        """
        area = rect.marginsRemoved(self.contentsMargins())
        rows: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = area.x()
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if rows[-1] and x + hint.width() > area.right() + 1:
                rows.append([])
                x = area.x()
            rows[-1].append((item, hint))
            x += hint.width() + self._spacing
        y = area.y()
        for row in rows:
            height = max((hint.height() for _, hint in row), default=0)
            if move:
                self._place_row(row, area, y, height)
            y += height + self._line_spacing
        used = y - self._line_spacing if any(rows) else y
        return used - rect.y() + self.contentsMargins().bottom()

    def _place_row(
        self,
        row: list[tuple[QLayoutItem, QSize]],
        area: QRect,
        top: int,
        height: int,
    ) -> None:
        parent = self.parentWidget()
        mirrored = (
            parent is not None
            and parent.layoutDirection() == Qt.LayoutDirection.RightToLeft
        )
        x = area.x()
        for item, hint in row:
            place = QRect(QPoint(x, top + (height - hint.height()) // 2), hint)
            if mirrored:
                place.moveRight(area.right() - (x - area.x()))
            item.setGeometry(place)
            x += hint.width() + self._spacing
