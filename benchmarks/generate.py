"""Generate realistic journals to benchmark against, deterministically.

Two journals, each the same on every machine for a given seed and version:

- ``ten-year``: ten years of one to three entries on most days, with days
  and holidays missed, text of realistic length, tags, advice requests, and
  ratings whose trends drift over the years;
- ``stress-100k``: 100,000 entries over the same ten years (a heavy writer,
  about 27 a day), to show what stays fast however large a journal grows.

Entries are written through the app's own storage code (``Journal`` and
``EntryRepository.save_many``), so the files are exactly what the app
writes. A journal whose marker matches its spec is reused, not rebuilt.

Run directly to (re)generate: ``python benchmarks/generate.py [--force]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import random
import shutil
import sys
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import vocabulary as vocab

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal

#: Bump when the generated content changes, so old data is rebuilt.
GENERATOR_VERSION = 1
DATA_DIR = Path(__file__).resolve().parent / "data"
MARKER = "generated.json"
END_DATE = dt.date(2026, 11, 28)
YEARS = 10


@dataclass(frozen=True)
class JournalSpec:
    """What to generate: a name, a seed, and how many entries."""

    name: str
    seed: int
    total: int | None = None  # None: one to three entries on most days

    def folder(self, root: Path = DATA_DIR) -> Path:
        return root / self.name


TEN_YEAR = JournalSpec("ten-year", seed=20161129)
STRESS = JournalSpec("stress-100k", seed=100_000, total=100_000)


# -- the shape of a journal ------------------------------------------------------


def journaled_days(rng: random.Random) -> list[dt.date]:
    """The days written on: most days, minus missed ones and holidays."""
    start = END_DATE.replace(year=END_DATE.year - YEARS) + dt.timedelta(days=1)
    holidays: set[dt.date] = set()
    for year in range(start.year, END_DATE.year + 1):
        for _ in range(2):  # two holidays a year, one to three weeks long
            first = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(350))
            holidays.update(
                first + dt.timedelta(days=i) for i in range(7 * rng.randint(1, 3))
            )
    days = []
    day = start
    while day <= END_DATE:
        weekend = day.weekday() >= 5
        if day not in holidays and rng.random() > (0.6 if weekend else 0.1):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def entries_per_day(spec: JournalSpec, rng: random.Random, days: int) -> list[int]:
    """How many entries each journaled day gets (summing to ``spec.total``)."""
    if spec.total is None:
        return rng.choices((1, 2, 3), weights=(55, 30, 15), k=days)
    mean = spec.total / days
    counts = [max(1, round(rng.gauss(mean, mean / 3))) for _ in range(days)]
    while (excess := sum(counts) - spec.total) != 0:
        index = rng.randrange(days)
        if excess > 0 and counts[index] > 1:
            counts[index] -= 1
        elif excess < 0:
            counts[index] += 1
    return counts


class Trends:
    """Slowly drifting mean ratings per dimension, and the advice rate."""

    def __init__(self, rng: random.Random, days: int) -> None:
        self.days = days
        self.waves = {
            key: (rng.uniform(0.3, 0.9), rng.uniform(200, 900), rng.uniform(0, 6.3))
            for key in DIMENSION_KEYS
        }
        self.drift = dict.fromkeys(DIMENSION_KEYS, 0.0)
        self.rng = rng

    def step(self) -> None:
        for key in DIMENSION_KEYS:
            walked = self.drift[key] + self.rng.gauss(0, 0.03)
            self.drift[key] = max(-0.8, min(0.8, walked))

    def mean(self, key: str, index: int) -> float:
        amplitude, period, phase = self.waves[key]
        growth = -0.6 + 1.2 * index / self.days  # from managing toward leading
        wave = amplitude * math.sin(2 * math.pi * index / period + phase)
        return growth + wave + self.drift[key]

    def advice_rate(self, index: int) -> float:
        return 0.3 + 1.7 * index / self.days


# -- one entry ---------------------------------------------------------------------

_WORD_WEIGHTS = list(
    itertools.accumulate(1 / (rank + 1) ** 1.05 for rank in range(len(vocab.WORDS)))
)
_TAG_WEIGHTS = list(
    itertools.accumulate(1 / (rank + 1) for rank in range(len(vocab.TAGS)))
)


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        name=rng.choice(vocab.NAMES),
        topic=rng.choice(vocab.TOPICS),
        team=rng.choice(vocab.TEAMS),
    )


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.45:
        return _fill(rng.choice(vocab.SENTENCES), rng)
    words = rng.choices(vocab.WORDS, cum_weights=_WORD_WEIGHTS, k=rng.randint(5, 18))
    if rng.random() < 0.002:
        words.insert(rng.randrange(len(words)), rng.choice(vocab.RARE_WORDS))
    return " ".join(words).capitalize() + rng.choice(".......?!")


def entry_text(rng: random.Random) -> str:
    """A few lines to a few pages: mostly short, now and then very long."""
    words = int(min(3000, max(4, rng.lognormvariate(4.6, 0.75))))
    paragraphs: list[str] = []
    written = 0
    bullets = rng.random() < 0.04  # a list of "- " lines: starts with "-"
    while written < words:
        size = rng.randint(2, 5)
        sentences = [_sentence(rng) for _ in range(size)]
        written += sum(s.count(" ") + 1 for s in sentences)
        if bullets:
            paragraphs.append("\n".join(f"- {s}" for s in sentences))
        else:
            paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def _ratings(trends: Trends, index: int, rng: random.Random) -> dict[str, int | None]:
    if rng.random() < 0.1:
        return {}
    ratings: dict[str, int | None] = {}
    for key in DIMENSION_KEYS:
        if rng.random() < 0.55:
            value = round(rng.gauss(trends.mean(key, index), 0.9))
            ratings[key] = max(-2, min(2, value))
    return ratings


def _poisson(rate: float, rng: random.Random) -> int:
    limit, count, product = math.exp(-rate), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _stamp(day: dt.date, minutes: int) -> dt.datetime:
    summer = 4 <= day.month <= 10  # close enough to Central European DST
    zone = dt.timezone(dt.timedelta(hours=2 if summer else 1))
    return dt.datetime(day.year, day.month, day.day, tzinfo=zone) + dt.timedelta(
        minutes=minutes
    )


def day_entries(
    day: dt.date, count: int, index: int, trends: Trends, rng: random.Random
) -> Iterator[Entry]:
    """The entries written on one day, in the order they were written."""
    for minutes in sorted(rng.randrange(7 * 60, 23 * 60 + 50) for _ in range(count)):
        created = _stamp(day, minutes)
        later = rng.choice((0, 0, 2, 15, 90, 60 * 24 * rng.randint(1, 30)))
        tags = rng.choices(vocab.TAGS, cum_weights=_TAG_WEIGHTS, k=rng.randint(0, 3))
        title = _fill(rng.choice(vocab.TITLES), rng) if rng.random() < 0.6 else ""
        yield Entry(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            date=day,
            created_at=created,
            updated_at=created + dt.timedelta(minutes=later),
            title=title,
            text=entry_text(rng),
            ratings=_ratings(trends, index, rng),
            advice_requests=_poisson(trends.advice_rate(index), rng),
            tags=tuple(tags),
        )


def entries(spec: JournalSpec) -> Iterator[Entry]:
    """Every entry of the journal ``spec`` describes, oldest first."""
    rng = random.Random(spec.seed)
    days = journaled_days(rng)
    counts = entries_per_day(spec, rng, len(days))
    trends = Trends(rng, len(days))
    for index, (day, count) in enumerate(zip(days, counts, strict=True)):
        trends.step()
        yield from day_entries(day, count, index, trends, rng)


# -- writing and reusing ---------------------------------------------------------


def _marker(spec: JournalSpec) -> dict[str, object]:
    return {"version": GENERATOR_VERSION, **asdict(spec)}


def is_current(spec: JournalSpec, root: Path = DATA_DIR) -> bool:
    marker = spec.folder(root) / MARKER
    try:
        return json.loads(marker.read_text())["spec"] == _marker(spec)
    except (OSError, ValueError, KeyError):
        return False


def generate(spec: JournalSpec, root: Path = DATA_DIR, force: bool = False) -> Path:
    """The data folder of the journal ``spec``, generated if not current."""
    folder = spec.folder(root)
    if not force and is_current(spec, root):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    written = 0
    with Journal(folder) as journal:
        batch: list[Entry] = []
        for entry in entries(spec):
            batch.append(entry)
            if len(batch) == 10_000:
                journal.entries.save_many(batch)
                written, batch = written + len(batch), []
        journal.entries.save_many(batch)
        written += len(batch)
    marker = {"spec": _marker(spec), "entries": written}
    (folder / MARKER).write_text(json.dumps(marker, indent=2))
    return folder


def entry_count(spec: JournalSpec, root: Path = DATA_DIR) -> int:
    return json.loads((spec.folder(root) / MARKER).read_text())["entries"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild even if current")
    args = parser.parse_args(argv)
    for spec in (TEN_YEAR, STRESS):
        folder = generate(spec, force=args.force)
        print(f"{spec.name}: {entry_count(spec):,} entries in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
