"""Export then import into an empty journal gives back the very same entries."""

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import EARLIEST_DATE, LATEST_DATE, Entry
from leaderjournal.domain.limits import (
    ADVICE_MAX,
    MAX_UTC_OFFSET,
    TAG_FORBIDDEN,
    TAG_MAX_LENGTH,
    TAGS_MAX,
    TEXT_MAX,
    TITLE_MAX,
)
from leaderjournal.exchange.csv_import import plan_import
from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.exchange.import_plan import apply_import
from leaderjournal.storage.journal import Journal
from tests.exchange.golden import add_golden
from tests.kinds import JournalKind

# Characters that CSV and spreadsheets treat specially, drawn often.
SPECIAL = [
    "\n",
    "\r\n",
    "\r",
    '"',
    '""',
    ",",
    ";",
    "'",
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\x00",
    "\ufeff",
    "\u2028",
    ";=1+1",
    "\t=1+1",
    "\n-",
    "\r\n'",
]
RISKY_START = ["", "=", "+", "-", "@", "'", "''", "\t", "\r", "\n", '"', " ", "\ufeff"]
LINE_BREAKS = "\r\n"

# Any character but lone surrogates (they cannot be written as UTF-8).
any_char = st.characters(blacklist_categories=("Cs",))
pieces = st.one_of(st.text(any_char, max_size=8), st.sampled_from(SPECIAL))


def joined(start: str, body: list[str]) -> str:
    return start + "".join(body)


def repeated(unit: str, size: int) -> str:
    """``unit`` over and over, cut to ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]


texts = st.builds(joined, st.sampled_from(RISKY_START), st.lists(pieces, max_size=6))
#: Texts up to the limit: one of a few long sizes, of a repeated tricky unit.
long_texts = st.builds(
    repeated,
    st.builds(
        joined, st.sampled_from(RISKY_START), st.lists(pieces, min_size=1)
    ).filter(bool),
    st.sampled_from([131_073, 150_000, TEXT_MAX - 1, TEXT_MAX]),
)
one_line = st.characters(blacklist_categories=("Cs",), blacklist_characters=LINE_BREAKS)
titles = st.one_of(
    texts.map(lambda t: t.replace("\r", " ").replace("\n", " ")),
    st.builds(repeated, st.text(one_line, min_size=1, max_size=7), st.just(TITLE_MAX)),
)
tag_char = st.characters(
    blacklist_categories=("Cs",), blacklist_characters="".join(TAG_FORBIDDEN)
)
tag_start = st.sampled_from(["", "=", "+", "-", "@", "'", "''", " "])
one_tag = st.one_of(
    st.builds(
        lambda start, rest: (start + rest)[:TAG_MAX_LENGTH],
        tag_start,
        st.text(tag_char, max_size=TAG_MAX_LENGTH),
    ),
    st.sampled_from(["=cmd", "-x", "@team", "+1", "'q", "1:1", ' "q" ', "\u2028"]),
)
#: The most tags, each of the most characters, every one starting riskily.
full_tags = st.builds(
    lambda start, fill: [
        repeated(f"{start}{n:02d}{fill}", TAG_MAX_LENGTH) for n in range(TAGS_MAX)
    ],
    st.sampled_from(["=", "+", "-", "@", "'", "a"]),
    st.text(tag_char, min_size=1, max_size=5).filter(lambda t: t.strip()),
)
tags = st.one_of(st.lists(one_tag, max_size=TAGS_MAX), full_tags)
offsets = st.one_of(
    st.sampled_from([-MAX_UTC_OFFSET, MAX_UTC_OFFSET, dt.timedelta(0)]),
    st.integers(-14 * 60, 14 * 60).map(lambda minutes: dt.timedelta(minutes=minutes)),
).map(dt.timezone)
stamps = st.builds(
    lambda moment, zone: moment.replace(microsecond=0, tzinfo=zone),
    st.one_of(
        st.sampled_from(
            [dt.datetime(1900, 1, 1), dt.datetime(2100, 12, 31, 23, 59, 59)]
        ),
        st.datetimes(
            min_value=dt.datetime(1900, 1, 1),
            max_value=dt.datetime(2100, 12, 31, 23, 59, 59),
        ),
    ),
    offsets,
)
ratings = st.fixed_dictionaries(
    {key: st.none() | st.integers(-2, 2) for key in DIMENSION_KEYS}
)
days = st.one_of(
    st.sampled_from([EARLIEST_DATE, LATEST_DATE]),
    st.dates(min_value=EARLIEST_DATE, max_value=LATEST_DATE),
)
advice = st.one_of(st.sampled_from([0, ADVICE_MAX]), st.integers(0, ADVICE_MAX))


def entries(text=texts):
    return st.builds(
        Entry,
        id=st.uuids().map(str),
        date=days,
        created_at=stamps,
        updated_at=stamps,
        title=titles,
        text=text,
        ratings=ratings,
        advice_requests=advice,
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


def round_trip(
    originals: list[Entry],
    folder: Path,
    excel: bool = False,
    kind: JournalKind | None = None,
):
    """Export ``originals`` from one journal and import them into an empty
    one, both of ``kind`` (plain when not given)."""
    path = folder / "export.csv"
    new = kind.new if kind is not None else Journal
    with new(folder / "source") as source:
        source.entries.save_many(originals)
        written = export_to_file(source.entries, path, ExportOptions(excel=excel))
    assert written == len(originals)
    with new(folder / "target") as target:
        plan = plan_import(path.read_bytes(), target.entries)
        assert plan.problems == []
        apply_import(plan, target.entries)
        assert plan.summary() == f"{len(originals)} added, 0 updated, 0 unchanged"
        return list(target.entries.iter_all()), path


@pytest.fixture(scope="module")
def plain(_empty_journals) -> JournalKind:
    """The plain kind, for the property tests: each of their new journals is
    a copy of an empty one (as ``journal_kind`` makes them), a third of the
    time of creating one."""
    return JournalKind("plain", _empty_journals["plain"])


@pytest.mark.slow
@settings(max_examples=100, deadline=None, database=None)
@given(
    originals=st.lists(entries(), min_size=1, max_size=5, unique_by=lambda e: e.id),
    excel=st.booleans(),
)
def test_any_entries_survive_export_and_import(plain, originals, excel):
    # Plain only, like the next one: a hundred examples, each with two new
    # journals; the encrypted kind makes the same CSV (the golden and
    # tricky-text tests below run on both kinds).
    with tempfile.TemporaryDirectory() as folder:
        imported, _ = round_trip(originals, Path(folder), excel, kind=plain)
    assert_same_entries(imported, originals)


@pytest.mark.slow
@settings(max_examples=8, deadline=None, database=None)
@given(original=entries(text=long_texts), excel=st.booleans())
def test_entries_of_the_longest_text_survive_export_and_import(plain, original, excel):
    # Cells over csv's default limit of 131,072 characters, up to the most
    # text an entry holds, with every other field at its limits too.
    with tempfile.TemporaryDirectory() as folder:
        imported, _ = round_trip([original], Path(folder), excel, kind=plain)
    assert_same_entries(imported, [original])


def test_the_golden_journal_survives_and_exports_the_same_bytes_again(
    journal_kind, tmp_path
):
    with journal_kind.new(tmp_path / "golden") as journal:
        originals = add_golden(journal)
    imported, first = round_trip(originals, tmp_path, kind=journal_kind)
    assert_same_entries(imported, originals)

    again = tmp_path / "again.csv"
    with journal_kind.open(tmp_path / "target") as target:
        export_to_file(target.entries, again, ExportOptions())
    assert again.read_bytes() == first.read_bytes()


def test_tricky_text_survives_exactly(journal_kind, tmp_path):
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
        "NUL\x00inside",
        "total;=1+1\tthen\t@x\n-item\r\n'quoted line",
        "\ufeff\ufeffmarks",
    ]
    originals = [
        Entry.new(
            dt.date(2026, 11, 29),
            at=at,
            title=text.replace("\r", " ").replace("\n", " "),  # one line
            text=text + "\n" + text[::-1],
            tags=(
                "".join(ch for ch in text if ch not in TAG_FORBIDDEN)[:60] or "x",
                "-y",
            ),
        )
        for text in tricky
    ]
    imported, _ = round_trip(originals, tmp_path, kind=journal_kind)
    assert_same_entries(imported, originals)
