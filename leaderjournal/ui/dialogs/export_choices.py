"""The Export dialog's questions: which format, which days, and for Excel.

A plain widget that says which export it describes (``options()``); the
dialog around it chooses the file and runs the export.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.domain.filters import HistoryFilter
from leaderjournal.exchange.export import FORMATS, ExportOptions
from leaderjournal.ui.common.dates import py_date

#: What each format's choice says, in the order they are offered.
CHOICES = {
    "entries": ("exportEntries", "&Entries (CSV): one row per entry"),
    "weekly": ("exportWeekly", "&Weekly totals (CSV): one row per ISO week"),
    "reviews": (
        "exportReviews",
        "Weekly &reviews (CSV): each week's reflection and intention",
    ),
    "markdown": ("exportMarkdown", "&Markdown: a folder with one file per entry"),
    "jrnl": ("exportJrnl", "&jrnl JSON: the entries' text, for jrnl"),
    "jrnl-text": ("exportJrnlText", "jrn&l text: a journal file jrnl can import"),
}

NOT_ENCRYPTED = {
    False: "The exported file is not encrypted: keep it somewhere safe.",
    True: "The exported files are not encrypted: keep them somewhere safe.",
}


class ExportChoices(QWidget):
    """The format, the days (all, a range, or what History shows), the
    Excel option, and for an encrypted journal the note that the export
    is not encrypted."""

    def __init__(
        self,
        today: dt.date,
        shown: HistoryFilter | None,
        encrypted: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._shown = shown
        self._running = False
        self.kind_radios = {
            kind: QRadioButton(text, objectName=name)
            for kind, (name, text) in CHOICES.items()
        }
        self.entries_radio = self.kind_radios["entries"]
        self.weekly_radio = self.kind_radios["weekly"]
        self.entries_radio.setChecked(True)
        self.all_radio = QRadioButton("&All days", objectName="exportAllDays")
        self.all_radio.setChecked(True)
        self.range_radio = QRadioButton("&From", objectName="exportRange")
        self.shown_radio = QRadioButton(
            "The entries the &History view shows (its search and filters)",
            objectName="exportShown",
        )
        self.shown_radio.setVisible(shown is not None)
        self.from_edit = self._date_edit("exportFrom", today.replace(day=1))
        self.to_edit = self._date_edit("exportTo", today)
        self.excel_box = QCheckBox(
            "For E&xcel: start the file with a byte-order mark so that accents "
            "and emoji show correctly",
            objectName="exportExcel",
        )
        # An encrypted journal's export is the one plain copy of its entries.
        self.plain_note = QLabel(NOT_ENCRYPTED[False], objectName="exportNotEncrypted")
        self.plain_note.setWordWrap(True)
        self.plain_note.setVisible(encrypted)
        self._build_layout()
        self._range_toggled()
        self.range_radio.toggled.connect(self._range_toggled)
        for radio in self.kind_radios.values():
            radio.toggled.connect(self._kind_toggled)

    def _date_edit(self, name: str, day: dt.date) -> QDateEdit:
        edit = QDateEdit(QDate(day), objectName=name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAccessibleName("From date" if name.endswith("From") else "To date")
        return edit

    def _build_layout(self) -> None:
        kind = QGroupBox("What to export")
        kind_layout = QVBoxLayout(kind)
        kinds = QButtonGroup(kind)
        for radio in self.kind_radios.values():
            kind_layout.addWidget(radio)
            kinds.addButton(radio)

        days = QGroupBox("Which days")
        days_layout = QVBoxLayout(days)
        days_layout.addWidget(self.all_radio)
        row = QHBoxLayout()
        row.addWidget(self.range_radio)
        row.addWidget(self.from_edit)
        to_label = QLabel("&to")
        to_label.setBuddy(self.to_edit)
        row.addWidget(to_label)
        row.addWidget(self.to_edit)
        row.addStretch(1)
        days_layout.addLayout(row)
        days_layout.addWidget(self.shown_radio)
        ranges = QButtonGroup(days)
        ranges.addButton(self.all_radio)
        ranges.addButton(self.range_radio)
        ranges.addButton(self.shown_radio)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(kind)
        layout.addWidget(days)
        layout.addWidget(self.excel_box)
        layout.addWidget(self.plain_note)

    def _range_toggled(self) -> None:
        chosen = self.range_radio.isChecked()
        self.from_edit.setEnabled(chosen)
        self.to_edit.setEnabled(chosen)

    def _kind_toggled(self) -> None:
        chosen = FORMATS[self.kind()]
        self.excel_box.setEnabled(chosen.csv and not self._running)
        self.plain_note.setText(NOT_ENCRYPTED[chosen.folder])

    def kind(self) -> str:
        """The format chosen (a key of exchange.export.FORMATS)."""
        return next(k for k, radio in self.kind_radios.items() if radio.isChecked())

    def options(self) -> ExportOptions:
        """The export the choices describe now."""
        ranged = self.range_radio.isChecked()
        kind = self.kind()
        return ExportOptions(
            kind=kind,
            start=py_date(self.from_edit.date()) if ranged else None,
            end=py_date(self.to_edit.date()) if ranged else None,
            excel=FORMATS[kind].csv and self.excel_box.isChecked(),
            matching=self._shown if self.shown_radio.isChecked() else None,
        )

    def set_running(self, running: bool) -> None:
        """While an export runs nothing here can be changed."""
        self._running = running
        for widget in (
            *self.kind_radios.values(),
            self.all_radio,
            self.range_radio,
            self.shown_radio,
            self.excel_box,
        ):
            widget.setEnabled(not running)
        self.from_edit.setEnabled(not running and self.range_radio.isChecked())
        self.to_edit.setEnabled(not running and self.range_radio.isChecked())
        self.excel_box.setEnabled(not running and FORMATS[self.kind()].csv)
