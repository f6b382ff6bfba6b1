"""The banner over a sample journal's views, saying nothing in it is kept."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def with_sample_banner(views: QWidget) -> QWidget:
    """``views`` under a banner saying this is a made-up, throwaway journal."""
    banner = QLabel(
        "<b>Sample journal.</b> Made-up entries to explore with; nothing you "
        "do here touches your own journal, and it is deleted when you close "
        "this window.",
        objectName="sampleBanner",
    )
    banner.setWordWrap(True)
    banner.setContentsMargins(12, 8, 12, 8)
    banner.setStyleSheet(
        "background: palette(highlight); color: palette(highlighted-text);"
    )
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    layout.addWidget(views, 1)
    return box
