"""nbgrader's feedback pages, and the search for what they must not show."""

from __future__ import annotations

import pytest

from autograder.course.nbfeedback import (
    check_feedback,
    feedback_command,
    find_leaks,
    hidden_test_code,
)
from autograder.course.runner import run_autograde
from autograder.course.sandbox import sandbox_problem

SANDBOX = sandbox_problem() is None
TRICKSTER = (
    "class Sly:\n"
    "    def __eq__(self, other):\n"
    "        return True\n"
    "    def __mul__(self, other):\n"
    "        return 0\n"
    "answer = Sly()"
)
"""Passes the visible test and fails the hidden one, whose line the traceback then prints."""


def test_a_highlighted_expression_is_still_found(tmp_path):
    """Do tags, entities and line breaks inside syntax-highlighted code hide a forbidden
    expression from the search?"""
    page = tmp_path / "p.html"
    page.write_text(
        '<pre><span class="mi">2</span> <span class="o">*</span> <span class="n">A</span>'
        '<span class="o">.</span><span class="n">T</span>\n<span class="o">@</span> x'
        "</pre><p>a &lt; b &amp;&amp; c</p>"
    )
    leaks = find_leaks([page], ["2 * A.T @ x", "a<b&&c", "3 * A.T @ x"])
    assert [leak.needle for leak in leaks] == ["2 * A.T @ x", "a<b&&c"]
    assert "A.T" in leaks[0].context


def test_a_short_forbidden_string_is_refused(tmp_path):
    """Is a forbidden string too short to mean anything refused with what to do?"""
    with pytest.raises(ValueError, match="longer, distinctive"):
        find_leaks([], ["x.T"])


def test_hidden_test_lines_are_read_from_the_source(course, hidden_test):
    """Are the lines of the source's hidden test regions what the check searches for?"""
    assert hidden_test_code(course, "ps1") == [hidden_test]


def test_the_command_adds_clear_hidden_tests_to_nbgraders_pipeline():
    """Does generate_feedback run with ClearHiddenTests only when asked?"""
    assert any("ClearHiddenTests" in a for a in feedback_command("ps1", "ann", True))
    assert not any("ClearHiddenTests" in a for a in feedback_command("ps1", "ann", False))


@pytest.mark.slow
def test_feedback_pages_show_hidden_tests_unless_cleared_and_tracebacks_anyway(
    course, submit_answer, hidden_test
):
    """Does nbgrader's plain feedback show the hidden test, does clearing hidden tests remove
    it from the cell's code, and does a traceback from the hidden line still show it (so the
    check must be run on every page)?"""
    from autograder.course.nbfeedback import generate_feedback

    submit_answer(course, "ann")
    submit_answer(course, "sly", TRICKSTER)
    assert all(r.ok for r in run_autograde(course, "ps1", ["ann", "sly"], sandbox=SANDBOX).values())
    plain = generate_feedback(course, "ps1", clear_hidden_tests=False)
    assert plain["*"].ok and len(plain["*"].pages) == 2
    shown = {leak.page.parent.parent.name for leak in check_feedback(course, "ps1")}
    assert shown == {"ann", "sly"}
    cleared = generate_feedback(course, "ps1", ["ann", "sly"])
    assert all(run.ok for run in cleared.values())
    leaks = check_feedback(course, "ps1", ["ann", "sly"])
    assert [(leak.page.parent.parent.name, leak.needle) for leak in leaks] == [("sly", hidden_test)]
    assert check_feedback(course, "ps1", ["ann"], forbidden=["answer == 42"])
