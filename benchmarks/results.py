"""The benchmark's results: rows with their targets, the table, the JSON.

Every figure is either a ratio to a floor measured in the same run or a
median of several runs against a fixed budget, because these machines are
shared and noisy: an absolute time means little without its floor.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Row:
    """One line of the table: what was measured, against what, and whether
    it met its target (None when it was not measured)."""

    group: str
    name: str
    value: str
    target: str
    met: bool | None
    detail: str = ""
    figures: dict[str, float] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        if self.met is None:
            return "not measured" if self.value.startswith("not measured") else "info"
        return "met" if self.met else "MISSED"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def median(values: list[float]) -> float:
    return statistics.median(values)


def budget_row(
    group: str, name: str, samples: list[float], budget_s: float, detail: str = ""
) -> Row:
    """A row for a median of ``samples`` (seconds) against a fixed budget."""
    mid = median(samples)
    return Row(
        group,
        name,
        f"{ms(mid)} median, {ms(max(samples))} worst of {len(samples)}",
        f"\u2264 {ms(budget_s)}",
        mid <= budget_s,
        detail,
        {"median_s": mid, "worst_s": max(samples), "runs": len(samples)},
    )


def ratio_row(
    group: str,
    name: str,
    app: list[float],
    floor: list[float],
    *,
    limit: float,
    unit: str = "s",
) -> Row:
    """A row for the app's median against the floor's median, as a ratio."""
    app_mid, floor_mid = median(app), median(floor)
    ratio = app_mid / floor_mid
    show = ms if unit == "s" else (lambda v: f"{v:.0f} {unit}")
    return Row(
        group,
        name,
        f"{ratio:.2f} \u00d7 floor ({show(app_mid)} vs {show(floor_mid)})",
        f"\u2264 {limit:g} \u00d7 floor",
        ratio <= limit,
        f"medians of {len(app)} runs",
        {"app": app_mid, "floor": floor_mid, "ratio": ratio, "runs": len(app)},
    )


def not_measured(group: str, name: str, why: str) -> Row:
    return Row(group, name, f"not measured: {why}", "", None)


def machine() -> dict[str, str]:
    """The machine the figures were taken on, as the README states it."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    try:
        from PySide6 import __version__ as pyside
        from PySide6.QtCore import qVersion

        qt = f"Qt {qVersion()} (PySide6 {pyside})"
    except ImportError:
        qt = "Qt not installed"
    import sqlite3

    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "qt": qt,
        "sqlite": sqlite3.sqlite_version,
        "system": f"{platform.system()} {platform.release()}",
    }


def table(rows: list[Row]) -> str:
    """The rows as one Markdown table (readable in a terminal too)."""
    head = ("group", "measure", "result", "target", "verdict")
    cells = [head] + [(r.group, r.name, r.value, r.target, r.verdict) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]

    def line(values: tuple[str, ...]) -> str:
        return (
            "| "
            + " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True))
            + " |"
        )

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(head), rule, *(line(c) for c in cells[1:])])


def summary(rows: list[Row]) -> str:
    judged = [r for r in rows if r.met is not None]
    missed = [r for r in judged if not r.met]
    text = f"{len(judged) - len(missed)} of {len(judged)} targets met"
    if missed:
        text += "; missed: " + ", ".join(f"{r.group} {r.name}" for r in missed)
    return text


def write_json(path: Path, rows: list[Row], info: dict[str, str], took: float) -> None:
    document = {
        "machine": info,
        "seconds": round(took, 1),
        "argv": sys.argv[1:],
        "summary": summary(rows),
        "rows": [{**asdict(r), "verdict": r.verdict} for r in rows],
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
