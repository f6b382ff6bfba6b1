"""How the history table's cells are drawn: rating squares, and text in its
own direction with the searched words marked."""

from __future__ import annotations

import html
import unicodedata
from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QPainter,
    QPalette,
    QPen,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from leaderjournal.storage.history import MATCH_END, MATCH_START, HistoryRow
from leaderjournal.ui.common.style import pole_color
from leaderjournal.ui.history.history_model import (
    MARKED_TEXT_ROLE,
    RATINGS,
    TAGS,
    TEXT,
    TITLE,
    AnyIndex,
)


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


def _luminance(color: QColor) -> float:
    """Relative luminance, as WCAG defines it for contrast ratios."""

    def linear(channel: float) -> float:
        if channel <= 0.04045:
            return channel / 12.92
        return ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (
        linear(c) for c in (color.redF(), color.greenF(), color.blueF())
    )
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _most_contrasting(background: QColor, palette: QPalette) -> QColor:
    """Of the selection's text colour, black and white, the one that stands
    out most on ``background``."""
    ground = _luminance(background)

    def ratio(color: QColor) -> float:
        light, dark = sorted((ground, _luminance(color)), reverse=True)
        return (light + 0.05) / (dark + 0.05)

    candidates = (
        palette.color(QPalette.ColorRole.HighlightedText),
        QColor(Qt.GlobalColor.black),
        QColor(Qt.GlobalColor.white),
    )
    return max(candidates, key=ratio)


class RatingsDelegate(QStyledItemDelegate):
    """Draws the five ratings as small squares: orange managing, blue leading.

    A not-rated dimension is an empty outline, 0 a grey square; the stronger
    the rating, the fuller the colour. On a selected row each square gets a
    ring that stands out on the selection colour.
    """

    SIDE = 12
    GAP = 3

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        _draw_cell_background(self, painter, option, index)
        row: HistoryRow = index.data(Qt.ItemDataRole.UserRole)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = option.palette
        if option.state & QStyle.StateFlag.State_Selected:
            # Blue and orange squares all but vanish into a blue selection:
            # a thicker ring in the colour that stands out most keeps each
            # square, filled or not, visible with its own colour inside.
            highlight = palette.color(QPalette.ColorRole.Highlight)
            pen = QPen(_most_contrasting(highlight, palette), 2.0)
            inset = 1.0
        else:
            outline = palette.color(QPalette.ColorRole.Text)
            outline.setAlpha(120)
            pen, inset = QPen(outline, 1.0), 0.5
        painter.setPen(pen)
        cells = self.square_rects(option.rect)
        for cell, rating in zip(cells, row.ratings, strict=True):
            if rating is None:
                painter.setBrush(Qt.BrushStyle.NoBrush)
            else:
                painter.setBrush(pole_color(rating))
            shape = QRectF(cell).adjusted(inset, inset, -inset, -inset)
            painter.drawRoundedRect(shape, 2, 2)
        painter.restore()

    def square_rects(self, cell: QRect) -> list[QRect]:
        """Where the five squares go in a cell, in the dimensions' order."""
        top = cell.center().y() - self.SIDE // 2
        left = cell.left() + 6
        step = self.SIDE + self.GAP
        return [QRect(left + i * step, top, self.SIDE, self.SIDE) for i in range(5)]

    def sizeHint(self, option, index) -> QSize:
        return QSize(5 * (self.SIDE + self.GAP) + 12, self.SIDE + 8)


def text_direction(text: str) -> Qt.LayoutDirection | None:
    """The direction of ``text``'s first strong character (the Unicode bidi
    rule for a paragraph), or None when it has none (digits, punctuation)."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
        if kind in ("R", "AL"):
            return Qt.LayoutDirection.RightToLeft
    return None


class DirectedTextDelegate(QStyledItemDelegate):
    """Draws each cell's text in its own direction: Arabic or Hebrew from the
    right edge with its full stop at the left end, whatever the window's."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        direction = text_direction(option.text)
        if direction is not None:
            # The style aligns "left" to the leading edge of this direction.
            option.direction = direction


class MarkedTextDelegate(DirectedTextDelegate):
    """Draws a title, text or tags cell with the searched words in bold and
    underlined, each cell in its own direction."""

    #: Cells laid out lately: scrolling back and forth lays out none again.
    KEPT = 512

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._laid_out: OrderedDict[tuple[str, int, str], QTextDocument] = OrderedDict()

    def marked_document(
        self, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QTextDocument | None:
        """The cell's text laid out with its matches marked; None when
        nothing in it is marked (it is drawn as any cell's)."""
        text = index.data(MARKED_TEXT_ROLE) or ""
        if MATCH_START not in text:
            return None
        key = (text, option.rect.width(), option.font.key())
        document = self._laid_out.get(key)
        if document is None:
            document = self._fitted(text, option)
            self._laid_out[key] = document
            if len(self._laid_out) > self.KEPT:
                self._laid_out.popitem(last=False)
        else:
            self._laid_out.move_to_end(key)
        return document

    def _fitted(self, text: str, option: QStyleOptionViewItem) -> QTextDocument:
        """``text`` laid out to fit the cell's width."""
        document = _marked_document(text, option)
        width = option.rect.width()
        if _needed_width(document) <= width:
            return document
        # Too long for the cell: cut it between two letters and end it with
        # an ellipsis, as Qt does with the plain cells beside it. The most
        # letters that fit are found by halving (no letter is under 2 px).
        fits, too_many = 0, min(len(text), width // 2 + 1)
        while too_many - fits > 1:
            middle = (fits + too_many) // 2
            cut = _marked_document(_cut_marked(text, middle), option)
            if _needed_width(cut) <= width:
                fits = middle
            else:
                too_many = middle
        return _marked_document(_cut_marked(text, fits), option)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        document = self.marked_document(option, index)
        if document is None:
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


ELLIPSIS = "\u2026"


def _marked_document(text: str, option: QStyleOptionViewItem) -> QTextDocument:
    """``text`` on one line, its marked words bold and underlined, laid out
    in its own direction within the cell."""
    marked = (
        html.escape(text).replace(MATCH_START, "<b><u>").replace(MATCH_END, "</u></b>")
    )
    document = QTextDocument()
    document.setDefaultFont(option.font)
    document.setDocumentMargin(2)
    if text_direction(text) == Qt.LayoutDirection.RightToLeft:
        # Aligned within the cell: a long snippet is cut at its end, on
        # the left, as a left-to-right one is cut on the right.
        document.setTextWidth(option.rect.width())
        document.setHtml(
            f"<p dir='rtl' align='right' style='white-space:pre'>{marked}</p>"
        )
    else:
        document.setHtml(f"<span style='white-space:pre'>{marked}</span>")
    return document


def _needed_width(document: QTextDocument) -> float:
    return document.idealWidth() + 2 * document.documentMargin()


def _cut_marked(text: str, letters: int) -> str:
    """The first ``letters`` letters of marked ``text`` (marks do not count)
    and an ellipsis, with a mark left open closed again."""
    kept: list[str] = []
    shown = 0
    for character in text:
        if character in (MATCH_START, MATCH_END):
            kept.append(character)
        elif shown == letters:
            break
        else:
            kept.append(character)
            shown += 1
    cut = "".join(kept).rstrip()
    if cut.rfind(MATCH_START) > cut.rfind(MATCH_END):
        cut += MATCH_END
    return cut + ELLIPSIS


def set_delegates(table: QAbstractItemView) -> None:
    """Give the history table's columns the delegates that draw them."""
    for column in (TITLE, TEXT, TAGS):
        table.setItemDelegateForColumn(column, MarkedTextDelegate(table))
    table.setItemDelegateForColumn(RATINGS, RatingsDelegate(table))
