"""Tests for autograder.diagnosis: every code, in order, from values at probes."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.diagnosis import (
    Comparison,
    additive_terms,
    builtin,
    diagnose,
    fraction_text,
    mistake_codes,
    shape_words,
)
from autograder.expr.nodes import Add, MatMul, Neg, Number, Sub, Symbol, Transpose, to_text
from autograder.probes import draw_probes
from autograder.spec import Mistake
from autograder.spec import SymbolSpec as S

SYMBOLS = {"A": S(("n", "n")), "B": S(("n", "n")), "x": S(("n",))}
PROBES = tuple(draw_probes(SYMBOLS, (), np.random.default_rng(0), 3))


def _reference(v):
    return (v["A"] + v["A"].T) @ v["x"]


def _at(f):
    return lambda probes: tuple(f(p.values) for p in probes)


TERMS = (_at(lambda v: v["A"] @ v["x"])(PROBES), _at(lambda v: v["A"].T @ v["x"])(PROBES))


def _comparison(reference=_reference, layout="denominator", wrt="x", **extra) -> Comparison:
    return Comparison(
        probes=PROBES,
        reference=_at(reference)(PROBES),
        symbols=SYMBOLS,
        layout=layout,
        wrt=wrt,
        reference_terms=TERMS,
        reference_at=_at(reference),
        **extra,
    )


CASES = [
    (lambda v: v["A"] @ v["x"] + v["A"].T @ v["x"], "correct", "Correct"),
    (lambda v: v["x"].T @ (v["A"] + v["A"].T), "layout", "row vector: that is numerator layout"),
    (lambda v: v["A"] @ v["A"], "shape", "n x n but the gradient with respect to x is n x 1"),
    (lambda v: v["x"].T @ v["x"], "shape", "a scalar but the gradient"),
    (lambda v: -_reference(v), "sign", "wrong sign"),
    (lambda v: _reference(v) / 2, "scale", "1/2 times"),
    (lambda v: 3 * _reference(v), "scale", "3 times"),
    (lambda v: 2 * v["A"] @ v["x"], "symmetric", "only when A is symmetric"),
    (lambda v: v["A"].T @ v["x"], "missing_term", "missing a term"),
    (lambda v: _reference(v) + v["A"] @ v["x"], "extra_term", "does not belong"),
    (lambda v: v["B"] @ v["x"], "wrong", "does not equal the gradient"),
    (lambda v: _reference(v) * np.nan, "wrong", "not finite"),
]


@pytest.mark.parametrize(("answer", "code", "phrase"), CASES)
def test_each_code(answer, code, phrase):
    """Is each kind of answer given its code, with feedback saying why?"""
    verdict = diagnose(_at(answer)(PROBES), _comparison(), _at(answer))
    assert verdict.diagnosis == code
    assert phrase in verdict.feedback


def test_extra_term_found_from_the_answer_terms():
    """Is a term of the answer that the reference lacks an extra term?"""
    answer = lambda v: _reference(v) + v["B"] @ v["x"]  # noqa: E731
    values = _at(answer)(PROBES)
    answer_terms = (_at(_reference)(PROBES), _at(lambda v: v["B"] @ v["x"])(PROBES))
    assert diagnose(values, _comparison()).diagnosis == "wrong"
    assert diagnose(values, _comparison(), None, answer_terms).diagnosis == "extra_term"


@pytest.mark.parametrize(
    ("layout", "answer", "phrase"),
    [
        ("numerator", lambda v: _reference(v), "column vector: that is denominator layout"),
        ("denominator", lambda v: _reference(v).T, "row vector: that is numerator layout"),
    ],
)
def test_layout_names_both_conventions(layout, answer, phrase):
    """Does the layout feedback name the course's convention and the answer's?"""
    reference = _reference if layout == "denominator" else (lambda v: _reference(v).T)
    verdict = diagnose(_at(answer)(PROBES), _comparison(reference, layout))
    assert verdict.diagnosis == "layout"
    assert phrase in verdict.feedback and f"this course uses {layout} layout" in verdict.feedback


def test_matrix_layout_and_symmetric_reference():
    """Is a transposed matrix gradient a layout error, unless the reference is symmetric?"""
    general = diagnose(_at(lambda v: v["A"])(PROBES), _comparison(lambda v: v["A"].T, wrt="A"))
    assert general.diagnosis == "layout" and "transpose of the expected one" in general.feedback
    sym = lambda v: v["A"] + v["A"].T  # noqa: E731
    assert diagnose(_at(sym)(PROBES), _comparison(sym, wrt="A")).diagnosis == "correct"


def test_declared_mistakes_keep_builtin_codes_and_author_feedback():
    """Does a declared mistake get the author's feedback, and a built-in code when one fits?"""
    mistakes = (Mistake("2 * A @ x", "Only for symmetric A."), Mistake("B @ x", "Not B."))
    mistake_fns = [lambda v: 2 * v["A"] @ v["x"], lambda v: v["B"] @ v["x"]]
    comparison = _comparison(
        mistakes=mistakes, mistake_values=tuple(_at(f)(PROBES) for f in mistake_fns)
    )
    codes = mistake_codes(comparison, [_at(f) for f in mistake_fns])
    assert codes == ("symmetric", "mistake")
    from dataclasses import replace

    comparison = replace(comparison, mistake_codes=codes)
    first = diagnose(_at(mistake_fns[0])(PROBES), comparison)
    second = diagnose(_at(mistake_fns[1])(PROBES), comparison)
    assert (first.diagnosis, first.feedback, first.mistake) == (
        "symmetric",
        mistakes[0].feedback,
        0,
    )
    assert (second.diagnosis, second.feedback, second.mistake) == ("mistake", "Not B.", 1)


def test_alternatives_are_correct_with_their_feedback():
    """Is an accepted alternative correct, with its own feedback?"""
    alternative = lambda v: 2 * _reference(v)  # noqa: E731
    comparison = _comparison(
        alternatives=(Mistake("2G", "Also accepted: the symmetric convention."),),
        alternative_values=(_at(alternative)(PROBES),),
    )
    verdict = diagnose(_at(alternative)(PROBES), comparison)
    assert verdict.correct and verdict.alternative == 0 and "Also accepted" in verdict.feedback


def test_feedback_never_shows_the_reference():
    """Does no feedback contain the reference expression?"""
    for answer, _, _ in CASES:
        feedback = diagnose(_at(answer)(PROBES), _comparison(), _at(answer)).feedback
        assert "A + A.T" not in feedback and "A^T" not in feedback


def test_builtin_is_none_for_an_unrelated_answer():
    """Does the built-in classifier leave unrelated answers alone?"""
    assert builtin(_at(lambda v: v["B"] @ v["x"])(PROBES), _comparison()) is None


@pytest.mark.parametrize(
    ("c", "text"), [(0.5, "1/2"), (2.0, "2"), (-0.75, "-3/4"), (1 / 3, "1/3"), (np.pi, "3.142")]
)
def test_fraction_text(c, text):
    """Are constant factors printed as short fractions?"""
    assert fraction_text(c) == text


def test_shape_words_use_dimension_names():
    """Are numeric shapes named with the probe's dimension names?"""
    probe = PROBES[0]
    n = probe.dims["n"]
    assert shape_words((n, 1), probe) == "n x 1"
    assert shape_words((1, 1), probe) == "a scalar"


A, B, x = Symbol("A"), Symbol("B"), Symbol("x")


@pytest.mark.parametrize(
    ("node", "terms"),
    [
        (MatMul(Add(A, Transpose(A)), x), ["A @ x", "A.T @ x"]),
        (Sub(MatMul(A, x), MatMul(B, x)), ["A @ x", "-(B @ x)"]),
        (Neg(Add(A, B)), ["-A", "-B"]),
        (Transpose(Add(A, B)), ["A.T", "B.T"]),
        (MatMul(Number(2), A), ["2 @ A"]),
    ],
)
def test_additive_terms(node, terms):
    """Are sums split into signed terms, with products distributed over them?"""
    assert [to_text(t) for t in additive_terms(node)] == terms


def test_additive_terms_keep_the_terms_as_written():
    """Are the top-level terms kept whole (sign and factor too), then the distributed ones?"""
    y = Symbol("y")
    node = Sub(MatMul(Number(2), MatMul(A, Add(x, y))), MatMul(B, x))
    assert [to_text(t) for t in additive_terms(node)] == [
        "2 @ (A @ (x + y))",
        "-(B @ x)",
        "2 @ (A @ x)",
        "2 @ (A @ y)",
    ]


RIDGE = {"A": S(("m", "n")), "x": S(("n",)), "b": S(("m",)), "lam": S(())}
RIDGE_PROBES = tuple(draw_probes(RIDGE, (), np.random.default_rng(1), 3))


def _values(node, probes=RIDGE_PROBES):
    from autograder.expr.evaluate import evaluate

    return tuple(evaluate(node, p.values, p.dims) for p in probes)


def _tree(text):
    from autograder.expr.parse import parse

    return parse(text, RIDGE, ("m", "n")).node


def _verdict(expected: str, answer: str) -> str:
    """The diagnosis as check.py computes it: terms of the reference and of the answer."""
    reference, node = _tree(expected), _tree(answer)
    terms = additive_terms(reference)
    comparison = Comparison(
        probes=RIDGE_PROBES,
        reference=_values(reference),
        symbols=RIDGE,
        wrt="x",
        reference_terms=tuple(_values(t) for t in terms) if len(terms) > 1 else (),
    )
    answer_terms = additive_terms(node)
    answer_values = tuple(_values(t) for t in answer_terms) if len(answer_terms) > 1 else ()
    return diagnose(_values(node), comparison, None, answer_values).diagnosis


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ("2 A.T @ (A @ x - b) + 2 lam x", "correct"),
        ("2 A.T A x - 2 A.T b + 2 lam x", "correct"),
        ("2 lam x", "missing_term"),
        ("2 A.T @ (A @ x - b)", "missing_term"),
        ("2 A.T @ (A @ x - b) + lam x", "missing_term"),
        ("3 A.T @ (A @ x - b) + 2 lam x", "extra_term"),
        ("2 A.T @ (A @ x - b) + 2 lam x + x", "extra_term"),
        ("-2 A.T @ (A @ x - b) - 2 lam x", "sign"),
        ("2 A.T @ b + 2 lam x", "wrong"),
        ("0 x", "wrong"),
    ],
)
def test_a_term_written_as_a_product_of_sums(answer, code):
    """Is a whole term left out or doubled a missing or extra term, even when it is a product
    of sums that distributing splits into pieces (and is nothing else touched)?"""
    assert _verdict("2 A.T @ (A @ x - b) + 2 lam x", answer) == code


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ("A.T @ (A @ x - b)", "missing_term"),
        ("A.T @ (A @ x - b) + lam x", "missing_term"),
        ("A.T @ (A @ x - b) + 2 lam x + 2 A.T A A.T b", "extra_term"),
        ("A.T @ (A @ x - b) + lam x + A.T A A.T b + A.T A x + x", "extra_term"),
        ("A.T @ A @ x + lam x", "wrong"),
    ],
)
def test_several_terms_left_out_or_doubled(answer, code):
    """Is the sum of a few terms left out (or doubled) a missing (or extra) term?"""
    expected = "A.T @ (A @ x - b) + lam x + A.T A A.T b"
    assert _verdict(expected, answer) == code
