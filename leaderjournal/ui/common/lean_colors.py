"""How a day looks in the year calendar: its colour, its square, the legend.

Leans run from orange (managing) through a neutral grey (balance) to blue
(leading). Neither pole is a warning, so the scale has no red and no green.
A day with entries but no ratings is an outlined square with a dot, so "not
rated" never looks like "in balance" (a lean of 0).
"""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen

from leaderjournal.ui.common.style import (
    BALANCE,
    LEADING,
    MANAGING,
    SPACING,
    muted_text_color,
)

CELL = 11  # side of a day's square, in pixels
PITCH = 14  # from one square to the next: a year fits in about 53 x 14 px
RADIUS = 2.0
LEGEND_LEANS = (-100, -75, -50, -25, 0, 25, 50, 75, 100)

#: What a day's square shows: a lean, entries without ratings, or nothing.
RATED, UNRATED, EMPTY = "rated", "unrated", "empty"


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) of the way toward ``b``, in RGB."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


def _window(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.Window)


def _text(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.WindowText)


def neutral_color(palette: QPalette) -> QColor:
    """The colour of a lean of 0: the balance grey, a little toward the window.

    So on a light window stronger leans are darker and on a dark window
    brighter: either way, the further a day leans, the more it stands out.
    """
    return mix(BALANCE, _window(palette), 0.25)


def empty_color(palette: QPalette) -> QColor:
    """A day without entries: a faint square, just visible on the window."""
    return mix(_window(palette), _text(palette), 0.12)


def unrated_outline_color(palette: QPalette) -> QColor:
    return mix(_window(palette), _text(palette), 0.45)


def lean_color(lean: Fraction | float, palette: QPalette) -> QColor:
    """Neutral at 0, exactly MANAGING at -100 and LEADING at +100, linear between."""
    amount = min(abs(float(lean)), 100.0) / 100.0
    if amount == 0:
        return neutral_color(palette)
    pole = LEADING if lean > 0 else MANAGING
    if amount == 1:
        return QColor(pole)
    return mix(neutral_color(palette), pole, amount)


def paint_cell(
    painter: QPainter, rect: QRectF, kind: str, fill: QColor | None, palette: QPalette
) -> None:
    """One day's square, as the grid and the legend draw it."""
    painter.setPen(Qt.PenStyle.NoPen)
    if kind == UNRATED:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(unrated_outline_color(palette), 1.0))
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_text(palette))
        painter.drawEllipse(rect.center(), 2.0, 2.0)
        return
    painter.setBrush(fill if kind == RATED and fill else empty_color(palette))
    painter.drawRoundedRect(rect, RADIUS, RADIUS)


def legend_height(metrics: QFontMetrics) -> int:
    return max(metrics.height(), CELL)


def paint_legend(
    painter: QPainter, palette: QPalette, metrics: QFontMetrics, x: int, top: int
) -> None:
    """ "Managing" [the scale] "Leading", then the two kinds of days without a lean."""
    height = legend_height(metrics)
    cell_top = top + (height - CELL) / 2
    words_pen = muted_text_color(palette)

    def words(text: str) -> None:
        nonlocal x
        painter.setPen(words_pen)
        box = QRect(x, top, metrics.horizontalAdvance(text) + 2, height)
        painter.drawText(box, Qt.AlignmentFlag.AlignVCenter, text)
        x += box.width() + 4

    def sample(kind: str, fill: QColor | None = None) -> None:
        nonlocal x
        paint_cell(painter, QRectF(x, cell_top, CELL, CELL), kind, fill, palette)
        x += PITCH

    words("Managing")
    for lean in LEGEND_LEANS:
        sample(RATED, lean_color(lean, palette))
    x += 2
    words("Leading")
    x += 3 * SPACING
    sample(UNRATED)
    words("entries, not rated")
    x += 2 * SPACING
    sample(EMPTY)
    words("no entry")


def legend_width(metrics: QFontMetrics) -> int:
    """How wide :func:`paint_legend` draws, for size hints."""
    texts = ("Managing", "Leading", "entries, not rated", "no entry")
    words = sum(metrics.horizontalAdvance(t) + 6 for t in texts)
    return words + (len(LEGEND_LEANS) + 2) * PITCH + 2 + 5 * SPACING
