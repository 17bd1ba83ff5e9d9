"""The course root: the folder holding nbgrader_config.py, and the `--course DIR` option."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

CONFIG = "nbgrader_config.py"


def add_course(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--course",
        metavar="DIR",
        default=".",
        help="the course root, the folder holding nbgrader_config.py (default: here)",
    )


def course_root(args: argparse.Namespace) -> Path:
    """The course root of `args`; exits with a message when it holds no nbgrader_config.py."""
    root = Path(args.course).resolve()
    if not (root / CONFIG).is_file():
        sys.exit(
            f"{root} is not a course root (no {CONFIG}): run from the course folder "
            "or pass --course DIR"
        )
    return root
