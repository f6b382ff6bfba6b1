"""What a Day One entry's text, times and tags become, in the awkward cases:
media links where they stand, clocks changed for summer time, tags a journal
may not hold as written."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from leaderjournal.exchange import dayone
from leaderjournal.exchange.importers import apply_import, plan
from leaderjournal.storage.journal import Journal

UUID = "3F2A6C1E9B8D4E7FA1C2D3E4F5A6B7C8"


def export(tmp_path: Path, *entries: dict[str, object]) -> Path:
    path = tmp_path / "Journal.json"
    items = [
        {"uuid": f"{UUID[:-4]}{n:04d}", "creationDate": "2024-03-01T12:00:00Z", **e}
        for n, e in enumerate(entries)
    ]
    document = {"metadata": {"version": "1.0"}, "entries": items}
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def test_media_links_go_with_their_line_only_when_alone_on_it(tmp_path: Path):
    text = (
        "# Offsite\n"
        "Before\n"
        "  ![](dayone-moment://AAA)\t\n"
        "middle ![](dayone-moment:/video/BBB) after\r\n"
        "![a photo](dayone-moment://CCC)\r\n"
        "![](dayone-moment://D1)![](dayone-moment://D2)\n"
        "end\r![](dayone-moment:/audio/EEE)\n"
        "![](https://example.com/kept.png)\n"
        "![[x](dayone-moment://FFF) ![](dayone-moment:/sketch/GGG)\n"
        "![](dayone-moment:/pdfAttachment/HHH)"
    )
    read = dayone.read(export(tmp_path, {"text": text, "photos": [{}, {}]}))
    assert read.problems == []
    [entry] = read.entries
    assert entry.title == "Offsite"
    assert entry.text.splitlines(keepends=True) == [
        "Before\n",
        "middle  after\r\n",
        "\n",
        "end\r\n",
        "![](https://example.com/kept.png)",
    ]
    # photos: AAA, CCC, D1, D2, FFF (more than the two listed); one each of
    # the others, a kind Day One may add later by its own name
    assert dict(read.not_brought) == {
        "photo": 5,
        "video": 1,
        "recording": 1,
        "sketch": 1,
        "attached PDF": 1,
    }


def test_listed_media_count_when_the_text_has_no_links(tmp_path: Path):
    read = dayone.read(
        export(
            tmp_path,
            {"text": "Plain", "photos": [{}, {}, {}], "videos": [{}]},
            {"text": "# Only a title", "audios": "not a list", "starred": True},
        )
    )
    assert [(e.title, e.text) for e in read.entries] == [
        ("", "Plain"),
        ("Only a title", ""),
    ]
    assert dict(read.not_brought) == {"photo": 3, "video": 1, "starred flag": 1}


def test_times_keep_the_offset_of_their_zone_on_the_day_the_clocks_go_back(
    tmp_path: Path, data_dir: Path
):
    # Berlin, 27 October 2024: 02:30 comes twice, first at +02:00, then +01:00.
    path = export(
        tmp_path,
        {
            "creationDate": "2024-10-27T00:30:00Z",
            "modifiedDate": "2024-10-27T01:30:00Z",
            "timeZone": "Europe/Berlin",
            "text": "Twice half past two",
        },
        {
            "creationDate": "2024-03-01T22:30:00.250Z",
            "modifiedDate": "2024-03-01T23:45:00+05:30",
            "timeZone": "Asia/Kolkata",
            "text": "Fractions and an offset",
        },
        {
            # Amsterdam's local mean time of 1900 is 0:19:32 ahead of UTC: the
            # time stays in UTC, the day is Amsterdam's
            "creationDate": "1900-01-01T23:50:00",
            "timeZone": "Europe/Amsterdam",
            "text": "Long ago",
        },
    )
    read = dayone.read(path)
    assert read.problems == []
    seen = [
        (e.date.isoformat(), e.created_at.isoformat(), e.updated_at.isoformat())
        for e in read.entries
    ]
    assert seen == [
        ("2024-10-27", "2024-10-27T02:30:00+02:00", "2024-10-27T02:30:00+01:00"),
        (
            "2024-03-02",
            "2024-03-02T04:00:00.250000+05:30",
            "2024-03-01T23:45:00+05:30",
        ),
        ("1900-01-02", "1900-01-01T23:50:00+00:00", "1900-01-01T23:50:00+00:00"),
    ]
    with Journal(data_dir) as journal:
        apply_import(plan(path, journal.entries), journal.entries)
        stored = {e.text: e for e in journal.entries.iter_all()}
        first = stored["Twice half past two"]
        assert first.created_at.isoformat() == "2024-10-27T02:30:00+02:00"
        assert first.updated_at.isoformat() == "2024-10-27T02:30:00+01:00"
        assert first.updated_at > first.created_at


def test_tags_are_made_into_tags_a_journal_can_hold(tmp_path: Path):
    long = "x" * 70
    tags = [
        "Team",
        "  one\ton, one  ",
        "team",
        "",
        ";;",
        long,
        "\u6771\u4eac",
        *(f"t{n}" for n in range(40)),
    ]
    read = dayone.read(export(tmp_path, {"text": "Tagged", "tags": tags}))
    assert read.problems == []
    [entry] = read.entries
    assert entry.tags == (
        "Team",
        "one on one",
        "x" * 60,
        "\u6771\u4eac",
        *(f"t{n}" for n in range(26)),
    )
    assert dict(read.not_brought) == {"tag beyond 30": 14}


def _days_the_clocks_change(zone: ZoneInfo, year: int) -> list[dt.datetime]:
    """The starts (UTC) of the days of ``year`` on which ``zone``'s UTC
    offset at the day's start and end differ."""
    days = []
    start = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    while start.year == year:
        end = start + dt.timedelta(days=1, microseconds=-1)
        if start.astimezone(zone).utcoffset() != end.astimezone(zone).utcoffset():
            days.append(start)
        start += dt.timedelta(days=1)
    return days


@pytest.mark.parametrize(
    "name",
    [
        "Europe/Berlin",
        "America/New_York",
        "Australia/Lord_Howe",  # half an hour of summer time
        "America/St_Johns",  # -03:30
        "Pacific/Chatham",  # +12:45
        "Africa/Casablanca",  # clocks back and forth again around Ramadan
        "Europe/Dublin",  # "winter time" as the change
    ],
)
def test_every_time_of_a_day_the_clocks_change_is_put_in_its_zone(
    tmp_path: Path, name: str
):
    zone = ZoneInfo(name)
    changes = _days_the_clocks_change(zone, 2024)
    assert changes, f"{name} changes its clocks in 2024"
    # Each such day, the day before and the day after, every 40 minutes:
    # many entries a day, so a day's offset, once learnt, is used again.
    times = [
        day + dt.timedelta(days=shift, minutes=40 * step)
        for day in changes
        for shift in (-1, 0, 1)
        for step in range(36)
    ]
    stamps = [when.strftime("%Y-%m-%dT%H:%M:%SZ") for when in times]
    path = export(
        tmp_path,
        *(
            {
                "creationDate": stamp,
                "modifiedDate": stamps[(n + 1) % len(stamps)],
                "timeZone": name,
                "text": f"At {stamp}",
            }
            for n, stamp in enumerate(stamps)
        ),
    )
    read = dayone.read(path)
    assert read.problems == []
    local = [when.astimezone(zone) for when in times]
    assert [
        (e.date, e.created_at.isoformat(), e.updated_at.isoformat())
        for e in read.entries
    ] == [
        (here.date(), here.isoformat(), local[(n + 1) % len(local)].isoformat())
        for n, here in enumerate(local)
    ]
