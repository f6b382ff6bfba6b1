"""A child that imports an entries CSV into an empty journal, or only loads
what an import loads (the floor), and prints its peak memory as JSON.

    python child_import.py floor
    python child_import.py import FILE DATA_DIR [stream]

The file is imported as the command line and the window import it, from
its path (a large one is read twice rather than held; ``stream`` reads
any file twice). Peak resident memory
is ``VmHWM`` (see peak.py) of this process alone, so each
measurement runs in a fresh child.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from peak import peak_kb

from leaderjournal.exchange.csv_stream import plan_import_file
from leaderjournal.exchange.importers import apply_import, plan
from leaderjournal.storage.journal import Journal


def main(argv: list[str]) -> None:
    figures: dict[str, float] = {}
    if argv[0] == "import":
        source, folder = Path(argv[1]), Path(argv[2])
        with Journal(folder) as journal:
            start = time.perf_counter()
            if argv[3:] == ["stream"]:  # read twice, whatever its size
                planned = plan_import_file(source, journal.entries, stream=True)
            else:
                planned = plan(source, journal.entries, "leaderjournal")
            apply_import(planned, journal.entries)
            figures["seconds"] = time.perf_counter() - start
            assert not planned.problems
            figures["rows"] = journal.entries.count()
    figures["peak_kb"] = peak_kb()
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
