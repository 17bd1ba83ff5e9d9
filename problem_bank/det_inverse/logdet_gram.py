from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="logdet-gram",
    title="Log-determinant of a regularised Gram matrix",
    topic="det-inverse",
    symbols={"X": Sym("n", "k"), "A": Sym("n", "n", spd=True)},
    wrt="X",
    objective="logdet(I(k) + X.T @ A @ X)",
    statement=r"Let $f([[X]]) = \log\det(I + [[X]]^\top [[A]] [[X]])$ with a symmetric "
    r"positive definite $[[A]]$. Find $\partial f / \partial [[X]]$.",
    solution="2 * A @ X @ inv(I(k) + X.T @ A @ X)",
    mistakes=[
        Mistake(
            "A @ X @ inv(I(k) + X.T @ A @ X)",
            "$[[X]]$ appears twice in the Gram matrix: two equal terms, so a factor 2.",
        ),
        Mistake(
            "2 * inv(I(k) + X.T @ A @ X)",
            "Chain rule: $\\mathrm{d}\\log\\det G = \\operatorname{tr}(G^{-1}\\mathrm{d}G)$ "
            "with $\\mathrm{d}G = \\mathrm{d}[[X]]^\\top [[A]] [[X]] + [[X]]^\\top [[A]]\\,"
            "\\mathrm{d}[[X]]$.",
        ),
        Mistake(
            "2 * X @ inv(I(k) + X.T @ A @ X)",
            "The weight $[[A]]$ stays: $\\mathrm{d}G$ contains $[[A]]\\,\\mathrm{d}[[X]]$.",
        ),
    ],
    hints=[
        r"With $G = I + [[X]]^\top [[A]] [[X]]$: $\mathrm{d}f = \operatorname{tr}(G^{-1}"
        r"\mathrm{d}G)$, and both terms of $\mathrm{d}G$ give the same trace."
    ],
    cookbook=[43],
    vary=Vary(
        names={"X": ("X", "Y", "Z", "W", "V"), "A": ("A", "W0", "C", "S")},
        dims={"k": ("k", "p")},
    ),
)
