"""Tests of LaTeX rendering, through SymPy and through the plain printer."""

import subprocess
import sys

import pytest

from autograder.expr.nodes import Call, Symbol
from autograder.expr.parse import ParseSuccess, parse
from autograder.expr.render import plain_latex, to_latex

SYMBOLS = ("A", "B", "X", "x", "Sigma", "mu", "lam", "s", "z", "x_1")


def tree(text):
    result = parse(text, SYMBOLS, ("n",))
    assert isinstance(result, ParseSuccess), result
    return result.node


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("2 A^T A x", "2 A^{T} A x"),
        (
            "(x-\\mu)^T\\Sigma^{-1}(x-\\mu)",
            r"\left(x - \mu\right)^{T} \Sigma^{-1} \left(x - \mu\right)",
        ),
        ("X^{-T}", r"\left(X^{-1}\right)^{T}"),
        ("A \\odot B", r"A \circ B"),
        ("\\log\\det\\Sigma", r"\log\left|\det \Sigma\right|"),
        ("norm_fro(X)", r"\left\|X\right\|_F"),
        ("lam x_1", r"\lambda x_{1}"),
        ("x / 2", r"\frac{1}{2} x"),
        ("s ** -0.5 * A", r"s^{- \frac{1}{2}} A"),
    ],
)
def test_sympy_renders_matrix_expressions(text, latex):
    """Does SymPy render products, transposes, inverses and our own functions as expected?"""
    assert to_latex(tree(text)) == latex


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("1 - sigmoid(z)", r"1 - \sigma\left(z\right)"),
        ("A @ sigmoid(x)", r"A \sigma\left(x\right)"),
        ("exp(A) + B", r"\exp\left(A\right) + B"),
        ("hadamard(A, 2)", r"A \odot 2"),
    ],
)
def test_trees_sympy_cannot_hold_use_the_plain_printer(text, latex):
    """Are entrywise functions of matrices and scalar-plus-matrix sums printed in order?"""
    assert to_latex(tree(text)) == latex == plain_latex(tree(text))


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("2 * A.T @ A @ x", "2 A^{T} A x"),
        (
            "(x - mu).T @ inv(Sigma) @ (x - mu)",
            r"\left(x - \mu\right)^{T} \Sigma^{-1} \left(x - \mu\right)",
        ),
        ("A - (B - X)", r"A - \left(B - X\right)"),
        ("-(A + B)", r"-\left(A + B\right)"),
        ("(A + B) / s", r"\frac{A + B}{s}"),
        ("x ** 2 * 3", r"x^{2} \cdot 3"),
        ("A.T.T", r"\left(A^{T}\right)^{T}"),
        ("I(n) + ones(n)", r"I_{n} + \mathbf{1}"),
        ("trace(A) * det(X)", r"\operatorname{tr}\left(A\right) \det\left(X\right)"),
        ("sqrt(s) * softmax(z)", r"\sqrt{s} \operatorname{softmax}\left(z\right)"),
    ],
)
def test_plain_printer(text, latex):
    """Does the plain printer bracket by precedence and name the functions?"""
    assert plain_latex(tree(text)) == latex


def test_unknown_function_still_renders():
    """Is a Call SymPy does not know printed rather than raised?"""
    assert to_latex(Call("sum", (Symbol("A"),))) == r"\operatorname{sum}\left(A\right)"


def test_importing_render_does_not_import_sympy():
    """Is SymPy loaded only when something is rendered?"""
    code = "import sys, autograder.expr.render; print('sympy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
