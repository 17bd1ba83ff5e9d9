"""`matgrade autograde NAME`: nbgrader's pass in the sandbox, then the trusted pass.

1. nbgrader autograde runs each submission (parallel across students, in the sandbox unless
   `sandbox=False`). Its own scores for capture cells are 0 by construction.
2. A submission nbgrader dropped (its kernel died: `os._exit`, a segfault, out of memory) is
   executed again here, cell by cell in the same sandboxed kernel, keeping the outputs of the
   cells that ran before the death: parts captured before it are graded, the rest `missing`.
3. The trusted pass, in this process and never in a kernel, grades every student's captures
   against the release record and writes results, notebook verdicts and gradebook scores (one
   writer at a time).
"""

from __future__ import annotations

import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.course import batch, trusted
from autograder.course.records import Record, load_record

SUBMITTED_DIR = "submitted"
SOURCE_DIR = "source"
CELL_TIMEOUT = 60
"""Seconds a cell may run before nbgrader interrupts it (a student's endless loop)."""


class AutogradeError(RuntimeError):
    """Grading cannot go ahead; the message says what to do."""


@dataclass(frozen=True)
class Graded:
    """One student's outcome of a whole autograde run."""

    student: str
    result: trusted.StudentResult
    recovered: bool
    seconds: float
    recorded: bool = True
    """Whether the trusted scores reached the gradebook."""


def submitted_students(root: Path, assignment: str, pattern: str = "*") -> list[str]:
    """Students with a submission of `assignment` whose id matches the glob `pattern`."""
    base = Path(root) / SUBMITTED_DIR
    if not base.is_dir():
        return []
    return sorted(
        d.name
        for d in base.iterdir()
        if (d / assignment).is_dir() and fnmatch.fnmatchcase(d.name, pattern)
    )


def sandbox_problem() -> str | None:
    """Why the grading sandbox cannot start here (infra's check), or None when it can."""
    from autograder.course.sandbox import sandbox_problem as problem

    return problem()


def submission_limit(timeout: int) -> int:
    """Seconds one submission may take in all (its cells may each take `timeout`)."""
    return max(300, 10 * timeout)


def run_nbgrader(
    root: Path,
    assignment: str,
    students: Sequence[str],
    *,
    workers: int,
    sandbox: bool,
    timeout: int,
    progress: Callable[[str], None],
) -> set[str]:
    """nbgrader's pass for `students`: one `autograder.course.batch` process per worker, each
    grading its share of the students one after another, every kernel in its own sandbox.
    Returns the students whose submission ran out of time."""
    chunks = [list(students[i :: max(1, workers)]) for i in range(max(1, workers))]
    sandboxed = "sandbox" if sandbox else "-"
    limit = submission_limit(timeout)
    lines: list[dict] = []

    def run(chunk: list[str]) -> None:
        command = [
            sys.executable,
            "-m",
            "autograder.course.batch",
            str(root),
            assignment,
            str(timeout),
            str(limit),
            sandboxed,
            *chunk,
        ]
        with subprocess.Popen(
            command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        ) as process:
            watchdog = threading.Timer(limit * len(chunk) + 60, process.kill)
            watchdog.start()
            for text in process.stdout:
                try:
                    line = json.loads(text)
                except ValueError:
                    continue
                lines.append(line)
                mark = "" if line["outcome"] == "done" else f" ({line['outcome']})"
                progress(
                    f"  nbgrader autograde {len(lines)}/{len(students)}: {line['student']}{mark}"
                )
            watchdog.cancel()

    with ThreadPoolExecutor(max_workers=len(chunks)) as pool:
        list(pool.map(run, [c for c in chunks if c]))
    return {line["student"] for line in lines if line["outcome"] == "timed out"}


def _locked_sources(root: Path, assignment: str) -> dict[str, str]:
    source = Path(root) / SOURCE_DIR / assignment / f"{assignment}.ipynb"
    notebook = nbformat.read(source, as_version=4)
    return {
        cell.metadata["nbgrader"]["grade_id"]: cell.source
        for cell in notebook.cells
        if cell.get("metadata", {}).get("nbgrader", {}).get("locked")
    }


def sanitized(submitted: nbformat.NotebookNode, locked: dict[str, str]) -> nbformat.NotebookNode:
    """The submission as nbgrader would run it: outputs cleared, locked cells restored, the
    first cell of each grade_id kept (later duplicates dropped)."""
    seen: set[str] = set()
    cells = []
    for cell in submitted.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id:
            if grade_id in seen:
                continue
            seen.add(grade_id)
            if grade_id in locked:
                cell.source = locked[grade_id]
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    submitted.cells = cells
    return submitted


def recover(root: Path, assignment: str, student: str, *, sandbox: bool, timeout: int) -> bool:
    """Re-run a submission nbgrader dropped, keeping the cells that ran before the kernel died.

    Writes `autograded/STUDENT/NAME/` as nbgrader would have (files from the submission, the
    source's own files over them, the executed notebook). Returns whether it wrote a notebook.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    root = Path(root)
    submitted = root / SUBMITTED_DIR / student / assignment
    notebook_file = submitted / f"{assignment}.ipynb"
    if not notebook_file.is_file():
        return False
    dest = root / trusted.AUTOGRADED_DIR / student / assignment
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(submitted, dest)
    source = root / SOURCE_DIR / assignment
    for path in source.rglob("*"):
        if path.is_file() and path.suffix != ".ipynb":
            target = dest / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    notebook = sanitized(
        nbformat.read(notebook_file, as_version=4), _locked_sources(root, assignment)
    )
    client = NotebookClient(
        notebook, timeout=timeout, allow_errors=True, resources={"metadata": {"path": str(dest)}}
    )
    saved = dict(os.environ)
    scratch = Path(tempfile.mkdtemp(prefix="matgrade-rerun-"))
    try:
        if sandbox:
            run = batch.prepare(scratch, dest)
            os.environ.update(run.environment(saved))
            client.kernel_name = run.kernel_name
            client.km = client.create_kernel_manager()
            client.km.transport = "ipc"
            client.km.connection_file = str(run.connection_file)
        # The kernel's own banner and any output it prints outside cells stay out of our log.
        client.execute(cwd=str(dest), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except (DeadKernelError, CellTimeoutError, RuntimeError):
        pass  # the outputs of the cells that ran are kept in `notebook`
    finally:
        os.environ.clear()
        os.environ.update(saved)
        shutil.rmtree(scratch, ignore_errors=True)
    nbformat.write(notebook, dest / f"{assignment}.ipynb")
    return True


def record_in_gradebook(root: Path, record: Record, result: trusted.StudentResult) -> None:
    """Write the trusted scores into nbgrader's gradebook (manual grades are kept) and the
    verdicts as comments of the answer cells (the formgrader shows them there)."""
    from autograder.course.gradebook import record_scores

    record_scores(
        root,
        record.assignment,
        result.student,
        trusted.scores_for_gradebook(record, result),
        trusted.comments_for_gradebook(record, result),
    )


def autograde(
    root: Path,
    assignment: str,
    *,
    pattern: str = "*",
    workers: int | None = None,
    sandbox: bool = True,
    timeout: int = CELL_TIMEOUT,
    progress: Callable[[str], None] = print,
) -> list[Graded]:
    """Grade the submissions of `assignment` whose student id matches `pattern`."""
    root = Path(root).resolve()
    record = load_record(root, assignment)
    students = submitted_students(root, assignment, pattern)
    if not students:
        raise AutogradeError(
            f"no submissions of {assignment} under submitted/ match {pattern!r}: "
            "collect them first (nbgrader collect or zip_collect)"
        )
    if sandbox:
        problem = sandbox_problem()
        if problem:
            raise AutogradeError(
                f"the grading sandbox cannot start: {problem}\nInstall bubblewrap (bwrap) or, "
                "knowing that student code then runs with your rights, pass --no-sandbox."
            )
    workers = workers or os.cpu_count() or 1
    progress(
        f"nbgrader autograde: {len(students)} submission(s), {workers} worker(s)"
        + (", sandboxed" if sandbox else ", NO SANDBOX")
    )
    stuck = run_nbgrader(
        root,
        assignment,
        students,
        workers=workers,
        sandbox=sandbox,
        timeout=timeout,
        progress=progress,
    )
    return _trusted_pass(root, record, students, sandbox, timeout, progress, stuck)


def _record_or_zero(
    root: Path, record: Record, result: trusted.StudentResult, progress: Callable[[str], None]
) -> bool:
    """Record the trusted scores; if that fails, zero the student's cells (never leave
    nbgrader's own numbers standing) and say so. Returns whether the trusted scores went in."""
    from autograder.course.gradebook import record_scores

    try:
        record_in_gradebook(root, record, result)
        return True
    except Exception as error:  # noqa: BLE001 - one student's gradebook row stops no one else
        progress(
            f"  {result.student}: the gradebook refused the scores ({type(error).__name__}: "
            f"{error}); their cells are set to 0: re-run autograde for them"
        )
    zeros = {key: 0.0 for key in trusted.scores_for_gradebook(record, result)}
    try:
        record_scores(root, record.assignment, result.student, zeros)
    except Exception as error:  # noqa: BLE001 - reported; the command exits non-zero
        progress(f"  {result.student}: could not zero their cells either ({error})")
    return False


def _trusted_pass(
    root: Path,
    record: Record,
    students: Sequence[str],
    sandbox: bool,
    timeout: int,
    progress: Callable[[str], None],
    stuck: Collection[str] = (),
) -> list[Graded]:
    """Grade every student's captures (re-running dropped submissions first, except those
    that ran out of time: running them again would only take as long)."""
    assignment = record.assignment
    graded = []
    for number, student in enumerate(students, start=1):
        started = time.perf_counter()
        recovered = False
        if student in stuck:
            pass
        elif not trusted.notebook_path(root, assignment, student).is_file():
            progress(
                f"  {student}: nbgrader dropped the submission (its kernel died or stopped): "
                "re-running it to keep the parts answered before that"
            )
            try:
                recovered = recover(root, assignment, student, sandbox=sandbox, timeout=timeout)
            except Exception as error:  # noqa: BLE001 - one broken submission stops no one else
                progress(
                    f"  {student}: could not be run again ({type(error).__name__}: "
                    f"{error}); every part is graded missing"
                )
        try:
            result = trusted.grade_student(
                root,
                record,
                student,
                f"the notebook did not finish within {submission_limit(timeout)} s"
                if student in stuck
                else "nbgrader produced no graded notebook for this submission",
            )
        except Exception as error:  # noqa: BLE001 - fail closed for this student, go on
            progress(f"  {student}: the trusted pass failed ({type(error).__name__}: {error})")
            result = trusted.grade_parts(
                record, student, None, f"grading failed ({type(error).__name__}); ask again"
            )
            trusted.write_results(root, result)
        # Always written, so nbgrader's own numbers (which student code can fake) never stand.
        recorded = _record_or_zero(root, record, result, progress)
        graded.append(Graded(student, result, recovered, time.perf_counter() - started, recorded))
        progress(
            f"  trusted pass {number}/{len(students)}: {student} {result.score:g}/{result.max:g}"
        )
    return graded
