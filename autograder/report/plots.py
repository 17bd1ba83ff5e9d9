"""The report's plots as PNG bytes, drawn with matplotlib's headless Agg backend.

Every diagnosis has one colour, the same in every plot and in the page's tables.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402 - the backend is chosen before pyplot loads
from matplotlib.figure import Figure  # noqa: E402

from autograder.report.stats import ClassStats, PartStats, points  # noqa: E402
from autograder.spec import DIAGNOSES  # noqa: E402

_COLOURS = {
    "correct": "#2e7d32",
    "layout": "#7b1fa2",
    "shape": "#ef6c00",
    "sign": "#c62828",
    "scale": "#f9a825",
    "symmetric": "#00838f",
    "missing_term": "#1565c0",
    "extra_term": "#64b5f6",
    "mistake": "#ad1457",
    "wrong": "#6d4c41",
    "parse": "#9e9e9e",
    "missing": "#424242",
    "error": "#000000",
    "unchecked": "#90a4ae",
}
DIAGNOSIS_COLOURS: Mapping[str, str] = {d: _COLOURS.get(d, "#bdbdbd") for d in DIAGNOSES}
"""One colour per diagnosis code; a code added later gets light grey until it has its own."""
DPI = 100
MAX_BINS = 40


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def totals_histogram(totals: Sequence[float], max_total: float) -> bytes:
    """How many students reached each total score."""
    fig, ax = plt.subplots(figsize=(7, 3.6))
    upper = max(max_total, max(totals, default=0.0), 1.0)
    step = 1.0 if all(float(t).is_integer() for t in totals) else 0.5
    if upper / step > MAX_BINS:
        step = upper / MAX_BINS
    # One bar per reachable score, centred on it, while scores are whole or half points.
    edges = [-step / 2 + i * step for i in range(int(upper / step) + 2)]
    ax.hist(totals, bins=edges, color="#1565c0", edgecolor="white")
    ax.set_xlim(-step, upper + step)
    ax.set_title(f"Total scores ({len(totals)} students)")
    ax.set_xlabel(f"total score (out of {points(max_total)})")
    ax.set_ylabel("students")
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _png(fig)


def part_means(parts: Sequence[PartStats]) -> bytes:
    """Per part the mean score, drawn against the part's points."""
    fig, ax = plt.subplots(figsize=(7, 0.55 * len(parts) + 1.8))
    labels = [p.part for p in parts]
    ys = range(len(parts))
    ax.barh(ys, [p.max for p in parts], color="#e0e0e0", label="points")
    ax.barh(ys, [p.mean for p in parts], color="#1565c0", label="mean score")
    for y, part in zip(ys, parts, strict=True):
        ax.text(part.max, y, f" {part.mean:.2f} / {points(part.max)}", va="center", fontsize=8)
    ax.set_yticks(list(ys), labels, fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, max((p.max for p in parts), default=1) * 1.25)
    ax.set_title("Mean score per part")
    ax.set_xlabel("points")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, fontsize=8)
    return _png(fig)


def _present(counts: Sequence[Mapping[str, int]]) -> list[str]:
    return [d for d in DIAGNOSES if any(c.get(d, 0) for c in counts)]


def diagnoses_per_part(parts: Sequence[PartStats]) -> bytes:
    """Per part a stacked bar: how many students got each diagnosis."""
    fig, ax = plt.subplots(figsize=(7, 0.55 * len(parts) + 2.1))
    ys = list(range(len(parts)))
    left = [0] * len(parts)
    for diagnosis in _present([p.counts for p in parts]):
        widths = [p.counts.get(diagnosis, 0) for p in parts]
        ax.barh(ys, widths, left=left, color=DIAGNOSIS_COLOURS[diagnosis], label=diagnosis)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_yticks(ys, [p.part for p in parts], fontsize=9)
    ax.invert_yaxis()
    ax.set_title("Diagnoses per part")
    ax.set_xlabel("students")
    if any(p.counts for p in parts):
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, title="diagnosis")
    return _png(fig)


def diagnoses_overall(counts: Mapping[str, int]) -> bytes:
    """The wrong answers of the whole class by diagnosis."""
    wrong = [d for d in _present([counts]) if d != "correct"]
    fig, ax = plt.subplots(figsize=(7, 0.35 * max(len(wrong), 1) + 1.4))
    ys = list(range(len(wrong)))
    values = [counts[d] for d in wrong]
    ax.barh(ys, values, color=[DIAGNOSIS_COLOURS[d] for d in wrong])
    for y, value in zip(ys, values, strict=True):
        ax.text(value, y, f" {value}", va="center", fontsize=8)
    ax.set_yticks(ys, wrong, fontsize=9)
    ax.invert_yaxis()
    ax.set_title("What went wrong, whole class")
    ax.set_xlabel("answers (student x part)")
    ax.xaxis.get_major_locator().set_params(integer=True)
    return _png(fig)


def all_plots(stats: ClassStats) -> dict[str, bytes]:
    """Alt text -> PNG for every plot of the report, in page order."""
    return {
        "Histogram of total scores": totals_histogram(list(stats.totals.values()), stats.max_total),
        "Mean score per part": part_means(stats.parts),
        "Diagnoses per part, stacked": diagnoses_per_part(stats.parts),
        "Wrong answers of the whole class by diagnosis": diagnoses_overall(stats.counts_total()),
    }
