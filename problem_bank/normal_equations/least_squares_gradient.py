from autograder.bank.model import Case, Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="least-squares-gradient",
    title="Gradient of the least-squares loss",
    topic="normal-equations",
    symbols={"A": Sym("m", "n"), "b": Sym("m"), "x": Sym("n")},
    constraints=["m > n"],
    wrt="x",
    objective="F",
    statement=r"Least squares minimises $f([[x]]) = [[F]]$ over $[[x]]$, for a tall "
    r"$[[A]]$. Find $\nabla_{[[x]]} f$.",
    solution="G",
    mistakes=[
        Mistake("M1", "Differentiating the square gives a factor 2; check the constant in front."),
        Mistake("M2", "Check the sign of the residual $[[A]][[x]] - [[b]]$."),
        Mistake(
            "M3",
            "That is the gradient in the residual $r$; the chain rule multiplies by $[[A]]^\\top$.",
        ),
    ],
    hints=[r"$\lVert r \rVert^2 = r^\top r$ with $r = [[A]][[x]] - [[b]]$."],
    cookbook=[81],
    vary=Vary(
        cases=(
            Case(
                "plain",
                exprs={
                    "F": "norm_fro(A @ x - b) ** 2",
                    "G": "2 * A.T @ (A @ x - b)",
                    "M1": "A.T @ (A @ x - b)",
                    "M2": "2 * A.T @ (b - A @ x)",
                    "M3": "2 * (A @ x - b)",
                },
                tex={"F": r"\lVert [[A]][[x]] - [[b]] \rVert^2"},
            ),
            Case(
                "half",
                exprs={
                    "F": "norm_fro(A @ x - b) ** 2 / 2",
                    "G": "A.T @ (A @ x - b)",
                    "M1": "2 * A.T @ (A @ x - b)",
                    "M2": "A.T @ (b - A @ x)",
                    "M3": "A @ x - b",
                },
                tex={"F": r"\tfrac{1}{2}\lVert [[A]][[x]] - [[b]] \rVert^2"},
            ),
        ),
        names={"A": ("A", "X", "M", "D", "Phi"), "b": ("b", "y", "t"), "x": ("x", "w", "beta")},
    ),
)
