"""Every check box and radio button can be seen as one, in both themes.

An unticked box is nothing but its outline: if the outline melts into the
window, the person does not see that there is a choice to make. The outline
must stand out from the window by at least 3:1, the contrast WCAG asks of the
parts of a control that show it is there. 'system' is the platform's own look,
whatever it is, and stays so.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QRadioButton,
    QStyle,
    QStyleFactory,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.ui.common.theme import apply_theme

Control = QCheckBox | QRadioButton

INDICATOR = {
    QCheckBox: QStyle.SubElement.SE_CheckBoxIndicator,
    QRadioButton: QStyle.SubElement.SE_RadioButtonIndicator,
}


THEMES = pytest.mark.parametrize("theme", ["light", "dark"])


@pytest.fixture(autouse=True)
def _platform_look_after() -> Iterator[None]:
    yield
    apply_theme(QApplication.instance(), "system")


def luminance(color: QColor) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(color.red())
        + 0.7152 * linear(color.green())
        + 0.0722 * linear(color.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    darker, lighter = sorted((luminance(a), luminance(b)))
    return (lighter + 0.05) / (darker + 0.05)


def show_in_window(qtbot, button: QWidget) -> QWidget:
    window = QWidget()
    QVBoxLayout(window).addWidget(button)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def indicator_rect(button: Control, window: QWidget) -> QRect:
    """Where the style draws the box or circle, in the window's pixels."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    rect = button.style().subElementRect(INDICATOR[type(button)], option, button)
    return rect.translated(button.mapTo(window, QPoint(0, 0)))


def edge_colours(image: QImage, rect: QRect) -> list[QColor]:
    """The pixels on the indicator's edges: its outline (where a circle
    touches them), not the inside, where a tick or a dot would be."""
    return [
        image.pixelColor(x, y)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
        if x in (rect.left(), rect.right()) or y in (rect.top(), rect.bottom())
    ]


def outline_contrast(image: QImage, rect: QRect, background: QColor) -> float:
    """How far the outline stands out from the window: its most contrasting pixel."""
    return max(contrast(pixel, background) for pixel in edge_colours(image, rect))


def nearest_to(image: QImage, rect: QRect, color: QColor) -> int:
    """How far (in RGB) the outline pixel nearest ``color`` is from it."""
    return min(
        abs(pixel.red() - color.red())
        + abs(pixel.green() - color.green())
        + abs(pixel.blue() - color.blue())
        for pixel in edge_colours(image, rect)
    )


def grab(qtbot, kind: type[Control], *, checked: bool) -> float:
    """Show one unticked (or ticked) control in a window; its outline's contrast."""
    button = kind("Remember on this computer")
    button.setChecked(checked)
    window = show_in_window(qtbot, button)
    image = window.grab().toImage()
    background = image.pixelColor(0, 0)  # the window's margin, around the control
    assert background == window.palette().color(window.backgroundRole())
    return outline_contrast(image, indicator_rect(button, window), background)


@pytest.mark.parametrize("checked", [False, True], ids=["unticked", "ticked"])
@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
@THEMES
def test_the_outline_stands_out_from_the_window(qtbot, theme, kind, checked):
    apply_theme(QApplication.instance(), theme)

    assert grab(qtbot, kind, checked=checked) >= 3


@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
@THEMES
def test_a_disabled_control_still_shows_its_outline_fainter(qtbot, theme, kind):
    """A control that cannot be used now is still seen to be there (WCAG asks
    no contrast of it; 1.5:1 is kept), and looks fainter."""
    apply_theme(QApplication.instance(), theme)
    enabled = grab(qtbot, kind, checked=False)
    button = kind("Daily reminder at")
    button.setEnabled(False)
    window = show_in_window(qtbot, button)
    image = window.grab().toImage()
    disabled = outline_contrast(
        image, indicator_rect(button, window), image.pixelColor(0, 0)
    )

    assert 1.5 <= disabled < enabled


@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
@THEMES
def test_keyboard_focus_still_shows_on_the_outline(qtbot, theme, kind):
    """Tabbing to a control colours its outline with the highlight, as before."""
    apply_theme(QApplication.instance(), theme)
    first = QCheckBox("Before")
    button = kind("Remember on this computer")
    window = show_in_window(qtbot, first)
    window.layout().addWidget(button)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    first.setFocus()
    rect = indicator_rect(button, window)
    unfocused = window.grab().toImage().copy(rect)

    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert button.hasFocus()
    focused = window.grab().toImage().copy(rect)

    # The outline pixel nearest the highlight colour: a focused outline is
    # drawn in a shade of it, an unfocused one in grey.
    highlight = window.palette().color(window.palette().ColorRole.Highlight)
    ring = nearest_to(focused, focused.rect(), highlight)
    assert ring < nearest_to(unfocused, unfocused.rect(), highlight) / 2
    background = window.palette().color(window.backgroundRole())
    assert outline_contrast(focused, focused.rect(), background) >= 3


State = QStyle.StateFlag
PRIMITIVE = {
    QCheckBox: QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QRadioButton: QStyle.PrimitiveElement.PE_IndicatorRadioButton,
}


def draw_indicator(style: QStyle, kind: type[Control], state: State) -> QImage:
    """One indicator drawn by ``style`` in ``state``, on the window colour."""
    palette = QApplication.palette()
    size = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
    image = QImage(size + 2, size + 2, QImage.Format.Format_ARGB32)
    image.fill(palette.color(palette.ColorRole.Window))
    option = QStyleOptionButton()
    option.rect = QRect(1, 1, size, size)
    option.palette = palette
    option.state = State.State_Enabled | State.State_Active | state
    painter = QPainter(image)
    style.drawPrimitive(PRIMITIVE[kind], option, painter)
    painter.end()
    return image


@pytest.mark.parametrize(
    ("kind", "state"),
    [
        (QCheckBox, State.State_On),
        (QCheckBox, State.State_NoChange),
        (QCheckBox, State.State_Off | State.State_Sunken),
        (QRadioButton, State.State_On),
        (QRadioButton, State.State_Off | State.State_Sunken),
    ],
    ids=["box-ticked", "box-partly", "box-pressed", "circle-ticked", "circle-pressed"],
)
@THEMES
def test_the_tick_and_the_pressed_look_are_fusions_own(qtbot, theme, kind, state):
    """Only the outline changes: every pixel it does not touch (the tick, the
    dash of a partly ticked box, the dot, the pressed fill) is Fusion's."""
    app = QApplication.instance()
    apply_theme(app, theme)
    fusion = QStyleFactory.create("Fusion")
    themed_off = draw_indicator(app.style(), kind, State.State_Off)
    plain_off = draw_indicator(fusion, kind, State.State_Off)
    themed = draw_indicator(app.style(), kind, state)
    plain = draw_indicator(fusion, kind, state)

    inside = [
        (x, y)
        for x in range(plain.width())
        for y in range(plain.height())
        if themed_off.pixel(x, y) == plain_off.pixel(x, y)
    ]
    marked = [(x, y) for x, y in inside if plain.pixel(x, y) != plain_off.pixel(x, y)]
    assert len(marked) >= 4  # the mark (or the pressed fill) is among them
    assert [themed.pixel(x, y) for x, y in inside] == [
        plain.pixel(x, y) for x, y in inside
    ]


@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
def test_following_the_system_draws_them_as_the_platforms_own_style(qtbot, kind):
    """'system' keeps the platform's style and colours: no outline of ours."""
    app = QApplication.instance()
    apply_theme(app, "dark")
    apply_theme(app, "system")
    style = QStyleFactory.create(app.style().name())  # none for a style of ours
    assert style is not None
    themed = kind("Remember on this computer")
    themed_window = show_in_window(qtbot, themed)
    plain = kind("Remember on this computer")
    plain_window = show_in_window(qtbot, plain)
    style.setParent(plain_window)  # lives as long as the window that uses it
    plain.setStyle(style)

    assert themed_window.grab().toImage().copy(
        indicator_rect(themed, themed_window)
    ) == plain_window.grab().toImage().copy(indicator_rect(plain, plain_window))
