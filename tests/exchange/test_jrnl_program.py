"""The jrnl JSON export against the real jrnl program (jrnl.sh), when it is
installed: for the same two entries, jrnl's own ``--format json`` and ours
read back equal.

jrnl's ``--import`` reads only jrnl's plain-text journal format (jrnl 4.6:
``--format [jrnl]``; a JSON file, even one jrnl wrote, becomes one entry of
JSON text), so what is checked here is that ours is exactly what jrnl itself
writes as JSON, the shape tools that take jrnl's JSON expect.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.exchange.export import ExportOptions, export_to_file

JRNL = os.environ.get("LEADERJOURNAL_JRNL") or shutil.which("jrnl")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        JRNL is None,
        reason="jrnl is not installed: `pip install jrnl` (in a virtualenv of "
        "its own; set LEADERJOURNAL_JRNL to its jrnl) to compare with it",
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
        [JRNL, "--config-file", str(config), "--format", "json"],
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
