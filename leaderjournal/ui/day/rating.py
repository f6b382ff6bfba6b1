"""The control for rating one dimension: -2..+2, or not rated.

The whole row is one stop in the tab order. Left/Right move along the scale,
Home/End jump to the poles, the digit keys 0-2 with an optional minus pick a
point, and Delete or Backspace clears the rating to "not rated".
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.domain.dimensions import SCALE, Dimension, rating_label
from leaderjournal.ui.common.style import muted_text_color, pole_color

_NOT_RATED_ID = 99
_ID_OFFSET = 2
MINUS = "\u2212"  # a true minus sign, as wide as the plus
_POLE_COLUMN = 96  # room for the managing pole's name left of the scale
_FOCUS_BORDER = 2  # the border of a card with focus, in its style sheet
#: A theme switch: the colours of the style sheet are worked out again.
_THEME_CHANGES = (
    QEvent.Type.PaletteChange,
    QEvent.Type.ApplicationPaletteChange,
    QEvent.Type.StyleChange,
)


def _button_id(rating: int | None) -> int:
    # QButtonGroup reserves negative ids, so -2..2 are stored as 0..4.
    return _NOT_RATED_ID if rating is None else rating + _ID_OFFSET


def scale_text(rating: int) -> str:
    """How a scale point is printed on its button: "-2" (true minus), "0", "+1"."""
    if rating == 0:
        return "0"
    sign = "+" if rating > 0 else MINUS
    return f"{sign}{abs(rating)}"


class RatingControl(QFrame):
    """Rates one dimension; emits ``rating_changed`` with an int or None."""

    rating_changed = Signal(object)

    def __init__(self, dimension: Dimension, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dimension = dimension
        self._rating: int | None = None
        self._pending_minus = False
        self.setObjectName(f"rating_{dimension.key}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setProperty("ratingControl", True)
        self.setAccessibleName(f"{dimension.name} rating")
        self.setToolTip(dimension.question)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._description = QLabel()
        self._build()
        self._apply_palette()
        self._show_rating()

    def _build(self) -> None:
        dimension = self.dimension
        title = QLabel(dimension.name)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        question = QLabel(dimension.question)
        question.setWordWrap(True)
        question.setObjectName("ratingQuestion")

        # The scale is one widget, so that it moves as one when the card
        # changes its arrangement (see _arrange).
        self._scale = QWidget(self)
        buttons = QHBoxLayout(self._scale)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(2)
        for rating in SCALE:
            button = self._make_button(scale_text(rating), _button_id(rating))
            button.setAccessibleName(f"{scale_text(rating)}: {rating_label(rating)}")
            button.setToolTip(f"{rating_label(rating)}: {dimension.points[rating]}")
            buttons.addWidget(button)
        not_rated = self._make_button("Not rated", _NOT_RATED_ID)
        not_rated.setToolTip("This did not come up today (Delete key)")
        not_rated.setAccessibleName("Not rated")
        not_rated.setChecked(True)
        self._not_rated = not_rated
        self._group.idClicked.connect(self._clicked)

        self._managing = QLabel(dimension.managing)
        self._managing.setToolTip(dimension.managing_meaning)
        self._leading = QLabel(dimension.leading)
        self._leading.setToolTip(dimension.leading_meaning)

        self._description.setObjectName("ratingDescription")
        self._description.setWordWrap(True)
        self._description.setAlignment(Qt.AlignmentFlag.AlignTop)

        # Only the scale, its poles and "Not rated" are rearranged, in a grid
        # of their own: a column no widget is in then takes no room.
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(2)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(3)
        layout.addWidget(title)
        layout.addWidget(question)
        layout.addLayout(self._grid)
        layout.addWidget(self._description)
        self._wide: bool | None = None
        self._arrange(wide=True)

    def _make_button(self, text: str, button_id: int) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setCheckable(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumWidth(34 if button_id != _NOT_RATED_ID else 0)
        button.setProperty(
            "rating", "none" if button_id == _NOT_RATED_ID else button_id - _ID_OFFSET
        )
        self._group.addButton(button, button_id)
        return button

    # -- arrangement ---------------------------------------------------------

    def _arrange(self, *, wide: bool) -> None:
        """Put the poles beside the scale when the card is wide enough, else
        under its two ends, so that a narrow window cuts nothing off."""
        if wide == self._wide:
            return
        self._wide = wide
        grid = self._grid
        parts = (self._managing, self._scale, self._leading, self._not_rated)
        for widget in parts:
            grid.removeWidget(widget)
        align = Qt.AlignmentFlag
        if wide:
            grid.addWidget(self._managing, 0, 0, align.AlignRight | align.AlignVCenter)
            grid.addWidget(self._scale, 0, 1)
            grid.addWidget(self._leading, 0, 2, align.AlignLeft | align.AlignVCenter)
            grid.addWidget(self._not_rated, 0, 3, align.AlignRight)
            # The scales of the five cards line up under each other.
            grid.setColumnMinimumWidth(0, _POLE_COLUMN)
            grid.setColumnStretch(1, 0)
            grid.setColumnStretch(2, 1)
        else:
            grid.addWidget(self._scale, 0, 0)
            grid.addWidget(self._not_rated, 0, 1, align.AlignRight)
            grid.addWidget(self._managing, 1, 0, align.AlignLeft | align.AlignTop)
            grid.addWidget(self._leading, 1, 0, align.AlignRight | align.AlignTop)
            grid.setColumnMinimumWidth(0, self._poles_width())
            grid.setColumnStretch(1, 1)
            grid.setColumnStretch(2, 0)

    def _poles_width(self) -> int:
        """The width both pole names need side by side under the scale."""
        return (
            self._managing.sizeHint().width()
            + self._grid.horizontalSpacing()
            + self._leading.sizeHint().width()
        )

    def _sides(self) -> int:
        """The card's margins and border (2 px when it has focus) on both sides."""
        margins = self._layout.contentsMargins()
        return margins.left() + margins.right() + 2 * _FOCUS_BORDER

    def wide_width(self) -> int:
        """The narrowest width at which the poles fit beside the scale."""
        return (
            self._sides()
            + max(_POLE_COLUMN, self._managing.sizeHint().width())
            + self._scale.sizeHint().width()
            + self._leading.sizeHint().width()
            + self._not_rated.sizeHint().width()
            + 3 * self._grid.horizontalSpacing()
        )

    def narrow_width(self) -> int:
        """The narrowest width the card can take, its poles under the scale."""
        return (
            self._sides()
            + max(self._scale.minimumSizeHint().width(), self._poles_width())
            + self._grid.horizontalSpacing()
            + self._not_rated.sizeHint().width()
        )

    def minimumSizeHint(self) -> QSize:
        # As narrow as the stacked arrangement allows, whichever is shown:
        # the card picks its arrangement from the width it is given.
        hint = super().minimumSizeHint()
        hint.setWidth(self.narrow_width())
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(wide=event.size().width() >= self.wide_width())

    # -- value ---------------------------------------------------------------

    def rating(self) -> int | None:
        return self._rating

    def set_rating(self, rating: int | None, *, notify: bool = False) -> None:
        """Show ``rating``; emits ``rating_changed`` only when ``notify``."""
        if rating is not None and rating not in SCALE:
            raise ValueError(f"rating out of range: {rating}")
        changed = rating != self._rating
        self._rating = rating
        self._show_rating()
        if changed and notify:
            self.rating_changed.emit(rating)

    def _clicked(self, button_id: int) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        rating = None if button_id == _NOT_RATED_ID else button_id - _ID_OFFSET
        self.set_rating(rating, notify=True)

    def _show_rating(self) -> None:
        self._group.button(_button_id(self._rating)).setChecked(True)
        words = rating_label(self._rating)
        meaning = self.dimension.describe(self._rating)
        # "Not rated" is said by its button: the line below the scale is
        # shown only for a chosen point, and the five cards stay short.
        self._description.setVisible(self._rating is not None)
        if self._rating is not None:
            self._description.setText(f"<b>{words}.</b> {meaning}")
        self.setAccessibleDescription(f"{words}. {meaning}")

    # -- keyboard ------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in (Qt.Key.Key_Minus, Qt.Key.Key_Plus):
            self._pending_minus = key == Qt.Key.Key_Minus
            event.accept()
            return
        handled, new = self._rating_for_key(key)
        self._pending_minus = False
        if not handled:
            super().keyPressEvent(event)
            return
        self.set_rating(new, notify=True)
        event.accept()

    def _rating_for_key(self, key: Qt.Key) -> tuple[bool, int | None]:
        """Whether ``key`` rates this dimension, and the rating it gives."""
        current = self._rating
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            return True, 0 if current is None else max(SCALE[0], current - 1)
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            return True, 0 if current is None else min(SCALE[-1], current + 1)
        if key == Qt.Key.Key_Home:
            return True, SCALE[0]
        if key == Qt.Key.Key_End:
            return True, SCALE[-1]
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            return True, None
        digits = {Qt.Key.Key_0: 0, Qt.Key.Key_1: 1, Qt.Key.Key_2: 2}
        if key in digits:
            return True, -digits[key] if self._pending_minus else digits[key]
        return False, current

    # -- look ----------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in _THEME_CHANGES:
            self._apply_palette()  # the muted colour of the new theme

    def _apply_palette(self) -> None:
        # From the application's palette: the card's own copy is the one its
        # style sheet was last polished with, the old theme's during a switch.
        muted = muted_text_color().name()
        rules = [
            f"QLabel#ratingQuestion, QLabel#ratingDescription {{ color: {muted}; }}",
            'QFrame[ratingControl="true"] { border: 1px solid palette(mid);'
            " border-radius: 6px; }",
            'QFrame[ratingControl="true"]:focus { border: 2px solid'
            " palette(highlight); }",
            "QToolButton { padding: 3px 6px; }",
            # A chosen button keeps the 1 px frame of the others in its own
            # colour: without it, it is 2 px smaller once polished again (by
            # a theme switch) and the rest of the row moves.
            'QToolButton[rating="none"]:checked { background: palette(mid);'
            " border: 1px solid palette(mid); border-radius: 4px; }",
        ]
        for rating in SCALE:
            color = pole_color(rating).name()
            rules.append(
                f'QToolButton[rating="{rating}"]:checked {{ background: {color};'
                f" border: 1px solid {color}; color: white; font-weight: bold;"
                " border-radius: 4px; }"
            )
        sheet = "\n".join(rules)
        if sheet != self.styleSheet():  # setting it sends these events again
            self.setStyleSheet(sheet)
