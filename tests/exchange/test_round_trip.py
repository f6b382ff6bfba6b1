"""Export then import into an empty journal gives back the very same entries."""

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import EARLIEST_DATE, LATEST_DATE, Entry
from leaderjournal.exchange.csv_import import apply_import, plan_import
from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.storage.journal import Journal
from tests.exchange.golden import add_golden

# Characters that CSV and spreadsheets treat specially, drawn often.
SPECIAL = ["\n", "\r\n", "\r", '"', '""', ",", ";", "'", "=", "+", "-", "@", "\t"]
RISKY_START = ["", "=", "+", "-", "@", "'", "''", "\t", "\r", "\n", '"', " "]

# Any character but lone surrogates (not encodable) and NUL (the importer
# rightly takes a file with NUL bytes for a binary file).
any_char = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
pieces = st.one_of(st.text(any_char, max_size=8), st.sampled_from(SPECIAL))
texts = st.builds(
    lambda start, body: start + "".join(body),
    st.sampled_from(RISKY_START),
    st.lists(pieces, max_size=6),
)
tags = st.lists(
    st.one_of(
        st.text(
            st.characters(
                blacklist_categories=("Cs",), blacklist_characters="\x00;\n\r\t"
            ),
            max_size=10,
        ),
        st.sampled_from(["=cmd", "-x", "@team", "+1", "'q", "1:1", "a,b", ' "q" ']),
    ),
    max_size=4,
)
offsets = st.integers(-14 * 60, 14 * 60).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
stamps = st.builds(
    lambda moment, zone: moment.replace(microsecond=0, tzinfo=zone),
    st.datetimes(
        min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2100, 12, 30)
    ),
    offsets,
)
ratings = st.fixed_dictionaries(
    {key: st.none() | st.integers(-2, 2) for key in DIMENSION_KEYS}
)
entries = st.builds(
    Entry,
    id=st.uuids().map(str),
    date=st.dates(min_value=EARLIEST_DATE, max_value=LATEST_DATE),
    created_at=stamps,
    updated_at=stamps,
    title=texts,
    text=texts,
    ratings=ratings,
    advice_requests=st.integers(0, 10**9),
    tags=tags,
)


def assert_same_entries(got: list[Entry], expected: list[Entry]) -> None:
    got = sorted(got, key=lambda e: e.id)
    expected = sorted(expected, key=lambda e: e.id)
    assert got == expected
    # == compares instants; the UTC offsets people wrote in are kept too.
    for mine, theirs in zip(got, expected, strict=True):
        assert mine.created_at.utcoffset() == theirs.created_at.utcoffset()
        assert mine.updated_at.utcoffset() == theirs.updated_at.utcoffset()
        assert mine.text == theirs.text  # spelled out for a clearer failure
        assert mine.tags == theirs.tags


def round_trip(originals: list[Entry], folder: Path, excel: bool = False):
    """Export ``originals`` from one journal and import them into an empty one."""
    path = folder / "export.csv"
    with Journal(folder / "source") as source:
        source.entries.save_many(originals)
        written = export_to_file(source.entries, path, ExportOptions(excel=excel))
    assert written == len(originals)
    with Journal(folder / "target") as target:
        plan = plan_import(path.read_bytes(), target.entries)
        assert plan.problems == []
        apply_import(plan, target.entries)
        assert plan.summary() == f"{len(originals)} added, 0 updated, 0 unchanged"
        return list(target.entries.iter_all()), path


@settings(max_examples=100, deadline=None, database=None)
@given(
    originals=st.lists(entries, min_size=1, max_size=5, unique_by=lambda e: e.id),
    excel=st.booleans(),
)
def test_any_entries_survive_export_and_import(originals, excel):
    with tempfile.TemporaryDirectory() as folder:
        imported, _ = round_trip(originals, Path(folder), excel)
    assert_same_entries(imported, originals)


def test_the_golden_journal_survives_and_exports_the_same_bytes_again(tmp_path):
    with Journal(tmp_path / "golden") as journal:
        originals = add_golden(journal)
    imported, first = round_trip(originals, tmp_path)
    assert_same_entries(imported, originals)

    again = tmp_path / "again.csv"
    with Journal(tmp_path / "target") as target:
        export_to_file(target.entries, again, ExportOptions())
    assert again.read_bytes() == first.read_bytes()


def test_tricky_text_survives_exactly(tmp_path):
    at = dt.datetime(
        2026, 11, 29, 18, 42, 7, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))
    )
    tricky = [
        "=SUM(A1:A9)",
        "'already quoted",
        "''two quotes",
        "-5 people, +3 hires",
        "@channel",
        "\tindented",
        "\rcarriage return first",
        "lone\rCR in the middle",
        "trailing CR\r",
        "windows\r\nline\r\nends",
        "\n\nleading newlines",
        'quotes "inside", and, commas',
        '"',
        "",
        " ",
        "\u05e9\u05dc\u05d5\u05dd \U0001f468\u200d\U0001f469\u200d\U0001f467",
        "Cafe\u0301 \u65e5\u672c\u8a9e \u0645\u0631\u062d\u0628\u0627",
        "\ufeffa byte-order mark first",
        "line\u2028separator and \x85 next line and \x0b\x0c",
    ]
    originals = [
        Entry.new(
            dt.date(2026, 11, 29),
            at=at,
            title=text,
            text=text[::-1],
            tags=("".join(ch for ch in text if ch not in ";\n\r\t") or "x", "-y"),
        )
        for text in tricky
    ]
    imported, _ = round_trip(originals, tmp_path)
    assert_same_entries(imported, originals)
