"""Writing export files atomically: complete, or not there at all."""

import datetime as dt
import os
import shutil
import sys
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.exchange.files import Cancelled, ExchangeError, atomic_text_file
from leaderjournal.storage.journal import Journal
from tests.kinds import encrypt_for_tests

WRITTEN = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)
OLD_BYTES = b"an earlier export\r\nthat must survive\r\n\x00\xff"


@pytest.fixture(scope="module")
def big_dirs(tmp_path_factory) -> dict[str, Path]:
    """A journal of 2500 entries, enough for progress past the first 1000
    rows, of each kind (filled once per module)."""
    data_dir = tmp_path_factory.mktemp("big") / "data"
    first = dt.date(2020, 1, 1)
    with Journal(data_dir) as journal:
        journal.entries.save_many(
            Entry.new(
                first + dt.timedelta(days=n % 2000),
                at=WRITTEN,
                title=f"entry {n}",
                ratings={"influence": n % 5 - 2},
                advice_requests=n % 3,
            )
            for n in range(2500)
        )
    encrypted = tmp_path_factory.mktemp("big-encrypted") / "data"
    shutil.copytree(data_dir, encrypted)
    encrypt_for_tests(encrypted)
    return {"plain": data_dir, "encrypted": encrypted}


@pytest.fixture
def big(journal_kind, big_dirs):
    with journal_kind.open(big_dirs[journal_kind.name]) as journal:
        yield journal


def names(folder) -> list[str]:
    """What a folder holds, so that a stray temporary file would show."""
    return sorted(p.name for p in folder.iterdir())


def cancel_after_first_call(calls):
    def progress(done, total):
        calls.append((done, total))
        return len(calls) == 1

    return progress


# -- atomic_text_file ----------------------------------------------------------


def test_a_completed_block_writes_the_file(tmp_path):
    path = tmp_path / "out.csv"
    with atomic_text_file(path) as out:
        out.write("a,b\r\n\u00e9\r\n")
    assert path.read_bytes() == "a,b\r\n\u00e9\r\n".encode()
    assert sorted(names(tmp_path)) == ["out.csv"]


def test_nothing_is_visible_at_the_destination_until_the_block_ends(tmp_path):
    path = tmp_path / "out.csv"
    path.write_bytes(OLD_BYTES)
    with atomic_text_file(path) as out:
        out.write("new")
        out.flush()
        assert path.read_bytes() == OLD_BYTES
    assert path.read_bytes() == b"new"
    assert sorted(names(tmp_path)) == ["out.csv"]


def test_bom_writes_the_utf8_byte_order_mark_first(tmp_path):
    path = tmp_path / "out.csv"
    with atomic_text_file(path, bom=True) as out:
        out.write("x")
    assert path.read_bytes() == b"\xef\xbb\xbfx"


def write_half_then_fail(path, error: BaseException) -> None:
    with atomic_text_file(path) as out:
        out.write("half a file")
        out.flush()
        raise error


def test_an_error_in_the_block_leaves_no_file_and_no_temporary(tmp_path):
    path = tmp_path / "out.csv"
    with pytest.raises(RuntimeError, match="boom"):
        write_half_then_fail(path, RuntimeError("boom"))
    assert names(tmp_path) == []


def test_an_error_in_the_block_keeps_an_existing_file_exactly(tmp_path):
    path = tmp_path / "out.csv"
    path.write_bytes(OLD_BYTES)
    with pytest.raises(Cancelled):
        write_half_then_fail(path, Cancelled("stop"))
    assert path.read_bytes() == OLD_BYTES
    assert names(tmp_path) == ["out.csv"]


def test_a_folder_that_does_not_exist_is_an_exchange_error(tmp_path):
    path = tmp_path / "no such folder" / "out.csv"
    with (
        pytest.raises(ExchangeError, match="does not exist") as raised,
        atomic_text_file(path),
    ):
        pytest.fail("the block must not run")
    assert "no such folder" in str(raised.value)
    assert not path.parent.exists()


# -- cancelling an export ------------------------------------------------------


def test_a_full_export_reports_progress_to_the_end(big, tmp_path):
    calls = []
    path = tmp_path / "all.csv"
    written = export_to_file(
        big.entries, path, ExportOptions(), lambda d, t: calls.append((d, t))
    )
    assert written == 2500
    assert calls[0] == (0, 2500)
    assert calls[-1] == (2500, 2500)
    assert len(calls) > 2
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len(path.read_bytes().splitlines()) == 2501


def test_a_cancelled_export_leaves_no_file(big, tmp_path):
    calls = []
    path = tmp_path / "out.csv"
    with pytest.raises(Cancelled, match="cancelled"):
        export_to_file(
            big.entries, path, ExportOptions(), cancel_after_first_call(calls)
        )
    assert len(calls) == 2  # the first call said go on, the second said stop
    assert calls[0] == (0, 2500)
    assert 0 < calls[1][0] < 2500
    assert not path.exists()
    assert names(tmp_path) == []  # no stray temporary file either


@pytest.mark.parametrize("excel", [False, True])
def test_a_cancelled_export_keeps_an_existing_file_exactly(big, tmp_path, excel):
    path = tmp_path / "out.csv"
    path.write_bytes(OLD_BYTES)
    before = path.stat()
    with pytest.raises(Cancelled):
        export_to_file(
            big.entries, path, ExportOptions(excel=excel), cancel_after_first_call([])
        )
    assert path.read_bytes() == OLD_BYTES
    assert path.stat().st_ino == before.st_ino
    assert names(tmp_path) == ["out.csv"]


def test_a_cancelled_weekly_export_leaves_no_file(big, tmp_path):
    path = tmp_path / "weeks.csv"
    with pytest.raises(Cancelled):
        export_to_file(
            big.entries, path, ExportOptions(kind="weekly"), lambda d, t: False
        )
    assert names(tmp_path) == []


def test_cancelled_is_an_exchange_error():
    assert issubclass(Cancelled, ExchangeError)


# -- places that cannot be written ---------------------------------------------


def test_export_into_a_missing_folder_is_a_clear_error(big, tmp_path):
    path = tmp_path / "missing" / "out.csv"
    with pytest.raises(ExchangeError, match="does not exist") as raised:
        export_to_file(big.entries, path, ExportOptions())
    assert str(tmp_path / "missing") in str(raised.value)
    assert names(tmp_path) == []


def test_export_onto_a_folder_is_an_error_and_leaves_nothing(big, tmp_path):
    path = tmp_path / "taken"
    path.mkdir()
    with pytest.raises(ExchangeError, match="taken"):
        export_to_file(big.entries, path, ExportOptions())
    assert names(tmp_path) == ["taken"]
    assert names(path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_export_into_a_read_only_folder_is_a_clear_error(big, tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("this user (e.g. root) can write to a read-only folder")
        with pytest.raises(ExchangeError, match="permission") as raised:
            export_to_file(big.entries, folder / "out.csv", ExportOptions())
        assert str(folder) in str(raised.value)
        assert names(folder) == []
    finally:
        folder.chmod(0o700)
