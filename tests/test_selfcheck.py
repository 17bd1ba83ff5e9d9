"""Tests for autograder.selfcheck: public values only, and diagnosis against them."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest

from autograder.selfcheck import public_data, self_check
from autograder.spec import CheckRequest, Mistake
from autograder.spec import SymbolSpec as S

SOLUTION = "(A + A.T) @ x"
REQUEST = CheckRequest(
    {"A": S(("n", "n")), "x": S(("n",))},
    expected=SOLUTION,
    objective="x.T @ A @ x",
    wrt="x",
    mistakes=(Mistake("2 * A @ x", "only for symmetric A"),),
    seed=0,
)
PUBLIC = json.loads(json.dumps(public_data(REQUEST, seed=101)))


def test_public_data_holds_values_not_expressions():
    """Does the public JSON carry inputs and reference values but no solution or mistake text?"""
    text = json.dumps(PUBLIC)
    for secret in (SOLUTION, "A + A.T", "A.T", "2 * A @ x", "only for symmetric", "@", "objective"):
        assert secret not in text
    assert len(PUBLIC["probes"]) == 3
    probe = PUBLIC["probes"][0]
    assert set(probe["inputs"]) == {"A", "x"}
    assert len(probe["reference"]) == probe["dims"]["n"]


def test_public_probes_differ_from_grading_probes():
    """Are the public probes not the grading ones, and is reusing the grading seed refused?"""
    from autograder.check import prepare

    private = prepare(REQUEST).comparison.probes[0].values["A"].tolist()
    assert all(p["inputs"]["A"] != private for p in PUBLIC["probes"])
    with pytest.raises(ValueError, match="must differ"):
        public_data(REQUEST, seed=REQUEST.seed)


@pytest.mark.parametrize(
    ("answer", "diagnosis"),
    [
        ("A x + A^T x", "correct"),
        ("x^T (A + A^T)", "layout"),
        ("A A", "shape"),
        ("A x x", "shape"),
        ("-(A + A^T) x", "sign"),
        ("(A + A^T) x / 2", "scale"),
        ("A^T A x", "wrong"),
        ("", "parse"),
        ("A @@ x", "parse"),
        (lambda A, x: (A + A.T) @ x, "correct"),
        (lambda A, x: 1 / 0, "wrong"),
        ([1.0, 2.0], "unchecked"),
    ],
)
def test_self_check_diagnoses(answer, diagnosis):
    """Does the self-check give the student the same kinds of diagnosis from values alone?"""
    result = self_check(answer, PUBLIC, "diagnosis")
    assert result.diagnosis == diagnosis, result.feedback
    assert SOLUTION not in result.feedback


@pytest.mark.parametrize(
    ("answer", "diagnosis", "phrase"),
    [
        ("A^T A x", "unchecked", "right shape (n x 1)"),
        ("A x + A^T x", "unchecked", "right shape"),
        ("x^T A", "shape", "1 x n but it should be n x 1"),
    ],
)
def test_shape_only_policy(answer, diagnosis, phrase):
    """Does the shape-only policy say whether the shape is right, and nothing about the value?"""
    result = self_check(answer, PUBLIC, "shape-only")
    assert (result.diagnosis, result.correct) == (diagnosis, False)
    assert phrase in result.feedback


def test_off_policy_and_bad_input():
    """Does 'off' say nothing, an unknown policy raise, and damaged data give an error?"""
    assert self_check("A x + A^T x", PUBLIC, "off").diagnosis == "unchecked"
    with pytest.raises(ValueError, match="policy"):
        self_check("x", PUBLIC, "everything")
    assert self_check("x", {"format": 1}, "diagnosis").diagnosis == "error"


def test_importable_without_sympy_and_without_the_bank():
    """Can the student's kernel import and run the self-check with SymPy blocked?"""
    code = (
        "import sys, json\n"
        "sys.modules['sympy'] = None\n"
        "from autograder.selfcheck import self_check\n"
        f"public = json.loads({json.dumps(json.dumps(PUBLIC))})\n"
        "print(self_check('A x + A^T x', public).diagnosis)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "correct"


def test_objective_only_public_data_uses_the_looser_tolerance():
    """With only an objective, are the public values finite differences with rtol 1e-5?"""
    request = CheckRequest({"X": S(("n", "n"), invertible=True)}, objective="logdet(X)", wrt="X")
    public = public_data(request, seed=3, count=2)
    assert public["rtol"] == 1e-5 and len(public["probes"]) == 2
    assert "logdet" not in json.dumps(public)
    assert self_check("inv(X).T", public).diagnosis == "correct"
    assert self_check("inv(X)", public).diagnosis == "layout"


@pytest.mark.parametrize(
    ("answer", "diagnosis", "phrase"),
    [
        ([1.0, 2.0, 3.0], "unchecked", "right shape (n x 1)"),
        ([[1.0, 2.0, 3.0]], "shape", "1 x n but it should be n x 1"),
        ([1.0, 2.0], "shape", "2 x 1 but it should be n x 1"),
        ("text", "parse", "could not be read"),
    ],
)
def test_array_answers_get_only_a_shape_check(answer, diagnosis, phrase):
    """Is an array answer (computed at the request's data) checked for its shape only?"""
    data = {"A": [[1.0, 2.0, 0.0], [0.0, 1.0, 0.0], [1.0, 0.0, 1.0]], "x": [1.0, 0.0, 2.0]}
    public = json.loads(json.dumps(public_data(replace(REQUEST, data=data), seed=101)))
    assert public["data_dims"] == {"n": 3} and public["shape"] == ["n", 1]
    result = self_check(answer, public, "shape-only")
    assert result.diagnosis == diagnosis and phrase in result.feedback
    # Neither the data nor the reference value there (the answer itself) is public.
    assert set(public) == {
        "format",
        "layout",
        "wrt",
        "rtol",
        "symbols",
        "probes",
        "shape",
        "data_dims",
    }
