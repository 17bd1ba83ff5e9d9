"""`matgrade feedback NAME`: nbgrader's feedback pages, checked for leaks."""

from __future__ import annotations

import argparse

from autograder.course.root import add_course, course_root


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="the assignment")
    parser.add_argument(
        "--student",
        default="*",
        metavar="GLOB",
        help="only the students whose id matches (default: all)",
    )
    add_course(parser)


def run(args: argparse.Namespace) -> int:
    from autograder.course.autograde import submitted_students
    from autograder.course.feedback import FeedbackError, feedback

    root = course_root(args)
    students = submitted_students(root, args.name, args.student)
    try:
        pages = feedback(root, args.name, students)
    except FeedbackError as error:
        print(f"matgrade feedback: {error}")
        return 1
    for page in pages:
        print(page.relative_to(root))
    return 0
