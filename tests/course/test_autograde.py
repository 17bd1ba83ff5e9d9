"""Autograde's own pieces: which submissions, and how a dropped one is prepared to run again."""

from __future__ import annotations

import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from autograder.course.autograde import autograde, sanitized, submitted_students


def cell(grade_id: str | None, source: str):
    made = new_code_cell(source)
    if grade_id:
        made.metadata["nbgrader"] = {"grade_id": grade_id, "locked": True}
    made.outputs = [new_output("stream", name="stdout", text="old")]
    made.execution_count = 4
    return made


def test_sanitized_restores_locked_cells_and_keeps_the_first_of_an_id():
    """Before a re-run, are edited locked cells restored, duplicates dropped, outputs cleared?"""
    notebook = new_notebook(
        cells=[
            cell("setup", "import evil"),
            cell(None, "answer = 1"),
            cell("capture-p-a", "print('full marks')\n100"),
            cell("capture-p-a", "mg.capture('p/a', 'forged')\n0"),
        ]
    )
    locked = {"setup": "mg = load()", "capture-p-a": 'mg.capture("p/a", answer)\n0'}
    clean = sanitized(notebook, locked)
    assert [c.source for c in clean.cells] == [
        "mg = load()",
        "answer = 1",
        'mg.capture("p/a", answer)\n0',
    ]
    assert all(c.outputs == [] and c.execution_count is None for c in clean.cells)


def test_students_are_picked_by_glob(tmp_path):
    """Does --student GLOB select exactly the matching submissions of this assignment?"""
    for student in ("ann", "anna", "bob"):
        (tmp_path / "submitted" / student / "hw").mkdir(parents=True)
    (tmp_path / "submitted" / "cy" / "other").mkdir(parents=True)
    assert submitted_students(tmp_path, "hw") == ["ann", "anna", "bob"]
    assert submitted_students(tmp_path, "hw", "ann*") == ["ann", "anna"]


def test_no_record_or_no_submission_says_what_to_do(tmp_path):
    """Without a release record or without submissions, is the instructor told what to run?"""
    from autograder.course.records import RecordError

    with pytest.raises(RecordError, match="matgrade release hw"):
        autograde(tmp_path, "hw", sandbox=False)


def test_refuses_without_a_sandbox_unless_told(tmp_path, monkeypatch):
    """Where no sandbox can start, does autograde refuse and name --no-sandbox?"""
    from fixture_bank import PROBLEMS
    from test_records import SPEC

    from autograder.course import autograde as module
    from autograder.course.records import make_record, write_record

    write_record(tmp_path, make_record(SPEC, PROBLEMS, "salt"))
    (tmp_path / "submitted" / "ann" / "hw").mkdir(parents=True)
    monkeypatch.setattr(module, "sandbox_problem", lambda: "bwrap is not installed")
    with pytest.raises(module.AutogradeError, match="--no-sandbox") as raised:
        autograde(tmp_path, "hw", progress=lambda line: None)
    assert "bwrap is not installed" in str(raised.value)


def test_a_failing_trusted_pass_fails_closed(tmp_path, monkeypatch):
    """If grading one student breaks, are that student's parts recorded 0 and missing?"""
    from fixture_bank import PROBLEMS
    from test_records import SPEC

    from autograder.course import autograde as module
    from autograder.course.records import make_record

    record = make_record(SPEC, PROBLEMS, "salt")
    written = {}

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(module.trusted, "grade_student", broken)
    monkeypatch.setattr(
        module,
        "record_in_gradebook",
        lambda root, record, result: written.update({result.student: result}),
    )
    module._trusted_pass(tmp_path, record, ["ann"], False, 10, lambda line: None)
    assert written["ann"].score == 0
    assert {p.diagnosis for p in written["ann"].parts} == {"missing"}
    assert (tmp_path / "results" / "hw" / "ann.json").is_file()
