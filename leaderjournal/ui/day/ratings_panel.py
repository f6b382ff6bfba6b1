"""The five rating cards beside the entry, under a heading and the live lean.

The panel scrolls vertically when the window is too short for the cards, and
never cuts them off at the side: a card stacks its poles under the scale when
it is narrow (see RatingControl), and the panel is never narrower than such a
card.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.domain.dimensions import DIMENSIONS
from leaderjournal.domain.scoring import LEAN_MEANING
from leaderjournal.ui.common.style import MARGIN, SPACING
from leaderjournal.ui.day.rating import RatingControl


class RatingsPanel(QScrollArea):
    """Rates the five dimensions of one entry."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="ratingsScroll")
        self.ratings = {d.key: RatingControl(d) for d in DIMENSIONS}
        self.lean_label = QLabel(objectName="leanLabel")
        self.lean_label.setAccessibleName("Lean of this entry")
        self.lean_label.setTextFormat(Qt.TextFormat.RichText)
        # What the number means, where the person meets it (also Help, F1).
        self.lean_label.setToolTip(LEAN_MEANING)
        self.lean_label.setWhatsThis(LEAN_MEANING)

        heading = self._heading = QLabel("How did I lead? Rate what came up today.")
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        # The lean beside the heading, or under it when the panel is narrow.
        head_row = self._head_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        head_row.addWidget(heading, 1)
        head_row.addWidget(self.lean_label, 0, Qt.AlignmentFlag.AlignTop)

        box = self._box = QWidget(objectName="ratingsPanel")
        layout = self._box_layout = QVBoxLayout(box)
        # Room on the right for the scroll bar, when there is one.
        layout.setContentsMargins(0, 0, SPACING, 0)
        layout.setSpacing(6)
        layout.addLayout(head_row)
        for control in self.ratings.values():
            layout.addWidget(control)
            control.installEventFilter(self)
        layout.addStretch(1)

        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setWidget(box)
        box.installEventFilter(self)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def scroll_to_top(self) -> None:
        self.verticalScrollBar().setValue(0)

    def show_lean(self, text: str, spoken: str) -> None:
        """Show the entry's lean (rich ``text``; ``spoken`` for screen readers)."""
        self.lean_label.setText(text)
        self.lean_label.setAccessibleDescription(spoken)
        self._place_lean()

    def _place_lean(self) -> None:
        box = self._box
        margins = self._box_layout.contentsMargins()
        heading = self._heading
        beside = (
            heading.fontMetrics().horizontalAdvance(heading.text())
            + self._head_row.spacing()
            + self.lean_label.sizeHint().width()
            <= box.width() - margins.left() - margins.right()
        )
        direction = QBoxLayout.Direction
        self._head_row.setDirection(
            direction.LeftToRight if beside else direction.TopToBottom
        )

    def _room_around_cards(self) -> int:
        """The width the panel adds to a card: margins and the scroll bar."""
        margins = self._box_layout.contentsMargins()
        return (
            margins.left()
            + margins.right()
            + self.verticalScrollBar().sizeHint().width()
            + 2 * self.frameWidth()
        )

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        narrowest = max(c.narrow_width() for c in self.ratings.values())
        hint.setWidth(narrowest + self._room_around_cards())
        return hint

    def sizeHint(self) -> QSize:
        # Wide enough for the poles beside the scale, even with a scroll bar.
        hint = super().sizeHint()
        widest = max(c.wide_width() for c in self.ratings.values())
        hint.setWidth(widest + self._room_around_cards())
        return hint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._box:
            if event.type() == QEvent.Type.Resize:
                self._place_lean()
        elif event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            # A card reached by Tab, Shift+Tab or a click is shown whole.
            self.ensureWidgetVisible(watched, 0, MARGIN)
        return super().eventFilter(watched, event)
