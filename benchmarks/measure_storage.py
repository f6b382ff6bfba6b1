"""Search and the weekly review on the 100,000-entry journal, in process.

Both go through the calls the views make: the history's ``page`` and
``count`` for a search, and for a review the five weeks of entries, the
targets, and ``weekly_review``.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from results import Row, budget_row

from leaderjournal.domain.filters import HistoryFilter
from leaderjournal.domain.review import review_window, weekly_review
from leaderjournal.domain.scoring import iso_week_id
from leaderjournal.storage.history import HistoryRepository
from leaderjournal.storage.journal import Journal

SEARCH_RUNS = 9
REVIEW_WEEKS = 12
REVIEW_RUNS = 5
FIRST_PAGE = 100  # the history model's page size

SEARCH_BUDGET_S = 0.050
REVIEW_BUDGET_S = 0.020

#: What is searched for: a word in about 0.1% of entries, a word in nearly
#: all, and a phrase in about a quarter (see vocabulary.py).
SEARCHES = (
    ("rare word", "kintsugi"),
    ("common word", "team"),
    ("phrase", '"one to one"'),
)


def _search_once(history: HistoryRepository, text: str) -> tuple[float, int]:
    wanted = HistoryFilter(text=text)
    start = time.perf_counter()
    page = history.page(wanted, 0, FIRST_PAGE)
    total = history.count(wanted)
    took = time.perf_counter() - start
    assert len(page) == min(total, FIRST_PAGE)
    return took, total


def search(journal: Journal) -> list[Row]:
    rows = []
    for label, text in SEARCHES:
        _search_once(journal.history, text)  # the file cache, as after a start
        times, total = [], 0
        for _ in range(SEARCH_RUNS):
            took, total = _search_once(journal.history, text)
            times.append(took)
        rows.append(
            budget_row(
                "search",
                f"{label} {text}: first page + count, 100,000",
                times,
                SEARCH_BUDGET_S,
                f"{total:,} entries match",
            )
        )
    return rows


def _weeks(journal: Journal) -> list[str]:
    """Weeks spread evenly over the journal, the first and the last included."""
    first = journal.entries.first_date()
    last_row = journal.connection.execute("SELECT max(date) FROM entries").fetchone()
    assert first is not None
    assert last_row[0]
    last = dt.date.fromisoformat(last_row[0])
    step = (last - first) / (REVIEW_WEEKS - 1)
    return [iso_week_id(first + step * i) for i in range(REVIEW_WEEKS)]


def review(journal: Journal) -> Row:
    times = []
    sizes = []
    for week in _weeks(journal):
        for _ in range(REVIEW_RUNS):
            start = time.perf_counter()
            entries = journal.entries.between(*review_window(week))
            figures = weekly_review(week, entries, journal.reviews.targets())
            times.append(time.perf_counter() - start)
        sizes.append(len(entries))
        assert figures.week == week
    return budget_row(
        "review",
        f"any week's review, 100,000 ({REVIEW_WEEKS} weeks)",
        times,
        REVIEW_BUDGET_S,
        f"{min(sizes)}-{max(sizes)} entries in the five weeks read",
    )


def measure(stress: Path) -> list[Row]:
    with Journal(stress) as journal:
        return [*search(journal), review(journal)]
