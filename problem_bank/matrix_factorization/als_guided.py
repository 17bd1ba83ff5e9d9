from autograder.bank.model import FollowThrough, Mistake, Part, Problem, Sym, Vary

LOSS = "norm_fro(X - W @ H) ** 2 + lam * norm_fro(W) ** 2"

PROBLEM = Problem(
    id="als-guided",
    title="Alternating least squares, step by step",
    topic="matrix-factorization",
    constraints=["m > k", "n > k"],
    symbols={"X": Sym("m", "n"), "W": Sym("m", "k"), "H": Sym("k", "n"), "lam": Sym(positive=True)},
    statement=r"Alternating least squares fixes $[[H]]$ and minimises "
    r"$f([[W]]) = \lVert [[X]] - [[W]] [[H]] \rVert_F^2 + [[lam]] \lVert [[W]] \rVert_F^2$ "
    r"over $[[W]]$, then the other way round.",
    parts=[
        Part(
            id="a",
            hints=[
                "$\\mathrm{d}f = -2\\operatorname{tr}(R^\\top \\mathrm{d}[[W]]\\,[[H]]) + "
                "2[[lam]]\\operatorname{tr}([[W]]^\\top \\mathrm{d}[[W]])$ with $R = [[X]] - "
                "[[W]][[H]]$."
            ],
            kind="gradient",
            prompt=r"Find $\partial f / \partial [[W]]$.",
            wrt="W",
            objective=LOSS,
            solution="-2 * (X - W @ H) @ H.T + 2 * lam * W",
            mistakes=[
                Mistake("-2 * (X - W @ H) @ H.T", "The penalty contributes $2[[lam]][[W]]$."),
                Mistake(
                    "-2 * (X - W @ H) @ H.T + lam * W",
                    "$\\lVert [[W]] \\rVert_F^2$ has gradient $2[[W]]$.",
                ),
                Mistake(
                    "2 * (X - W @ H) @ H.T + 2 * lam * W", "Check the sign of the residual term."
                ),
            ],
            cookbook=[119],
            points=2,
        ),
        Part(
            id="b",
            hints=[
                "Collect the terms in $[[W]]$: $[[W]]([[H]][[H]]^\\top + [[lam]] I) = "
                "[[X]][[H]]^\\top$."
            ],
            kind="expression",
            prompt=r"Solve the stationary condition: give the update $[[W]]^\star$.",
            wrt="W",
            objective=LOSS,
            relation="stationary",
            solution="X @ H.T @ inv(H @ H.T + lam * I(k))",
            mistakes=[
                Mistake(
                    "X @ H.T @ inv(H @ H.T)",
                    "That drops the penalty: it adds $[[lam]] I$ to $[[H]][[H]]^\\top$.",
                ),
                Mistake(
                    "inv(H @ H.T + lam * I(k)) @ H @ X.T",
                    "That is $([[W]]^\\star)^\\top$:"
                    " $[[W]]$ multiplies $([[H]][[H]]^\\top + [[lam]] I)$ from the left.",
                ),
                Mistake(
                    "X @ H.T @ inv(H @ H.T + 2 * lam * I(k))",
                    "Divide the stationary condition by 2 on both sides.",
                ),
            ],
            follows=FollowThrough("a", mode="root"),
            points=2,
        ),
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
