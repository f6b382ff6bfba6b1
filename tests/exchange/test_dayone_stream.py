"""A Day One journal read a piece at a time gives what the whole file parsed
at once gives: the same entries, and for a broken file the same line and
column. The pieces are made small here so that entries, strings, escapes
and the file's end fall across them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from leaderjournal.exchange import dayone, json_stream
from leaderjournal.exchange.importers import apply_import, plan
from leaderjournal.exchange.json_source import load_json
from leaderjournal.exchange.sources import SourceFileError
from leaderjournal.storage.journal import Journal

UUID = "3F2A6C1E9B8D4E7FA1C2D3E4F5A6B7C8"

#: Texts that look like the structure the reader looks for.
AWKWARD = [
    'a "quoted" ] bracket }, { and "entries": [',
    '\n    },\n    {\n      "uuid": "not this one"',
    "\u00e9t\u00e9 \u6771\u4eac \U0001f600 and a \\ backslash",
    "",
]


def entries(count: int) -> list[dict[str, object]]:
    return [
        {
            "uuid": f"{UUID[:-5]}{n:05d}",
            "creationDate": f"2024-03-{n % 28 + 1:02d}T12:{n % 60:02d}:00Z",
            "timeZone": "Europe/Berlin",
            "text": f"# Day {n}\n\n{AWKWARD[n % len(AWKWARD)]} {n}",
            "tags": ["Team", f"t{n % 3}"],
            "location": {"placeName": "Office", "region": {"radius": 75}},
        }
        for n in range(count)
    ]


def journal(path: Path, count: int, indent: int | None = 2, **extra: object) -> Path:
    document = {"metadata": {"version": "1.0"}, "entries": entries(count), **extra}
    path.write_text(json.dumps(document, indent=indent, ensure_ascii=False), "utf-8")
    return path


@pytest.fixture(params=[1, 7, 100])
def small_pieces(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """Pieces of a few bytes, and batches of a few hundred characters."""
    monkeypatch.setattr(json_stream, "CHUNK", request.param)
    monkeypatch.setattr(json_stream, "_HELD", 4 * request.param)
    monkeypatch.setattr(json_stream, "_BATCH", 300)
    return request.param


def as_read(read) -> tuple[list, list, dict, dict]:
    return read.entries, read.problems, read.places, dict(read.not_brought)


@pytest.mark.parametrize("indent", [2, None])
def test_small_pieces_read_the_same_entries_as_one_piece(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, indent: int | None
):
    path = journal(tmp_path / "Journal.json", 40, indent)
    whole = as_read(dayone.read(path))
    assert len(whole[0]) == 40
    assert whole[2][whole[0][39].id] == "entry 40"
    assert whole[0][1].text == f"{AWKWARD[1]} 1".strip()
    for size in (1, 2, 3, 7, 100):
        monkeypatch.setattr(json_stream, "CHUNK", size)
        monkeypatch.setattr(json_stream, "_HELD", 4 * size)
        monkeypatch.setattr(json_stream, "_BATCH", 300)
        assert as_read(dayone.read(path)) == whole, size


def test_a_large_zip_is_read_across_many_pieces(tmp_path: Path, data_dir: Path):
    # Over a MB of text: entries fall across the one-megabyte pieces.
    text = journal(tmp_path / "Journal.json", 3000).read_bytes()
    assert len(text) > json_stream.CHUNK
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("Journal.json", text)
    read = dayone.read(archive)
    assert read.problems == []
    assert [e.text for e in read.entries] == [
        f"{AWKWARD[n % len(AWKWARD)]} {n}".strip() for n in range(3000)
    ]
    with Journal(data_dir) as stored:
        apply_import(plan(archive, stored.entries), stored.entries)
        assert stored.entries.count() == 3000
        assert plan(archive, stored.entries).unchanged == 3000


def broken(text: str) -> list[tuple[str, str]]:
    """Copies of a journal's text broken in the ways a file breaks."""
    middle = text.index('"uuid"', len(text) // 2)
    cuts = [
        (f"cut at {at}", text[:at])
        for at in (1, 5, len(text) // 3, middle + 3, len(text) - 3, len(text) - 1)
    ]
    return [
        *cuts,
        ("garbage after", text + '\n{"entries": []}'),
        ("missing comma", text[:middle] + text[middle:].replace(",", "", 1)),
        ("bad literal", text[:middle] + text[middle:].replace('"Team"', "tru", 1)),
        ("bad escape", text[:middle] + text[middle:].replace("Team", "T\\qm", 1)),
        ("control", text[:middle] + text[middle:].replace("Team", "T\tm", 1)),
        ("comma before end", text.rstrip()[:-1].rstrip() + ",}"),
        ("comma in list", text.replace("\n  ]", ",\n  ]")),
        ("missing colon", text.replace('"metadata":', '"metadata"', 1)),
        ("unquoted key", text.replace('"metadata"', "metadata", 1)),
        ("empty", ""),
        ("only space", "  \n "),
    ]


def test_a_broken_journal_is_placed_where_the_whole_file_parse_places_it(
    tmp_path: Path, small_pieces: int
):
    text = journal(tmp_path / "good.json", 12).read_text("utf-8")
    for case, copy in broken(text):
        path = tmp_path / "cut.json"
        path.write_text(copy, "utf-8")
        with pytest.raises(SourceFileError) as whole:
            load_json(copy.encode(), "cut.json", "a Day One export")
        with pytest.raises(SourceFileError) as pieces:
            dayone.read(path)
        assert str(pieces.value) == str(whole.value), case


def test_a_broken_zip_is_refused_with_its_place_and_writes_nothing(
    tmp_path: Path, data_dir: Path
):
    text = journal(tmp_path / "good.json", 3000).read_text("utf-8")
    at = text.index('"uuid"', 2 * len(text) // 3)
    copy = text[:at] + text[at:].replace('"Team"', '"Team" "Home"', 1)
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("Journal.json", copy)
    at = copy.index('"Home"', at)
    line = copy.count("\n", 0, at) + 1
    column = at - copy.rfind("\n", 0, at)
    with Journal(data_dir) as stored:
        with pytest.raises(SourceFileError) as raised:
            plan(archive, stored.entries)
        assert stored.entries.count() == 0
    assert str(raised.value) == (
        f"\u201cJournal.json\u201d is not valid JSON at line {line:,}, column {column} "
        "(expecting ',' delimiter): it may be cut short; export it again."
    )


def test_a_byte_that_is_not_utf8_is_named_by_its_place_in_the_file(
    tmp_path: Path, small_pieces: int
):
    data = journal(tmp_path / "good.json", 12).read_bytes()
    at = data.index(b"Office", len(data) // 2)
    for mark in (b"", b"\xef\xbb\xbf"):
        path = tmp_path / "latin1.json"
        path.write_bytes(mark + data[:at] + b"Caf\xe9" + data[at:])
        with pytest.raises(SourceFileError) as raised:
            dayone.read(path)
        place = len(mark) + at + 4
        assert f"(byte {place:,})" in str(raised.value)


def test_a_journal_whose_entries_are_not_a_list_or_listed_twice_is_refused(
    tmp_path: Path, small_pieces: int
):
    path = tmp_path / "odd.json"
    for document, says in [
        ('{"entries": {"uuid": "A"}}', "it has no list of entries"),
        ('[{"uuid": "A", "creationDate": "2024-01-01T00:00:00Z"}]', "no list of"),
        ('{"metadata": {"entries": []}}', "it has no list of entries"),
        ('{"entries": [], "entries": []}', "lists entries twice"),
        ('{"entries": [{"date": "2024-01-01"}]}', "none of its entries has a uuid"),
    ]:
        path.write_text(document, "utf-8")
        with pytest.raises(SourceFileError, match=says):
            dayone.read(path)
    path.write_text('{"metadata": {"entries": [1]}, "entries": []}', "utf-8")
    assert dayone.read(path).entries == []
