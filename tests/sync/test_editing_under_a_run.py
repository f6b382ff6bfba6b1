"""A page open while a sync run changes its entry: the run takes in another
computer's text, and the page (edited from the text it loaded) is saved
afterwards. That save must not count as an edit of the text the person
never saw: the other computer's text stays, as a conflict version."""

from __future__ import annotations

from dataclasses import replace

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal
from leaderjournal.sync import engine
from leaderjournal.sync.engine import Sync
from tests.sync.test_engine import DAY, LATER, csv_of, folder, home, office

__all__ = ["folder", "home", "office"]  # fixtures


def sync(journal: Journal) -> None:
    Sync(journal.connection).run()


def texts(journal: Journal, entry_id: str) -> tuple[str, list[str]]:
    stored = journal.entries.get(entry_id)
    assert stored is not None
    return stored.text, [v.text for v in Sync(journal.connection).conflicts(entry_id)]


@pytest.fixture
def shared(office: Journal, home: Journal, folder) -> Entry:
    """One entry on both computers, as each last saw it."""
    first = office.entries.save(Entry.new(DAY, title="1:1", text="We talked."))
    engine.turn_on(office.connection, folder)
    engine.turn_on(home.connection, folder)
    sync(office)
    sync(home)
    assert home.entries.get(first.id) == first
    return first


def later(entry: Entry, **fields) -> Entry:
    return replace(entry, updated_at=entry.updated_at + LATER, **fields)


def test_a_page_saved_after_a_run_took_in_another_text_keeps_that_text(
    office: Journal, home: Journal, shared: Entry
):
    # Home's page: saved before its run (as the window does), then published.
    page = home.entries.save(later(shared, text="We talked. Sam"))
    sync(home)
    # The office edits the text it has, then its run publishes it: later.
    office.entries.save(later(shared, text="We talked about the offsite."))
    sync(office)
    # Home's next run takes the office's (newer) text in under the open page,
    # where the person typed on meanwhile.
    sync(home)
    assert texts(home, shared.id)[0] == "We talked about the offsite."
    typed = later(page, text="We talked. Sam wants to lead the offsite.")
    home.entries.save(typed, edited_from=page.text)

    sync(home)
    sync(office)

    for journal in (home, office):
        text, conflicts = texts(journal, shared.id)
        assert text == "We talked. Sam wants to lead the offsite."
        assert conflicts == ["We talked about the offsite."]
    assert csv_of(home) == csv_of(office)


def test_a_page_saved_from_the_text_stored_is_an_edit_of_it(
    office: Journal, home: Journal, shared: Entry
):
    """The usual save: the page was loaded from the text stored, so the save
    supersedes it and no conflict is shown."""
    office.entries.save(later(shared, text="We talked about the offsite."))
    sync(office)
    sync(home)
    loaded = home.entries.get(shared.id)
    assert loaded is not None
    home.entries.save(
        later(loaded, text="Offsite: Sam leads."), edited_from=loaded.text
    )

    sync(home)
    sync(office)

    for journal in (home, office):
        assert texts(journal, shared.id) == ("Offsite: Sam leads.", [])


def test_a_page_edited_from_a_text_no_longer_known_keeps_every_text(
    office: Journal, home: Journal, shared: Entry
):
    """When the text the page was loaded from is not among the entry's
    versions any more, the save supersedes none of them: every text stays."""
    office.entries.save(later(shared, text="Office text."))
    sync(office)
    sync(home)
    home.entries.save(
        later(shared, text="Typed on an old page."), edited_from="A text never stored."
    )

    sync(home)
    sync(office)

    for journal in (home, office):
        text, conflicts = texts(journal, shared.id)
        assert text == "Typed on an old page."
        assert conflicts == ["Office text."]
