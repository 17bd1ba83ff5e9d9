"""`matgrade demo [--dir DIR]`: the whole cycle on a fresh course with simulated students."""

from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dir",
        default=None,
        metavar="DIR",
        help="the folder to make the demo course in (default: a new temporary "
        "folder); it must be empty or an earlier demo",
    )
    parser.add_argument(
        "--assignment",
        default=None,
        metavar="NAME",
        help="the shipped assignment to run (default: demo)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="students graded at once (default: the number of cores)",
    )


def run(args: argparse.Namespace) -> int:
    from autograder.course.demo import DEMO_ASSIGNMENT, DemoError, run_demo

    try:
        run_demo(
            args.dir,
            args.assignment or DEMO_ASSIGNMENT,
            workers=args.workers,
            say=lambda line: print(line, flush=True),
        )
    except DemoError as error:
        print(f"matgrade demo: {error}")
        return 1
    return 0
