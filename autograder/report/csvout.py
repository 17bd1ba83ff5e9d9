"""The report's CSV: one row per student and part, exactly as the results files hold them."""

from __future__ import annotations

import csv
import io

from autograder.report.load import ClassResults

COLUMNS = ("student", "part", "score", "max", "diagnosis", "answer")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell beginning with one of these is a formula to a spreadsheet (CSV injection)."""


def spreadsheet_safe(text: str) -> str:
    """`text` as a spreadsheet shows it, never runs it: an apostrophe before a formula start."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def results_csv(results: ClassResults) -> str:
    """The CSV text, header first; scores are written exactly (2, 0.5), answers verbatim but for
    an apostrophe before one that a spreadsheet would take for a formula (`-2x`, `=cmd`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in results.rows:
        writer.writerow(
            (
                row.student,
                row.part,
                _number(row.score),
                _number(row.max),
                row.diagnosis,
                spreadsheet_safe(row.answer),
            )
        )
    return buffer.getvalue()
