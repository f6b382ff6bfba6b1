"""The sync folder of an encrypted journal: what is written there cannot be
read without the journal's key, and what someone else writes there is
refused with a note, never taken."""

from __future__ import annotations

import ast
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaderjournal.sync.changes import Change, canonical, checksum, encode
from leaderjournal.sync.clock import Stamp
from leaderjournal.sync.folder import FILE_BYTES, SyncFolder
from leaderjournal.sync.sealing import ChangeKey

ENTRY = "3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f"
KEY = ChangeKey(bytes(range(32)))


def _changes(device: str, *texts: str, start: int = 1000) -> list[Change]:
    return [
        Change("entry", ENTRY, Stamp(start + n, 0, device), fields={"text": text})
        for n, text in enumerate(texts)
    ]


def _end_line(count: int) -> bytes:
    record = {"end": count, "v": 1}
    return canonical({**record, "sum": checksum(record)}) + b"\n"


def _texts(folder: SyncFolder, me: str = "home") -> list[str]:
    reading = folder.read(me, {})
    return [str(c.fields["text"]) for f in reading.files for c in f.changes]


def test_what_an_encrypted_journal_publishes_is_not_readable_in_the_folder(
    tmp_path: Path,
) -> None:
    folder = SyncFolder(tmp_path, KEY)

    [written] = folder.publish("office", _changes("office", "Sam is leaving"))

    assert b"Sam is leaving" not in written.path.read_bytes()
    assert b"office" not in written.path.read_bytes()
    assert _texts(folder) == ["Sam is leaving"]


def test_a_file_copied_into_another_devices_folder_is_refused(tmp_path: Path) -> None:
    folder = SyncFolder(tmp_path, KEY)
    [written] = folder.publish("office", _changes("office", "one", "two"))
    laptop = tmp_path / "LeaderJournal" / "laptop"
    laptop.mkdir()
    (laptop / "00000001.jsonl").write_bytes(written.path.read_bytes())

    reading = folder.read("home", {})

    assert [(f.device, len(f.changes)) for f in reading.files] == [
        ("laptop", 0),
        ("office", 2),
    ]
    assert [n.path.parent.name for n in reading.skipped] == ["laptop", "laptop"]
    assert all("copied from another" in n.reason for n in reading.skipped)


def test_a_file_copied_over_a_later_file_of_the_same_device_is_refused(
    tmp_path: Path,
) -> None:
    # The changes are the office's own: only the place they are bound to
    # tells that this file was not written as file 2.
    folder = SyncFolder(tmp_path, KEY)
    [first] = folder.publish("office", _changes("office", "one", "two"))
    first.path.with_name("00000002.jsonl").write_bytes(first.path.read_bytes())

    reading = folder.read("home", {})

    assert [(f.sequence, len(f.changes), f.complete) for f in reading.files] == [
        (1, 2, True),
        (2, 0, False),
    ]
    assert all("copied from another" in n.reason for n in reading.skipped)


def test_a_file_cut_short_with_its_end_line_mended_is_refused(tmp_path: Path) -> None:
    folder = SyncFolder(tmp_path, KEY)
    [written] = folder.publish("office", _changes("office", "one", "two", "three"))
    lines = written.path.read_bytes().splitlines(keepends=True)
    written.path.write_bytes(b"".join(lines[:2]) + _end_line(2))

    reading = folder.read("home", {})

    assert [len(f.changes) for f in reading.files] == [0]
    assert len(reading.skipped) == 2


def test_plain_changes_slipped_into_an_encrypted_journals_folder_are_refused(
    tmp_path: Path,
) -> None:
    folder = SyncFolder(tmp_path, KEY)
    [written] = folder.publish("office", _changes("office", "one"))
    SyncFolder(tmp_path).publish("intruder", _changes("intruder", "plain"))
    forged = encode(_changes("office", "forged", start=2000)[0])
    written.path.with_name("00000002.jsonl").write_bytes(forged + _end_line(1))

    reading = folder.read("home", {})

    assert [(f.device, f.sequence, f.complete) for f in reading.files] == [
        ("intruder", 1, False),
        ("office", 1, True),
        ("office", 2, False),
    ]
    assert _texts(folder) == ["one"]
    assert [(n.path.parent.name, n.path.name) for n in reading.skipped] == [
        ("intruder", "00000001.jsonl"),
        ("office", "00000002.jsonl"),
    ]
    assert all("not encrypted" in n.reason for n in reading.skipped)
    assert all("refused" in n.reason for n in reading.skipped)


def test_a_plain_journal_does_not_take_an_encrypted_journals_changes(
    tmp_path: Path,
) -> None:
    SyncFolder(tmp_path, KEY).publish("office", _changes("office", "one"))

    reading = SyncFolder(tmp_path).read("home", {})

    assert [(len(f.changes), f.complete) for f in reading.files] == [(0, False)]
    [note] = reading.skipped
    assert "encrypted, but this journal is not" in note.reason


def test_another_journals_changes_are_named_as_another_key(tmp_path: Path) -> None:
    other = ChangeKey(secrets.token_bytes(32))
    SyncFolder(tmp_path, other).publish("office", _changes("office", "one"))

    reading = SyncFolder(tmp_path, KEY).read("home", {})

    assert [len(f.changes) for f in reading.files] == [0]
    assert "another key" in reading.skipped[0].reason


def test_encrypted_files_keep_to_the_file_size_they_are_split_at(
    tmp_path: Path,
) -> None:
    folder = SyncFolder(tmp_path, KEY)
    texts = [f"text {n} " * n for n in range(60)]

    written = folder.publish("office", _changes("office", *texts), file_bytes=4000)

    assert len(written) > 3
    for file in written:
        assert file.path.stat().st_size <= 4000 + len(_end_line(99))
    assert _texts(folder) == texts
    assert FILE_BYTES > 4000


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    cuts=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 255)), max_size=4),
    keep=st.integers(0, 10**6),
    plain=st.booleans(),
)
def test_a_mangled_file_gives_notes_and_only_changes_that_were_written(
    tmp_path: Path, cuts: list[tuple[int, int]], keep: int, plain: bool
) -> None:
    texts = ["one", "two", "three"]
    base = Path(tempfile.mkdtemp(dir=tmp_path))
    folder = SyncFolder(base, KEY)
    [written] = folder.publish("office", _changes("office", *texts))
    data = bytearray(written.path.read_bytes())
    for at, flip in cuts:
        data[at % len(data)] ^= flip
    mangled = base / "LeaderJournal/office/00000002.jsonl"
    mangled.write_bytes(bytes(data[: len(data) - keep % 40]))

    reading = SyncFolder(base, None if plain else KEY).read("home", {})

    got = [str(c.fields["text"]) for f in reading.files for c in f.changes]
    file_two = [f for f in reading.files if f.sequence == 2]
    assert not file_two or not file_two[0].changes  # bound to file 1's place
    assert got == ([] if plain else texts)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_or_a_link_named_like_a_change_file_is_noted_without_waiting(
    tmp_path: Path,
) -> None:
    folder = SyncFolder(tmp_path)
    [written] = folder.publish("office", _changes("office", "one"))
    os.mkfifo(written.path.with_name("00000002.jsonl"))
    written.path.with_name("00000003.jsonl").symlink_to(written.path)
    # In a child, so that a reader waiting on the pipe cannot hang the tests.
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; "
            "from leaderjournal.sync.folder import SyncFolder; "
            "r = SyncFolder(Path(sys.argv[1])).read('home', {}); "
            "print([(n.path.name, n.reason) for n in r.skipped])",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    notes = dict(ast.literal_eval(child.stdout))
    assert set(notes) == {"00000002.jsonl", "00000003.jsonl"}
    assert all("a link, folder or pipe" in why for why in notes.values())
