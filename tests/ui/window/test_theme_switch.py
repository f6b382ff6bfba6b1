"""Switching Light <-> Dark in Settings repaints every view at once.

A window switched at run time must look exactly like one started in that
theme: each view of both windows is grabbed at the same size, with the same
content, and the images must be equal.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import subprocess
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QWidget,
)

from leaderjournal.domain.dimensions import DIMENSIONS
from leaderjournal.domain.entry import Entry
from leaderjournal.domain.review import WeekNotes
from leaderjournal.domain.scoring import iso_week_id
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.common.theme import apply_theme, system_is_dark

TODAY = dt.date(2025, 3, 12)
VIEWS = ("day", "history", "calendar", "trends", "review")
SIZE = QSize(1300, 820)
Role = QPalette.ColorRole


@pytest.fixture(autouse=True)
def _steady_looks() -> Iterator[None]:
    """A text cursor that does not blink, so two grabs of the same text match;
    and the platform's own look again after the test."""
    hints = QApplication.styleHints()
    flash = hints.cursorFlashTime()
    hints.setCursorFlashTime(0)
    yield
    hints.setCursorFlashTime(flash)
    apply_theme(QApplication.instance(), "system")


def fill(journal: Journal) -> None:
    """Six weeks of entries with every kind of rating, tags, advice and a target."""
    keys = [d.key for d in DIMENSIONS]
    for back in range(0, 42, 3):
        day = TODAY - dt.timedelta(days=back)
        ratings = {key: (back // 3 + i) % 5 - 2 for i, key in enumerate(keys)}
        ratings[keys[back % len(keys)]] = None
        journal.entries.add(
            Entry.new(
                day,
                title=f"Team meeting {back}",
                text="We talked about who decides what.",
                ratings=ratings,
                advice_requests=back % 4,
                tags=("team",) if back % 2 else ("one-on-one", "team"),
            )
        )
    journal.entries.add(Entry.new(TODAY - dt.timedelta(days=1), text="Unrated."))
    last_week = iso_week_id(TODAY - dt.timedelta(days=7))
    journal.reviews.save_notes(WeekNotes(last_week, "Directed too much.", "Ask."))
    journal.reviews.set_targets({"overall": 20})


def visit_every_view(window) -> None:
    """Show each view once, so the lazy ones are made, then the day again."""
    for name in (*VIEWS[1:], "day"):
        window.views.show_tab(name)


def choose_theme(window, theme: str) -> None:
    """Edit > Settings, pick the theme, OK: the person's own way to switch."""
    dialog = window.settings_actions.show_settings()
    choice = dialog.findChild(QComboBox, "themeChoice")
    choice.setCurrentIndex(choice.findData(theme))
    dialog.findChild(QDialogButtonBox).button(
        QDialogButtonBox.StandardButton.Ok
    ).click()
    assert window.settings.theme == theme


def looks(qtbot, window) -> dict[str, object]:
    """What the person sees: the view on screen, then every other view in
    turn (the day view card by card), with the window in front (a focused
    control shows its focus ring only in the active window)."""
    window.resize(SIZE.expandedTo(window.minimumSizeHint()))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QApplication.processEvents()  # what the screen shows once it is painted
    seen: dict[str, object] = {"window size": window.size()}
    # The view on screen during a switch is seen first, as it is: it must
    # have changed at once, with no other view shown in between.
    on_screen = window.current_name()
    for name in (on_screen, *(view for view in VIEWS if view != on_screen)):
        window.views.show_tab(name)
        if name == "day":
            for key, card in rating_cards(window).items():
                seen[f"{key} card text"] = text_colours(card)
                seen[f"{key} card"] = card.grab().toImage()
        if name == "trends":
            seen["chart colours"] = chart_colours(window)
            steady_axes(qtbot, window)
        seen[f"{name} view"] = window.views.currentWidget().grab().toImage()
    return seen


def rating_cards(window) -> dict[str, QWidget]:
    return {d.key: window.findChild(QWidget, f"rating_{d.key}") for d in DIMENSIONS}


def text_colours(card: QWidget) -> list[tuple[str, str]]:
    """Each label of a rating card, and the colour its text is drawn in."""
    return [
        (label.text()[:20], label.palette().color(label.foregroundRole()).name())
        for label in card.findChildren(QLabel)
    ]


def chart_colours(window) -> dict[str, str]:
    chart = window.trends_view.chart
    colours = {"background": chart.view.backgroundBrush().color().name()}
    for plot_name in ("lean_plot", "advice_plot"):
        plot = getattr(chart, plot_name)
        for side in ("left", "bottom"):
            axis = plot.getAxis(side)
            colours[f"{plot_name} {side} line"] = axis.pen().color().name()
            colours[f"{plot_name} {side} text"] = axis.textPen().color().name()
    return colours


def steady_axes(qtbot, window) -> None:
    """Give the chart's left axes one fixed width.

    Whatever the theme, the advice axis narrows to its labels only after it
    has been painted and laid out again, so its width depends on how often
    the chart was drawn; fixed, two charts differ only in their colours.
    """
    chart = window.trends_view.chart
    for plot in (chart.lean_plot, chart.advice_plot):
        plot.getAxis("left").setWidth(60)
    qtbot.waitUntil(lambda: chart.advice_plot.getAxis("left").geometry().width() == 60)


@pytest.mark.slow  # two windows, each view drawn and grabbed: seconds
@pytest.mark.parametrize(
    "switch",
    [
        ("light", "dark", "day"),
        ("dark", "light", "day"),
        ("light", "dark", "trends"),
        ("dark", "light", "calendar"),
        ("dark", "system", "history"),
    ],
    ids="-".join,
)
def test_a_window_switched_at_run_time_looks_like_one_started_in_that_theme(
    qtbot, journal, make_window, switch
):
    before, after, on_screen = switch  # themes, and the view shown meanwhile
    fill(journal)
    apply_theme(QApplication.instance(), before)
    switched = make_window(journal, today=lambda: TODAY)
    visit_every_view(switched)
    switched.views.show_tab(on_screen)
    choose_theme(switched, after)
    switched_looks = looks(qtbot, switched)

    # Started in the new theme, as the app starts: theme first, then window.
    apply_theme(QApplication.instance(), after)
    started = make_window(journal, today=lambda: TODAY)
    visit_every_view(started)  # a first visit lays a view out: same as above
    started.views.show_tab(on_screen)
    started_looks = looks(qtbot, started)

    for what, seen in switched_looks.items():
        assert seen == started_looks[what], (
            f"{what}: switched to {after}, it differs from a window started {after}"
        )


@pytest.mark.parametrize(("before", "after"), [("light", "dark"), ("dark", "light")])
def test_the_sample_banner_takes_the_new_theme_at_once(
    qtbot, journal, make_window, before, after
):
    apply_theme(QApplication.instance(), before)
    switched = make_window(journal, sample=True)
    choose_theme(switched, after)
    switched_banner = banner_looks(switched)

    apply_theme(QApplication.instance(), after)
    started = make_window(journal, sample=True)
    assert switched_banner == banner_looks(started), (
        f"the sample banner, switched to {after}, still has {before} colours"
    )


def banner_looks(window) -> tuple[str, str, QImage]:
    """The sample banner's background and text colours, and the banner."""
    window.resize(SIZE)
    QApplication.processEvents()
    banner = window.findChild(QLabel, "sampleBanner")
    palette = banner.palette()
    return (
        palette.color(banner.backgroundRole()).name(),
        palette.color(banner.foregroundRole()).name(),
        banner.grab().toImage(),
    )


def colours(palette: QPalette) -> list[list[str]]:
    """Every colour of ``palette``, by group and role."""
    return [
        [group, role, palette.color(QPalette.ColorGroup[group], Role[role]).name()]
        for group in ("Active", "Inactive", "Disabled")
        for role in Role.__members__
        if role not in ("NoRole", "NColorRoles")
    ]


#: Prints the style and colours a new app gets on this platform, before any theme.
PLATFORM_LOOK = f"""
import json
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
Role = QPalette.ColorRole
app = QApplication([])
{inspect.getsource(colours)}
print(json.dumps([app.style().name(), colours(app.palette())]))
"""


def test_following_the_system_again_gives_back_the_platforms_own_look(
    journal, make_window
):
    app = QApplication.instance()
    if system_is_dark(app):
        pytest.skip("this desktop asks for dark, so 'system' means the dark theme")
    done = subprocess.run(
        [sys.executable, "-c", PLATFORM_LOOK],
        capture_output=True,
        text=True,
        check=True,
    )
    platform_style, platform_colours = json.loads(done.stdout)

    apply_theme(app, "light")
    window = make_window(journal)
    choose_theme(window, "dark")
    assert colours(app.palette()) != platform_colours
    choose_theme(window, "system")
    QApplication.processEvents()

    assert app.style().name() == platform_style
    assert colours(app.palette()) == platform_colours
    window_text = app.palette().color(Role.WindowText).name()
    for card in rating_cards(window).values():
        titles = [
            label.palette().color(label.foregroundRole()).name()
            for label in card.findChildren(QLabel)
            if label.text() == card.dimension.name
        ]
        assert titles == [window_text], card.dimension.name
