"""Reading ahead on a thread: the same bytes in the same order, errors where
they are met, and no thread left behind, whatever happens to the reader."""

from __future__ import annotations

import io
import json
import threading
import zipfile
from pathlib import Path

import pytest

from leaderjournal.exchange import dayone
from leaderjournal.exchange.read_ahead import ReadAhead
from leaderjournal.exchange.sources import SourceFileError

DATA = bytes(range(256)) * 400  # 102,400 bytes


def readers_left() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "read-ahead"]


@pytest.mark.parametrize(("piece", "size"), [(1000, 1), (1000, 4096), (7, 1000)])
def test_every_byte_comes_in_order(piece: int, size: int):
    with ReadAhead(io.BytesIO(DATA).read, piece) as ahead:
        got = []
        while data := ahead.read(size):
            assert len(data) >= size or sum(map(len, got)) + len(data) == len(DATA)
            got.append(data)
        assert ahead.read(size) == b""
    assert b"".join(got) == DATA
    assert readers_left() == []


def test_an_error_is_raised_where_it_is_met():
    source = io.BytesIO(DATA)

    def read(size: int) -> bytes:
        if source.tell() >= 3000:
            raise OSError("the disk went away")
        return source.read(size)

    with ReadAhead(read, 1000) as ahead:
        assert ahead.read(3000) == DATA[:3000]
        with pytest.raises(OSError, match="the disk went away"):
            ahead.read(1)
        assert ahead.read(1) == b""


def test_closing_stops_a_reader_nobody_reads_from():
    ahead = ReadAhead(io.BytesIO(DATA).read, 10, ahead=1)
    assert readers_left()
    ahead.close()
    assert readers_left() == []


def test_a_zip_refused_half_way_leaves_no_reader_behind(tmp_path: Path):
    items = [
        {"uuid": f"{n:032X}", "creationDate": "2024-03-01T12:00:00Z", "text": "x" * 500}
        for n in range(6000)
    ]
    items[3000]["creationDate"] = "not a time"
    text = json.dumps({"entries": items}, indent=2)
    at = text.index('"uuid"', len(text) // 2)
    broken = text[:at] + text[at:].replace('"uuid"', '"uuid" "x"', 1)
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("Journal.json", broken)
    with pytest.raises(SourceFileError, match="is not valid JSON at line"):
        dayone.read(archive)
    assert readers_left() == []
    # A whole zip read to its end, with a bad entry listed, the same.
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("Journal.json", text)
    read = dayone.read(archive)
    assert [str(p) for p in read.problems] == [
        "Entry 3,001: its creationDate \u201cnot a time\u201d is not a time like "
        "2024-03-01T22:30:00Z"
    ]
    assert len(read.entries) == 5999
    assert readers_left() == []
