"""Search a journal from a fresh process and print the first page, as jrnl does.

``python child_search.py DATA_DIR TEXT``: opens the journal (with its
integrity check), runs the history's search for TEXT, newest first, and
prints the date and headline of each entry of the first page and the count:
the same work as ``jrnl -n 100 -contains TEXT``, from process start.
"""

from __future__ import annotations

import sys
from pathlib import Path

from leaderjournal.domain.filters import HistoryFilter
from leaderjournal.storage.journal import Journal

FIRST_PAGE = 100


def main() -> int:
    folder, text = Path(sys.argv[1]), sys.argv[2]
    wanted = HistoryFilter(text=text)
    with Journal(folder) as journal:
        rows = journal.history.page(wanted, 0, FIRST_PAGE)
        total = journal.history.count(wanted)
    lines = [f"{row.date} {row.title or row.first_line}" for row in rows]
    print("\n".join(reversed(lines)))
    print(f"{total} entries found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
