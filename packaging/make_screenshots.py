"""Render the README's screenshots from the real window, offscreen.

    python packaging/make_screenshots.py [OUTPUT_DIR]

A few entries are written into a journal in a temporary folder (never the
person's own), the main window is shown with Qt's offscreen platform, and
it is saved as PNG in the light and the dark palette.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QPalette

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.app import application
from leaderjournal.ui.main_window import MainWindow

SAMPLE = [
    (
        "Quarterly planning with the team",
        "Walked the team through the roadmap and asked Priya to lead the "
        "migration; she chose the approach herself.",
        {"power": 1, "followers": 2, "relationship": 0, "mentor": 2},
        3,
        ("planning", "1:1"),
    ),
    (
        "Incident review",
        "Held the team to the runbook while the outage was on; we will look "
        "at what to change on Thursday.",
        {"power": -2, "growth": -1, "mentor": -1},
        1,
        ("crisis",),
    ),
]

DARK = {
    QPalette.ColorRole.Window: "#26282b",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1d1f21",
    QPalette.ColorRole.AlternateBase: "#2c2f33",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#34373b",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.Highlight: "#3d7bd9",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Mid: "#55585c",
    QPalette.ColorRole.PlaceholderText: "#9a9da1",
}


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    app = application()
    app.setStyle("Fusion")
    with tempfile.TemporaryDirectory() as folder, Journal(Path(folder)) as journal:
        today = dt.date.today()
        for title, text, ratings, advice, tags in SAMPLE:
            journal.entries.add(
                Entry.new(
                    today,
                    title=title,
                    text=text,
                    ratings=ratings,
                    advice_requests=advice,
                    tags=tags,
                )
            )
        for name, colors in (("light", {}), ("dark", DARK)):
            palette = app.style().standardPalette()
            for role, color in colors.items():
                palette.setColor(role, QColor(color))
            if colors:
                for role in (
                    QPalette.ColorRole.WindowText,
                    QPalette.ColorRole.ButtonText,
                    QPalette.ColorRole.Text,
                ):
                    palette.setColor(
                        QPalette.ColorGroup.Disabled, role, QColor("#7a7d82")
                    )
            app.setPalette(palette)
            window = MainWindow(journal)
            window.show()
            app.processEvents()
            path = out_dir / f"main-window-{name}.png"
            window.grab().save(str(path))
            window.close()
            print(path)


if __name__ == "__main__":
    default = Path(__file__).resolve().parent.parent / "resources" / "screenshots"
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
