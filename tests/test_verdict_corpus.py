"""A corpus of verdicts the engine must give, mostly from The Matrix Cookbook and standard ML
derivations: several right spellings per gradient (all `correct`), typical wrong answers with
the diagnosis they must get, and hostile input (`parse`, fast, never an exception).

The corpus checks itself first: every reference gradient is verified here with plain NumPy
(central finite differences of the objective, or of the expression a differential belongs
to), and every answer spelled in Python/NumPy is evaluated with plain NumPy and must bear the
claimed relation to the reference (equal for `correct`, transposed for `layout`, ...). So a
failure of an engine test is an engine bug, not a slip of the corpus.

Most cases go through `check_json` (the JSON edge), some through one `matgrade check`
subprocess holding all their lines.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass, field

import numpy as np
import pytest

from autograder.check import check_json


def sym(*shape, **props) -> dict:
    return {"shape": list(shape), **props}


# ---------------------------------------------------------------------------------------------
# Problems: symbols, objective (or the base expression of a differential), reference.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    symbols: dict
    expected: str
    wrt: str | None = None
    objective: str | None = None
    layout: str = "denominator"
    constraints: tuple[str, ...] = ()
    base: str | None = None
    """For a differential: the expression whose differential `expected` is."""
    direction: tuple[str, str] | None = None
    """For a differential: (variable, its differential symbol), e.g. ("X", "dX")."""
    numpy: str | None = None
    """The reference spelled for plain NumPy, when `expected` uses a context-sized I or ones."""


SQ = sym("n", "n")
INV = sym("n", "n", invertible=True)

PROBLEMS: dict[str, Problem] = {
    # linear and bilinear forms (Cookbook 2.4.1)
    "lin": Problem({"a": sym("n"), "x": sym("n")}, "a", "x", "a.T @ x"),
    "aXb": Problem(
        {"a": sym("m"), "X": sym("m", "n"), "b": sym("n")}, "a @ b.T", "X", "a.T @ X @ b"
    ),
    "xAy_y": Problem(
        {"A": sym("m", "n"), "x": sym("m"), "y": sym("n")}, "A.T @ x", "y", "x.T @ A @ y"
    ),
    # quadratic forms (Cookbook 2.4.2), A not symmetric
    "quad": Problem({"A": SQ, "x": sym("n")}, "(A + A.T) @ x", "x", "x.T @ A @ x"),
    "quad_num": Problem(
        {"A": SQ, "x": sym("n")}, "x.T @ (A + A.T)", "x", "x.T @ A @ x", layout="numerator"
    ),
    "quad_symS": Problem(
        {"S": sym("n", "n", symmetric=True), "x": sym("n")}, "2 * S @ x", "x", "x.T @ S @ x"
    ),
    # traces (Cookbook 2.5)
    "trAX": Problem({"A": sym("n", "m"), "X": sym("m", "n")}, "A.T", "X", "trace(A @ X)"),
    "trAX_sq": Problem({"A": SQ, "X": SQ}, "A.T", "X", "trace(A @ X)"),
    "trAX_num": Problem(
        {"A": sym("n", "m"), "X": sym("m", "n")}, "A", "X", "trace(A @ X)", layout="numerator"
    ),
    "trAXB": Problem(
        {"A": sym("p", "m"), "X": sym("m", "n"), "B": sym("n", "p")},
        "A.T @ B.T",
        "X",
        "trace(A @ X @ B)",
    ),
    "trXtAX": Problem({"A": SQ, "X": sym("n", "k")}, "(A + A.T) @ X", "X", "trace(X.T @ A @ X)"),
    "trX2": Problem({"X": SQ}, "2 * X.T", "X", "trace(X @ X)"),
    "trX3": Problem({"X": SQ}, "3 * (X @ X).T", "X", "trace(X @ X @ X)"),
    # determinants and inverses (Cookbook 2.1, 2.2)
    "detX": Problem({"X": INV}, "det(X) * inv(X).T", "X", "det(X)"),
    "logdet": Problem({"X": INV}, "inv(X).T", "X", "logdet(X)"),
    "logdet_num": Problem({"X": INV}, "inv(X)", "X", "logdet(X)", layout="numerator"),
    "logdet_spd": Problem({"S": sym("n", "n", spd=True)}, "inv(S)", "S", "logdet(S)"),
    "aXinvb": Problem(
        {"a": sym("n"), "X": INV, "b": sym("n")},
        "-inv(X).T @ a @ b.T @ inv(X).T",
        "X",
        "a.T @ inv(X) @ b",
    ),
    "trAXinvB": Problem(
        {"A": sym("p", "n"), "X": INV, "B": sym("n", "p")},
        "-inv(X).T @ A.T @ B.T @ inv(X).T",
        "X",
        "trace(A @ inv(X) @ B)",
    ),
    # least squares and ridge
    "lstsq": Problem(
        {"A": sym("m", "n"), "x": sym("n"), "b": sym("m")},
        "2 * A.T @ (A @ x - b)",
        "x",
        "(A @ x - b).T @ (A @ x - b)",
        constraints=("m > n",),
    ),
    "lstsq_num": Problem(
        {"A": sym("m", "n"), "x": sym("n"), "b": sym("m")},
        "2 * (A @ x - b).T @ A",
        "x",
        "(A @ x - b).T @ (A @ x - b)",
        layout="numerator",
        constraints=("m > n",),
    ),
    "ridge": Problem(
        {"A": sym("m", "n"), "x": sym("n"), "b": sym("m"), "lam": sym()},
        "2 * A.T @ (A @ x - b) + 2 * lam * x",
        "x",
        "(A @ x - b).T @ (A @ x - b) + lam * x.T @ x",
    ),
    # matrix factorisation ||X - WH||_F^2
    "nmf_W": Problem(
        {"X": sym("m", "n"), "W": sym("m", "k"), "H": sym("k", "n")},
        "-2 * (X - W @ H) @ H.T",
        "W",
        "trace((X - W @ H).T @ (X - W @ H))",
    ),
    "nmf_H": Problem(
        {"X": sym("m", "n"), "W": sym("m", "k"), "H": sym("k", "n")},
        "-2 * W.T @ (X - W @ H)",
        "H",
        "trace((X - W @ H).T @ (X - W @ H))",
    ),
    "nmf_W_reg": Problem(
        {"X": sym("m", "n"), "W": sym("m", "k"), "H": sym("k", "n"), "lam": sym()},
        "-2 * (X - W @ H) @ H.T + 2 * lam * W",
        "W",
        "trace((X - W @ H).T @ (X - W @ H)) + lam * trace(W.T @ W)",
    ),
    # Gaussian log-likelihood
    "gauss_mu": Problem(
        {"x": sym("d"), "mu": sym("d"), "Sigma": sym("d", "d", spd=True)},
        "inv(Sigma) @ (x - mu)",
        "mu",
        "-0.5 * (x - mu).T @ inv(Sigma) @ (x - mu) - 0.5 * logdet(Sigma)",
    ),
    "gauss_mu_N": Problem(
        {"X": sym("d", "N"), "mu": sym("d"), "Sigma": sym("d", "d", spd=True)},
        "inv(Sigma) @ (X - mu @ ones(N).T) @ ones(N)",
        "mu",
        "-0.5 * trace(inv(Sigma) @ (X - mu @ ones(N).T) @ (X - mu @ ones(N).T).T)",
    ),
    "gauss_Sigma": Problem(
        {"x": sym("d"), "mu": sym("d"), "Sigma": sym("d", "d", spd=True)},
        "0.5 * inv(Sigma) @ (x - mu) @ (x - mu).T @ inv(Sigma) - 0.5 * inv(Sigma)",
        "Sigma",
        "-0.5 * (x - mu).T @ inv(Sigma) @ (x - mu) - 0.5 * logdet(Sigma)",
    ),
    # logistic regression, attention
    "logreg": Problem(
        {"X": sym("N", "p"), "w": sym("p"), "y": sym("N", unit_interval=True)},
        "X.T @ (sigmoid(X @ w) - y)",
        "w",
        "-(y.T @ log(sigmoid(X @ w)) + (1 - y).T @ log(1 - sigmoid(X @ w)))",
        constraints=("N > p",),
    ),
    "attnV": Problem(
        {"Q": sym("d", "N"), "K": sym("d", "N"), "V": sym("e", "N"), "G": sym("e", "N")},
        "G @ softmax(K.T @ Q).T",
        "V",
        "trace(G.T @ V @ softmax(K.T @ Q))",
    ),
    # Hadamard and diag
    "had_sum": Problem({"A": sym("m", "n"), "X": sym("m", "n")}, "A", "X", "sum(hadamard(A, X))"),
    "had_sq": Problem(
        {"a": sym("n"), "x": sym("n")}, "2 * hadamard(a, x)", "x", "a.T @ hadamard(x, x)"
    ),
    "frob": Problem({"X": sym("m", "n")}, "2 * X", "X", "norm_fro(X) ** 2"),
    "diag_trace": Problem({"x": sym("n"), "A": SQ}, "diag(A) @ ones(n)", "x", "trace(diag(x) @ A)"),
    "diag_quad": Problem(
        {"x": sym("n"), "a": sym("n")}, "2 * diag(a) @ x", "x", "x.T @ diag(a) @ x"
    ),
    # more Cookbook and ML gradients
    "trXinv": Problem({"X": INV}, "-(inv(X) @ inv(X)).T", "X", "trace(inv(X))"),
    "logdetXtX": Problem(
        {"X": sym("m", "n")}, "2 * X @ inv(X.T @ X)", "X", "logdet(X.T @ X)", constraints=("m > n",)
    ),
    "trXBXtC": Problem(
        {"X": sym("m", "n"), "B": sym("n", "n"), "C": sym("m", "m")},
        "C @ X @ B + C.T @ X @ B.T",
        "X",
        "trace(X @ B @ X.T @ C)",
    ),
    "norm2": Problem({"x": sym("n")}, "x / norm_fro(x)", "x", "norm_fro(x)"),
    "lse": Problem({"x": sym("n")}, "softmax(x)", "x", "log(sum(exp(x)))"),
    "logsig": Problem({"x": sym("n")}, "1 - sigmoid(x)", "x", "sum(log(sigmoid(x)))"),
    "xent": Problem(
        {"z": sym("n"), "y": sym("n", probability=True)},
        "softmax(z) - y",
        "z",
        "-y.T @ log(softmax(z))",
    ),
    "mlr": Problem(
        {"W": sym("k", "p"), "X": sym("p", "N"), "Y": sym("k", "N", probability=True)},
        "(softmax(W @ X) - Y) @ X.T",
        "W",
        "-sum(hadamard(Y, log(softmax(W @ X))))",
    ),
    "cvalue": Problem({"x": sym("n"), "c": sym(value=0.5)}, "2 * c * x", "x", "c * x.T @ x"),
    "xSx_S": Problem(
        {"x": sym("n"), "S": sym("n", "n", symmetric=True)}, "x @ x.T", "S", "x.T @ S @ x"
    ),
    "ridge_lam": Problem({"x": sym("n"), "lam": sym()}, "x.T @ x", "lam", "lam * x.T @ x"),
    "fixed_dims": Problem({"W": sym(2, "n"), "X": sym("n", 2)}, "W.T", "X", "trace(W @ X)"),
    "ones_u": Problem({"x": sym("n"), "u": sym("n", ones=True)}, "exp(x)", "x", "u.T @ exp(x)"),
    # a two-layer network, squared loss: backpropagation
    "mlp_W2": Problem(
        {"W_1": sym("h", "d"), "W_2": sym("k", "h"), "x": sym("d"), "y": sym("k")},
        "2 * (W_2 @ sigmoid(W_1 @ x) - y) @ sigmoid(W_1 @ x).T",
        "W_2",
        "(W_2 @ sigmoid(W_1 @ x) - y).T @ (W_2 @ sigmoid(W_1 @ x) - y)",
    ),
    "mlp_W1": Problem(
        {"W_1": sym("h", "d"), "W_2": sym("k", "h"), "x": sym("d"), "y": sym("k")},
        "2 * hadamard(W_2.T @ (W_2 @ sigmoid(W_1 @ x) - y),"
        " hadamard(sigmoid(W_1 @ x), 1 - sigmoid(W_1 @ x))) @ x.T",
        "W_1",
        "(W_2 @ sigmoid(W_1 @ x) - y).T @ (W_2 @ sigmoid(W_1 @ x) - y)",
    ),
    "trX": Problem({"X": SQ}, "I(n)", "X", "trace(X)"),
    "trX_sq": Problem({"X": SQ}, "2 * trace(X) * I(n)", "X", "trace(X) ** 2"),
    "sum_x": Problem({"x": sym("n")}, "ones(n)", "x", "sum(x)"),
    "logsig_ones": Problem(
        {"x": sym("n")}, "ones - sigmoid(x)", "x", "sum(log(sigmoid(x)))", numpy="1 - sigmoid(x)"
    ),
    "logreg_hess": Problem(
        {"X": sym("N", "p"), "w": sym("p"), "y": sym("N", unit_interval=True), "dw": sym("p")},
        "X.T @ diag(hadamard(sigmoid(X @ w), 1 - sigmoid(X @ w))) @ X",
        constraints=("N > p",),
        base="X.T @ (sigmoid(X @ w) - y)",
        direction=("w", "dw"),
    ),
    # differentials: expressions in a symbol dX, no objective
    "d_trAX": Problem(
        {"A": SQ, "X": SQ, "dX": SQ},
        "trace(A @ dX)",
        "X",
        base="trace(A @ X)",
        direction=("X", "dX"),
    ),
    "d_det": Problem(
        {"X": INV, "dX": SQ}, "det(X) * trace(inv(X) @ dX)", base="det(X)", direction=("X", "dX")
    ),
    "d_logdet": Problem(
        {"X": INV, "dX": SQ}, "trace(inv(X) @ dX)", base="logdet(X)", direction=("X", "dX")
    ),
    "d_inv": Problem(
        {"X": INV, "dX": SQ}, "-inv(X) @ dX @ inv(X)", base="inv(X)", direction=("X", "dX")
    ),
    "d_quad": Problem(
        {"A": SQ, "x": sym("n"), "dx": sym("n")},
        "dx.T @ (A + A.T) @ x",
        base="x.T @ A @ x",
        direction=("x", "dx"),
    ),
    "d_lstsq": Problem(
        {"A": sym("m", "n"), "x": sym("n"), "b": sym("m"), "dx": sym("n")},
        "2 * (A @ x - b).T @ A @ dx",
        base="(A @ x - b).T @ (A @ x - b)",
        direction=("x", "dx"),
    ),
}


# ---------------------------------------------------------------------------------------------
# Cases.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    problem: str
    answer: str
    diagnosis: str
    mode: str = "both"
    """both: objective and expected; obj: objective and wrt only; ref: expected only."""
    fb: str | None = None
    """A phrase the feedback must contain."""
    extra: dict = field(default_factory=dict)
    via: str = "json"
    objective: str | None = None
    """The objective spelled differently (objective-only mode)."""

    @property
    def id(self) -> str:
        text = self.answer.encode("ascii", "backslashreplace").decode()
        text = re.sub(r"\s+", "", text)[:48]
        mode = "" if self.mode == "both" else f"[{self.mode}]"
        return f"{self.problem}{mode}:{self.diagnosis}:{text}"


CASES: list[Case] = []


def ok(problem: str, *answers: str, mode: str = "both", **kw) -> None:
    for answer in answers:
        CASES.append(Case(problem, answer, "correct", mode, **kw))


def bad(problem: str, answer: str, diagnosis: str, fb: str | None = None, mode="both", **kw):
    CASES.append(Case(problem, answer, diagnosis, mode, fb, **kw))


ROW = "row vector: that is numerator layout; this course uses denominator layout"
TRANSPOSED = "transpose of the expected one: that is numerator layout"

# -- linear and bilinear -----------------------------------------------------------------------
ok("lin", "a", "\\mathbf{a}", "(a.T).T", "(a^T)^T", "np.transpose(a.T)")
ok("lin", "a", "\\mathbf{a}", mode="obj")
bad("lin", "a.T", "layout", ROW)
bad("lin", "a^T", "layout", ROW, mode="obj")
bad("lin", "-a", "sign")
bad("lin", "2a", "scale", "2 times")
bad("lin", "x", "wrong")
bad("lin", "a.T @ x", "shape", "a scalar but")

ok("aXb", "a @ b.T", "a b^T", "(b @ a.T).T", "\\mathbf{a}\\mathbf{b}^\\top", "a b'")
ok("aXb", "a b^T", "(b a^T)^T", mode="obj")
bad("aXb", "b @ a.T", "layout", "numerator layout")
bad("aXb", "b a^T", "layout", mode="obj")
bad("aXb", "a @ a.T", "shape")
bad("aXb", "-a b^T", "sign")
bad("aXb", "a.T @ X @ b", "shape", "a scalar")

ok("xAy_y", "A.T @ x", "A^T x", "(x^T A)^T", "np.transpose(A) @ x", "(x.T @ A).T")
ok("xAy_y", "A^T x", "(x^T A)^T", mode="obj")
bad("xAy_y", "x^T A", "layout", ROW)
bad("xAy_y", "A x", "shape")
bad("xAy_y", "A^T x / 2", "scale", "1/2")

# -- quadratic forms ---------------------------------------------------------------------------
ok(
    "quad",
    "A @ x + A.T @ x",
    "(A + A.T) @ x",
    "(A + A^T)x",
    "Ax + A^Tx",
    "(A^T + A) x",
    "\\left(A + A^{\\top}\\right) \\mathbf{x}",
    "A x + (x^T A)^T",
    "(x.T @ (A + A.T)).T",
    "2 * ((A + A.T) / 2) @ x",
    "A x + A' x",
    "(x^T A^T + x^T A)^T",
)
ok("quad", "(A + A^T)x", "A x + A' x", mode="obj")
ok("quad", "(A + A^T) x", mode="obj", objective="trace(A @ x @ x.T)")
ok("quad", "(A + A^T) x", mode="obj", objective="\\operatorname{tr}(A x x^T)")
bad("quad", "2 A x", "symmetric", "right only when A is symmetric")
bad("quad", "2 * A.T @ x", "symmetric")
bad("quad", "2Ax", "symmetric", mode="obj")
bad("quad", "x^T(A + A^T)", "layout", ROW)
bad("quad", "x.T @ (A + A.T)", "layout", mode="obj")
bad("quad", "A + A.T", "shape", "n x n but the gradient with respect to x is n x 1")
bad("quad", "-(A + A^T)x", "sign")
bad("quad", "(A + A.T) @ x / 2", "scale", "1/2 times")
bad("quad", "\\frac{1}{2}(A + A^T)x", "scale", "1/2 times", mode="obj")
bad("quad", "A x", "missing_term")
bad("quad", "A x + A^T x + x", "extra_term")
bad("quad", "A.T @ A @ x", "wrong")
bad("quad", "x.T @ A @ x", "shape")
bad(
    "quad",
    "A^T A x",
    "mistake",
    extra={"mistakes": [{"answer": "A.T @ A @ x", "feedback": "You squared A."}]},
    fb="You squared A.",
)

ok("quad_num", "x.T @ (A + A.T)", "x^T (A + A^T)", "((A + A^T) x)^T", "x^T A + x^T A^T")
ok("quad_num", "x^T (A + A^T)", mode="obj")
bad("quad_num", "(A + A^T) x", "layout", "column vector: that is denominator layout")
bad("quad_num", "(A + A^T) x", "layout", mode="obj")
bad("quad_num", "2 x^T A", "symmetric")

ok("quad_symS", "2 * S @ x", "2Sx", "S x + S^T x", "(S + S.T) @ x", "2 S^T x", "2 (x^T S)^T")
ok("quad_symS", "2Sx", "S x + S' x", mode="obj")
bad("quad_symS", "S x", "scale", "1/2 times")
bad("quad_symS", "2 x^T S", "layout", ROW)

# -- traces ------------------------------------------------------------------------------------
ok("trAX", "A.T", "A^T", "A^\\top", "A'", "np.transpose(A)", "(I(n) @ A).T", "A^{\\mathsf{T}}")
ok("trAX", "A^T", "A.T @ I(n)", mode="obj")
# sized and context-sized I together (engine bug B: numeric shapes meet dimension names)
ok("trAX", "I_m A^T I", "I(m) @ A.T @ I(n)")
ok("trAX", "A^T", mode="obj", objective="\\operatorname{tr}(AX)")
ok("trAX", "A^T", mode="obj", objective="trace(X @ A)")
bad("trAX", "A", "layout", "numerator layout; this course uses denominator layout")
bad("trAX", "A", "layout", mode="obj")
bad("trAX", "-A.T", "sign")
bad("trAX", "2A^T", "scale", "2 times")
bad("trAX", "X", "wrong")
bad("trAX", "X.T", "shape")

ok("trAX_sq", "A.T", "A^T", "A'")
bad("trAX_sq", "A", "layout", TRANSPOSED)
bad("trAX_sq", "A", "layout", mode="obj")

ok("trAX_num", "A", "(A^T)^T")
ok("trAX_num", "A", mode="obj")
bad("trAX_num", "A^T", "layout", "denominator layout; this course uses numerator layout")

ok("trAXB", "A.T @ B.T", "A^T B^T", "(B A)^T", "(B @ A).T", "A' B'", "A^\\top B^\\top")
ok("trAXB", "(BA)^T", "A^T B^T", mode="obj")
ok("trAXB", "A^T B^T", mode="obj", objective="\\mathrm{tr}(B A X)")
bad("trAXB", "B A", "layout", TRANSPOSED)
bad("trAXB", "B @ A", "layout", mode="obj")
bad("trAXB", "A B", "shape")
bad("trAXB", "-(BA)^T", "sign")

ok(
    "trXtAX",
    "A @ X + A.T @ X",
    "(A + A^T)X",
    "AX + A'X",
    "(X^T (A + A^T))^T",
    "(X.T @ A.T + X.T @ A).T",
)
ok("trXtAX", "(A + A^T) X", mode="obj")
bad("trXtAX", "2AX", "symmetric")
bad("trXtAX", "2 A^T X", "symmetric", mode="obj")
bad("trXtAX", "A X", "missing_term")
bad("trXtAX", "X^T(A + A^T)", "layout", TRANSPOSED)

ok("trX2", "2 * X.T", "2X^T", "2 X'", "X.T + X.T", "2 * np.transpose(X)", "2X^\\top")
ok("trX2", "2X^T", mode="obj")
ok("trX2", "2X^T", mode="obj", objective="\\operatorname{tr}(X^2)")
ok("trX2", "2X^T", mode="obj", objective="trace(X ** 2)")
bad("trX2", "2X", "layout", TRANSPOSED)
bad("trX2", "2X", "layout", mode="obj")
bad("trX2", "X^T", "scale", "1/2 times")
bad("trX2", "2 X^T X", "wrong")

ok(
    "trX3",
    "3 * (X @ X).T",
    "3 X^T X^T",
    "3 (X^2)^T",
    "3 * (X.T) ** 2",
    "3 (X^T)^2",
    "3 * X.T @ X.T",
)
ok("trX3", "3 (X^T)^2", mode="obj")
bad("trX3", "3X^2", "layout", TRANSPOSED)
bad("trX3", "X.T @ X.T", "scale", "1/3 times")
bad("trX3", "3 X^T X", "symmetric", "when X is symmetric")
bad("trX3", "3 X^T", "wrong")

# -- determinants and inverses -----------------------------------------------------------------
ok(
    "detX",
    "det(X) * inv(X).T",
    "det(X) X^{-T}",
    "\\det(X) X^{-T}",
    "np.linalg.det(X) * np.linalg.inv(X).T",
    "det(X) * inv(X.T)",
    "\\det(X) (X^{-1})^T",
    "(det(X) * inv(X)).T",
)
ok("detX", "det(X) X^{-T}", "\\det(X)\\, (X^T)^{-1}", mode="obj")
bad("detX", "det(X) inv(X)", "layout", TRANSPOSED)
bad("detX", "\\det(X) X^{-1}", "layout", mode="obj")
bad("detX", "-det(X) X^{-T}", "sign")
bad("detX", "inv(X).T", "wrong")

ok(
    "logdet",
    "inv(X).T",
    "X^{-T}",
    "inv(X.T)",
    "np.linalg.inv(X).T",
    "(X^{-1})^T",
    "X^{-\\top}",
    "(X^T)^{-1}",
    "X⁻ᵀ",
    "inv(X).T @ X.T @ inv(X).T",
    "(X ** -1).T",
    "numpy.linalg.inv(np.transpose(X))",
)
ok("logdet", "X^{-T}", "(X^{-1})^T", mode="obj")
ok("logdet", "X^{-T}", mode="obj", objective="\\log\\det X")
ok("logdet", "X^{-T}", mode="obj", objective="log(abs(det(X)))")
bad("logdet", "inv(X)", "layout", TRANSPOSED)
bad("logdet", "X^{-1}", "layout", TRANSPOSED)
bad("logdet", "X⁻¹", "layout", mode="obj")
bad("logdet", "np.linalg.inv(X)", "layout", mode="ref")
bad("logdet", "X", "wrong")
bad("logdet", "-X^{-T}", "sign")
bad("logdet", "\\frac{1}{2} X^{-T}", "scale", "1/2 times")
bad("logdet", "1 / det(X)", "shape")
bad(
    "logdet",
    "X^{-1}",
    "layout",
    extra={"mistakes": [{"answer": "inv(X)", "feedback": "Mind the transpose of X^{-1}."}]},
    fb="Mind the transpose of X^{-1}.",
)

ok("logdet_num", "inv(X)", "X^{-1}", "np.linalg.inv(X)", "(X^{-T})^T")
ok("logdet_num", "X^{-1}", mode="obj")
bad("logdet_num", "X^{-T}", "layout", "denominator layout; this course uses numerator layout")

ok("logdet_spd", "inv(S)", "S^{-1}", "inv(S).T", "np.linalg.inv(S)", "S^{-T}")
ok("logdet_spd", "S^{-1}", "S^{-T}", mode="obj")
bad("logdet_spd", "S", "wrong")
bad("logdet_spd", "-S^{-1}", "sign")
bad("logdet_spd", "2S^{-1}", "scale", "2 times", mode="obj")

ok(
    "aXinvb",
    "-inv(X).T @ a @ b.T @ inv(X).T",
    "-X^{-T} a b^T X^{-T}",
    "-(X^{-1} b a^T X^{-1})^T",
    "-(inv(X) @ b @ a.T @ inv(X)).T",
    "-inv(X.T) @ a @ (inv(X) @ b).T",
    "-(a^T X^{-1})^T (X^{-1} b)^T",
)
ok("aXinvb", "-X^{-T} a b^T X^{-T}", mode="obj")
bad("aXinvb", "-X^{-1} b a^T X^{-1}", "layout", TRANSPOSED)
bad("aXinvb", "-X^{-1} b a^T X^{-1}", "layout", mode="obj")
bad("aXinvb", "X^{-T} a b^T X^{-T}", "sign")
bad("aXinvb", "-X^{-1} a b^T X^{-1}", "symmetric")
bad("aXinvb", "-a b^T", "wrong")

ok(
    "trAXinvB",
    "-inv(X).T @ A.T @ B.T @ inv(X).T",
    "-X^{-T} A^T B^T X^{-T}",
    "-(X^{-1} B A X^{-1})^T",
    "-(inv(X) @ B @ A @ inv(X)).T",
)
ok("trAXinvB", "-(X^{-1} B A X^{-1})^T", mode="obj")
bad("trAXinvB", "-X^{-1} B A X^{-1}", "layout", TRANSPOSED)
bad("trAXinvB", "X^{-T} A^T B^T X^{-T}", "sign")
bad("trAXinvB", "-A^T B^T", "wrong")

# -- least squares and ridge -------------------------------------------------------------------
ok(
    "lstsq",
    "2 * A.T @ (A @ x - b)",
    "2A^T(Ax - b)",
    "2 * A.T @ A @ x - 2 * A.T @ b",
    "2 (A^TAx - A^Tb)",
    "2((Ax - b)^T A)^T",
    "2 A' (A x - b)",
    "-2 A^T (b - Ax)",
    "2A^TAx - 2A^Tb",
    "\\frac{4}{2} A^\\top (A\\mathbf{x} - \\mathbf{b})",
)
ok("lstsq", "2A^T(Ax - b)", "2 (x^T A^T A - b^T A)^T", mode="obj")
ok("lstsq", "2A^T(Ax - b)", mode="obj", objective="norm_fro(A @ x - b) ** 2")
ok("lstsq", "2A^T(Ax - b)", mode="obj", objective="x^T A^T A x - 2 b^T A x + b^T b")
bad("lstsq", "2 (Ax - b)^T A", "layout", ROW)
bad("lstsq", "2 (Ax - b)^T A", "layout", mode="obj")
bad("lstsq", "A^T(Ax - b)", "scale", "1/2 times")
bad("lstsq", "A^T(Ax - b)", "scale", "1/2 times", mode="obj")
bad("lstsq", "2A^TAx", "missing_term")
bad("lstsq", "2A^TAx - 2A^Tb + 2x", "extra_term")
bad("lstsq", "2 A (Ax - b)", "shape")
bad("lstsq", "2 A^T A", "shape", "n x n but")
bad("lstsq", "-2A^T(Ax - b)", "sign")
bad("lstsq", "2A^T(b - Ax)", "sign", mode="obj")
bad(
    "lstsq",
    "2A^TAx",
    "missing_term",
    extra={"mistakes": [{"answer": "2 * A.T @ A @ x", "feedback": "Where did b go?"}]},
    fb="Where did b go?",
)

ok(
    "lstsq_num",
    "2 * (A @ x - b).T @ A",
    "2(Ax - b)^T A",
    "2 (x^T A^T - b^T) A",
    "(2 A^T (A x - b))^T",
)
ok("lstsq_num", "2(Ax - b)^T A", mode="obj")
bad("lstsq_num", "2A^T(Ax - b)", "layout", "column vector: that is denominator layout")
bad("lstsq_num", "2A^T(Ax - b)", "layout", mode="obj")

ok(
    "ridge",
    "2 * A.T @ (A @ x - b) + 2 * lam * x",
    "2A^T(Ax - b) + 2\\lambda x",
    "2 (A^T A + lam I) x - 2 A^T b",
    "2 * (A.T @ A + lam * np.eye(n)) @ x - 2 * A.T @ b",
    "2((A^TA + \\lambda I_n)x - A^Tb)",
)
ok("ridge", "2A^T(Ax - b) + 2 lam x", mode="obj")
ok("ridge", "2A^T(Ax - b) + 2 lam x", mode="obj", objective="norm(A x - b)^2 + \\lambda x^T x")
ok(
    "ridge",
    "2 (A^T A + lam I) x - 2 A^T I_m b",  # engine bug B
    "2 * (A.T @ A + lam * I) @ x - 2 * A.T @ I(m) @ b",
)
bad("ridge", "2A^T(Ax - b)", "missing_term")
bad("ridge", "2A^T(Ax - b) + lam x", "missing_term")
bad("ridge", "2A^T(Ax - b) + 4 lam x", "extra_term")
bad("ridge", "(A^TA + lam I)x - A^Tb", "scale", "1/2 times")

# -- matrix factorisation ----------------------------------------------------------------------
ok(
    "nmf_W",
    "-2 * (X - W @ H) @ H.T",
    "2(WH - X)H^T",
    "2 W H H^T - 2 X H^T",
    "-2 (X - WH) H^T",
    "2 * (W @ H @ H.T - X @ H.T)",
    "-2 (H (X - WH)^T)^T",
)
ok("nmf_W", "2(WH - X)H^T", mode="obj")
ok("nmf_W", "2(WH - X)H^T", mode="obj", objective="norm_fro(X - W H)^2")
bad("nmf_W", "-2 H (X - WH)^T", "layout", TRANSPOSED)
bad("nmf_W", "(WH - X)H^T", "scale", "1/2 times")
bad("nmf_W", "2 W H H^T", "missing_term")
bad("nmf_W", "-2 (X - WH)H^T + 2W", "extra_term")
bad("nmf_W", "-2 H^T (X - WH)", "shape")
bad("nmf_W", "2 (X - WH) H^T", "sign", mode="obj")

ok("nmf_H", "-2 * W.T @ (X - W @ H)", "2W^T(WH - X)", "2 W^T W H - 2 W^T X", "-2 ((X - WH)^T W)^T")
ok("nmf_H", "2W^T(WH - X)", mode="obj")
bad("nmf_H", "-2 (X - WH)^T W", "layout", TRANSPOSED)
bad("nmf_H", "2 W^T W H", "missing_term")

ok(
    "nmf_W_reg",
    "-2 * (X - W @ H) @ H.T + 2 * lam * W",
    "2(WH - X)H^T + 2 \\lambda W",
    "2 W (H H^T + lam I) - 2 X H^T",
)
ok("nmf_W_reg", "2(WH - X)H^T + 2 lam W", mode="obj")
bad("nmf_W_reg", "2(WH - X)H^T", "missing_term")
bad("nmf_W_reg", "2(WH - X)H^T + 2 lam W^T", "shape")

# -- Gaussian log-likelihood -------------------------------------------------------------------
ok(
    "gauss_mu",
    "inv(Sigma) @ (x - mu)",
    "\\Sigma^{-1}(x - \\mu)",
    "Σ⁻¹(x - μ)",
    "np.linalg.inv(Sigma) @ (x - mu)",
    "inv(Sigma) x - inv(Sigma) mu",
    "((x - mu)^T \\Sigma^{-1})^T",
    "-\\Sigma^{-1}(\\mu - \\mathbf{x})",
)
ok("gauss_mu", "\\Sigma^{-1}(x - \\mu)", mode="obj")
bad("gauss_mu", "\\Sigma^{-1}(\\mu - x)", "sign")
bad("gauss_mu", "(x - \\mu)^T \\Sigma^{-1}", "layout", ROW)
bad("gauss_mu", "\\Sigma (x - \\mu)", "wrong")
bad("gauss_mu", "2\\Sigma^{-1}(x - \\mu)", "scale", "2 times", mode="obj")
bad("gauss_mu", "\\Sigma^{-1} x", "missing_term")

# context-sized ones whose additive terms alone leave the size open (engine bugs A and B)
ok(
    "gauss_mu_N",
    "inv(Sigma) @ (X - mu @ ones(N).T) @ ones(N)",
    "inv(Sigma) @ (X @ ones(N) - mu @ ones(N).T @ ones(N))",
    "\\Sigma^{-1}(X - \\mu \\mathbf{1}^T)\\mathbf{1}",
    "inv(Sigma) @ (X - mu @ ones.T) @ ones",
    "inv(Sigma) @ (X - mu @ ones(N).T) @ ones",
)
# 1^T 1 alone does not tell the size of 1: a shape verdict, as for `mu @ ones.T`
bad(
    "gauss_mu_N",
    "\\Sigma^{-1} (X \\mathbf{1} - \\mu \\mathbf{1}^T \\mathbf{1})",
    "shape",
    "cannot be told",
)
ok("gauss_mu_N", "\\Sigma^{-1}(X - \\mu ones(N)^T) ones(N)", mode="obj")
bad("gauss_mu_N", "inv(Sigma) @ (X - mu @ ones(N).T)", "shape")

SIGMA_G = "0.5 * inv(Sigma) @ (x - mu) @ (x - mu).T @ inv(Sigma) - 0.5 * inv(Sigma)"
ok(
    "gauss_Sigma",
    SIGMA_G,
    "\\frac{1}{2}(\\Sigma^{-1}(x - \\mu)(x - \\mu)^T \\Sigma^{-1} - \\Sigma^{-1})",
    "\\frac12 \\Sigma^{-1}((x - \\mu)(x - \\mu)^T - \\Sigma)\\Sigma^{-1}",
    "0.5 * inv(Sigma) @ ((x - mu) @ (x - mu).T @ inv(Sigma) - I(d))",
    "-(Sigma^{-1} - Sigma^{-1}(x - mu)(x - mu)^T Sigma^{-1}) / 2",
    "(" + SIGMA_G + ").T",
)
ok(
    "gauss_Sigma",
    "\\frac{1}{2}\\Sigma^{-1}((x - \\mu)(x - \\mu)^T - \\Sigma)\\Sigma^{-1}",
    mode="obj",
)
bad(
    "gauss_Sigma",
    "\\Sigma^{-1}(x - \\mu)(x - \\mu)^T \\Sigma^{-1} - \\Sigma^{-1}",
    "scale",
    "2 times",
)
bad("gauss_Sigma", "-\\frac{1}{2}\\Sigma^{-1}", "missing_term")
bad("gauss_Sigma", "\\frac12 \\Sigma^{-1}(x - \\mu)(x - \\mu)^T \\Sigma^{-1}", "missing_term")
bad("gauss_Sigma", "-(" + SIGMA_G + ")", "sign", mode="obj")
ok(
    "gauss_Sigma",
    "2 (" + SIGMA_G + ") - diag(" + SIGMA_G + ")",
    extra={
        "alternatives": [
            {
                "answer": f"2 * ({SIGMA_G}) - diag({SIGMA_G})",
                "feedback": "Right, in the symmetric-matrix convention.",
            }
        ]
    },
    fb="symmetric-matrix convention",
)

# -- logistic regression and attention ---------------------------------------------------------
ok(
    "logreg",
    "X.T @ (sigmoid(X @ w) - y)",
    "X^T(\\sigma(Xw) - y)",
    "X.T @ sigmoid(X @ w) - X.T @ y",
    "np.transpose(X) @ (expit(X @ w) - y)",
    "((sigmoid(X @ w) - y).T @ X).T",
    "-X^T(y - σ(Xw))",
)
ok("logreg", "X^T(\\sigma(Xw) - y)", mode="obj")
bad("logreg", "X^T(y - \\sigma(Xw))", "sign")
bad("logreg", "(\\sigma(Xw) - y)^T X", "layout", ROW)
bad("logreg", "X^T \\sigma(Xw)", "missing_term")
bad("logreg", "X (\\sigma(Xw) - y)", "shape")
bad("logreg", "X^T (\\sigma(Xw) - y) + w", "extra_term")
ok("logreg", "X^T(\\sigma(Xw) - y)", mode="ref")

ok(
    "attnV",
    "G @ softmax(K.T @ Q).T",
    "G \\, softmax(K^T Q)^T",
    "(softmax(K.T @ Q) @ G.T).T",
    "G @ np.transpose(softmax(K.T @ Q))",
)
ok("attnV", "G softmax(K^T Q)^T", mode="obj")
ok("attnV", "G softmax(K^T Q)^T", mode="obj", objective="sum(hadamard(G, V @ softmax(K.T @ Q)))")
bad("attnV", "softmax(K^T Q) G^T", "layout", TRANSPOSED)
bad("attnV", "G softmax(K^T Q)", "wrong")
bad("attnV", "G softmax(Q^T K)", "wrong")
bad("attnV", "-G softmax(K^T Q)^T", "sign")

# -- Hadamard and diag -------------------------------------------------------------------------
ok(
    "had_sum",
    "A",
    "hadamard(A, ones(m, n))",
    "A \\odot (\\mathbf{1}\\mathbf{1}^T)",
    "hadamard(A, ones(m) @ ones(n).T)",
)
ok("had_sum", "A", mode="obj")
bad("had_sum", "A^T", "layout", TRANSPOSED)
bad("had_sum", "X", "wrong")

ok(
    "had_sq",
    "2 * hadamard(a, x)",
    "2 a \\odot x",
    "2 x ⊙ a",
    "2 diag(a) x",
    "2 * np.multiply(x, a)",
    "2 diag(x) a",
    "hadamard(a, x) + hadamard(x, a)",
)
ok("had_sq", "2 a \\odot x", mode="obj")
bad("had_sq", "a \\odot x", "scale", "1/2 times")
bad("had_sq", "2 (a \\odot x)^T", "layout", ROW)
bad("had_sq", "2 a^T x", "shape")

ok("frob", "2 * X", "2X", "X + X", "2 * hadamard(X, ones(m, n))")
ok("frob", "2X", mode="obj")
ok("frob", "2X", mode="obj", objective="sum(hadamard(X, X))")
ok("frob", "2X", mode="obj", objective="\\operatorname{tr}(X^T X)")
bad("frob", "2X^T", "layout", TRANSPOSED)
bad("frob", "X", "scale", "1/2 times")

ok("diag_trace", "diag(A) @ ones(n)", "hadamard(I(n), A) @ ones(n)", "diag(A^T) ones(n)")
ok("diag_trace", "diag(A) \\mathbf{1}", mode="obj")
bad("diag_trace", "diag(A)", "shape")
bad("diag_trace", "A @ ones(n)", "wrong")

ok("diag_quad", "2 * diag(a) @ x", "2 a \\odot x", "2 * hadamard(a, x)", "(diag(a) + diag(a)^T) x")
ok("diag_quad", "2 a \\odot x", mode="obj")
bad("diag_quad", "diag(a) x", "scale", "1/2 times")

# -- more Cookbook and ML gradients ------------------------------------------------------------
ok("trXinv", "-(inv(X) @ inv(X)).T", "-(X^{-2})^T", "-X^{-T} X^{-T}", "-(X ** -2).T", "-(X^T)^{-2}")
ok("trXinv", "-(X^{-2})^T", mode="obj")
bad("trXinv", "-X^{-2}", "layout", TRANSPOSED)
bad("trXinv", "X^{-T} X^{-T}", "sign", mode="obj")

ok(
    "logdetXtX",
    "2 * X @ inv(X.T @ X)",
    "2X(X^TX)^{-1}",
    "2 * (inv(X.T @ X) @ X.T).T",
    "2 ((X^T X)^{-1} X^T)^T",
)
ok("logdetXtX", "2X(X^TX)^{-1}", mode="obj")
bad("logdetXtX", "2(X^TX)^{-1}X^T", "layout", TRANSPOSED)
bad("logdetXtX", "X (X^T X)^{-1}", "scale", "1/2 times")

ok("trXBXtC", "C @ X @ B + C.T @ X @ B.T", "C X B + C^T X B^T", "(B X^T C + B^T X^T C^T)^T")
ok("trXBXtC", "C X B + C^T X B^T", mode="obj")
bad("trXBXtC", "2 C X B", "symmetric", "B and C are symmetric")
bad("trXBXtC", "C X B", "missing_term")
bad("trXBXtC", "B X^T C + B^T X^T C^T", "layout", TRANSPOSED)

ok(
    "norm2",
    "x / norm_fro(x)",
    "x / norm(x)",
    "x / sqrt(x^T x)",
    "(x.T @ x) ** -0.5 * x",
    "\\frac{x}{\\sqrt{x^T x}}",
    "(x^Tx)^{-1/2} x",
    "x / np.linalg.norm(x)",
)
ok("norm2", "\\frac{\\mathbf{x}}{\\sqrt{\\mathbf{x}^\\top \\mathbf{x}}}", mode="obj")
bad("norm2", "x^T / norm(x)", "layout", ROW)
bad("norm2", "2x", "wrong")

ok(
    "lse",
    "softmax(x)",
    "exp(x) / sum(exp(x))",
    "exp(x) / (ones(n).T @ exp(x))",
    "\\operatorname{softmax}(x)",
    "\\frac{e^{x}}{\\mathbf{1}^T e^{x}}",
)
ok("lse", "softmax(x)", mode="obj")
bad("lse", "exp(x)", "wrong")
bad("lse", "softmax(x).T", "layout", ROW)

# `\\mathbf{1} - \\sigma(x)`: the term `1` alone has no size (engine bug A)
ok(
    "logsig",
    "1 - sigmoid(x)",
    "sigmoid(-x)",
    "1 - \\sigma(x)",
    "ones(n) - sigmoid(x)",
    "\\mathbf{1} - \\sigma(x)",
)
ok("logsig", "\\mathbf{1} - \\sigma(\\mathbf{x})", mode="obj")
bad("logsig", "-sigmoid(x)", "wrong")

ok("xent", "softmax(z) - y", "\\operatorname{softmax}(z) - \\mathbf{y}", "exp(z) / sum(exp(z)) - y")
ok("xent", "softmax(z) - y", mode="obj")
bad("xent", "y - softmax(z)", "sign")
bad("xent", "softmax(z)", "missing_term")

ok("mlr", "(softmax(W @ X) - Y) @ X.T", "(softmax(W X) - Y) X^T", "softmax(WX)X^T - YX^T")
ok("mlr", "(softmax(WX) - Y) X^T", mode="obj")
bad("mlr", "X (softmax(WX) - Y)^T", "layout", TRANSPOSED)
bad("mlr", "(softmax(WX) - Y)^T X", "shape")
bad("mlr", "softmax(WX) X^T", "missing_term")

ok("cvalue", "2 * c * x", "2cx", "x")
ok("cvalue", "x", mode="obj")
bad("cvalue", "c x", "scale", "1/2 times")

ok("xSx_S", "x @ x.T", "x x^T", "x x'", "(x x^T)^T")
ok("xSx_S", "x x^T", mode="obj")
bad("xSx_S", "2 x x^T - diag(x x^T)", "wrong")
bad("xSx_S", "x^T x", "shape")

ok("ridge_lam", "x.T @ x", "x^T x", "norm(x)^2", "trace(x x^T)", "sum(hadamard(x, x))")
ok("ridge_lam", "\\mathbf{x}^\\top\\mathbf{x}", mode="obj")
bad("ridge_lam", "2 x^T x", "scale", "2 times")
bad("ridge_lam", "x", "shape")

ok("fixed_dims", "W.T", "W^T")
ok("fixed_dims", "W^T", mode="obj")
bad("fixed_dims", "W", "layout", TRANSPOSED)

ok("ones_u", "exp(x)", "hadamard(u, exp(x))", "e^{x}", "\\exp(x)")
ok("ones_u", "e^{x}", mode="obj")
bad("ones_u", "exp(x).T", "layout", ROW)

# spellings from copy-paste and other notations
ok(
    "gauss_mu",
    "Σ⁻¹(x − μ)",
    "\\boldsymbol{\\Sigma}^{-1}(\\mathbf{x}-\\boldsymbol{\\mu})",
    "Sigma^-1 (x - mu)",
    "Sigma.I @ (x - mu)",
    "inv(Sigma)(x - mu)",
    "\\bm{\\Sigma}^{-1}(\\bm{x} - \\bm{\\mu})",
)
bad("gauss_mu", "(x - mu).T @ inv(Sigma)", "layout", ROW, extra={"credit": {"layout": 0.5}})
bad("gauss_mu", "-\\Sigma^{-1}(x - \\mu)", "sign", extra={"credit": {"layout": 0.5}})
ok(
    "lstsq",
    "2A^\\intercal(Ax-b)",
    "2Aᵀ(Ax − b)",
    "2\\cdot A^T(Ax-b)",
    "$2A^T(Ax-b)$",
    "2 * np.dot(A.T, np.dot(A, x) - b)",
    "2 * np.matmul(A.T, A @ x - b)",
    "A^T(Ax-b) + A^T(Ax-b)",
    "2 A^{T} (A x - b) + 0",
)
bad("lstsq", "-A^T(Ax - b)", "scale", "-1/2 times")
ok(
    "logdet",
    "(X^{-1})'",
    "X'^{-1}",
    "X^{-1}^T",
    "\\left(X^{\\top}\\right)^{-1}",
    "X.T.I",
    "X.I.T",
    "\\left(X^{-1}\\right)^{\\top}",
)

# a whole term left out (or doubled) as the author wrote it, a product of sums (engine bug D;
# also gauss_Sigma "-1/2 Sigma^-1" above)
bad("ridge", "2\\lambda x", "missing_term")
bad("nmf_W_reg", "2 lam W", "missing_term")
bad("ridge", "3A^T(Ax - b) + 2 lam x", "extra_term")

# -- two-layer network -------------------------------------------------------------------------
ok(
    "mlp_W2",
    "2 (W_2 \\sigma(W_1 x) - y) \\sigma(W_1 x)^T",
    "2 (W_{2} \\sigma(W_{1} x) - y) \\sigma(W_{1} x)^\\top",
    "2 * (W_2 @ sigmoid(W_1 @ x) @ sigmoid(W_1 @ x).T - y @ sigmoid(W_1 @ x).T)",
)
ok("mlp_W2", "2 (W_2 \\sigma(W_1 x) - y) \\sigma(W_1 x)^T", mode="obj")
bad("mlp_W2", "2 \\sigma(W_1 x)(W_2 \\sigma(W_1 x) - y)^T", "layout", TRANSPOSED)
bad("mlp_W2", "(W_2 \\sigma(W_1 x) - y) \\sigma(W_1 x)^T", "scale", "1/2 times", mode="obj")
ok(
    "mlp_W1",
    "2 ((W_2^T (W_2 \\sigma(W_1 x) - y)) \\odot \\sigma(W_1 x) \\odot (1 - \\sigma(W_1 x))) x^T",
    "2 diag(\\sigma(W_1x) \\odot (1 - \\sigma(W_1 x))) W_2^T (W_2 \\sigma(W_1 x) - y) x^T",
)
ok(
    "mlp_W1",
    "2 diag(\\sigma(W_1 x) \\odot (1 - \\sigma(W_1 x))) W_2^T (W_2 \\sigma(W_1 x) - y) x^T",
    mode="obj",
)
bad(
    "mlp_W1",
    "2 x ((W_2^T (W_2 \\sigma(W_1 x) - y)) \\odot \\sigma(W_1 x) \\odot (1 - \\sigma(W_1 x)))^T",
    "layout",
    TRANSPOSED,
)
bad("mlp_W1", "2 ((W_2^T (W_2 \\sigma(W_1 x) - y)) \\odot \\sigma(W_1 x)) x^T", "wrong")
bad("mlp_W1", "2 (W_2^T (W_2 \\sigma(W_1 x) - y)) x^T", "wrong", mode="obj")

# -- declared mistakes and partial credit in objective-only mode ---------------------------------
LSQ_MISTAKES = {
    "mistakes": [
        {"answer": "A.T @ (A @ x - b)", "feedback": "Factor 2 from the square."},
        {"answer": "2 * (A @ x - b)", "feedback": "Chain rule: where is A^T?"},
        {"answer": "2 * A.T @ A @ x + 2 * A.T @ b", "feedback": "Sign of b."},
    ],
    "credit": {"scale": 0.5, "layout": 0.25, "mistake": 0.1},
}
bad("lstsq", "A^T(Ax-b)", "scale", "Factor 2 from the square.", mode="obj", extra=LSQ_MISTAKES)
bad("lstsq", "2(Ax - b)", "shape", "Chain rule: where is A^T?", mode="obj", extra=LSQ_MISTAKES)
bad("lstsq", "2A^T(Ax + b)", "mistake", "Sign of b.", mode="obj", extra=LSQ_MISTAKES)
bad("lstsq", "2(Ax-b)^TA", "layout", ROW, mode="obj", extra=LSQ_MISTAKES)
ok("lstsq", "2A^T(Ax-b)", mode="obj", extra=LSQ_MISTAKES)

# -- identity and ones sized by the gradient's shape --------------------------------------------
# `I` alone is the textbook answer for d tr(X) / dX, `1` for d 1^T x / dx, `2 tr(X) I` for
# d tr(X)^2 / dX (Cookbook 2.5): the size is the gradient's (engine bug E).
ok("trX", "I(n)", "I_n", "np.eye(n)", "I")
ok("trX", "I", mode="obj")
bad("trX", "X", "wrong")
bad("trX", "2 I_n", "scale", "2 times")
ok(
    "trX_sq",
    "2 * trace(X) * I(n)",
    "2 tr(X) I_n",
    "2 * np.trace(X) * np.eye(n)",
    "2 \\operatorname{tr}(X) I",
)
ok("trX_sq", "2 tr(X) I", mode="obj")
bad("trX_sq", "2 tr(X)", "shape", "a scalar but")
bad("trX_sq", "2 X^T", "wrong")
ok("sum_x", "ones(n)", "np.ones(n)", "\\mathbf{1}", "ones")
ok("sum_x", "I @ ones(n)")  # engine bug B: the bare I is sized `n`, a name, at evaluation
ok("sum_x", "\\mathbf{1}", mode="obj")
bad("sum_x", "x", "wrong")
# an author's reference with a bare `ones`: every answer is an internal error (engine bug A)
ok("logsig_ones", "1 - sigmoid(x)", "1 - \\sigma(x)")
bad("logsig_ones", "sigmoid(x)", "wrong")

# -- Hessian of the logistic loss (Fisher information), a matrix without objective ----------------
ok(
    "logreg_hess",
    "X.T @ diag(hadamard(sigmoid(X @ w), 1 - sigmoid(X @ w))) @ X",
    "X^T diag(\\sigma(Xw) \\odot (1 - \\sigma(Xw))) X",
    "X^T \\operatorname{diag}(\\sigma(Xw)) \\operatorname{diag}(1 - \\sigma(Xw)) X",
    "(diag(sigmoid(X @ w) * 1) @ X).T @ diag(1 - sigmoid(X @ w)) @ X",
)
bad("logreg_hess", "X^T diag(\\sigma(Xw)) X", "wrong")
bad("logreg_hess", "-X^T diag(\\sigma(Xw) \\odot (1 - \\sigma(Xw))) X", "sign")
bad("logreg_hess", "X diag(\\sigma(Xw)) X^T", "shape")

# -- differentials -----------------------------------------------------------------------------
ok(
    "d_trAX",
    "trace(A @ dX)",
    "tr(dX A)",
    "\\operatorname{tr}(A\\,dX)",
    "sum(hadamard(A.T, dX))",
    "trace(dX.T @ A.T)",
    "trace(A.T @ dX.T)",
    "\\mathrm{tr}(AdX)",
)
bad("d_trAX", "trace(A.T @ dX)", "symmetric", "when A is symmetric")
bad("d_trAX", "trace(A @ A @ dX)", "wrong")
bad("d_trAX", "-\\operatorname{tr}(A\\,dX)", "sign")
bad("d_trAX", "A dX", "shape")
bad("d_trAX", "2 tr(A dX)", "scale", "2 times")

# Cookbook (41) in LaTeX: `\\det X \\operatorname{tr}(...)` is det(X) tr(...) (engine bug C)
ok(
    "d_det",
    "det(X) * trace(inv(X) @ dX)",
    "\\det X \\operatorname{tr}(X^{-1} dX)",
    "det(X) * trace(dX @ inv(X))",
    "trace(det(X) * inv(X) @ dX)",
    "sum(hadamard(det(X) * inv(X).T, dX))",
)
bad("d_det", "det(X) tr(X^{-T} dX)", "symmetric")
bad("d_det", "tr(X^{-1} dX)", "wrong")
ok(
    "d_det",
    "\\det(X) \\operatorname{tr}(X^{-1} dX)",
    "\\det X \\cdot \\operatorname{tr}(X^{-1} dX)",
)

ok(
    "d_logdet",
    "trace(inv(X) @ dX)",
    "tr(X^{-1}dX)",
    "\\operatorname{tr}(dX\\,X^{-1})",
    "sum(hadamard(inv(X).T, dX))",
)
bad("d_logdet", "tr(X^{-T} dX)", "symmetric", "when X is symmetric")
bad("d_logdet", "tr(X dX)", "wrong")

ok(
    "d_inv",
    "-inv(X) @ dX @ inv(X)",
    "-X^{-1} dX X^{-1}",
    "-(X^{-T} dX^T X^{-T})^T",
    "-inv(X) @ (dX @ inv(X))",
)
bad("d_inv", "-X^{-2} dX", "wrong")
bad("d_inv", "X^{-1} dX X^{-1}", "sign")
bad("d_inv", "-(X^{-1} dX X^{-1})^T", "layout", "transpose of the expected one")

ok(
    "d_quad",
    "dx.T @ (A + A.T) @ x",
    "dx^T A x + x^T A dx",
    "x^T (A + A^T) dx",
    "trace((A + A.T) @ x @ dx.T)",
)
bad("d_quad", "2 dx^T A x", "symmetric")
bad("d_quad", "dx^T A x", "missing_term")

ok("d_lstsq", "2 * (A @ x - b).T @ A @ dx", "2(Ax - b)^T A dx", "2 dx^T A^T (Ax - b)")
bad("d_lstsq", "2 dx^T A^T A x", "missing_term")


# Every fifth case goes through one `matgrade check` subprocess instead of check_json.
CASES = [
    Case(
        c.problem,
        c.answer,
        c.diagnosis,
        c.mode,
        c.fb,
        c.extra,
        "cli" if i % 5 == 2 else "json",
        c.objective,
    )
    for i, c in enumerate(CASES)
]
IDS = []
for case in CASES:
    base, n = case.id, 2
    name = base
    while name in IDS:
        name, n = f"{base}#{n}", n + 1
    IDS.append(name)


def request(case: Case, seed: int = 0) -> dict:
    p = PROBLEMS[case.problem]
    obj = {"id": None, "symbols": p.symbols, "answer": case.answer, "seed": seed}
    if p.constraints:
        obj["constraints"] = list(p.constraints)
    if p.layout != "denominator":
        obj["layout"] = p.layout
    if p.wrt is not None:
        obj["wrt"] = p.wrt
    objective = case.objective or p.objective
    if objective is not None and case.mode in ("both", "obj"):
        obj["objective"] = objective
    if case.mode in ("both", "ref"):
        obj["expected"] = p.expected
    obj.update(case.extra)
    return obj


# ---------------------------------------------------------------------------------------------
# Plain NumPy: values for the symbols, an evaluator for Python-spelled expressions.
# ---------------------------------------------------------------------------------------------


def np_values(problem: Problem, rng: np.random.Generator) -> tuple[dict, dict]:
    names = []
    for spec in problem.symbols.values():
        names += [d for d in spec["shape"] if isinstance(d, str) and d not in names]
    sizes = [int(s) for s in rng.choice(np.arange(3, 8), size=len(names), replace=False)]
    dims = dict(zip(names, sizes, strict=True))
    for constraint in problem.constraints:
        big, small = (w.strip() for w in constraint.split(">"))
        if dims[big] < dims[small]:
            dims[big], dims[small] = dims[small], dims[big]
    values = {}
    for name, spec in problem.symbols.items():
        shape = [d if isinstance(d, int) else dims[d] for d in spec["shape"]]
        rows, cols = (shape + [1, 1])[:2] if shape else (1, 1)
        if "value" in spec:
            v = np.array([[float(spec["value"])]])
        elif spec.get("ones"):
            v = np.ones((rows, cols))
        elif spec.get("probability"):
            v = rng.uniform(0.5, 1.5, (rows, cols))
            v = v / v.sum(axis=0, keepdims=True)
        elif spec.get("spd"):
            q, _ = np.linalg.qr(rng.standard_normal((rows, rows)))
            v = q @ np.diag(rng.uniform(0.5, 2.0, rows)) @ q.T
        elif spec.get("invertible"):
            v = 3 * np.eye(rows) + rng.standard_normal((rows, rows)) / np.sqrt(rows)
        elif spec.get("unit_interval"):
            v = rng.uniform(0.05, 0.95, (rows, cols))
        elif not shape:
            v = rng.uniform(1.5, 3.0, (1, 1))
        else:
            v = rng.standard_normal((rows, cols))
            if spec.get("symmetric"):
                v = (v + v.T) / 2
        values[name] = v
    return values, dims


def _diag(v):
    v = np.asarray(v)
    return np.diag(v[:, 0]) if v.shape[1] == 1 else np.diag(np.diag(v))


def _softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


FUNCTIONS = {
    "np": np,
    "numpy": np,
    "inv": np.linalg.inv,
    "det": np.linalg.det,
    "logdet": lambda x: np.linalg.slogdet(x)[1],
    "trace": np.trace,
    "tr": np.trace,
    "exp": np.exp,
    "log": np.log,
    "abs": np.abs,
    "sigmoid": _sigmoid,
    "expit": _sigmoid,
    "softmax": _softmax,
    "hadamard": np.multiply,
    "diag": _diag,
    "sum": np.sum,
    "norm_fro": np.linalg.norm,
    "norm": np.linalg.norm,
    "sqrt": np.sqrt,
    "eye": np.eye,
    "I": np.eye,
    "ones": lambda r, c=1: np.ones((r, c)),
}


def np_eval(text: str, values: dict, dims: dict) -> np.ndarray:
    """The value of a Python-spelled expression of our own corpus, with plain NumPy (2-D)."""
    out = eval(text, {"__builtins__": {}, **FUNCTIONS, **dims}, dict(values))  # noqa: S307
    out = np.asarray(out, dtype=float)
    return out.reshape(-1, 1) if out.ndim < 2 else out


def np_close(a, b, rtol=1e-6) -> bool:
    return a.shape == b.shape and np.linalg.norm(a - b) <= rtol * max(
        np.linalg.norm(a), np.linalg.norm(b), 1e-12
    )


def fd_gradient(f, values: dict, wrt: str, h: float = 1e-6) -> np.ndarray:
    """Central-difference gradient of a scalar f in `wrt`, in denominator layout."""
    point = values[wrt]
    grad = np.zeros(point.shape)
    for index in np.ndindex(point.shape):
        delta = np.zeros(point.shape)
        delta[index] = h
        up = f({**values, wrt: point + delta})
        down = f({**values, wrt: point - delta})
        grad[index] = (up - down).item() / (2 * h)
    return grad


def reference_np(problem: Problem, values: dict, dims: dict) -> np.ndarray:
    return np_eval(problem.numpy or problem.expected, values, dims)


# ---------------------------------------------------------------------------------------------
# 1. The corpus checks itself with plain NumPy.
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PROBLEMS))
@pytest.mark.parametrize("seed", [0, 1])
def test_reference_by_finite_differences(name, seed):
    """Is every reference of the corpus the gradient (or differential) it claims to be?"""
    p = PROBLEMS[name]
    values, dims = np_values(p, np.random.default_rng(100 + seed))
    reference = reference_np(p, values, dims)
    if p.direction is None:
        objectives = [p.objective] + [
            c.objective for c in CASES if c.problem == name and c.objective
        ]
        for objective in dict.fromkeys(objectives):
            if not re.fullmatch(r"[\w\s@.*+\-/(),]*", objective) or re.search(
                r"\w \*\*", objective
            ):
                continue  # textbook spelling or a matrix power: NumPy reads them otherwise
            grad = fd_gradient(lambda v, o=objective: np_eval(o, v, dims), values, p.wrt)
            grad = grad if p.layout == "denominator" else grad.T
            assert np_close(reference, grad, 1e-5), (objective, reference, grad)
    else:
        var, d = p.direction
        h = 1e-6
        up = np_eval(p.base, {**values, var: values[var] + h * values[d]}, dims)
        down = np_eval(p.base, {**values, var: values[var] - h * values[d]}, dims)
        derivative = (up - down) / (2 * h)
        if reference.shape != derivative.shape:  # a Jacobian (Hessian): apply it to the direction
            reference = reference @ values[d]
        assert np_close(reference, derivative, 1e-5)


def _python_value(case: Case, values: dict, dims: dict) -> np.ndarray | None:
    """The answer's value with plain NumPy when it is spelled in Python, else None."""
    if re.search(r"[\\^'{}]|[^\x00-\x7f]|\*\*", case.answer):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)
            return np_eval(case.answer, values, dims)
    except Exception:  # noqa: BLE001 - textbook juxtaposition, undefined shapes: not checked
        return None


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_corpus_claim_holds_in_numpy(case):
    """Does every Python-spelled answer bear the claimed relation to the reference?"""
    p = PROBLEMS[case.problem]
    values, dims = np_values(p, np.random.default_rng(7))
    value = _python_value(case, values, dims)
    if value is None or "alternatives" in case.extra:
        return
    ref = reference_np(p, values, dims)
    if case.diagnosis == "correct":
        assert np_close(value, ref)
    elif case.diagnosis == "layout":
        assert np_close(value, ref.T) and not np_close(value, ref)
    elif case.diagnosis == "sign":
        assert np_close(value, -ref)
    elif case.diagnosis == "scale":
        c = np.vdot(ref, value) / np.vdot(ref, ref)
        assert np_close(value, c * ref) and abs(abs(c) - 1) > 1e-3
    elif case.diagnosis == "shape":
        assert value.shape != ref.shape
    elif case.diagnosis == "symmetric":
        symmetrised = {
            k: (v + v.T) / 2 if v.shape[0] == v.shape[1] > 1 else v for k, v in values.items()
        }
        assert not np_close(value, ref)
        assert np_close(np_eval(case.answer, symmetrised, dims), reference_np(p, symmetrised, dims))
    else:
        assert not np_close(value, ref, 1e-3)


# ---------------------------------------------------------------------------------------------
# 2. The engine: through check_json, and through one `matgrade check` subprocess.
# ---------------------------------------------------------------------------------------------


def _assert_verdict(case: Case, out: dict) -> None:
    said = f"{out['diagnosis']}: {out['feedback']} (authoring_error: {out['authoring_error']})"
    assert out["diagnosis"] == case.diagnosis, said
    assert out["correct"] is (case.diagnosis == "correct"), said
    assert out["error"] is None, said
    if case.mode != "ref" and "alternatives" not in case.extra and "mistakes" not in case.extra:
        assert out["authoring_error"] is None, said
    if case.fb:
        assert case.fb in out["feedback"], said
    reference = PROBLEMS[case.problem].expected
    declared = "mistakes" in case.extra or "alternatives" in case.extra
    if len(reference) >= 5 and not declared:
        assert reference not in out["feedback"], said  # feedback never shows the reference
    credit = case.extra.get("credit", {})
    wanted = 1.0 if case.diagnosis == "correct" else float(credit.get(case.diagnosis, 0.0))
    assert out["score"] == wanted, said


JSON_CASES = [(c, i) for c, i in zip(CASES, IDS, strict=True) if c.via == "json"]
CLI_CASES = [(c, i) for c, i in zip(CASES, IDS, strict=True) if c.via == "cli"]


@pytest.mark.parametrize("case", [c for c, _ in JSON_CASES], ids=[i for _, i in JSON_CASES])
def test_verdict_json(case):
    """Does check_json give the verdict the corpus holds?"""
    _assert_verdict(case, check_json(request(case)))


@pytest.fixture(scope="module")
def cli_outputs() -> dict:
    lines = [json.dumps({**request(c), "id": i}) for c, i in CLI_CASES]
    done = subprocess.run(
        [sys.executable, "-m", "autograder", "check"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    outputs = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["id"] for o in outputs] == [i for _, i in CLI_CASES]
    return {o["id"]: o for o in outputs}


def test_cli_one_line_per_input_in_order(cli_outputs):
    """Does `matgrade check` answer every line, in order (checked in the fixture)?"""
    assert len(cli_outputs) == len(CLI_CASES) > 30


@pytest.mark.parametrize("case", [c for c, _ in CLI_CASES], ids=[i for _, i in CLI_CASES])
def test_verdict_cli(case, cli_outputs):
    """Does `matgrade check` give the verdict the corpus holds?"""
    _assert_verdict(case, cli_outputs[IDS[CASES.index(case)]])


SEEDED = [
    Case("quad", "2 A x", "symmetric"),
    Case("quad", "(A + A^T)x", "correct", "obj"),
    Case("logdet", "X^{-1}", "layout"),
    Case("logdet", "X^{-T}", "correct", "obj"),
    Case("lstsq", "2A^TAx - 2A^Tb", "correct"),
    Case("lstsq", "A^T(Ax - b)", "scale", fb="1/2 times"),
    Case(
        "gauss_Sigma",
        "\\frac12 \\Sigma^{-1}((x - \\mu)(x - \\mu)^T - \\Sigma)\\Sigma^{-1}",
        "correct",
        "obj",
    ),
    Case("gauss_Sigma", "-\\frac{1}{2}\\Sigma^{-1}", "missing_term"),
    Case("detX", "det(X) inv(X)", "layout"),
    Case("ridge", "2A^T(Ax - b) + lam x", "missing_term"),
    Case("attnV", "G softmax(K^T Q)^T", "correct", "obj"),
]


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("case", SEEDED, ids=[c.id for c in SEEDED])
def test_verdict_does_not_depend_on_seed(case, seed):
    """Is the verdict the same whatever the seed of the probes?"""
    _assert_verdict(case, check_json(request(case, seed)))


# ---------------------------------------------------------------------------------------------
# 3. Hostile input: `parse`, quickly, never an exception.
# ---------------------------------------------------------------------------------------------

HOSTILE = [
    "__import__('os').system('echo owned')",
    "().__class__.__base__.__subclasses__()",
    "x.__class__",
    "lambda: x",
    "[x for x in (1, 2)]",
    "exec('x')",
    "eval('x')",
    "open('/etc/passwd').read()",
    "getattr(x, 'T')",
    "x; import os",
    "f'{x}'",
    "2**2**2**2**2**2",
    "x ** 99999999",
    "A ** 1000000",
    "9" * 400,
    "1e999 * x",
    "(" * 1000 + "x" + ")" * 1000,
    "(" * 5000,
    "x" + " + x" * 1250,
    "A" * 5000,
    "\\frac{" * 2000,
    "{" * 300 + "x" + "}" * 300,
    "-" * 5000 + "x",
    "𝔸x",
    "x + 😀",
    "x\x00",
    "x\u202e",
    "A x ≠ x",
    "\\input{/etc/passwd}",
    "x.T.T.__dict__",
    "{**x}",
    "x if x else x",
    "x := 1",
]


@pytest.mark.parametrize("answer", HOSTILE, ids=lambda a: repr(a[:30]))
def test_hostile_input_is_parse_and_fast(answer):
    """Is hostile input refused as `parse` within 100 ms, with nothing raised?"""
    case = Case("quad", answer, "parse")
    check_json(request(Case("quad", "A x", "missing_term")))  # warm the request's cache
    start = time.perf_counter()
    out = check_json(request(case))
    elapsed = time.perf_counter() - start
    assert out["diagnosis"] == "parse", out
    assert out["correct"] is False and out["score"] == 0
    assert elapsed < 0.1, f"{elapsed * 1000:.0f} ms"


def test_np_diag_is_refused_not_guessed():
    """Is NumPy's two-faced np.diag refused with a reason, rather than given a silent meaning?"""
    out = check_json(request(Case("diag_trace", "np.diag(A)", "parse")))
    assert out["diagnosis"] == "parse"
    assert "ambiguous" in out["feedback"] and "diag(v)" in out["feedback"]
