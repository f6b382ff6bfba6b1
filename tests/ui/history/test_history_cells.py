"""How the history table draws its cells: rating squares and text direction.

Each cell is painted by the table's real delegate into an image, with the
options the real table gives it, in the light and the dark palette.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyleFactory, QStyleOptionViewItem, QTableView

from leaderjournal.storage.history import MATCH_END, MATCH_START, HistoryRow
from leaderjournal.ui.common.style import pole_color
from leaderjournal.ui.common.theme import dark_palette
from leaderjournal.ui.history.cell_delegates import MarkedTextDelegate, set_delegates
from leaderjournal.ui.history.history_model import RATINGS, TEXT, TITLE, EntryTableModel

ARABIC = "\u0631\u0627\u062c\u0639\u0646\u0627 \u0627\u0644\u062e\u0637\u0629."
ENGLISH = "We went over the plan."


def row(
    ratings=(2, -2, None, 0, 1),
    first_line=ENGLISH,
    snippet="",
    title="A day",
    marked_title="",
) -> HistoryRow:
    return HistoryRow(
        id="e1",
        date=dt.date(2026, 3, 3),
        title=title,
        first_line=first_line,
        ratings=ratings,
        lean=None,
        advice_requests=0,
        tags=(),
        snippet=snippet,
        marked_title=marked_title,
    )


def palette_of(theme: str) -> QPalette:
    if theme == "dark":
        return dark_palette()
    return QStyleFactory.create("Fusion").standardPalette()


@pytest.fixture
def table(qtbot):
    def make(rows: list[HistoryRow], theme: str = "light") -> QTableView:
        model = EntryTableModel()
        model.set_rows(rows, len(rows), lambda offset, limit: [])
        view = QTableView()
        view.setStyle(QStyleFactory.create("Fusion"))
        view.setPalette(palette_of(theme))
        view.setModel(model)
        model.setParent(view)
        set_delegates(view)
        qtbot.addWidget(view)
        return view

    return make


def paint_cell(
    view: QTableView, column: int, *, selected: bool, width: int = 160
) -> tuple[QImage, QStyleOptionViewItem]:
    """The cell of row 0 in ``column``, as the table's delegate draws it."""
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = QRect(0, 0, width, 28)
    if selected:
        option.state |= QStyle.StateFlag.State_Selected
    image = QImage(width, 28, QImage.Format.Format_ARGB32)
    image.fill(view.palette().color(QPalette.ColorRole.Base))
    painter = QPainter(image)
    index = view.model().index(0, column)
    view.itemDelegateForColumn(column).paint(painter, option, index)
    painter.end()
    return image, option


def luminance(color: QColor) -> float:
    def linear(channel: float) -> float:
        if channel <= 0.04045:
            return channel / 12.92
        return ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(color.redF())
        + 0.7152 * linear(color.greenF())
        + 0.0722 * linear(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio, 1 (same) to 21 (black on white)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def edge_pixels(image: QImage, square: QRect) -> list[QColor]:
    """The pixels along the middle of each side of a square."""
    middle = square.center()
    return [
        image.pixelColor(square.left(), middle.y()),
        image.pixelColor(square.right(), middle.y()),
        image.pixelColor(middle.x(), square.top()),
        image.pixelColor(middle.x(), square.bottom()),
    ]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_selected_row_keeps_its_rating_colours_and_each_square_stands_out(
    table, theme
):
    ratings = (2, -2, None, 0, 1)
    view = table([row(ratings)], theme)
    delegate = view.itemDelegateForColumn(RATINGS)
    highlight = view.palette().color(QPalette.ColorRole.Highlight)

    plain, option = paint_cell(view, RATINGS, selected=False)
    selected, _ = paint_cell(view, RATINGS, selected=True)
    squares = delegate.square_rects(option.rect)

    assert len(squares) == 5
    # The selection is drawn: the gap between two squares is the highlight.
    gap = squares[0].right() + 2, squares[0].center().y()
    assert selected.pixelColor(*gap).name() == highlight.name()
    for square, rating in zip(squares, ratings, strict=True):
        centre = square.center()
        if rating is not None:
            wanted = pole_color(rating).name()
            assert plain.pixelColor(centre).name() == wanted
            assert selected.pixelColor(centre).name() == wanted
        # Every square, rated or not, has an outline that reads on the
        # highlight (3:1, what WCAG asks of the parts of a graphic).
        best = max(contrast(c, highlight) for c in edge_pixels(selected, square))
        assert best >= 3, f"square for {rating} is lost on the selection ({best:.2f})"


def ink_columns(image: QImage, background: QColor) -> tuple[int, int]:
    """The leftmost and rightmost columns where something was drawn."""
    columns = [
        x
        for x in range(image.width())
        if any(
            image.pixelColor(x, y).name() != background.name()
            for y in range(image.height())
        )
    ]
    assert columns, "nothing was drawn"
    return columns[0], columns[-1]


def direction_drawn(
    delegate: MarkedTextDelegate, option: QStyleOptionViewItem, view: QTableView
) -> Qt.LayoutDirection:
    """The direction the Text cell of row 0 is laid out in: the search
    snippet's document's, or else the style option's the plain text is
    drawn with; a right-to-left one must also be aligned right."""
    index = view.model().index(0, TEXT)
    document = delegate.marked_document(option, index)
    if document is not None:
        direction = document.firstBlock().textDirection()
        alignment = document.firstBlock().blockFormat().alignment()
    else:
        styled = QStyleOptionViewItem(option)
        delegate.initStyleOption(styled, index)
        direction = styled.direction
        alignment = QStyle.visualAlignment(direction, styled.displayAlignment)
    if direction == Qt.LayoutDirection.RightToLeft:
        assert alignment & Qt.AlignmentFlag.AlignRight
    return direction


@pytest.mark.parametrize("searched", [False, True], ids=["browsing", "search"])
def test_an_arabic_snippet_reads_right_to_left_and_an_english_one_left_to_right(
    table, searched
):
    def snippet(text: str) -> str:
        word = text.split()[1]
        return text.replace(word, f"{MATCH_START}{word}{MATCH_END}") if searched else ""

    view = table([row(first_line=ARABIC, snippet=snippet(ARABIC))])
    english = table([row(first_line=ENGLISH, snippet=snippet(ENGLISH))])
    delegate = view.itemDelegateForColumn(TEXT)
    base = view.palette().color(QPalette.ColorRole.Base)
    width = 400

    image, option = paint_cell(view, TEXT, selected=False, width=width)
    assert direction_drawn(delegate, option, view) == Qt.LayoutDirection.RightToLeft
    left, right = ink_columns(image, base)
    assert right > width - 12, "an Arabic snippet starts at the cell's right"
    assert left > width // 2

    image, option = paint_cell(english, TEXT, selected=False, width=width)
    assert direction_drawn(delegate, option, english) == Qt.LayoutDirection.LeftToRight
    left, right = ink_columns(image, base)
    assert left < 12
    assert right < width // 2


def test_an_arabic_full_stop_ends_the_sentence_on_the_left(table):
    """The same words with and without the full stop: with RTL direction the
    stop is drawn at the left end, so only the left edge of the ink moves."""
    without = ARABIC.rstrip(".")
    views = [table([row(first_line=text)]) for text in (ARABIC, without)]
    base = views[0].palette().color(QPalette.ColorRole.Base)

    (with_left, with_right), (bare_left, bare_right) = (
        ink_columns(paint_cell(view, TEXT, selected=False, width=400)[0], base)
        for view in views
    )

    assert with_right == bare_right
    assert with_left < bare_left


def test_an_arabic_title_is_right_aligned_too(table):
    view = table([row(title=ARABIC)])
    base = view.palette().color(QPalette.ColorRole.Base)

    left, right = ink_columns(
        paint_cell(view, TITLE, selected=False, width=400)[0], base
    )

    assert right > 400 - 12
    assert left > 200


@pytest.mark.parametrize(
    "title",
    [
        "Coaching Omar through the quarterly plan of the whole department",
        " ".join([ARABIC.rstrip(".")] * 6),
    ],
    ids=["english", "arabic"],
)
def test_a_long_marked_title_is_cut_at_a_letter_with_an_ellipsis(table, title):
    word = title.split()[1]
    marked = title.replace(word, f"{MATCH_START}{word}{MATCH_END}", 1)
    view = table([row(title=title, marked_title=marked)])
    delegate = view.itemDelegateForColumn(TITLE)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = QRect(0, 0, 160, 28)

    document = delegate.marked_document(option, view.model().index(0, TITLE))

    shown = document.toPlainText()
    assert shown.endswith("\u2026")
    assert len(shown) > 5
    assert title.startswith(shown[:-1])  # the start, cut between two letters
    assert document.idealWidth() + 2 * document.documentMargin() <= 160
