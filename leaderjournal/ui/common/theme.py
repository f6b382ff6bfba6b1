"""Light and dark: following the system, or the person's choice.

The views paint with the application palette (charts, calendar and bars read
it when they draw), so switching the palette here is all a theme needs, as
long as it is set before the style (see :func:`_use`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

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
#: The window colour the check box and radio button outlines are drawn from
#: (see :class:`_IndicatorFusion`): by group, a fainter one when disabled.
#: Dark: a light one, so that its darkened outline stands out from the window.
_DARK_INDICATOR_WINDOW = {
    QPalette.ColorGroup.Active: "#d0d3d8",
    QPalette.ColorGroup.Inactive: "#d0d3d8",
    QPalette.ColorGroup.Disabled: "#75787d",
}
#: Light: a mid grey, so that its darkened outline stands out by about 3.8:1
#: (box) and 4:1 (circle) rather than Fusion's 1.65:1 and 2.1:1.
_LIGHT_INDICATOR_WINDOW = {
    QPalette.ColorGroup.Active: "#999999",
    QPalette.ColorGroup.Inactive: "#999999",
    QPalette.ColorGroup.Disabled: "#d0d0d0",
}

_system_style: str | None = None


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
    global _system_style  # noqa: PLW0603 - the platform's style, remembered once
    if not isinstance(app, QApplication):
        return
    if _system_style is None:
        _system_style = app.style().name()
    if theme == "system" and not system_is_dark(app):
        # An empty palette takes every colour from the platform, and keeps
        # following it when the desktop changes its colours.
        _use(app, _system_style, QPalette())
    elif theme == "light":
        fusion = QStyleFactory.create("Fusion")
        _use(app, _IndicatorFusion(_LIGHT_INDICATOR_WINDOW), fusion.standardPalette())
    else:
        # "dark", or a system that asks for dark: Fusion draws every widget
        # from the palette, so a dark palette reads well whatever the platform
        # style.
        _use(app, _IndicatorFusion(_DARK_INDICATOR_WINDOW), dark_palette())


class _IndicatorFusion(QProxyStyle):
    """Fusion, with check box and radio button outlines that show on the window.

    Fusion draws those outlines in the window colour, darkened a little: on a
    dark window the outline of an unticked box all but vanishes, and on its
    own light grey one it is faint (1.65:1), and the box with it. Each
    indicator is drawn by Fusion itself, every state as it does (ticked,
    partly ticked, pressed, disabled, the keyboard focus in the highlight
    colour), only from the window colour ``indicator_window`` gives for the
    palette's group, chosen so that its darkened outline stands out.
    """

    _INDICATORS = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    )

    def __init__(self, indicator_window: dict[QPalette.ColorGroup, str]) -> None:
        super().__init__("Fusion")
        self._indicator_window = {
            group: QColor(color) for group, color in indicator_window.items()
        }

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element in self._INDICATORS:
            option = type(option)(option)  # a copy: the caller's stays as it was
            palette = QPalette(option.palette)
            for group, color in self._indicator_window.items():
                palette.setColor(group, QPalette.ColorRole.Window, color)
            option.palette = palette
        super().drawPrimitive(element, option, painter, widget)


def _use(app: QApplication, style: str | QStyle, palette: QPalette) -> None:
    """Switch to ``palette`` and ``style``, repainting every widget in them.

    The palette goes first: setting the style polishes every widget again,
    and a widget under a style sheet (a rating card, the sample banner) takes
    its colours, ``palette(mid)`` and the text of its labels alike, only when
    it is polished. The other way round it keeps the old theme's colours,
    dark text on a dark window, until the app is started again.
    """
    app.setPalette(palette)
    app.setStyle(style)
