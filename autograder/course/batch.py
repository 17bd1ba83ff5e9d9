"""nbgrader's autograde for several students in one process, through nbgrader's own API.

`matgrade autograde` starts one of these per worker, so nbgrader's start-up (1-2 s of imports
and configuration) is paid once per worker instead of once per student. Each student gets a
fresh private runtime folder (the confined kernel's connection file and sockets) and a time
limit for the whole submission. One JSON line per student on stdout reports the outcome:

    {"student": "ann", "outcome": "done" | "failed" | "timed out", "seconds": 2.1}

Usage: python -m autograder.course.batch ROOT ASSIGNMENT TIMEOUT LIMIT KERNEL_DATA|- STUDENT...
"""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path


class _OutOfTime(Exception):
    """The submission ran past its time limit."""


def _config(root: Path, timeout: int):
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    config.ExecutePreprocessor.timeout = timeout
    config.CourseDirectory.root = str(root)
    return config


def _autograde_one(root: Path, assignment: str, student: str, config, kernel_data: str | None):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    if kernel_data is not None:
        from autograder.course import confine

        runtime = Path(tempfile.mkdtemp(dir=kernel_data, prefix="run-"))
        os.environ.update(confine.runtime_environment(Path(kernel_data), runtime))
        config.ExecutePreprocessor.kernel_name = confine.KERNEL_NAME
        config.KernelManager.transport = "ipc"
        config.KernelManager.connection_file = str(runtime / "kernel.json")
    coursedir = CourseDirectory(config=config)
    api = NbGraderAPI(coursedir=coursedir, config=config)
    return api.autograde(assignment, student, force=True, create=True)


def main(argv: list[str]) -> int:
    if len(argv) < 6:
        print(__doc__, file=sys.stderr)
        return 2
    root, assignment, timeout, limit, kernel_data, *students = argv
    root_path = Path(root).resolve()
    os.chdir(root_path)
    kernel_dir = None if kernel_data == "-" else kernel_data

    def out_of_time(signum, frame):
        raise _OutOfTime

    signal.signal(signal.SIGALRM, out_of_time)
    for student in students:
        started = time.perf_counter()
        outcome = "failed"
        try:
            signal.alarm(int(limit))
            config = _config(root_path, int(timeout))
            result = _autograde_one(root_path, assignment, student, config, kernel_dir)
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
