"""`matgrade bank`: list, show and verify the problem bank; print the Cookbook study sheet."""

from __future__ import annotations

import argparse
import json
import sys
import time

from autograder.bank.variants import DEFAULT_ASSIGNMENT, course_salt, variant_index

DESCRIPTION = """\
subcommands:
  list [--json]                 every template: id, title, topic, kind, parts, points
  show ID --student S [...]     a student's variant: statement, parts, solutions (instructors
                                only: it prints solutions and anticipated mistakes)
  verify [--seeds N]            check every template over N variants (odd ones in numerator
                                layout); exits 1 on any failure
  cookbook                      the Matrix Cookbook identities the bank uses (Markdown)

The variant of a student is sha256("salt|assignment|problem|student") modulo the pool size,
with the salt from course.toml in the course root (--course, default: here). The assignment
name defaults to "" (empty), as the bank's own tools use it; give --assignment NAME to see what
a student gets in assignment NAME.
"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = DESCRIPTION
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = sub.add_parser("list", help="list the templates")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.add_argument("--topic", help="only this topic tag")
    show = sub.add_parser("show", help="show students' variants of one template")
    show.add_argument("id", help="problem id, as 'matgrade bank list' prints it")
    show.add_argument(
        "--student", action="append", required=True, help="student id (repeat for several)"
    )
    show.add_argument(
        "--assignment", default=DEFAULT_ASSIGNMENT, help='assignment name (default: "")'
    )
    show.add_argument(
        "--layout",
        choices=("denominator", "numerator"),
        default="denominator",
        help="layout convention in force (default: denominator)",
    )
    show.add_argument("--course", default=".", help="course root holding course.toml")
    show.add_argument("--json", action="store_true", help="print JSON")
    verify = sub.add_parser("verify", help="self-check every template")
    verify.add_argument("--seeds", type=int, default=5, help="variants per template (default 5)")
    verify.add_argument("--problem", action="append", help="only this id (repeatable)")
    sub.add_parser("cookbook", help="print the identities the bank uses, as Markdown")


def run(args: argparse.Namespace) -> int:
    from autograder.bank.model import ProblemError

    action = {"list": _list, "show": _show, "verify": _verify, "cookbook": _cookbook}
    try:
        return action[args.action](args)
    except ProblemError as error:  # a malformed problem module: name it, no traceback
        print(f"error: {error}", file=sys.stderr)
        return 1


def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
    return "\n".join(lines)


def _points(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _list(args: argparse.Namespace) -> int:
    from autograder.bank.registry import problems

    items = [
        {
            "id": p.id,
            "title": p.title,
            "topic": p.topic,
            "kind": p.kinds,
            "parts": len(p.parts),
            "points": _points(p.graded_points),
            "pool": p.pool_size,
        }
        for p in problems().values()
        if args.topic is None or p.topic == args.topic
    ]
    if args.json:
        print(json.dumps(items, indent=2))
        return 0
    header = ["id", "title", "topic", "kind", "parts", "points", "pool"]
    print(_table([[str(i[h]) for h in header] for i in items], header))
    counts: dict[str, int] = {}
    for item in items:
        counts[item["topic"]] = counts.get(item["topic"], 0) + 1
    print(f"\n{len(items)} templates: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    return 0


def _show(args: argparse.Namespace) -> int:
    from autograder.bank.registry import get

    try:
        problem = get(args.id)
    except KeyError as error:
        print(error.args[0], file=sys.stderr)
        return 2
    salt = course_salt(args.course)
    variants = []
    for student in args.student:
        index = variant_index(salt, args.assignment, problem.id, student, problem.pool_size)
        variants.append((student, problem.variant(index, layout=args.layout)))
    if args.json:
        records = [dict(v.to_json(), student=s) for s, v in variants]
        print(json.dumps(records[0] if len(records) == 1 else records, indent=2))
        return 0
    for student, variant in variants:
        print(f"# {variant.title}  [{variant.variant}, student {student}, {variant.layout}]")
        print()
        print(variant.statement)
        for part in variant.parts:
            print(f"\n## ({part.id}) {part.kind}, {_points(part.points)} points")
            if part.prompt:
                print(part.prompt)
            for key, text in part.options.items():
                print(f"  ({key}) {text}")
            if part.objective:
                print(f"objective: {part.objective}   wrt: {part.wrt}")
            print(f"solution:  {part.solution}")
            for alt in part.alternatives:
                print(f"also accepted: {alt.answer}   -- {alt.feedback}")
            for mistake in part.mistakes:
                print(f"mistake:   {mistake.answer}   -- {mistake.feedback}")
            if part.follows:
                print(
                    f"follow-through: graded against part ({part.follows.part}), "
                    f"{part.follows.mode}"
                )
        print()
    return 0


def _verify(args: argparse.Namespace) -> int:
    from autograder.bank.registry import get, problems
    from autograder.bank.verify import verify_problem

    chosen = [get(i) for i in args.problem] if args.problem else list(problems().values())
    start = time.perf_counter()
    rows, failed, notes = [], 0, []
    for problem in chosen:
        report = verify_problem(problem, args.seeds)
        failed += bool(report.failures)
        first = (report.failures + report.warnings + ("",))[0]
        rows.append(
            [report.id, str(report.variants), report.status, f"{report.seconds:.2f}s", first[:90]]
        )
        notes += [f"FAIL {report.id}: {f}" for f in report.failures]
        notes += [f"warn {report.id}: {w}" for w in report.warnings]
        print(f"  {report.status:4} {report.id}", file=sys.stderr, flush=True)
    print(_table(rows, ["problem", "variants", "status", "time", "notes"]))
    for note in notes:
        print(note)
    elapsed = time.perf_counter() - start
    print(
        f"\n{len(chosen)} templates, {args.seeds} variants each, {failed} failing, {elapsed:.1f} s"
    )
    return 1 if failed else 0


def _cookbook(args: argparse.Namespace) -> int:
    from autograder.bank.cookbook import study_sheet
    from autograder.bank.registry import problems

    used = {n for p in problems().values() for part in p.parts for n in part.cookbook}
    print(study_sheet(used))
    return 0
