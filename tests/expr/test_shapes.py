"""Shape inference and the canonical form."""

import pytest

from autograder.expr.nodes import (
    Add,
    Call,
    Div,
    Identity,
    MatMul,
    Mul,
    Number,
    Ones,
    Pow,
    Sub,
    Symbol,
    Transpose,
    to_text,
)
from autograder.expr.shapes import (
    ShapeError,
    canonical,
    describe_shape,
    infer_shape,
    sized,
)
from autograder.spec import SymbolSpec

A, B, X, x, y, s = (Symbol(n) for n in ("A", "B", "X", "x", "y", "s"))
SYMBOLS = {
    "A": SymbolSpec(("m", "n")),
    "B": SymbolSpec(("n", "n")),
    "X": SymbolSpec(("n", "n"), invertible=True),
    "x": SymbolSpec(("n",)),
    "y": SymbolSpec(("m",)),
    "s": SymbolSpec(()),
}


@pytest.mark.parametrize(
    ("node", "shape"),
    [
        (x, ("n", 1)),
        (s, (1, 1)),
        (Number(2), (1, 1)),
        (MatMul(A, x), ("m", 1)),
        (Mul(A, x), ("m", 1)),
        (MatMul(Transpose(x), x), (1, 1)),
        (Mul(s, A), ("m", "n")),
        (Mul(MatMul(Transpose(x), x), A), ("m", "n")),
        (Add(B, Identity()), ("n", "n")),
        (MatMul(Add(Identity(), B), x), ("n", 1)),
        (Sub(Number(1), Call("sigmoid", (x,))), ("n", 1)),
        (Call("inv", (X,)), ("n", "n")),
        (Call("logdet", (X,)), (1, 1)),
        (Call("trace", (MatMul(Transpose(A), A),)), (1, 1)),
        (Call("diag", (x,)), ("n", "n")),
        (Call("diag", (B,)), ("n", "n")),
        (Call("hadamard", (A, A)), ("m", "n")),
        (Call("softmax", (A,)), ("m", "n")),
        (Div(A, s), ("m", "n")),
        (Pow(B, -1), ("n", "n")),
        (Pow(s, 0.5), (1, 1)),
        (MatMul(Transpose(Ones(None)), x), (1, 1)),
        (Ones("m", "n"), ("m", "n")),
        (Identity(3), (3, 3)),
    ],
)
def test_shapes(node, shape):
    """Does every construct of the language get the shape the textbook gives it?"""
    assert infer_shape(node, SYMBOLS) == shape


@pytest.mark.parametrize(
    ("node", "words"),
    [
        (MatMul(x, A), "x is n x 1 but A is m x n"),
        (Add(A, B), "cannot be added"),
        (Sub(x, y), "cannot be subtracted"),
        (Div(A, x), "divide only by a scalar"),
        (Call("inv", (A,)), "needs a square matrix"),
        (Call("trace", (A,)), "needs a square matrix"),
        (Call("diag", (A,)), "needs a square matrix"),
        (Pow(A, 2), "needs a square matrix"),
        (Pow(B, 0.5), "whole-number exponent"),
        (Pow(B, 9), "between -8 and 8"),
        (Call("hadamard", (A, B)), "equal shapes"),
        (Symbol("z"), "not a symbol"),
        (Identity(), "cannot be told"),
        (Mul(x, MatMul(Transpose(Ones(None)), Ones(None))), "cannot be told"),
    ],
)
def test_shape_errors(node, words):
    """Is an undefined expression refused with a reason that names the shapes?"""
    with pytest.raises(ShapeError, match=words):
        infer_shape(node, SYMBOLS)


@pytest.mark.parametrize(
    ("node", "text"),
    [
        (Mul(Mul(Number(2), Transpose(A)), MatMul(A, x)), "2 * A.T @ (A @ x)"),
        (MatMul(Add(B, Identity()), x), "(B + I(n)) @ x"),
        (MatMul(s, x), "s * x"),
        (Mul(Transpose(x), B), "x.T @ B"),
        (Sub(x, Mul(Number(-1), x)), "x - -1 * x"),
        (Transpose(Call("inv", (X,))), "inv(X).T"),
        (Pow(Add(s, Number(1)), -0.5), "(s + 1) ** (-0.5)"),
    ],
)
def test_canonical(node, text):
    """Does the canonical form use '@' between matrices, '*' with scalars, and sized I?"""
    assert to_text(canonical(node, SYMBOLS)) == text


@pytest.mark.parametrize(
    ("node", "targets", "text"),
    [
        (Identity(), [("n", "n")], "I(n)"),
        (Ones(None), [("n", 1)], "ones(n)"),
        (Sub(Ones(None), x), [("m", 1)], "ones(n) - x"),
        (Mul(Number(2), Identity()), [(1, "n"), ("n", "n")], "2 * I(n)"),
        (Add(Identity(), B), [], "I(n) + B"),
        (Identity(), [("m", "n")], "I"),
    ],
)
def test_sized(node, targets, text):
    """Does a bare I or ones take its size from the context, else from the expected shape?"""
    assert to_text(sized(node, SYMBOLS, targets)) == text


@pytest.mark.parametrize(
    ("shape", "words"), [((1, 1), "a scalar"), (("n", 1), "n x 1"), (("m", "n"), "m x n")]
)
def test_describe_shape(shape, words):
    """Are shapes named as a student reads them?"""
    assert describe_shape(shape) == words
