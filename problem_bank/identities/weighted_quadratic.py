from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="weighted-quadratic",
    title="A weighted quadratic form through a linear map",
    topic="identities",
    symbols={"A": Sym("m", "n"), "x": Sym("n"), "b": Sym("m"), "W": Sym("m", "m", spd=True)},
    wrt="x",
    objective="(A @ x - b).T @ W @ (A @ x - b)",
    statement=r"Let $f([[x]]) = ([[A]][[x]] - [[b]])^\top [[W]] ([[A]][[x]] - [[b]])$ with "
    r"$[[W]]$ symmetric positive definite. Find $\nabla_{[[x]]} f$.",
    solution="2 * A.T @ W @ (A @ x - b)",
    mistakes=[
        Mistake(
            "A.T @ W @ (A @ x - b)",
            "A quadratic form $r^\\top [[W]] r$ with symmetric "
            "$[[W]]$ has gradient $2[[W]]r$ in $r$: keep the factor 2.",
        ),
        Mistake(
            "2 * W @ (A @ x - b)",
            "That is the gradient in $r = [[A]][[x]] - [[b]]$; the "
            "chain rule multiplies by $[[A]]^\\top$.",
        ),
        Mistake("2 * A.T @ (A @ x - b)", "The weight $[[W]]$ stays in the gradient."),
    ],
    hints=[
        r"Put $r = [[A]][[x]] - [[b]]$: $\mathrm{d}f = 2 r^\top [[W]] [[A]]\,"
        r"\mathrm{d}[[x]]$."
    ],
    cookbook=[81],
    vary=Vary(
        names={
            "A": ("A", "X", "M", "D"),
            "x": ("x", "w", "theta"),
            "b": ("b", "y", "t"),
            "W": ("W", "Omega", "C"),
        },
    ),
)
