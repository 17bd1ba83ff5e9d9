"""Wall time of nbgrader's autograde pass over M copies of one submission.

Three ways: plain `nbgrader autograde NAME --force` (one process, students one after another,
no sandbox), then `runner.run_autograde` in the sandbox (batches of 8 students per nbgrader
process) with workers=1 and with the default workers (the cores). The submission imports
numpy and sympy, as matgrade's notebooks do.

    python benchmarks/autograde_speed.py [--copies 40] [--workers N] [--no-sandbox]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from autograder.course.runner import run_autograde
from autograder.course.sandbox import sandbox_problem

ASSIGNMENT = "bench"
ANSWER = "import numpy, sympy\nanswer = numpy.eye(2).sum()"


def tagged(source: str, **nbgrader: object) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"schema_version": 3, "locked": False, **nbgrader}
    return cell


def write_course(root: Path) -> None:
    """A course with one released notebook: an answer cell and a 1-point test cell."""
    (root / "nbgrader_config.py").write_text("c = get_config()  # noqa: F821\n")
    folder = root / "source" / ASSIGNMENT
    folder.mkdir(parents=True)
    notebook = nbformat.v4.new_notebook(
        cells=[
            tagged(ANSWER, grade=False, solution=True, grade_id="answer"),
            tagged("assert answer == 2", grade=True, solution=False, grade_id="t", points=1),
        ]
    )
    notebook.cells[1].metadata["nbgrader"]["locked"] = True
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, folder / f"{ASSIGNMENT}.ipynb")
    nbgrader(root, "generate_assignment", ASSIGNMENT, "--force")


def nbgrader(root: Path, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=root, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"nbgrader {' '.join(args)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


def submit_copies(root: Path, copies: int) -> list[str]:
    released = root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    students = [f"student{i:03d}" for i in range(copies)]
    for student in students:
        folder = root / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        shutil.copy(released, folder / released.name)
    return students


def timed(label: str, action) -> float:
    started = time.perf_counter()
    action()
    seconds = time.perf_counter() - started
    print(f"{label:<44} {seconds:7.1f} s", flush=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40, help="submissions (default 40)")
    parser.add_argument("--workers", type=int, default=os.cpu_count(), help="default: cores")
    parser.add_argument("--no-sandbox", action="store_true", help="run_autograde unsandboxed")
    options = parser.parse_args()
    sandbox = not options.no_sandbox
    if sandbox and (problem := sandbox_problem()):
        sys.exit(f"no sandbox: {problem}")
    with tempfile.TemporaryDirectory(prefix="matgrade-bench-") as folder:
        root = Path(folder)
        write_course(root)
        students = submit_copies(root, options.copies)
        print(f"{options.copies} submissions, {os.cpu_count()} cores, sandbox={sandbox}")

        def runner(workers: int):
            runs = run_autograde(root, ASSIGNMENT, students, workers=workers, sandbox=sandbox)
            failed = [s for s, r in runs.items() if not r.ok]
            if failed:
                sys.exit(
                    f"{len(failed)} runs failed, e.g. {failed[0]}:\n{runs[failed[0]].log_tail}"
                )

        timed(
            "plain nbgrader autograde (1 process)",
            lambda: nbgrader(root, "autograde", ASSIGNMENT, "--force"),
        )
        timed("run_autograde workers=1", lambda: runner(1))
        timed(f"run_autograde workers={options.workers}", lambda: runner(options.workers))


if __name__ == "__main__":
    main()
