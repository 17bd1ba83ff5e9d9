"""nbgrader's autograde pass, one `nbgrader autograde NAME --student=S --force` process per
student, several at once, each student's kernels in their own sandbox.

A student whose run fails stops no one else. A run that failed because SQLite said "database
is locked" is retried with backoff. A run past its wall-time limit is killed (its whole
process group: nbgrader and, through bwrap's --die-with-parent, the kernel).
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
from dataclasses import dataclass
from pathlib import Path

from autograder.course.sandbox import DEFAULT_LIMITS, SandboxLimits, prepare_sandbox

AUTOGRADED_DIR = "autograded"
SOURCE_DIR = "source"
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
) -> tuple[int, str, bool]:
    """One nbgrader process for `student`: (returncode, log tail, timed out)."""
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
        log = folder / "nbgrader.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                autograde_command(assignment, student, timeout, options),
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
        tail = _tail(log)
        if timed_out:
            tail += f"\nmatgrade: killed after {limit} s (the run's wall-time limit)"
        return returncode, tail, timed_out
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
        returncode, tail, timed_out = _run_once(
            root,
            assignment,
            student,
            sandbox=sandbox,
            timeout=timeout,
            limit=limit,
            limits=limits,
            extra=extra,
        )
        locked = returncode != 0 and LOCKED_MARKER in tail
        if not locked or attempts > LOCK_RETRIES:
            break
        time.sleep(0.5 * 2**attempts)
    graded = graded_notebooks(root, assignment, student)
    ok = returncode == 0 and not timed_out and set(expected) <= set(graded)
    return StudentRun(
        student=student,
        ok=ok,
        returncode=returncode,
        seconds=time.perf_counter() - started,
        log_tail=tail,
        notebooks_graded=graded,
        attempts=attempts,
        timed_out=timed_out,
    )


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
) -> dict[str, StudentRun]:
    """nbgrader's autograde for every student, up to `workers` at once, each from `root`.

    `timeout` is the per-cell limit (nbgrader's ExecutePreprocessor.timeout); `limit` the
    wall time of one student's whole run (default `run_limit(timeout)`); `limits` the sandboxed
    kernel's memory and file limits; `extra` further nbgrader options. `progress(student,
    event)` hears "started" and "done in 2.1 s" / "failed in ..." / "timed out after ...".
    Returns the runs by student, in the order given.
    """
    root = Path(root).resolve()
    if not (root / "nbgrader_config.py").is_file():
        raise FileNotFoundError(
            f"{root} holds no nbgrader_config.py: run from the course root or pass --course DIR"
        )

    def one(student: str) -> StudentRun:
        announce(progress, student, "started")
        run = grade_student(
            root,
            assignment,
            student,
            sandbox=sandbox,
            timeout=timeout,
            limit=limit,
            limits=limits,
            extra=extra,
        )
        if run.timed_out:
            event = f"timed out after {run.seconds:.1f} s"
        else:
            event = f"{'done' if run.ok else 'failed'} in {run.seconds:.1f} s"
        announce(progress, student, event)
        return run

    count = max(1, min(workers or 1, len(students) or 1))
    with ThreadPoolExecutor(max_workers=count) as pool:
        runs = list(pool.map(one, students))
    return {run.student: run for run in runs}
