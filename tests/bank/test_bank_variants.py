"""Tests of variants: the student's index, the course salt, determinism, layouts and the JSON
record."""

import json

import pytest

from autograder.bank.registry import get, problems
from autograder.bank.variants import (
    DEFAULT_SALT,
    Variant,
    course_salt,
    variant_index,
)
from autograder.bank.verify import distinct_statements

ALL = sorted(problems())


def test_variant_index_is_the_sha256_digest_modulo_the_pool():
    """Is the index sha256("salt|assignment|problem|student") mod pool, as computed outside
    Python (sha256sum gave the digest below)?"""
    digest = "6dcea0dd42c3ef8c5e88bb81868b0eafb93656c23cb6380d94262573618d57cb"
    assert int(digest, 16) % 75 == 65
    assert variant_index("matgrade-example-course", "hw1", "quadratic-form", "alice", 75) == 65


@pytest.mark.parametrize("pool", [10, 75, 144, 1000])
def test_variant_index_is_stable_and_in_range(pool):
    """Do the same inputs give the same index, always inside the pool?"""
    first = [variant_index("s", "a", "p", f"student{i}", pool) for i in range(50)]
    again = [variant_index("s", "a", "p", f"student{i}", pool) for i in range(50)]
    assert first == again and all(0 <= i < pool for i in first)
    assert len(set(first)) > 1


@pytest.mark.parametrize(
    "text, salt",
    [
        ('salt = "fall-2026"\n', "fall-2026"),
        ("# no salt here\n", DEFAULT_SALT),
        (None, DEFAULT_SALT),
    ],
)
def test_course_salt_comes_from_course_toml(tmp_path, text, salt):
    """Is the salt read from course.toml at the root, with a default when absent?"""
    if text is not None:
        (tmp_path / "course.toml").write_text(text)
    assert course_salt(tmp_path) == salt


def test_course_salt_rejects_a_non_string(tmp_path):
    """Does a salt that is not a string fail with a message saying how to write it?"""
    (tmp_path / "course.toml").write_text("salt = 3\n")
    with pytest.raises(ValueError, match="must be a string"):
        course_salt(tmp_path)


@pytest.mark.parametrize("problem_id", ALL)
def test_twenty_students_see_at_least_five_statements(problem_id):
    """Do neighbours mostly get different variants (>= 5 statements among 20 students)?"""
    assert distinct_statements(get(problem_id), 20, salt="matgrade-example-course") >= 5


@pytest.mark.parametrize("problem_id", ALL)
def test_pool_holds_at_least_ten_variants_and_statements_are_filled(problem_id):
    """Does every template have >= 10 variants, whose statements state the layout and keep
    no placeholder?"""
    problem = get(problem_id)
    assert problem.pool_size >= 10
    for layout in ("denominator", "numerator"):
        variant = problem.variant(problem.pool_size - 1, layout)
        assert "[[" not in variant.statement
        assert f"{layout} layout" in variant.statement


@pytest.mark.parametrize(
    "problem_id",
    [
        "quadratic-form",
        "ridge-guided",
        "layout-shapes",
        "layout-recognise",
        "fisher-bernoulli",
        "differential-method",
    ],
)
def test_same_index_gives_the_same_variant_and_json_round_trips(problem_id):
    """Is a variant a pure function of (problem, index, layout), and does its JSON record
    rebuild it exactly (so a released variant can be graded without the bank)?"""
    problem = get(problem_id)
    for layout in ("denominator", "numerator"):
        a, b = problem.variant(7, layout), problem.variant(7, layout)
        assert a == b
        record = json.loads(json.dumps(a.to_json()))
        assert Variant.from_json(record) == a
        assert record["variant"] == f"{problem_id}/7"


def test_json_record_has_the_fields_design_fixes():
    """Does `to_json` carry id, variant, statement and the part fields of DESIGN.md?"""
    record = get("ridge-guided").variant(3).to_json()
    assert {"id", "variant", "statement", "parts"} <= set(record)
    for part in record["parts"]:
        assert {
            "kind",
            "symbols",
            "constraints",
            "wrt",
            "objective",
            "solution",
            "alternatives",
            "layout",
            "mistakes",
        } <= set(part)
        assert all(set(m) == {"answer", "feedback"} for m in part["mistakes"])
    gradient, stationary = record["parts"]
    assert gradient["objective"] and stationary["objective"] is None
    assert stationary["function"] == gradient["objective"]


@pytest.mark.parametrize(
    "problem_id, denominator, numerator",
    [
        ("trace-sandwich", "A.T @ B.T", "B @ A"),
        ("layout-convert", "A.T @ B.T", "B @ A"),
        ("layout-chain", "A.T @ B.T", "B @ A"),
        ("det-gradient", "det(X) * inv(X).T", "det(X) * inv(X)"),
    ],
)
def test_numerator_layout_transposes_gradients(problem_id, denominator, numerator):
    """Does the solution follow the layout in force (transposed in numerator layout)?"""
    problem = get(problem_id)
    assert problem.variant(0).parts[-1].solution == denominator
    assert problem.variant(0, "numerator").parts[-1].solution == numerator


def test_spd_gradient_solution_is_unstructured_with_symmetric_form_as_alternative():
    """For an SPD variable, is the solution the unstructured gradient and 2G - diag(G) only
    an alternative with its own feedback?"""
    part = get("logdet-spd").variant(0).parts[0]
    assert part.solution == "2 * inv(S)"
    (alternative,) = part.alternatives
    assert "diag" in alternative.answer and "unstructured" in alternative.feedback


@pytest.mark.parametrize(
    "layout, expected",
    [("denominator", r"is $C^\top$ in denominator layout"), ("numerator", r"is $C$ in numerator")],
)
def test_feedback_follows_the_layout(layout, expected):
    """Does the [[T]] placeholder make feedback right in either layout?"""
    variant = get("trace-power").variant(0, layout)
    assert any(expected in m.feedback for m in variant.parts[0].mistakes)
