"""Weekly reviews (:class:`~leaderjournal.domain.review.WeekNotes`) and target
leans, as stored in the journal."""

from __future__ import annotations

import datetime as dt

from leaderjournal.domain.dimensions import DIMENSION_KEYS, OVERALL
from leaderjournal.domain.entry import now
from leaderjournal.domain.review import WeekNotes
from leaderjournal.storage import sync_outbox
from leaderjournal.storage.database import Database, writing
from leaderjournal.storage.sync_outbox import week_fields


class ReviewRepository:
    """Reads and writes weekly reviews and targets; every write one transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def notes(self, week: str) -> WeekNotes:
        """The review of ``week`` (an empty one if nothing was written)."""
        row = self._db.execute(
            "SELECT reflection, intention, kept, updated_at FROM weekly_reviews "
            "WHERE week = ?",
            (week,),
        ).fetchone()
        if row is None:
            return WeekNotes(week)
        reflection, intention, kept, updated = row
        return WeekNotes(
            week,
            reflection,
            intention,
            None if kept is None else bool(kept),
            dt.datetime.fromisoformat(updated),
        )

    def all_notes(
        self, first: str | None = None, last: str | None = None
    ) -> list[WeekNotes]:
        """Every week's review that has something written, oldest first;
        ``first``/``last`` (ISO week ids) bound the weeks when given."""
        where, params = [], []
        if first is not None:
            where.append("week >= ?")
            params.append(first)
        if last is not None:
            where.append("week <= ?")
            params.append(last)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self._db.execute(
            "SELECT week, reflection, intention, kept, updated_at "
            f"FROM weekly_reviews {clause} ORDER BY week",
            params,
        )
        found = (
            WeekNotes(
                week,
                reflection,
                intention,
                None if kept is None else bool(kept),
                dt.datetime.fromisoformat(updated),
            )
            for week, reflection, intention, kept, updated in rows
        )
        return [notes for notes in found if not notes.is_blank()]

    def save_notes(self, notes: WeekNotes) -> WeekNotes:
        """Store a week's review; returns it with its new ``updated_at``."""
        stamp = now()
        kept = None if notes.kept is None else int(notes.kept)
        with writing(self._db) as db:
            if sync_outbox.recording(db):
                before = self.notes(notes.week)
                sync_outbox.record(
                    db,
                    sync_outbox.WEEK,
                    notes.week,
                    None if before.updated_at is None else week_fields(before),
                    week_fields(notes),
                )
            db.execute(
                "INSERT INTO weekly_reviews "
                "(week, reflection, intention, kept, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (week) DO UPDATE SET "
                "reflection = excluded.reflection, intention = excluded.intention, "
                "kept = excluded.kept, updated_at = excluded.updated_at",
                (
                    notes.week,
                    notes.reflection,
                    notes.intention,
                    kept,
                    stamp.isoformat(),
                ),
            )
        return WeekNotes(
            notes.week, notes.reflection, notes.intention, notes.kept, stamp
        )

    def targets(self) -> dict[str, float]:
        """Target leans by key (OVERALL or a dimension key); absent = no target."""
        rows = self._db.execute("SELECT key, lean FROM targets")
        return dict(rows)

    def set_targets(self, targets: dict[str, float | None]) -> None:
        """Set or clear (None) targets, all in one transaction."""
        allowed = {OVERALL, *DIMENSION_KEYS}
        unknown = set(targets) - allowed
        if unknown:
            raise ValueError(f"Unknown target: {', '.join(sorted(unknown))}")
        with writing(self._db):
            if sync_outbox.recording(self._db):
                before: dict[str, float | None] = dict.fromkeys(allowed)
                before.update(self.targets())
                after = before | targets
                sync_outbox.record(
                    self._db, sync_outbox.TARGETS, sync_outbox.TARGETS_ID, before, after
                )
            for key, lean in targets.items():
                if lean is None:
                    self._db.execute("DELETE FROM targets WHERE key = ?", (key,))
                else:
                    self._db.execute(
                        "INSERT INTO targets (key, lean) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET lean = excluded.lean",
                        (key, float(lean)),
                    )
