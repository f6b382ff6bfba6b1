"""The edges: a megabyte of text, the first and last dates, a clock that
jumped backwards. Stored and read back exactly, or refused with a message."""

import datetime as dt

import pytest

from leaderjournal.domain.entry import Entry, InvalidEntryError
from leaderjournal.exchange.csv_import import plan_import
from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.exchange.import_plan import apply_import

UTC = dt.UTC
WRITTEN = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

#: Emoji (outside the BMP, a ZWJ sequence), Arabic and Hebrew (right to
#: left), with left-to-right words and digits between them.
MIXED = (
    "Team \U0001f680 launch \u2014 \u0645\u0631\u062d\u0628\u0627 "
    "\u0628\u0627\u0644\u0641\u0631\u064a\u0642 42 \u05e9\u05dc\u05d5\u05dd "
    "\u05e2\u05d5\u05dc\u05dd \U0001f468\u200d\U0001f469\u200d\U0001f467 ok\n"
)


def megabyte_of_text() -> str:
    ending = " zyzzyvafinale"
    body = MIXED * (1_000_000 // len(MIXED) + 1)
    text = body[: 1_000_000 - len(ending)] + ending
    assert len(text) == 1_000_000
    return text


# -- a very long entry -----------------------------------------------------------------


def test_a_megabyte_of_text_round_trips(journal_kind, journal, data_dir):
    text = megabyte_of_text()
    entry = Entry.new(dt.date(2026, 3, 2), at=WRITTEN, title=MIXED.strip(), text=text)

    journal.entries.save(entry)

    assert journal.entries.get(entry.id).text == text
    journal.close()
    with journal_kind.open(data_dir) as again:
        stored = again.entries.get(entry.id)
    assert stored == entry
    assert stored.text == text
    assert stored.text.encode("utf-8") == text.encode("utf-8")


def test_search_finds_a_word_at_the_end_of_a_megabyte(journal):
    entry = Entry.new(dt.date(2026, 3, 2), at=WRITTEN, text=megabyte_of_text())
    journal.entries.save(entry)
    journal.entries.save(Entry.new(dt.date(2026, 3, 3), at=WRITTEN, text="short"))

    assert [e.id for e in journal.entries.search("zyzzyvafinale")] == [entry.id]
    assert [e.id for e in journal.entries.search("zyzzyva")] == [entry.id]
    # and right-to-left words in it
    assert entry.id in [
        e.id for e in journal.entries.search("\u05e9\u05dc\u05d5\u05dd")
    ]


def test_a_megabyte_entry_survives_a_backup_and_restore(journal, tmp_path):
    entry = Entry.new(dt.date(2026, 3, 2), at=WRITTEN, text=megabyte_of_text())
    journal.entries.save(entry)
    backup = journal.backup_now(tmp_path / "big.db").path
    journal.entries.delete(entry.id)
    journal.restore(backup)
    assert journal.entries.get(entry.id) == entry


# -- the dates a journal holds ---------------------------------------------------------


@pytest.mark.parametrize("day", [dt.date(1900, 1, 1), dt.date(2100, 12, 31)])
def test_the_first_and_last_dates_are_stored(journal_kind, journal, data_dir, day):
    entry = Entry.new(day, at=WRITTEN, text=f"on {day}")
    journal.entries.save(entry)
    assert journal.entries.on_day(day) == [entry]
    journal.close()
    with journal_kind.open(data_dir) as again:
        assert again.entries.get(entry.id).date == day
        assert again.entries.between(day, day) == [entry]
        assert again.entries.days_with_entries(
            dt.date(1900, 1, 1), dt.date(2100, 12, 31)
        ) == {day}


def test_entries_across_two_centuries_come_back_in_date_order(journal):
    days = [dt.date(2100, 12, 31), dt.date(1900, 1, 1), dt.date(2000, 2, 29)]
    for day in days:
        journal.entries.save(Entry.new(day, at=WRITTEN))
    assert [e.date for e in journal.entries.iter_all()] == sorted(days)


@pytest.mark.parametrize("day", [dt.date(1899, 12, 31), dt.date(2101, 1, 1)])
def test_dates_outside_the_journal_are_refused_with_a_message(day):
    with pytest.raises(InvalidEntryError) as caught:
        Entry.new(day, at=WRITTEN)
    message = str(caught.value)
    assert day.isoformat() in message
    assert "1900" in message
    assert "2100" in message


def test_a_date_outside_the_journal_cannot_be_edited_in(journal):
    entry = Entry.new(dt.date(2026, 3, 2), at=WRITTEN)
    journal.entries.save(entry)
    with pytest.raises(InvalidEntryError, match="1900-2100"):
        entry.edited(date=dt.date(2101, 1, 1))
    assert journal.entries.get(entry.id) == entry


# -- a clock that jumped backwards -----------------------------------------------------


def test_an_edit_after_the_clock_jumped_back_keeps_updated_at(journal):
    written = dt.datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
    entry = Entry.new(dt.date(2026, 3, 2), at=written, text="first words")
    journal.entries.save(entry)

    clock_went_back = dt.datetime(2026, 3, 1, 7, 0, tzinfo=UTC)  # the day before
    edited = entry.edited(at=clock_went_back, text="edited words")

    assert edited.updated_at == written  # not moved back with the clock
    assert edited.created_at == written
    journal.entries.save(edited)
    assert journal.entries.get(entry.id).updated_at == written
    assert journal.entries.get(entry.id).text == "edited words"


def test_an_edit_with_a_sane_clock_moves_updated_at_forward():
    written = dt.datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
    entry = Entry.new(dt.date(2026, 3, 2), at=written)
    later = written + dt.timedelta(minutes=5)
    assert entry.edited(at=later, text="x").updated_at == later


def test_newer_wins_import_keeps_an_edit_made_after_the_clock_jumped_back(
    journal, tmp_path
):
    # The entry was exported (to another machine, say) at 18:00; then the
    # clock jumped back a day and the entry was edited here. Importing the
    # older export must not overwrite the edit.
    written = dt.datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
    entry = Entry.new(dt.date(2026, 3, 2), at=written, text="before the edit")
    journal.entries.save(entry)
    exported = tmp_path / "entries.csv"
    export_to_file(journal.entries, exported, ExportOptions(kind="entries"))

    clock_went_back = dt.datetime(2026, 3, 1, 7, 0, tzinfo=UTC)
    journal.entries.save(entry.edited(at=clock_went_back, text="the edit"))

    plan = plan_import(exported.read_bytes(), journal.entries)
    assert plan.updated == []
    # the row differs from the journal, so it is named, and the edit is kept
    assert [kept.entry_id for kept in plan.kept] == [entry.id]
    apply_import(plan, journal.entries)
    assert journal.entries.get(entry.id).text == "the edit"
