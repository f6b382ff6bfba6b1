"""Each file dialog starts in a folder that exists, and remembers its own
last folder (export, import, restore from a file, chart PNG), also after a
restart. On the real QFileDialog, not a stand-in."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS
from leaderjournal.ui.common.settings_store import SettingsStore
from leaderjournal.ui.dialogs.messages import Dialogs
from leaderjournal.ui.window.main_window import MainWindow

TODAY = dt.date.today()


def settings_at(path: Path) -> SettingsStore:
    """The app's settings store, kept in ``path`` (a restart reads it again)."""
    return SettingsStore(QSettings(str(path), QSettings.Format.IniFormat))


def open_window(qtbot, journal, store: SettingsStore) -> MainWindow:
    dialogs = Dialogs()
    window = MainWindow(journal, dialogs, store=store)
    dialogs.set_parent(window)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def chooser_of(qtbot, window: MainWindow) -> QFileDialog:
    """The file dialog now on screen over ``window``."""

    def shown() -> list[QFileDialog]:
        return [d for d in window.findChildren(QFileDialog) if d.isVisible()]

    qtbot.waitUntil(lambda: len(shown()) == 1)
    return shown()[0]


def folder_of(chooser: QFileDialog) -> Path:
    return Path(chooser.directory().absolutePath())


def choose(chooser: QFileDialog, path: Path) -> None:
    chooser.selectFile(str(path))
    chooser.accept()


def answer_with_escape(qtbot, window: QWidget) -> None:
    """Wait for the question that follows a chosen file, and press Escape."""

    def shown() -> list[QMessageBox]:
        return [b for b in window.findChildren(QMessageBox) if b.isVisible()]

    qtbot.waitUntil(lambda: len(shown()) == 1, timeout=10_000)
    qtbot.keyClick(shown()[0], Qt.Key.Key_Escape)


def write_import(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    row = dict.fromkeys(ENTRY_COLUMNS, "")
    row |= {"date": TODAY.isoformat(), "title": "From the laptop"}
    row["advice_requests"] = "0"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ENTRY_COLUMNS)
        writer.writeheader()
        writer.writerow(row)


# What opens each file dialog in the window.
def open_export(qtbot, window: MainWindow) -> None:
    dialog = window.exchange.show_export()
    qtbot.mouseClick(
        dialog.findChild(QWidget, "exportButton"), Qt.MouseButton.LeftButton
    )


def open_import(_qtbot, window: MainWindow) -> None:
    window.exchange.choose_import()


def open_restore_file(qtbot, window: MainWindow) -> None:
    picker = window.backups.choose_restore()
    qtbot.mouseClick(
        picker.findChild(QWidget, "restoreOtherFile"), Qt.MouseButton.LeftButton
    )


def open_chart(qtbot, window: MainWindow) -> None:
    window.show_view(window.trends_view)
    qtbot.waitUntil(lambda: window.trends_view.chart is not None)
    window.trends_view.choose_png()


def test_the_export_is_suggested_at_home_when_there_is_no_documents_folder(
    qtbot, tmp_path, journal
):
    home = Path.home()
    assert not (home / "Documents").exists()
    window = open_window(qtbot, journal, settings_at(tmp_path / "settings.ini"))

    open_export(qtbot, window)
    chooser = chooser_of(qtbot, window)

    assert folder_of(chooser) == home
    (suggested,) = chooser.selectedFiles()
    assert Path(suggested).parent == home
    assert Path(suggested).name == f"leaderjournal-entries-{TODAY.isoformat()}.csv"


def test_the_export_is_suggested_in_documents_when_it_exists(qtbot, tmp_path, journal):
    documents = Path.home() / "Documents"
    documents.mkdir()
    window = open_window(qtbot, journal, settings_at(tmp_path / "settings.ini"))

    open_export(qtbot, window)

    assert folder_of(chooser_of(qtbot, window)) == documents


def test_import_first_looks_where_exports_are_suggested(qtbot, tmp_path, journal):
    # Export, then import: the file just written is in the folder shown.
    documents = Path.home() / "Documents"
    documents.mkdir()
    window = open_window(qtbot, journal, settings_at(tmp_path / "settings.ini"))

    window.exchange.choose_import()

    assert folder_of(chooser_of(qtbot, window)) == documents


def test_each_file_dialog_remembers_its_own_folder_after_a_restart(
    qtbot, tmp_path, journal
):
    journal.entries.add(Entry.new(TODAY, title="Charted", ratings={"influence": 1}))
    backup = journal.backup_now()
    elsewhere = tmp_path / "old backups" / "journal-copy.db"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(backup.path.read_bytes())
    import_file = tmp_path / "from the laptop" / "notes.csv"
    write_import(import_file)
    # Each dialog, the file chosen in it, and whether a question follows.
    chosen = {
        "export": (open_export, tmp_path / "exports" / "all.csv", True),
        "import": (open_import, import_file, True),
        "restore": (open_restore_file, elsewhere, True),
        "chart": (open_chart, tmp_path / "charts" / "lean.png", False),
    }
    (tmp_path / "exports").mkdir()
    (tmp_path / "charts").mkdir()
    settings = tmp_path / "settings.ini"

    window = open_window(qtbot, journal, settings_at(settings))
    for opener, path, asks in chosen.values():
        opener(qtbot, window)
        chooser = chooser_of(qtbot, window)
        assert folder_of(chooser) != path.parent  # nothing remembered yet
        choose(chooser, path)
        if asks:  # "Export finished", "Import notes.csv?", "Restore this backup?"
            answer_with_escape(qtbot, window)
    assert (tmp_path / "exports" / "all.csv").exists()
    assert (tmp_path / "charts" / "lean.png").exists()
    window.close()

    again = open_window(qtbot, journal, settings_at(settings))  # a restart
    for kind, (opener, path, _asks) in chosen.items():
        opener(qtbot, again)
        chooser = chooser_of(qtbot, again)
        assert folder_of(chooser) == path.parent, kind
        chooser.reject()


def test_a_remembered_folder_that_is_gone_falls_back_to_one_that_exists(
    qtbot, tmp_path, journal
):
    settings = tmp_path / "settings.ini"
    gone = tmp_path / "usb stick"
    settings_at(settings).remember_folder("export", gone)
    window = open_window(qtbot, journal, settings_at(settings))

    open_export(qtbot, window)

    assert folder_of(chooser_of(qtbot, window)) == Path.home()


@pytest.mark.parametrize(
    ("name", "suffix"), [("csv", ".csv"), ("png", ".png")], ids=["csv", "png"]
)
def test_a_name_typed_without_its_ending_gets_the_filters_one(
    qtbot, tmp_path, name, suffix
):
    parent = QWidget()
    qtbot.addWidget(parent)
    chosen: list[Path] = []
    file_filter = "CSV files (*.csv)" if name == "csv" else "PNG images (*.png)"
    Dialogs(parent).choose_save_file(
        "Save", tmp_path / f"suggested{suffix}", file_filter, chosen.append
    )
    (chooser,) = parent.findChildren(QFileDialog)
    choose(chooser, tmp_path / "typed")
    assert chosen == [tmp_path / f"typed{suffix}"]


def open_markdown_export(qtbot, window: MainWindow) -> None:
    dialog = window.exchange.show_export()
    dialog.findChild(QWidget, "exportMarkdown").click()
    qtbot.mouseClick(
        dialog.findChild(QWidget, "exportButton"), Qt.MouseButton.LeftButton
    )


def test_the_markdown_export_asks_for_a_folder_and_remembers_where_it_was(
    qtbot, tmp_path, journal
):
    journal.entries.add(Entry.new(TODAY, title="Kept in Markdown"))
    target = tmp_path / "exports" / "markdown"
    target.mkdir(parents=True)
    settings = tmp_path / "settings.ini"
    window = open_window(qtbot, journal, settings_at(settings))

    open_markdown_export(qtbot, window)
    chooser = chooser_of(qtbot, window)
    assert chooser.fileMode() == QFileDialog.FileMode.Directory
    assert chooser.testOption(QFileDialog.Option.ShowDirsOnly)
    assert folder_of(chooser) != target.parent  # nothing remembered yet
    choose(chooser, target)
    answer_with_escape(qtbot, window)  # "Export finished"
    written = [path.read_text(encoding="utf-8") for path in target.iterdir()]
    assert any("Kept in Markdown" in text for text in written)
    window.close()

    again = open_window(qtbot, journal, settings_at(settings))  # a restart
    open_markdown_export(qtbot, again)
    chooser = chooser_of(qtbot, again)
    assert folder_of(chooser) == target.parent
    chooser.reject()
