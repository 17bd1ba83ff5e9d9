"""Shared fixtures: a temporary nbgrader course with a tiny hand-made assignment.

`course` is a course root with `source/ps1/ps1.ipynb` (one answer cell, one grade cell worth
2 points), released by a real `nbgrader generate_assignment`. `submit(course, student, code)`
writes `submitted/STUDENT/ps1/ps1.ipynb` with `code` as the student's answer cell.
The grade cell holds a hidden test (HIDDEN_TEST) for the feedback leak check.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest

ASSIGNMENT = "ps1"
ANSWER_ID = "answer"
GRADE_ID = "check"
POINTS = 2.0
RIGHT_ANSWER = "answer = 42"
HIDDEN_TEST = "assert answer * 2 == 84, 'hidden-check-7f3'"
"""The hidden test line: cut from the release, restored by autograde."""


def answer_cell() -> nbformat.NotebookNode:
    """The student's answer cell: an nbgrader solution cell."""
    cell = nbformat.v4.new_code_cell("### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION\n")
    cell.metadata["nbgrader"] = {
        "grade": False,
        "solution": True,
        "locked": False,
        "grade_id": ANSWER_ID,
        "schema_version": 3,
    }
    return cell


def grade_cell() -> nbformat.NotebookNode:
    """The autograded test cell, locked, worth POINTS, with a hidden test."""
    cell = nbformat.v4.new_code_cell(
        f"assert answer == 42\n### BEGIN HIDDEN TESTS\n{HIDDEN_TEST}\n### END HIDDEN TESTS"
    )
    cell.metadata["nbgrader"] = {
        "grade": True,
        "solution": False,
        "locked": True,
        "grade_id": GRADE_ID,
        "points": POINTS,
        "schema_version": 3,
    }
    return cell


def source_notebook() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# Problem set 1"), answer_cell(), grade_cell()]
    )
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return notebook


def nbgrader(root: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run a real nbgrader command from the course root."""
    return subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def make_course(root: Path) -> Path:
    """Write and release the tiny course under `root` (returns it)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "nbgrader_config.py").write_text(
        'c = get_config()  # noqa: F821\nc.CourseDirectory.root = "."\n'
        'c.CourseDirectory.course_id = "tiny"\n'
    )
    source = root / "source" / ASSIGNMENT
    source.mkdir(parents=True)
    nbformat.write(source_notebook(), source / f"{ASSIGNMENT}.ipynb")
    done = nbgrader(root, "generate_assignment", ASSIGNMENT, "--force")
    assert done.returncode == 0, done.stdout + done.stderr
    return root


def submit(root: Path, student: str, code: str = RIGHT_ANSWER) -> Path:
    """Write a student's submission whose answer cell holds `code`."""
    notebook = nbformat.read(root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    for cell in notebook.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == ANSWER_ID:
            cell.source = code
    folder = root / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / f"{ASSIGNMENT}.ipynb")
    (folder / "timestamp.txt").write_text("2026-11-01 12:00:00.000000 UTC")
    return folder


@pytest.fixture(scope="session")
def released_course(tmp_path_factory) -> Path:
    """The tiny course, released once per session (copy it before changing it)."""
    return make_course(tmp_path_factory.mktemp("tiny") / "course")


@pytest.fixture
def course(released_course, tmp_path) -> Path:
    """A private copy of the released tiny course (gradebook included)."""
    root = tmp_path / "course"
    shutil.copytree(released_course, root)
    return root


@pytest.fixture
def submit_answer() -> Callable[..., Path]:
    """`submit(root, student, code)`: write a submission of ps1."""
    return submit


@pytest.fixture
def hidden_test() -> str:
    """The hidden test line of the grade cell."""
    return HIDDEN_TEST
