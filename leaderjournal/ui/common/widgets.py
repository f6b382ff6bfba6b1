"""Small widgets made the same way in every view."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton, QWidget


def tool_button(parent: QWidget, name: str, text: str, tip: str) -> QToolButton:
    """A flat button; its accessible name is the tip without the shortcut.

    ``tip`` reads like "Previous day (Alt+Left)": the part in brackets is
    shown in the tooltip but not spoken as the name.
    """
    button = QToolButton(parent, objectName=name)
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip.split(" (", maxsplit=1)[0])
    button.setAutoRaise(True)
    return button
