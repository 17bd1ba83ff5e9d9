from autograder.bank.model import Case, Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="nmf-gradient",
    title="Gradient of the factorization loss in the left factor",
    topic="matrix-factorization",
    constraints=["m > k", "n > k"],
    symbols={
        "X": Sym("m", "n"),
        "W": Sym("m", "k", positive=True),
        "H": Sym("k", "n", positive=True),
    },
    objective="F",
    wrt="W",
    statement=r"Non-negative matrix factorization fits $[[X]] \approx [[W]] [[H]]$ by "
    r"minimising $f = [[F]]$. Find $\partial f / \partial [[W]]$.",
    solution="G",
    mistakes=[
        Mistake("M1", "Check the constant factor: the square brings a 2."),
        Mistake("M2", "Check the sign: $f$ decreases when $[[W]][[H]]$ moves towards $[[X]]$."),
        Mistake("M3", "That is the gradient in the other factor, $[[H]]$."),
    ],
    hints=[
        r"$\mathrm{d}f = -2\operatorname{tr}(R^\top \mathrm{d}[[W]]\,[[H]])$ with "
        r"$R = [[X]] - [[W]][[H]]$ (for the plain square)."
    ],
    cookbook=[119],
    vary=Vary(
        cases=(
            Case(
                "plain",
                exprs={
                    "F": "norm_fro(X - W @ H) ** 2",
                    "G": "-2 * (X - W @ H) @ H.T",
                    "M1": "-(X - W @ H) @ H.T",
                    "M2": "2 * (X - W @ H) @ H.T",
                    "M3": "-2 * W.T @ (X - W @ H)",
                },
                tex={"F": r"\lVert [[X]] - [[W]] [[H]] \rVert_F^2"},
            ),
            Case(
                "half",
                exprs={
                    "F": "norm_fro(X - W @ H) ** 2 / 2",
                    "G": "-(X - W @ H) @ H.T",
                    "M1": "-2 * (X - W @ H) @ H.T",
                    "M2": "(X - W @ H) @ H.T",
                    "M3": "-W.T @ (X - W @ H)",
                },
                tex={"F": r"\tfrac12\lVert [[X]] - [[W]] [[H]] \rVert_F^2"},
            ),
        ),
        names={"X": ("X", "V", "Y"), "W": ("W", "U", "A"), "H": ("H", "Z", "B")},
    ),
)
