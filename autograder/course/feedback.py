"""`matgrade feedback NAME`: nbgrader's feedback pages, then a check that none leaks.

A page shows the student's own notebook with the trusted pass's verdict in place of each capture
cell's output. It must hold no hidden test code (there is none in a matgrade notebook, and the
check proves it) and no solution or anticipated mistake of the student's variant, unless the
student wrote that very answer themselves.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from autograder.course import leakcheck
from autograder.course.records import load_record
from autograder.course.release import ENGINE_KINDS
from autograder.course.trusted import notebook_path, results_path

FEEDBACK_DIR = "feedback"


class FeedbackError(RuntimeError):
    """A feedback page could not be made, or leaks; the message says which and why."""


def pages(root: Path, assignment: str, student: str) -> list[Path]:
    """The feedback pages of `student` for `assignment`."""
    return sorted((Path(root) / FEEDBACK_DIR / student / assignment).glob("*.html"))


def _generate(root: Path, assignment: str, students: Sequence[str]) -> None:
    from autograder.course.autograde import submitted_students
    from autograder.course.nbfeedback import generate_feedback

    everyone = sorted(students) == submitted_students(root, assignment)
    generate_feedback(root, assignment, None if everyone else list(students))  # one process


def _own_cells(root: Path, assignment: str, student: str) -> list[str]:
    """What the student wrote: the sources of the unlocked cells of their graded notebook."""
    import nbformat

    path = notebook_path(root, assignment, student)
    if not path.is_file():
        return []
    notebook = nbformat.read(path, as_version=4)
    return [
        cell.source
        for cell in notebook.cells
        if not cell.get("metadata", {}).get("nbgrader", {}).get("locked", False)
    ]


def leaks(root: Path, assignment: str, student: str) -> list[leakcheck.Leak]:
    """Secrets of `student`'s variant on their feedback pages (their own answers excepted)."""
    record = load_record(root, assignment)
    own: list[str] = []
    path = results_path(root, assignment, student)
    if path.is_file():
        own = [p["answer"] for p in json.loads(path.read_text())["parts"].values()]
    secrets = []
    public = list(own) + _own_cells(root, assignment, student)
    for problem in record.problems:
        variant = record.variant_for(problem.id, student)
        public.append(variant.statement)
        for part in variant.parts:
            public.append(part.prompt)
            if part.objective:
                public.append(part.objective)
            if part.kind not in ENGINE_KINDS:
                continue
            where = f"{problem.id}/{part.id}"
            secrets.append(leakcheck.Secret(f"solution of {where}", part.solution))
            secrets += [leakcheck.Secret(f"mistake of {where}", m.answer) for m in part.mistakes]
    texts = [
        (p.name, p.read_text(encoding="utf-8", errors="replace"))
        for p in pages(root, assignment, student)
    ]
    return leakcheck.find_leaks(texts, secrets, public=public)


def feedback(root: Path, assignment: str, students: Sequence[str]) -> list[Path]:
    """Generate the feedback pages of `students`, check them, return their paths."""
    root = Path(root)
    _generate(root, assignment, students)
    found: list[Path] = []
    problems = []
    for student in students:
        mine = pages(root, assignment, student)
        if not mine:
            problems.append(f"{student}: no feedback page (was the submission autograded?)")
        for leak in leaks(root, assignment, student):
            problems.append(f"{student}: {leak}")
        found += mine
    from autograder.course.nbfeedback import check_feedback

    problems += [f"hidden test code: {leak}" for leak in check_feedback(root, assignment, students)]
    if problems:
        raise FeedbackError("feedback check failed:\n  " + "\n  ".join(problems))
    return found
