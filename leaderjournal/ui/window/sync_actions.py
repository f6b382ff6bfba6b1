"""The window's side of sync: its :class:`SyncController` while sync is on,
File → Sync Now, what the status bar says of a run, and the views redrawn
when a run brought other computers' changes in."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from leaderjournal.domain.words import plural
from leaderjournal.errors import LeaderJournalError
from leaderjournal.storage import sync_outbox
from leaderjournal.storage.journal import Journal
from leaderjournal.sync import engine
from leaderjournal.sync.engine import Report
from leaderjournal.ui.common.sync_source import SyncSource
from leaderjournal.ui.day.day_view import DayView
from leaderjournal.ui.window.sync_controller import SyncController

log = logging.getLogger(__name__)

#: How long "Synced · 2 changes taken in" stays in the status bar.
SYNCED_MS = 8_000


class SyncActions(QObject):
    """Sync for the window's journal: on or off, run by itself or asked for.

    ``before_run`` saves what the window holds unsaved; ``journal_changed``
    redraws the views (``day`` False: all but the day view).
    """

    #: A run ended: None, or why it failed (Settings → Sync shows it).
    ran = Signal(object)
    #: Sync was turned on or off (File → Sync Now follows it).
    turned = Signal(bool)

    def __init__(
        self,
        journal: Journal,
        window: QMainWindow,
        day_view: DayView,
        before_run: Callable[[], object],
        journal_changed: Callable[[bool], None],
        *,
        controller_options: dict[str, int] | None = None,
    ) -> None:
        super().__init__(window)
        self._journal = journal
        self._window = window
        self._day_view = day_view
        self._before_run = before_run
        self._journal_changed = journal_changed
        #: Tests shorten the controller's delays.
        self.controller_options = controller_options or {}
        self.controller: SyncController | None = None
        self.last_failure: str | None = None

    def is_on(self) -> bool:
        return engine.device_of(self._journal.connection) is not None

    # -- on and off ------------------------------------------------------------------

    def start(self) -> None:
        """Sync by itself from now on if sync is on (again: with its folder
        as it is now), a first run at once."""
        self.stop()
        on = self.is_on()
        self._show_conflicts(on)
        if on:
            controller = self.controller = SyncController(
                self._journal,
                self,
                before_run=self._before_run,
                **self.controller_options,
            )
            controller.synced.connect(self._synced)
            controller.failed.connect(self._failed)
            # After the window's first paint, like the backup.
            controller.run_soon()
        self.turned.emit(on)

    def stop(self) -> None:
        """No more runs (sync turned off, or the window closes or locks)."""
        controller, self.controller = self.controller, None
        if controller is not None:
            controller.stop()
            controller.deleteLater()

    def finish(self) -> None:
        """The window closes (or locks): no more runs, and what was saved
        since the last run is sent at once, so that the other computers get
        it without waiting for this one to start again. Taking theirs in
        waits for the next start. A failure is logged, never asked about:
        the changes stay in the journal and go at the next run."""
        self.stop()
        if not self.is_on():
            return
        try:
            sent = engine.for_journal(self._journal).send()
        except (LeaderJournalError, OSError) as exc:
            log.warning("Not synced on closing: %s", exc)
        else:
            log.info("Sent %d changes on closing", sent)

    def turned_off(self) -> None:
        self.stop()
        self._show_conflicts(False)
        self.turned.emit(False)

    def _show_conflicts(self, on: bool) -> None:
        # The day view's "Also edited on…" banner reads the conflicts here.
        self._day_view.set_conflict_source(SyncSource(self._journal) if on else None)

    # -- runs ------------------------------------------------------------------------

    def sync_now(self) -> None:
        """File → Sync Now."""
        if self.controller is None:
            self._say("Sync is off: turn it on in Edit \u2192 Settings \u2192 Sync.")
            return
        self._say("Syncing\u2026", SYNCED_MS)
        self.controller.run_now()

    def saved(self, *_args: object) -> None:
        """Something was saved in the window: synced once the person pauses."""
        if self.controller is not None:
            self.controller.saved()

    def _synced(self, report: Report) -> None:
        self.last_failure = None
        if report.records_changed:
            self._journal_changed(self._day_shown_changed(report))
            if self.controller is not None and sync_outbox.has_writes(
                self._journal.connection
            ):
                # The page was saved over what the run brought (typed while
                # it ran): sent at once, so that the banner and the other
                # computers see it now rather than after the usual pause.
                self.controller.run_soon()
        # A conflict can come in without changing the entry shown (its text
        # here won): the banner looks again after every run.
        self._day_view.refresh_conflicts()
        if report.taken_in:
            changes = plural(report.taken_in, "change", "changes")
            self._say(f"Synced \u00b7 {changes} taken in", SYNCED_MS)
        else:
            self._window.statusBar().clearMessage()
        self.ran.emit(None)

    def _failed(self, reason: str) -> None:
        # One line until the next run works: tried again by itself.
        self.last_failure = reason
        self._say(f"Not synced: {reason}")
        self.ran.emit(reason)

    def _say(self, text: str, ms: int = 0) -> None:
        self._window.statusBar().showMessage(text, ms)

    def _day_shown_changed(self, report: Report) -> bool:
        """Whether a run changed an entry of the day the day view shows (or
        the entry in it): only then is the editor loaded again, so that a
        run about other days never touches the page being written."""
        ids = {
            record
            for kind, record in report.records_changed
            if kind == sync_outbox.ENTRY
        }
        if not ids:
            return False
        shown = self._day_view.current_entry()
        if shown is not None and shown.id in ids:
            return True
        found = self._journal.entries.get_many(ids)
        day = self._day_view.day()
        gone = ids - set(found)  # deleted: perhaps from this day
        return bool(gone) or any(entry.date == day for entry in found.values())
