"""Tests of the tree rewrites: transposing for numerator layout, simplifying, renaming dims."""

import numpy as np
import pytest

from autograder.bank.trees import rename_dims, simplify, transpose
from autograder.expr.evaluate import evaluate
from autograder.expr.nodes import to_text
from autograder.expr.parse import parse
from autograder.spec import SymbolSpec

SYMBOLS = {
    "A": SymbolSpec(("n", "n")),
    "B": SymbolSpec(("n", "n")),
    "S": SymbolSpec(("n", "n"), spd=True),
    "M": SymbolSpec(("m", "n")),
    "x": SymbolSpec(("n",)),
    "a": SymbolSpec(("n",)),
    "b": SymbolSpec(("m",)),
    "c": SymbolSpec(()),
}


def tree(text):
    return parse(text, list(SYMBOLS), dims=["m", "n"]).node


def values(rng):
    s = rng.standard_normal((4, 4))
    return {
        "A": rng.standard_normal((4, 4)) + 4 * np.eye(4),
        "B": rng.standard_normal((4, 4)),
        "S": s @ s.T + np.eye(4),
        "M": rng.standard_normal((3, 4)),
        "x": rng.standard_normal((4, 1)),
        "a": rng.standard_normal((4, 1)),
        "b": rng.standard_normal((3, 1)),
        "c": np.array([[2.5]]),
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        ("(A + A.T) @ x", "x.T @ (A.T + A)"),
        ("2 * M.T @ (M @ x - b)", "2 * (M @ x - b).T @ M"),
        ("-inv(A).T @ a @ x.T @ inv(A).T", "-(inv(A) @ x @ a.T @ inv(A))"),
        ("(a.T @ x) * A", "a.T @ x * A.T"),
        ("c * inv(S)", "c * inv(S)"),
        ("det(A) * inv(A).T", "det(A) * inv(A)"),
        ("hadamard(A, B)", "hadamard(A.T, B.T)"),
        ("softmax(A)", "softmax(A).T"),
        ("x", "x.T"),
    ],
)
def test_transpose_pushes_down_and_keeps_the_value(text, expected):
    """Is the transposed tree readable and equal, numerically, to the transpose?"""
    node = tree(text)
    flipped = transpose(node, SYMBOLS)
    assert to_text(flipped) == expected
    rng = np.random.default_rng(0)
    for _ in range(3):
        v = values(rng)
        dims = {"m": 3, "n": 4}
        assert np.allclose(evaluate(flipped, v, dims), evaluate(node, v, dims).T)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A.T.T", "A"),
        ("S.T", "S"),
        ("(x.T @ A @ x).T", "x.T @ A @ x"),
        ("(inv(A) @ B).T", "(inv(A) @ B).T"),
        ("I(n).T @ A", "I(n) @ A"),
    ],
)
def test_simplify_removes_only_needless_transposes(text, expected):
    """Are double transposes and those of scalars, symmetric symbols and identities removed,
    and an author's other transposes kept where written?"""
    assert to_text(simplify(tree(text), SYMBOLS)) == expected


def test_rename_dims_renames_sizes_of_identity_and_ones():
    """Are dimension names inside I(n) and ones(n) renamed through the tree?"""
    node = rename_dims(tree("I(n) @ x + ones(n) * sum(x)"), {"n": "p"})
    assert to_text(node) == "I(p) @ x + ones(p) * sum(x)"
