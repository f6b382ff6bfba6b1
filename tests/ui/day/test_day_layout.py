"""The day view fits a small window, shows all five ratings in the default
one, and lays out right-to-left writing from the right."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QScrollArea,
    QStyle,
    QStyleOptionFrame,
    QToolButton,
    QWidget,
)

from leaderjournal.domain.dimensions import DIMENSIONS
from leaderjournal.domain.entry import Entry
from leaderjournal.ui.day.rating import RatingControl

TODAY = dt.date.today()
SMALL = QSize(800, 600)
WRITTEN = dt.datetime.combine(TODAY, dt.time(8, 0)).astimezone()

#: For each dimension, the point whose meaning is longest: the tallest card.
LONGEST_MEANINGS = {
    d.key: max(d.points, key=lambda point, d=d: len(d.points[point]))
    for d in DIMENSIONS
}


def settle() -> None:
    """Let the layouts finish what a resize or a new entry asked of them."""
    for _ in range(3):
        QApplication.processEvents()


def ratings_scroll(window) -> QScrollArea:
    scroll = window.findChild(QScrollArea, "ratingsScroll")
    assert scroll is not None
    return scroll


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def shown_whole(widget: QWidget, viewport: QWidget) -> bool:
    """Whether ``widget`` lies entirely inside the visible part of ``viewport``."""
    return viewport.rect().contains(rect_in(widget, viewport))


def text_fits(part: QLabel | QToolButton) -> bool:
    """Whether a label or a button is wide enough to show its text whole."""
    # A rating button keeps 6 px on either side of its text (its style sheet).
    room = part.width() - (12 if isinstance(part, QToolButton) else 0)
    return part.fontMetrics().horizontalAdvance(part.text()) <= room


def cards(window) -> list[RatingControl]:
    return [window.findChild(RatingControl, f"rating_{d.key}") for d in DIMENSIONS]


def pole_labels(card: RatingControl) -> list[QLabel]:
    poles = {card.dimension.managing, card.dimension.leading}
    found = [label for label in card.findChildren(QLabel) if label.text() in poles]
    assert len(found) == 2, card.objectName()
    return found


def shrink_to_small(qtbot, window) -> None:
    window.resize(SMALL)
    qtbot.waitUntil(lambda: window.size() == SMALL, timeout=2000)
    settle()


# -- 800 x 600 ------------------------------------------------------------------


def test_the_window_can_be_800_by_600_with_nothing_cut_off(qtbot, journal, make_window):
    window = make_window(journal)

    assert window.day_view.minimumSizeHint().width() <= SMALL.width()
    hint = window.minimumSizeHint()
    assert hint.width() <= SMALL.width()
    assert hint.height() <= SMALL.height()

    shrink_to_small(qtbot, window)
    scroll = ratings_scroll(window)
    viewport = scroll.viewport()
    assert rect_in(viewport, window).right() < window.width()
    for card in cards(window):
        assert rect_in(card, viewport).right() < viewport.width(), card.objectName()
        for part in [*card.findChildren(QToolButton), *pole_labels(card)]:
            where = rect_in(part, viewport)
            name = f"{card.objectName()}: {part.text()}"
            assert part.isVisible(), name
            assert where.left() >= 0, name
            assert where.right() < viewport.width(), name
            assert text_fits(part), name


def test_the_tags_field_keeps_a_readable_width_at_800_by_600(
    qtbot, journal, make_window
):
    window = make_window(journal)
    shrink_to_small(qtbot, window)
    tags = window.findChild(QWidget, "tagsEdit")

    assert tags.width() >= 150
    option = QStyleOptionFrame()
    tags.initStyleOption(option)
    room = tags.style().subElementRect(
        QStyle.SubElement.SE_LineEditContents, option, tags
    )
    # QLineEdit keeps two pixels on either side of its text.
    assert tags.fontMetrics().horizontalAdvance(tags.placeholderText()) <= (
        room.width() - 4
    ), tags.placeholderText()


# -- the default size ---------------------------------------------------------


@pytest.fixture
def desktop_font(qapp):
    """The 10 pt font many Linux desktops use (the offscreen default is 9 pt)."""
    before = qapp.font()
    font = qapp.font()
    font.setPointSizeF(10)
    qapp.setFont(font)
    yield
    qapp.setFont(before)


def test_all_five_ratings_fit_in_the_window_at_its_default_size(
    qtbot, journal, make_window, desktop_font
):
    journal.entries.add(Entry.new(TODAY, at=WRITTEN, ratings=LONGEST_MEANINGS))
    window = make_window(journal)
    settle()
    scroll = ratings_scroll(window)
    viewport = scroll.viewport()

    assert window.size() == QSize(1200, 780)
    assert scroll.verticalScrollBar().value() == 0
    for card in cards(window):
        assert card.rating() == LONGEST_MEANINGS[card.dimension.key]
        assert shown_whole(card, viewport), card.objectName()


def test_a_card_shows_a_meaning_only_for_a_chosen_point(qtbot, journal, make_window):
    window = make_window(journal)
    card = window.findChild(RatingControl, "rating_growth")
    meaning = card.findChild(QLabel, "ratingDescription")

    assert not meaning.isVisible()  # "not rated" is already said by its button
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_End)

    assert meaning.isVisible()
    assert card.dimension.points[2] in meaning.text()
    qtbot.keyClick(card, Qt.Key.Key_Delete)
    assert not meaning.isVisible()


# -- scrolling the ratings --------------------------------------------------------


def test_another_entry_or_day_shows_the_ratings_from_the_top(
    qtbot, journal, make_window
):
    first = Entry.new(TODAY, at=WRITTEN, title="First")
    journal.entries.add(first)
    journal.entries.add(Entry.new(TODAY, at=WRITTEN.replace(hour=9), title="Second"))
    window = make_window(journal)
    shrink_to_small(qtbot, window)
    bar = ratings_scroll(window).verticalScrollBar()
    assert bar.maximum() > 0  # the five cards do not fit at 800 x 600

    bar.setValue(bar.maximum())
    window.findChild(QWidget, "entryList").setCurrentRow(0)
    settle()
    assert window.day_view.current_entry().id == first.id
    assert bar.value() == 0

    bar.setValue(bar.maximum())
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    settle()
    assert window.day_view.day() == TODAY - dt.timedelta(days=1)
    assert bar.value() == 0


def test_a_card_reached_by_the_keyboard_is_scrolled_fully_into_view(
    qtbot, journal, make_window
):
    window = make_window(journal)
    shrink_to_small(qtbot, window)
    viewport = ratings_scroll(window).viewport()
    mentor = window.findChild(RatingControl, "rating_mentor")
    assert rect_in(mentor, viewport).bottom() >= viewport.height()  # below the fold

    # Back into the ratings from the control after the last card.
    after = mentor.nextInFocusChain()
    while not after.focusPolicy() & Qt.FocusPolicy.TabFocus or not after.isVisible():
        after = after.nextInFocusChain()
    after.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(after, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    settle()

    assert QApplication.focusWidget() is mentor
    assert shown_whole(mentor, viewport)


def test_tabbing_through_the_cards_shows_each_one_whole(qtbot, journal, make_window):
    window = make_window(journal)
    shrink_to_small(qtbot, window)
    viewport = ratings_scroll(window).viewport()
    tags = window.findChild(QWidget, "tagsEdit")
    tags.setFocus()

    for card in cards(window):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        settle()
        assert QApplication.focusWidget() is card
        assert shown_whole(card, viewport), card.objectName()


# -- right-to-left writing ----------------------------------------------------------

ARABIC = "\u0627\u062c\u062a\u0645\u0627\u0639 \u0645\u0639 \u0627\u0644\u0641\u0631\u064a\u0642"  # noqa: E501
HEBREW = "\u05e4\u05d2\u05d9\u05e9\u05d4 \u05e2\u05dd \u05d4\u05e6\u05d5\u05d5\u05ea"


def test_a_right_to_left_paragraph_starts_at_the_right_edge(
    qtbot, journal, make_window
):
    journal.entries.add(
        Entry.new(
            TODAY,
            at=WRITTEN,
            title=HEBREW,
            text=f"{ARABIC}\nMet the team about the roadmap.\n{HEBREW}",
        )
    )
    window = make_window(journal)
    settle()
    editor = window.day_view.form.text_edit
    width = editor.viewport().width()
    document = editor.document()

    def start_x(block_number: int) -> int:
        cursor = editor.textCursor()
        cursor.setPosition(document.findBlockByNumber(block_number).position())
        return editor.cursorRect(cursor).x()

    # A paragraph begins where its first letter is read: Arabic and Hebrew on
    # the right, English on the left.
    assert start_x(0) > width * 3 // 4
    assert start_x(1) < width // 4
    assert start_x(2) > width * 3 // 4

    title = window.day_view.form.title_edit
    title.setCursorPosition(0)
    assert title.cursorRect().x() > title.width() * 3 // 4
