from autograder.bank.model import FollowThrough, Mistake, Part, Problem, Sym, Vary

OBJECTIVE = "(A @ x - b).T @ W @ (A @ x - b)"

PROBLEM = Problem(
    id="weighted-least-squares",
    title="Weighted least squares, step by step",
    topic="normal-equations",
    symbols={"A": Sym("m", "n"), "b": Sym("m"), "x": Sym("n"), "W": Sym("m", "m", spd=True)},
    constraints=["m > n"],
    statement=r"Weighted least squares minimises "
    r"$f([[x]]) = ([[A]][[x]] - [[b]])^\top [[W]] ([[A]][[x]] - [[b]])$ with a symmetric "
    r"positive definite weight $[[W]]$ and a tall $[[A]]$ of full column rank.",
    parts=[
        Part(
            id="a",
            hints=[
                "With $r = [[A]][[x]] - [[b]]$, $\\mathrm{d}f = 2 r^\\top [[W]] "
                "[[A]]\\,\\mathrm{d}[[x]]$."
            ],
            kind="gradient",
            prompt=r"Find $\nabla_{[[x]]} f$.",
            wrt="x",
            objective=OBJECTIVE,
            solution="2 * A.T @ W @ (A @ x - b)",
            mistakes=[
                Mistake(
                    "A.T @ W @ (A @ x - b)",
                    "With symmetric $[[W]]$ the quadratic form gives a factor 2.",
                ),
                Mistake("2 * A.T @ (A @ x - b)", "The weight $[[W]]$ stays in the gradient."),
            ],
            cookbook=[81],
            points=2,
        ),
        Part(
            id="b",
            hints=["Set $[[A]]^\\top [[W]] ([[A]][[x]] - [[b]]) = 0$ and solve for $[[x]]$."],
            kind="expression",
            prompt=r"Write the weighted normal equations and solve them: give $[[x]]^\star$.",
            wrt="x",
            objective=OBJECTIVE,
            relation="stationary",
            solution="inv(A.T @ W @ A) @ A.T @ W @ b",
            mistakes=[
                Mistake(
                    "inv(A.T @ A) @ A.T @ b",
                    "That is the unweighted solution: the "
                    "weight appears on both sides, $[[A]]^\\top[[W]][[A]][[x]] = "
                    "[[A]]^\\top[[W]][[b]]$.",
                ),
                Mistake("inv(A.T @ W @ A) @ A.T @ b", "The weight multiplies $[[b]]$ too."),
            ],
            follows=FollowThrough("a", mode="root"),
            points=2,
        ),
    ],
    vary=Vary(
        names={
            "A": ("A", "X", "M", "D"),
            "b": ("b", "y", "t"),
            "x": ("x", "w", "beta"),
            "W": ("W", "Omega", "C"),
        },
    ),
)
