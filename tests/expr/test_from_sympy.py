"""Tests of the conversion of SymPy matrix expressions into trees."""

import pytest
import sympy as sp

from autograder.expr.from_sympy import from_sympy
from autograder.expr.nodes import Call, Identity, Mul, Number, Ones, Symbol, Transpose
from autograder.expr.parse import ParseFailure, ParseSuccess, parse

n, m = sp.symbols("n m")
A = sp.MatrixSymbol("A", n, n)
B = sp.MatrixSymbol("B", n, n)
X = sp.MatrixSymbol("X", n, n)
x = sp.MatrixSymbol("x", n, 1)
s = sp.Symbol("s")
SYMBOLS = ("A", "B", "X", "x", "s")


def converted(expr):
    result = from_sympy(expr, SYMBOLS)
    assert isinstance(result, ParseSuccess), result
    return result.node


def parsed(text):
    result = parse(text, SYMBOLS, ("n", "m"))
    assert isinstance(result, ParseSuccess), result
    return result.node


@pytest.mark.parametrize(
    ("build", "text"),
    [
        (lambda: 2 * A.T * A * x, "2 * A.T @ A @ x"),
        (lambda: x.T * A * x, "x.T @ A @ x"),
        (lambda: (A + A.T) * x, "(A + A.T) @ x"),
        (lambda: A - B, "A - B"),
        (lambda: A - 2 * B, "A - 2 * B"),
        (lambda: -A, "-A"),
        (lambda: A.I, "inv(A)"),
        (lambda: X**-1, "inv(X)"),
        (lambda: X.inv().T, "inv(X.T)"),
        (lambda: X**2, "X ** 2"),
        (lambda: sp.Trace(A * B), "trace(A @ B)"),
        (lambda: sp.Determinant(X), "det(X)"),
        (lambda: sp.log(sp.Determinant(X)), "log(det(X))"),
        (lambda: sp.exp(sp.Trace(X)), "exp(trace(X))"),
        (lambda: sp.HadamardProduct(A, B), "hadamard(A, B)"),
        (lambda: sp.HadamardProduct(A, B, X), "hadamard(hadamard(A, B), X)"),
        (lambda: sp.Identity(n) + A, "I(n) + A"),
        (lambda: sp.OneMatrix(n, 1), "ones(n)"),
        (lambda: sp.OneMatrix(m, n), "ones(m, n)"),
        (lambda: s**2 * A, "s ** 2 * A"),
        (lambda: A / s, "s ** -1 * A"),
        (lambda: sp.Rational(1, 2) * A, "0.5 * A"),
        (lambda: sp.sqrt(s), "sqrt(s)"),
        (lambda: sp.Abs(s), "abs(s)"),
        (lambda: s * A * B, "s * A @ B"),
        (lambda: (A + B).T, "A.T + B.T"),
    ],
)
def test_sympy_objects_become_the_same_tree(build, text):
    """Does a SymPy expression become the tree of the same expression typed in Python?"""
    assert converted(build()) == parsed(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (sp.ZeroMatrix(n, n), Mul(Number(0.0), Ones("n", "n"))),
        (sp.Identity(3), Identity(3)),
        (sp.Integer(3), Number(3.0)),
        (2, Number(2.0)),
        (sp.Symbol("s"), Symbol("s")),
        (sp.Trace(A), Call("trace", (Symbol("A"),))),
    ],
)
def test_constants_and_leaves(value, expected):
    """Are zero, identity, numbers and plain symbols converted to the matching nodes?"""
    assert converted(value) == expected


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (sp.MatrixSymbol("Q", n, n), "'Q' is not a symbol here"),
        (A**s, "not a constant number"),
        (A**200, "too large"),
        (sp.sin(s), "SymPy's sin is not part of the expression language"),
        (sp.KroneckerProduct(A, B), "KroneckerProduct"),
        (sp.I * s, "ImaginaryUnit"),
        (sp.oo, "not a finite real number"),
        (sp.Float("1e400"), "too large"),
        ("x + 1", "not a SymPy expression"),
        (None, "not a SymPy expression"),
    ],
)
def test_unsupported_objects_are_failures(value, words):
    """Are undeclared names, unknown SymPy types and non-constant powers a clear failure?"""
    result = from_sympy(value, SYMBOLS)
    assert isinstance(result, ParseFailure)
    assert words in result.message


def test_any_name_without_declared_symbols():
    """With no symbols given, is every symbol name accepted?"""
    result = from_sympy(sp.MatrixSymbol("Q", n, n).T, None)
    assert isinstance(result, ParseSuccess)
    assert result.node == Transpose(Symbol("Q"))


def test_large_expressions_are_refused():
    """Is an expression with too many parts refused rather than walked forever?"""
    big = sp.MatAdd(*[sp.MatrixSymbol(f"A{i}", n, n) for i in range(500)])
    result = from_sympy(big, None)
    assert isinstance(result, ParseFailure)
    assert "too large" in result.message
