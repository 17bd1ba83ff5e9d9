"""`matgrade demo`: the whole cycle on a fresh course with simulated students.

release -> submissions (autograder.course.simulated) -> autograde (sandboxed when it can start)
-> feedback -> score table, `DIR/summary.json` (DESIGN.md) and where the feedback pages are.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from autograder.course.autograde import autograde, sandbox_problem
from autograder.course.feedback import feedback
from autograder.course.release import release
from autograder.course.simulated import STUDENTS, write_submission
from autograder.course.trusted import StudentResult

DEMO_ASSIGNMENT = "demo"
"""The shipped assignment the demo releases (problem_bank/assignments/demo.toml)."""
NBGRADER_CONFIG = '''\
"""nbgrader's own settings for this demo course (matgrade's are in course.toml)."""

c = get_config()  # noqa: F821

c.CourseDirectory.root = "."
c.CourseDirectory.course_id = "matgrade-demo"
'''
COURSE_TOML = 'salt = "matgrade-demo"\n'
OWN_FOLDERS = ("source", "release", "submitted", "autograded", "feedback", "results", "records")


class DemoError(RuntimeError):
    """The demo cannot run in the folder given; the message says why."""


@dataclass(frozen=True)
class DemoRun:
    """What the demo did."""

    root: Path
    assignment: str
    results: dict[str, StudentResult]
    sandboxed: bool
    seconds: float


def shipped_specs() -> Path:
    """The assignment specs shipped with matgrade (the installed `problem_bank` package)."""
    import problem_bank

    return Path(problem_bank.__file__).resolve().parent / "assignments"


def prepare_course(root: Path, assignment: str) -> None:
    """Make `root` a fresh course holding the spec of `assignment` (and nothing of before)."""
    root.mkdir(parents=True, exist_ok=True)
    config = root / "nbgrader_config.py"
    if any(root.iterdir()) and not (config.is_file() and config.read_text() == NBGRADER_CONFIG):
        raise DemoError(
            f"{root} is not empty and is not a matgrade demo course: give an empty "
            "or new folder with --dir"
        )
    for name in OWN_FOLDERS:
        shutil.rmtree(root / name, ignore_errors=True)
    (root / "gradebook.db").unlink(missing_ok=True)
    config.write_text(NBGRADER_CONFIG)
    (root / "course.toml").write_text(COURSE_TOML)
    specs = root / "problem_bank" / "assignments"
    specs.mkdir(parents=True, exist_ok=True)
    spec = shipped_specs() / f"{assignment}.toml"
    if not spec.is_file():
        raise DemoError(f"matgrade ships no assignment {assignment!r} ({spec.name} is missing)")
    shutil.copy(spec, specs / spec.name)


def summary(assignment: str, results: dict[str, StudentResult]) -> dict:
    """DESIGN.md's summary.json: per student and PROBLEM/PART: score, max, diagnosis, feedback."""
    return {
        "assignment": assignment,
        "students": {
            student: {
                p.key: {
                    "score": p.score,
                    "max": p.max,
                    "diagnosis": p.diagnosis,
                    "feedback": p.feedback,
                }
                for p in result.parts
            }
            for student, result in results.items()
        },
    }


def table(results: dict[str, StudentResult]) -> list[str]:
    """The score table: one row per student and part, then the totals."""
    lines = [f"{'student':<9} {'part':<34} {'score':>9}  {'diagnosis':<12} feedback"]
    for student, result in results.items():
        for p in result.parts:
            score = f"{p.score:g}/{p.max:g}"
            words = p.feedback if len(p.feedback) <= 70 else p.feedback[:67] + "..."
            lines.append(f"{student:<9} {p.key:<34} {score:>9}  {p.diagnosis:<12} {words}")
        lines.append(f"{student:<9} {'TOTAL':<34} {result.score:g}/{result.max:g}".rstrip())
    return lines


def run_demo(
    root: Path | None = None,
    assignment: str = DEMO_ASSIGNMENT,
    *,
    workers: int | None = None,
    say: Callable[[str], None] = print,
) -> DemoRun:
    """Run the demo in `root` (a new temporary folder when None)."""
    started = time.perf_counter()
    root = Path(root or tempfile.mkdtemp(prefix="matgrade-demo-")).resolve()
    say(f"matgrade demo in {root}")
    prepare_course(root, assignment)
    released = release(root, assignment)
    record = released.record
    say(
        f"released {assignment}: {len(record.parts)} parts, {record.points:g} points; "
        "leak check passed"
    )
    for student in STUDENTS:
        write_submission(root, record, student)
    say(f"wrote submissions for {', '.join(STUDENTS)}")
    problem = sandbox_problem()
    if problem:
        say(
            f"WARNING: the grading sandbox cannot start ({problem}); grading WITHOUT sandbox "
            "(--no-sandbox): fine for this demo's own students, never for real submissions."
        )
    graded = autograde(
        root,
        assignment,
        workers=workers or os.cpu_count() or 1,
        sandbox=problem is None,
        progress=say,
    )
    results = {g.student: g.result for g in graded}
    pages = feedback(root, assignment, list(results))
    data = summary(assignment, results)
    (root / "summary.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    for line in table(results):
        say(line)
    say(f"summary: {root / 'summary.json'}")
    say(
        f"feedback pages ({len(pages)}): {root / 'feedback'}/STUDENT/{assignment}/"
        f"{assignment}.html, e.g. {pages[0] if pages else '-'}"
    )
    seconds = time.perf_counter() - started
    say(f"done in {seconds:.0f} s")
    return DemoRun(root, assignment, results, problem is None, seconds)
