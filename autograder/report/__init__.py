"""Instructor analytics: what the class got wrong, as an HTML page with plots, a CSV and a
terminal summary (`matgrade report NAME`).

The pipeline, in order: load the results files (load), count (stats), group the wrong answers
(record, groups), draw (plots), write the page (page) and the CSV (csvout).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from autograder.report.groups import Equivalent, Grouping, engine_equivalent, group_answers
from autograder.report.load import ClassResults, ReportError, load_results
from autograder.report.record import load_record
from autograder.report.stats import ClassStats, summarise

__all__ = ["Report", "ReportError", "make_report", "write_report"]

PAGE = "report.html"
CSV = "report.csv"
REPORTS = "reports"


@dataclass(frozen=True)
class Report:
    """Everything the report shows, computed once."""

    results: ClassResults
    stats: ClassStats
    grouping: Grouping


def make_report(course: Path, name: str, equivalent: Equivalent | None | bool = True) -> Report:
    """The report of assignment `name` in the course root `course`. `equivalent` is the
    engine's check (True: find it; None or False: group by text only)."""
    results = load_results(Path(course), name)
    record, why = load_record(Path(course), name)
    if equivalent is True:
        equivalent = engine_equivalent()
    check = equivalent or None
    return Report(results, summarise(results), group_answers(results, record, check, why))


def write_report(report: Report, out: Path) -> tuple[Path, Path]:
    """Write the page and the CSV into `out` (made if needed); return their paths."""
    from autograder.report.csvout import results_csv
    from autograder.report.page import render_page
    from autograder.report.plots import all_plots

    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        page = out / PAGE
        csv = out / CSV
        plots = all_plots(report.stats)
        page.write_text(
            render_page(report.results, report.stats, report.grouping, plots), encoding="utf-8"
        )
        csv.write_text(results_csv(report.results), encoding="utf-8", newline="")
    except OSError as error:
        raise ReportError(f"cannot write the report into {out} ({error}): pass --out DIR") from None
    return page, csv
