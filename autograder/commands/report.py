"""`matgrade report NAME`: what the class got wrong, as a page with plots, a CSV and a summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from autograder.course.root import add_course, course_root
from autograder.report import REPORTS, ReportError, make_report, write_report
from autograder.report.stats import summary_lines


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", help="the assignment, as in results/NAME/")
    add_course(parser)
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"where to write report.html and report.csv (default: COURSE/{REPORTS}/NAME)",
    )


def run(args: argparse.Namespace) -> int:
    course = course_root(args)
    out = args.out if args.out is not None else course / REPORTS / args.name
    try:
        report = make_report(course, args.name)
        page, csv = write_report(report, out)
    except ReportError as error:
        print(f"matgrade report: {error}", file=sys.stderr)
        return 1
    for line in summary_lines(report.stats):
        print(line)
    for note in report.results.warnings + report.grouping.notes:
        print(f"note: {note}")
    print(f"page: {page}")
    print(f"csv:  {csv}")
    return 0
