"""The course end to end with real nbgrader commands, kernels, notebooks and gradebook:
release -> simulated submissions -> `matgrade autograde` -> `matgrade feedback`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "course"))

from fixture_bank import PROBLEMS  # noqa: E402

from autograder.bank.grade import grade_part  # noqa: E402
from autograder.course.autograde import sandbox_problem  # noqa: E402
from autograder.course.release import check_release, release  # noqa: E402
from autograder.course.simulated import STUDENTS, submission, write_submission  # noqa: E402

pytestmark = pytest.mark.slow

NAME = "cycle"
UNRULY = ("looper", "flooder")
SPEC = """\
title = "End-to-end fixture"
layout = "denominator"

[[problems]]
id = "fixture-quadratic"

[[problems]]
id = "fixture-choice"
"""


def matgrade(root: Path, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "autograder", *args, "--course", str(root)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def sandbox_flag() -> list[str]:
    return [] if sandbox_problem() is None else ["--no-sandbox"]


def results(root: Path) -> dict[str, dict]:
    folder = root / "results" / NAME
    return {p.stem: json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    shutil.copy(Path(__file__).resolve().parents[2] / "nbgrader_config.py", root)
    (root / "course.toml").write_text('salt = "e2e"\n')
    specs = root / "problem_bank" / "assignments"
    specs.mkdir(parents=True)
    (specs / f"{NAME}.toml").write_text(SPEC)
    released = release(root, NAME, problems=PROBLEMS)
    answers = {s: write_submission(root, released.record, s) for s in (*STUDENTS, *UNRULY)}
    graded = matgrade(root, "autograde", NAME, "--workers", "2", "--timeout", "10", *sandbox_flag())
    matgrade(root, "feedback", NAME)
    return root, released.record, answers, graded.stdout


def test_release_holds_no_secret(course):
    """Does the release pass the leak check, with no solution of any variant in any file?"""
    root, record, _, _ = course
    assert check_release(root / "release" / NAME, record) == []
    text = "".join(p.read_text(errors="replace") for p in (root / "release" / NAME).iterdir())
    for problem in record.problems:
        for index in range(problem.pool):
            for part in problem.variant(index).parts:
                if part.kind == "gradient":
                    assert part.solution not in text


def test_perfect_student_gets_every_point(course):
    """Does a student with every part right get full marks, part by part?"""
    root, record, _, _ = course
    perfect = results(root)["perfect"]
    assert perfect["score"] == perfect["max"] == record.points
    assert {p["diagnosis"] for p in perfect["parts"].values()} == {"correct"}
    notes = {key: answer.note for key, answer in course[2]["perfect"].items()}
    assert notes["fixture-quadratic/a"] == "right (SymPy)"
    assert notes["fixture-quadratic/b"] == "right (NumPy function)"
    assert perfect["parts"]["fixture-quadratic/b"]["answer"] == "a Python function"


def test_layout_student_is_told_the_convention(course):
    """Is the transposed gradient diagnosed as layout, and does the feedback page say so?"""
    root, _, _, _ = course
    part = results(root)["layout"]["parts"]["fixture-quadratic/a"]
    assert part["diagnosis"] == "layout" and part["score"] == 0
    page = (root / "feedback" / "layout" / NAME / f"{NAME}.html").read_text()
    assert "numerator layout" in page and "denominator layout" in page


def test_mixed_and_garbled_students_get_their_diagnoses(course):
    """Are sign, factor and missing-term mistakes and empty or unreadable answers named?"""
    root, _, _, _ = course
    everyone = results(root)
    mixed = {k: p["diagnosis"] for k, p in everyone["mixed"]["parts"].items()}
    assert mixed["fixture-quadratic/a"] == "missing_term"
    assert mixed["fixture-quadratic/b"] == "sign"
    assert mixed["fixture-choice/a"] == "mistake"
    assert {p["diagnosis"] for p in everyone["garbled"]["parts"].values()} == {"parse"}
    assert everyone["mixed"]["score"] == everyone["garbled"]["score"] == 0


def test_cheater_gets_exactly_what_its_answers_earn(course):
    """Do monkeypatching, fake captures and edited test cells earn nothing beyond the answers?"""
    root, record, _, _ = course
    cheater = results(root)["cheater"]
    for problem in record.problems:
        variant = record.variant_for(problem.id, "cheater")
        for info in problem.parts:
            answer = json.loads(json.dumps(cheater["parts"][info.key]["answer"]))
            earned = grade_part(variant.part(info.id), answer).score * info.points
            assert cheater["parts"][info.key]["score"] == earned == 0
    assert cheater["score"] == 0
    released = __import__("nbformat").read(root / "release" / NAME / f"{NAME}.ipynb", 4)
    notebook, _ = submission(record, "cheater", released)
    assert any("_capture.encode = _claim" in c.source for c in notebook.cells)


def test_crasher_keeps_the_part_answered_before_its_kernel_died(course):
    """Is the part captured before os._exit graded, and every later part missing, with why?"""
    root, _, _, _ = course
    parts = results(root)["crasher"]["parts"]
    assert parts["fixture-quadratic/a"]["diagnosis"] == "correct"
    assert parts["fixture-quadratic/a"]["score"] == 2
    for key in ("fixture-quadratic/b", "fixture-choice/a"):
        assert parts[key]["diagnosis"] == "missing"
        assert "did not run" in parts[key]["feedback"]


def test_endless_and_flooding_cells_stop_no_one(course):
    """Are students whose code loops forever or floods the output graded like anyone else?"""
    root, record, _, _ = course
    everyone = results(root)
    for student in UNRULY:
        assert everyone[student]["score"] == record.points
    assert everyone["perfect"]["score"] == record.points


def test_gradebook_holds_the_trusted_scores(course):
    """Does nbgrader's gradebook carry the trusted pass's totals, not nbgrader's own zeros?"""
    from nbgrader.api import Gradebook

    root, _, _, _ = course
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        totals = {s: gradebook.find_submission(NAME, s).score for s in STUDENTS}
    everyone = results(root)
    assert totals == {s: everyone[s]["score"] for s in STUDENTS}


def test_regrade_is_idempotent_and_one_student_alone(course):
    """Does re-running give the same results, and --student touch no one else's?"""
    root, _, _, _ = course
    before = results(root)
    others = {
        p: p.stat().st_mtime_ns
        for p in (root / "results" / NAME).glob("*.json")
        if p.stem != "perfect"
    }
    matgrade(root, "autograde", NAME, "--student", "perfect", *sandbox_flag())
    assert {p: p.stat().st_mtime_ns for p in others} == others
    assert results(root) == before
    matgrade(root, "autograde", NAME, *sandbox_flag())
    assert results(root) == before


def test_feedback_pages_exist_for_everyone(course):
    """Does every student get a feedback page with the verdict of each part?"""
    root, record, _, _ = course
    for student in STUDENTS:
        page = (root / "feedback" / student / NAME / f"{NAME}.html").read_text()
        assert page.count("matgrade:") >= len(record.parts)
        assert "BEGIN HIDDEN TESTS" not in page and "BEGIN SOLUTION" not in page
    assert os.path.isdir(root / "autograded" / "crasher" / NAME)


def test_manual_grade_survives_a_regrade(course):
    """Does a score an instructor entered in the formgrader outlast `matgrade autograde`?"""
    from nbgrader.api import Gradebook

    root, record, _, _ = course
    grade_id = record.parts[0].grade_id
    url = f"sqlite:///{root / 'gradebook.db'}"
    with Gradebook(url) as gradebook:
        grade = gradebook.find_grade(grade_id, NAME, NAME, "garbled")
        grade.manual_score = 1.5
        gradebook.db.commit()
    matgrade(root, "autograde", NAME, "--student", "garbled", *sandbox_flag())
    with Gradebook(url) as gradebook:
        grade = gradebook.find_grade(grade_id, NAME, NAME, "garbled")
        assert grade.manual_score == 1.5 and grade.auto_score == 0
        assert gradebook.find_submission(NAME, "garbled").score == 1.5
