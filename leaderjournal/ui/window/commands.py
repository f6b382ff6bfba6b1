"""What each named command of the menu table does in a main window.

The menus (:mod:`leaderjournal.ui.window.menus`) know only the commands'
names; this maps each name to the window's view, action or method it runs.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from leaderjournal.ui.window.menus import Command

if TYPE_CHECKING:
    from leaderjournal.ui.window.main_window import MainWindow


def window_commands(window: MainWindow) -> dict[str, Command]:
    """The targets of the menus and shortcuts in ``window``."""
    # A sample journal's window closes alone: Ctrl+Q there must not end
    # the app and the person's own window with it.
    closing = (
        {"close_sample": window.close}
        if window.sample
        else {
            "quit": window.quit,
            "lock": window.lock,
            "sync_now": window.sync.sync_now,
        }
    )
    day, views, help_ = window.day_view, window.views, window.help
    return {
        **closing,
        "new_entry": day.new_entry,
        "add_entry": window.add_entry_to_day,
        "save": day.save_now,
        "export": window.exchange.show_export,
        "export_everything": window.exchange.export_everything,
        "import": window.exchange.choose_import,
        "backup": window.backups.backup_now,
        "restore": window.backups.choose_restore,
        "undo_delete": window.undo_delete,
        "delete_entry": day.delete_current,
        "settings": window.settings_actions.show_settings,
        "previous": partial(views.step, -1),
        "next": partial(views.step, 1),
        "today": views.go_today,
        "choose_date": window.choose_date,
        "show_day": partial(views.show_tab, "day"),
        "show_history": partial(views.show_tab, "history"),
        "show_calendar": partial(views.show_tab, "calendar"),
        "show_trends": partial(views.show_tab, "trends"),
        "show_review": partial(views.show_tab, "review"),
        "search": views.search,
        "dimensions": help_.show_dimensions,
        "shortcuts": help_.show_shortcuts,
        "explore_sample": (
            window.bring_to_front if window.sample else help_.explore_sample
        ),
        "log_folder": help_.show_log_folder,
        "about": help_.show_about,
    }
