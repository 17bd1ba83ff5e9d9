from autograder.bank.model import FollowThrough, Mistake, Part, Problem, Sym, Vary

OBJECTIVE = "norm_fro(A @ x - b) ** 2 + lam * x.T @ x"

PROBLEM = Problem(
    id="ridge-guided",
    title="Ridge regression, step by step",
    topic="normal-equations",
    symbols={"A": Sym("m", "n"), "b": Sym("m"), "x": Sym("n"), "lam": Sym(positive=True)},
    constraints=["m > n"],
    statement=r"Ridge regression minimises "
    r"$f([[x]]) = \lVert [[A]] [[x]] - [[b]] \rVert^2 + [[lam]]\, [[x]]^\top [[x]]$ "
    r"with $[[lam]] > 0$.",
    parts=[
        Part(
            id="a",
            kind="gradient",
            prompt=r"Find the gradient $\nabla_{[[x]]} f$.",
            wrt="x",
            objective=OBJECTIVE,
            solution="2 * A.T @ (A @ x - b) + 2 * lam * x",
            mistakes=[
                Mistake(
                    "A.T @ (A @ x - b) + lam * x",
                    "Both squares contribute a factor 2 when differentiated.",
                ),
                Mistake(
                    "2 * A.T @ (A @ x - b)",
                    "The penalty $[[lam]] [[x]]^\\top [[x]]$ "
                    "depends on $[[x]]$ too: its gradient is $2[[lam]][[x]]$.",
                ),
                Mistake(
                    "2 * A.T @ (b - A @ x) + 2 * lam * x",
                    "Check the sign of the residual: differentiate $[[A]][[x]] - [[b]]$.",
                ),
            ],
            hints=[
                r"$\lVert r \rVert^2 = r^\top r$; use the chain rule through "
                r"$r = [[A]][[x]] - [[b]]$."
            ],
            cookbook=[81],
            points=2,
        ),
        Part(
            id="b",
            kind="expression",
            prompt=r"Set the gradient to zero and solve: give the minimiser $[[x]]^\star$.",
            wrt="x",
            objective=OBJECTIVE,
            relation="stationary",
            solution="inv(A.T @ A + lam * I(n)) @ A.T @ b",
            mistakes=[
                Mistake(
                    "inv(A.T @ A) @ A.T @ b",
                    "That is ordinary least squares: the "
                    "penalty adds $[[lam]] I$ to $[[A]]^\\top [[A]]$.",
                ),
                Mistake(
                    "inv(A.T @ A + 2 * lam * I(n)) @ A.T @ b",
                    "Divide the stationary condition by 2 on both sides.",
                ),
                Mistake(
                    "inv(A.T @ A - lam * I(n)) @ A.T @ b",
                    "Check the sign: the penalty makes the system better conditioned.",
                ),
            ],
            follows=FollowThrough("a", mode="root"),
            hints=[
                r"Collect the terms in $[[x]]$: $([[A]]^\top [[A]] + [[lam]] I)[[x]] = "
                r"[[A]]^\top [[b]]$."
            ],
            points=2,
        ),
    ],
    vary=Vary(
        names={
            "A": ("A", "X", "M", "D"),
            "b": ("b", "y", "t"),
            "x": ("x", "w", "beta", "theta"),
            "lam": ("lam", "alpha", "gamma"),
        },
    ),
)
