"""`matgrade build NAME`: write `source/NAME/` (notebook, public data, student runtime)."""

from __future__ import annotations

import argparse
from pathlib import Path

from autograder.course.root import add_course, course_root


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="the assignment: problem_bank/assignments/NAME.toml")
    add_course(parser)


def run(args: argparse.Namespace) -> int:
    from autograder.bank import registry
    from autograder.bank.variants import course_salt
    from autograder.course.assignments import SpecError, load_spec
    from autograder.course.build import build
    from autograder.course.records import make_record

    root = course_root(args)
    try:
        spec = load_spec(root, args.name)
        record = make_record(spec, registry.problems(), course_salt(root))
    except SpecError as error:
        print(f"matgrade build: {error}")
        return 1
    path = build(root, record)
    print(
        f"wrote {Path(path).relative_to(root)} ({len(record.parts)} graded parts, "
        f"{record.points:g} points) and the files beside it"
    )
    print(f"next: matgrade release {args.name}")
    return 0
