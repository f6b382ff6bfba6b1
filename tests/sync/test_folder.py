"""The sync folder: each computer's batches written once, the others' read
only when complete, and anything else skipped with a note."""

from __future__ import annotations

from pathlib import Path

import pytest

from leaderjournal.sync.changes import Change, encode
from leaderjournal.sync.clock import Stamp
from leaderjournal.sync.errors import SyncError, SyncFormatError
from leaderjournal.sync.folder import SyncFolder, mark_applied
from leaderjournal.sync.sealing import ChangeKey, Place

ENTRY = "3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f"


@pytest.fixture(params=["plain", "encrypted"])
def key(request: pytest.FixtureRequest) -> ChangeKey | None:
    """Each test runs for a plain journal and an encrypted one."""
    return None if request.param == "plain" else ChangeKey(bytes(range(32)))


def _line(key: ChangeKey | None, change: Change, place: Place) -> bytes:
    """``change`` as a line written at ``place`` (encrypted if ``key``)."""
    return encode(change) if key is None else key.seal(encode(change), place)


def _changes(device: str, *titles: str, start: int = 1000) -> list[Change]:
    return [
        Change("entry", ENTRY, Stamp(start + n, 0, device), fields={"title": title})
        for n, title in enumerate(titles)
    ]


def _titles(folder: SyncFolder, me: str, applied: dict[str, list[int]]) -> list[str]:
    reading = folder.read(me, applied)
    return [str(c.fields["title"]) for f in reading.files for c in f.changes]


def test_a_published_batch_is_read_by_another_computer_in_order(
    tmp_path: Path,
    key: ChangeKey | None,
) -> None:
    folder = SyncFolder(tmp_path, key)

    written = folder.publish("office", _changes("office", "one", "two", "three"))

    assert [p.path for p in written] == [
        tmp_path / "LeaderJournal/office/00000001.jsonl"
    ]
    assert sorted(p.name for p in (tmp_path / "LeaderJournal/office").iterdir()) == [
        "00000001.jsonl"
    ]
    reading = folder.read("home", {})
    assert reading.skipped == []
    [file] = reading.files
    assert (file.device, file.sequence, file.complete) == ("office", 1, True)
    assert [c.fields["title"] for c in file.changes] == ["one", "two", "three"]
    assert folder.read("office", {}).files == []  # its own changes it has


def test_publishing_again_adds_a_file_and_never_changes_one(
    tmp_path: Path, key: ChangeKey | None
) -> None:
    folder = SyncFolder(tmp_path, key)
    [first] = folder.publish("office", _changes("office", "one"))
    before = first.path.read_bytes()

    [second] = folder.publish("office", _changes("office", "two", start=2000))
    [later] = folder.publish("office", _changes("office", "three", start=3000), after=7)

    assert first.path.read_bytes() == before
    assert (second.sequence, later.sequence) == (2, 8)
    assert later.path.name == "00000008.jsonl"
    assert _titles(folder, "home", {}) == ["one", "two", "three"]


def test_a_file_read_and_marked_applied_is_not_read_again(
    tmp_path: Path, key: ChangeKey | None
) -> None:
    folder = SyncFolder(tmp_path, key)
    folder.publish("office", _changes("office", "one"))
    applied: dict[str, list[int]] = {}

    for file in folder.read("home", applied).files:
        mark_applied(applied, file)
    folder.publish("office", _changes("office", "two", start=2000))

    assert applied == {"office": [1]}
    assert _titles(folder, "home", applied) == ["two"]


def test_a_big_batch_is_split_into_files_read_back_in_order(
    tmp_path: Path, key: ChangeKey | None
) -> None:
    folder = SyncFolder(tmp_path, key)
    titles = [f"title {n}" for n in range(40)]

    written = folder.publish("office", _changes("office", *titles), file_bytes=2000)

    assert len(written) > 3
    assert _titles(folder, "home", {}) == titles


@pytest.mark.parametrize("keep", ["no end line", "half a line", "empty"])
def test_a_half_written_file_is_skipped_until_it_is_complete(
    tmp_path: Path, key: ChangeKey | None, keep: str
) -> None:
    folder = SyncFolder(tmp_path, key)
    [written] = folder.publish("office", _changes("office", "one", "two"))
    whole = written.path.read_bytes()
    lines = whole.splitlines(keepends=True)
    part = {
        "no end line": b"".join(lines[:-1]),  # cut at a line break
        "half a line": whole[: len(whole) - 5],
        "empty": b"",
    }[keep]
    written.path.write_bytes(part)
    applied: dict[str, list[int]] = {}

    reading = folder.read("home", applied)

    assert reading.files == []
    [note] = reading.skipped
    assert note.path == written.path
    assert "half-written" in note.reason
    written.path.write_bytes(whole)  # the sync tool delivers the rest
    assert _titles(folder, "home", applied) == ["one", "two"]


def test_temporary_files_and_sync_tools_copies_are_skipped_with_a_note(
    tmp_path: Path,
    key: ChangeKey | None,
) -> None:
    folder = SyncFolder(tmp_path, key)
    [written] = folder.publish("office", _changes("office", "one"))
    content = written.path.read_bytes()
    office = written.path.parent
    names = {
        ".00000002.jsonl.tmp": "temporary",
        ".syncthing.00000002.jsonl.tmp": "temporary",
        "~syncthing~00000002.jsonl.tmp": "temporary",
        "00000002.jsonl.part": "temporary",
        ".00000002.jsonl.icloud": "not downloaded",
        "00000001.sync-conflict-20261130-101500-ABCDEF7.jsonl": "conflict copy",
        "00000001 (conflicted copy).jsonl": "conflict copy",
        "00000001 (Sam's conflicted copy 2026-11-30).jsonl": "conflict copy",
        "00000001 (conflicted copy 2026-11-30 101500).jsonl": "conflict copy",
        "00000001_conflict-20261130-101500.jsonl": "conflict copy",
        "00000001 (1).jsonl": "conflict copy",
        "00000001.jsonl.conflict": "conflict copy",
        "00000001 (còpia en conflicte 2026-11-30 101500).jsonl": "not a change file",
        "notes.txt": "not a change file",
        "1.jsonl": "not a change file",
        "000000001.jsonl": "not a change file",  # 1 again, spelled longer
    }
    for name in names:
        (office / name).write_bytes(content)
    (tmp_path / "LeaderJournal" / "journal.key").write_text("wrapped key")

    reading = folder.read("home", {})

    assert [f.path.name for f in reading.files] == ["00000001.jsonl"]
    found = {note.path.name: note.reason for note in reading.skipped}
    assert set(found) == set(names)
    for name, words in names.items():
        assert words in found[name], name


@pytest.mark.parametrize("name", ["Office", "office.sync-conflict-20261130-1-X", "a b"])
def test_a_folder_that_is_not_a_device_id_is_skipped_with_a_note(
    tmp_path: Path, key: ChangeKey | None, name: str
) -> None:
    folder = SyncFolder(tmp_path, key)
    [written] = folder.publish("office", _changes("office", "one"))
    odd = tmp_path / "LeaderJournal" / name
    odd.mkdir()
    (odd / "00000001.jsonl").write_bytes(written.path.read_bytes())

    reading = folder.read("home", {})

    assert [f.device for f in reading.files] == ["office"]
    assert [(n.path, "device" in n.reason) for n in reading.skipped] == [(odd, True)]


def test_a_damaged_line_is_skipped_and_its_file_read_again_next_time(
    tmp_path: Path,
    key: ChangeKey | None,
) -> None:
    folder = SyncFolder(tmp_path, key)
    [written] = folder.publish("office", _changes("office", "one", "two", "three"))
    lines = written.path.read_bytes().splitlines(keepends=True)
    if key is None:
        lines[1] = lines[1].replace(b'"two"', b'"tw0"')
    else:  # a letter of its encrypted form
        middle = len(lines[1]) // 2
        damaged = b"x" if lines[1][middle : middle + 1] != b"x" else b"y"
        lines[1] = lines[1][:middle] + damaged + lines[1][middle + 1 :]
    written.path.write_bytes(b"".join(lines))
    applied: dict[str, list[int]] = {}

    reading = folder.read("home", applied)
    for file in reading.files:
        mark_applied(applied, file)

    assert [c.fields["title"] for c in reading.files[0].changes] == ["one", "three"]
    [note] = reading.skipped
    assert "line 2" in note.reason
    assert "checksum" in note.reason
    assert applied == {}  # not complete: read again once the tool mends it
    assert len(folder.read("home", applied).files) == 1


def test_a_line_from_a_newer_version_is_skipped_and_read_again(
    tmp_path: Path, key: ChangeKey | None
) -> None:
    folder = SyncFolder(tmp_path, key)
    [written] = folder.publish("office", _changes("office", "one", "two"))
    lines = written.path.read_bytes().splitlines(keepends=True)
    newer = b'{"v":2,"what":"unknown to us"}\n'
    written.path.write_bytes(lines[0] + newer + lines[2])

    reading = folder.read("home", {})

    [file] = reading.files
    assert not file.complete
    assert [c.fields["title"] for c in file.changes] == ["one"]
    assert "newer LeaderJournal" in reading.skipped[0].reason


def test_a_change_stamped_by_another_device_is_not_taken_from_this_folder(
    tmp_path: Path,
    key: ChangeKey | None,
) -> None:
    folder = SyncFolder(tmp_path, key)
    [written] = folder.publish("office", _changes("office", "one", "two"))
    lines = written.path.read_bytes().splitlines(keepends=True)
    forged = _line(key, _changes("home", "forged")[0], Place("office", 1, 2, 2))
    written.path.write_bytes(lines[0] + forged + lines[2])

    reading = folder.read("laptop", {})

    assert [c.fields["title"] for c in reading.files[0].changes] == ["one"]
    assert "home" in reading.skipped[0].reason


def test_a_stale_temporary_file_of_this_device_is_replaced(
    tmp_path: Path, key: ChangeKey | None
) -> None:
    folder = SyncFolder(tmp_path, key)
    office = tmp_path / "LeaderJournal" / "office"
    office.mkdir(parents=True)
    (office / ".00000001.jsonl.tmp").write_bytes(b"left by a crash")

    folder.publish("office", _changes("office", "one"))

    assert sorted(p.name for p in office.iterdir()) == ["00000001.jsonl"]
    assert _titles(folder, "home", {}) == ["one"]


def test_nothing_is_written_for_no_changes_or_a_bad_device_id(
    tmp_path: Path, key: ChangeKey | None
) -> None:
    folder = SyncFolder(tmp_path, key)

    assert folder.publish("office", []) == []
    with pytest.raises(SyncFormatError):
        folder.publish("../office", _changes("office", "one"))
    with pytest.raises(ValueError, match="home"):
        folder.publish("office", _changes("home", "one"))
    assert not (tmp_path / "LeaderJournal").exists() or not any(
        (tmp_path / "LeaderJournal").rglob("*.jsonl")
    )


def test_reading_a_folder_with_nothing_synced_yet_finds_nothing(tmp_path: Path) -> None:
    reading = SyncFolder(tmp_path / "not yet").read("home", {})

    assert (reading.files, reading.skipped) == ([], [])


def test_a_sync_folder_that_cannot_be_written_is_reported_in_words(
    tmp_path: Path,
    key: ChangeKey | None,
) -> None:
    (tmp_path / "LeaderJournal").write_text("a file where the folder should be")

    with pytest.raises(SyncError, match="Could not write to the sync folder"):
        SyncFolder(tmp_path, key).publish("office", _changes("office", "one"))
