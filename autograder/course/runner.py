"""nbgrader's autograde pass, several students at once, each kernel in its own sandbox.

`run_autograde` splits the students into batches (default 8, at least one per worker) and
runs `nbgrader autograde NAME --force` once per batch, every other submitter excluded, up to
`workers` processes at once; `batch=1` runs `nbgrader autograde NAME --student=S --force`
per student. A student who fails in a batch is run again alone, so one student's failure
stops no one else and gets its own log. A run that failed because SQLite said "database is
locked" is retried with backoff. A run past its wall-time limit is killed (its whole process
group: nbgrader and, through bwrap's --die-with-parent, the kernel).
"""

from __future__ import annotations

import inspect
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from autograder.course.sandbox import (
    DEFAULT_LIMITS,
    SandboxLimits,
    prepare_launcher,
    prepare_sandbox,
)

AUTOGRADED_DIR = "autograded"
SOURCE_DIR = "source"
SUBMITTED_DIR = "submitted"
BATCH = 8
"""Students per nbgrader process by default (its start-up costs 2-3 s, a notebook 1.5-2 s)."""
LOCKED_MARKER = "database is locked"
LOCK_RETRIES = 4
LOG_TAIL_CHARS = 4000
GRADER_MEMORY_BYTES = 4 * 1024**3
"""Address space of each nbgrader process (prlimit --as). nbgrader keeps a kernel's whole
output in memory until the cell ends: a flood of 10 kB lines for 10 s grew it to 1.9 GB."""

Progress = Callable[[str, str], None]


@dataclass(frozen=True)
class StudentRun:
    """What nbgrader's autograde did for one student."""

    student: str
    ok: bool
    """nbgrader exited 0 and wrote every notebook of the assignment into autograded/."""
    returncode: int
    seconds: float
    log_tail: str
    notebooks_graded: tuple[str, ...]
    """Names (without .ipynb) of the notebooks found in autograded/STUDENT/NAME afterwards."""
    attempts: int = 1
    timed_out: bool = False
    """The whole run passed `limit` seconds and was killed."""


def run_limit(timeout: int, notebooks: int = 1) -> int:
    """Default wall-time limit of one student's run: generous next to the per-cell timeout."""
    return max(300, 10 * timeout * max(1, notebooks))


def source_notebooks(root: Path, assignment: str) -> tuple[str, ...]:
    """The notebook names (without .ipynb) of the assignment's source."""
    folder = Path(root) / SOURCE_DIR / assignment
    return tuple(sorted(p.stem for p in folder.glob("*.ipynb")))


def graded_notebooks(root: Path, assignment: str, student: str) -> tuple[str, ...]:
    """The notebooks nbgrader left in autograded/STUDENT/NAME."""
    folder = Path(root) / AUTOGRADED_DIR / student / assignment
    return tuple(sorted(p.stem for p in folder.glob("*.ipynb")))


def announce(progress: Callable[..., None] | None, student: str, event: str) -> None:
    """Tell `progress` about a student's event; a one-argument callable gets one line."""
    if progress is None:
        return
    try:
        inspect.signature(progress).bind("student", "event")
    except (TypeError, ValueError):
        progress(f"{student}: {event}")
        return
    progress(student, event)


def autograde_command(
    assignment: str, student: str, timeout: int, extra: Sequence[str] = ()
) -> list[str]:
    """The nbgrader command grading one student again (--force replaces an earlier grading),
    its memory capped when prlimit is there."""
    cap = ["prlimit", f"--as={GRADER_MEMORY_BYTES}", "--"] if shutil.which("prlimit") else []
    return [
        *cap,
        sys.executable,
        "-m",
        "nbgrader",
        "autograde",
        assignment,
        f"--student={student}",
        "--force",
        f"--ExecutePreprocessor.timeout={timeout}",
        *extra,
    ]


def _tail(path: Path) -> str:
    size = path.stat().st_size
    with path.open("rb") as stream:
        stream.seek(max(0, size - LOG_TAIL_CHARS))
        return stream.read().decode("utf-8", "replace")


@dataclass(frozen=True)
class Outcome:
    """How one nbgrader process ended."""

    returncode: int
    log: str
    """The whole log (its size bounded by the kernels' file limit and nbgrader's own output)."""
    timed_out: bool
    seconds: float


def _run_nbgrader(
    root: Path, command: list[str], environment: dict[str, str], limit: int, folder: Path
) -> Outcome:
    """Run one nbgrader command from `root`, killed with its process group after `limit` s."""
    log = folder / "nbgrader.log"
    started = time.perf_counter()
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=root,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        timed_out = False
        try:
            returncode = process.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill_group(process)
            returncode = process.wait()
    text = log.read_bytes().decode("utf-8", "replace")
    if timed_out:
        text += f"\nmatgrade: killed after {limit} s (the run's wall-time limit)"
    return Outcome(returncode, text, timed_out, time.perf_counter() - started)


def _run_once(
    root: Path,
    assignment: str,
    student: str,
    *,
    sandbox: bool,
    timeout: int,
    limit: int,
    limits: SandboxLimits,
    extra: Sequence[str],
) -> Outcome:
    """One nbgrader process for `student`, its kernels in a sandbox of their own."""
    folder = Path(tempfile.mkdtemp(prefix=f"matgrade-run-{student[:20]}-"))
    try:
        folder.chmod(0o700)
        environment = dict(os.environ)
        options = list(extra)
        if sandbox:
            submission = root / AUTOGRADED_DIR / student / assignment
            run = prepare_sandbox(folder / "sandbox", submission, limits)
            environment = run.environment(environment)
            options = run.options() + options
        command = autograde_command(assignment, student, timeout, options)
        return _run_nbgrader(root, command, environment, limit, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run_batch(
    root: Path,
    assignment: str,
    students: Sequence[str],
    *,
    sandbox: bool,
    timeout: int,
    limit: int,
    limits: SandboxLimits,
    extra: Sequence[str],
) -> Outcome:
    """One nbgrader process for several students (every other submitter excluded), each
    kernel sandboxed to the submission folder it starts in."""
    folder = Path(tempfile.mkdtemp(prefix="matgrade-batch-"))
    try:
        folder.chmod(0o700)
        environment = dict(os.environ)
        chosen = set(students)
        others = sorted(
            d.name for d in (root / SUBMITTED_DIR).iterdir() if d.is_dir() and d.name not in chosen
        )
        options = [f"--CourseDirectory.student_id_exclude={','.join(others)}"] if others else []
        if sandbox:
            run = prepare_launcher(folder / "sandbox", root / AUTOGRADED_DIR, limits)
            environment = run.environment(environment)
            options = run.options() + options
        for student in students:  # a stale grading must not pass for this run's
            shutil.rmtree(root / AUTOGRADED_DIR / student / assignment, ignore_errors=True)
        command = autograde_command(assignment, "*", timeout, options + list(extra))
        return _run_nbgrader(root, command, environment, limit * len(students), folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def grade_student(
    root: Path,
    assignment: str,
    student: str,
    *,
    sandbox: bool = True,
    timeout: int = 30,
    limit: int | None = None,
    limits: SandboxLimits = DEFAULT_LIMITS,
    extra: Sequence[str] = (),
) -> StudentRun:
    """Run nbgrader's autograde for one student, retrying while SQLite is locked."""
    root = Path(root).resolve()
    expected = source_notebooks(root, assignment)
    limit = limit or run_limit(timeout, len(expected))
    started = time.perf_counter()
    attempts = 0
    while True:
        attempts += 1
        outcome = _run_once(
            root,
            assignment,
            student,
            sandbox=sandbox,
            timeout=timeout,
            limit=limit,
            limits=limits,
            extra=extra,
        )
        locked = outcome.returncode != 0 and LOCKED_MARKER in outcome.log
        if not locked or attempts > LOCK_RETRIES:
            break
        time.sleep(0.5 * 2**attempts)
    graded = graded_notebooks(root, assignment, student)
    ok = outcome.returncode == 0 and not outcome.timed_out and set(expected) <= set(graded)
    return StudentRun(
        student=student,
        ok=ok,
        returncode=outcome.returncode,
        seconds=time.perf_counter() - started,
        log_tail=outcome.log[-LOG_TAIL_CHARS:],
        notebooks_graded=graded,
        attempts=attempts,
        timed_out=outcome.timed_out,
    )


def grade_batch(
    root: Path,
    assignment: str,
    students: Sequence[str],
    *,
    sandbox: bool = True,
    timeout: int = 30,
    limit: int | None = None,
    limits: SandboxLimits = DEFAULT_LIMITS,
    extra: Sequence[str] = (),
) -> dict[str, StudentRun]:
    """Grade `students` in one nbgrader process (paying its 2-3 s start-up once). A student
    whose notebooks are not all there afterwards, or whom nbgrader names in an error (kernel
    died, gradebook locked, the run killed at `limit` x students), is graded again alone
    with `grade_student`, whose result then stands."""
    root = Path(root).resolve()
    expected = set(source_notebooks(root, assignment))
    limit = limit or run_limit(timeout, len(expected))
    outcome = _run_batch(
        root,
        assignment,
        students,
        sandbox=sandbox,
        timeout=timeout,
        limit=limit,
        limits=limits,
        extra=extra,
    )
    share = outcome.seconds / max(1, len(students))
    runs = {}
    for student in students:
        graded = graded_notebooks(root, assignment, student)
        named = f"for student '{student}'" in outcome.log
        if expected <= set(graded) and not named:
            runs[student] = StudentRun(
                student, True, 0, share, outcome.log[-LOG_TAIL_CHARS:], graded
            )
            continue
        alone = grade_student(
            root,
            assignment,
            student,
            sandbox=sandbox,
            timeout=timeout,
            limit=limit,
            limits=limits,
            extra=extra,
        )
        runs[student] = replace(alone, attempts=alone.attempts + 1, seconds=alone.seconds + share)
    return runs


def batchable(root: Path) -> bool:
    """Whether every submitter's id can go into nbgrader's comma-separated exclude list."""
    folder = Path(root) / SUBMITTED_DIR
    return not folder.is_dir() or all("," not in d.name for d in folder.iterdir())


def chunks(students: Sequence[str], workers: int, batch: int) -> list[list[str]]:
    """Students split into runs of at most `batch`, at least one run per worker."""
    if not students:
        return []
    size = max(1, min(batch, -(-len(students) // max(1, workers))))
    return [list(students[i : i + size]) for i in range(0, len(students), size)]


def run_autograde(
    root: Path,
    assignment: str,
    students: Sequence[str],
    *,
    workers: int | None = os.cpu_count(),
    sandbox: bool = True,
    timeout: int = 30,
    progress: Progress | None = None,
    limit: int | None = None,
    limits: SandboxLimits = DEFAULT_LIMITS,
    extra: Sequence[str] = (),
    batch: int = BATCH,
) -> dict[str, StudentRun]:
    """nbgrader's autograde for every student, up to `workers` nbgrader processes at once,
    each from `root` grading up to `batch` students (`batch=1`: one process per student,
    `nbgrader autograde NAME --student=S --force`).

    `timeout` is the per-cell limit (nbgrader's ExecutePreprocessor.timeout); `limit` the
    wall time of one student's run (default `run_limit(timeout)`); `limits` the sandboxed
    kernel's memory and file limits; `extra` further nbgrader options. `progress(student,
    event)` hears "started" and "done in 2.1 s" / "failed in ..." / "timed out after ..."
    (in a batch, a student's seconds are its share of the batch). Returns the runs by
    student, in the order given.
    """
    root = Path(root).resolve()
    if not (root / "nbgrader_config.py").is_file():
        raise FileNotFoundError(
            f"{root} holds no nbgrader_config.py: run from the course root or pass --course DIR"
        )
    options = dict(sandbox=sandbox, timeout=timeout, limit=limit, limits=limits, extra=extra)

    def one_run(chunk: list[str]) -> dict[str, StudentRun]:
        for student in chunk:
            announce(progress, student, "started")
        if len(chunk) == 1:
            runs = {chunk[0]: grade_student(root, assignment, chunk[0], **options)}
        else:
            runs = grade_batch(root, assignment, chunk, **options)
        for run in runs.values():
            if run.timed_out:
                event = f"timed out after {run.seconds:.1f} s"
            else:
                event = f"{'done' if run.ok else 'failed'} in {run.seconds:.1f} s"
            announce(progress, run.student, event)
        return runs

    parts = chunks(students, workers or 1, batch if batchable(root) else 1)
    found: dict[str, StudentRun] = {}
    with ThreadPoolExecutor(max_workers=max(1, min(workers or 1, len(parts) or 1))) as pool:
        for runs in pool.map(one_run, parts):
            found.update(runs)
    return {student: found[student] for student in students}
