"""Render the README's screenshots from the real app, offscreen.

    python packaging/make_screenshots.py [OUTPUT_DIR]

The sample journal (the same one the first run offers) is written into a
temporary folder, never the person's own, and every main view is saved as
PNG in the light and the dark theme.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from leaderjournal.domain.sample import sample_entries, sample_reviews
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.app import application
from leaderjournal.ui.common.theme import apply_theme
from leaderjournal.ui.dialogs.messages import Dialogs
from leaderjournal.ui.window.main_window import MainWindow

VIEWS = ("day", "history", "calendar", "trends", "review")
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "resources" / "screenshots"


def fill(journal: Journal, today: dt.date) -> None:
    entries = sample_entries(today)
    journal.entries.save_many(entries)
    for notes in sample_reviews(entries):
        journal.reviews.save_notes(notes)
    journal.reviews.set_targets({"overall": 20, "influence": 30})


def shoot(window: MainWindow, out_dir: Path, theme: str) -> list[Path]:
    app = application()
    saved = []
    views = {
        "day": window.day_view,
        "history": window.history_view,
        "calendar": window.calendar_view,
        "trends": window.trends_view,
        "review": window.review_view,
    }
    for name in VIEWS:
        window.show_view(views[name])
        if name == "history":
            window.history_view.search.setText("team")
            window.history_view.refresh()
        app.processEvents()
        path = out_dir / f"{name}-{theme}.png"
        window.grab().save(str(path))
        saved.append(path)
    return saved


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    app = application()
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as folder, Journal(Path(folder)) as journal:
        fill(journal, today)
        for theme in ("light", "dark"):
            apply_theme(app, theme)
            window = MainWindow(journal, Dialogs())
            window.resize(1280, 800)
            window.show()
            app.processEvents()
            for path in shoot(window, out_dir, theme):
                print(path)
            window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)
