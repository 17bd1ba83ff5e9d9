"""A small valid problem that tests of the bank alter one field at a time."""

import pytest

from autograder.bank.model import Mistake, Problem, Sym, Vary

QUADRATIC = dict(
    id="toy",
    topic="identities",
    symbols={"A": Sym("n", "n"), "x": Sym("n")},
    wrt="x",
    objective="x.T @ A @ x",
    statement=r"Find $\nabla_{[[x]]} [[x]]^\top [[A]] [[x]]$.",
    solution="(A + A.T) @ x",
    mistakes=[Mistake("2 * A @ x", "symmetric only"), Mistake("A @ x", "product rule")],
    vary=Vary(names={"A": ("A", "B", "C", "D", "E"), "x": ("x", "y")}),
)


@pytest.fixture
def toy():
    """Build the quadratic-form toy problem with some fields changed."""

    def build(**changes) -> Problem:
        return Problem(**{**QUADRATIC, **changes})

    return build
