from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="frobenius-affine",
    title="Squared Frobenius norm of an affine map",
    topic="identities",
    symbols={"A": Sym("p", "m"), "X": Sym("m", "n"), "B": Sym("n", "q"), "C": Sym("p", "q")},
    wrt="X",
    objective="norm_fro(A @ X @ B - C) ** 2",
    statement=r"Let $f([[X]]) = \lVert [[A]] [[X]] [[B]] - [[C]] \rVert_F^2$. "
    r"Find $\partial f / \partial [[X]]$.",
    solution="2 * A.T @ (A @ X @ B - C) @ B.T",
    mistakes=[
        Mistake("A.T @ (A @ X @ B - C) @ B.T", "Differentiating a square gives a factor 2."),
        Mistake(
            "2 * (A @ X @ B - C)",
            "That is the gradient in the residual "
            "$R = [[A]][[X]][[B]] - [[C]]$; the chain rule wraps it in "
            "$[[A]]^\\top \\cdots [[B]]^\\top$.",
        ),
        Mistake(
            "2 * A.T @ (A @ X @ B - C)",
            "$[[X]]$ is multiplied by $[[B]]$ on the right: the gradient ends in $[[B]]^\\top$.",
        ),
    ],
    hints=[
        r"$\lVert R \rVert_F^2 = \operatorname{tr}(R^\top R)$, so "
        r"$\mathrm{d}f = 2\operatorname{tr}(R^\top [[A]]\,\mathrm{d}[[X]]\,[[B]])$."
    ],
    cookbook=[115, 119],
    vary=Vary(
        names={"X": ("X", "Y", "Z", "W"), "A": ("A", "L", "P"), "B": ("B", "R", "Q")},
    ),
)
