from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="quadratic-form",
    title="Gradient of a quadratic form",
    topic="identities",
    symbols={"A": Sym("n", "n"), "x": Sym("n")},
    wrt="x",
    objective="x.T @ A @ x",
    statement=r"Find $\nabla_{[[x]]}\, [[x]]^\top [[A]] [[x]]$ for a square, not necessarily "
    r"symmetric $[[A]]$.",
    solution="(A + A.T) @ x",
    mistakes=[
        Mistake("2 * A @ x", "That holds only when $[[A]]$ is symmetric: keep $[[A]]^\\top$."),
        Mistake("A @ x", "$[[x]]$ appears twice: apply the product rule."),
    ],
    hints=[r"Write $f = \sum_{ij} [[x]]_i [[A]]_{ij} [[x]]_j$ and differentiate in $[[x]]_k$."],
    cookbook=[81],
    vary=Vary(
        names={"A": ("A", "B", "M", "Q", "C"), "x": ("x", "y", "z", "u", "v")},
        dims={"n": ("n", "p", "k")},
    ),
)
