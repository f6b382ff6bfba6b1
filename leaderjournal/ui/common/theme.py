"""Light and dark: following the system, or the person's choice.

The views paint with the application palette (charts, calendar and bars read
it when they draw), so switching the palette here is all a theme needs.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_DARK = {
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
    QPalette.ColorRole.Dark: "#18191b",
    QPalette.ColorRole.Light: "#4a4d52",
    QPalette.ColorRole.PlaceholderText: "#9a9da1",
    QPalette.ColorRole.ToolTipBase: "#34373b",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.Link: "#7fb2ff",
    QPalette.ColorRole.BrightText: "#ffffff",
}
_DARK_DISABLED = "#7a7d82"

_system: tuple[str, QPalette] | None = None


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in _DARK.items():
        palette.setColor(role, QColor(color))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DARK_DISABLED))
    return palette


def system_is_dark(app: QApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QCoreApplication | None, theme: str) -> None:
    """Use ``theme`` ("system", "light" or "dark") for the whole app.

    Takes what ``QApplication.instance()`` gives; an app without widgets
    (or none at all) has nothing to theme.
    """
    global _system  # noqa: PLW0603 - the platform's look, remembered once
    if not isinstance(app, QApplication):
        return
    if _system is None:
        _system = (app.style().name(), QPalette(app.palette()))
    style_name, system_palette = _system
    if theme == "system" and not system_is_dark(app):
        app.setStyle(style_name)
        app.setPalette(system_palette)
        return
    if theme == "light":
        app.setStyle("Fusion")
        app.setPalette(app.style().standardPalette())
        return
    # "dark", or a system that asks for dark: Fusion draws every widget from
    # the palette, so a dark palette reads well whatever the platform style.
    app.setStyle("Fusion")
    app.setPalette(dark_palette())
