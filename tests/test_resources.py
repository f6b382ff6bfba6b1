"""The desktop integration files agree with the app and with each other."""

from __future__ import annotations

import configparser
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtGui import QImage

import leaderjournal

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
APP_ID = "org.leaderjournal.LeaderJournal"


def test_the_metainfo_release_is_this_version():
    root = ET.parse(RESOURCES / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    releases = [r.get("version") for r in root.iter("release")]
    assert releases[0] == leaderjournal.__version__
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert len(list(root.iter("screenshot"))) >= 1


def test_the_desktop_file_starts_the_installed_command_with_its_icon():
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str
    desktop.read(RESOURCES / f"{APP_ID}.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Exec"] == "leaderjournal"
    icon = entry["Icon"]
    assert (
        RESOURCES / "icons" / "hicolor" / "scalable" / "apps" / f"{icon}.svg"
    ).is_file()


def test_the_icon_exists_at_every_size_from_16_to_512():
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        path = (
            RESOURCES
            / "icons"
            / "hicolor"
            / f"{size}x{size}"
            / "apps"
            / "leaderjournal.png"
        )
        image = QImage(str(path))
        assert (image.width(), image.height()) == (size, size), path
