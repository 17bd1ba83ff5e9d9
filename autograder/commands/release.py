"""`matgrade release NAME`: record, build, nbgrader generate_assignment, leak check."""

from __future__ import annotations

import argparse

from autograder.course.root import add_course, course_root


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="the assignment: problem_bank/assignments/NAME.toml")
    add_course(parser)


def run(args: argparse.Namespace) -> int:
    from autograder.course.assignments import SpecError
    from autograder.course.release import ReleaseError, describe, release

    try:
        released = release(course_root(args), args.name)
    except (SpecError, ReleaseError) as error:
        print(f"matgrade release: {error}")
        return 1
    for line in describe(released):
        print(line)
    return 0
