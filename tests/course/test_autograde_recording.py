"""The trusted pass when nbgrader's gradebook refuses a student's scores."""

from __future__ import annotations

from autograder.course.autograde import _record_or_zero
from autograder.course.records import PartInfo, ProblemRecord, Record
from autograder.course.trusted import PartResult, StudentResult


def test_a_refused_score_is_reported_and_stops_no_one(course):
    """When the gradebook has no cell for a part, is the student reported as unrecorded with
    what to do, without an exception that would stop the students after them?"""
    part = PartInfo(problem="ghost", id="a", kind="gradient", points=2.0, reveal="diagnosis")
    record = Record(
        assignment="ps1",
        title="ps1",
        layout="denominator",
        salt="s",
        due=None,
        hints=False,
        problems=(ProblemRecord("ghost", "Ghost", 1, (part,), ()),),
    )
    said: list[str] = []
    for student in ("ann", "bob"):
        result = StudentResult(
            "ps1", student, (PartResult("ghost/a", 2.0, 2.0, "correct", "Correct.", "x"),)
        )
        assert _record_or_zero(course, record, result, said.append) is False
    assert sum("the gradebook refused the scores" in line for line in said) == 2
    assert any("re-run autograde" in line for line in said)
