"""The five views as tabs, and moving between them.

The day view is made at once; the others, and the code behind them, when
first shown: most evenings only the day view is used, and the window opens
faster.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QWidget

from leaderjournal.storage.journal import Journal
from leaderjournal.ui.common.autosave import AutosaveDelays
from leaderjournal.ui.common.worker import soon
from leaderjournal.ui.day.day_view import DayView
from leaderjournal.ui.dialogs.messages import Dialogs
from leaderjournal.ui.window.lazy_tab import LazyTab

if TYPE_CHECKING:
    from leaderjournal.ui.calendar.calendar_view import CalendarView
    from leaderjournal.ui.history.history_view import HistoryView
    from leaderjournal.ui.review.review_view import ReviewView
    from leaderjournal.ui.trends.trends_view import TrendsView


class ViewTabs(QTabWidget):
    """Day, History, Calendar, Trends and Weekly Review, by name."""

    def __init__(
        self,
        journal: Journal,
        dialogs: Dialogs,
        today: Callable[[], dt.date],
        day_view: DayView,
        autosave: AutosaveDelays | None = None,
    ) -> None:
        super().__init__(objectName="views")
        self.setDocumentMode(True)
        self._journal = journal
        self._dialogs = dialogs
        self._today = today
        self._autosave = autosave
        self.day_view = day_view
        self.addTab(day_view, "&Day")
        self.history_tab = LazyTab("history", self._make_history)
        self.calendar_tab = LazyTab("calendar", self._make_calendar)
        self.trends_tab = LazyTab("trends", self._make_trends)
        self.review_tab = LazyTab("review", self._make_review)
        self._tabs: dict[str, LazyTab[QWidget]] = {}
        for tab, label in (
            (self.history_tab, "&History"),
            (self.calendar_tab, "&Calendar"),
            (self.trends_tab, "T&rends"),
            (self.review_tab, "Weekly Re&view"),
        ):
            self._tabs[tab.name] = tab
            self.addTab(tab, label)
        self.currentChanged.connect(lambda _index: self.shown_again())

    # -- which view ------------------------------------------------------------

    def show_tab(self, name: str) -> None:
        """Show a view by name: "day", "history", "calendar", "trends", "review"."""
        self.setCurrentWidget(self.day_view if name == "day" else self._tabs[name])

    def show_view(self, view: QWidget) -> None:
        for tab in self._tabs.values():
            if tab.made is view:
                self.setCurrentWidget(tab)
                return
        self.setCurrentWidget(view)

    def current_name(self) -> str:
        """Which view is shown: "day", "history", "calendar", "trends", "review"."""
        current = self.currentWidget()
        return current.name if isinstance(current, LazyTab) else "day"

    def current_view(self) -> QWidget:
        """The view shown now (made if it was not yet)."""
        name = self.current_name()
        return self.day_view if name == "day" else self._tabs[name].view()

    def shown_again(self) -> None:
        """The current view came (back) on screen: save the day's writing
        and redraw the view from the journal."""
        name = self.current_name()
        if name == "day":
            self.day_view.form.focus_text()
            return
        self.day_view.save_now()
        if name == "history":
            self.history_tab.view().load_tags()
        self.refresh_current()
        if name == "calendar":
            self.calendar_tab.view().setFocus()

    def journal_changed(self, day: bool = True) -> None:
        """Something besides the day view wrote to the journal (an import, a
        restore, a sync): the day view and the view shown redraw at once, each
        in an event of its own (on 100,000 entries each reads for a while, and
        the window answers between them); the others redraw from the journal
        when next shown, as always. ``day`` False: the day shown did not
        change, and its page is left as it is."""
        if day:
            self.day_view.refresh()
        soon(self, self._reload_history_tags)
        soon(self, self.refresh_current)

    def _reload_history_tags(self) -> None:
        history = self.history_tab.made
        if history is not None:
            history.load_tags()

    def refresh_current(self) -> None:
        """Redraw the view shown (unless it is the day view) from the journal."""
        name = self.current_name()
        if name == "history":
            self.history_tab.view().refresh()
        elif name == "calendar":
            self.calendar_tab.view().refresh()
        elif name == "trends":
            self.trends_tab.view().refresh()
        elif name == "review":
            self.review_tab.view().refresh()

    # -- moving between views ----------------------------------------------------

    def search(self) -> None:
        """Ctrl+F: the history's search box, from anywhere."""
        self.show_view(self.history_tab.view())
        self.history_tab.view().focus_search()

    def open_entry(self, entry_id: str, day: dt.date) -> None:
        """Show an entry in the day view, on its day."""
        self.show_view(self.day_view)
        self.day_view.show_day(day, entry_id=entry_id)
        self.day_view.form.focus_text()

    def open_day(self, day: dt.date) -> None:
        """Show a day (from the calendar) in the day view."""
        self.show_view(self.day_view)
        self.day_view.go_to_day(day)

    def go_today(self) -> None:
        """Ctrl+T: today in the day view, or this week in the weekly review."""
        if self.current_name() == "review":
            self.review_tab.view().go_this_week()
            return
        self.show_view(self.day_view)
        self.day_view.go_today()

    def step(self, steps: int) -> None:
        """Alt+Left/Right: the previous/next week in the review, else day."""
        if self.current_name() == "review":
            self.review_tab.view().step_week(steps)
            return
        self.show_view(self.day_view)
        self.day_view.step_day(steps)
        self.day_view.form.focus_text()

    # -- making the views ----------------------------------------------------------

    def _make_history(self) -> HistoryView:
        from leaderjournal.ui.history.history_view import HistoryView

        view = HistoryView(self._journal, self._today)
        view.entry_opened.connect(self.open_entry)
        return view

    def _make_calendar(self) -> CalendarView:
        from leaderjournal.ui.calendar.calendar_view import CalendarView

        view = CalendarView(self._journal, self._today)
        view.day_opened.connect(self.open_day)
        return view

    def _make_trends(self) -> TrendsView:
        from leaderjournal.ui.trends.trends_view import TrendsView

        view = TrendsView(self._journal, self._dialogs, self._today)
        view.day_opened.connect(self.open_day)
        return view

    def _make_review(self) -> ReviewView:
        from leaderjournal.ui.review.review_view import ReviewView

        view = ReviewView(
            self._journal, self._dialogs, self._today, autosave=self._autosave
        )
        view.entry_opened.connect(self.open_entry)
        view.targets_changed.connect(self._targets_changed)
        return view

    def _targets_changed(self) -> None:
        trends = self.trends_tab.made
        if trends is not None and trends.chart is not None:
            trends.refresh()
