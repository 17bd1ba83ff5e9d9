"""`matgrade autograde NAME`: nbgrader's pass in the sandbox, then the trusted pass."""

from __future__ import annotations

import argparse
import os

from autograder.course.root import add_course, course_root


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="the assignment to grade")
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="students graded at once by nbgrader (default: the cores, %(default)s)",
    )
    parser.add_argument(
        "--student",
        default="*",
        metavar="GLOB",
        help="grade only the students whose id matches (default: all)",
    )
    parser.add_argument(
        "--no-sandbox",
        action="store_true",
        help="run student code without the sandbox (it can then read the "
        "course, solutions included): only when bubblewrap cannot run",
    )
    parser.add_argument(
        "--timeout",
        type=int,
        default=60,
        help="seconds a notebook cell may run (default: %(default)s)",
    )
    add_course(parser)


def run(args: argparse.Namespace) -> int:
    from autograder.course.autograde import AutogradeError, autograde
    from autograder.course.records import RecordError

    if args.no_sandbox:
        print("WARNING: --no-sandbox: student code runs unconfined, with your rights.")
    try:
        graded = autograde(
            course_root(args),
            args.name,
            pattern=args.student,
            workers=args.workers,
            sandbox=not args.no_sandbox,
            timeout=args.timeout,
            progress=lambda line: print(line, flush=True),
        )
    except (AutogradeError, RecordError) as error:
        print(f"matgrade autograde: {error}")
        return 1
    print(
        f"graded {len(graded)} submission(s); results in results/{args.name}/"
        + (" (without sandbox)" if args.no_sandbox else "")
    )
    unrecorded = [g.student for g in graded if not g.recorded]
    if unrecorded:
        print(
            "matgrade autograde: the gradebook did not take the scores of "
            f"{', '.join(unrecorded)}: run again with --student for them"
        )
        return 1
    return 0
