"""Per-dimension lean as diverging bars, with marks for last week and target."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from leaderjournal.domain.dimensions import DIMENSIONS
from leaderjournal.domain.review import TARGET_BAND
from leaderjournal.domain.scoring import format_lean
from leaderjournal.ui.common.style import SPACING, muted_text_color, pole_color

ROW = 30
NAME_WIDTH = 190
VALUE_WIDTH = 64
#: The height of one line of the key under the bars.
KEY_LINE = 20


class DimensionBars(QWidget):
    """Five rows: a bar from 0 toward managing (left) or leading (right).

    A small triangle under each row marks last week's lean, so the change
    reads at a glance; a shaded band with a line in its middle marks the
    person's target (target \u00b1 10) where they set one. The exact figures
    are in the accessible description and the tooltip.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dimensionBars")
        self.setAccessibleName("Lean per dimension this week")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._now: dict[str, Fraction | None] = {}
        self._before: dict[str, Fraction | None] = {}
        self._targets: dict[str, float] = {}

    def set_leans(
        self,
        now: dict[str, Fraction | None],
        before: dict[str, Fraction | None],
        targets: Mapping[str, float | None] | None = None,
    ) -> None:
        """Show this week's and last week's leans, and the targets (by key)."""
        self._now = now
        self._before = before
        self._targets = {
            d.key: float(value)
            for d in DIMENSIONS
            if (value := (targets or {}).get(d.key)) is not None
        }
        lines = []
        for d in DIMENSIONS:
            said = f"last week {format_lean(before.get(d.key), 'not rated')}"
            if d.key in self._targets:
                said += f"; target {format_lean(self._targets[d.key])}"
            lines.append(
                f"{d.name}: {format_lean(now.get(d.key), 'not rated')} ({said})"
            )
        self.setAccessibleDescription("; ".join(lines))
        self.setToolTip("\n".join(lines))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(NAME_WIDTH + VALUE_WIDTH + 320, self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(NAME_WIDTH + VALUE_WIDTH + 160, self._height())

    @staticmethod
    def _height() -> int:
        # The rows, the managing/leading line and the key's line.
        return ROW * len(DIMENSIONS) + 2 * KEY_LINE + 4

    def bar_rect(self, key: str) -> QRectF:
        """Where the bar of ``key`` is drawn (empty when not rated)."""
        index = [d.key for d in DIMENSIONS].index(key)
        left, width = self.track()
        centre = left + width / 2
        value = self._now.get(key)
        top = index * ROW + 6
        if value is None:
            return QRectF(centre, top, 0, ROW - 14)
        end = centre + float(value) / 100 * width / 2
        return QRectF(min(centre, end), top, abs(end - centre), ROW - 14)

    def target_rect(self, key: str) -> QRectF | None:
        """Where the target band of ``key`` is drawn; None without a target."""
        target = self._targets.get(key)
        if target is None:
            return None
        index = [d.key for d in DIMENSIONS].index(key)
        low = self._x(max(-100.0, target - TARGET_BAND))
        high = self._x(min(100.0, target + TARGET_BAND))
        return QRectF(low, index * ROW + 3, high - low, ROW - 8)

    def track(self) -> tuple[float, float]:
        """The left edge and the width of the bars' scale (-100 .. +100)."""
        left = NAME_WIDTH
        return left, max(60.0, self.width() - left - VALUE_WIDTH)

    def _x(self, lean: float) -> float:
        left, width = self.track()
        return left + width / 2 + lean / 100 * width / 2

    def legend_rect(self, name: str) -> QRectF:
        """Where a part of the key is drawn: "managing", "leading",
        "last week" (its triangle included) or "target" (its mark included)."""
        return self._key()[name][0]

    def _key(self) -> dict[str, tuple[QRectF, str]]:
        """The key under the bars: the two poles on one line; the marks for
        last week and the target on the next, so they never overlap."""
        metrics = QFontMetricsF(self.font())
        left, width = self.track()
        poles = ROW * len(DIMENSIONS) - 4
        marks = poles + KEY_LINE
        managing = "\u2190 managing"
        leading = "leading \u2192"
        last_week = "last week"
        target = f"target \u00b1{TARGET_BAND:g}"
        key = {
            "managing": (
                QRectF(left, poles, metrics.horizontalAdvance(managing), KEY_LINE),
                managing,
            ),
            "leading": (
                QRectF(
                    left + width - metrics.horizontalAdvance(leading),
                    poles,
                    metrics.horizontalAdvance(leading),
                    KEY_LINE,
                ),
                leading,
            ),
            "last week": (
                QRectF(
                    left, marks, 14 + metrics.horizontalAdvance(last_week), KEY_LINE
                ),
                last_week,
            ),
        }
        after = key["last week"][0].right() + 3 * SPACING
        key["target"] = (
            QRectF(after, marks, 20 + metrics.horizontalAdvance(target), KEY_LINE),
            target,
        )
        return key

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(palette.ColorRole.WindowText)
        muted = muted_text_color(palette)
        for index, dimension in enumerate(DIMENSIONS):
            self._paint_row(painter, index, dimension.key, dimension.name)
        centre = self._x(0)
        painter.setPen(QPen(muted, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(centre, 0), QPointF(centre, ROW * len(DIMENSIONS) - 6))
        self._paint_key(painter, text, muted)
        painter.end()

    def _paint_row(self, painter: QPainter, index: int, key: str, name: str) -> None:
        palette = self.palette()
        text = palette.color(palette.ColorRole.WindowText)
        left, width = self.track()
        top = index * ROW
        painter.setPen(text)
        painter.drawText(
            QRectF(0, top, NAME_WIDTH - 8, ROW - 8),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            name,
        )
        track = QRectF(left, top + 6, width, ROW - 14)
        painter.fillRect(track, palette.color(palette.ColorRole.AlternateBase))
        target = self.target_rect(key)
        if target is not None:
            painter.fillRect(target, self._band_color(text))
        value = self._now.get(key)
        if value is not None:
            painter.fillRect(self.bar_rect(key), pole_color(float(value) / 50))
        if target is not None:
            # The target's own line goes over the bar, so it always shows.
            painter.setPen(QPen(text, 2))
            middle = self._x(self._targets[key])
            painter.drawLine(
                QPointF(middle, target.top()), QPointF(middle, target.bottom())
            )
        before = self._before.get(key)
        if before is not None:
            self._marker(painter, self._x(float(before)), top + ROW - 8, text)
        painter.setPen(text if value is not None else muted_text_color(palette))
        painter.drawText(
            QRectF(left + width + 6, top, VALUE_WIDTH, ROW - 8),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            format_lean(value, "not rated"),
        )

    def _paint_key(self, painter: QPainter, text: QColor, muted: QColor) -> None:
        key = self._key()
        painter.setPen(muted)
        for name in ("managing", "leading"):
            rect, words = key[name]
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft, words)
        rect, words = key["last week"]
        self._marker(painter, rect.left() + 5, rect.top() + 12, text)
        painter.setPen(muted)
        painter.drawText(rect.adjusted(14, 0, 0, 0), Qt.AlignmentFlag.AlignLeft, words)
        if self._targets:
            rect, words = key["target"]
            mark = QRectF(rect.left(), rect.top() + 2, 14, 12)
            painter.fillRect(mark, self._band_color(text))
            painter.setPen(QPen(text, 2))
            painter.drawLine(
                QPointF(mark.center().x(), mark.top()),
                QPointF(mark.center().x(), mark.bottom()),
            )
            painter.setPen(muted)
            painter.drawText(
                rect.adjusted(20, 0, 0, 0), Qt.AlignmentFlag.AlignLeft, words
            )

    @staticmethod
    def _band_color(text: QColor) -> QColor:
        band = QColor(text)
        band.setAlpha(45)
        return band

    @staticmethod
    def _marker(painter: QPainter, x: float, y: float, color) -> None:
        path = QPainterPath()
        path.addPolygon(
            QPolygonF([QPointF(x, y - 6), QPointF(x - 5, y + 2), QPointF(x + 5, y + 2)])
        )
        painter.fillPath(path, color)
