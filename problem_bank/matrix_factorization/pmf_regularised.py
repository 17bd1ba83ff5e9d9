from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="pmf-regularised",
    title="Regularised factorization: gradient in the right factor",
    topic="matrix-factorization",
    constraints=["m > k", "n > k"],
    symbols={"X": Sym("m", "n"), "W": Sym("m", "k"), "H": Sym("k", "n"), "lam": Sym(positive=True)},
    objective="norm_fro(X - W @ H) ** 2 + lam * (norm_fro(W) ** 2 + norm_fro(H) ** 2)",
    wrt="H",
    statement=r"Probabilistic matrix factorization with Gaussian priors minimises "
    r"$f = \lVert [[X]] - [[W]] [[H]] \rVert_F^2 + [[lam]] \left(\lVert [[W]] \rVert_F^2 + "
    r"\lVert [[H]] \rVert_F^2\right)$. Find $\partial f / \partial [[H]]$.",
    solution="-2 * W.T @ (X - W @ H) + 2 * lam * H",
    mistakes=[
        Mistake(
            "-2 * W.T @ (X - W @ H)",
            "The penalty $[[lam]] \\lVert [[H]] \\rVert_F^2$ contributes $2[[lam]][[H]]$.",
        ),
        Mistake(
            "-2 * W.T @ (X - W @ H) + lam * H", "$\\lVert [[H]] \\rVert_F^2$ has gradient $2[[H]]$."
        ),
        Mistake("-2 * (X - W @ H) @ H.T + 2 * lam * W", "That is the gradient in $[[W]]$."),
    ],
    cookbook=[115, 119],
    hints=[
        "Differentiate the two terms separately; $\\lVert [[H]] \\rVert_F^2$ has gradient $2[[H]]$."
    ],
    vary=Vary(
        names={
            "X": ("X", "R", "Y"),
            "W": ("W", "U", "A"),
            "H": ("H", "V", "B"),
            "lam": ("lam", "alpha", "gamma"),
        },
    ),
)
