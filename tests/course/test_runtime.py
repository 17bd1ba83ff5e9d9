"""The student runtime: whose variant a notebook shows, and the self-check's words."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_bank import PROBLEMS
from test_records import SPEC

from autograder.course.build import build
from autograder.course.records import make_record
from autograder.course.runtime import Notebook, display_student, nbgrader_user


@pytest.mark.parametrize(
    ("environ", "cwd", "user", "student"),
    [
        ({}, "/home/ann/hw", "ann", "ann"),
        ({"JUPYTERHUB_USER": "bob"}, "/home/jovyan/hw", "jovyan", "bob"),
        ({"JUPYTERHUB_USER": "bob"}, "/home/ann/hw", "ann", "ann"),
        ({"MATGRADE_STUDENT": "cy"}, "/home/ann/hw", "ann", "cy"),
        (
            {"MATGRADE_STUDENT": "cy", "JUPYTERHUB_USER": "bob"},
            "/c/autograded/dee/hw",
            "root",
            "dee",
        ),
    ],
)
def test_identity_follows_nbgrader_and_the_grading_folder(environ, cwd, user, student):
    """Is the variant shown the one nbgrader submit's rule (or the grading folder) names?"""
    assert display_student(environ, Path(cwd), user)[0] == student


def test_jovyan_without_hub_user_stays_jovyan():
    """Does a lone jovyan keep its own name, as nbgrader does?"""
    assert nbgrader_user({}, "jovyan") == "jovyan"


@pytest.fixture(scope="module")
def notebook(tmp_path_factory):
    record = make_record(SPEC, PROBLEMS, "salt-1")
    folder = build(tmp_path_factory.mktemp("course"), record).parent
    loaded = Notebook.load(folder)
    return record, Notebook(loaded.public, "erin", "a test")


def test_self_check_says_right_without_showing_the_solution(notebook, capsys):
    """Does the self-check confirm a right answer and keep the solution out of its words?"""
    record, mg = notebook
    solution = record.variant_for("fixture-quadratic", "erin").part("a").solution
    mg.check("fixture-quadratic/a", solution)
    said = capsys.readouterr().out
    assert said.startswith("✓") and solution not in said
    mg.check("fixture-quadratic/a", f"({solution}).T")
    said = capsys.readouterr().out
    assert said.startswith("✗") and "layout" in said and solution not in said


def test_self_check_is_off_for_choices_and_asks_for_an_answer(notebook, capsys):
    """Does a choice part give no verdict, and an unanswered part a hint to answer?"""
    _, mg = notebook
    mg.check("fixture-choice/a", "a")
    assert "graded after" in capsys.readouterr().out
    mg.check("fixture-quadratic/a", None)
    assert "no answer yet" in capsys.readouterr().out


def test_statement_shows_the_students_own_variant(notebook, capsys):
    """Is the statement the student's variant, with every part's prompt and points?"""
    record, mg = notebook
    mg.statement("fixture-quadratic")
    shown = capsys.readouterr().out
    assert record.variant_for("fixture-quadratic", "erin").statement.splitlines()[0] in shown
    assert "**(a)**" in shown and "**(b)**" in shown and "3 points" in shown
