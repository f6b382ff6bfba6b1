"""Quoting the person's own words in the review: wrapped, never cut, and
read from the side of their language."""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

#: A zero-width space: an invisible place where a line may break.
BREAK = "\u200b"
#: Runs of this many characters without a space get invisible break places.
LONG_RUN = 24

_RUN = re.compile(rf"\S{{{LONG_RUN + 1},}}")


def breakable(text: str) -> str:
    """``text`` with an invisible break place every ``LONG_RUN`` characters of
    a long run without spaces (a pasted link, say), so that a wrapped label
    can break it instead of growing wider than the window."""

    def split(match: re.Match[str]) -> str:
        run = match.group()
        return BREAK.join(run[i : i + LONG_RUN] for i in range(0, len(run), LONG_RUN))

    return _RUN.sub(split, text)


def is_right_to_left(text: str) -> bool:
    """True when the first letter with a direction is Arabic, Hebrew or
    another right-to-left script (Unicode's rule for a paragraph)."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def isolated(text: str) -> str:
    """``text`` set apart (Unicode's first-strong isolate), so that quoted in
    an English sentence an Arabic one keeps its own order: its full stop at
    its own end, not after the closing quote mark."""
    return f"\u2068{text}\u2069"


class QuoteLabel(QLabel):
    """The person's own words in quote marks, wrapped, read from the side of
    their language: an Arabic or Hebrew quote from the right."""

    clicked = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName=name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        # Leading, not left: the right edge for a right-to-left quote.
        self.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_quote(self, text: str) -> None:
        """Show ``text`` in quote marks ("" shows nothing)."""
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft
            if is_right_to_left(text)
            else Qt.LayoutDirection.LeftToRight
        )
        self.setText(f"\u201c{breakable(text)}\u201d" if text else "")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        inside = self.rect().contains(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and inside:
            self.clicked.emit()
