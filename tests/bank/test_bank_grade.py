"""Tests of grade_part: every part kind, follow-through against the student's own earlier
answer, and Cookbook references in feedback."""

import pytest

from autograder.bank.grade import grade_part
from autograder.bank.registry import get


def part(problem_id, part_id="a", index=0, layout="denominator"):
    return get(problem_id).variant(index, layout).part(part_id)


@pytest.mark.parametrize(
    "answer, correct, diagnosis",
    [
        ("(A + A.T) @ x", True, "correct"),
        ("A x + A^T x", True, "correct"),
        ("2 * A @ x", False, "symmetric"),
        ("A @ x", False, None),
        ("", False, "parse"),
    ],
)
def test_gradient_parts_go_through_check(answer, correct, diagnosis):
    """Is a gradient part graded by the engine, with declared mistakes' feedback?"""
    result = grade_part(part("quadratic-form"), answer)
    assert result.correct is correct
    if diagnosis:
        assert result.diagnosis == diagnosis
    if answer == "A @ x":
        assert "product rule" in result.feedback


@pytest.mark.parametrize(
    "answer, correct, diagnosis",
    [
        ("m x n", True, "correct"),
        ("m×n", True, "correct"),
        ("(m, n)", True, "correct"),
        ("m by n", True, "correct"),
        ("$m \\times n$", True, "correct"),
        ("n x m", False, "layout"),
        ("1 x 1", False, "mistake"),
        ("m x m", False, "shape"),
        ("square", False, "parse"),
        ("", False, "parse"),
    ],
)
def test_shape_parts_accept_the_usual_spellings(answer, correct, diagnosis):
    """Are 'm x n', 'm×n', '(m, n)' ... read as shapes, and the other layout named?"""
    result = grade_part(part("layout-shapes"), answer)
    assert (result.correct, result.diagnosis) == (correct, diagnosis)


def test_shape_parts_follow_the_layout():
    """Is the shape of a vector gradient 1 x n in numerator layout and n x 1 otherwise?"""
    assert grade_part(part("layout-shapes", "b"), "n x 1").correct
    assert grade_part(part("layout-shapes", "b", layout="numerator"), "1 x n").correct
    assert not grade_part(part("layout-shapes", "b", layout="numerator"), "n x 1").correct


@pytest.mark.parametrize(
    "answer, correct, diagnosis",
    [
        ("a", True, "correct"),
        ("A", True, "correct"),
        ("(a)", True, "correct"),
        ("b", False, "mistake"),
        ("e", False, "parse"),
    ],
)
def test_choice_parts_compare_keys_case_insensitively(answer, correct, diagnosis):
    """Are option keys compared without regard to case or brackets?"""
    result = grade_part(part("layout-recognise"), answer)
    assert (result.correct, result.diagnosis) == (correct, diagnosis)


@pytest.mark.parametrize(
    "answer, correct, diagnosis",
    [
        ("111.1111", True, "correct"),
        ("1000/9", True, "correct"),
        (111.11111111, True, "correct"),
        ("0.9", False, "mistake"),
        ("11.11111", False, "mistake"),
        ("-111.1111", False, "sign"),
        ("50", False, "wrong"),
        ("many", False, "parse"),
    ],
)
def test_numeric_parts_compare_numbers_with_tolerance(answer, correct, diagnosis):
    """Is a number (or a constant expression) compared with the solution's tolerance?"""
    result = grade_part(part("fisher-bernoulli"), answer)
    assert (result.correct, result.diagnosis) == (correct, diagnosis)


WRONG_GRADIENT = "2 * A.T @ (A @ x - b) + lam * x"  # the penalty's factor 2 dropped


@pytest.mark.parametrize(
    "earlier, answer, correct",
    [
        (WRONG_GRADIENT, "inv(A.T @ A + lam / 2 * I(n)) @ A.T @ b", True),
        (WRONG_GRADIENT, "inv(A.T @ A + lam * I(n)) @ A.T @ b", True),
        (WRONG_GRADIENT, "inv(A.T @ A) @ A.T @ b", False),
        ("2 * A.T @ (A @ x - b) + 2 * lam * x", "inv(A.T @ A + lam / 2 * I(n)) @ A.T @ b", False),
        ("0 * x", "A.T @ b", False),
        ("x", "0 * A.T @ b", False),  # a trivial (a) lacks A, b and lam: no follow-through
        (None, "inv(A.T @ A + lam / 2 * I(n)) @ A.T @ b", False),
    ],
)
def test_root_follow_through_grades_against_the_students_own_gradient(earlier, answer, correct):
    """Does a stationary point of the student's own (wrong) gradient earn the later part,
    while a wrong one, or one for a gradient that vanishes everywhere, does not?"""
    earlier_answers = {} if earlier is None else {"a": earlier}
    result = grade_part(part("ridge-guided", "b"), answer, earlier_answers)
    assert result.correct is correct
    if correct and answer.startswith("inv(A.T @ A + lam / 2"):
        assert "follow-through" in result.feedback


@pytest.mark.parametrize("layout", ["denominator", "numerator"])
def test_match_follow_through_reads_the_gradient_off_the_students_differential(layout):
    """Is a gradient consistent with the student's own wrong differential given credit, in
    either layout?"""
    wrong_differential = "trace(X.T @ A @ dX)"
    consistent = "A.T @ X" if layout == "denominator" else "X.T @ A"
    gradient = part("differential-method", "b", layout=layout)
    assert grade_part(gradient, consistent, {"a": wrong_differential}).correct
    assert not grade_part(gradient, consistent, {}).correct
    assert not grade_part(gradient, "A @ X", {"a": wrong_differential}).correct


def test_wrong_answers_cite_the_cookbook():
    """Does the feedback on a wrong answer carry the Cookbook equation the part rests on?"""
    result = grade_part(part("quadratic-form"), "A @ x")
    assert "Cookbook eq. (81)" in result.feedback
    assert "Cookbook" not in grade_part(part("quadratic-form"), "A @ x", cookbook=False).feedback


@pytest.mark.parametrize(
    "part_id, answer, earlier",
    [
        ("a", "2 A^T(Ax - b) + 2 lam x", {}),
        ("a", "A^T(Ax - b) + lam x", {}),
        ("b", "inv(A.T @ A + lam / 2 * I(n)) @ A.T @ b", {"a": WRONG_GRADIENT}),
    ],
)
def test_a_recorded_variant_grades_like_the_bank(part_id, answer, earlier):
    """Does a variant rebuilt from its JSON record (as released) give the same verdicts?"""
    import json

    from autograder.bank.variants import Variant

    variant = get("ridge-guided").variant(0, "numerator")
    recorded = Variant.from_json(json.loads(json.dumps(variant.to_json())))
    mine = grade_part(variant.part(part_id), answer, earlier)
    again = grade_part(recorded.part(part_id), answer, earlier)
    assert (mine.correct, mine.diagnosis, mine.feedback) == (
        again.correct,
        again.diagnosis,
        again.feedback,
    )
