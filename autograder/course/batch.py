"""nbgrader's autograde for several students in one process, through nbgrader's own API.

`matgrade autograde` starts one of these per worker, so nbgrader's start-up (1-2 s of imports
and configuration) is paid once per worker instead of once per student. Each student gets a
sandbox of its own (`sandbox.prepare_sandbox`: a kernelspec, and a private runtime folder for
the connection file and its ipc sockets), a retry while SQLite says the gradebook is locked,
and a time limit for the whole submission. One JSON line per student on stdout tells the outcome:

    {"student": "ann", "outcome": "done" | "failed" | "timed out", "seconds": 2.1}

Usage: python -m autograder.course.batch ROOT ASSIGNMENT TIMEOUT LIMIT sandbox|- STUDENT...
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

LOCK_RETRIES = 4


class _OutOfTime(Exception):
    """The submission ran past its time limit."""


def _config(root: Path, timeout: int):
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    config.ExecutePreprocessor.timeout = timeout
    config.CourseDirectory.root = str(root)
    return config


def prepare(folder: Path, submission: Path):
    """The sandbox (infra's `prepare_sandbox`) for grading `submission`, in `folder`."""
    from autograder.course.sandbox import prepare_sandbox

    return prepare_sandbox(folder, submission)


def _autograde_one(root: Path, assignment: str, student: str, timeout: int, sandboxed: bool):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    saved = dict(os.environ)
    scratch = Path(tempfile.mkdtemp(prefix="matgrade-batch-"))
    try:
        config = _config(root, timeout)
        if sandboxed:
            run = prepare(scratch, root / "autograded" / student / assignment)
            os.environ.update(run.environment(saved))
            config.ExecutePreprocessor.kernel_name = run.kernel_name
            config.KernelManager.transport = "ipc"
            config.KernelManager.connection_file = str(run.connection_file)
        api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
        return api.autograde(assignment, student, force=True, create=True)
    finally:
        os.environ.clear()
        os.environ.update(saved)
        shutil.rmtree(scratch, ignore_errors=True)


def _with_retries(root: Path, assignment: str, student: str, timeout: int, sandboxed: bool):
    for attempt in range(LOCK_RETRIES + 1):
        result = _autograde_one(root, assignment, student, timeout, sandboxed)
        said = f"{result.get('log', '')}{result.get('error', '')}"
        if result.get("success") or "database is locked" not in said:
            return result
        time.sleep(0.5 * 2**attempt)
    return result


def main(argv: list[str]) -> int:
    if len(argv) < 6:
        print(__doc__, file=sys.stderr)
        return 2
    root, assignment, timeout, limit, sandbox, *students = argv
    root_path = Path(root).resolve()
    os.chdir(root_path)

    def out_of_time(signum, frame):
        raise _OutOfTime

    signal.signal(signal.SIGALRM, out_of_time)
    for student in students:
        started = time.perf_counter()
        outcome = "failed"
        try:
            signal.alarm(int(limit))
            result = _with_retries(root_path, assignment, student, int(timeout), sandbox != "-")
            outcome = "done" if result.get("success") else "failed"
        except _OutOfTime:
            outcome = "timed out"
        except Exception as error:  # noqa: BLE001 - one student's failure stops no one else
            print(f"{student}: {type(error).__name__}: {error}", file=sys.stderr)
        finally:
            signal.alarm(0)
        seconds = time.perf_counter() - started
        if seconds >= int(limit):  # nbgrader may have caught the alarm as a failure
            outcome = "timed out"
        line = {"student": student, "outcome": outcome, "seconds": round(seconds, 2)}
        print(json.dumps(line), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
