"""Scores in nbgrader's real SQLite gradebook: written by matgrade, read by nbgrader's API,
and instructors' manual grades kept through a re-grade."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest
from nbgrader.api import Gradebook

from autograder.course.gradebook import (
    GradebookError,
    gradebook_url,
    read_comments,
    read_scores,
    record_scores,
    total_score,
)
from autograder.course.runner import run_autograde
from autograder.course.sandbox import sandbox_problem

CHECK = ("ps1", "check")
ANSWER = ("ps1", "answer")
SANDBOX = sandbox_problem() is None


def test_the_database_is_the_one_nbgrader_config_names(tmp_path):
    """Is the gradebook the root's gradebook.db by default, and the config's db_url (relative
    SQLite paths taken from the root) when it names one?"""
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n")
    assert gradebook_url(tmp_path) == f"sqlite:///{tmp_path.resolve() / 'gradebook.db'}"
    (tmp_path / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.db_url = 'sqlite:///grades/book.db'\n"
    )
    assert gradebook_url(tmp_path) == f"sqlite:///{tmp_path.resolve() / 'grades/book.db'}"


def test_recorded_scores_are_what_nbgrader_reads(course):
    """Does record_scores set auto_score and clear needs_manual_grade so that nbgrader's own
    API reports the score, creating the submission's rows when nbgrader never made them?"""
    done = record_scores(course, "ps1", "ann", {CHECK: 1.5}, {ANSWER: "layout error in (a)"})
    assert done.scores == (CHECK,) and done.comments == (ANSWER,)
    with Gradebook(gradebook_url(course)) as gradebook:
        grade = gradebook.find_grade("check", "ps1", "ps1", "ann")
        assert (grade.auto_score, grade.needs_manual_grade, grade.score) == (1.5, False, 1.5)
        assert gradebook.find_submission("ps1", "ann").score == 1.5
    assert read_comments(course, "ps1", "ann")[ANSWER] == ("layout error in (a)", None)


def test_a_comment_for_a_plain_grade_cell_is_reported_not_lost_silently(course):
    """Is a comment keyed by a grade cell without a comment row reported back?"""
    done = record_scores(course, "ps1", "ann", {CHECK: 2.0}, {CHECK: "well done"})
    assert done.comments == () and done.comments_without_cell == (CHECK,)


def test_unknown_cells_and_impossible_scores_are_refused(course):
    """Does a score for a cell the gradebook lacks, or above the cell's points, raise with
    what to do, leaving the gradebook as it was?"""
    record_scores(course, "ps1", "ann", {CHECK: 2.0})
    with pytest.raises(GradebookError, match="no grade cell ps1/capture-x"):
        record_scores(course, "ps1", "ann", {CHECK: 0.0, ("ps1", "capture-x"): 1.0})
    with pytest.raises(GradebookError, match="outside 0..2.0"):
        record_scores(course, "ps1", "ann", {CHECK: 3.0})
    with pytest.raises(GradebookError, match="no assignment 'ps9'"):
        record_scores(course, "ps9", "ann", {CHECK: 1.0})
    assert read_scores(course, "ps1", "ann")[CHECK].auto_score == 2.0


def test_concurrent_writers_lose_no_score(course):
    """Do eight threads recording different students at once all land?"""
    students = [f"s{i}" for i in range(8)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda s: record_scores(course, "ps1", s, {CHECK: 1.0}), students))
    assert all(total_score(course, "ps1", s) == 1.0 for s in students)


def test_a_missing_gradebook_says_what_to_do(course):
    """Without a gradebook, does record_scores say to release and autograde first?"""
    (course / "gradebook.db").unlink()
    with pytest.raises(GradebookError, match="generate_assignment"):
        record_scores(course, "ps1", "ann", {CHECK: 1.0})


@pytest.mark.slow
def test_a_manual_grade_survives_a_regrade(course, submit_answer):
    """After an instructor's manual score, extra credit and comment in the formgrader, do a
    re-run of nbgrader autograde --force and record_scores keep all three, with nbgrader's
    total still the manual one?"""
    submit_answer(course, "bob", "answer = 41")
    assert run_autograde(course, "ps1", ["bob"], sandbox=SANDBOX)["bob"].ok
    with Gradebook(gradebook_url(course)) as gradebook:
        grade = gradebook.find_grade("check", "ps1", "ps1", "bob")
        grade.manual_score, grade.extra_credit = 1.5, 0.25
        gradebook.find_comment("answer", "ps1", "ps1", "bob").manual_comment = "see me"
        gradebook.db.commit()
    assert run_autograde(course, "ps1", ["bob"], sandbox=SANDBOX)["bob"].ok
    after_nbgrader = read_scores(course, "ps1", "bob")[CHECK]
    assert (after_nbgrader.auto_score, after_nbgrader.manual_score) == (0.0, 1.5)
    record_scores(course, "ps1", "bob", {CHECK: 0.5}, {ANSWER: "sign error"})
    cell = read_scores(course, "ps1", "bob")[CHECK]
    assert (cell.auto_score, cell.manual_score, cell.extra_credit) == (0.5, 1.5, 0.25)
    assert read_comments(course, "ps1", "bob")[ANSWER] == ("sign error", "see me")
    with Gradebook(gradebook_url(course)) as gradebook:
        assert gradebook.find_submission("ps1", "bob").score == 1.75


def test_the_fixture_course_is_a_private_copy(course, released_course):
    """Is each test's course a copy, so a test's grades never reach another's?"""
    assert course != released_course and (course / "gradebook.db").is_file()
    shutil.rmtree(course / "source")
    assert (released_course / "source").is_dir()
