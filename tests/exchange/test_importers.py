"""One Import command: the format recognised from the content, then planned
and applied all or nothing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from leaderjournal.exchange.import_plan import ImportFileError
from leaderjournal.exchange.importers import FORMAT_NAMES, plan, recognise
from leaderjournal.storage.journal import Journal

ROW = (
    "id,date,created_at,updated_at,title,text,influence,followers,growth,"
    "relationship,mentor,lean,advice_requests,tags\r\n"
    ",2026-11-29,,,Smoke,Delegated the release,2,,,,-1,,1,bundle\r\n"
)


def test_a_leaderjournal_csv_is_recognised_and_planned(tmp_path: Path, data_dir):
    source = tmp_path / "export.csv"
    source.write_text(ROW, encoding="utf-8-sig")
    assert recognise(source).name == "leaderjournal"
    with Journal(data_dir) as journal:
        planned = plan(source, journal.entries)
        assert planned.format == "leaderjournal"
        assert [entry.title for entry in planned.added] == ["Smoke"]
        assert journal.entries.count() == 0  # a plan writes nothing


def test_something_else_is_refused_naming_the_formats_read(tmp_path: Path):
    source = tmp_path / "notes.txt"
    source.write_text("Dear diary\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as raised:
        recognise(source)
    assert (
        "\u201cnotes.txt\u201d is not a journal export LeaderJournal can read"
        in str(raised.value)
    )
    assert "LeaderJournal CSV" in str(raised.value)


def test_a_missing_path_is_named(tmp_path: Path):
    with pytest.raises(ImportFileError, match="There is no file or folder"):
        recognise(tmp_path / "gone.json")


def test_auto_and_every_format_can_be_named():
    assert FORMAT_NAMES[0] == "auto"
    assert "leaderjournal" in FORMAT_NAMES


@pytest.mark.parametrize(
    ("kind", "many"),
    [
        ("photo", "photos"),
        ("starred flag", "starred flags"),
        ("tag beyond 30", "tags beyond 30"),
        ("note in a category", "notes in a category"),
        ("weather report", "weather reports"),
        ("category entry", "category entries"),
        ("repeated row", "repeated rows"),
        ("attached PDF", "attached PDFs"),
        ("day", "days"),
        ("sketch", "sketches"),
    ],
)
def test_what_was_not_brought_along_is_counted_in_plain_english(kind, many):
    from leaderjournal.exchange.import_plan import ImportPlan

    two = ImportPlan(not_brought=Counter({kind: 2})).summary()
    one = ImportPlan(not_brought=Counter({kind: 1})).summary()
    assert two.endswith(f"; not brought along: 2 {many}")
    assert one.endswith(f"; not brought along: 1 {kind}")


@pytest.mark.parametrize("key", ["A1B2C3", "", "Zoë 東京", "x" * 300])
def test_a_source_id_is_the_uuid5_of_the_format_and_the_key(key):
    import uuid

    from leaderjournal.exchange.sources import _NAMESPACE, source_id

    assert source_id("dayone", key) == str(uuid.uuid5(_NAMESPACE, f"dayone:{key}"))
