"""A benchmark journal written as a RedNotebook data folder.

RedNotebook keeps one YAML file per month, ``YYYY-MM.txt``, mapping a day
number to that day's content: its ``text`` and its tags, each a category
without entries (``coaching: null``), the shape RedNotebook 2 writes and
``leaderjournal.exchange.rednotebook`` reads. A RedNotebook day has one text
and no time, so the entries of a day become one text, oldest first, each
with its title as a txt2tags heading; ratings and advice requests have no
place there and are left out.

``python rednotebook_data.py DATA_DIR TARGET`` writes the folder by hand.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from leaderjournal.storage.journal import Journal


def _day_text(entries: list[tuple[str, str]]) -> str:
    parts = []
    for title, text in entries:
        heading = f"=== {' '.join(title.split())} ===\n" if title.strip() else ""
        parts.append(heading + text.strip())
    return "\n\n".join(parts)


def write_rednotebook_folder(source: Path, target: Path) -> tuple[int, int]:
    """Write the journal of data folder ``source`` as RedNotebook month files
    in ``target``; returns (days, entries)."""
    months: dict[tuple[int, ...], dict[int, dict[str, Any]]] = defaultdict(dict)
    texts: dict[tuple[int, int, int], list[tuple[str, str]]] = defaultdict(list)
    tags: dict[tuple[int, int, int], dict[str, None]] = defaultdict(dict)
    count = 0
    with Journal(source) as journal:
        for entry in journal.entries.iter_all():
            day = (entry.date.year, entry.date.month, entry.date.day)
            texts[day].append((entry.title, entry.text))
            for tag in entry.tags:
                tags[day][tag] = None
            count += 1
    for key, entries in texts.items():
        content: dict[str, Any] = dict(tags[key])
        content["text"] = _day_text(entries)
        months[key[:2]][key[2]] = content
    target.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for (year, month), days in months.items():
        (target / f"{year:04d}-{month:02d}.txt").write_text(
            yaml.dump(days, Dumper=dumper, allow_unicode=True, sort_keys=True),
            encoding="utf-8",
        )
    return len(texts), count


if __name__ == "__main__":
    days, entries = write_rednotebook_folder(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{entries} entries on {days} days written to {sys.argv[2]}")
