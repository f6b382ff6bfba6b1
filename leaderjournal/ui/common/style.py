"""Colours and spacing shared by every view.

The two poles use orange (managing) and blue (leading): a diverging pair that
is neither red nor green, so it reads for colour-blind people, and that
carries no "good/bad" meaning. Neither pole is a warning.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

MANAGING = QColor("#c8691c")
LEADING = QColor("#2570b0")
BALANCE = QColor("#7d8590")

#: One colour and dash pattern per dimension's line in charts: the dashes tell
#: them apart without colour.
DIMENSION_STYLES = {
    "influence": ("#8e5bb5", Qt.PenStyle.DashLine),
    "followers": ("#2a9d8f", Qt.PenStyle.DotLine),
    "growth": ("#b08d1a", Qt.PenStyle.DashDotLine),
    "relationship": ("#c2549d", Qt.PenStyle.DashDotDotLine),
    "mentor": ("#5c7c2e", Qt.PenStyle.SolidLine),
}

SPACING = 8
MARGIN = 12


def pole_color(rating: int | float | None) -> QColor:
    """The colour of a rating or mean rating: orange below 0, blue above."""
    if rating is None or rating == 0:
        return QColor(BALANCE)
    base = LEADING if rating > 0 else MANAGING
    strength = min(abs(rating), 2) / 2
    # Lighter for a lean, full colour for a strong rating.
    return QColor.fromHsvF(
        base.hsvHueF(),
        base.hsvSaturationF() * (0.55 + 0.45 * strength),
        base.valueF(),
    )


def muted_text_color(palette: QPalette | None = None) -> QColor:
    """A secondary text colour that keeps enough contrast in both themes."""
    palette = palette or QApplication.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorRole.Window)
    return QColor(
        (text.red() * 2 + window.red()) // 3,
        (text.green() * 2 + window.green()) // 3,
        (text.blue() * 2 + window.blue()) // 3,
    )
