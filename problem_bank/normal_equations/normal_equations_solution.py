from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="normal-equations-solution",
    title="Solving the normal equations",
    topic="normal-equations",
    symbols={"A": Sym("m", "n"), "b": Sym("m"), "x": Sym("n")},
    constraints=["m > n"],
    kind="expression",
    wrt="x",
    objective="norm_fro(A @ x - b) ** 2",
    relation="stationary",
    statement=r"The minimiser of $\lVert [[A]][[x]] - [[b]] \rVert^2$ for a tall $[[A]]$ of "
    r"full column rank solves the normal equations "
    r"$[[A]]^\top [[A]] [[x]] = [[A]]^\top [[b]]$. Give the minimiser $[[x]]^\star$ in closed "
    r"form.",
    solution="inv(A.T @ A) @ A.T @ b",
    mistakes=[
        Mistake(
            "A.T @ b",
            "That is the right-hand side of the normal equations: multiply by "
            "$([[A]]^\\top [[A]])^{-1}$.",
        ),
        Mistake(
            "-inv(A.T @ A) @ A.T @ b",
            "Check the sign: the gradient "
            "$2[[A]]^\\top([[A]][[x]] - [[b]])$ vanishes at the solution.",
        ),
        Mistake("inv(A.T @ A) @ A.T @ b / 2", "The factors 2 cancel on both sides."),
    ],
    hints=[r"$[[A]]^\top [[A]]$ is invertible when $[[A]]$ has full column rank."],
    vary=Vary(
        names={"A": ("A", "X", "M", "D", "Phi"), "b": ("b", "y", "t"), "x": ("x", "w", "beta")},
    ),
)
