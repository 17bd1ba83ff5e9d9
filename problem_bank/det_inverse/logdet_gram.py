from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="logdet-gram",
    title="Log-determinant of a weighted Gram matrix",
    topic="det-inverse",
    symbols={"X": Sym("n", "k"), "A": Sym("n", "n", spd=True)},
    constraints=["n > k"],
    wrt="X",
    objective="logdet(X.T @ A @ X)",
    statement=r"Let $f([[X]]) = \log\det([[X]]^\top [[A]] [[X]])$ for a tall $[[X]]$ of full "
    r"column rank and a symmetric positive definite $[[A]]$. Find "
    r"$\partial f / \partial [[X]]$.",
    solution="2 * A @ X @ inv(X.T @ A @ X)",
    mistakes=[
        Mistake(
            "A @ X @ inv(X.T @ A @ X)",
            "$[[X]]$ appears twice in the Gram matrix: two equal terms, so a factor 2.",
        ),
        Mistake(
            "2 * inv(X.T @ A @ X)",
            "Chain rule: $\\mathrm{d}\\log\\det G = "
            "\\operatorname{tr}(G^{-1}\\mathrm{d}G)$ with $\\mathrm{d}G = "
            "\\mathrm{d}[[X]]^\\top [[A]] [[X]] + [[X]]^\\top [[A]]\\,\\mathrm{d}[[X]]$.",
        ),
        Mistake(
            "2 * X @ inv(X.T @ A @ X)",
            "The weight $[[A]]$ stays: $\\mathrm{d}G$ contains $[[A]]\\,\\mathrm{d}[[X]]$.",
        ),
    ],
    hints=[
        r"With $G = [[X]]^\top [[A]] [[X]]$: $\mathrm{d}f = \operatorname{tr}(G^{-1}"
        r"\mathrm{d}G)$, and both terms of $\mathrm{d}G$ give the same trace."
    ],
    cookbook=[43],
    vary=Vary(
        names={"X": ("X", "Y", "Z", "W", "V"), "A": ("A", "W0", "C", "S")},
        dims={"k": ("k", "p")},
    ),
)
