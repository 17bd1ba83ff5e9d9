"""The class's numbers: totals, per-part means, diagnoses per part, layout-convention students."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from autograder.report.load import ClassResults
from autograder.spec import DIAGNOSES

LAYOUT_THRESHOLD = 2
"""A student is listed when `layout` is the diagnosis of at least this many parts."""
WORST_PARTS = 3


@dataclass(frozen=True)
class PartStats:
    """One part across the class."""

    part: str
    students: int
    max: float
    mean: float
    counts: Mapping[str, int]
    """Diagnosis -> number of students, in the fixed order of DIAGNOSES, zeros left out."""

    @property
    def fraction(self) -> float:
        """The mean score as a fraction of the part's points."""
        return self.mean / self.max if self.max else 0.0


@dataclass(frozen=True)
class ClassStats:
    """The numbers the page, the CSV summary and the terminal show."""

    assignment: str
    totals: Mapping[str, float]
    maxima: Mapping[str, float]
    parts: tuple[PartStats, ...]
    layout_students: tuple[tuple[str, tuple[str, ...]], ...]
    """(student, parts diagnosed `layout`) for students with LAYOUT_THRESHOLD or more."""

    @property
    def max_total(self) -> float:
        """The largest total any student could reach (students normally share it)."""
        return max(self.maxima.values(), default=0.0)

    @property
    def mean_total(self) -> float:
        return statistics.fmean(self.totals.values()) if self.totals else 0.0

    @property
    def median_total(self) -> float:
        return statistics.median(self.totals.values()) if self.totals else 0.0

    @property
    def worst_parts(self) -> tuple[PartStats, ...]:
        """The parts with the lowest mean fraction of their points, worst first."""
        ranked = sorted(self.parts, key=lambda p: (p.fraction, p.part))
        return tuple(p for p in ranked[:WORST_PARTS] if p.fraction < 1.0)

    def counts_total(self) -> dict[str, int]:
        """Diagnosis -> number of (student, part) rows, over the whole class."""
        total: Counter[str] = Counter()
        for part in self.parts:
            total.update(part.counts)
        return {d: total[d] for d in DIAGNOSES if total[d]}


def summarise(results: ClassResults) -> ClassStats:
    """The class's numbers from its rows."""
    totals = {s: 0.0 for s in results.students}
    maxima = {s: 0.0 for s in results.students}
    layout: dict[str, list[str]] = {s: [] for s in results.students}
    for row in results.rows:
        totals[row.student] += row.score
        maxima[row.student] += row.max
        if row.diagnosis == "layout":
            layout[row.student].append(row.part)
    parts = []
    for part, rows in results.by_part().items():
        counts = Counter(r.diagnosis for r in rows)
        parts.append(
            PartStats(
                part=part,
                students=len(rows),
                max=max(r.max for r in rows),
                mean=statistics.fmean(r.score for r in rows),
                counts=MappingProxyType({d: counts[d] for d in DIAGNOSES if counts[d]}),
            )
        )
    flagged = tuple((s, tuple(p)) for s, p in layout.items() if len(p) >= LAYOUT_THRESHOLD)
    return ClassStats(
        assignment=results.assignment,
        totals=MappingProxyType(totals),
        maxima=MappingProxyType(maxima),
        parts=tuple(parts),
        layout_students=flagged,
    )


def points(value: float) -> str:
    """A score as people write it: 2, 1.5, 0.33."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def summary_lines(stats: ClassStats) -> list[str]:
    """The short summary the terminal prints and the page repeats."""
    n, k = len(stats.totals), len(stats.parts)
    lines = [
        f"{stats.assignment}: {n} student{'s' if n != 1 else ''}, {k} part{'s' if k != 1 else ''}",
        f"mean total {stats.mean_total:.2f} / {points(stats.max_total)} "
        f"(median {points(stats.median_total)})",
    ]
    worst = ", ".join(f"{p.part} (mean {p.mean:.2f} / {points(p.max)})" for p in stats.worst_parts)
    lines.append(f"worst parts: {worst or 'none, every part has full marks'}")
    flagged = stats.layout_students
    who = f"{len(flagged)}: {', '.join(s for s, _ in flagged)}" if flagged else "nobody"
    lines.append(f"students with the other layout convention in {LAYOUT_THRESHOLD}+ parts: {who}")
    return lines
