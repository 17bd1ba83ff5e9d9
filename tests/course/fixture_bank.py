"""Two small problems built with the bank's model, so course tests do not depend on the bank's
contents: a two-part guided gradient problem and a one-part choice question."""

from __future__ import annotations

from autograder.bank.model import Mistake, Part, Problem, Sym, Vary

QUADRATIC = Problem(
    id="fixture-quadratic",
    topic="trace",
    title="Quadratic form",
    symbols={"A": Sym("n", "n"), "x": Sym("n"), "b": Sym("n")},
    statement=r"Let $f(x) = x^\top A x + [[k]] b^\top x$.",
    parts=(
        Part(
            id="a",
            kind="gradient",
            prompt=r"Find $\nabla_x f$.",
            wrt="x",
            objective="x.T @ A @ x + k * b.T @ x",
            solution="(A + A.T) @ x + k * b",
            mistakes=(
                Mistake("2 * A @ x + k * b", "That holds only when A is symmetric."),
                Mistake("A @ x + k * b", "x appears twice: use the product rule."),
            ),
            points=2,
        ),
        Part(
            id="b",
            kind="gradient",
            prompt=r"Find $\nabla_A f$.",
            wrt="A",
            objective="x.T @ A @ x + k * b.T @ x",
            solution="x @ x.T",
            mistakes=(
                Mistake("x.T @ x", "That is a scalar; the gradient is a matrix."),
                Mistake("2 * x @ x.T", "A appears once: there is no factor 2."),
            ),
            points=1,
        ),
    ),
    vary=Vary(constants={"k": (2, 3, 4, 5, 6, 7, 8, 9, 10, 11)}),
)

CHOICE = Problem(
    id="fixture-choice",
    topic="layout",
    title="Which layout",
    symbols={"x": Sym("n")},
    statement=r"In denominator layout, what shape has $\nabla_x f$ for a scalar $f$?",
    parts=(
        Part(
            id="a",
            kind="choice",
            prompt="Pick one.",
            options={"a": "a column vector", "b": "a row vector", "c": "a scalar"},
            solution="a",
            mistakes=(
                Mistake("b", "That is numerator layout."),
                Mistake("c", "The gradient has one entry per entry of the variable."),
            ),
            points=1,
        ),
    ),
    vary=Vary(dims={"n": ("n", "m", "p", "q", "r", "s", "d", "k", "l", "t")}),
)

PROBLEMS = {p.id: p for p in (QUADRATIC, CHOICE)}
