"""The jrnl exports against the real jrnl program (jrnl.sh), installed with
the test extra (``pip install -e .[test]``; LEADERJOURNAL_JRNL names another
jrnl).

jrnl's ``--import`` reads only jrnl's plain-text journal format (jrnl 4.6:
``--format [jrnl]``; a JSON file, even one jrnl wrote, becomes one entry of
JSON text). So the journal file export (``jrnl-text``) is imported into an
empty jrnl journal, and what jrnl then shows as JSON is compared with our
jrnl JSON export of the same entries; and for the same two entries jrnl's
own ``--format json`` and our JSON export read back equal.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.exchange.export import ExportOptions, export_to_file

#: jrnl next to this Python (the test extra installs it there), else on PATH.
BESIDE = Path(sys.executable).with_name("jrnl")
JRNL = (
    os.environ.get("LEADERJOURNAL_JRNL")
    or (str(BESIDE) if BESIDE.is_file() else None)
    or shutil.which("jrnl")
)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        JRNL is None,
        reason="jrnl is not installed: `pip install -e .[test]` installs it "
        "(or set LEADERJOURNAL_JRNL to a jrnl) to compare with it",
    ),
]

BERLIN = dt.timezone(dt.timedelta(hours=1))

#: The same two entries as jrnl's plain-text journal writes them: a title
#: line (jrnl takes the first sentence of it... or the line), then the body.
JRNL_TEXT = """\
[2026-03-01 23:30] Late call with Zoë. Talked about @東京 and @coaching.

[2026-03-02 00:30] After midnight. Second paragraph here @coaching
and more.
"""

CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.6
"""


def same_entries() -> list[Entry]:
    def at(day: int, hour: int, minute: int) -> dt.datetime:
        return dt.datetime(2026, 3, day, hour, minute, tzinfo=BERLIN)

    return [
        Entry(
            id="2f0c9a3e-0000-4000-8000-000000000001",
            date=dt.date(2026, 3, 1),
            created_at=at(1, 23, 30),
            updated_at=at(1, 23, 30),
            title="Late call with Zoë. Talked about @東京 and @coaching.",
            text="",
            tags=("coaching", "東京"),
        ),
        Entry(
            id="2f0c9a3e-0000-4000-8000-000000000002",
            date=dt.date(2026, 3, 2),
            created_at=at(2, 0, 30),
            updated_at=at(2, 0, 30),
            title="After midnight. Second paragraph here @coaching",
            text="and more.",
            tags=("coaching",),
        ),
    ]


def jrnl_json(tmp_path) -> dict:
    journal = tmp_path / "journal.txt"
    journal.write_text(JRNL_TEXT, encoding="utf-8")
    config = tmp_path / "jrnl.yaml"
    config.write_text(CONFIG.format(journal=journal), encoding="utf-8")
    run = subprocess.run(
        [str(JRNL), "--config-file", str(config), "--format", "json"],
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "HOME": str(tmp_path), "NO_COLOR": "1"},
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_our_jrnl_json_is_what_jrnl_writes(journal, tmp_path):
    journal.entries.save_many(same_entries())
    ours = tmp_path / "ours.json"
    export_to_file(journal.entries, ours, ExportOptions(kind="jrnl"))

    theirs = jrnl_json(tmp_path)

    assert theirs["entries"], "jrnl read no entries: the comparison would be empty"
    assert in_any_tag_order(json.loads(ours.read_text(encoding="utf-8"))) == (
        in_any_tag_order(theirs)
    )


def in_any_tag_order(exported: dict) -> dict:
    """jrnl keeps an entry's tags in a set: their order changes from run to
    run, so each entry's tags are compared sorted."""
    return {
        **exported,
        "entries": [
            {**entry, "tags": sorted(entry["tags"])} for entry in exported["entries"]
        ],
    }


def moved_entries() -> list[Entry]:
    """A journal with what jrnl's text format makes hard: a title with no
    full stop and a body, an untitled entry, tags not in the text, a time
    after midnight for the day before, a body line that looks like a date
    line, paragraphs and non-ASCII text."""

    def entry(n: int, day: int, at: dt.datetime, title: str, text: str, *tags):
        return Entry(
            id=f"2f0c9a3e-0000-4000-8000-{n:012d}",
            date=dt.date(2026, 3, day),
            created_at=at,
            updated_at=at,
            title=title,
            text=text,
            tags=tags,
        )

    def at(day: int, hour: int, minute: int) -> dt.datetime:
        return dt.datetime(2026, 3, day, hour, minute, tzinfo=BERLIN)

    return [
        entry(
            1,
            1,
            at(1, 23, 30),
            "Late call with Zoë",
            "Talked about 東京 and the team.\n\nSecond paragraph: what next?\n"
            "[2026-03-01 10:00] this line only looks like an entry",
            "coaching",
            "東京",
        ),
        entry(
            2,
            1,
            at(2, 0, 30),
            "",
            "Could not sleep. Wrote after midnight\nabout @Coaching the team.",
            "coaching",
        ),
        entry(3, 2, at(2, 9, 0), "Planning. Two sentences in one title!", ""),
        entry(
            4,
            3,
            at(3, 8, 15),
            "Ünïcødé ✓ and more",
            "Ein Absatz.\n\nZweiter Absatz — mit Gedankenstrich.",
            "growth",
            "one-on-one",
        ),
    ]


def run_jrnl(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """The real jrnl on a journal of its own in tmp_path, with no editor."""
    config = tmp_path / "jrnl.yaml"
    if not config.exists():
        journal = tmp_path / "jrnl" / "journal.txt"
        config.write_text(CONFIG.format(journal=journal), encoding="utf-8")
    return subprocess.run(
        [str(JRNL), "--config-file", str(config), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
        env={**os.environ, "HOME": str(tmp_path), "NO_COLOR": "1"},
    )


#: jrnl's tags in a text (jrnl/journals/Entry.py tag_regex with "@").
JRNL_TAG = re.compile(r"(?<!\S)(@[-+*#/\w]+)")


def as_jrnl_shows(ours: dict) -> dict:
    """Our jrnl JSON entry as jrnl shows it after importing our journal file:
    what the README says its text format cannot carry exactly."""
    title, body = ours["title"], ours["body"]
    if not title:  # jrnl takes the first line as the title
        title, _, body = body.partition("\n")
    body = re.sub(r"(?m)^(?=\[[^\]]+\] )", r"\\", body)
    found = {tag.lower() for tag in JRNL_TAG.findall(f"{title}\n{body}")}
    missing = [tag for tag in ours["tags"] if tag.lower() not in found]
    if missing:  # tags not in the text come on a last line
        body = f"{body}\n\n{' '.join(missing)}" if body else " ".join(missing)
    return {
        **ours,
        "title": title,
        "body": body,
        "tags": sorted(tag.lower() for tag in ours["tags"]),
    }


def test_jrnl_imports_our_journal_file_with_every_entry(journal, tmp_path):
    journal.entries.save_many(moved_entries())
    ours_text, ours_json = tmp_path / "ours.txt", tmp_path / "ours.json"
    written = export_to_file(
        journal.entries, ours_text, ExportOptions(kind="jrnl-text")
    )
    export_to_file(journal.entries, ours_json, ExportOptions(kind="jrnl"))

    imported = run_jrnl(tmp_path, "--import", "--file", str(ours_text))
    shown = run_jrnl(tmp_path, "--format", "json")

    assert imported.returncode == 0, imported.stderr
    assert f"{written} imported to default journal" in imported.stderr
    assert shown.returncode == 0, shown.stderr
    theirs = json.loads(shown.stdout)["entries"]
    expected = json.loads(ours_json.read_text(encoding="utf-8"))["entries"]
    assert len(theirs) == len(expected) == 4

    def when(entry: dict) -> tuple[str, str]:
        return entry["date"], entry["time"]

    # jrnl orders by date and time: the 00:30 entry about 1 March comes
    # before the 23:30 one, where we order by when each was written.
    assert [{**entry, "tags": sorted(entry["tags"])} for entry in theirs] == sorted(
        (as_jrnl_shows(entry) for entry in expected), key=when
    )
