"""Tests for autograder.check: the public API, end to end from text answers."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.check import check, check_json, equivalent, prepare
from autograder.spec import DIAGNOSES, CheckRequest, Mistake
from autograder.spec import SymbolSpec as S

QUAD = {"A": S(("n", "n")), "x": S(("n",))}
LSQ = {"A": S(("m", "n")), "x": S(("n",)), "b": S(("m",))}


def _request(symbols=QUAD, **fields) -> CheckRequest:
    fields.setdefault("expected", "(A + A.T) @ x")
    return CheckRequest(symbols=symbols, **fields)


@pytest.mark.parametrize(
    ("answer", "diagnosis"),
    [
        ("A @ x + A.T @ x", "correct"),
        ("(A^T + A)x", "correct"),
        ("x.T @ (A + A.T)", "layout"),
        ("x^T(A + A^T)", "layout"),
        ("A @ A", "shape"),
        ("x.T @ A @ x", "shape"),
        ("A @ x @ x", "shape"),
        ("-(A + A.T) @ x", "sign"),
        ("(A + A.T) @ x / 2", "scale"),
        ("2 A x", "symmetric"),
        ("A x", "missing_term"),
        ("A x + A^T x + x", "extra_term"),
        ("A.T @ A @ x", "wrong"),
        ("", "parse"),
        ("   ", "parse"),
        ("A @@ x", "parse"),
        ("foo(x)", "parse"),
        ("__import__('os')", "parse"),
    ],
)
def test_every_code_from_text(answer, diagnosis):
    """Is each kind of text answer given the right code, with feedback for the student?"""
    result = check(_request(), answer)
    assert result.diagnosis == diagnosis, result.feedback
    assert result.correct is (diagnosis == "correct")
    assert result.feedback and "A + A.T" not in result.feedback


@pytest.mark.parametrize(
    ("layout", "expected", "answer", "diagnosis", "phrase"),
    [
        ("denominator", "2 * A.T @ (A @ x - b)", "2 A^T (Ax - b)", "correct", "Correct"),
        ("denominator", "2 * A.T @ (A @ x - b)", "2 (Ax - b)^T A", "layout", "numerator layout;"),
        ("numerator", "2 * (A @ x - b).T @ A", "2 (Ax - b)^T A", "correct", "Correct"),
        ("numerator", "2 * (A @ x - b).T @ A", "2 A^T (Ax - b)", "layout", "denominator layout;"),
    ],
)
def test_both_layouts(layout, expected, answer, diagnosis, phrase):
    """Is the answer judged in the course's layout, and the other layout named?"""
    request = CheckRequest(
        symbols=LSQ,
        expected=expected,
        objective="(A @ x - b).T @ (A @ x - b)",
        wrt="x",
        layout=layout,
        constraints=("m > n",),
    )
    result = check(request, answer)
    assert (result.diagnosis, result.authoring_error) == (diagnosis, None)
    assert phrase in result.feedback


@pytest.mark.parametrize(
    ("symbols", "objective", "wrt", "answer", "diagnosis"),
    [
        (QUAD, "x.T @ A @ x", "x", "(A + A.T) @ x", "correct"),
        (QUAD, "x.T @ A @ x", "x", "2 A x", "symmetric"),
        (QUAD, "x.T @ A @ x", "x", "x.T @ (A + A.T)", "layout"),
        ({"X": S(("n", "n"), invertible=True)}, "logdet(X)", "X", "inv(X).T", "correct"),
        ({"X": S(("n", "n"), invertible=True)}, "logdet(X)", "X", "inv(X)", "layout"),
        ({"S": S(("n", "n"), spd=True)}, "logdet(S)", "S", "inv(S)", "correct"),
        ({"X": S(("n", "n"))}, "exp(trace(X))", "X", "exp(trace(X)) I(n)", "correct"),
        ({"X": S(("n", "n"))}, "exp(trace(X))", "X", "exp(trace(X)) * X", "wrong"),
        (LSQ, "sum(exp(A @ x))", "x", "A.T @ exp(A @ x)", "correct"),
        (
            {"z": S(("n",)), "y": S(("n",), probability=True)},
            "-y.T @ log(softmax(z))",
            "z",
            "softmax(z) - y",
            "correct",
        ),
    ],
)
def test_objective_mode_without_expected(symbols, objective, wrt, answer, diagnosis):
    """With only an objective, is the answer compared with finite differences of it?"""
    constraints = ("m > n",) if "m" in str(symbols) else ()
    request = CheckRequest(symbols, objective=objective, wrt=wrt, constraints=constraints)
    result = check(request, answer)
    assert result.diagnosis == diagnosis, result.feedback
    assert result.authoring_error is None


@pytest.mark.parametrize(
    ("expected", "mistakes", "answer", "diagnosis", "authoring"),
    [
        ("(A + A.T) @ x", (), "(A + A.T) @ x", "correct", None),
        ("2 * A @ x", (), "(A + A.T) @ x", "correct", "disagrees with the gradient"),
        ("2 * A @ x", (), "2 * A @ x", "correct", "disagrees with the gradient"),
        ("x.T @ (A + A.T)", (), "(A + A.T) @ x", "correct", "in denominator layout is n x 1"),
        (
            "(A + A.T) @ x",
            (Mistake("A @ x + A.T @ x", "no"),),
            "A x",
            "missing_term",
            "declared mistake 1 equals the reference",
        ),
    ],
)
def test_authoring_errors(expected, mistakes, answer, diagnosis, authoring):
    """Is a reference that disagrees with the objective, or a mistake equal to it, flagged?

    A right answer is never marked wrong for the author's slip.
    """
    request = _request(expected=expected, objective="x.T @ A @ x", wrt="x", mistakes=mistakes)
    result = check(request, answer)
    assert result.diagnosis == diagnosis
    if authoring is None:
        assert result.authoring_error is None
    else:
        assert authoring in result.authoring_error


def test_declared_mistake_and_credit():
    """Does a declared mistake bring its feedback and code, and credit its partial score?"""
    request = _request(
        mistakes=(Mistake("2 * A @ x", "Only when A is symmetric."), Mistake("A.T @ A @ x", "No.")),
        credit={"symmetric": 0.25, "layout": 0.5, "mistake": 0.1},
    )
    first = check(request, "2Ax")
    assert (first.diagnosis, first.feedback, first.score, first.mistake) == (
        "symmetric",
        "Only when A is symmetric.",
        0.25,
        0,
    )
    second = check(request, "A^T A x")
    assert (second.diagnosis, second.score, second.mistake) == ("mistake", 0.1, 1)
    assert check(request, "x^T(A + A^T)").score == 0.5
    assert check(request, "(A + A.T) @ x").score == 1.0


def test_alternative_answers_are_correct():
    """Is an accepted alternative correct, with its feedback?"""
    symbols = {"S": S(("n", "n"), spd=True)}
    request = CheckRequest(
        symbols,
        expected="inv(S)",
        alternatives=(Mistake("2 * inv(S) - diag(inv(S))", "Symmetric convention: accepted."),),
    )
    result = check(request, "2 S^{-1} - diag(S^{-1})")
    assert result.correct and result.feedback == "Symmetric convention: accepted."


@pytest.mark.parametrize(
    ("constraints", "answer", "diagnosis"),
    [(("m > n",), "A^T (A x - b)", "correct"), (("m < n",), "A (A x - b)", "shape")],
)
def test_constraints_reach_the_probes(constraints, answer, diagnosis):
    """Do constraints shape the probes (and a wrong product stay a shape error)?"""
    request = CheckRequest(LSQ, expected="A.T @ (A @ x - b)", constraints=constraints)
    assert check(request, answer).diagnosis == diagnosis


def test_function_answers():
    """Is a function called on the probes, and its failures turned into `wrong` feedback?"""
    request = _request()
    assert check(request, lambda A, x: (A + A.T) @ x).correct
    assert check(request, lambda A, x: ((A + A.T) @ x).ravel()).correct
    assert check(request, lambda A, x: x @ (A + A.T)).diagnosis == "correct"  # 1-D has no side
    assert check(request, lambda A, x: (A + A.T) @ x.reshape(1, -1).T * 2).diagnosis == "scale"
    assert check(request, lambda A, x: x.reshape(1, -1) @ (A + A.T)).diagnosis == "layout"
    raised = check(request, lambda A, x: np.linalg.inv(A[:2]))
    assert raised.diagnosis == "wrong" and "raised LinAlgError" in raised.feedback


def test_array_answers_at_the_data():
    """Is an array compared with the reference at the request's data, 1-D as a column?"""
    a = np.array([[2.0, 1.0, 0.0], [0.0, 3.0, 1.0], [1.0, 0.0, 1.0]])
    x = np.array([1.0, -1.0, 2.0])
    request = _request(data={"A": a, "x": x}, credit={"layout": 0.5})
    right = (a + a.T) @ x
    assert check(request, right).correct
    assert check(request, right.tolist()).correct
    assert check(request, right.reshape(1, -1)).diagnosis == "layout"
    assert check(request, -right).diagnosis == "sign"
    assert check(request, right[:2]).diagnosis == "shape"
    assert check(request, right + np.nan).diagnosis == "wrong"
    # Without data an array cannot be checked: the student is told to write an expression.
    without_data = check(_request(), right)
    assert without_data.diagnosis == "wrong" and "expression" in without_data.feedback


@pytest.mark.parametrize(("answer", "correct"), [(42, False), (6, True), (np.float64(6.0), True)])
def test_a_plain_number_is_a_constant_expression(answer, correct):
    """Is a bare number graded as the constant it is, not refused as a malformed request?"""
    request = CheckRequest(symbols={"s": S(())}, expected="2 * 3")
    result = check(request, answer)
    assert result.correct is correct
    assert result.diagnosis in ("correct", "wrong", "scale")


def test_sympy_answers_and_latex():
    """Is a SymPy matrix expression accepted, and is LaTeX rendered only on request?"""
    sympy = pytest.importorskip("sympy")
    pytest.importorskip("autograder.expr.from_sympy")
    n = sympy.Symbol("n")
    a, x = sympy.MatrixSymbol("A", n, n), sympy.MatrixSymbol("x", n, 1)
    result = check(_request(), (a + a.T) * x, render=True)
    assert result.correct
    assert check(_request(), "A x").latex is None
    assert check(_request(), "A x + A^T x", render=True).latex == "A x + A^{T} x"
    assert check(_request(), "", render=True).latex is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("trace(A @ B)", "trace(B @ A)", True),
        ("inv(A @ B)", "inv(B) @ inv(A)", True),
        ("inv(A @ B)", "inv(A) @ inv(B)", False),
        ("(A + B).T", "A.T + B.T", True),
    ],
)
def test_equivalent(a, b, same):
    """Does `equivalent` decide identities SymPy's expand misses (trace cyclicity)?"""
    symbols = {"A": S(("n", "n"), invertible=True), "B": S(("n", "n"), invertible=True)}
    assert equivalent(a, b, symbols) is same


def test_equivalent_rejects_a_bad_reference():
    """Is a malformed reference an error, not a silent False?"""
    with pytest.raises(ValueError, match="does not parse"):
        equivalent("A @@ B", "A", {"A": S(("n", "n"))})


def test_requests_are_prepared_once():
    """Is the prepared request reused for the same variant, and not for another seed?"""
    request = _request(seed=5)
    assert prepare(request) is prepare(_request(seed=5, credit={"layout": 1.0}))
    assert prepare(request) is not prepare(_request(seed=6))


@pytest.mark.parametrize(
    ("symbols", "expected", "phrase"),
    [
        (QUAD, "A @@ x", "does not parse"),
        (QUAD, "A @ x @ x", "is undefined"),
        ({"x": S(("n",))}, "log(-x.T @ x)", "not finite"),
    ],
)
def test_malformed_requests_are_errors(symbols, expected, phrase):
    """Is a bad reference an `error` with a reason, never an exception?"""
    result = check(CheckRequest(symbols, expected=expected), "x")
    assert result.diagnosis == "error" and phrase in result.feedback and result.score == 0


CONTRACT_LINE = {
    "id": "q1",
    "symbols": {
        "A": {"shape": ["m", "n"]},
        "x": {"shape": ["n"]},
        "lam": {"shape": []},
        "S": {"shape": ["d", "d"], "spd": True},
        "t": {"shape": [], "value": 0},
    },
    "constraints": ["m > n"],
    "wrt": "x",
    "objective": "x.T @ A.T @ A @ x",
    "expected": "2 * A.T @ A @ x",
    "answer": "2x^TA^TA",
    "layout": "denominator",
    "mistakes": [{"answer": "2 * A @ A.T @ x", "feedback": "Mind the order."}],
    "credit": {"layout": 0.5},
    "seed": 0,
}


def test_check_json_contract():
    """Does one line of the DESIGN.md example give exactly the contract's fields?"""
    out = check_json(CONTRACT_LINE)
    assert {k: out[k] for k in ("id", "correct", "score", "diagnosis", "error")} == {
        "id": "q1",
        "correct": False,
        "score": 0.5,
        "diagnosis": "layout",
        "error": None,
    }
    # The example's declared mistake A A^T x is undefined when m != n: noted, not fatal.
    assert out["authoring_error"].startswith("declared mistake 1 is undefined")
    fixed = {**CONTRACT_LINE, "mistakes": [{"answer": "A.T @ A @ x", "feedback": "Factor 2."}]}
    assert check_json(fixed)["authoring_error"] is None
    assert check_json({**fixed, "answer": "A^TAx"})["feedback"] == "Factor 2."
    unreadable = {**CONTRACT_LINE, "mistakes": [{"answer": "2 * A @ @ x", "feedback": "."}]}
    assert "does not parse" in check_json(unreadable)["error"]

    assert set(out) >= {"id", "correct", "score", "diagnosis", "feedback", "authoring_error"}
    json.dumps(out)


@pytest.mark.parametrize(
    ("change", "phrase"),
    [
        ({"symbols": "A"}, "'symbols' must be an object"),
        ({"symbols": {"A": {"shape": ["n", "n"], "sdp": True}}}, "unknown fields ['sdp']"),
        ({"symbols": {"A": {"shape": "n"}}}, "must be a list"),
        ({"symbols": {"A": {"shape": ["n"], "spd": True}}}, "needs a square matrix"),
        ({"constraints": ["m >= n"]}, "strict inequality"),
        ({"layout": "sideways"}, "layout must be"),
        ({"seed": "zero"}, "'seed' must be a whole number"),
        ({"credit": {"great": 1}}, "unknown diagnosis"),
        ({"mistakes": ["2x"]}, "'mistakes' must be a list"),
        ({"expected": None, "objective": None}, "give 'expected'"),
        ({"wrt": "y"}, "not among the symbols"),
        ({"answer": {"a": 1}}, "'answer' must be a string"),
        ({"extra": 1}, "unknown fields ['extra']"),
    ],
)
def test_check_json_malformed_requests(change, phrase):
    """Is a malformed request an `error` object naming the reason, never an exception?"""
    out = check_json({**CONTRACT_LINE, **change})
    assert out["diagnosis"] == "error" and out["score"] == 0 and out["correct"] is False
    assert phrase in out["error"], out["error"]
    assert out["id"] == "q1"


@pytest.mark.parametrize("obj", [[], "text", 3, None])
def test_check_json_non_objects(obj):
    """Is a line that is not an object an error too?"""
    assert check_json(obj)["diagnosis"] == "error"


def test_function_that_never_returns(monkeypatch):
    """Is a function that loops forever `wrong` with a time-out message, not a hang?"""
    import autograder.answers

    monkeypatch.setattr(autograder.answers, "TIME_LIMIT", 0.2)

    def forever(A, x):
        while True:
            pass

    result = check(_request(), forever)
    assert (result.diagnosis, result.feedback) == (
        "wrong",
        "Your function did not return within 0.2 s.",
    )


def test_probes_outside_the_domain_are_redrawn():
    """Is a probe where the reference is not finite skipped, never held against the student?"""
    symbols = {"x": S(("n",)), "b": S(("n",))}
    for seed in range(10):
        request = CheckRequest(symbols, expected="log(x.T @ b) * b", seed=seed)
        assert check(request, "log(b.T @ x) b").correct
        assert check(request, "log(b.T @ x) x").diagnosis == "wrong"
    square = {"A": S(("n", "n")), "x": S(("n",))}
    for seed in range(30):  # det(A) > 0 at about half the probes: more are drawn as needed
        request = CheckRequest(square, expected="log(det(A)) * x", seed=seed)
        assert check(request, "logdet(A) x").correct


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_any_text_gets_a_verdict(text):
    """Does any text, hostile or random, get a verdict rather than an exception?"""
    result = check(_request(), text)
    assert result.diagnosis in DIAGNOSES


def test_inverted_matrices_are_well_conditioned_at_the_probes():
    """Are probes skipped where the reference inverts a nearly singular matrix?"""
    from autograder.check import MAX_CONDITION

    symbols = {"A": S(("n", "n")), "x": S(("n",))}
    for seed in range(20):
        probes = prepare(CheckRequest(symbols, expected="inv(A)", seed=seed)).comparison.probes
        assert all(np.linalg.cond(p.values["A"]) <= MAX_CONDITION for p in probes)
    singular = CheckRequest(symbols, expected="inv(x @ x.T + I(n) / 10 ** 9)")
    result = check(singular, "x")
    assert result.diagnosis == "error" and "nearly singular" in result.feedback


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(CONTRACT_LINE)), JSON_VALUES, max_size=4))
def test_check_json_never_raises(changes):
    """Does any mangling of a request's fields give an output object, never an exception?"""
    out = check_json({**CONTRACT_LINE, **changes})
    assert out["diagnosis"] in DIAGNOSES
    assert (out["error"] is None) == (out["diagnosis"] != "error")


def test_checks_from_several_threads_agree():
    """Do concurrent checks (shared variant cache, functions off the main thread) agree?"""
    from concurrent.futures import ThreadPoolExecutor

    def job(i: int) -> tuple[str, str, str]:
        request = _request(seed=700 + i % 7)
        return (
            check(request, "A x + A^T x").diagnosis,
            check(request, "x^T (A + A^T)").diagnosis,
            check(request, lambda A, x: (A + A.T) @ x).diagnosis,
        )

    with ThreadPoolExecutor(4) as pool:
        results = set(pool.map(job, range(60)))
    assert results == {("correct", "layout", "correct")}


MATRICES = st.sampled_from(["A", "B", "C"])


def _trees(depth: int = 3):
    leaf = MATRICES.map(lambda name: ("sym", name))
    if depth == 0:
        return leaf
    sub = _trees(depth - 1)
    return st.one_of(
        leaf,
        st.tuples(st.sampled_from(["add", "sub", "mul"]), sub, sub),
        st.tuples(st.just("T"), sub),
        st.tuples(st.just("scale"), st.integers(-3, 3).filter(bool), sub),
    )


def _text(tree) -> str:
    """The plain spelling of a generated tree."""
    kind = tree[0]
    if kind == "sym":
        return tree[1]
    if kind == "T":
        return f"({_text(tree[1])}).T"
    if kind == "scale":
        return f"({tree[1]} * ({_text(tree[2])}))"
    op = {"add": "+", "sub": "-", "mul": "@"}[kind]
    return f"({_text(tree[1])} {op} {_text(tree[2])})"


def _rewritten(tree) -> str:
    """An equivalent spelling: transposes pushed to the leaves, products distributed."""
    return _push(tree, transpose=False)


def _push(tree, transpose: bool) -> str:
    kind = tree[0]
    if kind == "sym":
        return f"{tree[1]}^T" if transpose else tree[1]
    if kind == "T":
        return _push(tree[1], not transpose)
    if kind == "scale":
        return f"({tree[1]}) ({_push(tree[2], transpose)})"
    if kind in ("add", "sub"):
        sign = "+" if kind == "add" else "-"
        return f"({_push(tree[1], transpose)} {sign} {_push(tree[2], transpose)})"
    left, right = (tree[2], tree[1]) if transpose else (tree[1], tree[2])
    return f"({_push(left, transpose)})({_push(right, transpose)})"


@settings(max_examples=80, deadline=None)
@given(_trees(), st.integers(0, 1000))
def test_rewritten_expressions_are_always_correct(tree, seed):
    """Is an equivalent textbook rewriting (transposes pushed down) never marked wrong?"""
    symbols = {name: S(("n", "n")) for name in "ABC"}
    request = CheckRequest(symbols, expected=_text(tree), seed=seed)
    result = check(request, _rewritten(tree))
    assert result.correct, (result.diagnosis, result.feedback)
