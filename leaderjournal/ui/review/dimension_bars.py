"""Per-dimension lean as diverging bars, with a marker for last week."""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from leaderjournal.domain.dimensions import DIMENSIONS
from leaderjournal.domain.scoring import format_lean
from leaderjournal.ui.common.style import muted_text_color, pole_color

ROW = 30
NAME_WIDTH = 190
VALUE_WIDTH = 64


class DimensionBars(QWidget):
    """Five rows: a bar from 0 toward managing (left) or leading (right).

    A small triangle under each row marks last week's lean, so the change
    reads at a glance; the exact figures are in the accessible description
    and the tooltip.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dimensionBars")
        self.setAccessibleName("Lean per dimension this week")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._now: dict[str, Fraction | None] = {}
        self._before: dict[str, Fraction | None] = {}

    def set_leans(
        self, now: dict[str, Fraction | None], before: dict[str, Fraction | None]
    ) -> None:
        self._now = now
        self._before = before
        lines = [
            f"{d.name}: {format_lean(now.get(d.key), 'not rated')} "
            f"(last week {format_lean(before.get(d.key), 'not rated')})"
            for d in DIMENSIONS
        ]
        self.setAccessibleDescription("; ".join(lines))
        self.setToolTip("\n".join(lines))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(NAME_WIDTH + VALUE_WIDTH + 320, ROW * len(DIMENSIONS) + 22)

    def minimumSizeHint(self) -> QSize:
        return QSize(NAME_WIDTH + VALUE_WIDTH + 160, ROW * len(DIMENSIONS) + 22)

    def bar_rect(self, key: str) -> QRectF:
        """Where the bar of ``key`` is drawn (empty when not rated)."""
        index = [d.key for d in DIMENSIONS].index(key)
        left, width = self._scale()
        centre = left + width / 2
        value = self._now.get(key)
        top = index * ROW + 6
        if value is None:
            return QRectF(centre, top, 0, ROW - 14)
        end = centre + float(value) / 100 * width / 2
        return QRectF(min(centre, end), top, abs(end - centre), ROW - 14)

    def _scale(self) -> tuple[float, float]:
        left = NAME_WIDTH
        return left, max(60.0, self.width() - left - VALUE_WIDTH)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(palette.ColorRole.WindowText)
        muted = muted_text_color(palette)
        left, width = self._scale()
        centre = left + width / 2
        for index, dimension in enumerate(DIMENSIONS):
            top = index * ROW
            painter.setPen(text)
            painter.drawText(
                QRectF(0, top, NAME_WIDTH - 8, ROW - 8),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                dimension.name,
            )
            track = QRectF(left, top + 6, width, ROW - 14)
            painter.fillRect(track, palette.color(palette.ColorRole.AlternateBase))
            value = self._now.get(dimension.key)
            if value is not None:
                painter.fillRect(
                    self.bar_rect(dimension.key), pole_color(float(value) / 50)
                )
            before = self._before.get(dimension.key)
            if before is not None:
                self._marker(
                    painter,
                    centre + float(before) / 100 * width / 2,
                    top + ROW - 8,
                    text,
                )
            painter.setPen(text if value is not None else muted)
            painter.drawText(
                QRectF(left + width + 6, top, VALUE_WIDTH, ROW - 8),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                format_lean(value, "not rated"),
            )
        painter.setPen(QPen(muted, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(centre, 0), QPointF(centre, ROW * len(DIMENSIONS) - 6))
        painter.setPen(muted)
        bottom = ROW * len(DIMENSIONS)
        painter.drawText(
            QRectF(left, bottom - 4, width / 2, 20),
            Qt.AlignmentFlag.AlignLeft,
            "\u2190 managing",
        )
        painter.drawText(
            QRectF(centre, bottom - 4, width / 2, 20),
            Qt.AlignmentFlag.AlignRight,
            "leading \u2192",
        )
        self._marker(painter, centre - 70, bottom + 8, text)
        painter.drawText(
            QRectF(centre - 62, bottom - 4, 120, 20),
            Qt.AlignmentFlag.AlignLeft,
            "last week",
        )
        painter.end()

    @staticmethod
    def _marker(painter: QPainter, x: float, y: float, color) -> None:
        path = QPainterPath()
        path.addPolygon(
            QPolygonF([QPointF(x, y - 6), QPointF(x - 5, y + 2), QPointF(x + 5, y + 2)])
        )
        painter.fillPath(path, color)
