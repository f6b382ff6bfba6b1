"""The window fits half of a 1,600-px screen: 800x600 whatever was opened."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollArea, QWidget

from leaderjournal.domain.sample import sample_entries

SMALL = QSize(800, 600)
VIEWS = ("day", "history", "calendar", "trends", "review")


@pytest.fixture
def full_window(qtbot, journal, make_window):
    journal.entries.save_many(sample_entries(dt.date.today()))
    journal.reviews.set_targets({"overall": 20, "influence": 30})
    return make_window(journal)


def fits(hint: QSize) -> bool:
    return hint.width() <= SMALL.width() and hint.height() <= SMALL.height()


def test_no_view_raises_the_windows_minimum_size(qtbot, full_window):
    window = full_window
    assert fits(window.minimumSizeHint()), window.minimumSizeHint()
    for name in VIEWS:
        window.views.show_tab(name)
        qtbot.wait(10)
        hint = window.minimumSizeHint()
        assert fits(hint), f"after {name}: {hint.width()}x{hint.height()}"
        assert fits(window.minimumSize()), f"after {name}: {window.minimumSize()}"
    window.resize(SMALL)
    qtbot.waitUntil(lambda: window.size() == SMALL)


def visible_rect(widget: QWidget, window: QWidget) -> QRect:
    """Where ``widget`` is inside the window, cut to the scroll areas around it
    (a part scrolled out of sight is reachable, a part cut off is not)."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return QRect(top_left, widget.size())


def scrolled(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


@pytest.mark.parametrize("name", VIEWS)
def test_at_800_by_600_nothing_is_cut_off_on_the_right(qtbot, full_window, name):
    window = full_window
    window.resize(SMALL)
    window.views.show_tab(name)
    qtbot.waitUntil(lambda: window.size() == SMALL)
    qtbot.wait(20)
    view = window.current_view()
    right = window.width()
    for widget in view.findChildren(QWidget):
        if not isinstance(widget, QLabel | QAbstractButton):
            continue
        if not widget.isVisibleTo(window) or scrolled(widget):
            continue
        where = visible_rect(widget, window)
        assert where.right() < right, (
            f"{name}: {type(widget).__name__} {widget.objectName()!r} "
            f"{getattr(widget, 'text', lambda: '')()!r} ends at x={where.right()}"
        )


def test_at_800_by_600_every_history_column_is_in_sight(qtbot, full_window):
    window = full_window
    window.resize(SMALL)
    window.views.show_tab("history")
    qtbot.waitUntil(lambda: window.size() == SMALL)
    table = window.history_view.findChild(QWidget, "historyTable")
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() <= table.viewport().width())
    assert not table.horizontalScrollBar().isVisible()
    text_column = 2
    assert header.sectionSize(text_column) >= 150  # the text keeps room to read

    window.resize(QSize(1400, 900))
    qtbot.waitUntil(lambda: window.size() == QSize(1400, 900))
    # a wider window gives the room to the text
    qtbot.waitUntil(lambda: header.sectionSize(text_column) >= 600)
