from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="least-squares-hessian",
    title="Hessian of the least-squares loss",
    topic="normal-equations",
    symbols={"A": Sym("m", "n"), "b": Sym("m"), "x": Sym("n"), "lam": Sym(positive=True)},
    constraints=["m > n"],
    kind="expression",
    wrt="x",
    objective="norm_fro(A @ x - b) ** 2 + lam * x.T @ x",
    relation="hessian",
    statement=r"Give the Hessian $\nabla^2_{[[x]]} f$ of the ridge loss "
    r"$f([[x]]) = \lVert [[A]][[x]] - [[b]] \rVert^2 + [[lam]]\,[[x]]^\top [[x]]$. "
    r"(It is constant: the loss is quadratic, and positive definite, so the stationary point "
    r"is the minimiser.)",
    solution="2 * A.T @ A + 2 * lam * I(n)",
    mistakes=[
        Mistake("A.T @ A + lam * I(n)", "Differentiating the squares gives a factor 2."),
        Mistake("2 * A.T @ A", "The penalty contributes $2[[lam]] I$."),
        Mistake(
            "2 * A @ A.T + 2 * lam * I(m)",
            "The Hessian in $[[x]] \\in "
            "\\mathbb{R}^{[[n]]}$ is $[[n]] \\times [[n]]$: $[[A]]^\\top [[A]]$.",
        ),
    ],
    hints=[
        r"Differentiate the gradient $2[[A]]^\top([[A]][[x]] - [[b]]) + 2[[lam]][[x]]$ "
        r"once more."
    ],
    vary=Vary(
        names={
            "A": ("A", "X", "M", "D", "Phi"),
            "x": ("x", "w", "beta"),
            "lam": ("lam", "alpha", "gamma"),
        },
    ),
)
