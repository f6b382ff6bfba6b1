"""The trends view in the running window: chart data, clicks, PNG, contexts."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from leaderjournal.domain.entry import Entry

TODAY = dt.date.today()


def seed(journal) -> None:
    journal.entries.save_many(
        [
            Entry.new(
                TODAY - dt.timedelta(days=10), ratings={"influence": 2}, tags=("1:1",)
            ),
            Entry.new(
                TODAY - dt.timedelta(days=3), ratings={"mentor": -2}, tags=("crisis",)
            ),
            Entry.new(
                TODAY - dt.timedelta(days=3), ratings={"mentor": 0}, tags=("1:1",)
            ),
            Entry.new(TODAY, ratings={"growth": 1}, advice_requests=2),
        ]
    )


def open_trends(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() is window.trends_view
    return window.trends_view


def test_the_chart_draws_the_days_of_the_range(qtbot, journal, make_window):
    seed(journal)
    view = open_trends(qtbot, make_window(journal))

    data = view.data
    assert data.granularity == "day"  # 3 months by default
    # Day leans: +100 (10 days ago), -50 (3 days ago: -2 and 0 pooled), +50 today.
    assert list(data.points.points()) == [
        (TODAY - dt.timedelta(days=10), 100.0),
        (TODAY - dt.timedelta(days=3), -50.0),
        (TODAY, 50.0),
    ]
    assert len(view.chart.scatter.data) == 3
    assert "7-day rolling" in view.findChild(QWidget, "trendCaption").text()


def test_clicking_a_point_opens_that_day(qtbot, journal, make_window):
    seed(journal)
    window = make_window(journal)
    view = open_trends(qtbot, window)
    chart = view.chart
    chart.view.resize(900, 500)
    # pyqtgraph lays the plots out when the event loop runs after a resize.
    qtbot.waitUntil(
        lambda: chart.view.ci.size().toSize() == chart.view.viewport().size()
    )
    qtbot.waitUntil(
        lambda: chart.lean_plot.vb.sceneBoundingRect().contains(
            chart.view.mapToScene(chart.point_position(1))
        )
    )

    where = chart.point_position(1)  # the point of three days ago
    qtbot.mouseClick(chart.view.viewport(), Qt.MouseButton.LeftButton, pos=where)

    assert window.current_view() is window.day_view
    assert window.day_view.day() == TODAY - dt.timedelta(days=3)


def test_ranges_switch_to_weeks_and_months_and_say_so(qtbot, journal, make_window):
    journal.entries.save_many(
        [
            Entry.new(TODAY - dt.timedelta(days=n), ratings={"influence": 1})
            for n in range(0, 1500, 5)
        ]
    )
    view = open_trends(qtbot, make_window(journal))

    qtbot.mouseClick(view.findChild(QWidget, "range_1y"), Qt.MouseButton.LeftButton)
    assert view.data.granularity == "week"
    assert "week" in view.findChild(QWidget, "trendCaption").text()
    qtbot.mouseClick(view.findChild(QWidget, "range_all"), Qt.MouseButton.LeftButton)
    assert view.data.granularity == "month"
    assert len(view.data.points.x) <= 51  # about 50 months, never a point per day
    qtbot.mouseClick(view.findChild(QWidget, "range_4w"), Qt.MouseButton.LeftButton)
    assert view.data.granularity == "day"
    assert view.data.start == TODAY - dt.timedelta(days=27)


def test_dimension_lines_are_toggled_from_the_legend(qtbot, journal, make_window):
    seed(journal)
    view = open_trends(qtbot, make_window(journal))
    mentor = view.chart.dimensions.lines["mentor"]
    assert not mentor.isVisible()

    view.findChild(QWidget, "toggle_mentor").click()
    assert mentor.isVisible()
    view.findChild(QWidget, "toggle_mentor").click()
    assert not mentor.isVisible()


def test_a_target_is_drawn_as_a_band(qtbot, journal, make_window):
    seed(journal)
    journal.reviews.set_targets({"overall": 30})
    view = open_trends(qtbot, make_window(journal))
    assert view.chart.band.isVisible()
    assert view.chart.band.getRegion() == (20.0, 40.0)


def test_hover_describes_the_nearest_point(qtbot, journal, make_window):
    seed(journal)
    view = open_trends(qtbot, make_window(journal))
    from leaderjournal.ui.trends.trend_chart import seconds

    text = view.chart.describe_near(seconds(TODAY - dt.timedelta(days=3)) + 3600)
    assert text.startswith((TODAY - dt.timedelta(days=3)).strftime("%a %d %b %Y"))
    assert "lean -50.0" in text
    assert "7-day lean" in text


def test_a_hovered_dot_is_described_in_the_apps_own_words(qtbot, journal, make_window):
    seed(journal)
    day = TODAY - dt.timedelta(days=5)
    journal.entries.save(
        Entry.new(day, title="Budget talk with Ana", ratings={"mentor": 2})
    )
    journal.entries.save(Entry.new(day, title="Later that day", ratings={"mentor": 1}))
    view = open_trends(qtbot, make_window(journal))
    from leaderjournal.ui.trends.trend_chart import seconds

    (spot,) = [p for p in view.chart.scatter.points() if p.data() == day]
    tip = view.chart.scatter.opts["tip"](
        x=spot.pos().x(), y=spot.pos().y(), data=spot.data()
    )
    assert tip.startswith(day.strftime("%a %d %b %Y"))
    assert "lean +75.0" in tip  # both entries of the day, pooled
    assert "7-day lean" in tip
    assert tip.endswith("\u201cBudget talk with Ana\u201d")
    assert "data=" not in tip
    assert "e+09" not in tip
    assert view.chart.describe_near(seconds(day)) == tip


def test_save_chart_as_png(qtbot, tmp_path, journal, make_window, dialogs):
    seed(journal)
    view = open_trends(qtbot, make_window(journal))
    dialogs.save_path = tmp_path / "trend"
    qtbot.mouseClick(view.findChild(QWidget, "savePng"), Qt.MouseButton.LeftButton)
    saved = tmp_path / "trend.png"
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert dialogs.shown[-1][:2] == ("notice", "Chart saved")


def test_good_news_goes_to_the_status_bar_not_a_box(qtbot, tmp_path, journal):
    """With the real messages: a saved chart is said in the status bar, and
    no box waits to be closed (boxes are for questions and failures)."""
    from PySide6.QtWidgets import QMessageBox

    from leaderjournal.ui.dialogs.messages import Dialogs
    from leaderjournal.ui.window.main_window import MainWindow

    seed(journal)
    dialogs = Dialogs()
    window = MainWindow(journal, dialogs, lambda: TODAY)
    dialogs.set_parent(window)  # as the app does once the window exists
    qtbot.addWidget(window)
    window.show()
    window.views.show_tab("trends")
    view = window.trends_view

    view.save_png(tmp_path / "trend.png")

    assert window.statusBar().currentMessage() == (
        f"The chart was saved as {tmp_path / 'trend.png'}."
    )
    assert not [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def test_a_chart_is_never_saved_onto_the_journal(
    qtbot, tmp_path, journal, make_window, dialogs
):
    seed(journal)
    view = open_trends(qtbot, make_window(journal))
    before = hashlib.sha256(journal.path.read_bytes()).hexdigest()
    link = tmp_path / "chart.png"
    link.symlink_to(journal.path)
    dialogs.save_path = link
    qtbot.mouseClick(view.findChild(QWidget, "savePng"), Qt.MouseButton.LeftButton)
    kind, title, text = dialogs.shown[-1]
    assert (kind, title) == ("error", "The chart was not saved")
    assert "the journal itself" in text
    assert link.is_symlink()
    assert hashlib.sha256(journal.path.read_bytes()).hexdigest() == before


def test_lean_by_context_pools_the_ratings_of_each_tag(qtbot, journal, make_window):
    seed(journal)
    view = open_trends(qtbot, make_window(journal))
    table = view.findChild(QWidget, "contextTable")
    rows = {
        table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
    }
    # 1:1 -> ratings +2 and 0 -> 50; crisis -> -2 -> -100.
    assert rows == {"1:1": ("2", "+50.0"), "crisis": ("1", "-100.0")}


def test_the_chart_library_is_not_imported_until_the_view_is_shown(tmp_path):
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from leaderjournal.ui.app import application
        from leaderjournal.storage.journal import Journal
        from leaderjournal.ui.window.main_window import MainWindow
        app = application()
        with Journal(Path({str(tmp_path / "data")!r})) as journal:
            window = MainWindow(journal)
            window.show()
            app.processEvents()
            before = "pyqtgraph" in sys.modules
            window.show_view(window.trends_view)
            print(before, "pyqtgraph" in sys.modules)
            window.close()
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert result.stdout.split() == ["False", "True"], result.stderr
