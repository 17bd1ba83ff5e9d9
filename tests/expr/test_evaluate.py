"""Numeric evaluation of expression trees."""

import numpy as np
import pytest

from autograder.expr.evaluate import EvaluationError, evaluate
from autograder.expr.nodes import (
    Add,
    Call,
    Div,
    Identity,
    MatMul,
    Mul,
    Neg,
    Number,
    Ones,
    Pow,
    Sub,
    Symbol,
    Transpose,
)

RNG = np.random.default_rng(7)
N, M = 4, 3
A = RNG.normal(size=(M, N))
B = RNG.normal(size=(N, N)) + 3 * np.eye(N)
x = RNG.normal(size=(N, 1))
VALUES = {"A": A, "B": B, "x": x, "s": np.array([[2.5]])}
DIMS = {"n": N, "m": M}
a, b, v, s = (Symbol(n) for n in ("A", "B", "x", "s"))


def _softmax(z):
    e = np.exp(z - z.max(axis=0))
    return e / e.sum(axis=0)


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (MatMul(a, v), A @ x),
        (Mul(a, v), A @ x),
        (Mul(s, a), 2.5 * A),
        (MatMul(Transpose(v), MatMul(b, v)), x.T @ B @ x),
        (Add(b, Identity()), B + np.eye(N)),
        (MatMul(Add(Identity(), b), v), (np.eye(N) + B) @ x),
        (Sub(Number(1), Call("sigmoid", (v,))), 1 - 1 / (1 + np.exp(-x))),
        (Neg(v), -x),
        (Div(a, s), A / 2.5),
        (Pow(b, -1), np.linalg.inv(B)),
        (Pow(b, 2), B @ B),
        (Pow(s, -0.5), np.array([[2.5**-0.5]])),
        (Call("inv", (b,)), np.linalg.inv(B)),
        (Call("det", (b,)), np.array([[np.linalg.det(B)]])),
        (Call("logdet", (b,)), np.array([[np.log(abs(np.linalg.det(B)))]])),
        (Call("trace", (b,)), np.array([[np.trace(B)]])),
        (Call("sum", (a,)), np.array([[A.sum()]])),
        (Call("norm_fro", (a,)), np.array([[np.linalg.norm(A)]])),
        (Call("exp", (a,)), np.exp(A)),
        (Call("softmax", (a,)), _softmax(A)),
        (Call("diag", (v,)), np.diagflat(x)),
        (Call("diag", (b,)), np.diag(np.diag(B))),
        (Call("hadamard", (a, a)), A * A),
        (Ones("n"), np.ones((N, 1))),
        (MatMul(Transpose(Ones(None)), v), np.array([[x.sum()]])),
        (Identity(2), np.eye(2)),
    ],
)
def test_values(node, expected):
    """Does each construct evaluate to what NumPy computes directly?"""
    np.testing.assert_allclose(evaluate(node, VALUES, DIMS), expected, rtol=1e-12)


@pytest.mark.parametrize(
    "node",
    [MatMul(v, a), Add(a, b), Div(a, v), Call("inv", (a,)), Call("hadamard", (a, b)), Symbol("q")],
)
def test_mismatches_raise(node):
    """Is a shape mismatch refused instead of broadcast into a value?"""
    with pytest.raises(EvaluationError):
        evaluate(node, VALUES, DIMS)


def test_singular_inverse_is_not_finite():
    """Does the inverse of a singular matrix give non-finite values rather than an exception?"""
    value = evaluate(Call("inv", (Symbol("Z"),)), {"Z": np.zeros((3, 3))}, {})
    assert not np.isfinite(value).all()
