"""The `matgrade` command: a thin dispatcher that imports only the verb it runs."""

from __future__ import annotations

import argparse
import importlib
import sys

# verb -> (module under autograder.commands, one-line help). Modules are imported on use only,
# so `matgrade check` does not pay for nbgrader or SymPy.
VERBS: dict[str, tuple[str, str]] = {
    "check": ("check", "grade expression answers: JSON Lines in, JSON Lines out"),
    "bank": ("bank", "list, show, verify the problem bank; print the cookbook study sheet"),
    "build": ("build", "write source/NAME/NAME.ipynb from an assignment spec"),
    "release": ("release", "build, run nbgrader generate_assignment, check the release for leaks"),
    "autograde": ("autograde", "grade every submission: nbgrader's pass, then the trusted pass"),
    "feedback": ("feedback", "write each student's feedback page"),
    "report": ("report", "what the class got wrong: HTML page with plots, CSV, summary"),
    "demo": ("demo", "run the whole cycle on a fresh course with simulated students"),
}


def _top_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="matgrade",
        description="Auto-graded matrix-calculus exercises on nbgrader. "
        "Run 'matgrade VERB --help' for the options of a verb.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="verbs:\n" + "\n".join(f"  {v:<10} {h}" for v, (_, h) in VERBS.items()),
    )
    parser.add_argument("verb", choices=list(VERBS), metavar="VERB", help="what to do")
    parser.add_argument("--version", action="version", version=_version())
    return parser


def _version() -> str:
    from autograder import __version__

    return f"matgrade {__version__}"


def main(argv: list[str] | None = None) -> int:
    """Run `matgrade` with `argv` (default: the process arguments); return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in VERBS:
        top = _top_parser()
        if not argv:
            top.print_help()
            return 2
        top.parse_args(argv[:1])  # prints help, the version, or the error, and exits
        return 2
    verb, rest = argv[0], argv[1:]
    module_name, help_text = VERBS[verb]
    module = importlib.import_module(f"autograder.commands.{module_name}")
    parser = argparse.ArgumentParser(prog=f"matgrade {verb}", description=help_text)
    module.configure(parser)
    args = parser.parse_args(rest)
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
