"""The Markdown export: a folder of files, read back and compared with the
journal entry by entry."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import pytest
import yaml

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import Entry
from leaderjournal.domain.scoring import entry_lean, round_lean
from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.exchange.files import ExchangeError
from leaderjournal.exchange.markdown_export import (
    MANIFEST,
    file_names,
    read_markdown_file,
    slug,
)

BERLIN = dt.timezone(dt.timedelta(hours=1))
TOKYO = dt.timezone(dt.timedelta(hours=9))
FIRST, SECOND, *_REST = DIMENSION_KEYS


def at(day: str, clock: str, zone: dt.timezone = BERLIN) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=zone)


def sample_entries() -> list[Entry]:
    day = dt.date(2026, 3, 2)
    return [
        Entry(
            id="0b6f3c1e-0000-4000-8000-000000000001",
            date=day,
            created_at=at("2026-03-02", "09:05:00"),
            updated_at=at("2026-03-02", "18:40:12"),
            title="1:1 with Zoë — 東京 office",
            text="Asked about the روبوت launch.\n\nWent well.",
            ratings={FIRST: 2, SECOND: -1},
            advice_requests=3,
            tags=("Zoë", "1:1", "東京"),
        ),
        Entry(
            id="0b6f3c1e-0000-4000-8000-000000000002",
            date=day,
            created_at=at("2026-03-02", "12:00:00"),
            updated_at=at("2026-03-02", "12:00:00"),
            title="",
            text="",
        ),
        Entry(
            id="0b6f3c1e-0000-4000-8000-000000000003",
            date=day,
            created_at=at("2026-03-02", "13:00:00"),
            updated_at=at("2026-03-02", "13:30:00"),
            title="Stand-up",
            text="---\nlooks like front matter\n---\n",
            ratings=dict.fromkeys(DIMENSION_KEYS, 0),
        ),
        Entry(
            id="0b6f3c1e-0000-4000-8000-000000000004",
            date=day,
            created_at=at("2026-03-02", "17:00:00"),
            updated_at=at("2026-03-02", "17:00:00"),
            title="stand up!",
            text="\n\n  leading and trailing blank lines  \n\n\n",
            tags=("yes", "null", "- dash"),
        ),
        Entry(
            id="0b6f3c1e-0000-4000-8000-000000000005",
            date=dt.date(2026, 3, 3),
            # 23:30 in Tokyo on the 3rd is the 3rd's entry, 14:30 UTC.
            created_at=at("2026-03-03", "23:30:00", TOKYO),
            updated_at=at("2026-03-03", "23:30:00", TOKYO),
            title="東京",
            text="Windows line\r\nends\r\n",
            ratings={FIRST: -2},
        ),
        Entry(
            id="0b6f3c1e-0000-4000-8000-000000000006",
            date=dt.date(2026, 3, 3),
            created_at=at("2026-03-03", "08:00:00"),
            updated_at=at("2026-03-03", "08:00:00"),
            title="yes",
            text="true",
        ),
    ]


@pytest.fixture
def filled(journal):
    journal.entries.save_many(sample_entries())
    return journal


def read_folder(folder) -> dict[str, tuple[dict, str]]:
    return {
        path.name: read_markdown_file(path.read_bytes().decode("utf-8"))
        for path in sorted(folder.glob("*.md"))
    }


def test_every_entry_reads_back_from_its_own_file(filled, tmp_path):
    folder = tmp_path / "notes"

    written = export_to_file(
        filled.entries,
        folder,
        ExportOptions(kind="markdown"),
        data_dir=filled.data_dir,
    )

    assert written == 6
    files = read_folder(folder)
    assert sorted(files) == [
        "2026-03-02-1-1-with-zoe-office.md",
        "2026-03-02-entry.md",
        "2026-03-02-stand-up-2.md",
        "2026-03-02-stand-up.md",
        "2026-03-03-entry.md",
        "2026-03-03-yes.md",
    ]
    by_id = {matter["id"]: (matter, body) for matter, body in files.values()}
    for entry in sample_entries():
        stored = filled.entries.get(entry.id)
        matter, body = by_id[entry.id]
        assert body == stored.text
        lean = entry_lean(stored)
        assert matter == {
            "id": stored.id,
            "date": stored.date,
            "created": stored.created_at.isoformat(),
            "updated": stored.updated_at.isoformat(),
            "title": stored.title,
            **{key: stored.ratings.get(key) for key in DIMENSION_KEYS},
            "lean": None if lean is None else round_lean(lean),
            "advice": stored.advice_requests,
            "tags": list(stored.tags),
        }
    # Keys in this order, each time one as written in the journal.
    first = files["2026-03-02-1-1-with-zoe-office.md"]
    assert list(first[0]) == [
        "id",
        "date",
        "created",
        "updated",
        "title",
        *DIMENSION_KEYS,
        "lean",
        "advice",
        "tags",
    ]
    assert first[0]["created"] == "2026-03-02T09:05:00+01:00"
    assert first[0]["lean"] == 25.0  # 50 x (2 - 1) / 2


def test_the_files_are_plain_utf8_with_the_text_last(filled, tmp_path):
    folder = tmp_path / "notes"
    export_to_file(filled.entries, folder, ExportOptions(kind="markdown"))

    raw = (folder / "2026-03-03-entry.md").read_bytes()
    assert raw.startswith(b"---\nid: 0b6f3c1e-0000-4000-8000-000000000005\n")
    assert "title: 東京\n".encode() in raw  # not escaped: readable in a note app
    assert raw.endswith(b"---\nWindows line\r\nends\r\n")
    empty = (folder / "2026-03-02-entry.md").read_bytes()
    assert empty.endswith(b"tags: []\n---\n")


def test_slugs():
    assert slug("1:1 with Zoë — 東京 office") == "1-1-with-zoe-office"
    assert slug("") == "entry"
    assert slug("東京") == "entry"
    assert slug("Don't panic") == "dont-panic"
    assert slug("x" * 500) == "x" * 60
    assert file_names(
        [("2026-03-02", "A"), ("2026-03-02", "a"), ("2026-03-03", "a")]
    ) == ["2026-03-02-a.md", "2026-03-02-a-2.md", "2026-03-03-a.md"]


def test_a_range_exports_only_its_days(filled, tmp_path):
    folder = tmp_path / "notes"
    day = dt.date(2026, 3, 3)
    written = export_to_file(
        filled.entries, folder, ExportOptions(kind="markdown", start=day, end=day)
    )
    assert written == 2
    assert sorted(p.name for p in folder.glob("*.md")) == [
        "2026-03-03-entry.md",
        "2026-03-03-yes.md",
    ]


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_folder_of_other_files_is_refused_and_left_alone(filled, tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "thesis.md").write_text("mine")

    with pytest.raises(ExchangeError) as caught:
        export_to_file(filled.entries, folder, ExportOptions(kind="markdown"))

    assert str(caught.value) == (
        f"{folder} already holds files and is not a Markdown export of "
        "LeaderJournal; choose an empty or new folder. Nothing was written."
    )
    assert [p.name for p in folder.iterdir()] == ["thesis.md"]


def test_the_data_folder_and_a_file_are_refused(filled, tmp_path):
    journal_db = filled.data_dir / "journal.db"
    before = sha256(journal_db)
    for target, reason in [
        (filled.data_dir, "is the journal's data folder"),
        (filled.data_dir / "backups", "is the journal's backups folder"),
        (journal_db, "is the journal itself"),
    ]:
        with pytest.raises(ExchangeError, match=reason):
            export_to_file(
                filled.entries,
                target,
                ExportOptions(kind="markdown"),
                data_dir=filled.data_dir,
            )
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    with pytest.raises(ExchangeError, match="is a file, not a folder"):
        export_to_file(filled.entries, a_file, ExportOptions(kind="markdown"))
    assert sha256(journal_db) == before
    assert sorted(p.name for p in filled.data_dir.iterdir() if p.suffix == ".md") == []


def test_exporting_again_replaces_the_earlier_export_only(filled, tmp_path):
    folder = tmp_path / "notes"
    export_to_file(filled.entries, folder, ExportOptions(kind="markdown"))
    (folder / "my-own-note.md").write_text("kept")
    (folder / "2026-03-03-yes.md").write_text("edited by hand")
    # A title changes and an entry goes: their old files go too.
    renamed = filled.entries.get("0b6f3c1e-0000-4000-8000-000000000006")
    filled.entries.save(dataclasses.replace(renamed, title="No", text="false"))
    filled.entries.delete("0b6f3c1e-0000-4000-8000-000000000005")

    written = export_to_file(filled.entries, folder, ExportOptions(kind="markdown"))

    assert written == 5
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        MANIFEST,
        "2026-03-02-1-1-with-zoe-office.md",
        "2026-03-02-entry.md",
        "2026-03-02-stand-up-2.md",
        "2026-03-02-stand-up.md",
        "2026-03-03-no.md",
        "my-own-note.md",
    ]
    assert (folder / "my-own-note.md").read_text() == "kept"
    matter, body = read_markdown_file((folder / "2026-03-03-no.md").read_text())
    assert (matter["title"], body) == ("No", "false")


def test_a_manifest_never_names_a_file_outside_the_folder(filled, tmp_path):
    outside = tmp_path / "2026-01-01-x.md"
    outside.write_text("not the export's")
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / MANIFEST).write_text(
        "LeaderJournal Markdown export: the files it wrote\n"
        "../2026-01-01-x.md\n/etc/passwd\n2026-01-01-x.md\n"
    )

    export_to_file(filled.entries, folder, ExportOptions(kind="markdown"))

    assert outside.read_text() == "not the export's"


def test_front_matter_is_safe_yaml_for_any_title(filled, tmp_path):
    folder = tmp_path / "notes"
    filled.entries.save(
        Entry.new(
            dt.date(2026, 4, 1),
            title='!!python/object:os.system "rm" # : - [x] {y} & *z',
            text="",
        )
    )
    export_to_file(filled.entries, folder, ExportOptions(kind="markdown"))
    (path,) = folder.glob("2026-04-01-*.md")
    matter, _ = read_markdown_file(path.read_text())
    assert matter["title"] == '!!python/object:os.system "rm" # : - [x] {y} & *z'
    assert yaml.safe_load(path.read_text().split("---\n")[1]) == matter


def test_an_interrupted_exports_temporary_files_go_at_the_next(filled, tmp_path):
    folder = tmp_path / "notes"
    export_to_file(filled.entries, folder, ExportOptions(kind="markdown"))
    leftover = folder / ".2026-03-02-stand-up.md.k3j9x_a1.part"
    leftover.write_text("half a file")
    own = folder / ".obsidian"
    own.mkdir()

    export_to_file(filled.entries, folder, ExportOptions(kind="markdown"))

    assert not leftover.exists()
    assert own.is_dir()
    assert not [p for p in folder.iterdir() if p.name.endswith(".part")]
