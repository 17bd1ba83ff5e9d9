"""Fixtures of the report tests: the simulated class (see classroom.py) and its report."""

from __future__ import annotations

import pytest
from classroom import ASSIGNMENT, Classroom, build_classroom


@pytest.fixture(scope="session")
def classroom(tmp_path_factory) -> Classroom:
    return build_classroom(tmp_path_factory.mktemp("course"))


@pytest.fixture(scope="session")
def report(classroom):
    """The report of the class, made once with the engine if there is one, and written."""
    from autograder.report import make_report, write_report

    made = make_report(classroom.course, ASSIGNMENT)
    page, csv = write_report(made, classroom.course / "reports" / ASSIGNMENT)
    return made, page, csv
