"""nbgrader's autograde run per student, in parallel, with real nbgrader processes, kernels,
SQLite gradebook and (where bwrap runs) the sandbox."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from autograder.course.gradebook import total_score
from autograder.course.runner import (
    announce,
    autograde_command,
    batchable,
    chunks,
    run_autograde,
)
from autograder.course.sandbox import sandbox_problem

SANDBOX = sandbox_problem() is None
"""Grade in the sandbox where it can start; the sandbox's own tests skip where it cannot."""


def test_the_command_regrades_one_student_with_a_cell_timeout():
    """Does each run name one student, force a re-grade and carry the cell timeout?"""
    command = autograde_command("ps1", "ann", 7)
    assert command[command.index("autograde") + 1 :] == [
        "ps1",
        "--student=ann",
        "--force",
        "--ExecutePreprocessor.timeout=7",
    ]


def test_students_are_split_into_batches_for_every_worker():
    """Does every worker get a batch, no batch exceed its size, and no student go missing?"""
    students = [f"s{i}" for i in range(19)]
    assert chunks(students, 2, 8) == [students[0:8], students[8:16], students[16:19]]
    assert chunks(students[:3], 2, 8) == [students[0:2], students[2:3]]
    assert chunks(students[:3], 4, 8) == [[s] for s in students[:3]]
    assert chunks([], 2, 8) == []


def test_an_id_with_a_comma_turns_batches_off(tmp_path):
    """Is batching refused when a submitter's id would break nbgrader's exclude list?"""
    (tmp_path / "submitted" / "ann").mkdir(parents=True)
    assert batchable(tmp_path)
    (tmp_path / "submitted" / "bob,cyd").mkdir()
    assert not batchable(tmp_path)


def test_progress_takes_one_or_two_arguments():
    """Does a one-argument progress callable get a line, a two-argument one the pair?"""
    lines, pairs = [], []
    announce(lines.append, "ann", "started")
    announce(lambda student, event: pairs.append((student, event)), "ann", "started")
    assert lines == ["ann: started"] and pairs == [("ann", "started")]


@pytest.mark.slow
def test_parallel_grades_equal_sequential_grades(course, submit_answer):
    """Do three students graded at once get the same gradebook totals as one after another,
    and does progress hear each start and end?"""
    answers = {"ann": "answer = 42", "bob": "answer = 41", "cyd": "answer = 6 * 7"}
    for student, code in answers.items():
        submit_answer(course, student, code)
    events: list[tuple[str, str]] = []
    sequential = run_autograde(course, "ps1", list(answers), workers=1, sandbox=SANDBOX)
    first = {s: total_score(course, "ps1", s) for s in answers}
    started = time.perf_counter()
    parallel = run_autograde(
        course,
        "ps1",
        list(answers),
        workers=3,
        sandbox=SANDBOX,
        progress=lambda student, event: events.append((student, event)),
    )
    wall = time.perf_counter() - started
    second = {s: total_score(course, "ps1", s) for s in answers}
    assert first == second == {"ann": 2.0, "bob": 0.0, "cyd": 2.0}
    assert all(run.ok and run.notebooks_graded == ("ps1",) for run in parallel.values())
    assert all(run.ok for run in sequential.values())
    assert wall < sum(run.seconds for run in parallel.values())  # they did overlap
    assert sorted(s for s, e in events if e == "started") == sorted(answers)
    assert sorted(s for s, e in events if e.startswith("done in")) == sorted(answers)


@pytest.mark.slow
def test_an_endless_loop_times_out_and_the_others_are_graded(course, submit_answer):
    """Is a student's endless loop interrupted after the cell timeout, scored 0, while another
    student is graded at the same time?"""
    submit_answer(course, "loop", "while True:\n    pass\nanswer = 42")
    submit_answer(course, "ann")
    runs = run_autograde(course, "ps1", ["loop", "ann"], workers=2, sandbox=SANDBOX, timeout=5)
    assert runs["ann"].ok and total_score(course, "ps1", "ann") == 2.0
    assert runs["loop"].seconds < 60 and not runs["loop"].timed_out
    assert "Timeout waiting for execute reply" in runs["loop"].log_tail
    assert total_score(course, "ps1", "loop") == 0.0


@pytest.mark.slow
def test_a_run_past_its_wall_time_is_killed(course, submit_answer):
    """Is a whole run that outlasts `limit` killed and reported, with no notebook kept?"""
    submit_answer(course, "slow", "import time\ntime.sleep(120)\nanswer = 42")
    started = time.perf_counter()
    runs = run_autograde(course, "ps1", ["slow"], sandbox=SANDBOX, timeout=300, limit=8)
    assert time.perf_counter() - started < 30
    run = runs["slow"]
    assert run.timed_out and not run.ok and run.returncode != 0
    assert "wall-time limit" in run.log_tail


@pytest.mark.slow
def test_a_killed_kernel_fails_its_student_only(course, submit_answer):
    """Does os._exit in one student's kernel leave the others graded, and does nbgrader drop
    that submission's executed notebook entirely (nothing left to grade from)?"""
    submit_answer(course, "ann")
    submit_answer(course, "crash", "answer = 42\nimport os\nos._exit(3)")
    submit_answer(course, "bob", "answer = 41")
    runs = run_autograde(course, "ps1", ["ann", "crash", "bob"], workers=2, sandbox=SANDBOX)
    assert runs["ann"].ok and runs["bob"].ok
    crash = runs["crash"]
    assert not crash.ok and crash.returncode != 0 and crash.notebooks_graded == ()
    assert crash.attempts == 2  # failed in its batch with ann, then alone
    assert "DeadKernelError" in crash.log_tail
    assert "Removing failed assignment" in crash.log_tail
    assert not (course / "autograded" / "crash" / "ps1").exists()
    assert not list(course.rglob("crash/**/*.ipynb"))[1:]  # only submitted/ holds a notebook
    assert total_score(course, "ps1", "ann") == 2.0 and total_score(course, "ps1", "bob") == 0


@pytest.mark.slow
def test_a_locked_gradebook_is_waited_out(course, submit_answer):
    """When another writer holds the SQLite gradebook past nbgrader's busy timeout, does the
    student's run fail with "database is locked" and succeed when retried?"""
    submit_answer(course, "ann")
    holder = sqlite3.connect(course / "gradebook.db", isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(8, holder.rollback)
    release.start()
    try:
        runs = run_autograde(course, "ps1", ["ann"], sandbox=SANDBOX)
    finally:
        release.cancel()
        holder.close()
    assert runs["ann"].ok and runs["ann"].attempts >= 2
    assert total_score(course, "ps1", "ann") == 2.0
